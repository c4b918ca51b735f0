//! Bounded, whatever the input: long chains of steps on a small stack, output that grows
//! with the number of problems and not with the size of a line, write errors, inputs that
//! used to take quadratic time or memory, and control characters in diagnostics.

mod util;

use std::fmt::Write as _;
use util::Model;

/// A valid model whose overview runs from step 1 through a chain of `n` steps (numbered from
/// 1000, at most 20 000 per lane file) to the end step 7.
fn chain(n: u32) -> Model {
    let model = Model::fixture("valid");
    let mut lanes = Vec::new();
    let last = 1000 + n - 1;
    for (k, first) in (1000..=last).step_by(20_000).enumerate() {
        let lane = format!("kedja{k}");
        let mut yaml = format!("name: Kedja {k}\nsteps:\n");
        for nr in first..=(first + 19_999).min(last) {
            let next = if nr == last { 7 } else { nr + 1 };
            let _ = write!(
                yaml,
                "  - nr: {nr}\n    title: Steg {nr}\n    next: {next}\n"
            );
            model.write(&format!("handlaggarstod/steg/{nr}-steg.md"), "Text.\n");
        }
        model.write(&format!("process/{lane}.yaml"), yaml);
        lanes.push(lane);
    }
    let karta = model.read("process/karta.yaml").replace(
        "lanes: [individ, kommun, team]",
        &format!("lanes: [individ, kommun, team, {}]", lanes.join(", ")),
    );
    model.write("process/karta.yaml", karta);
    let individ = model
        .read("process/individ.yaml")
        .replace("next: 2", "next: [2, 1000]");
    model.write("process/individ.yaml", individ);
    model
}

/// The codes `check` finds (sorted), run as the library on a thread with a 1 MiB stack (the size of
/// a Windows main thread).
fn check_on_small_stack(model: &Model) -> Vec<&'static str> {
    let root = model.path().to_path_buf();
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            let checked = processkarta::check_model(&root).unwrap();
            let mut codes: Vec<&'static str> = checked
                .diagnostics
                .iter()
                .map(|d| d.code.as_str())
                .collect();
            codes.sort_unstable();
            codes
        })
        .unwrap()
        .join()
        .expect("check overflowed or panicked")
}

#[test]
fn a_chain_of_12000_steps_checks_on_a_1_mib_stack() {
    let model = chain(12_000);
    // The last arrow, 11999 → 7, runs against the numbering; the map is far too large for A3.
    assert_eq!(check_on_small_stack(&model), ["W001", "W003"]);
}

#[test]
fn a_loop_of_12000_steps_with_no_way_out_is_found_on_a_1_mib_stack() {
    let model = chain(12_000);
    let lane = model
        .read("process/kedja0.yaml")
        .replace("next: 7\n", "next: 1000\n");
    model.write("process/kedja0.yaml", lane);
    assert_eq!(check_on_small_stack(&model), ["E036"]);
}

#[test]
fn a_chain_of_100000_steps_checks() {
    let model = chain(100_000);
    let run = model.run(&["check", "--format", "json"]);
    run.expect_status(0);
    let mut codes: Vec<String> = serde_json::from_str::<Vec<serde_json::Value>>(&run.stdout)
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    codes.sort_unstable();
    assert_eq!(codes, ["W001", "W003"], "{run}");
}

/// A lane file on one line of about 38 KiB: a start, an end and 900 steps whose arrows all
/// point to steps that do not exist (each one unreachable, pointing nowhere and without a
/// page: 2 700 problems on the same line).
fn one_long_line() -> Model {
    let model = Model::fixture("valid");
    let mut steps = vec![
        "{nr: 1, kind: start, title: Behöver stöd, next: 2}".to_string(),
        "{nr: 7, kind: end, title: Klar}".to_string(),
    ];
    for nr in 100..1000u32 {
        steps.push(format!(
            "{{nr: {nr}, title: Steg {nr}, next: {}}}",
            nr + 100_000
        ));
    }
    let yaml = format!("{{name: Individen, steps: [{}]}}\n", steps.join(", "));
    assert!(yaml.len() > 37 * 1024, "{}", yaml.len());
    model.write("process/individ.yaml", yaml);
    model
}

