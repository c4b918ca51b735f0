//! `processkarta diff`: one test per kind of change between `tests/fixtures/diff/base` and a
//! changed copy of it, renumbering recognised as renumbering, the three output formats, the
//! exit codes, git revisions, and a model with errors.

mod util;

use serde_json::{json, Value};
use std::path::Path;
use util::{git, run_in, Model, Run};

/// The diff fixtures in a temporary folder; every test gets its own copy.
fn fixtures() -> Model {
    Model::fixture("diff")
}

/// `processkarta diff base <variant> [args]`, run in the fixtures folder, exit status 0.
fn diff(variant: &str, args: &[&str]) -> Run {
    let m = fixtures();
    let mut all = vec!["diff", "base", variant];
    all.extend_from_slice(args);
    let run = m.run(&all);
    run.expect_status(0);
    run
}

/// The lines of the text report, with the header line checked and left out.
fn text_lines(variant: &str) -> Vec<String> {
    let run = diff(variant, &[]);
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next(),
        Some(format!("processkarta diff: base → {variant}").as_str()),
        "{run}"
    );
    assert!(run.stderr.is_empty(), "no diagnostics expected\n{run}");
    lines.map(str::to_string).collect()
}

fn assert_text(variant: &str, expected: &[&str]) {
    let got = text_lines(variant);
    assert_eq!(got, expected, "diff base {variant}:\n{}", got.join("\n"));
}

/// The `changes` of the JSON report.
fn json_changes(variant: &str) -> Vec<Value> {
    let run = diff(variant, &["--format", "json"]);
    let v: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{run}"));
    v["changes"].as_array().unwrap().clone()
}

#[test]
fn step_added() {
    assert_text(
        "step-added",
        &[
            "",
            "Errors and warnings of check",
            "  + new warning W001 at process/kommun.yaml:20: step 8 leads back to step 7, against the numbering",
            "",
            "Overview: Diffmodell",
            "  + step 8 \"Följer upp\" added in Kommunen (task)",
            "  - arrow 6 \"Gemensam konsultation\" → 7 \"Klar\"",
            "  + arrow 6 \"Gemensam konsultation\" → 8 \"Följer upp\"",
            "  + arrow 8 \"Följer upp\" → 7 \"Klar\"",
            "",
            "Guidance",
            "  + steg/8-foljer-upp.md (step 8): added, 6 words",
            "",
            "5 changes: 1 step change, 3 arrow changes, 1 guidance page",
        ],
    );
}

#[test]
fn step_removed() {
    assert_text(
        "step-removed",
        &[
            "",
            "Overview: Diffmodell",
            "  - step 5 \"Medicinsk bedömning\" removed from Regionen (task)",
            "  - arrow 4 \"Utredning\" → 5 \"Medicinsk bedömning\"",
            "  - arrow 5 \"Medicinsk bedömning\" → 6 \"Gemensam konsultation\"",
            "  + arrow 4 \"Utredning\" → 6 \"Gemensam konsultation\"",
            "",
            "Guidance",
            "  - steg/5-medicinsk-bedomning.md (step 5): removed, 26 words",
            "",
            "5 changes: 1 step change, 3 arrow changes, 1 guidance page",
        ],
    );
}

#[test]
fn step_renamed() {
    assert_text(
        "step-renamed",
        &[
            "",
            "Overview: Diffmodell",
            "  ~ step 5 renamed \"Medicinsk bedömning\" → \"Medicinsk bedömning och behandling\"",
            "",
            "1 change: 1 step change",
        ],
    );
    assert_eq!(
        json_changes("step-renamed"),
        vec![json!({
            "change": "step-renamed", "map": "overview", "old_step": "5", "step": "5",
            "old_title": "Medicinsk bedömning",
            "new_title": "Medicinsk bedömning och behandling"
        })]
    );
}

