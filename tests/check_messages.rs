//! What `check` says about the mistakes people make when they edit a model by hand: one
//! message per mistake, at the place to fix, in the author's terms, and nothing that only
//! follows from it.

mod util;

use serde_json::Value;
use util::{places, Model};

/// The diagnostics of `check --format json`.
fn check(model: &Model) -> Vec<Value> {
    let run = model.run(&["check", "--format", "json"]);
    assert!(run.status == 0 || run.status == 1, "{run}");
    serde_json::from_str(&run.stdout).unwrap()
}

fn text(d: &Value, field: &str) -> String {
    d[field].as_str().unwrap_or_default().to_string()
}

#[test]
fn an_arrow_to_a_missing_step_does_not_make_a_phantom_loop() {
    // Before: "steps 2, 4 form a loop with no way out" and "step 5 cannot be reached" as well.
    let model = Model::init();
    model.edit(
        "process/handlaggare.yaml",
        "title: Utreder och beslutar\n    next: 5",
        "title: Utreder och beslutar\n    next: 55",
    );
    let diags = check(&model);
    assert_eq!(places(&diags), ["E031 process/handlaggare.yaml:18:11"]);
    // Step 5 cannot be reached only because of the typo: that is said at the typo.
    assert_eq!(
        text(&diags[0], "help"),
        "did you mean step 5? No other arrow leads there. \
         1 follow-on problem is not reported until this is fixed"
    );
    // A target that is no typo of an unreachable step keeps both problems.
    let model = Model::init();
    model.edit(
        "process/handlaggare.yaml",
        "title: Utreder och beslutar\n    next: 5",
        "title: Utreder och beslutar\n    next: 99",
    );
    assert_eq!(
        places(&check(&model)),
        [
            "E031 process/handlaggare.yaml:18:11",
            "E035 process/handlaggare.yaml:22:9",
        ]
    );
}

#[test]
fn an_invalid_lane_id_is_one_message_that_says_how_to_rename_it() {
    // Before: E024 "not a valid lane id" and E022 "add it to karta.yaml", where it already was,
    // and every problem that follows from the lane's steps being left out.
    let model = Model::fixture("valid");
    let team = model.read("process/team.yaml");
    std::fs::remove_file(model.path().join("process/team.yaml")).unwrap();
    model.write("process/försäkringskassan.yaml", team);
    model.edit("process/karta.yaml", "team]", "försäkringskassan]");
    let diags = check(&model);
    assert_eq!(places(&diags), ["E024 process/karta.yaml:2:26"]);
    assert_eq!(
        text(&diags[0], "help"),
        "rename it to `forsakringskassan`, in the file name (process/forsakringskassan.yaml) \
         and here in karta.yaml; a lane id is lowercase a–z, digits and `-`"
    );
}

#[test]
fn a_windows_1252_lane_file_is_not_also_a_lane_without_a_file() {
    // Before: E006 and E021 "lane `kommun` has no file", and 12 more that follow from it.
    let model = Model::fixture("valid");
    let text_1252: Vec<u8> = model
        .read("process/kommun.yaml")
        .chars()
        .map(|c| match c {
            'ä' => 0xe4,
            'ö' => 0xf6,
            c => c as u8,
        })
        .collect();
    model.write("process/kommun.yaml", text_1252);
    let diags = check(&model);
    assert_eq!(places(&diags), ["E006 process/kommun.yaml:5:24"]);
    assert!(
        text(&diags[0], "help")
            .ends_with("13 follow-on problems are not reported until this is fixed"),
        "{diags:?}"
    );
}

#[test]
fn an_unreadable_guidance_page_is_not_also_a_missing_one() {
    let model = Model::fixture("valid");
    model.write(
        "handlaggarstod/steg/7-klar.md",
        b"## Syfte\n\nF\xf6r steget.\n",
    );
    let diags = check(&model);
    assert_eq!(places(&diags), ["E006 handlaggarstod/steg/7-klar.md:3:2"]);
}

