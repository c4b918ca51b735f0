//! The site's search: the Swedish folding and stemming in Rust (which builds the index) and
//! in the browser script (which cuts the query) agree on one shared word list, and the built
//! index finds inflected forms.

mod util;

use processkarta::render::site::search;
use std::path::PathBuf;
use std::process::Command;

fn word_list() -> Vec<(String, String)> {
    let text =
        std::fs::read_to_string(util::repo().join("tests/browser/stemmer-words.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (w, s) = l.split_once('\t').expect("word <TAB> stem");
            (w.to_string(), s.to_string())
        })
        .collect()
}

#[test]
fn rust_stemmer_matches_the_shared_word_list() {
    let mut wrong = Vec::new();
    for (word, want) in word_list() {
        let got = search::terms(&word);
        if got != [want.clone()] {
            wrong.push(format!("{word}: got {got:?}, want {want}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn inflected_forms_find_each_other() {
    assert_eq!(search::terms("läkarintyget"), search::terms("läkarintyg"));
    assert_eq!(search::terms("Handläggarna"), search::terms("handläggare"));
    assert_eq!(search::terms("ÅTGÄRDEN"), search::terms("åtgärd"));
}

fn node() -> Option<PathBuf> {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then(|| PathBuf::from("node"))
}

/// Runs a snippet of JavaScript with the theme's `sok.js` loaded as `sok`.
fn run_js(script: &str) -> Option<String> {
    let node = node()?;
    let sok = util::repo().join("themes/default/sok.js");
    let full = format!(
        "const sok = require({:?});\n{script}",
        sok.to_string_lossy()
    );
    let out = Command::new(node).arg("-e").arg(full).output().unwrap();
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn browser_stemmer_matches_the_shared_word_list() {
    let words = word_list();
    let input = serde_json::to_string(&words.iter().map(|(w, _)| w).collect::<Vec<_>>()).unwrap();
    let Some(out) = run_js(&format!(
        "console.log(JSON.stringify({input}.map(w => sok.terms(w))));"
    )) else {
        eprintln!("node is not installed: the browser side is tested by tests/browser/run.sh");
        return;
    };
    let got: Vec<Vec<String>> = serde_json::from_str(out.trim()).unwrap();
    let mut wrong = Vec::new();
    for ((word, want), got) in words.iter().zip(got) {
        let rust = search::terms(word);
        if got != [want.clone()] || got != rust {
            wrong.push(format!("{word}: js {got:?}, rust {rust:?}, want {want}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn browser_and_rust_agree_on_odd_text() {
    let text = "Steg 15.3: SIP-mötet, a\u{30a}tgärd o\u{308}ver idé – ÅÄÖ 12. x.5 Ωμέγα";
    let Some(out) = run_js(&format!(
        "console.log(JSON.stringify(sok.terms({text:?})));"
    )) else {
        return;
    };
    let got: Vec<String> = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(got, search::terms(text));
}

#[test]
fn the_built_index_finds_inflected_words() {
    let model = util::Model::fixture("valid");
    model.write(
        "handlaggarstod/steg/3-behovs-utredning.md",
        "## Syfte\n\nLäs läkarintyget och bedöm arbetsförmågan.\n",
    );
    let checked = processkarta::check_model(model.path()).unwrap();
    assert!(!checked.has_errors());
    let out = processkarta::render::render(&checked.model).unwrap();
    let js = String::from_utf8(out.files["search-index.js"].clone()).unwrap();
    assert!(js.starts_with("window.PROCESSKARTA_SOK = "));
    assert!(js.contains("\"läkarintyg\":"), "{js}");
    let Some(found) = run_js(&format!(
        "global.window = {{}};\n{js}\nconst hits = sok.search(window.PROCESSKARTA_SOK, 'Läkarintyg');\n\
         console.log(hits.map(h => h.doc.u).join(' '));"
    )) else {
        return;
    };
    assert_eq!(found.trim(), "steg/3.html");
}
