//! Arbitrary bytes as the files of a model, through load → check → layout → render, export
//! and diff.
//!
//! The input is split at 0xFF bytes (which never occur in UTF-8) into up to five files:
//! karta.yaml, a lane file, a sub-process file, book.toml and a guidance page. Guidance
//! pages for the other steps are added, so that inputs describing a valid process reach the
//! layout and the renderers. Whatever the files hold, the pipeline must return diagnostics
//! or output, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const FILES: [&str; 5] = [
    "process/karta.yaml",
    "process/a.yaml",
    "process/underprocesser/u.yaml",
    "book.toml",
    "handlaggarstod/steg/1-a.md",
];

fn root() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| std::env::temp_dir().join(format!("processkarta-fuzz-{}", std::process::id())))
}

fn reset(root: &Path) {
    let _ = std::fs::remove_dir_all(root);
    std::fs::create_dir_all(root.join("process/underprocesser")).unwrap();
    std::fs::create_dir_all(root.join("handlaggarstod/steg")).unwrap();
}

fuzz_target!(|data: &[u8]| {
    let root = root();
    reset(root);
    let mut parts = data.split(|&b| b == 0xFF);
    for file in FILES {
        std::fs::write(root.join(file), parts.next().unwrap_or(b"")).unwrap();
    }
    let Ok(first) = processkarta::check_model(root) else { return };
    let missing: Vec<String> = first
        .model
        .maps()
        .flat_map(|m| m.steps.iter())
        .filter(|s| !first.model.guidance.contains_key(&s.nr))
        .map(|s| s.nr.to_string())
        .take(64)
        .collect();
    for nr in &missing {
        std::fs::write(root.join(format!("handlaggarstod/steg/{nr}-x.md")), "## Syfte\n").unwrap();
    }
    let Ok(checked) = processkarta::check_model(root) else { return };
    for lang in processkarta::i18n::Lang::ALL {
        let _ = processkarta::diagnostic::render_human(&checked.diagnostics, &checked.model.sources, false, lang);
        let _ = processkarta::diagnostic::render_json(&checked.diagnostics, &checked.model.sources, lang);
    }
    if !checked.has_errors() {
        let _ = processkarta::render::render(&checked.model);
        for target in [
            processkarta::export::Target::Bpmn,
            processkarta::export::Target::Dot,
            processkarta::export::Target::Mermaid,
            processkarta::export::Target::Json,
        ] {
            let _ = processkarta::export::export(&checked.model, target);
        }
    }
    // The diff of the fuzzed model against the first reading (before the pages were added).
    let side = |source: &str| processkarta::diff::Side {
        source: source.to_string(),
        errors: 0,
        warnings: 0,
    };
    let _ = processkarta::diff::diff(&first.model, &checked.model, side("a"), side("b"));
});