#[test]
fn a_page_named_with_an_underscore_is_told_how_to_rename_it() {
    // Before: "does not start with a step number", and E050 for step 3.
    let model = Model::fixture("valid");
    let page = model.read("handlaggarstod/steg/3-behovs-utredning.md");
    std::fs::remove_file(
        model
            .path()
            .join("handlaggarstod/steg/3-behovs-utredning.md"),
    )
    .unwrap();
    model.write("handlaggarstod/steg/3_utreder.md", page);
    let diags = check(&model);
    assert_eq!(
        places(&diags),
        ["E054 handlaggarstod/steg/3_utreder.md:1:1"]
    );
    assert_eq!(
        text(&diags[0], "message"),
        "in handlaggarstod/steg/3_utreder.md, the step number 3 is not followed by `-`"
    );
    assert!(
        text(&diags[0], "help").starts_with("rename the file to handlaggarstod/steg/3-utreder.md."),
        "{diags:?}"
    );
}

#[test]
fn a_missing_space_after_a_colon_is_pointed_at_on_its_own_line() {
    // Before: "simple key expect ':'" on the line after it.
    let model = Model::init();
    model.edit(
        "process/handlaggare.yaml",
        "    title: Utreder och beslutar",
        "    title:Utreder och beslutar",
    );
    let diags = check(&model);
    assert_eq!(places(&diags), ["E001 process/handlaggare.yaml:17:11"]);
    assert_eq!(
        text(&diags[0], "message"),
        "this file is not valid YAML: `title:` needs a space after the colon"
    );
    assert!(text(&diags[0], "help").starts_with("write `title: Utreder och beslutar`."));
}

#[test]
fn an_over_indented_key_is_told_to_line_up_not_to_quote() {
    let model = Model::init();
    model.edit(
        "process/handlaggare.yaml",
        "title: Utreder och beslutar\n    next: 5",
        "title: Utreder och beslutar\n      next: 5",
    );
    let diags = check(&model);
    assert_eq!(places(&diags), ["E001 process/handlaggare.yaml:18:7"]);
    assert_eq!(
        text(&diags[0], "message"),
        "this file is not valid YAML: `next:` is indented further than the line above"
    );
    let help = text(&diags[0], "help");
    assert!(
        help.starts_with("start `next:` in the same column as `title:` on the line above."),
        "{help}"
    );
    assert!(!help.contains("quote"), "{help}");
}

#[test]
fn a_colon_in_a_value_is_told_what_to_write() {
    let model = Model::init();
    model.edit(
        "process/handlaggare.yaml",
        "title: Beslut meddelat",
        "title: Beslut: meddelat",
    );
    let diags = check(&model);
    assert_eq!(places(&diags), ["E001 process/handlaggare.yaml:24:18"]);
    assert!(
        text(&diags[0], "help")
            .starts_with("put the value in quotes: title: \"Beslut: meddelat\"."),
        "{diags:?}"
    );
}

#[test]
fn no_rust_words_reach_the_author() {
    // Before: "expected u32", "expected field identifier", "unknown variant `A5`, expected
    // one of …".
    let cases = [
        ("nr: 2", "nr: abc", "wrong value in `nr`: the text \"abc\" where a positive whole number is expected"),
        ("nr: 2", "nr: -1", "wrong value in `nr`: the number -1 where a positive whole number is expected"),
        ("nr: 2", "nr: 99999999999", "wrong value in `nr`: the number 99999999999 is too large (at most 4294967295)"),
        ("aktualisering: true", "aktualisering: ja", "wrong value in `aktualisering`: the text \"ja\" where `true` or `false` is expected"),
        ("title: Tar emot ansökan", "title: [a]", "wrong value in `title`: a list where text is expected"),
        ("next: [3]", "next: [3]\n    1: x", "the number 1 is not a field name"),
        ("kind: vagval", "kind: fråga", "unknown value `fråga`"),
        ("{to: 4, label: Ja}", "{to: fyra, label: Ja}", "wrong value in `next[0].to`: the text \"fyra\" where a positive whole number is expected"),
    ];
    for (from, to, message) in cases {
        let model = Model::fixture("valid");
        model.edit("process/kommun.yaml", from, to);
        let diags = check(&model);
        assert_eq!(diags.len(), 1, "{to}: {diags:?}");
        assert_eq!(text(&diags[0], "message"), message, "{to}");
        let human = model.run(&["check"]);
        for word in [
            "u32",
            "identifier",
            "variant",
            "invalid type",
            "invalid value",
            ", expected",
        ] {
            assert!(!human.stderr.contains(word), "{word} in {human}");
        }
    }
    let model = Model::fixture("valid");
    for (value, column, message) in [
        (
            "paper = \"A5\"",
            9,
            "book.toml: the text \"A5\" where A4, A3, A2 or A1 is expected",
        ),
        (
            "orientation = \"sideways\"",
            15,
            "book.toml: `sideways` is not one of landscape, portrait",
        ),
        ("papper = \"A3\"", 1, "book.toml: unknown key `papper`"),
    ] {
        model.write(
            "book.toml",
            format!("[book]\ntitle = \"T\"\n\n[map]\n{value}\n"),
        );
        let diags = check(&model);
        assert_eq!(
            places(&diags),
            [format!("E010 book.toml:5:{column}")],
            "{value}"
        );
        assert_eq!(text(&diags[0], "message"), message);
    }
}

