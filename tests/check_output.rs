//! `check` as a whole: many problems in one run, the exact JSON and GitHub formats, exit
//! statuses, and files saved by Windows editors.

mod util;

use util::Model;

fn ten_errors() -> Model {
    let model = Model::fixture("valid");
    model.overlay(&util::fixture("ten-errors"));
    model
}

#[test]
fn reports_every_problem_in_one_run() {
    let run = ten_errors().run(&["check", "--format", "json"]);
    run.expect_status(1);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let got: Vec<String> = diags
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}:{}",
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"]
            )
        })
        .collect();
    assert_eq!(
        got,
        // Syntax first, then model, graph and guidance; by file and line within each.
        [
            "E010 book.toml:3:1",
            "E022 process/extra.yaml:1:1",
            "E042 process/kommun.yaml:7:14",
            "E041 process/underprocesser/extra.yaml:1:8",
            "E025 process/underprocesser/utredning.yaml:10:11",
            "E044 process/kommun.yaml:8:15",
            "E038 process/kommun.yaml:13:14",
            "E031 process/kommun.yaml:14:14",
            "E052 handlaggarstod/begrepp.md:3:14",
            "E053 handlaggarstod/begrepp.md:3:39",
            "E051 handlaggarstod/steg/8-finns-inte.md:1:1",
        ],
        "{run}"
    );
}

#[test]
fn json_format_is_exact() {
    let model = Model::fixture("valid");
    model.overlay(&util::fixture("rules/E031-unknown-step"));
    let run = model.run(&["check", "--format", "json"]);
    run.expect_status(1);
    assert_eq!(
        run.stdout,
        r#"[
  {
    "severity": "error",
    "code": "E031",
    "message": "step 3 points to step 99, which does not exist",
    "file": "process/kommun.yaml",
    "line": 13,
    "column": 14,
    "help": "the overview has steps 1–4, 6–7; sub-process steps cannot be targets here"
  }
]
"#,
        "{run}"
    );
}

#[test]
fn github_format_is_exact() {
    let model = Model::fixture("valid");
    model.overlay(&util::fixture("rules/W001-backward-arrow"));
    let run = model.run(&["check", "--format", "github"]);
    run.expect_status(0);
    assert_eq!(
        run.stdout,
        "::warning file=process/team.yaml,line=6,col=15,title=W001::step 6 leads back to step 5, against the numbering%0Ahelp: numbers should rise along the flow; renumber so the target comes after this step\n\
         ::notice title=processkarta::0 errors, 1 warning\n",
        "{run}"
    );
    model
        .run(&["check", "--format", "github", "--deny-warnings"])
        .expect_status(1);
}

#[test]
fn human_format_shows_the_line_and_a_marker() {
    let model = Model::fixture("valid");
    model.overlay(&util::fixture("rules/E003-unknown-field"));
    let run = model.run(&["check"]);
    run.expect_status(1);
    let expected = "error[E003]: unknown field `nxet`
  ┌─ process/individ.yaml:6:5
  │
6 │     nxet: 2
  │     ^^^^ not a known field here
  │
  = help: did you mean `next`?
";
    assert!(run.stderr.contains(expected), "{run}");
}

#[test]
fn windows_line_endings_and_bom_give_the_same_positions() {
    let model = Model::fixture("valid");
    model.overlay(&util::fixture("ten-errors"));
    let lf = model.run(&["check", "--format", "json"]);
    for rel in [
        "process/kommun.yaml",
        "process/underprocesser/utredning.yaml",
        "handlaggarstod/begrepp.md",
        "book.toml",
    ] {
        let text = model.read(rel).replace('\n', "\r\n");
        model.write(rel, format!("\u{feff}{text}"));
    }
    let crlf = model.run(&["check", "--format", "json"]);
    crlf.expect_status(1);
    assert_eq!(lf.stdout, crlf.stdout, "{crlf}");
    let valid = Model::fixture("valid");
    let before = valid.run(&["check", "--format", "json"]);
    for rel in [
        "process/kommun.yaml",
        "book.toml",
        "handlaggarstod/index.md",
    ] {
        let text = valid.read(rel).replace('\n', "\r\n");
        valid.write(rel, format!("\u{feff}{text}"));
    }
    let after = valid.run(&["check", "--format", "json"]);
    after.expect_status(0);
    assert_eq!(before.stdout, after.stdout);
}

#[test]
fn usage_and_io_errors_exit_2() {
    let dir = util::tempdir();
    let run = util::run_in(dir.path(), &["check"]);
    run.expect_status(2);
    assert!(run.stderr.contains("has no book.toml"), "{run}");
    util::run_in(dir.path(), &["check", "does-not-exist"]).expect_status(2);
    util::run_in(dir.path(), &["check", "--format", "xml"]).expect_status(2);
}

