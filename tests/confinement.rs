//! Nothing from outside the model is ever published: every file the build reads or copies
//! (model files, guidance pages, attachments, theme files) is a regular file whose real path
//! lies inside the model folder and outside hidden folders, within its size limit. Each
//! test plants a "secret" outside the model (or in its `.git/`), and asserts the refusal
//! (code, file:line:col, exit status) and that the secret's content is in no output.

mod util;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use util::Model;

/// The content of every planted secret.
const SECRET: &str = "HEMLIGT-tok-5b1e";

/// Codes and places (`CODE file:line:col`) of a `check --format json` run.
fn found(run: &util::Run) -> Vec<String> {
    let diags: Vec<serde_json::Value> =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e})\n{run}"));
    diags
        .iter()
        .map(
            |d| match (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()) {
                (Some(f), Some(l), Some(c)) => {
                    format!("{} {f}:{l}:{c}", d["code"].as_str().unwrap())
                }
                _ => format!("{} -", d["code"].as_str().unwrap()),
            },
        )
        .collect()
}

/// Asserts that each of `expect` was found, and no other refusal.
fn assert_found(found: &[String], expect: &[&str]) {
    for e in expect {
        assert!(found.iter().any(|f| f == e), "{e} not in {found:?}");
    }
    let refusals = ["E060", "E061", "E007"];
    for f in found {
        assert!(
            !refusals.contains(&&f[..4]) || expect.contains(&f.as_str()),
            "unexpected {f} in {found:?}"
        );
    }
}

/// All a run printed.
fn printed(run: &util::Run) -> String {
    format!("{}{}", run.stdout, run.stderr)
}

/// A page that links to `dest`, at `handlaggarstod/begrepp.md:3:14`.
fn link_to(model: &Model, dest: &str) {
    model.write(
        "handlaggarstod/begrepp.md",
        format!("# Begrepp\n\nSe [bilagan]({dest}).\n"),
    );
}

/// Runs `check` (expecting exit 1 and each of `expect`, with nothing else of E060, E061 or
/// E007: follow-on problems of a refused page may be reported too), then `build` (exit 1)
/// and asserts the secret appears in no output: not in what either printed, and not in any
/// file of the build-dir, which must not have been written at all.
fn refused(model: &Model, expect: &[&str]) {
    let check = model.run(&["check", "--format", "json"]);
    check.expect_status(1);
    assert_found(&found(&check), expect);
    let human = model.run(&["check"]);
    human.expect_status(1);
    let build = model.run(&["build"]);
    build.expect_status(1);
    for run in [&check, &human, &build] {
        assert!(
            !run.stdout.contains(SECRET) && !run.stderr.contains(SECRET),
            "{run}"
        );
    }
    let book = model.path().join("book");
    assert!(!book.exists(), "a site was written\n{build}");
}

/// `build` of a model that is fine: exit 0, and the secret in no file of the site.
fn builds_without_secret(model: &Model) -> std::collections::BTreeMap<String, Vec<u8>> {
    let build = model.run(&["build"]);
    build.expect_status(0);
    let site = util::tree(&model.path().join("book"));
    for (path, bytes) in &site {
        assert!(
            !String::from_utf8_lossy(bytes).contains(SECRET),
            "{path} holds the secret"
        );
    }
    site
}

