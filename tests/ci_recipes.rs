//! The CI recipes for the remiss: the GitHub workflow is valid YAML, runs `check --format
//! github` and posts `diff --format markdown` on pull requests with only the command line and
//! standard actions; the README shows it and the GitLab snippet word for word; and the
//! commands they run are ones the binary accepts.

mod util;

use serde_yaml::Value;
use util::{repo, run_in, Model};

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap()
}

fn workflow() -> Value {
    serde_yaml::from_str(&read(".github/workflows/remiss.yml")).expect("remiss.yml is YAML")
}

/// Every step of every job.
fn steps(wf: &Value) -> Vec<Value> {
    wf["jobs"]
        .as_mapping()
        .expect("jobs")
        .values()
        .flat_map(|job| job["steps"].as_sequence().expect("steps").clone())
        .collect()
}

/// The shell lines of the `run` steps.
fn run_lines(steps: &[Value]) -> Vec<String> {
    steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .flat_map(|r| r.lines().map(str::trim).map(str::to_string))
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn the_workflow_checks_and_posts_the_diff_on_pull_requests() {
    let wf = workflow();
    let on = &wf["on"];
    assert!(
        on.get("pull_request").is_some(),
        "runs on pull requests: {on:?}"
    );
    assert_eq!(wf["permissions"]["pull-requests"].as_str(), Some("write"));
    let steps = steps(&wf);
    let lines = run_lines(&steps);
    assert!(
        lines
            .iter()
            // Fails on warnings too, as .ci/run does: a W003 must not pass review.
            .any(|l| l == "processkarta check --format github --deny-warnings"),
        "{lines:#?}"
    );
    let diff = lines
        .iter()
        .find(|l| l.starts_with("processkarta diff "))
        .expect("a diff step");
    assert!(diff.contains("--format markdown"), "{diff}");
    assert!(diff.ends_with("> remiss.md"), "{diff}");
    // The comment is posted from the file the diff wrote.
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("gh pr comment") && l.contains("--body-file remiss.md")),
        "{lines:#?}"
    );
    // Only standard actions: the GitHub-owned `actions/…`, pinned to a major version.
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert_eq!(uses, ["actions/checkout@v4"]);
    // Every command is processkarta, cargo, git, gh or plumbing of the shell.
    for line in &lines {
        let program = line.split_whitespace().next().unwrap();
        assert!(
            ["processkarta", "cargo", "gh", "echo", "cat"].contains(&program),
            "unexpected command: {line}"
        );
    }
}

/// The first ```yaml block of a Markdown text.
fn yaml_block(md: &str) -> &str {
    let start = md.find("```yaml\n").expect("a yaml block") + "```yaml\n".len();
    let end = start + md[start..].find("```\n").unwrap();
    &md[start..end]
}

#[test]
fn the_gitlab_snippet_is_yaml_with_the_same_commands() {
    let doc = read("docs/gitlab-ci.md");
    let snippet = yaml_block(&doc);
    let v: Value = serde_yaml::from_str(snippet).expect("the GitLab snippet is YAML");
    let script: Vec<String> = v["remiss"]["script"]
        .as_sequence()
        .expect("a script")
        .iter()
        .map(|l| l.as_str().unwrap().trim().to_string())
        .collect();
    assert!(
        script
            .iter()
            .any(|l| l.starts_with("processkarta diff ") && l.contains("--format markdown")),
        "{script:#?}"
    );
    assert_eq!(
        script.last().map(String::as_str),
        Some("processkarta check --deny-warnings")
    );
    assert!(
        script
            .iter()
            .any(|l| l.contains("--data-urlencode \"body@remiss.md\"")),
        "{script:#?}"
    );
}

#[test]
fn the_readme_shows_both_recipes_word_for_word() {
    let readme = read("README.md");
    let section = &readme[readme.find("## CI för remissen").expect("the section")..];
    assert!(
        section.contains(&format!(
            "```yaml\n{}```",
            read(".github/workflows/remiss.yml")
        )),
        "README does not show .github/workflows/remiss.yml as it is"
    );
    assert!(
        section.contains(&format!(
            "```yaml\n{}```",
            yaml_block(&read("docs/gitlab-ci.md"))
        )),
        "README does not show the snippet of docs/gitlab-ci.md as it is"
    );
    // The README's example report is what diff prints for the fixtures it names.
    let m = Model::fixture("diff");
    let run = m.run(&["diff", "base", "step-inserted"]);
    run.expect_status(0);
    let body = run.stdout.split_once('\n').unwrap().1;
    assert!(
        section.contains(body),
        "README example is out of date:\n{run}"
    );
}

#[test]
fn the_commands_of_the_recipes_run() {
    let m = Model::fixture("diff");
    let check = run_in(&m.path().join("base"), &["check", "--format", "github"]);
    check.expect_status(0);
    assert_eq!(check.stdout, "");
    let broken = run_in(
        &m.path().join("with-errors"),
        &["check", "--format", "github"],
    );
    broken.expect_status(1);
    assert!(
        broken
            .stdout
            .lines()
            .any(|l| l.starts_with("::error file=process/team.yaml,line=6,col=11")),
        "{broken}"
    );
    let diff = m.run(&["diff", "base", "step-renamed", "--format", "markdown"]);
    diff.expect_status(0);
    assert!(diff.stdout.starts_with("## Process changes:"), "{diff}");
}
