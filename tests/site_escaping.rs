//! User text never becomes markup in the site: titles, names and book settings with
//! `<script>` are escaped, raw HTML in guidance is shown as text, and links with schemes that
//! run code become plain text.

mod util;

use util::Model;

fn hostile_model() -> Model {
    let model = Model::fixture("valid");
    let book = model.read("book.toml").replace(
        "title = \"Testmodell\"",
        "title = \"Test <script>alert('titel')</script>\"\ndescription = \"\\\" onmouseover=\\\"alert(1)\"",
    );
    model.write("book.toml", book);
    let kommun = model
        .read("process/kommun.yaml")
        .replace(
            "name: Kommunen",
            "name: \"Kommun <img src=x onerror=alert(2)>\"",
        )
        .replace(
            "title: Tar emot ansökan",
            "title: \"<script>alert(3)</script>\"",
        )
        .replace("label: Ja}", "label: \"<b onmouseover=alert(4)>Ja</b>\"}");
    model.write("process/kommun.yaml", kommun);
    model.write(
        "handlaggarstod/steg/2-tar-emot-ansokan.md",
        concat!(
            "## <script>alert(5)</script> Syfte\n\n",
            "<script>alert(6)</script>\n\n",
            "<div onclick=\"alert(7)\">block</div>\n\n",
            "Inline <img src=x onerror=alert(8)> och <a href=\"javascript:alert(9)\">länk</a>.\n\n",
            "[js](javascript:alert(10)) [JS](JaVaScRiPt:alert(11)) [data](data:text/html,<script>alert(12)</script>)\n",
            "[vb](vbscript:msgbox) ![bild](javascript:alert(13)) ![ute](https://example.org/x.png)\n\n",
            "[titel](steg:3 \"\\\" onmouseover=\\\"alert(14)\")\n",
        ),
    );
    model
}

#[test]
fn the_cli_build_escapes_titles_and_raw_html() {
    let model = hostile_model();
    // Without the links that `check` refuses, the model builds.
    let md = model.read("handlaggarstod/steg/2-tar-emot-ansokan.md");
    let safe: String = md
        .lines()
        .filter(|l| !l.contains("script:") && !l.contains("data:"))
        .map(|l| format!("{l}\n"))
        .collect();
    model.write("handlaggarstod/steg/2-tar-emot-ansokan.md", safe);
    let run = model.run(&["build", "-o", "ut"]);
    run.expect_status(0);
    let files = util::tree(&model.path().join("ut"));
    let step = String::from_utf8_lossy(&files["steg/2.html"]).into_owned();
    assert!(
        step.contains("&lt;script&gt;alert(6)&lt;/script&gt;"),
        "{step}"
    );
    assert!(
        step.contains(
            "<h1><span class=\"step__nr\">Steg 2</span> &lt;script&gt;alert(3)&lt;/script&gt;</h1>"
        ),
        "{step}"
    );
    // PDF strings are data, not markup: tests/escaping.rs checks the PDF for actions.
    for (path, bytes) in files.iter().filter(|(p, _)| !p.ends_with(".pdf")) {
        assert!(
            !String::from_utf8_lossy(bytes).contains("<script>alert"),
            "{path}"
        );
    }
}

#[test]
fn no_user_text_becomes_markup() {
    let model = hostile_model();
    // `check` refuses the links with unsafe schemes (E060), so the build would stop there;
    // render anyway, to see that the renderer drops them on its own too.
    let checked = processkarta::check_model(model.path()).unwrap();
    let codes: Vec<&str> = checked
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert!(codes.iter().all(|c| *c == "E060"), "{codes:?}");
    let files = processkarta::render::render(&checked.model).unwrap().files;
    for (path, bytes) in &files {
        if !(path.ends_with(".html") || path.ends_with(".js") || path.ends_with(".svg")) {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        let lower = text.to_ascii_lowercase();
        if path == "search-index.js" {
            // Data only: no markup characters at all.
            assert!(
                !text.contains('<') && !text.contains('>'),
                "{path} holds markup"
            );
            continue;
        }
        for bad in [
            "<script>alert",
            "<img src=x",
            "<div onclick",
            "<b onmouseover",
            "href=\"javascript:",
            "src=\"javascript:",
            "href=\"vbscript:",
            "href=\"data:",
            "\" onmouseover=\"",
            "src=\"https://example.org",
        ] {
            assert!(!lower.contains(bad), "{path} contains `{bad}`");
        }
        if path.ends_with(".html") {
            for (i, _) in lower.match_indices("<script") {
                let tag = &lower[i..lower[i..].find('>').map_or(lower.len(), |e| i + e + 1)];
                let src = tag.split("src=\"").nth(1).unwrap_or("");
                assert!(
                    !src.is_empty() && !src.contains("//") && !src.contains(':'),
                    "{path}: a script that is not the site's own file: {tag}"
                );
            }
            assert!(
                !lower.contains(" on") || !has_event_handler(&lower),
                "{path} has an event handler attribute"
            );
        }
    }
    let step = String::from_utf8_lossy(&files["steg/2.html"]).into_owned();
    // Shown as text, escaped.
    assert!(
        step.contains("&lt;script&gt;alert(6)&lt;/script&gt;"),
        "{step}"
    );
    assert!(
        step.contains("&lt;div onclick=&quot;alert(7)&quot;&gt;block&lt;/div&gt;"),
        "{step}"
    );
    assert!(
        step.contains("&lt;img src=x onerror=alert(8)&gt;"),
        "{step}"
    );
    // Dangerous links keep their text but lose the link.
    assert!(step.contains("<p>js JS data\nvb bild "), "{step}");
    assert!(!step.contains("href=\"data:"));
    // The outside image is a link, not an image: the page loads nothing from other hosts.
    assert!(
        step.contains("<a href=\"https://example.org/x.png\">ute</a>"),
        "{step}"
    );
    // The title attribute is escaped.
    assert!(
        step.contains("title=\"&quot; onmouseover=&quot;alert(14)\""),
        "{step}"
    );
    let index = String::from_utf8_lossy(&files["index.html"]).into_owned();
    assert!(index.contains("Test &lt;script&gt;alert(&#39;titel&#39;)&lt;/script&gt;"));
}

/// True if a tag in `html` has an attribute named `on…=`.
fn has_event_handler(html: &str) -> bool {
    let mut in_tag = false;
    let mut quote: Option<char> = None;
    let chars: Vec<char> = html.chars().collect();
    for i in 0..chars.len() {
        let c = chars[i];
        match (in_tag, quote) {
            (false, _) if c == '<' => in_tag = true,
            (true, None) if c == '>' => in_tag = false,
            (true, None) if c == '"' || c == '\'' => quote = Some(c),
            (true, Some(q)) if c == q => quote = None,
            (true, None) if c.is_whitespace() => {
                let rest: String = chars[i + 1..chars.len().min(i + 20)].iter().collect();
                if rest.starts_with("on") {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphabetic())
                        .collect();
                    if rest[name.len()..].trim_start().starts_with('=') {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
}