#[test]
fn a_long_line_is_cut_around_the_marker_and_problems_are_capped_per_file() {
    let model = one_long_line();
    let run = model.run(&["check"]);
    run.expect_status(1);
    // Was 160 MB: every one of 2 700 diagnostics printed the whole 38 KiB line.
    assert!(run.stderr.len() < 20_000, "{} bytes", run.stderr.len());
    let longest = run.stderr.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest <= 200, "a line of {longest} characters");
    let shown = run.stderr.matches("\nerror[").count() + 1;
    assert_eq!(shown, 25, "{run}");
    assert!(
        run.stderr.contains(
            "… and 2675 more in process/individ.yaml, not shown (fix the ones above first; `processkarta check --format json` lists them all)\n"
        ),
        "{run}"
    );
    assert!(
        run.stderr.ends_with("2700 error(s), 0 warning(s)\n"),
        "{run}"
    );
    // JSON lists them all, without the source.
    let json = model.run(&["check", "--format", "json"]);
    let all: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(all.len(), 2700);
    // GitHub: 25 annotations, a notice with the count of the rest, and the summary.
    let github = model.run(&["check", "--format", "github"]);
    let lines: Vec<&str> = github.stdout.lines().collect();
    assert_eq!(lines.len(), 27, "{github}");
    assert!(lines[25].starts_with(
        "::notice file=process/individ.yaml::… and 2675 more in process/individ.yaml, not shown"
    ));
    assert!(
        lines[26].starts_with("::notice title=processkarta::2700 errors"),
        "{github}"
    );
    // diff prints the errors of a side the same way.
    let base = Model::fixture("valid");
    let diff = util::run_in(model.path(), &["diff", base.path().to_str().unwrap(), "."]);
    assert!(diff.stderr.len() < 20_000, "{} bytes", diff.stderr.len());
    assert!(diff
        .stderr
        .contains("… and 2675 more in process/individ.yaml"));
}

#[test]
fn a_cut_line_keeps_its_real_line_and_column_and_the_marker_under_the_value() {
    let model = Model::fixture("valid");
    let filler = "x".repeat(300);
    model.write(
        "process/individ.yaml",
        format!(
            "name: Individen\nsteps:\n  - {{nr: 1, kind: start, title: \"{filler}\", next: 99}}\n  - nr: 7\n    kind: end\n    title: Klar\n"
        ),
    );
    let run = model.run(&["check"]);
    run.expect_status(1);
    let col = 5 + "{nr: 1, kind: start, title: \"".len() + filler.len() + "\", next: ".len();
    let header = format!("┌─ process/individ.yaml:3:{col}\n");
    let at = run.stderr.find(&header).unwrap_or_else(|| panic!("{run}"));
    let block: Vec<&str> = run.stderr[at..].lines().collect();
    let source = block[2];
    let marker = block[3];
    assert!(source.starts_with("3 │ …"), "{source}");
    assert!(source.ends_with("xxx\", next: 99}"), "{source}");
    let value_at = source.find("99}").unwrap();
    let caret_at = marker.find("^^").unwrap();
    assert_eq!(
        source[..value_at].chars().count(),
        marker[..caret_at].chars().count(),
        "{source}\n{marker}"
    );
}

#[test]
fn control_characters_never_reach_the_terminal_raw() {
    let model = Model::fixture("valid");
    // A file name and a Markdown line with escape sequences (clear the screen, red text)
    // and a carriage return that would overwrite the line.
    model.write("handlaggarstod/steg/9\u{1b}[31m-rod.md", "Text.\n");
    let page = model.read("handlaggarstod/begrepp.md");
    model.write(
        "handlaggarstod/begrepp.md",
        format!("{page}\nSe [steg\u{1b}[2J\r nio](steg:99).\n"),
    );
    for format in ["human", "json", "github"] {
        let run = model.run(&["check", "--format", format]);
        run.expect_status(1);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(!all.contains('\u{1b}'), "raw escape in {format}\n{run}");
        assert!(
            !all.contains('\r'),
            "raw carriage return in {format}\n{run}"
        );
        assert!(all.contains("\\u{1b}[31m-rod.md"), "{format}\n{run}");
        if format == "human" {
            assert!(
                all.contains("Se [steg\\u{1b}[2J\\u{d} nio](steg:99)."),
                "{run}"
            );
        }
    }
}

