//! No folder is ever lost: `build -o`, the build-dir of book.toml and `export -o` replace or
//! write only what a build may own. Every test works in its own temporary folders and
//! asserts that the files it refused to touch are still there, byte for byte.

mod util;

use std::collections::BTreeMap;
use std::path::Path;
use util::{tree, Model, Run};

/// The JSON diagnostics of a `--format json` run as `CODE file:line:col`.
fn located(run: &Run) -> Vec<String> {
    let diags: Vec<serde_json::Value> =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e})\n{run}"));
    util::places(&diags)
}

/// Asserts that `dir` holds exactly `before`.
fn unchanged(dir: &Path, before: &BTreeMap<String, Vec<u8>>, run: &Run) {
    let after = tree(dir);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "files of {} changed\n{run}",
        dir.display()
    );
    assert!(
        after == *before,
        "contents of {} changed\n{run}",
        dir.display()
    );
}

/// A folder of someone else's files, outside any model.
fn foreign_folder(parent: &Path, name: &str) -> std::path::PathBuf {
    let dir = parent.join(name);
    std::fs::create_dir_all(dir.join("undermapp")).unwrap();
    std::fs::write(dir.join("anteckningar.txt"), "Mina anteckningar\n").unwrap();
    std::fs::write(dir.join("undermapp/brev.md"), "# Brev\n").unwrap();
    dir
}

#[test]
fn build_o_refuses_the_model_its_folders_and_the_folders_above_it() {
    let model = Model::fixture("valid");
    std::fs::create_dir_all(model.path().join(".git")).unwrap();
    model.write(".git/config", "[core]\n");
    let before = tree(model.path());
    let here = model.path().to_str().unwrap().to_string();
    for (target, why) in [
        ("process", "source folder `process`"),
        ("handlaggarstod", "source folder `handlaggarstod`"),
        ("handlaggarstod/steg", "source folder `handlaggarstod`"),
        ("themes", "source folder `themes`"),
        (".git", "hidden folder `.git`"),
        (".git/site", "hidden folder `.git`"),
        (".", "the model folder itself"),
        (here.as_str(), "the model folder itself"),
        ("..", "holds the model folder"),
        ("book.toml", "a file, not a folder"),
        ("process/karta.yaml", "a file, not a folder"),
    ] {
        let run = model.run(&["build", "-o", target]);
        run.expect_status(2);
        assert!(
            run.stderr.contains(&format!("refusing to use {target}: ")) && run.stderr.contains(why),
            "-o {target}: expected “{why}”\n{run}"
        );
        assert!(
            run.stderr
                .contains("help: a build replaces its whole folder"),
            "{run}"
        );
        unchanged(model.path(), &before, &run);
    }
}

#[test]
fn build_o_refuses_a_folder_of_other_files_and_keeps_them() {
    let model = Model::fixture("valid");
    let outside = util::tempdir();
    let docs = foreign_folder(outside.path(), "Skrivbord");
    let before = tree(&docs);
    let run = model.run(&["build", "-o", docs.to_str().unwrap()]);
    run.expect_status(2);
    assert!(
        run.stderr.contains(&format!(
            "refusing to use {}: it is not empty and `processkarta build` did not write it",
            docs.display()
        )),
        "{run}"
    );
    unchanged(&docs, &before, &run);
    let shell_temp = outside.path();
    let temp_before = tree(shell_temp);
    let run = model.run(&["build", "-o", shell_temp.to_str().unwrap()]);
    run.expect_status(2);
    unchanged(shell_temp, &temp_before, &run);
}

#[test]
fn build_o_refuses_the_home_folder_and_the_folders_above_it() {
    let model = Model::fixture("valid");
    let outside = util::tempdir();
    let home = foreign_folder(outside.path(), "hem/anna");
    let before = tree(outside.path());
    for (target, why) in [
        (home.clone(), "it is your home folder"),
        (outside.path().join("hem"), "it holds your home folder"),
        (home.join(".config/site"), "hidden folder `.config`"),
    ] {
        let run = util::run_with_env(
            model.path(),
            &["build", "-o", target.to_str().unwrap()],
            &[("HOME", &home)],
        );
        run.expect_status(2);
        assert!(run.stderr.contains(why), "expected “{why}”\n{run}");
        unchanged(outside.path(), &before, &run);
    }
    let site = home.join("karta");
    let run = util::run_with_env(
        model.path(),
        &["build", "-o", site.to_str().unwrap()],
        &[("HOME", &home)],
    );
    run.expect_status(0);
    assert!(site.join("index.html").is_file(), "{run}");
}

#[cfg(unix)]
#[test]
fn build_o_judges_a_symbolic_link_by_the_folder_it_leads_to() {
    let model = Model::fixture("valid");
    let outside = util::tempdir();
    let link = outside.path().join("genväg");
    std::os::unix::fs::symlink(model.path().join("process"), &link).unwrap();
    let before = tree(model.path());
    let run = model.run(&["build", "-o", link.to_str().unwrap()]);
    run.expect_status(2);
    assert!(run.stderr.contains("source folder `process`"), "{run}");
    unchanged(model.path(), &before, &run);
}