#[test]
fn step_moved_to_another_lane() {
    assert_text(
        "step-moved",
        &[
            "",
            "Overview: Diffmodell",
            "  ~ step 4 \"Utredning\" moved from Kommunen to Regionen",
            "",
            "1 change: 1 step change",
        ],
    );
    assert_eq!(
        json_changes("step-moved"),
        vec![json!({
            "change": "step-moved", "map": "overview", "old_step": "4", "step": "4",
            "title": "Utredning", "old_lane": "kommun", "new_lane": "region"
        })]
    );
}

#[test]
fn renumbering_is_a_renumbering_not_a_removal_and_an_addition() {
    assert_text(
        "step-renumbered",
        &[
            "",
            "Overview: Diffmodell",
            "  ~ step 7 → 9 \"Klar\" renumbered",
            "",
            "1 change: 1 step change",
        ],
    );
    // The arrow 6 → 7 became 6 → 9 with the step: not a change. The guidance page moved
    // from 7-klar.md to 9-klar.md with the same text: not a change either.
    assert_eq!(
        json_changes("step-renumbered"),
        vec![json!({
            "change": "step-renumbered", "map": "overview", "old_step": "7", "step": "9",
            "title": "Klar"
        })]
    );
}

#[test]
fn an_inserted_step_renumbers_the_steps_after_it() {
    assert_text(
        "step-inserted",
        &[
            "",
            "Overview: Diffmodell",
            "  + step 5 \"Bokar tid för bedömning\" added in Regionen (task)",
            "  ~ step 5 → 6 \"Medicinsk bedömning\" renumbered",
            "  ~ step 6 → 7 \"Gemensam konsultation\" renumbered",
            "  ~ step 7 → 8 \"Klar\" renumbered",
            "  - arrow 4 \"Utredning\" → 5 \"Medicinsk bedömning\"",
            "  + arrow 4 \"Utredning\" → 5 \"Bokar tid för bedömning\"",
            "  + arrow 5 \"Bokar tid för bedömning\" → 6 \"Medicinsk bedömning\"",
            "  (removed steps and arrows carry their old numbers)",
            "",
            "Guidance",
            "  + steg/5-bokar-tid.md (step 5): added, 6 words",
            "",
            "8 changes: 4 step changes, 3 arrow changes, 1 guidance page",
        ],
    );
    let kinds: Vec<String> = json_changes("step-inserted")
        .iter()
        .map(|c| c["change"].as_str().unwrap().to_string())
        .collect();
    assert!(!kinds.iter().any(|k| k == "step-removed"), "{kinds:?}");
    assert_eq!(kinds.iter().filter(|k| *k == "step-added").count(), 1);
    assert_eq!(kinds.iter().filter(|k| *k == "step-renumbered").count(), 3);
}

#[test]
fn a_step_renumbered_and_renamed_is_recognised_by_its_neighbours() {
    let m = fixtures();
    // Step 7 "Klar" becomes step 9 "Klar med processen": too little of the title is left to
    // recognise it by the title alone, but it has the same arrow in from step 6.
    let individ = m
        .read("step-renumbered/process/individ.yaml")
        .replace("title: Klar", "title: Klar med processen");
    m.write("step-renumbered/process/individ.yaml", individ);
    let run = m.run(&["diff", "base", "step-renumbered", "--format", "json"]);
    run.expect_status(0);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        v["changes"],
        json!([
            {"change": "step-renumbered", "map": "overview", "old_step": "7", "step": "9",
             "title": "Klar med processen"},
            {"change": "step-renamed", "map": "overview", "old_step": "7", "step": "9",
             "old_title": "Klar", "new_title": "Klar med processen"}
        ]),
        "{run}"
    );

    // Without the arrow from step 6 nothing but the title is left, and that is too little:
    // the step counts as removed and another one as added.
    let team = m
        .read("step-renumbered/process/team.yaml")
        .replace("    next: 9\n", "");
    m.write("step-renumbered/process/team.yaml", team);
    let run = m.run(&["diff", "base", "step-renumbered", "--format", "json"]);
    run.expect_status(0);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let kinds: Vec<&str> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["change"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "step-removed",
            "step-added",
            "arrow-removed",
            "guidance-added",
            "guidance-removed"
        ],
        "{run}"
    );
}