#[test]
fn no_subcommand_prints_help() {
    let dir = util::tempdir();
    let run = util::run_in(dir.path(), &[]);
    assert_ne!(run.status, 0);
    assert!(
        run.stderr
            .contains("Usage: processkarta [OPTIONS] <COMMAND>"),
        "{run}"
    );
    assert!(run.stderr.contains("check"), "{run}");
}

/// `code file:line` of each diagnostic of a JSON report.
fn places(json: &str) -> Vec<String> {
    let diags: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    diags
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}",
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap_or("-"),
                d["line"]
            )
        })
        .collect()
}

#[test]
fn one_unquoted_colon_in_the_repositorys_model_is_the_one_problem_reported() {
    // Before: 95 errors in 761 lines of output, the YAML error 87th.
    let model = Model::repository();
    model.edit(
        "process/forsakringskassan.yaml",
        "title: Avslag och information om samordning",
        "title: Beslut: avslag",
    );
    let json = model.run(&["check", "--format", "json"]);
    json.expect_status(1);
    let got = places(&json.stdout);
    assert_eq!(got, ["E001 process/forsakringskassan.yaml:11"], "{json}");
    assert!(
        json.stdout
            .contains("121 follow-on problems are not reported until this is fixed"),
        "{json}"
    );

    let human = model.run(&["check"]);
    human.expect_status(1);
    assert!(
        human
            .stderr
            .starts_with("error[E001]: this file is not valid YAML"),
        "{human}"
    );
    assert!(human.stderr.lines().count() <= 12, "{human}");

    let github = model.run(&["check", "--format", "github"]);
    github.expect_status(1);
    let lines: Vec<&str> = github.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{github}");
    assert!(
        lines[0]
            .starts_with("::error file=process/forsakringskassan.yaml,line=11,col=18,title=E001::"),
        "{github}"
    );
    assert_eq!(lines[1], "::notice title=processkarta::1 error, 0 warnings");
}

#[test]
fn a_tab_or_a_missing_space_in_an_init_model_is_reported_first() {
    // Before: 8 errors each, the YAML error 7th.
    for (from, to) in [
        (
            "    title: Utreder och beslutar",
            "\ttitle: Utreder och beslutar",
        ),
        (
            "    title: Utreder och beslutar",
            "    title:Utreder och beslutar",
        ),
    ] {
        let model = Model::init();
        model.edit("process/handlaggare.yaml", from, to);
        let run = model.run(&["check", "--format", "json"]);
        run.expect_status(1);
        assert_eq!(
            places(&run.stdout),
            ["E001 process/handlaggare.yaml:17"],
            "{run}"
        );
        let github = model.run(&["check", "--format", "github"]);
        assert!(
            github
                .stdout
                .starts_with("::error file=process/handlaggare.yaml,line=17,"),
            "{github}"
        );
    }
}

#[test]
fn causes_come_first_and_in_the_same_order_in_every_format() {
    let model = Model::fixture("valid");
    model.overlay(&util::fixture("ten-errors"));
    // A second, unrelated file with a syntax error: it is reported before every other class.
    model.write(
        "process/team.yaml",
        "name: Team\nsteps:\n  - nr: 6\n    title: A: B\n",
    );
    let json = model.run(&["check", "--format", "json"]);
    let order = places(&json.stdout);
    assert_eq!(order[0], "E010 book.toml:3", "{json}");
    assert_eq!(order[1], "E001 process/team.yaml:4", "{json}");
    let github = model.run(&["check", "--format", "github"]);
    let github_order: Vec<String> = github
        .stdout
        .lines()
        .filter(|l| !l.starts_with("::notice"))
        .map(|l| {
            let code = &l[l.find("title=").unwrap() + 6..][..4];
            let file = &l[l.find("file=").unwrap() + 5..l.find(",line").unwrap()];
            let line = &l[l.find("line=").unwrap() + 5..l.find(",col").unwrap()];
            format!("{code} {file}:{line}")
        })
        .collect();
    assert_eq!(github_order, order, "{github}");
    let human = model.run(&["check"]);
    let human_order: Vec<String> = human
        .stderr
        .lines()
        .filter_map(|l| {
            l.strip_prefix("error[")
                .or_else(|| l.strip_prefix("warning["))
        })
        .map(|l| l[..4].to_string())
        .collect();
    let codes: Vec<String> = order.iter().map(|o| o[..4].to_string()).collect();
    assert_eq!(human_order, codes, "{human}");
    let summary = github.stdout.lines().last().unwrap();
    assert_eq!(
        summary,
        format!(
            "::notice title=processkarta::{} errors, 0 warnings; fix the first error first, later ones may follow from it; \
             GitHub shows only the first 10 of each kind, run `processkarta check` to see all",
            order.len()
        ),
        "{github}"
    );
}
