//! The starting model written by `processkarta init`: one lane, a few steps, guidance pages
//! and a book.toml, which passes `check` and builds. The YAML files start with a
//! `# yaml-language-server: $schema=…` line pointing at the JSON Schemas that `init` writes
//! into `schemas/`, so that an editor with the YAML language server completes and checks them.

use crate::schema::{self, FileKind};

/// The folder, relative to the model, where `init` writes the JSON Schemas.
pub const SCHEMA_DIR: &str = "schemas";

/// The first line of a YAML file in `process/` that binds it to the schema of its kind.
/// `depth` is how many folders below the model the file is (1 for `process/x.yaml`).
pub fn schema_line(kind: FileKind, depth: usize) -> String {
    format!(
        "# yaml-language-server: $schema={}{SCHEMA_DIR}/{}.json\n",
        "../".repeat(depth),
        kind.name()
    )
}

/// Files of a new model: path relative to the model folder, and content.
pub fn files(title: &str) -> Vec<(&'static str, String)> {
    let schema_file = |kind: FileKind| {
        let mut text = serde_json::to_string_pretty(&schema::schema_for(kind))
            .expect("a schema always serializes");
        text.push('\n');
        text
    };
    let esc = title.replace('\\', "\\\\").replace('"', "\\\"");
    vec![
        ("schemas/karta.json", schema_file(FileKind::Karta)),
        ("schemas/lane.json", schema_file(FileKind::Lane)),
        ("schemas/subprocess.json", schema_file(FileKind::Subprocess)),
        (
            "book.toml",
            format!(
                r#"[book]
title = "{esc}"
description = "Processkarta och handläggarstöd"
language = "sv"
authors = []
version = "Utkast"

[build]
build-dir = "book"

[map]
paper = "A3"
orientation = "landscape"

[accessibility]
organisation = "Organisationens namn"
status = "partial"
shortcomings = ["Webbplatsen är inte granskad av någon utomstående."]
assessment-date = "2026-01-01"
assessment-method = "Självskattning"
feedback = "mailto:namn@example.se"
enforcement-url = "https://www.digg.se/tdosanmalan"
"#
            ),
        ),
        (
            "process/karta.yaml",
            format!(
                "{}# The overview map: its title and the lanes, top to bottom.\ntitle: \"{esc}\"\nlanes:\n  - handlaggare\n",
                schema_line(FileKind::Karta, 1)
            ),
        ),
        (
            "process/handlaggare.yaml",
            schema_line(FileKind::Lane, 1)
                + r##"# One party's lane. Every step has a number, a title and where it leads (next).
name: Handläggaren
color: "#1F6FB5"
steps:
  - nr: 1
    kind: start
    title: Ärendet kommer in
    next: 2
  - nr: 2
    kind: vagval
    title: Är ansökan komplett?
    next:
      - { to: 3, label: Ja }
      - { to: 4, label: Nej }
  - nr: 3
    title: Utreder och beslutar
    next: 5
  - nr: 4
    title: Begär komplettering
    next: 2
  - nr: 5
    kind: end
    title: Beslut meddelat
"##,
        ),
        (
            "handlaggarstod/index.md",
            format!(
                "# {title}\n\nDet här är startsidan för handläggarstödet. Varje steg i kartan har en egen sida med\nstöd för handläggaren. Börja vid [steg 1](steg:1).\n"
            ),
        ),
        ("handlaggarstod/steg/1-arendet-kommer-in.md", guidance("Ta emot ärendet och registrera det.", "[steg 2](steg:2)")),
        ("handlaggarstod/steg/2-ar-ansokan-komplett.md", guidance("Avgör om ansökan innehåller allt som behövs. Ja leder till utredning, nej till begäran om komplettering.", "[steg 3](steg:3) eller [steg 4](steg:4)")),
        ("handlaggarstod/steg/3-utreder-och-beslutar.md", guidance("Utred ärendet och fatta beslut.", "[steg 5](steg:5)")),
        ("handlaggarstod/steg/4-begar-komplettering.md", guidance("Be om det som saknas och ange när det ska komma in.", "[steg 2](steg:2)")),
        ("handlaggarstod/steg/5-beslut-meddelat.md", guidance("Meddela beslutet och hur det kan överklagas.", "Processen är slut.")),
    ]
}

fn guidance(purpose: &str, next: &str) -> String {
    format!("## Syfte\n\n{purpose}\n\n## Så här gör du\n\nBeskriv arbetet steg för steg.\n\n## Nästa steg\n\n{next}\n")
}

/// The CI service whose workflows `init --ci` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Ci {
    /// GitHub Actions: the remiss check on pull requests and the site on GitHub Pages.
    Github,
    /// GitLab CI: the remiss job on merge requests.
    Gitlab,
}

/// The file that pins the processkarta version the CI workflows install.
pub const VERSION_FILE: &str = "processkarta-version";

/// The `.gitignore` of a new model: the build folder and its lock file are output, not
/// sources.
pub const GITIGNORE: &str =
    "# What `processkarta build` writes: the site, and the lock file beside it.\n/book/\n/.book.lock\n";

/// `existing` (a `.gitignore` already in the folder, if any) with the rules of
/// [`GITIGNORE`] it lacks added at its end; `None` when it has them all.
pub fn gitignore(existing: Option<&str>) -> Option<String> {
    let Some(existing) = existing else {
        return Some(GITIGNORE.to_string());
    };
    let has: Vec<&str> = existing.lines().map(str::trim).collect();
    let missing: Vec<&str> = GITIGNORE
        .lines()
        .filter(|l| !l.starts_with('#') && !has.contains(l))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let mut out = existing.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(GITIGNORE.lines().next().unwrap());
    out.push('\n');
    for rule in missing {
        out.push_str(rule);
        out.push('\n');
    }
    Some(out)
}

/// The CI files of a new model for `ci`: the same workflows this repository runs, and
/// `processkarta-version` with this binary's version, which they install.
pub fn ci_files(ci: Ci) -> Vec<(&'static str, String)> {
    let mut files = match ci {
        Ci::Github => vec![
            (
                ".github/workflows/remiss.yml",
                include_str!("../.github/workflows/remiss.yml").to_string(),
            ),
            (
                ".github/workflows/pages.yml",
                include_str!("../.github/workflows/pages.yml").to_string(),
            ),
        ],
        Ci::Gitlab => vec![(".gitlab-ci.yml", gitlab_ci())],
    };
    files.push((VERSION_FILE, format!("{}\n", env!("CARGO_PKG_VERSION"))));
    files
}

/// The job of `docs/gitlab-ci.md`: its first YAML block.
fn gitlab_ci() -> String {
    let doc = include_str!("../docs/gitlab-ci.md");
    let start = doc
        .find("```yaml\n")
        .expect("docs/gitlab-ci.md has a yaml block")
        + 8;
    let end = start + doc[start..].find("```\n").expect("the yaml block ends");
    doc[start..end].to_string()
}