#[test]
fn kind_changed() {
    assert_text(
        "kind-changed",
        &[
            "",
            "Overview: Diffmodell",
            "  ~ step 3 \"Behövs utredning?\" kind vagval → task",
            "",
            "1 change: 1 step change",
        ],
    );
}

#[test]
fn arrows_added_and_removed() {
    assert_text(
        "arrows",
        &[
            "",
            "Overview: Diffmodell",
            "  - arrow 2 \"Tar emot ansökan\" → 6 \"Gemensam konsultation\"",
            "  + arrow 5 \"Medicinsk bedömning\" → 7 \"Klar\"",
            "",
            "2 changes: 2 arrow changes",
        ],
    );
}

#[test]
fn vagval_label_changed() {
    assert_text(
        "labels",
        &[
            "",
            "Overview: Diffmodell",
            "  ~ arrow 3 → 4 label \"Ja\" → \"Ja, utredning behövs\"",
            "",
            "1 change: 1 arrow change",
        ],
    );
}

#[test]
fn aktualisering_added_and_removed() {
    assert_text(
        "aktualisering",
        &[
            "",
            "Overview: Diffmodell",
            "  ~ step 2 \"Tar emot ansökan\" aktualisering removed",
            "  ~ step 5 \"Medicinsk bedömning\" aktualisering added",
            "",
            "2 changes: 2 step changes",
        ],
    );
}

#[test]
fn guidance_changed_with_a_word_summary() {
    assert_text(
        "guidance",
        &[
            "",
            "Guidance",
            "  ~ steg/5-medicinsk-bedomning.md (step 5): 3 words added, 1 removed",
            "      … Regionen gör en medicinsk {+och psykosocial+} bedömning av arbetsförmågan och …",
            "      … arbetsförmågan och skriver ett [-intyg.-] {+läkarintyg.+} ## Så här gör …",
            "",
            "1 change: 1 guidance page",
        ],
    );
    let changes = json_changes("guidance");
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["change"], "guidance-changed");
    assert_eq!(changes[0]["step"], "5");
    assert_eq!(changes[0]["words_added"], 3);
    assert_eq!(changes[0]["words_removed"], 1);
}

#[test]
fn subprocess_added() {
    assert_text(
        "subprocess-added",
        &[
            "",
            "Errors and warnings of check",
            "  + new warning W001 at process/kommun.yaml:22: step 8 leads back to step 7, against the numbering",
            "",
            "Sub-processes",
            "  + subprocess samordning \"Samordning av insatser\" added, opened from step 8, 3 steps",
            "",
            "Overview: Diffmodell",
            "  + step 8 \"Samordning\" added in Kommunen (subprocess)",
            "  - arrow 6 \"Gemensam konsultation\" → 7 \"Klar\"",
            "  + arrow 6 \"Gemensam konsultation\" → 8 \"Samordning\"",
            "  + arrow 8 \"Samordning\" → 7 \"Klar\"",
            "",
            "Guidance",
            "  + steg/8-samordning.md (step 8): added, 4 words",
            "  + steg/8.1-samordning-startar.md (step 8.1): added, 4 words",
            "  + steg/8.2-planerar-insatser.md (step 8.2): added, 5 words",
            "  + steg/8.3-tillbaka.md (step 8.3): added, 3 words",
            "",
            "9 changes: 1 step change, 3 arrow changes, 1 sub-process change, 4 guidance pages",
        ],
    );
}

#[test]
fn subprocess_removed() {
    assert_text(
        "subprocess-removed",
        &[
            "",
            "Sub-processes",
            "  - subprocess utredning \"Utredning\" removed, was opened from step 4, 3 steps",
            "",
            "Overview: Diffmodell",
            "  - step 4 \"Utredning\" removed from Kommunen (subprocess)",
            "  - arrow 3 \"Behövs utredning?\" → 4 \"Utredning\" [Ja]",
            "  - arrow 4 \"Utredning\" → 5 \"Medicinsk bedömning\"",
            "  + arrow 3 \"Behövs utredning?\" → 5 \"Medicinsk bedömning\" [Ja]",
            "",
            "Guidance",
            "  - steg/4-utredning.md (step 4): removed, 6 words",
            "  - steg/4.1-utredning-startar.md (step 4.1): removed, 8 words",
            "  - steg/4.2-samtal-med-individen.md (step 4.2): removed, 8 words",
            "  - steg/4.3-tillbaka.md (step 4.3): removed, 8 words",
            "",
            "9 changes: 1 step change, 3 arrow changes, 1 sub-process change, 4 guidance pages",
        ],
    );
}

