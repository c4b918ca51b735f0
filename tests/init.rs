//! `processkarta init`: the `.gitignore` that keeps the build out of git, and with `--ci
//! github` or `--ci gitlab` the same CI files this repository runs, pinned to this version.

mod util;

use std::path::Path;
use util::{git, repo, run_in};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file under `dir`, relative, sorted (hidden ones too).
fn files(dir: &Path) -> Vec<String> {
    util::tree(dir).into_keys().collect()
}

#[test]
fn the_build_of_a_new_model_stays_out_of_git() {
    let dir = util::tempdir();
    let model = dir.path().join("model");
    run_in(dir.path(), &["init", "model"]).expect_status(0);
    assert_eq!(
        read(&model.join(".gitignore")),
        "# What `processkarta build` writes: the site, and the lock file beside it.\n/book/\n/.book.lock\n"
    );
    git(&model, &["init", "--quiet"]);
    run_in(&model, &["build"]).expect_status(0);
    assert!(model.join("book/index.html").is_file());
    let untracked = git(&model, &["status", "--porcelain", "--untracked-files=all"]);
    let untracked: Vec<&str> = untracked.lines().collect();
    assert!(!untracked.is_empty());
    for line in &untracked {
        let path = &line[3..];
        assert!(
            !path.starts_with("book/") && !path.starts_with(".book"),
            "{untracked:#?}"
        );
    }
    assert!(untracked.contains(&"?? book.toml"), "{untracked:#?}");
    // Without --ci, no CI files.
    assert!(!model.join(".github").exists());
    assert!(!model.join(".gitlab-ci.yml").exists());
    assert!(!model.join("processkarta-version").exists());
}

#[test]
fn an_existing_gitignore_gets_only_the_rules_it_lacks() {
    let dir = util::tempdir();
    std::fs::write(dir.path().join(".gitignore"), "node_modules/\n/book/").unwrap();
    run_in(dir.path(), &["init"]).expect_status(0);
    assert_eq!(
        read(&dir.path().join(".gitignore")),
        "node_modules/\n/book/\n# What `processkarta build` writes: the site, and the lock file beside it.\n/.book.lock\n"
    );
    // One that has them all is left as it is.
    let other = util::tempdir();
    let all = "/.book.lock\n/book/\n";
    std::fs::write(other.path().join(".gitignore"), all).unwrap();
    run_in(other.path(), &["init"]).expect_status(0);
    assert_eq!(read(&other.path().join(".gitignore")), all);
}

#[test]
fn ci_github_writes_the_remiss_and_pages_workflows_of_this_repository() {
    let dir = util::tempdir();
    let run = run_in(dir.path(), &["init", "--ci", "github"]);
    run.expect_status(0);
    for rel in [
        ".github/workflows/remiss.yml",
        ".github/workflows/pages.yml",
    ] {
        assert_eq!(
            read(&dir.path().join(rel)),
            read(&repo().join(rel)),
            "{rel}"
        );
    }
    assert_eq!(
        read(&dir.path().join("processkarta-version")),
        format!("{}\n", env!("CARGO_PKG_VERSION"))
    );
    assert!(!dir.path().join(".gitlab-ci.yml").exists());
    let listed = files(dir.path());
    assert_eq!(
        run.stderr,
        format!(
            "created a model with {} files in .; try `processkarta check` and `processkarta build` there\n",
            listed.len()
        )
    );
    run_in(dir.path(), &["check", "--deny-warnings"]).expect_status(0);
}

#[test]
fn ci_gitlab_writes_the_job_of_the_gitlab_guide() {
    let dir = util::tempdir();
    run_in(dir.path(), &["init", "--ci", "gitlab"]).expect_status(0);
    let doc = read(&repo().join("docs/gitlab-ci.md"));
    let start = doc.find("```yaml\n").unwrap() + "```yaml\n".len();
    let end = start + doc[start..].find("```\n").unwrap();
    assert_eq!(read(&dir.path().join(".gitlab-ci.yml")), doc[start..end]);
    assert_eq!(
        read(&dir.path().join("processkarta-version")),
        format!("{}\n", env!("CARGO_PKG_VERSION"))
    );
    assert!(!dir.path().join(".github").exists());
}

#[test]
fn init_overwrites_no_ci_file() {
    let dir = util::tempdir();
    let workflows = dir.path().join(".github/workflows");
    std::fs::create_dir_all(&workflows).unwrap();
    std::fs::write(workflows.join("pages.yml"), "name: ours\n").unwrap();
    let run = run_in(dir.path(), &["init", "--ci", "github"]);
    run.expect_status(2);
    assert!(
        run.stderr
            .contains("pages.yml already exists; init never overwrites"),
        "{run}"
    );
    // Nothing was written.
    assert_eq!(files(dir.path()), [".github/workflows/pages.yml"]);
    assert_eq!(read(&workflows.join("pages.yml")), "name: ours\n");
    let bad = run_in(dir.path(), &["init", "--ci", "jenkins"]);
    bad.expect_status(2);
    assert!(
        bad.stderr.contains("possible values: github, gitlab"),
        "{bad}"
    );
}
