//! One failing fixture per rule of `check`: each applies `tests/fixtures/rules/<rule>/overlay`
//! to the valid fixture and expects the rule's code at an exact file, line and column.

mod util;

use util::Model;

/// Runs one rule fixture and checks its expectation (`CODE file:line:col`, or `CODE -` for a
/// problem of the whole model).
fn rule(name: &str) {
    let dir = util::fixture("rules").join(name);
    let expect = std::fs::read_to_string(dir.join("expect")).unwrap();
    let (code, place) = expect.trim().split_once(' ').unwrap();
    let model = Model::fixture("valid");
    model.overlay(&dir);
    let run = model.run(&["check", "--format", "json"]);
    let is_warning = code.starts_with('W');
    run.expect_status(if is_warning { 0 } else { 1 });
    let diags: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let found = diags.iter().any(|d| {
        let at = match (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()) {
            (Some(f), Some(l), Some(c)) => format!("{f}:{l}:{c}"),
            _ => "-".to_string(),
        };
        d["code"] == code && at == place
    });
    assert!(found, "expected {code} at {place}\n{run}");
    if is_warning {
        let strict = model.run(&["check", "--deny-warnings"]);
        strict.expect_status(1);
    }
}

macro_rules! rules {
    ($($test:ident => $dir:literal,)*) => {
        $(#[test] fn $test() { rule($dir); })*

        #[test]
        fn every_rule_fixture_has_a_test() {
            let mut dirs: Vec<String> = std::fs::read_dir(util::fixture("rules"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            dirs.sort();
            let tested = vec![$($dir),*];
            assert_eq!(dirs, tested);
        }
    };
}

rules! {
    e001_yaml_syntax => "E001-yaml-syntax",
    e002_wrong_type => "E002-wrong-type",
    e003_unknown_field => "E003-unknown-field",
    e004_missing_field => "E004-missing-field",
    e005_duplicate_key => "E005-duplicate-key",
    e006_unreadable_file => "E006-unreadable-file",
    e007_too_large => "E007-too-large",
    e008_text_too_long => "E008-text-too-long",
    e010_book_toml => "E010-book-toml",
    e011_build_dir_refused => "E011-build-dir-refused",
    e020_missing_karta => "E020-missing-karta",
    e021_lane_without_file => "E021-lane-without-file",
    e022_lane_not_listed => "E022-lane-not-listed",
    e023_lane_listed_twice => "E023-lane-listed-twice",
    e024_invalid_lane_id => "E024-invalid-lane-id",
    e025_unknown_lane => "E025-unknown-lane",
    e030_duplicate_step => "E030-duplicate-step",
    e031_unknown_step => "E031-unknown-step",
    e032_no_start => "E032-no-start",
    e033_end_with_next => "E033-end-with-next",
    e034_dead_end => "E034-dead-end",
    e035_unreachable => "E035-unreachable",
    e036_no_way_out => "E036-no-way-out",
    e037_vagval_too_few_arrows => "E037-vagval-too-few-arrows",
    e038_vagval_unlabelled => "E038-vagval-unlabelled",
    e039_missing_subprocess => "E039-missing-subprocess",
    e040_subprocess_opened_twice => "E040-subprocess-opened-twice",
    e041_subprocess_never_opened => "E041-subprocess-never-opened",
    e042_process_on_non_subprocess => "E042-process-on-non-subprocess",
    e043_invalid_step_nr => "E043-invalid-step-nr",
    e044_duplicate_arrow => "E044-duplicate-arrow",
    e045_continues_not_a_target => "E045-continues-not-a-target",
    e046_continues_ambiguous => "E046-continues-ambiguous",
    e047_continues_not_on_end => "E047-continues-not-on-end",
    e050_missing_guidance => "E050-missing-guidance",
    e051_guidance_without_step => "E051-guidance-without-step",
    e052_broken_step_link => "E052-broken-step-link",
    e053_broken_link => "E053-broken-link",
    e054_bad_guidance_name => "E054-bad-guidance-name",
    e055_duplicate_guidance => "E055-duplicate-guidance",
    e056_not_a_link => "E056-not-a-link",
    e057_guidance_not_read => "E057-guidance-not-read",
    e058_unknown_law => "E058-unknown-law",
    e059_bad_provision => "E059-bad-provision",
    e060_unsafe_path => "E060-unsafe-path",
    e061_not_a_file => "E061-not-a-file",
    e062_active_attachment => "E062-active-attachment",
    e063_bad_svg_attachment => "E063-bad-svg-attachment",
    e064_bad_law_entry => "E064-bad-law-entry",
    w001_backward_arrow => "W001-backward-arrow",
    w002_title_too_long => "W002-title-too-long",
    w003_map_too_large => "W003-map-too-large",
    w004_link_text_mismatch => "W004-link-text-mismatch",
    w005_target_not_continued => "W005-target-not-continued",
    w006_repealed_law => "W006-repealed-law",
    w007_unreviewed_law_change => "W007-unreviewed-law-change",
}

#[test]
fn the_valid_fixture_has_no_problems() {
    let model = Model::fixture("valid");
    let run = model.run(&["check", "--deny-warnings"]);
    run.expect_status(0);
    assert!(
        run.stderr
            .contains("ok: 9 steps on 2 maps, 9 guidance pages"),
        "{run}"
    );
}

#[test]
fn every_code_has_a_rule_fixture() {
    let dirs: Vec<String> = std::fs::read_dir(util::fixture("rules"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy()[..4].to_string())
        .collect();
    // E070 reports a failure inside the PDF writer: no model can cause it on purpose.
    let not_from_input = ["E070"];
    for code in processkarta::diagnostic::Code::ALL {
        if not_from_input.contains(&code.as_str()) {
            continue;
        }
        assert!(
            dirs.contains(&code.as_str().to_string()),
            "no fixture for {}",
            code.as_str()
        );
    }
}

/// The human output of `check` in the fixtures' own language, Swedish (no `--lang`), is
/// exactly `expect.sv` for the rules that have one.
fn swedish(name: &str) {
    let dir = util::fixture("rules").join(name);
    let expect = std::fs::read_to_string(dir.join("expect.sv")).unwrap();
    let model = Model::fixture("valid");
    model.overlay(&dir);
    let run = model.run_native(&["check"]);
    assert_eq!(run.stderr, expect, "{run}");
}

#[test]
fn swedish_e001_yaml_syntax() {
    swedish("E001-yaml-syntax");
}

#[test]
fn swedish_e031_unknown_step() {
    swedish("E031-unknown-step");
    // The README shows the same problem in Swedish, as check prints it.
    let expect =
        std::fs::read_to_string(util::fixture("rules").join("E031-unknown-step/expect.sv"))
            .unwrap();
    let problem = expect.split("\n\n").next().unwrap();
    let readme = std::fs::read_to_string(util::repo().join("README.md")).unwrap();
    assert!(
        readme.contains(problem),
        "README's Swedish example:\n{problem}"
    );
}

#[test]
fn swedish_e034_dead_end() {
    swedish("E034-dead-end");
}

#[test]
fn swedish_e050_missing_guidance() {
    swedish("E050-missing-guidance");
}

#[test]
fn swedish_w003_map_too_large() {
    swedish("W003-map-too-large");
}

/// The first message of `check --format json` on the E031 fixture with `language` in
/// book.toml set to `language` (or left out for `None`) and the extra arguments `args`.
fn e031_message(language: Option<&str>, args: &[&str]) -> String {
    let model = Model::fixture("valid");
    model.overlay(&util::fixture("rules").join("E031-unknown-step"));
    if let Some(language) = language {
        let book = model.read("book.toml");
        let book = book.replacen(
            "[book]\n",
            &format!("[book]\nlanguage = \"{language}\"\n"),
            1,
        );
        model.write("book.toml", book);
    }
    let mut all = vec!["check", "--format", "json"];
    all.extend(args);
    let run = model.run_native(&all);
    run.expect_status(1);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(diags[0]["code"], "E031", "{run}");
    diags[0]["message"].as_str().unwrap().to_string()
}

const E031_EN: &str = "step 3 points to step 99, which does not exist";
const E031_SV: &str = "Steg 3 pekar på steg 99, som inte finns.";

#[test]
fn book_language_chooses_the_language_and_lang_overrides_it() {
    assert_eq!(e031_message(None, &[]), E031_SV, "the default language");
    assert_eq!(e031_message(Some("sv"), &[]), E031_SV);
    assert_eq!(e031_message(Some("en"), &[]), E031_EN);
    assert_eq!(e031_message(Some("sv-FI"), &[]), E031_SV);
    assert_eq!(
        e031_message(Some("fi"), &[]),
        E031_EN,
        "an unknown language"
    );
    assert_eq!(e031_message(Some("en"), &["--lang", "sv"]), E031_SV);
    assert_eq!(e031_message(Some("sv"), &["--lang", "en"]), E031_EN);
    assert_eq!(e031_message(Some("sv"), &["--lang=en"]), E031_EN);
}

#[test]
fn a_model_without_a_readable_book_toml_gets_swedish_unless_lang_says_otherwise() {
    let model = Model::fixture("valid");
    model.write("book.toml", "[book\ntitle = \"x\"\n");
    let sv = model.run_native(&["check", "--format", "json"]);
    sv.expect_status(1);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&sv.stdout).unwrap();
    assert_eq!(diags[0]["code"], "E010", "{sv}");
    assert_eq!(
        diags[0]["message"],
        "book.toml är inte giltig TOML. TOML-läsaren säger (på engelska): unclosed table, expected `]`",
        "{sv}"
    );
    assert_eq!(
        diags[0]["help"], "Se FORMAT.md för nycklarna i book.toml och deras värden.",
        "{sv}"
    );
    let en = model.run_native(&["--lang", "en", "check", "--format", "json"]);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&en.stdout).unwrap();
    assert_eq!(
        diags[0]["message"], "book.toml: unclosed table, expected `]`",
        "{en}"
    );
    assert_eq!(
        diags[0]["help"], "see FORMAT.md for the keys of book.toml and their values",
        "{en}"
    );
}

#[test]
fn an_unknown_lang_is_a_usage_error_that_lists_both() {
    let model = Model::fixture("valid");
    let run = model.run_native(&["check", "--lang", "fi"]);
    run.expect_status(2);
    assert!(
        run.stderr
            .contains("invalid value 'fi' for '--lang <LANG>'\n  [possible values: sv, en]"),
        "{run}"
    );
}

#[test]
fn help_says_what_decides_the_language() {
    let run = Model::fixture("valid").run_native(&["--help"]);
    run.expect_status(0);
    let text = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("Language: problems and reports are written in the model's language"),
        "{run}"
    );
    assert!(text.contains("--lang <LANG>"), "{run}");
}