#[test]
fn a_folder_an_earlier_build_wrote_is_replaced_until_someone_adds_a_file() {
    let model = Model::fixture("valid");
    let outside = util::tempdir();
    let site = outside.path().join("site");
    std::fs::create_dir(&site).unwrap();
    model
        .run(&["build", "-o", site.to_str().unwrap()])
        .expect_status(0);
    let first = tree(&site);
    let marker = String::from_utf8(first[".processkarta-build"].clone()).unwrap();
    let listed: Vec<&str> = marker.lines().skip(1).collect();
    let written: Vec<&str> = first
        .keys()
        .map(String::as_str)
        .filter(|p| *p != ".processkarta-build")
        .collect();
    assert_eq!(
        listed, written,
        "the marker lists every file the build wrote"
    );
    assert!(listed.contains(&"index.html"));

    model
        .run(&["build", "-o", site.to_str().unwrap()])
        .expect_status(0);
    assert!(tree(&site) == first, "a rebuild gives the same folder");

    std::fs::write(site.join("CNAME"), "karta.example.se\n").unwrap();
    let before = tree(&site);
    let run = model.run(&["build", "-o", site.to_str().unwrap()]);
    run.expect_status(2);
    assert!(
        run.stderr.contains(
            "it holds a file that `processkarta build` did not write (CNAME); the build would delete it"
        ),
        "{run}"
    );
    unchanged(&site, &before, &run);
}

#[test]
fn build_dir_in_book_toml_is_refused_at_its_line() {
    for (build_dir, check_code, why) in [
        ("process", true, "source folder `process`"),
        ("themes/default", true, "source folder `themes`"),
        ("book.toml", true, "a file, not a folder"),
        (".git", true, "hidden folder `.git`"),
        ("docs", false, "did not write it"),
    ] {
        let model = Model::fixture("valid");
        std::fs::create_dir_all(model.path().join(".git")).unwrap();
        model.write(".git/HEAD", "ref: refs/heads/main\n");
        model.write("docs/utkast.md", "# Utkast\n");
        let book = model.read("book.toml");
        model.write(
            "book.toml",
            format!("{book}\n[build]\nbuild-dir = \"{build_dir}\"\n"),
        );
        let line = book.lines().count() + 3;
        let before = tree(model.path());
        let place = format!("E011 book.toml:{line}:13");
        let check = model.run(&["check", "--format", "json"]);
        if check_code {
            check.expect_status(1);
            assert_eq!(located(&check), vec![place.clone()], "{check}");
        } else {
            check.expect_status(0);
        }
        let run = model.run(&["build"]);
        run.expect_status(1);
        assert!(
            run.stderr.contains(&format!(
                "error[E011]: book.toml: refusing to build into `{build_dir}`: "
            )) && run.stderr.contains(why),
            "build-dir {build_dir}: expected “{why}”\n{run}"
        );
        assert!(
            run.stderr.contains(&format!("book.toml:{line}:13")),
            "{run}"
        );
        unchanged(model.path(), &before, &run);
    }
}

#[test]
fn export_o_never_overwrites_a_file_of_the_model() {
    let model = Model::fixture("valid");
    std::fs::create_dir_all(model.path().join(".git")).unwrap();
    model.write(".git/config", "[core]\n");
    let before = tree(model.path());
    for (target, why) in [
        ("book.toml", "the model's book.toml"),
        ("process/individ.yaml", "source folder `process`"),
        ("process/ny.yaml", "source folder `process`"),
        ("handlaggarstod/index.md", "source folder `handlaggarstod`"),
        (".git/config", "hidden folder `.git`"),
        ("process", "a folder, not a file"),
    ] {
        let run = model.run(&["export", "--to", "json", "-o", target]);
        run.expect_status(2);
        assert!(
            run.stderr.contains(&format!("refusing to use {target}: ")) && run.stderr.contains(why),
            "-o {target}: expected “{why}”\n{run}"
        );
        unchanged(model.path(), &before, &run);
    }
    let run = model.run(&["export", "--to", "json", "-o", "karta.json"]);
    run.expect_status(0);
    let first = model.read("karta.json");
    assert!(first.starts_with('{'), "{run}");
    model
        .run(&["export", "--to", "json", "-o", "karta.json"])
        .expect_status(0);
    assert_eq!(
        model.read("karta.json"),
        first,
        "an export may replace its own file"
    );
}

#[test]
fn builds_at_once_wait_for_each_other_and_leave_a_whole_site() {
    let model = Model::fixture("valid");
    let outside = util::tempdir();
    let site = outside.path().join("site");
    let bin = env!("CARGO_BIN_EXE_processkarta");
    for round in 0..3 {
        let children: Vec<_> = (0..3)
            .map(|_| {
                std::process::Command::new(bin)
                    .args(["build", "-o", site.to_str().unwrap()])
                    .current_dir(model.path())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(site.join("index.html").is_file(), "round {round}");
        let left: Vec<String> = std::fs::read_dir(outside.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "site" && n != ".site.lock")
            .collect();
        assert!(left.is_empty(), "round {round}: left behind {left:?}");
    }
}

#[test]
fn an_interrupted_build_is_cleaned_up_by_the_next() {
    let model = Model::fixture("valid");
    let outside = util::tempdir();
    let site = outside.path().join("site");
    model
        .run(&["build", "-o", site.to_str().unwrap()])
        .expect_status(0);
    let before = tree(&site);
    // What a build killed half-way leaves: a half-written new site and a stray old one.
    std::fs::create_dir_all(outside.path().join(".site.new-4242/steg")).unwrap();
    std::fs::write(outside.path().join(".site.new-4242/steg/1.html"), "hal").unwrap();
    std::fs::create_dir_all(outside.path().join(".site.old-4243")).unwrap();
    assert!(tree(&site) == before, "the previous site is intact");
    model
        .run(&["build", "-o", site.to_str().unwrap()])
        .expect_status(0);
    let mut left: Vec<String> = std::fs::read_dir(outside.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, [".site.lock", "site"]);
    assert!(tree(&site) == before);
}
