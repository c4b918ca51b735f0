//! The CI recipes: the remiss workflow runs `check --format github` and posts `diff --format
//! markdown` on pull requests with only the command line and GitHub's own actions; the pages
//! workflow publishes the site from main and attaches it to pull requests; both install the
//! released binary of the version pinned in `processkarta-version`, which the release
//! workflow builds for every platform with checksums; the README shows the recipes word for
//! word; and the commands they run are ones the binary accepts. (`.ci/run` checks the
//! workflows with actionlint.)

mod util;

use serde_yaml::Value;
use std::path::Path;
use std::process::Command;
use util::{git, repo, run_in, Model};

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap()
}

/// `.github/workflows/<name>.yml`, parsed.
fn workflow_named(name: &str) -> Value {
    let rel = format!(".github/workflows/{name}.yml");
    serde_yaml::from_str(&read(&rel)).unwrap_or_else(|e| panic!("{rel} is not YAML: {e}"))
}

fn workflow() -> Value {
    workflow_named("remiss")
}

/// The step of a workflow with this name.
fn step<'w>(wf: &'w Value, name: &str) -> &'w Value {
    wf["jobs"]
        .as_mapping()
        .unwrap()
        .values()
        .flat_map(|job| job["steps"].as_sequence().unwrap())
        .find(|s| s["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no step {name:?}"))
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
        .find(|l| l.starts_with("processkarta diff ") && l.contains("> remiss.md"))
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
    // The drawing of the change is attached to the run and linked from the comment.
    assert!(
        lines.contains(
            &"processkarta diff \"origin/$BASE_REF\" HEAD --format html -o diff.html".to_string()
        ),
        "{lines:#?}"
    );
    let attach = step(&wf, "Attach the drawing to the run");
    assert_eq!(attach["with"]["path"].as_str(), Some("diff.html"));
    // The comment's words come from processkarta, in the model's language, the link too.
    let describe = step(&wf, "Describe the change");
    assert_eq!(
        describe["env"]["REPORT_URL"].as_str(),
        Some("${{ steps.report.outputs.artifact-url }}")
    );
    assert!(diff.contains("--review-url \"$REPORT_URL\""), "{diff}");
    let order: Vec<&str> = wf["jobs"]["remiss"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    let at = |name: &str| order.iter().position(|n| *n == name).unwrap();
    assert!(at("Attach the drawing to the run") < at("Describe the change"));
    let summary = step(&wf, "Show the description in the run's summary");
    assert_eq!(
        summary["run"].as_str(),
        Some("cat remiss.md >> \"$GITHUB_STEP_SUMMARY\"")
    );
    assert!(
        !lines.iter().any(|l| l.contains("printf")),
        "no sentence of the comment is written by the workflow: {lines:#?}"
    );
    only_github_actions_and_plain_commands(&wf);
}

/// Only GitHub's own actions (`actions/…`), pinned to a major version, and in `run` only
/// processkarta, cargo, git, gh and plumbing of the shell.
fn only_github_actions_and_plain_commands(wf: &Value) {
    let steps = steps(wf);
    for uses in steps.iter().filter_map(|s| s["uses"].as_str()) {
        let (action, version) = uses.split_once('@').unwrap();
        assert!(action.starts_with("actions/"), "{uses}");
        assert!(
            version.starts_with('v') && version[1..].parse::<u32>().is_ok(),
            "{uses}"
        );
    }
    let allowed = [
        "processkarta",
        "cargo",
        "git",
        "gh",
        "echo",
        "cat",
        "printf",
        "tar",
        "sha256sum",
        "if",
        "else",
        "fi",
        "(cd",
        "name=",
    ];
    for line in run_lines(&steps) {
        let program = line.split_whitespace().next().unwrap();
        let program = program.split_inclusive('=').next().unwrap();
        assert!(allowed.contains(&program), "unexpected command: {line}");
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
            read(".github/workflows/pages.yml")
        )),
        "README does not show .github/workflows/pages.yml as it is"
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