#[test]
fn a_step_of_a_subprocess_renamed() {
    assert_text(
        "subprocess-step-renamed",
        &[
            "",
            "Sub-process utredning: Utredning",
            "  ~ step 4.2 renamed \"Samtal med individen\" → \"Samtal med individen och närstående\"",
            "",
            "1 change: 1 step change",
        ],
    );
}

#[test]
fn no_changes_and_the_exit_codes() {
    let m = fixtures();
    let same = m.run(&["diff", "base", "base"]);
    same.expect_status(0);
    assert_eq!(same.stdout, "processkarta diff: base → base\nno changes\n");
    m.run(&["diff", "base", "base", "--exit-code"])
        .expect_status(0);
    m.run(&["diff", "base", "step-renamed"]).expect_status(0);
    let changed = m.run(&["diff", "base", "step-renamed", "--exit-code"]);
    changed.expect_status(1);
    assert!(changed.stdout.contains("~ step 5 renamed"), "{changed}");
    m.run(&[
        "diff",
        "base",
        "step-renamed",
        "--exit-code",
        "--format",
        "json",
    ])
    .expect_status(1);
    // Not a model, and neither a folder nor a revision: a usage error.
    m.run(&["diff", "base", "no-such-thing"]).expect_status(2);
}

#[test]
fn markdown_for_a_pull_request_comment() {
    let run = diff("step-inserted", &["--format", "markdown"]);
    let expected = "\
## Process changes: `base` → `step-inserted`

**8 changes**: 4 step changes, 3 arrow changes, 1 guidance page.

### Overview: Diffmodell

| Step | Title | Change |
|---|---|---|
| **5** | Bokar tid för bedömning | **added** in *Regionen* (`task`) |
| 5 → **6** | Medicinsk bedömning | **renumbered** |
| 6 → **7** | Gemensam konsultation | **renumbered** |
| 7 → **8** | Klar | **renumbered** |

| Arrow | Label | Change |
|---|---|---|
| **4** Utredning → **5** Medicinsk bedömning |  | **removed** |
| **4** Utredning → **5** Bokar tid för bedömning |  | **added** |
| **5** Bokar tid för bedömning → **6** Medicinsk bedömning |  | **added** |

_Removed steps and arrows carry their old numbers._

### Guidance

| Step | Page | Change |
|---|---|---|
| **5** | `steg/5-bokar-tid.md` | **added**, 6 words |
";
    assert_eq!(run.stdout, expected, "{run}");
    let same = fixtures().run(&["diff", "base", "base", "--format", "markdown"]);
    assert_eq!(
        same.stdout,
        "## Process changes: `base` → `base`\n\nNo changes to the process or its guidance.\n"
    );
}

#[test]
fn markdown_escapes_titles_in_tables() {
    let m = fixtures();
    let region = m.read("step-renamed/process/region.yaml").replace(
        "title: Medicinsk bedömning och behandling",
        "title: \"Bedömning | <b>fet</b> *x*\"",
    );
    m.write("step-renamed/process/region.yaml", region);
    let run = m.run(&["diff", "base", "step-renamed", "--format", "markdown"]);
    run.expect_status(0);
    assert!(
        run.stdout.contains(
            "| **5** | Bedömning \\| &lt;b&gt;fet&lt;/b&gt; \\*x\\* | **renamed** from “Medicinsk bedömning” |"
        ),
        "{run}"
    );
}

