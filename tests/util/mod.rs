//! Shared helpers for the CLI tests, after ripgrep's `tests/util.rs`: every test works in
//! its own temporary folder, and a failed expectation prints the command, its exit status,
//! stdout and stderr.

#![allow(dead_code)]

pub mod geometry;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A new temporary folder. Its name is not hidden (tempfile's default `.tmp…` is), since
/// builds refuse to write into hidden folders.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("pk-").tempdir().unwrap()
}

/// A model in its own temporary folder.
pub struct Model {
    dir: tempfile::TempDir,
}

impl Model {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Model {
        let dir = tempdir();
        copy_dir(&fixture(name), dir.path());
        Model { dir }
    }

    /// A copy of the repository's own model (book.toml, process/, handlaggarstod/, themes/).
    pub fn repository() -> Model {
        let dir = tempdir();
        std::fs::copy(repo().join("book.toml"), dir.path().join("book.toml")).unwrap();
        for sub in ["process", "handlaggarstod", "themes"] {
            copy_dir(&repo().join(sub), &dir.path().join(sub));
        }
        Model { dir }
    }

    /// A model written by `processkarta init` (in a folder `model` of its own temp dir).
    pub fn init() -> Model {
        let dir = tempdir();
        run_in(dir.path(), &["init", "model"]).expect_status(0);
        let model = tempdir();
        copy_dir(&dir.path().join("model"), model.path());
        Model { dir: model }
    }

    /// Replaces the first occurrence of `from` in a file with `to`.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, text.replacen(from, to, 1));
    }

    /// The model folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders).
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    /// Reads a file as text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    /// Applies a rule fixture: copies its `overlay/` over the model and removes the files
    /// listed in its `delete`.
    pub fn overlay(&self, rule_dir: &Path) {
        let overlay = rule_dir.join("overlay");
        if overlay.is_dir() {
            copy_dir(&overlay, self.path());
        }
        if let Ok(list) = std::fs::read_to_string(rule_dir.join("delete")) {
            for rel in list.lines().filter(|l| !l.is_empty()) {
                std::fs::remove_file(self.path().join(rel)).unwrap();
            }
        }
    }

    /// Runs `processkarta` with `args` in the model folder, in English (see [`run_in`]).
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }

    /// Runs `processkarta` with `args` in the model folder, in the language the model and
    /// `args` choose: no `--lang en` is added.
    pub fn run_native(&self, args: &[&str]) -> Run {
        run_native_in(self.path(), args)
    }
}

/// What a command did.
pub struct Run {
    /// The command line, for messages.
    pub command: String,
    /// Exit status.
    pub status: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Panics with the whole run printed unless the exit status is `code`.
    pub fn expect_status(&self, code: i32) -> &Run {
        if self.status != code {
            panic!("expected exit status {code}\n{self}");
        }
        self
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "command: {}\nstatus: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.command, self.status, self.stdout, self.stderr
        )
    }
}

/// Runs the binary with `args` in `dir`. Unless `args` choose a language (or are empty),
/// `--lang en` is added, so that the tests that pin the tool's words read English whatever the model's
/// language (the fixtures' is Swedish); [`run_native_in`] leaves it out.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_with_env(dir, args, &[])
}

/// Runs the binary with `args` in `dir`, in the language the model and `args` choose.
pub fn run_native_in(dir: &Path, args: &[&str]) -> Run {
    run_command(dir, args, &[], false)
}

/// Runs the binary with `args` in `dir`, with the environment variables `env` set, in
/// English unless `args` choose a language (see [`run_in`]).
pub fn run_with_env(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Run {
    run_command(dir, args, env, true)
}

fn run_command(dir: &Path, args: &[&str], env: &[(&str, &Path)], english: bool) -> Run {
    let bin = env!("CARGO_BIN_EXE_processkarta");
    let mut command = Command::new(bin);
    let chosen = args.iter().any(|a| a.starts_with("--lang"));
    let lang: &[&str] = if english && !args.is_empty() && !chosen {
        &["--lang", "en"]
    } else {
        &[]
    };
    command
        .args(lang)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1");
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().unwrap();
    let env: String = env
        .iter()
        .map(|(k, v)| format!("{k}={} ", v.display()))
        .collect();
    Run {
        command: format!(
            "(cd {} && {env}processkarta {})",
            dir.display(),
            lang.iter()
                .chain(args)
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        ),
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `CODE file:line:col` of each diagnostic of a `--format json` report (`-` for a problem
/// of the whole model).
pub fn places(diags: &[serde_json::Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}:{}",
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap_or("-"),
                d["line"],
                d["column"]
            )
        })
        .collect()
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    fn walk(base: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries {
            let e = e.unwrap();
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// Runs git in `dir` with an identity and settings of its own (no signing, branch `main`),
/// panics on failure, and returns its standard output.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Builds the model into a temp folder of its own: the folder (kept alive by the guard) and
/// the site in it.
pub fn build_site(model: &Model) -> (tempfile::TempDir, PathBuf) {
    let out = tempdir();
    let site = out.path().join("site");
    model
        .run(&["build", "-o", site.to_str().unwrap()])
        .expect_status(0);
    (out, site)
}

/// The text of an HTML fragment: tags removed, each replaced by a space, spaces collapsed.
pub fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