/// Where a test sends one of the command's streams.
#[cfg(target_os = "linux")]
enum Sink {
    /// `/dev/full`: every write fails with "no space left on device".
    Full,
    /// A pipe whose reading end is already closed, as after `| head -c1`.
    Closed,
}

#[cfg(target_os = "linux")]
fn sink(sink: &Sink) -> std::process::Stdio {
    match sink {
        Sink::Full => std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
            .into(),
        Sink::Closed => {
            let (reader, writer) = std::io::pipe().unwrap();
            drop(reader);
            writer.into()
        }
    }
}

/// Runs the command in `dir` with standard output (or, `on_stderr`, standard error) sent to
/// `to`; returns the exit status and the other stream.
#[cfg(target_os = "linux")]
fn run_into(dir: &std::path::Path, args: &[&str], to: Sink, on_stderr: bool) -> (i32, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_processkarta"));
    cmd.args(args).current_dir(dir).env("NO_COLOR", "1");
    if on_stderr {
        cmd.stderr(sink(&to)).stdout(std::process::Stdio::piped());
    } else {
        cmd.stdout(sink(&to)).stderr(std::process::Stdio::piped());
    }
    let out = cmd.output().unwrap();
    let other = if on_stderr { out.stdout } else { out.stderr };
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&other).into_owned(),
    )
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_reported_once_with_status_2_in_every_command() {
    let valid = Model::fixture("valid");
    let broken = Model::fixture("valid");
    broken.overlay(&util::fixture("rules/E031-unknown-step"));
    let out = util::tempdir();
    let site = out.path().join("site");
    let new = out.path().join("ny");
    let (v, b) = (
        valid.path().to_str().unwrap(),
        broken.path().to_str().unwrap(),
    );
    let full_stdout: [&[&str]; 6] = [
        &["check", "--format", "json"],
        &["check", b, "--format", "github"],
        &["diff", v, b],
        &["diff", v, b, "--format", "json"],
        &["schema"],
        &["export", "--to", "dot"],
    ];
    for args in full_stdout {
        let (status, stderr) = run_into(valid.path(), args, Sink::Full, false);
        let line =
            "error: cannot write to standard output: No space left on device (os error 28)\n";
        assert_eq!(status, 2, "{args:?}\n{stderr}");
        assert!(stderr.ends_with(line), "{args:?}\n{stderr}");
        assert_eq!(
            stderr.matches("error: cannot write").count(),
            1,
            "{args:?}\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}\n{stderr}");
    }
    let full_stderr: [&[&str]; 6] = [
        &["check"],
        &["check", b],
        &["diff", v, b],
        &["build", "-o", site.to_str().unwrap()],
        &["export", b, "--to", "dot"],
        &["init", new.to_str().unwrap()],
    ];
    for args in full_stderr {
        let (status, _) = run_into(valid.path(), args, Sink::Full, true);
        assert_eq!(status, 2, "{args:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_closed_pipe_stops_quietly_with_the_usual_status() {
    let valid = Model::fixture("valid");
    let broken = Model::fixture("valid");
    broken.overlay(&util::fixture("rules/E031-unknown-step"));
    let b = broken.path().to_str().unwrap();
    for (args, expected) in [
        (vec!["schema"], 0),
        (vec!["export", "--to", "bpmn"], 0),
        (vec!["check", "--format", "json"], 0),
        (vec!["check", b, "--format", "json"], 1),
        (vec!["diff", ".", b], 0),
    ] {
        let (status, stderr) = run_into(valid.path(), &args, Sink::Closed, false);
        assert_eq!(status, expected, "{args:?}\n{stderr}");
        assert!(
            !stderr.contains("error: cannot write"),
            "{args:?}\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}\n{stderr}");
    }
    let (status, _) = run_into(valid.path(), &["check", b], Sink::Closed, true);
    assert_eq!(status, 1);
}

fn codes_of(run: &util::Run) -> Vec<String> {
    serde_json::from_str::<Vec<serde_json::Value>>(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e})\n{run}"))
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}",
                d["code"].as_str().unwrap(),
                d["line"],
                d["column"]
            )
        })
        .collect()
}

