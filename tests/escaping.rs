//! A model whose titles, labels, lane names, book settings and Markdown carry script and
//! markup builds into output with no executable content: nothing from the model becomes a
//! tag, an attribute, an event handler or a `javascript:` URL in the SVG, HTML, search index
//! or PDF.

mod util;

use util::Model;

/// Markers planted in `tests/fixtures/hostile`; each must never appear in executable form.
const PAYLOADS: [&str; 8] = [
    "<script>alert",
    "<svg onload",
    "<img src=x onerror",
    "onerror=\"alert",
    "<iframe",
    "<b onmouseover",
    "href=\"javascript:",
    "<a href=\"javascript",
];

#[test]
fn hostile_text_comes_out_inert() {
    let model = Model::fixture("hostile");
    let run = model.run(&["build", "-o", "ut"]);
    run.expect_status(0);
    let files = util::tree(&model.path().join("ut"));
    assert!(
        files.keys().any(|k| k.ends_with(".html")),
        "no HTML was built"
    );
    assert!(
        files.keys().any(|k| k.ends_with(".svg")),
        "no SVG was built"
    );
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".pdf") {
            // In a PDF, titles are string data (metadata, link descriptions): inert unless
            // an action runs them. So: no script or launch actions, and every link target
            // is a relative page of the site.
            for action in [
                "/JavaScript",
                "/JS",
                "/Launch",
                "/SubmitForm",
                "/ImportData",
            ] {
                assert!(!text.contains(action), "{path} has the PDF action {action}");
            }
            for (i, _) in text.match_indices("/URI(") {
                let uri = &text[i + 5..text[i..].find(')').map_or(text.len(), |e| i + e)];
                assert!(
                    uri.starts_with("../") && !uri.contains(':'),
                    "{path} links to {uri}"
                );
            }
            continue;
        }
        for payload in PAYLOADS {
            assert!(!text.contains(payload), "{path} contains `{payload}`");
        }
        if path.ends_with(".html") || path.ends_with(".svg") {
            for (i, _) in text.match_indices("<script") {
                let tag = &text[i..text[i..].find('>').map_or(text.len(), |e| i + e + 1)];
                assert!(
                    tag.contains(" src=\"") && !tag.contains("src=\"http"),
                    "{path}: a script that is not one of the theme's own files: {tag}"
                );
            }
        }
    }
    // The visible text survives, escaped.
    let step = files
        .iter()
        .find(|(k, _)| k.starts_with("steg/2"))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .expect("a page for step 2");
    assert!(
        step.contains("&lt;script&gt;alert(9)&lt;/script&gt;"),
        "raw HTML is not shown as text"
    );
}