/// The workflows that install processkarta for a model.
const INSTALLING: [&str; 2] = ["remiss", "pages"];

/// The names of the steps that install processkarta, in order.
const INSTALL_STEPS: [&str; 4] = [
    "Read the pinned processkarta version",
    "Install the released processkarta",
    "Restore processkarta compiled earlier",
    "Compile processkarta",
];

#[test]
fn the_version_is_pinned_in_one_file_that_every_workflow_reads() {
    let pin = read("processkarta-version");
    assert_eq!(
        pin.trim(),
        env!("CARGO_PKG_VERSION"),
        "processkarta-version names the version of Cargo.toml"
    );
    let remiss = workflow_named("remiss");
    for name in INSTALLING {
        let wf = workflow_named(name);
        // The same steps, word for word, in both workflows.
        for step_name in INSTALL_STEPS {
            assert_eq!(step(&wf, step_name), step(&remiss, step_name), "{name}");
        }
        assert_eq!(
            step(&wf, INSTALL_STEPS[0])["run"].as_str(),
            Some("echo \"version=$(tr -d '[:space:]' < processkarta-version)\" >> \"$GITHUB_OUTPUT\"")
        );
        // Each later step takes the version from the pin.
        for step_name in &INSTALL_STEPS[1..] {
            let text = serde_yaml::to_string(step(&wf, step_name)).unwrap();
            assert!(
                text.contains("steps.pin.outputs.version"),
                "{step_name}: {text}"
            );
        }
        assert_eq!(
            wf["env"]["PROCESSKARTA_REPOSITORY"].as_str(),
            Some("${{ vars.PROCESSKARTA_REPOSITORY || github.repository }}")
        );
        only_github_actions_and_plain_commands(&wf);
    }
    // The release checks that its tag names the pinned version.
    let release = workflow_named("release");
    let pin_step = step(
        &release,
        "The tag, processkarta-version and Cargo.toml name the same version",
    );
    let run = pin_step["run"].as_str().unwrap();
    assert!(run.contains("< processkarta-version"), "{run}");
    assert!(run.contains("cargo metadata"), "{run}");
    // The fallback compiles the pinned version, cached under it.
    let compile = step(&remiss, "Compile processkarta")["run"]
        .as_str()
        .unwrap();
    assert!(
        compile.contains("cargo install --locked --path ."),
        "{compile}"
    );
    assert!(
        compile.contains("--tag \"v$VERSION\" processkarta"),
        "{compile}"
    );
    let key = step(&remiss, "Restore processkarta compiled earlier")["with"]["key"]
        .as_str()
        .unwrap();
    assert!(key.contains("${{ steps.pin.outputs.version }}"), "{key}");
}