#[test]
fn a_comma_in_a_flow_label_says_to_quote_the_label() {
    // Before: "unknown field `komplett`", and the step's arrows lost with five follow-ons.
    let model = Model::fixture("valid");
    model.edit(
        "process/kommun.yaml",
        "{to: 4, label: Ja}",
        "{to: 4, label: Ja, komplett}",
    );
    let diags = check(&model);
    assert_eq!(places(&diags), ["E003 process/kommun.yaml:12:28"]);
    assert_eq!(
        text(&diags[0], "message"),
        "the label `Ja, komplett` is cut at its comma"
    );
    assert!(
        text(&diags[0], "help").contains("quote the label, label: \"Ja, komplett\""),
        "{diags:?}"
    );
}

#[test]
fn unlabelled_arrows_of_a_vagval_are_told_different_labels() {
    // Before: both told to use `label: Ja`.
    let model = Model::fixture("valid");
    model.edit(
        "process/kommun.yaml",
        "      - {to: 4, label: Ja}\n      - {to: 6, label: Nej}",
        "      - {to: 4}\n      - {to: 6}",
    );
    let diags = check(&model);
    let helps: Vec<String> = diags.iter().map(|d| text(d, "help")).collect();
    assert_eq!(
        helps,
        [
            "write it as `{to: 4, label: Ja}` so readers see which answer leads there",
            "write it as `{to: 6, label: Nej}` so readers see which answer leads there",
        ]
    );
    let model = Model::fixture("valid");
    model.edit("process/kommun.yaml", "{to: 6, label: Nej}", "{to: 6}");
    let diags = check(&model);
    assert_eq!(
        text(&diags[0], "help"),
        "write it as `{to: 6, label: Nej}` so readers see which answer leads there"
    );
}

#[test]
fn an_unquoted_colour_is_not_dropped_silently() {
    // Before: no problem reported, and the lane drawn in the theme's colour.
    let model = Model::fixture("valid");
    model.edit(
        "process/kommun.yaml",
        "color: \"#C8102E\"",
        "color: #C8102E",
    );
    let diags = check(&model);
    assert_eq!(places(&diags), ["E002 process/kommun.yaml:2:8"]);
    assert_eq!(
        text(&diags[0], "message"),
        "`color:` has no value: YAML reads `#C8102E` as a comment"
    );
    assert_eq!(
        text(&diags[0], "help"),
        "put the value in quotes: color: \"#C8102E\""
    );
    // What follows from the value's absence is folded into it.
    let model = Model::fixture("valid");
    model.edit("process/kommun.yaml", "next: [3]", "next: #3");
    let diags = check(&model);
    assert_eq!(places(&diags), ["E002 process/kommun.yaml:7:11"]);
    assert!(
        text(&diags[0], "help")
            .ends_with("5 follow-on problems are not reported until this is fixed"),
        "{diags:?}"
    );
    let model = Model::fixture("valid");
    model.edit(
        "process/kommun.yaml",
        "title: Tar emot ansökan",
        "title: #2 Tar emot",
    );
    assert_eq!(places(&check(&model)), ["E002 process/kommun.yaml:5:12"]);
    // A comment written as comments are is not a value.
    let model = Model::fixture("valid");
    model.edit(
        "process/kommun.yaml",
        "color: \"#C8102E\"",
        "color: # the theme's",
    );
    assert_eq!(places(&check(&model)), Vec::<String>::new());
}

