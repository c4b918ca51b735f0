//! The ways back from the reader: `[book] edit-url` ("Föreslå ändring"), `[book] feedback`
//! ("Lämna synpunkt på steg 12") and `[book] previous` (the page "Ändringar sedan förra
//! versionen"), on the pages of a model that sets them and nowhere on one that does not,
//! and their checks in book.toml.

mod util;

use util::{git, Model};

const EDIT: &str = "edit-url = \"https://git.example.org/kommun/karta/edit/main/{path}\"\n";
const FEEDBACK: &str =
    "feedback = \"mailto:remiss@example.se?subject=Synpunkt%20p%C3%A5%20steg%20{step}%3A%20{title}\"\n";

/// The valid fixture with `lines` added to `[book]`.
fn with_book_keys(lines: &str) -> Model {
    let m = Model::fixture("valid");
    m.edit(
        "book.toml",
        "date = \"2024-01-15\"\n",
        &format!("date = \"2024-01-15\"\n{lines}"),
    );
    m
}

/// Builds `m` into a new folder and returns it.
fn build(m: &Model) -> tempfile::TempDir {
    let out = util::tempdir();
    let dir = out.path().join("site");
    m.run(&["build", "-o", dir.to_str().unwrap()])
        .expect_status(0);
    out
}

fn page(out: &tempfile::TempDir, rel: &str) -> String {
    std::fs::read_to_string(out.path().join("site").join(rel)).unwrap()
}

/// The hrefs of the reader links of a page, with their texts.
fn reader_links(html: &str) -> Vec<(String, String)> {
    let Some(start) = html.find("<aside class=\"reader-links\"") else {
        return Vec::new();
    };
    let aside = &html[start..start + html[start..].find("</aside>").unwrap()];
    aside
        .split("href=\"")
        .skip(1)
        .map(|rest| {
            let href = &rest[..rest.find('"').unwrap()];
            let text = &rest[rest.find('>').unwrap() + 1..rest.find("</a>").unwrap()];
            (href.replace("&amp;", "&"), text.to_string())
        })
        .collect()
}

fn edit(path: &str) -> (String, String) {
    (
        format!("https://git.example.org/kommun/karta/edit/main/{path}"),
        "Föreslå ändring".into(),
    )
}

#[test]
fn edit_and_feedback_links_on_the_pages_of_a_model_that_sets_them() {
    let m = with_book_keys(&format!("{EDIT}{FEEDBACK}"));
    let out = build(&m);
    assert_eq!(
        reader_links(&page(&out, "steg/2.html")),
        vec![
            edit("handlaggarstod/steg/2-tar-emot-ansokan.md"),
            (
                "https://git.example.org/kommun/karta/edit/main/process/kommun.yaml".into(),
                "Föreslå ändring av steget i kartan".into()
            ),
            (
                "mailto:remiss@example.se?subject=Synpunkt%20p%C3%A5%20steg%202%3A%20Tar%20emot%20ans%C3%B6kan".into(),
                "Lämna synpunkt på steg 2".into()
            ),
        ]
    );
    // A sub-process step: its number as cited, its YAML file the sub-process's.
    let sub = reader_links(&page(&out, "steg/4.1.html"));
    assert_eq!(sub.len(), 3, "{sub:?}");
    assert_eq!(
        sub[1].0,
        "https://git.example.org/kommun/karta/edit/main/process/underprocesser/utredning.yaml"
    );
    assert!(
        sub[2]
            .0
            .starts_with("mailto:remiss@example.se?subject=Synpunkt%20p%C3%A5%20steg%204.1%3A%20"),
        "{sub:?}"
    );
    assert_eq!(sub[2].1, "Lämna synpunkt på steg 4.1");
    // Pages made from one file link to it; pages made from the whole model have none.
    assert_eq!(
        reader_links(&page(&out, "index.html")),
        vec![edit("handlaggarstod/index.md")]
    );
    assert_eq!(
        reader_links(&page(&out, "sidor/begrepp.html")),
        vec![edit("handlaggarstod/begrepp.md")]
    );
    assert_eq!(
        reader_links(&page(&out, "parter/kommun.html")),
        vec![edit("process/kommun.yaml")]
    );
    assert_eq!(
        reader_links(&page(&out, "underprocesser/utredning.html")),
        vec![edit("process/underprocesser/utredning.yaml")]
    );
    assert_eq!(
        reader_links(&page(&out, "tillganglighet.html")),
        vec![edit("book.toml")]
    );
    for rel in ["sok.html", "skriv-ut.html", "aktualisering.html"] {
        assert_eq!(reader_links(&page(&out, rel)), vec![], "{rel}");
    }
    // Feedback only on step pages.
    let files = util::tree(&out.path().join("site"));
    for (rel, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert_eq!(
            text.contains("Lämna synpunkt på steg"),
            rel.starts_with("steg/"),
            "{rel}"
        );
    }
    // Without previous there is no page of changes and no link to one.
    assert!(!files.contains_key("andringar.html"));
    assert!(!page(&out, "index.html").contains("changes-link"));
}

#[test]
fn no_links_on_a_model_that_sets_none() {
    let m = Model::fixture("valid");
    let out = build(&m);
    let files = util::tree(&out.path().join("site"));
    assert!(!files.contains_key("andringar.html"));
    for (rel, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let text = String::from_utf8_lossy(bytes);
        for word in [
            "reader-links",
            "Föreslå ändring",
            "Lämna synpunkt",
            "andringar.html",
            "Ändringar sedan",
        ] {
            assert!(!text.contains(word), "{rel} has {word}");
        }
    }
}