#[test]
fn json_report_is_a_stable_document() {
    let run = diff("labels", &["--format", "json"]);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        v,
        json!({
            "format": "processkarta-diff",
            "version": 1,
            "old": {"source": "base", "errors": 0, "warnings": 0},
            "new": {"source": "labels", "errors": 0, "warnings": 0},
            "lanes": {"individ": "Individen", "kommun": "Kommunen", "region": "Regionen", "team": "Team"},
            "maps": {"overview": "Diffmodell", "subprocess:utredning": "Utredning"},
            "changes": [{
                "change": "label-changed", "map": "overview",
                "old_from": "3", "old_to": "4", "from": "3", "to": "4",
                "from_title": "Behövs utredning?", "to_title": "Utredning",
                "old_label": "Ja", "new_label": "Ja, utredning behövs"
            }]
        })
    );
}

#[test]
fn a_model_with_errors_is_compared_and_its_errors_are_shown() {
    let m = fixtures();
    let run = m.run(&["diff", "base", "with-errors"]);
    run.expect_status(0);
    assert_eq!(
        run.stdout,
        "processkarta diff: base → with-errors\n\
         note: with-errors has 2 errors; it is compared as far as it could be read (run `processkarta check` for details)\n\
         \n\
         Errors and warnings of check\n\
         \x20 + new error E035 at process/individ.yaml:7: step 7 cannot be reached from any start\n\
         \x20 + new error E031 at process/team.yaml:6: step 6 points to step 99, which does not exist\n\
         \n\
         Overview: Diffmodell\n\
         \x20 - arrow 6 \"Gemensam konsultation\" → 7 \"Klar\"\n\
         \n\
         1 change: 1 arrow change\n"
    );
    assert!(run.stderr.starts_with("errors in with-errors:\n"), "{run}");
    assert!(
        run.stderr
            .contains("error[E031]: step 6 points to step 99, which does not exist"),
        "{run}"
    );
    assert!(run.stderr.contains("process/team.yaml:6:11"), "{run}");
    assert!(run.stderr.contains("error[E035]"), "{run}");
    let json = m.run(&["diff", "base", "with-errors", "--format", "json"]);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        v["new"],
        json!({"source": "with-errors", "errors": 2, "warnings": 0})
    );
    let md = m.run(&["diff", "with-errors", "base", "--format", "markdown"]);
    assert!(
        md.stdout
            .contains("> [!WARNING]\n> with-errors has 2 errors;"),
        "{md}"
    );
}

/// Makes `dir/model` hold exactly the files of `fixture`.
fn replace_model(dir: &Path, fixture: &str) {
    let model = dir.join("model");
    if model.exists() {
        std::fs::remove_dir_all(&model).unwrap();
    }
    util::copy_dir(&util::fixture(fixture), &model);
}

#[test]
fn git_revisions_are_read_without_touching_the_working_tree() {
    let repo = util::tempdir();
    let top = repo.path();
    git(top, &["init", "--quiet"]);
    replace_model(top, "diff/base");
    git(top, &["add", "model"]);
    git(top, &["commit", "--quiet", "-m", "base"]);
    replace_model(top, "diff/step-renumbered");
    git(top, &["add", "--all", "model"]);
    git(top, &["commit", "--quiet", "-m", "renumber"]);
    // An edit in the working tree that is not committed: only `.` sees it.
    let model = top.join("model");
    let region = std::fs::read_to_string(model.join("process/region.yaml")).unwrap();
    std::fs::write(
        model.join("process/region.yaml"),
        region.replace("Medicinsk bedömning", "Medicinsk bedömning och behandling"),
    )
    .unwrap();
    let status_before = git(top, &["status", "--porcelain"]);

    // From the model folder: the revisions' copy of the same folder.
    let run = run_in(&model, &["diff", "HEAD~1", "HEAD"]);
    run.expect_status(0);
    assert_eq!(
        run.stdout,
        "processkarta diff: HEAD~1 → HEAD\n\nOverview: Diffmodell\n  ~ step 7 → 9 \"Klar\" renumbered\n\n1 change: 1 step change\n",
        "{run}"
    );
    run_in(&model, &["diff", "HEAD~1", "HEAD", "--exit-code"]).expect_status(1);
    run_in(&model, &["diff", "HEAD", "HEAD", "--exit-code"]).expect_status(0);

    // REV:PATH from the top of the repository, against the working tree.
    let run = run_in(top, &["diff", "HEAD:model", "model"]);
    run.expect_status(0);
    assert!(
        run.stdout.contains(
            "~ step 5 renamed \"Medicinsk bedömning\" → \"Medicinsk bedömning och behandling\""
        ),
        "{run}"
    );
    assert!(!run.stdout.contains("renumbered"), "{run}");

    // Nothing in the working tree or the index changed, and no stray files appeared.
    assert_eq!(git(top, &["status", "--porcelain"]), status_before);
    assert_eq!(
        git(top, &["rev-parse", "--abbrev-ref", "HEAD"]).trim(),
        "main"
    );

    // A revision that does not exist is a usage error.
    run_in(&model, &["diff", "no-such-branch", "HEAD"]).expect_status(2);
}