#[test]
fn the_release_has_every_platform_with_checksums() {
    let wf = workflow_named("release");
    let tags: Vec<&str> = wf["on"]["push"]["tags"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(tags, ["v[0-9]+.[0-9]+.[0-9]+*"]);
    let targets: Vec<(&str, &str)> = wf["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|m| (m["target"].as_str().unwrap(), m["os"].as_str().unwrap()))
        .collect();
    assert_eq!(
        targets,
        [
            ("x86_64-unknown-linux-musl", "ubuntu-latest"),
            ("aarch64-unknown-linux-musl", "ubuntu-24.04-arm"),
            ("x86_64-apple-darwin", "macos-15-intel"),
            ("aarch64-apple-darwin", "macos-latest"),
            ("x86_64-pc-windows-msvc", "windows-latest"),
        ]
    );
    // The README's table of archives names the same targets.
    let readme = read("README.md");
    for (target, os) in &targets {
        let ext = if os.starts_with("windows") {
            "zip"
        } else {
            "tar.gz"
        };
        let archive = format!("`processkarta-VERSION-{target}.{ext}`");
        assert!(readme.contains(&archive), "README has no {archive}");
    }
    let build = &wf["jobs"]["build"];
    assert_eq!(
        build["env"]["NAME"].as_str(),
        Some("processkarta-${{ needs.version.outputs.version }}-${{ matrix.target }}")
    );
    let package = step(&wf, "Package")["run"].as_str().unwrap();
    assert!(package.contains("sha256sum \"$archive\" > \"$archive.sha256\""));
    let test = step(&wf, "Test the binary on the repository's model")["run"]
        .as_str()
        .unwrap();
    assert!(test.contains("grep -q 'statically linked'"), "{test}");
    let attach = step(
        &wf,
        "Attach the archives and their checksums to the release",
    );
    let attach = attach["run"].as_str().unwrap();
    assert!(attach.contains("cat ./*.sha256 > SHA256SUMS"), "{attach}");
    assert!(attach.contains("gh release create \"$TAG\""), "{attach}");
    assert_eq!(
        wf["jobs"]["release"]["permissions"]["contents"].as_str(),
        Some("write")
    );
    // What remiss and pages download is what the release builds for Linux x86-64.
    let remiss = workflow();
    let install = step(&remiss, "Install the released processkarta")["run"]
        .as_str()
        .unwrap();
    assert!(
        install.contains("name=\"processkarta-$VERSION-x86_64-unknown-linux-musl\""),
        "{install}"
    );
    assert!(install.contains("--pattern \"$name.tar.gz\""), "{install}");
    assert!(
        package.contains("tar -czf \"$archive\" \"$NAME\""),
        "{package}"
    );
}

#[test]
fn pages_publishes_main_and_attaches_the_site_to_pull_requests() {
    let wf = workflow_named("pages");
    let on = &wf["on"];
    let branches: Vec<&str> = on["push"]["branches"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap())
        .collect();
    assert_eq!(branches, ["main"]);
    assert!(on.get("pull_request").is_some(), "{on:?}");
    let build = step(&wf, "Build the site")["run"].as_str().unwrap();
    assert_eq!(build, "processkarta build -o \"$RUNNER_TEMP/site\"");
    let site = "${{ runner.temp }}/site";
    let artifact = step(
        &wf,
        "Attach the site and the maps to the pull request's run",
    );
    assert_eq!(
        artifact["if"].as_str(),
        Some("github.event_name == 'pull_request'")
    );
    assert_eq!(artifact["with"]["path"].as_str(), Some(site));
    let pages = step(&wf, "Hand the site to GitHub Pages");
    assert!(pages["uses"]
        .as_str()
        .unwrap()
        .starts_with("actions/upload-pages-artifact@"));
    assert_eq!(pages["with"]["path"].as_str(), Some(site));
    let deploy = &wf["jobs"]["deploy"];
    assert_eq!(deploy["permissions"]["pages"].as_str(), Some("write"));
    assert_eq!(deploy["permissions"]["id-token"].as_str(), Some("write"));
    assert_eq!(deploy["environment"]["name"].as_str(), Some("github-pages"));
    assert!(step(&wf, "Publish the site")["uses"]
        .as_str()
        .unwrap()
        .starts_with("actions/deploy-pages@"));
}

/// Runs a workflow's `run` text as GitHub does (`bash -e` with pipefail) in `dir`, with
/// `env`, and returns the exit status and what it printed.
#[cfg(unix)]
fn run_step(dir: &Path, script: &str, env: &[(&str, &Path)], path: &Path) -> (i32, String) {
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(dir)
        .envs(env.iter().map(|(k, v)| (*k, v.as_os_str())))
        .env("PATH", path)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

/// The PATH of the machine with `first` in front.
#[cfg(unix)]
fn path_with(first: &Path) -> std::path::PathBuf {
    let mut dirs = vec![first.to_path_buf()];
    dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap()));
    std::path::PathBuf::from(std::env::join_paths(dirs).unwrap())
}

/// A release as release.yml packs it, in `RELEASES/v<version>/`, and stand-ins on a PATH of
/// their own for the programs that fetch it or compile processkarta.
#[cfg(unix)]
struct FakeReleases {
    dir: tempfile::TempDir,
}

#[cfg(unix)]
impl FakeReleases {
    fn new() -> FakeReleases {
        let dir = util::tempdir();
        let w = dir.path();
        let version = env!("CARGO_PKG_VERSION");
        // A small stand-in for the binary (the debug build is 200 MB, too slow to pack).
        let name = format!("processkarta-{version}-x86_64-unknown-linux-musl");
        let release = w.join("releases").join(format!("v{version}"));
        executable(
            &release.join(&name).join("processkarta"),
            &format!("#!/bin/sh\necho \"processkarta {version}\"\n"),
        );
        let pack = format!(
            "tar -czf \"{name}.tar.gz\" \"{name}\" && sha256sum \"{name}.tar.gz\" > \"{name}.tar.gz.sha256\""
        );
        let (status, out) = run_step(&release, &pack, &[], &path_with(w));
        assert_eq!(status, 0, "{out}");
        // `gh release download TAG --repo R --dir D --pattern P…` copies the files of the
        // tag's folder, or fails as gh does when there is no such release.
        executable(
            &w.join("bin/gh"),
            "#!/bin/sh\nset -e\n[ \"$1 $2\" = \"release download\" ] || exit 3\ntag=\"$3\"\nshift 3\n\
             while [ $# -gt 0 ]; do case \"$1\" in\n  --dir) dir=\"$2\"; shift 2;;\n  \
             --pattern) pats=\"$pats $2\"; shift 2;;\n  *) shift 2;;\nesac; done\n\
             [ -d \"$RELEASES/$tag\" ] || { echo \"release not found\" >&2; exit 1; }\n\
             for p in $pats; do cp \"$RELEASES/$tag/$p\" \"$dir/\"; done\n",
        );
        // `curl … --output-dir D --remote-name URL…` for release URLs of owner/processkarta,
        // failing with curl's status for an HTTP error when the file is not there.
        executable(
            &w.join("bin/curl"),
            "#!/bin/sh\nset -e\nprefix=https://github.com/owner/processkarta/releases/download/\n\
             while [ $# -gt 0 ]; do case \"$1\" in\n  --output-dir) dir=\"$2\"; shift 2;;\n  \
             --remote-name) urls=\"$urls $2\"; shift 2;;\n  *) shift;;\nesac; done\n\
             for u in $urls; do f=\"$RELEASES/${u#\"$prefix\"}\"\n  \
             [ -f \"$f\" ] || { echo \"curl: (22) 404\" >&2; exit 22; }\n  \
             cp \"$f\" \"$dir/\"; done\n",
        );
        // `cargo` only says what it was asked to do.
        executable(&w.join("bin/cargo"), "#!/bin/sh\necho \"cargo $*\"\n");
        FakeReleases { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The archive of the release.
    fn archive(&self) -> std::path::PathBuf {
        let version = env!("CARGO_PKG_VERSION");
        self.path().join(format!(
            "releases/v{version}/processkarta-{version}-x86_64-unknown-linux-musl.tar.gz"
        ))
    }

    /// Appends bytes to the archive, so that it no longer matches its checksum.
    fn tamper(&self) {
        let mut bytes = std::fs::read(self.archive()).unwrap();
        bytes.extend_from_slice(b"tampered");
        std::fs::write(self.archive(), bytes).unwrap();
    }

    /// Runs `script` in `dir` with the stand-ins first on the PATH and `env`, plus
    /// `RELEASES` and `PROCESSKARTA_REPOSITORY`.
    fn run(&self, dir: &Path, script: &str, env: &[(&str, &Path)]) -> (i32, String) {
        let releases = self.path().join("releases");
        let mut env = env.to_vec();
        env.push(("RELEASES", &releases));
        env.push(("PROCESSKARTA_REPOSITORY", Path::new("owner/processkarta")));
        run_step(dir, script, &env, &path_with(&self.path().join("bin")))
    }
}

/// Writes an executable file (creating folders).
#[cfg(unix)]
fn executable(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(unix)]
#[test]
fn the_install_step_unpacks_a_release_after_checking_its_sum() {
    let version = env!("CARGO_PKG_VERSION");
    let fake = FakeReleases::new();
    let wf = workflow();
    let script = step(&wf, "Install the released processkarta")["run"]
        .as_str()
        .unwrap();
    let attempt = |version: &str| {
        let runner = tempfile::tempdir_in(fake.path()).unwrap();
        let (output, path) = (runner.path().join("output"), runner.path().join("path"));
        std::fs::write(&output, "").unwrap();
        std::fs::write(&path, "").unwrap();
        let (status, out) = fake.run(
            fake.path(),
            script,
            &[
                ("VERSION", Path::new(version)),
                ("RUNNER_TEMP", runner.path()),
                ("GITHUB_OUTPUT", &output),
                ("GITHUB_PATH", &path),
            ],
        );
        let read = |p: &Path| std::fs::read_to_string(p).unwrap();
        (status, out, read(&output), read(&path), runner)
    };

    // The release of the pinned version: unpacked, on the PATH, and it runs.
    let (status, out, output, path, _runner) = attempt(version);
    assert_eq!(status, 0, "{out}");
    assert_eq!(output, "found=true\n");
    let installed = Path::new(path.trim_end()).join("processkarta");
    let run = Command::new(&installed).arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        format!("processkarta {version}\n")
    );

    // No release of that version: no binary, and the later steps compile it.
    let (status, out, output, path, _runner) = attempt("0.0.0");
    assert_eq!(status, 0, "{out}");
    assert_eq!((output.as_str(), path.as_str()), ("", ""));
    assert!(
        out.contains("::notice::owner/processkarta has no release v0.0.0 of processkarta"),
        "{out}"
    );

    // An archive that does not match its checksum fails the step and is not installed.
    fake.tamper();
    let (status, out, output, path, _runner) = attempt(version);
    assert_ne!(status, 0, "{out}");
    assert!(out.contains("FAILED"), "{out}");
    assert_eq!((output.as_str(), path.as_str()), ("", ""));
}

#[cfg(unix)]
#[test]
fn without_a_release_the_pinned_version_is_compiled() {
    let fake = FakeReleases::new();
    let wf = workflow();
    let script = step(&wf, "Compile processkarta")["run"].as_str().unwrap();
    let env = [("VERSION", Path::new("0.0.0"))];
    // In a model's own repository: the tag of the pinned version.
    let model = util::tempdir();
    let (status, out) = fake.run(model.path(), script, &env);
    assert_eq!(status, 0, "{out}");
    assert_eq!(
        out,
        "cargo install --locked --git https://github.com/owner/processkarta --tag v0.0.0 processkarta\n"
    );
    // In processkarta's own repository: its source.
    let (status, out) = fake.run(&repo(), script, &env);
    assert_eq!(status, 0, "{out}");
    assert_eq!(out, "cargo install --locked --path .\n");
}

/// The GitLab job's script up to the first command that needs the model's history (the
/// installation of processkarta), as one shell text.
#[cfg(unix)]
fn gitlab_install_script() -> String {
    let doc = read("docs/gitlab-ci.md");
    let v: Value = serde_yaml::from_str(yaml_block(&doc)).unwrap();
    v["remiss"]["script"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .take_while(|l| !l.starts_with("git fetch"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(unix)]
#[test]
fn the_gitlab_job_installs_the_release_of_the_pin_or_compiles_it() {
    let version = env!("CARGO_PKG_VERSION");
    let fake = FakeReleases::new();
    let script = format!("{}\nprocesskarta --version\n", gitlab_install_script());
    let model = util::tempdir();
    std::fs::write(
        model.path().join("processkarta-version"),
        format!("{version}\n"),
    )
    .unwrap();
    let tmp = tempfile::tempdir_in(fake.path()).unwrap();
    let env = [("TMPDIR", tmp.path())];
    let (status, out) = fake.run(model.path(), &script, &env);
    assert_eq!(status, 0, "{out}");
    assert!(
        out.ends_with(&format!("OK\nprocesskarta {version}\n")),
        "{out}"
    );
    // No release: compiled from the tag.
    std::fs::write(model.path().join("processkarta-version"), "0.0.0\n").unwrap();
    let (status, out) = fake.run(model.path(), &gitlab_install_script(), &env);
    assert_eq!(status, 0, "{out}");
    assert!(
        out.contains("cargo install --locked --git https://github.com/owner/processkarta --tag v0.0.0 processkarta"),
        "{out}"
    );
    // A tampered archive stops the job.
    std::fs::write(
        model.path().join("processkarta-version"),
        format!("{version}\n"),
    )
    .unwrap();
    fake.tamper();
    let (status, out) = fake.run(model.path(), &script, &env);
    assert_ne!(status, 0, "{out}");
    assert!(out.contains("FAILED"), "{out}");
}

#[cfg(unix)]
#[test]
fn the_workflow_commands_run_in_a_model_repository() {
    // A model kept in git as init makes it: main, and a pull request that renames a step.
    let top = util::tempdir();
    run_in(top.path(), &["init", "model"]).expect_status(0);
    let repo_dir = top.path().join("model");
    git(&repo_dir, &["init", "--quiet"]);
    git(&repo_dir, &["add", "--all"]);
    git(&repo_dir, &["commit", "--quiet", "-m", "main"]);
    git(
        &repo_dir,
        &["update-ref", "refs/remotes/origin/main", "HEAD"],
    );
    let lane = repo_dir.join("process/handlaggare.yaml");
    let text = std::fs::read_to_string(&lane).unwrap();
    let renamed = text.replace("title: Utreder och beslutar", "title: Utreder ärendet");
    assert_ne!(text, renamed);
    std::fs::write(&lane, renamed).unwrap();
    git(
        &repo_dir,
        &["commit", "--quiet", "--all", "-m", "rename step 3"],
    );

    let runner = util::tempdir();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_processkarta"))
        .parent()
        .unwrap();
    let mut ran = Vec::new();
    for name in INSTALLING {
        let wf = workflow_named(name);
        for s in steps(&wf) {
            let Some(script) = s["run"].as_str() else {
                continue;
            };
            if !script.starts_with("processkarta ") {
                continue;
            }
            let (status, out) = run_step(
                &repo_dir,
                script,
                &[
                    ("BASE_REF", Path::new("main")),
                    ("RUNNER_TEMP", runner.path()),
                ],
                &path_with(bin_dir),
            );
            assert_eq!(status, 0, "{name}: {script}\n{out}");
            ran.push(script.trim().to_string());
        }
    }
    assert_eq!(
        ran,
        [
            "processkarta check --format github --deny-warnings",
            "processkarta diff \"origin/$BASE_REF\" HEAD --format html -o diff.html",
            "processkarta diff \"origin/$BASE_REF\" HEAD --format markdown --review-url \"$REPORT_URL\" > remiss.md",
            "processkarta build -o \"$RUNNER_TEMP/site\"",
        ]
    );
    let page = std::fs::read_to_string(repo_dir.join("diff.html")).unwrap();
    assert!(
        page.contains("data-change=\"changed\""),
        "the renamed step is marked"
    );
    let remiss = std::fs::read_to_string(repo_dir.join("remiss.md")).unwrap();
    // The model of init is Swedish, and so is its comment; without an address of the
    // drawing (REPORT_URL is not set here) there is no link.
    assert!(remiss.starts_with("## Ändringar i processen:"), "{remiss}");
    assert!(remiss.contains("Utreder ärendet"), "{remiss}");
    assert!(!remiss.contains("sida vid sida"), "{remiss}");
    for file in ["index.html", "kartor/oversikt.svg", "kartor/oversikt.pdf"] {
        assert!(runner.path().join("site").join(file).is_file(), "{file}");
    }
}