#[test]
fn a_page_of_changes_since_the_previous_version_linked_from_the_start_page() {
    let repo = util::tempdir();
    let model = repo.path().join("modell");
    util::copy_dir(&util::fixture("valid"), &model);
    git(repo.path(), &["init", "--quiet"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "--quiet", "-m", "remiss 1"]);
    git(repo.path(), &["tag", "remiss-1"]);
    let m = Model::fixture("valid");
    let edit = |rel: &str, from: &str, to: &str| {
        let p = model.join(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    };
    edit(
        "process/kommun.yaml",
        "title: Tar emot ansökan",
        "title: Tar emot och läser ansökan",
    );
    edit(
        "book.toml",
        "date = \"2024-01-15\"\n",
        "date = \"2024-01-15\"\nprevious = \"remiss-1\"\n",
    );
    drop(m);
    let out = util::tempdir();
    let site = out.path().join("site");
    util::run_in(&model, &["build", "-o", site.to_str().unwrap()]).expect_status(0);
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        index.contains("<p class=\"changes-link\"><a href=\"andringar.html\">Ändringar sedan förra versionen</a></p>"),
        "the start page links to the changes"
    );
    let changes = std::fs::read_to_string(site.join("andringar.html")).unwrap();
    assert!(changes.contains("<h1>Ändringar sedan förra versionen</h1>"));
    assert!(changes.contains("sedan förra versionen (remiss-1)"));
    assert!(changes.contains(
        "<h2 data-map=\"overview\">Översiktskarta: Testprocess</h2>\n<ul>\n<li>Steg 2 heter nu ”Tar emot och läser ansökan” (hette ”Tar emot ansökan”)</li>\n</ul>"
    ));
    // The working tree is not touched by reading the revision.
    let yaml = std::fs::read_to_string(model.join("process/kommun.yaml")).unwrap();
    assert!(yaml.contains("Tar emot och läser ansökan"));

    // An unknown revision: E010 at the value, nothing built.
    edit(
        "book.toml",
        "previous = \"remiss-1\"",
        "previous = \"remiss-9\"",
    );
    let again = out.path().join("again");
    let run = util::run_in(&model, &["build", "-o", again.to_str().unwrap()]);
    run.expect_status(1);
    assert!(
        run.stderr.contains("error[E010]: book.toml: the previous version `remiss-9` cannot be read: `remiss-9` is not a git revision of the repository here"),
        "{run}"
    );
    assert!(run.stderr.contains("┌─ book.toml:5:12"), "{run}");
    assert!(!again.exists());
}

#[test]
fn previous_outside_a_git_repository_is_an_error_at_its_value() {
    let m = with_book_keys("previous = \"v1\"\n");
    let out = util::tempdir();
    let run = m.run(&["build", "-o", out.path().join("s").to_str().unwrap()]);
    run.expect_status(1);
    assert!(
        run.stderr
            .contains("error[E010]: book.toml: the previous version `v1` cannot be read"),
        "{run}"
    );
    assert!(run.stderr.contains("┌─ book.toml:5:12"), "{run}");
    assert!(!run.stderr.contains("panicked"), "{run}");
}

#[test]
fn book_toml_checks_the_three_keys_at_their_values() {
    let cases: [(&str, &str, &str); 6] = [
        (
            "edit-url = \"https://example.org/edit/main/\"\n",
            "E010 book.toml:5:12",
            "book.toml: edit-url has no `{path}`",
        ),
        (
            "edit-url = \"javascript:alert(1)//{path}\"\n",
            "E010 book.toml:5:12",
            "book.toml: edit-url `javascript:alert(1)//{path}` is not a web address (https://…) without spaces",
        ),
        (
            "feedback = \"mailto:remiss@example.se\"\n",
            "E010 book.toml:5:12",
            "book.toml: feedback has no `{step}`",
        ),
        (
            "feedback = \"https://example.org/new?steg={nr}\"\n",
            "E010 book.toml:5:12",
            "book.toml: feedback has the placeholder `{nr}`, which is not filled in (only {step} and {title} are)",
        ),
        (
            "feedback = \"remiss@example.se {step}\"\n",
            "E010 book.toml:5:12",
            "book.toml: feedback `remiss@example.se {step}` is not a mailto: or web address (https://…) without spaces",
        ),
        (
            "previous = \"--output=x\"\n",
            "E010 book.toml:5:12",
            "book.toml: previous `--output=x` is not a git revision",
        ),
    ];
    for (line, place, message) in cases {
        let m = with_book_keys(line);
        let run = m.run(&["check", "--format", "json"]);
        run.expect_status(1);
        let diags: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(diags.len(), 1, "{line}{run}");
        assert_eq!(util::places(&diags)[0], place, "{line}{run}");
        assert_eq!(diags[0]["message"], message, "{line}");
    }
    // The help says how to write it.
    let m = with_book_keys("edit-url = \"https://example.org/edit/main/\"\n");
    let run = m.run(&["check"]);
    run.expect_status(1);
    assert!(
        run.stderr.contains("= help: write the web address where a page's file is edited, with {path} for its path in the model, e.g. edit-url = \"https://github.com/org/repo/edit/main/{path}\""),
        "{run}"
    );
    // All three set well: no problem.
    let m = with_book_keys(&format!("{EDIT}{FEEDBACK}previous = \"v1.0\"\n"));
    m.run(&["check"]).expect_status(0);
}