/// The fixtures with a copy of `base` as `broken`, where one lane file has an unquoted
/// colon in a title: YAML cannot read the file at all.
fn with_broken_lane() -> Model {
    let m = fixtures();
    util::copy_dir(&m.path().join("base"), &m.path().join("broken"));
    let lane = m
        .read("broken/process/kommun.yaml")
        .replace("title: Tar emot ansökan", "title: Tar emot: ansökan");
    m.write("broken/process/kommun.yaml", lane);
    m
}

#[test]
fn a_file_that_cannot_be_read_is_not_compared_rather_than_removed() {
    let m = with_broken_lane();
    let run = m.run(&["diff", "base", "broken"]);
    run.expect_status(0);
    let mut lines = run.stdout.lines();
    assert_eq!(lines.next(), Some("processkarta diff: base → broken"));
    assert!(run.stdout.contains("\nNot compared\n  ! process/kommun.yaml: cannot be read in broken: this file is not valid YAML"), "{run}");
    assert!(run.stdout.contains("(line 4, E001)"), "{run}");
    // Before: the lane and its steps, arrows and pages were reported removed.
    assert!(!run.stdout.contains("removed"), "{run}");
    assert!(!run.stdout.contains("lane"), "{run}");
    assert!(run.stdout.ends_with("\n\nno changes\n"), "{run}");
    let json = m.run(&["diff", "base", "broken", "--format", "json"]);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["changes"], json!([]), "{json}");
    assert_eq!(v["not_compared"][0]["file"], "process/kommun.yaml");
    assert_eq!(v["not_compared"][0]["side"], "new");
    assert!(v["new"]["errors"].as_u64().unwrap() >= 1, "{json}");
    let md = m.run(&["diff", "base", "broken", "--format", "markdown"]);
    assert!(
        md.stdout.contains("> [!CAUTION]\n> **Not compared:** `process/kommun.yaml` cannot be read in `broken`: this file is not valid YAML"),
        "{md}"
    );
    // Fixed again, it is compared: the other way round nothing is reported as added.
    let back = m.run(&["diff", "broken", "base"]);
    assert!(!back.stdout.contains("added"), "{back}");
    assert!(back.stdout.contains("cannot be read in broken"), "{back}");
}

#[test]
fn new_and_resolved_warnings_are_in_every_report() {
    let m = fixtures();
    let md = m.run(&["diff", "base", "step-added", "--format", "markdown"]);
    md.expect_status(0);
    assert!(
        md.stdout.contains("| Check | Code | Problem | Where |\n|---|---|---|---|\n| **new warning** | W001 | step 8 leads back to step 7, against the numbering | `process/kommun.yaml` line 20 |\n"),
        "{md}"
    );
    let back = m.run(&["diff", "step-added", "base"]);
    assert!(
        back.stdout.contains("\nErrors and warnings of check\n  - resolved warning W001 at process/kommun.yaml:20: step 8 leads back to step 7, against the numbering\n"),
        "{back}"
    );
    let json = m.run(&["diff", "base", "step-added", "--format", "json"]);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        v["new_problems"],
        json!([{"severity": "warning", "code": "W001", "message": "step 8 leads back to step 7, against the numbering", "file": "process/kommun.yaml", "line": 20}])
    );
    // The same warning in both versions is neither new nor resolved.
    let same = m.run(&["diff", "step-added", "step-added"]);
    assert_eq!(
        same.stdout,
        "processkarta diff: step-added → step-added\nno changes\n"
    );
}

