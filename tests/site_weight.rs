//! The start page of the repository's site, with everything it loads (style sheets,
//! scripts, images, and the fonts its CSS names), weighs under 200 KB. With the two full
//! TTFs it weighed 1.1 MB; the WOFF2 subsets brought it to about 140 KB.

mod util;

use std::collections::BTreeMap;

/// The budget for the start page with its map, in bytes.
const BUDGET: usize = 200_000;

/// The values of `attr="…"` (or `'…'`) in `text`, for attributes preceded by white space.
fn attr_values(text: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    for quote in ['"', '\''] {
        let pat = format!("{attr}={quote}");
        for (i, _) in text.match_indices(&pat) {
            if !text[..i].ends_with([' ', '\n', '\t']) {
                continue;
            }
            let rest = &text[i + pat.len()..];
            if let Some(end) = rest.find(quote) {
                out.push(rest[..end].replace("&amp;", "&"));
            }
        }
    }
    out
}

/// What an HTML page loads: the `href` of its `<link>` elements and every `src`.
fn html_references(html: &str) -> Vec<String> {
    let mut refs = Vec::new();
    for (i, _) in html.match_indices("<link") {
        let tag = &html[i..i + html[i..].find('>').unwrap()];
        refs.extend(attr_values(tag, "href"));
    }
    refs.extend(attr_values(html, "src"));
    refs
}

/// What a style sheet loads: every `url(…)`.
fn css_references(css: &str) -> Vec<String> {
    css.match_indices("url(")
        .filter_map(|(i, _)| {
            let rest = &css[i + 4..];
            let end = rest.find(')')?;
            Some(rest[..end].trim().trim_matches(['"', '\'']).to_string())
        })
        .collect()
}

/// `reference` as a path of the site, seen from the file `from`; `None` for data URLs and
/// fragments, which load nothing.
fn resolve(from: &str, reference: &str) -> Option<String> {
    let reference = reference.split(['#', '?']).next().unwrap_or_default();
    if reference.is_empty() || reference.starts_with("data:") {
        return None;
    }
    assert!(
        !reference.contains("//"),
        "{from} loads {reference} from outside the site"
    );
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in reference.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Every file the page loads, itself included, with its size.
fn weight(files: &BTreeMap<String, Vec<u8>>, page: &str) -> BTreeMap<String, usize> {
    let mut seen = BTreeMap::new();
    let mut todo = vec![page.to_string()];
    while let Some(path) = todo.pop() {
        if seen.contains_key(&path) {
            continue;
        }
        let bytes = files
            .get(&path)
            .unwrap_or_else(|| panic!("{page} loads {path}, which the site does not have"));
        seen.insert(path.clone(), bytes.len());
        let text = String::from_utf8_lossy(bytes);
        let refs = if path.ends_with(".html") {
            html_references(&text)
        } else if path.ends_with(".css") {
            css_references(&text)
        } else {
            Vec::new()
        };
        todo.extend(refs.iter().filter_map(|r| resolve(&path, r)));
    }
    seen
}

#[test]
fn the_start_page_with_its_map_weighs_under_200_kb() {
    let checked = processkarta::check_model(&util::repo()).unwrap();
    assert!(!checked.has_errors());
    let files = processkarta::render::render(&checked.model)
        .unwrap_or_else(|_| panic!("the repository's model renders"))
        .files;
    let loaded = weight(&files, "index.html");
    let total: usize = loaded.values().sum();
    let list: Vec<String> = loaded.iter().map(|(p, n)| format!("{p}: {n}")).collect();
    assert!(
        total < BUDGET,
        "the start page loads {total} bytes, over {BUDGET}:\n{}",
        list.join("\n")
    );
    // The fonts it loads are the WOFF2 subsets, not the full TTFs.
    assert!(!loaded.keys().any(|p| p.ends_with(".ttf")), "{list:?}");
    assert!(
        loaded.contains_key("tema/fonts/NotoSans-Regular.woff2")
            && loaded.contains_key("tema/fonts/NotoSans-Bold.woff2"),
        "{list:?}"
    );
    assert!(
        !files.keys().any(|p| p.ends_with(".ttf")),
        "the site carries no TTF"
    );
}

#[test]
fn the_fonts_are_woff2_with_font_display_swap() {
    let checked = processkarta::check_model(&util::fixture("valid")).unwrap();
    let files = processkarta::render::render(&checked.model)
        .unwrap_or_else(|_| panic!("the fixture renders"))
        .files;
    for font in ["NotoSans-Regular.woff2", "NotoSans-Bold.woff2"] {
        let bytes = &files[&format!("tema/fonts/{font}")];
        assert!(bytes.starts_with(b"wOF2"), "{font} is WOFF2");
    }
    let css = String::from_utf8(files["tema/site.css"].clone()).unwrap();
    let faces: Vec<&str> = css.split("@font-face").skip(1).collect();
    assert_eq!(faces.len(), 2, "{css}");
    for face in faces {
        let block = &face[..face.find('}').unwrap()];
        assert!(block.contains("format(\"woff2\")"), "{block}");
        assert!(block.contains("font-display: swap"), "{block}");
    }
}