#[test]
fn a_label_of_1_mb_is_refused_at_its_line() {
    let model = Model::fixture("valid");
    let lane = model.read("process/kommun.yaml").replace(
        "{to: 4, label: Ja}",
        &format!("{{to: 4, label: \"{}\"}}", "Ja ja ja ".repeat(120_000)),
    );
    model.write("process/kommun.yaml", lane);
    let run = model.run(&["check", "--format", "json"]);
    run.expect_status(1);
    assert_eq!(codes_of(&run), ["E008 12:24"], "{run}");
    assert!(run
        .stdout
        .contains("is 1080000 characters long; a label may have at most 100"));
    // Was 2.6 GB and minutes in build: now refused before the layout.
    let build = model.run(&["build"]);
    build.expect_status(1);
    assert!(build.stderr.contains("error[E008]"), "{build}");
    assert!(build.stderr.len() < 2_000, "{build}");
}

#[test]
fn a_title_with_20000_soft_hyphens_is_refused_at_its_line() {
    let model = Model::fixture("valid");
    let lane = model.read("process/kommun.yaml").replace(
        "title: Tar emot ansökan",
        &format!("title: \"Tar emot {}sökan\"", "an\\u00AD".repeat(20_000)),
    );
    model.write("process/kommun.yaml", lane);
    let run = model.run(&["check", "--format", "json"]);
    run.expect_status(1);
    let codes = codes_of(&run);
    assert!(codes.contains(&"E008 5:12".to_string()), "{run}");
    assert!(run
        .stdout
        .contains("the title of step 2 is 60014 characters long; a title may have at most 300"));
    model.run(&["build"]).expect_status(1);
}

#[test]
fn eight_thousand_identical_headings_get_unique_ids_in_order() {
    let model = Model::fixture("valid");
    model.write(
        "handlaggarstod/steg/7-klar.md",
        "## Syfte\n\nText.\n\n".repeat(8_000) + "## Syfte 3\n\nSist.\n",
    );
    model.run(&["build"]).expect_status(0);
    let html = model.read("book/steg/7.html");
    // The page's own sections ("Kommer från", "Leder till") come first.
    let ids: Vec<&str> = html
        .match_indices("<h2 id=\"")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .filter(|id| id.starts_with("syfte"))
        .collect();
    let mut expected = vec!["syfte".to_string()];
    expected.extend((2..=8_000).map(|n| format!("syfte-{n}")));
    // "Syfte 3" wants `syfte-3`, which the third "Syfte" already has.
    expected.push("syfte-3-2".to_string());
    let first_difference = ids.iter().zip(&expected).position(|(a, b)| a != b);
    assert!(
        ids.len() == expected.len() && first_difference.is_none(),
        "{} ids, first difference at {first_difference:?}",
        ids.len()
    );
}

#[test]
fn diff_of_two_maps_of_12000_steps_all_renamed() {
    let old = chain(12_000);
    let new = chain(12_000);
    let lane = new.read("process/kedja0.yaml");
    let renamed: String = lane
        .lines()
        .map(|l| match l.strip_prefix("    title: ") {
            Some(t) => format!("    title: {t} ändrad\n"),
            None => format!("{l}\n"),
        })
        .collect();
    new.write("process/kedja0.yaml", renamed);
    // Far more steps left after the exact rounds than the scored round takes: they are
    // paired by number and lane instead (this ran for over ten minutes before).
    let run = util::run_in(
        new.path(),
        &[
            "diff",
            old.path().to_str().unwrap(),
            ".",
            "--format",
            "json",
        ],
    );
    run.expect_status(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 12_000);
    assert!(changes.iter().all(|c| c["change"] == "step-renamed"));
    assert_eq!(changes[0]["old_title"], "Steg 1000");
    assert_eq!(changes[0]["new_title"], "Steg 1000 ändrad");
}