#[test]
fn markdown_guidance_reads_as_text_one_row_per_step() {
    let run = diff("guidance", &["--format", "markdown"]);
    assert!(
        run.stdout.ends_with("\
### Guidance

| Step | Page | Change |
|---|---|---|
| **5** | `steg/5-medicinsk-bedomning.md` | 3 words added, 1 removed: … Regionen gör en medicinsk **och psykosocial** bedömning av arbetsförmågan och …<br>… arbetsförmågan och skriver ett ~~intyg.~~ **läkarintyg.** Så här gör du … |
"),
        "{run}"
    );
    // No Markdown source escaped into the comment.
    assert!(!run.stdout.contains("\\#"), "{run}");
    let m = fixtures();
    m.write("one-word/.keep", "");
    util::copy_dir(&m.path().join("base"), &m.path().join("one-word"));
    let page = m.read("one-word/handlaggarstod/steg/5-medicinsk-bedomning.md");
    m.write(
        "one-word/handlaggarstod/steg/5-medicinsk-bedomning.md",
        page.replacen("skriver", "skriver noga", 1),
    );
    let one = m.run(&["diff", "base", "one-word"]);
    assert!(one.stdout.contains(": 1 word added, 0 removed\n"), "{one}");
    let md = m.run(&["diff", "base", "one-word", "--format", "markdown"]);
    assert!(md.stdout.contains("| 1 word added, 0 removed: "), "{md}");
}

/// The text and Markdown reports of the same pair in the model's language (Swedish, no
/// `--lang`) and in English (`--lang en`), each pinned whole.
#[test]
fn reports_in_the_models_language_and_in_english() {
    let m = fixtures();
    let report = |args: &[&str]| {
        let mut all = vec!["diff", "base", "step-inserted"];
        all.extend(args);
        let run = m.run_native(&all);
        run.expect_status(0);
        assert!(run.stderr.is_empty(), "{run}");
        run.stdout
    };
    let sv_text = "\
processkarta diff: base → step-inserted

Översiktskarta: Diffmodell
  + steg 5 \"Bokar tid för bedömning\" är nytt hos Regionen (task)
  ~ steg 5 → 6 \"Medicinsk bedömning\" har numrerats om
  ~ steg 6 → 7 \"Gemensam konsultation\" har numrerats om
  ~ steg 7 → 8 \"Klar\" har numrerats om
  - borttagen pil 4 \"Utredning\" → 5 \"Medicinsk bedömning\"
  + ny pil 4 \"Utredning\" → 5 \"Bokar tid för bedömning\"
  + ny pil 5 \"Bokar tid för bedömning\" → 6 \"Medicinsk bedömning\"
  (borttagna steg och pilar har sina gamla nummer)

Handläggarstöd
  + steg/5-bokar-tid.md (steg 5): nytt, 6 ord

8 ändringar: 4 ändringar av steg, 3 ändringar av pilar, 1 handläggarstöd
";
    assert_eq!(report(&[]), sv_text);
    assert_eq!(report(&["--lang", "sv"]), sv_text);
    let sv_markdown = "\
## Ändringar i processen: `base` → `step-inserted`

**8 ändringar**: 4 ändringar av steg, 3 ändringar av pilar, 1 handläggarstöd.

### Översiktskarta: Diffmodell

| Steg | Rubrik | Ändring |
|---|---|---|
| **5** | Bokar tid för bedömning | **nytt** hos *Regionen* (`task`) |
| 5 → **6** | Medicinsk bedömning | **numrerat om** |
| 6 → **7** | Gemensam konsultation | **numrerat om** |
| 7 → **8** | Klar | **numrerat om** |

| Pil | Etikett | Ändring |
|---|---|---|
| **4** Utredning → **5** Medicinsk bedömning |  | **borttagen** |
| **4** Utredning → **5** Bokar tid för bedömning |  | **ny** |
| **5** Bokar tid för bedömning → **6** Medicinsk bedömning |  | **ny** |

_Borttagna steg och pilar har sina gamla nummer._

### Handläggarstöd

| Steg | Sida | Ändring |
|---|---|---|
| **5** | `steg/5-bokar-tid.md` | **ny**, 6 ord |
";
    assert_eq!(report(&["--format", "markdown"]), sv_markdown);
    let en_text = "\
processkarta diff: base → step-inserted

Overview: Diffmodell
  + step 5 \"Bokar tid för bedömning\" added in Regionen (task)
  ~ step 5 → 6 \"Medicinsk bedömning\" renumbered
  ~ step 6 → 7 \"Gemensam konsultation\" renumbered
  ~ step 7 → 8 \"Klar\" renumbered
  - arrow 4 \"Utredning\" → 5 \"Medicinsk bedömning\"
  + arrow 4 \"Utredning\" → 5 \"Bokar tid för bedömning\"
  + arrow 5 \"Bokar tid för bedömning\" → 6 \"Medicinsk bedömning\"
  (removed steps and arrows carry their old numbers)

Guidance
  + steg/5-bokar-tid.md (step 5): added, 6 words

8 changes: 4 step changes, 3 arrow changes, 1 guidance page
";
    assert_eq!(report(&["--lang", "en"]), en_text);
    let en_markdown = report(&["--lang", "en", "--format", "markdown"]);
    assert!(
        en_markdown.starts_with("## Process changes: `base` → `step-inserted`\n\n**8 changes**: 4 step changes, 3 arrow changes, 1 guidance page.\n"),
        "{en_markdown}"
    );
    assert!(en_markdown.contains("| **5** | `steg/5-bokar-tid.md` | **added**, 6 words |\n"));
}

/// New and resolved problems are listed in the report's language, in the words of `check`.
#[test]
fn problems_in_the_report_are_in_its_language() {
    let m = fixtures();
    let run = m.run_native(&["diff", "base", "with-errors"]);
    run.expect_status(0);
    assert!(
        run.stdout.contains(
            "obs: with-errors har 2 fel. Den jämförs så långt den gick att läsa (kör `processkarta check` för detaljer).\n"
        ),
        "{run}"
    );
    assert!(
        run.stdout.contains(
            "  + nytt fel E031 i process/team.yaml:6: Steg 6 pekar på steg 99, som inte finns.\n"
        ),
        "{run}"
    );
    assert!(run.stderr.starts_with("fel i with-errors:\n"), "{run}");
    let en = m.run_native(&["diff", "base", "with-errors", "--lang", "en"]);
    assert!(
        en.stdout.contains(
            "  + new error E031 at process/team.yaml:6: step 6 points to step 99, which does not exist\n"
        ),
        "{en}"
    );
}

/// `--review-url` ends the Markdown report with a link to the review page, in the report's
/// language; an empty address (no drawing attached) adds nothing.
#[test]
fn the_review_link_closes_the_comment_in_its_language() {
    let m = fixtures();
    let args = ["diff", "base", "step-renamed", "--format", "markdown"];
    let plain = m.run_native(&args);
    plain.expect_status(0);
    let with = |url: &str, lang: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--review-url", url]);
        all.extend(lang);
        let run = m.run_native(&all);
        run.expect_status(0);
        run.stdout
    };
    assert_eq!(
        with("https://example.test/artifacts/7 (x)", &[]),
        format!(
            "{}\n[De ändrade kartorna sida vid sida](https://example.test/artifacts/7%20%28x%29) (diff.html: ladda ned filen, packa upp den och öppna den i en webbläsare)\n",
            plain.stdout
        )
    );
    assert!(with("https://example.test/a", &["--lang", "en"]).ends_with(
        "\n[The changed maps side by side](https://example.test/a) (diff.html: download, unzip and open it in a browser)\n"
    ));
    assert_eq!(with("", &[]), plain.stdout);
}
