//! The built site: every page type is there, every internal link and fragment resolves,
//! the output is byte-identical across builds, a theme folder can replace the built-in
//! theme's files, and a model without an accessibility statement is not published.

mod util;

use std::collections::{BTreeMap, BTreeSet};
use util::Model;

type Files = BTreeMap<String, Vec<u8>>;

/// Builds a model in memory through the library.
fn build(root: &std::path::Path) -> Files {
    let checked = processkarta::check_model(root).unwrap();
    let shown = processkarta::diagnostic::render_human(
        &checked.diagnostics,
        &checked.model.sources,
        false,
        processkarta::i18n::Lang::En,
    );
    assert!(!checked.has_errors(), "{shown}");
    match processkarta::render::render(&checked.model) {
        Ok(out) => out.files,
        Err(diags) => panic!(
            "{}",
            processkarta::diagnostic::render_human(
                &diags,
                &checked.model.sources,
                false,
                processkarta::i18n::Lang::En
            )
        ),
    }
}

/// Values of `attr="…"` in a document, entity-decoded.
fn attrs(text: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    for quote in ['"', '\''] {
        let pat = format!("{attr}={quote}");
        for (i, _) in text.match_indices(&pat) {
            let before = text[..i].chars().next_back();
            if !matches!(before, Some(' ' | '\n' | '\t' | ':')) {
                continue;
            }
            let rest = &text[i + pat.len()..];
            if let Some(end) = rest.find(quote) {
                out.push(decode_entities(&rest[..end]));
            }
        }
    }
    out
}

fn decode_entities(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(Ok(b)) = s.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16)) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Resolves `href` written in the file at `from` to a path in the output.
fn resolve(from: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Every broken internal link or missing fragment in a built site.
fn broken_links(files: &Files) -> Vec<String> {
    let ids: BTreeMap<&str, BTreeSet<String>> = files
        .iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(k, v)| {
            let text = String::from_utf8_lossy(v);
            (k.as_str(), attrs(&text, "id").into_iter().collect())
        })
        .collect();
    let mut broken = Vec::new();
    for (path, bytes) in files {
        let text = String::from_utf8_lossy(bytes);
        let links: Vec<String> = if path.ends_with(".html") || path.ends_with(".svg") {
            let mut l = attrs(&text, "href");
            l.extend(attrs(&text, "src"));
            l
        } else if path.ends_with(".css") {
            text.match_indices("url(")
                .filter_map(|(i, _)| {
                    let rest = &text[i + 4..];
                    rest.find(')')
                        .map(|e| rest[..e].trim_matches(['"', '\'']).to_string())
                })
                .collect()
        } else {
            continue;
        };
        for link in links {
            let lower = link.to_ascii_lowercase();
            if lower.starts_with("http://")
                || lower.starts_with("https://")
                || lower.starts_with("mailto:")
                || lower.starts_with("tel:")
            {
                continue;
            }
            if lower.contains(':') {
                broken.push(format!("{path}: link with a scheme: {link}"));
                continue;
            }
            let (file, frag) = match link.split_once('#') {
                Some((f, frag)) => (f, Some(frag)),
                None => (link.as_str(), None),
            };
            let file = file.split('?').next().unwrap_or("");
            let target = if file.is_empty() {
                Some(path.clone())
            } else {
                resolve(path, &percent_decode(file))
            };
            let Some(target) = target else {
                broken.push(format!("{path}: {link} leaves the site"));
                continue;
            };
            if !files.contains_key(&target) {
                broken.push(format!("{path}: {link} → {target} does not exist"));
                continue;
            }
            if let Some(frag) = frag.filter(|f| !f.is_empty()) {
                let frag = percent_decode(frag);
                if !ids.get(target.as_str()).is_some_and(|s| s.contains(&frag)) {
                    broken.push(format!("{path}: {link}: no id `{frag}` in {target}"));
                }
            }
        }
    }
    broken
}

#[test]
fn every_page_type_is_built() {
    let files = build(&util::fixture("valid"));
    for page in [
        "index.html",
        "steg/1.html",
        "steg/3.html",
        "steg/4.html",
        "steg/4.1.html",
        "steg/4.3.html",
        "parter/individ.html",
        "parter/kommun.html",
        "parter/team.html",
        "underprocesser/utredning.html",
        "aktualisering.html",
        "sidor/begrepp.html",
        "skriv-ut.html",
        "tillganglighet.html",
        "sok.html",
        "search-index.js",
        "tema/site.css",
        "tema/sok.js",
        "tema/fonts/NotoSans-Regular.woff2",
        "tema/fonts/NotoSans-Bold.woff2",
        "tema/fonts/OFL.txt",
    ] {
        assert!(
            files.contains_key(page),
            "{page} is missing: {:?}",
            files.keys()
        );
    }
    let html = |p: &str| String::from_utf8(files[p].clone()).unwrap();
    let step = html("steg/3.html");
    assert!(step.contains("<html lang=\"sv\">"));
    assert!(
        step.contains("Ja</span> → <a href=\"../steg/4.html\">Steg 4</a>"),
        "{step}"
    );
    assert!(
        step.contains("Nej</span> → <a href=\"../steg/6.html\">Steg 6</a>"),
        "{step}"
    );
    assert!(step.contains("href=\"../steg/2.html\" rel=\"prev\""));
    assert!(step.contains("href=\"../steg/4.html\" rel=\"next\""));
    assert!(
        step.contains("href=\"../index.html#"),
        "no link back to the map"
    );
    for landmark in ["<header", "<nav", "<main", "<footer", "class=\"skip-link\""] {
        assert!(step.contains(landmark), "{landmark} missing");
    }
    assert!(step.contains("href=\"../tillganglighet.html\""));
    // Sub-process: opened from step 4, its end leads back to step 6.
    assert!(html("steg/4.html").contains("href=\"../underprocesser/utredning.html\""));
    assert!(html("steg/4.1.html").contains("href=\"../steg/4.html\""));
    assert!(html("steg/4.3.html").contains("href=\"../steg/6.html\""));
    // Aktualisering lists step 2 under Kommunen.
    assert!(html("aktualisering.html").contains("href=\"steg/2.html\""));
    // Links in guidance are rewritten.
    assert!(html("index.html").contains("<a href=\"steg/1.html\">steg 1</a>"));
    assert!(html("index.html").contains("<a href=\"sidor/begrepp.html\">begrepp</a>"));
    assert!(html("sidor/begrepp.html").contains("<a href=\"../steg/2.html\">steg 2</a>"));
    // The print view holds every step and links within itself.
    let print = html("skriv-ut.html");
    for id in ["steg-1", "steg-4-1", "steg-7"] {
        assert!(
            print.contains(&format!("id=\"{id}\"")),
            "{id} not in print view"
        );
    }
    assert!(print.contains("<a href=\"#steg-2\">steg 2</a>"));
    let a11y = html("tillganglighet.html");
    assert!(a11y.contains("Testförbundet") && a11y.contains("https://www.digg.se/tdosanmalan"));
    assert!(a11y.contains("href=\"mailto:info@example.se\""));
}