#[test]
fn step_links_that_markdown_does_not_read_are_reported() {
    // Before: published as literal text without a word.
    let model = Model::fixture("valid");
    model.write(
        "handlaggarstod/steg/1-behover-stod.md",
        "Se [steg 2](steg: 2), [steg 3] (steg:3), `[steg 4](steg: 4)` och [steg 6](steg:6).\n",
    );
    let diags = check(&model);
    assert_eq!(
        places(&diags),
        [
            "E056 handlaggarstod/steg/1-behover-stod.md:1:4",
            "E056 handlaggarstod/steg/1-behover-stod.md:1:23",
        ]
    );
    assert_eq!(
        text(&diags[1], "help"),
        "write it without spaces: [steg 3](steg:3)"
    );
}

#[test]
fn link_text_naming_another_step_is_a_warning() {
    let model = Model::fixture("valid");
    model.write(
        "handlaggarstod/steg/1-behover-stod.md",
        "Se [steg 5](steg:6), [steget 3](steg:3), [steg 2–3](steg:3) och [nästa](steg:2).\n",
    );
    let diags = check(&model);
    assert_eq!(
        places(&diags),
        ["W004 handlaggarstod/steg/1-behover-stod.md:1:13"]
    );
    assert_eq!(
        text(&diags[0], "message"),
        "the link text says step 5, but the link goes to step 6"
    );
}

#[test]
fn guidance_files_that_are_not_read_say_so() {
    // Before: left out without a word, and only "step 7 has no guidance page".
    for (name, message) in [
        (
            "handlaggarstod/steg/7-klar.MD",
            "handlaggarstod/steg/7-klar.MD is not read: pages in handlaggarstod/ must end in `.md`",
        ),
        (
            "handlaggarstod/steg/7-klar.md.txt",
            "handlaggarstod/steg/7-klar.md.txt is not read: pages in handlaggarstod/ must end in `.md`",
        ),
        (
            "handlaggarstod/7-klar.md",
            "handlaggarstod/7-klar.md looks like the guidance for step 7, but guidance is read only from handlaggarstod/steg/",
        ),
    ] {
        let model = Model::fixture("valid");
        std::fs::remove_file(model.path().join("handlaggarstod/steg/7-klar.md")).unwrap();
        model.write(name, "## Syfte\n\nText för steget.\n");
        let diags = check(&model);
        assert_eq!(places(&diags), [format!("E057 {name}:1:1")]);
        assert_eq!(text(&diags[0], "message"), message);
        assert!(
            text(&diags[0], "help").ends_with("1 follow-on problem is not reported until this is fixed"),
            "{diags:?}"
        );
    }
}

#[test]
fn a_wrong_next_does_not_also_report_what_follows_from_its_absence() {
    // Before: E002, then E034 "leads nowhere" and four steps "cannot be reached".
    let model = Model::fixture("valid");
    model.edit("process/kommun.yaml", "next: [3]", "next: x");
    let diags = check(&model);
    assert_eq!(places(&diags), ["E002 process/kommun.yaml:7:11"]);
    assert!(
        text(&diags[0], "help")
            .ends_with("5 follow-on problems are not reported until this is fixed"),
        "{diags:?}"
    );
}

#[test]
fn vagval_with_its_swedish_letter_and_paper_in_lower_case_are_accepted() {
    // Before: "unknown value `vägval`" and "unknown variant `a3`".
    let model = Model::fixture("valid");
    model.edit("process/kommun.yaml", "kind: vagval", "kind: vägval");
    model.edit("book.toml", "[book]", "[map]\npaper = \"a3\"\n\n[book]");
    let run = model.run(&["check", "--deny-warnings"]);
    run.expect_status(0);
    assert_eq!(model.run(&["check", "--format", "json"]).stdout, "[]\n");
}

#[test]
fn commands_started_in_a_sub_folder_find_the_model_above() {
    let model = Model::fixture("valid");
    let sub = model.path().join("process/underprocesser");
    let run = util::run_in(&sub, &["check"]);
    run.expect_status(0);
    let root = std::path::absolute(model.path()).unwrap();
    assert!(
        run.stderr.starts_with(&format!(
            "processkarta: using the model in {}\n",
            root.display()
        )),
        "{run}"
    );
    let json = util::run_in(&sub, &["check", "--format", "json"]);
    assert_eq!(json.stdout, "[]\n", "{json}");
    util::run_in(&sub, &["build"]).expect_status(0);
    assert!(model.path().join("book/index.html").is_file());
    assert!(!sub.join("book").exists());
    // A folder named on the command line is taken as it is.
    util::run_in(model.path(), &["check", "process"]).expect_status(2);
}
