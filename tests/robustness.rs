//! Hostile and broken input: every case gets a clear diagnostic or a correct result, in
//! bounded time, and nothing outside the model is read or written.

mod util;

use std::fmt::Write as _;
use util::Model;

fn codes(run: &util::Run) -> Vec<String> {
    let diags: Vec<serde_json::Value> =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e})\n{run}"));
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn one_large_anchored_text_reused_by_many_steps_is_refused() {
    let model = Model::fixture("valid");
    let mut yaml =
        String::from("name: Individen\nsteps:\n  - nr: 1\n    kind: start\n    title: &t \"");
    yaml.push_str(&"lång text ".repeat(20_000));
    yaml.push_str("\"\n    next: 7\n  - nr: 7\n    kind: end\n    title: Klar\n");
    for i in 0..2_000 {
        let _ = write!(yaml, "  - nr: {}\n    title: *t\n    next: 7\n", 100 + i);
    }
    model.write("process/individ.yaml", yaml);
    let run = model.run(&["check", "--format", "json"]);
    run.expect_status(1);
    assert!(codes(&run).contains(&"E007".to_string()), "{run}");
}

#[test]
fn deep_nesting_is_refused() {
    let model = Model::fixture("valid");
    let yaml = format!(
        "name: Individen\nx: {}{}\nsteps: []\n",
        "[".repeat(100),
        "]".repeat(100)
    );
    model.write("process/individ.yaml", yaml);
    let run = model.run(&["check", "--format", "json"]);
    run.expect_status(1);
    assert!(codes(&run).contains(&"E007".to_string()), "{run}");
}

#[test]
fn a_50_mb_lane_file_is_refused_without_reading_it() {
    let model = Model::fixture("valid");
    let mut yaml = String::from("name: Individen\nsteps:\n");
    let line = "  # padding padding padding padding padding padding padding padding padding\n";
    while yaml.len() < 50 * 1024 * 1024 {
        yaml.push_str(line);
    }
    model.write("process/individ.yaml", yaml);
    let run = model.run(&["check", "--format", "json"]);
    run.expect_status(1);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert!(
        diags
            .iter()
            .any(|d| d["code"] == "E007" && d["file"] == "process/individ.yaml" && d["line"] == 1),
        "{run}"
    );
}

#[test]
fn a_lane_with_10000_steps_checks_correctly() {
    let model = Model::fixture("valid");
    let mut yaml = String::from("name: Individen\nsteps:\n  - nr: 1\n    kind: start\n    title: Start\n    next: [2, 1000]\n  - nr: 7\n    kind: end\n    title: Klar\n  - nr: 11000\n    kind: end\n    title: Slut\n");
    model.write("handlaggarstod/steg/11000-slut.md", "## Syfte\n\nText.\n");
    for nr in 1000..11_000u32 {
        let next = nr + 1;
        let _ = write!(
            yaml,
            "  - nr: {nr}\n    title: Steg {nr}\n    next: {next}\n"
        );
        model.write(
            &format!("handlaggarstod/steg/{nr}-steg.md"),
            "## Syfte\n\nText.\n",
        );
    }
    model.write("process/individ.yaml", yaml);
    let run = model.run(&["check", "--format", "json"]);
    run.expect_status(0);
    // Correct, and far too long for one sheet of A3.
    assert_eq!(codes(&run), ["W003"]);
}

#[test]
fn tabs_for_indentation_get_a_clear_message() {
    let model = Model::fixture("valid");
    model.write(
        "process/individ.yaml",
        "name: Individen\nsteps:\n\t- nr: 1\n",
    );
    let run = model.run(&["check"]);
    run.expect_status(1);
    assert!(run.stderr.contains("error[E001]"), "{run}");
    assert!(run.stderr.contains("process/individ.yaml:3:1"), "{run}");
    assert!(run.stderr.contains("tab"), "{run}");
}

#[test]
fn build_dir_must_stay_inside_and_away_from_sources() {
    for bad in [
        "..",
        "../ut",
        "/tmp/ut",
        ".",
        "process",
        "handlaggarstod/site",
        "themes",
    ] {
        let model = Model::fixture("valid");
        let book = model.read("book.toml");
        model.write(
            "book.toml",
            format!("{book}\n[build]\nbuild-dir = \"{bad}\"\n"),
        );
        let run = model.run(&["build"]);
        assert_ne!(run.status, 0, "build-dir {bad} was accepted\n{run}");
        assert!(
            model.path().join("process/karta.yaml").is_file(),
            "{bad} destroyed the model"
        );
        assert!(
            model.path().join("handlaggarstod/index.md").is_file(),
            "{bad} destroyed the guidance"
        );
    }
}