/// A folder outside the model holding `name` with the secret.
fn outside(name: &str) -> tempfile::TempDir {
    let dir = util::tempdir();
    std::fs::write(dir.path().join(name), format!("{SECRET}\n")).unwrap();
    dir
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    let link = link.as_ref();
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(unix)]
#[test]
fn an_attachment_linked_to_a_file_outside_the_model_is_refused() {
    let secret = outside("hemlig.txt");
    let model = Model::fixture("valid");
    symlink(
        secret.path().join("hemlig.txt"),
        model.path().join("handlaggarstod/filer/bilaga.txt"),
    );
    link_to(&model, "filer/bilaga.txt");
    refused(&model, &["E060 handlaggarstod/begrepp.md:3:14"]);
    let check = model.run(&["check"]);
    assert!(
        printed(&check).contains(
            "handlaggarstod/filer/bilaga.txt leads outside the model folder through a symbolic link"
        ),
        "{check}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn an_attachment_linked_to_the_process_environment_is_refused() {
    let model = Model::fixture("valid");
    symlink(
        "/proc/self/environ",
        model.path().join("handlaggarstod/filer/miljo.txt"),
    );
    link_to(&model, "filer/miljo.txt");
    // The environment of the build, as in a CI job that holds a token.
    let out = Command::new(env!("CARGO_BIN_EXE_processkarta"))
        .args(["build"])
        .current_dir(model.path())
        .env("PROCESSKARTA_TEST_TOKEN", SECRET)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(printed.contains("error[E060]"), "{printed}");
    assert!(!printed.contains(SECRET), "{printed}");
    assert!(!model.path().join("book").exists());
    refused(&model, &["E060 handlaggarstod/begrepp.md:3:14"]);
}

#[cfg(unix)]
#[test]
fn a_committed_relative_link_up_and_out_of_the_model_is_refused() {
    // parent/hemlig.txt beside parent/modell/, reached as ../../../hemlig.txt from
    // modell/handlaggarstod/filer/, as `../../../../etc/passwd` would be from a checkout.
    let parent = outside("hemlig.txt");
    let root = parent.path().join("modell");
    util::copy_dir(&util::fixture("valid"), &root);
    symlink(
        "../../../hemlig.txt",
        root.join("handlaggarstod/filer/passwd"),
    );
    std::fs::write(
        root.join("handlaggarstod/begrepp.md"),
        "# Begrepp\n\nSe [bilagan](filer/passwd).\n",
    )
    .unwrap();
    let check = util::run_in(&root, &["check", "--format", "json"]);
    check.expect_status(1);
    assert_found(&found(&check), &["E060 handlaggarstod/begrepp.md:3:14"]);
    let build = util::run_in(&root, &["build"]);
    build.expect_status(1);
    assert!(!build.stderr.contains(SECRET) && !build.stdout.contains(SECRET));
    assert!(!root.join("book").exists());
}

#[cfg(unix)]
#[test]
fn a_symlinked_folder_of_attachments_is_refused() {
    let secret = outside("bilaga.txt");
    let model = Model::fixture("valid");
    symlink(secret.path(), model.path().join("handlaggarstod/filer"));
    link_to(&model, "filer/bilaga.txt");
    refused(&model, &["E060 handlaggarstod/begrepp.md:3:14"]);
}

#[cfg(unix)]
#[test]
fn a_guidance_page_linked_to_the_repositorys_git_config_is_refused() {
    let model = Model::fixture("valid");
    model.write(
        ".git/config",
        format!("[remote \"origin\"]\n\turl = https://x:{SECRET}@example.se/r.git\n"),
    );
    let page = model.path().join("handlaggarstod/steg/1-behover-stod.md");
    std::fs::remove_file(&page).unwrap();
    symlink("../../.git/config", &page);
    refused(&model, &["E060 handlaggarstod/steg/1-behover-stod.md:1:1"]);
    let check = model.run(&["check"]);
    assert!(
        printed(&check).contains("leads into the hidden folder or file `.git` of the model"),
        "{check}"
    );
    // Markdown files inside a hidden folder are not part of the model at all.
    std::fs::remove_file(&page).unwrap();
    std::fs::copy(
        util::fixture("valid").join("handlaggarstod/steg/1-behover-stod.md"),
        &page,
    )
    .unwrap();
    model.write(".git/README.md", format!("{SECRET}\n"));
    model.write("handlaggarstod/.utkast/sida.md", format!("# {SECRET}\n"));
    builds_without_secret(&model);
}

#[cfg(unix)]
#[test]
fn a_folder_of_the_model_linked_out_of_it_is_refused_once() {
    let secret = outside("index.md");
    std::fs::write(secret.path().join("hemlig.md"), format!("# {SECRET}\n")).unwrap();
    let model = Model::fixture("valid");
    std::fs::remove_dir_all(model.path().join("handlaggarstod")).unwrap();
    symlink(secret.path(), model.path().join("handlaggarstod"));
    let check = model.run(&["check", "--format", "json"]);
    check.expect_status(1);
    let found = found(&check);
    assert_eq!(
        found
            .iter()
            .filter(|f| f.starts_with("E060"))
            .collect::<Vec<_>>(),
        ["E060 -"],
        "{check}"
    );
    let human = model.run(&["check"]);
    assert!(
        printed(&human).contains(
            "the folder handlaggarstod leads outside the model folder through a symbolic link"
        ),
        "{human}"
    );
    let build = model.run(&["build"]);
    build.expect_status(1);
    assert!(!printed(&build).contains(SECRET) && !printed(&human).contains(SECRET));
    assert!(!model.path().join("book").exists());
}

#[cfg(unix)]
#[test]
fn a_link_inside_the_model_still_works() {
    let model = Model::fixture("valid");
    model.write("handlaggarstod/filer/blankett.txt", "Blankett\n");
    symlink(
        "blankett.txt",
        model.path().join("handlaggarstod/filer/alias.txt"),
    );
    link_to(&model, "filer/alias.txt");
    let site = builds_without_secret(&model);
    assert_eq!(site["filer/filer/alias.txt"], b"Blankett\n");
}

#[cfg(unix)]
#[test]
fn a_theme_folder_linked_out_of_the_model_is_refused() {
    let secret = outside("passwd");
    std::fs::write(secret.path().join("site.css"), format!("/* {SECRET} */\n")).unwrap();
    // The default theme folder, not named in book.toml: reported at the start of book.toml.
    let model = Model::fixture("valid");
    symlink(secret.path(), model.path().join("themes/default"));
    refused(&model, &["E060 book.toml:1:1"]);
    // A theme named in book.toml: reported at its key.
    let model = Model::fixture("valid");
    let book = model.read("book.toml");
    model.write("book.toml", format!("{book}\n[build]\ntheme = \"tema\"\n"));
    symlink(secret.path(), model.path().join("tema"));
    refused(&model, &["E060 book.toml:16:1"]);
    // A file of a real theme folder linked out.
    std::fs::remove_file(model.path().join("tema")).unwrap();
    model.write("tema/site.css", "body {}\n");
    symlink(
        secret.path().join("passwd"),
        model.path().join("tema/passwd"),
    );
    refused(&model, &["E060 book.toml:16:1"]);
}

#[test]
fn a_hidden_folder_as_theme_is_refused() {
    for theme in [".git", "themes/.gammal", ".github/tema"] {
        let model = Model::fixture("valid");
        model.write(".git/config", format!("token = {SECRET}\n"));
        model.write(&format!("{theme}/site.css"), format!("/* {SECRET} */\n"));
        let book = model.read("book.toml");
        model.write(
            "book.toml",
            format!("{book}\n[build]\ntheme = \"{theme}\"\n"),
        );
        refused(&model, &["E060 book.toml:16:1"]);
    }
}

/// Runs `processkarta check --format json` in `dir`, killing it if it has not finished after
/// a minute (a FIFO made it wait forever), and returns what it found.
#[cfg(target_os = "linux")]
fn check_does_not_hang(dir: &Path) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_processkarta"))
        .args(["check", "--format", "json"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("check never finished: it opened a FIFO");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let run = util::Run {
        command: "processkarta check --format json".into(),
        status: 1,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::new(),
    };
    found(&run)
}

#[cfg(target_os = "linux")]
fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[cfg(target_os = "linux")]
#[test]
fn fifos_are_never_opened() {
    let model = Model::fixture("valid");
    mkfifo(&model.path().join("process/x.yaml"));
    assert_found(
        &check_does_not_hang(model.path()),
        &["E061 process/x.yaml:1:1"],
    );

    let model = Model::fixture("valid");
    std::fs::remove_file(model.path().join("book.toml")).unwrap();
    mkfifo(&model.path().join("book.toml"));
    assert_found(&check_does_not_hang(model.path()), &["E061 book.toml:1:1"]);

    let model = Model::fixture("valid");
    mkfifo(&model.path().join("handlaggarstod/sida.md"));
    assert_found(
        &check_does_not_hang(model.path()),
        &["E061 handlaggarstod/sida.md:1:1"],
    );

    let model = Model::fixture("valid");
    mkfifo(&model.path().join("handlaggarstod/filer/bilaga.txt"));
    link_to(&model, "filer/bilaga.txt");
    assert_found(
        &check_does_not_hang(model.path()),
        &["E061 handlaggarstod/begrepp.md:3:14"],
    );

    let model = Model::fixture("valid");
    mkfifo(&model.path().join("themes/default/site.css"));
    assert_found(&check_does_not_hang(model.path()), &["E061 book.toml:1:1"]);
    let check = model.run(&["check"]);
    assert!(
        printed(&check).contains(
            "theme file themes/default/site.css is a named pipe (FIFO), not an ordinary file"
        ),
        "{check}"
    );
}

/// A sparse file of 1.5 GiB: large to look at, nothing on the disk.
fn sparse(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let f = std::fs::File::create(path).unwrap();
    f.set_len(3 << 29).unwrap();
}

#[test]
fn files_over_the_size_limit_are_refused_before_they_are_read() {
    let model = Model::fixture("valid");
    sparse(&model.path().join("handlaggarstod/jattesida.md"));
    refused(&model, &["E007 handlaggarstod/jattesida.md:1:1"]);
    let check = model.run(&["check"]);
    assert!(
        printed(&check)
            .contains("handlaggarstod/jattesida.md is 1.5 GiB; at most 8 MiB is accepted"),
        "{check}"
    );

    let model = Model::fixture("valid");
    sparse(&model.path().join("handlaggarstod/filer/film.mp4"));
    link_to(&model, "filer/film.mp4");
    refused(&model, &["E007 handlaggarstod/begrepp.md:3:14"]);

    let model = Model::fixture("valid");
    sparse(&model.path().join("themes/default/fonts/stor.ttf"));
    refused(&model, &["E007 book.toml:1:1"]);
}

/// A 1×1 PNG image.
const PNG: [u8; 69] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0,
    0, 0, 144, 119, 83, 222, 0, 0, 0, 12, 73, 68, 65, 84, 120, 156, 99, 248, 207, 192, 0, 0, 3, 1,
    1, 0, 201, 254, 146, 239, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

#[test]
fn an_attached_svg_is_published_without_scripts() {
    // An image on the build machine that the SVG names by its path: it must not be embedded.
    let elsewhere = util::tempdir();
    let png = elsewhere.path().join("hemlig.png");
    std::fs::write(&png, PNG).unwrap();
    let model = Model::fixture("valid");
    model.write(
        "handlaggarstod/filer/flode.svg",
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20" onload="alert(1)">
  <script>alert(document.cookie)</script>
  <a xlink:href="javascript:alert(2)"><rect width="10" height="10" fill="#C8102E" onclick="alert(3)"/></a>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
  <image width="5" height="5" xlink:href="PNG_PATH"/>
  <text x="12" y="15">Flöde</text>
</svg>
"##
        .replace("PNG_PATH", png.to_str().unwrap()),
    );
    model.write(
        "handlaggarstod/begrepp.md",
        "# Begrepp\n\n![Flödet](filer/flode.svg)\n",
    );
    let site = builds_without_secret(&model);
    let svg = String::from_utf8(site["filer/filer/flode.svg"].clone()).unwrap();
    for gone in [
        "script",
        "onload",
        "onclick",
        "javascript",
        "foreignObject",
        "image",
        "href",
        "base64",
    ] {
        assert!(!svg.contains(gone), "{gone} survived:\n{svg}");
    }
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    assert!(
        svg.contains("fill=\"#c8102e\"") || svg.contains("fill=\"#C8102E\""),
        "{svg}"
    );
    assert!(svg.contains("Flöde"), "{svg}");
}