#[test]
fn every_internal_link_resolves_in_the_fixture() {
    let files = build(&util::fixture("valid"));
    let broken = broken_links(&files);
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn every_internal_link_resolves_in_the_repository_model() {
    let root = util::repo();
    let checked = processkarta::check_model(&root).unwrap();
    assert!(!checked.has_errors(), "the repository's model has errors");
    let files = build(&root);
    let broken = broken_links(&files);
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn links_to_headings_and_files_resolve() {
    let model = Model::fixture("valid");
    model.write(
        "handlaggarstod/begrepp.md",
        "# Begrepp\n\n## Aktualisera\n\nSe [steg 2](steg:2).\n\n## Aktualisera\n\nIgen, se [ovan](#aktualisera) och [bilden](bilder/kärta.png).\n",
    );
    model.write("handlaggarstod/bilder/kärta.png", b"\x89PNG fake");
    model.write(
        "handlaggarstod/steg/1-behover-stod.md",
        "## Syfte\n\nSe [aktualisera](../begrepp.md#aktualisera-2), [saknas](../begrepp.md#finns-inte) och ![bild](../bilder/kärta.png).\n",
    );
    let files = build(model.path());
    let broken = broken_links(&files);
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    let step = String::from_utf8(files["steg/1.html"].clone()).unwrap();
    assert!(
        step.contains("href=\"../sidor/begrepp.html#aktualisera-2\""),
        "{step}"
    );
    assert!(
        step.contains("href=\"../sidor/begrepp.html\">saknas"),
        "{step}"
    );
    assert!(
        step.contains("src=\"../filer/bilder/k%C3%A4rta.png\""),
        "{step}"
    );
    assert!(files.contains_key("filer/bilder/kärta.png"));
}

#[test]
fn the_build_is_byte_identical() {
    let model = Model::fixture("valid");
    let a = util::tempdir();
    let b = util::tempdir();
    let out_a = a.path().join("site");
    let out_b = b.path().join("site");
    model
        .run(&["build", "-o", out_a.to_str().unwrap()])
        .expect_status(0);
    model
        .run(&["build", "-o", out_b.to_str().unwrap()])
        .expect_status(0);
    let ta = util::tree(&out_a);
    let tb = util::tree(&out_b);
    assert!(ta.len() > 20, "too few files: {:?}", ta.keys());
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between two builds");
    }
}

#[test]
fn a_model_without_a_theme_folder_uses_the_built_in_theme() {
    let model = Model::fixture("valid");
    assert!(!model.path().join("themes").exists());
    let files = build(model.path());
    let css = String::from_utf8(files["tema/site.css"].clone()).unwrap();
    assert!(css.contains("@font-face"));
}

#[test]
fn a_theme_folder_replaces_strings_and_files() {
    let model = Model::fixture("valid");
    model.write(
        "themes/default/strings.toml",
        "search = \"Search\"\nprevious_step = \"Previous step\"\nstep = \"Step\"\n",
    );
    model.write("themes/default/site.css", "body { color: black; }\n");
    let files = build(model.path());
    let step = String::from_utf8(files["steg/3.html"].clone()).unwrap();
    assert!(step.contains("← Previous step"), "{step}");
    assert!(step.contains(">Step 3</span>"));
    // Strings the theme does not set keep their built-in text.
    assert!(step.contains("Nästa steg →"));
    assert_eq!(files["tema/site.css"], b"body { color: black; }\n");
}

#[test]
fn a_broken_theme_template_is_a_diagnostic() {
    let model = Model::fixture("valid");
    model.write("themes/default/templates/step.html", "{% if %}\n");
    let run = model.run(&["build"]);
    run.expect_status(1);
    assert!(run.stderr.contains("template"), "{run}");
    assert!(!model.path().join("book").exists());
}

#[test]
fn a_model_without_an_accessibility_statement_is_not_built() {
    let model = Model::fixture("valid");
    let book = model.read("book.toml");
    let without = book.split("[accessibility]").next().unwrap().to_string();
    model.write("book.toml", without);
    let run = model.run(&["build"]);
    run.expect_status(1);
    assert!(run.stderr.contains("E010"), "{run}");
    assert!(run.stderr.contains("book.toml"), "{run}");
    assert!(run.stderr.contains("[accessibility]"), "{run}");
    assert!(!model.path().join("book").exists());
}
