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
        [
            "E010 book.toml:3:1",
            "E052 handlaggarstod/begrepp.md:3:14",
            "E053 handlaggarstod/begrepp.md:3:39",
            "E051 handlaggarstod/steg/8-finns-inte.md:1:1",
            "E022 process/extra.yaml:1:1",
            "E042 process/kommun.yaml:7:14",
            "E044 process/kommun.yaml:8:15",
            "E038 process/kommun.yaml:13:14",
            "E031 process/kommun.yaml:14:14",
            "E041 process/underprocesser/extra.yaml:1:8",
            "E025 process/underprocesser/utredning.yaml:10:11",
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
        "::warning file=process/team.yaml,line=6,col=15,title=W001::step 6 leads back to step 5, against the numbering%0Ahelp: numbers should rise along the flow; renumber so the target comes after this step\n",
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
        run.stderr.contains("Usage: processkarta <COMMAND>"),
        "{run}"
    );
    assert!(run.stderr.contains("check"), "{run}");
}