#[test]
fn theme_outside_the_model_is_refused() {
    let model = Model::fixture("valid");
    let book = model.read("book.toml");
    model.write(
        "book.toml",
        format!("{book}\n[build]\ntheme = \"../../etc\"\n"),
    );
    let run = model.run(&["check", "--format", "json"]);
    run.expect_status(1);
    assert_eq!(codes(&run), ["E060"], "{run}");
}

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_the_model_are_not_followed() {
    let outside = util::tempdir();
    std::fs::write(
        outside.path().join("hemlig.yaml"),
        "name: Hemlig\nsteps: []\n",
    )
    .unwrap();
    std::fs::write(outside.path().join("hemlig.md"), "# Hemligt innehåll\n").unwrap();
    let model = Model::fixture("valid");
    std::os::unix::fs::symlink(
        outside.path().join("hemlig.yaml"),
        model.path().join("process/hemlig.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("hemlig.md"),
        model.path().join("handlaggarstod/hemlig.md"),
    )
    .unwrap();
    let run = model.run(&["check", "--format", "json"]);
    run.expect_status(1);
    assert_eq!(codes(&run), ["E060", "E060"], "{run}");
    assert!(!run.stdout.contains("Hemlig"), "{run}");
}

#[test]
fn init_never_overwrites_a_model() {
    let model = Model::fixture("valid");
    let before = model.read("process/karta.yaml");
    let run = model.run(&["init"]);
    run.expect_status(2);
    assert!(run.stderr.contains("never overwrites"), "{run}");
    assert_eq!(model.read("process/karta.yaml"), before);
    let empty = util::tempdir();
    util::run_in(empty.path(), &["init"]).expect_status(0);
    util::run_in(empty.path(), &["check", "--deny-warnings"]).expect_status(0);
    util::run_in(empty.path(), &["build"]).expect_status(0);
}

#[test]
fn a_failed_build_leaves_the_previous_site() {
    let model = Model::fixture("valid");
    model.run(&["build"]).expect_status(0);
    let before = util::tree(&model.path().join("book"));
    assert!(!before.is_empty());
    model.write("process/individ.yaml", "name: Individen\nsteps: [\n");
    model.run(&["build"]).expect_status(1);
    assert_eq!(util::tree(&model.path().join("book")), before);
}

#[test]
fn an_interrupted_build_leaves_a_whole_site() {
    let model = Model::fixture("valid");
    model.run(&["build"]).expect_status(0);
    let old = util::tree(&model.path().join("book"));
    // A bigger model, so the build takes long enough to be killed in the middle.
    let mut yaml = String::from("name: Individen\nsteps:\n  - nr: 1\n    kind: start\n    title: Behöver stöd\n    next: 2\n  - nr: 7\n    kind: end\n    title: Klar\n");
    for nr in 100..1100u32 {
        let _ = write!(
            yaml,
            "  - nr: {nr}\n    title: Steg {nr}\n    next: {}\n",
            if nr == 1099 { 7 } else { nr + 1 }
        );
        model.write(
            &format!("handlaggarstod/steg/{nr}-steg.md"),
            "## Syfte\n\nText.\n",
        );
    }
    yaml = yaml.replace("    next: 2\n", "    next: [2, 100]\n");
    model.write("process/individ.yaml", yaml);
    let bin = env!("CARGO_BIN_EXE_processkarta");
    for delay_ms in [1u64, 5, 20, 60, 150] {
        let mut child = std::process::Command::new(bin)
            .arg("build")
            .current_dir(model.path())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = util::tree(&model.path().join("book"));
        let complete = now.keys().any(|k| k.contains("1099"));
        assert!(
            now == old || complete,
            "after a kill at {delay_ms} ms the site is neither the old one nor a complete new one"
        );
    }
    model.run(&["build"]).expect_status(0);
    let leftovers: Vec<String> = std::fs::read_dir(model.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".book.") && n != ".book.lock")
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}
