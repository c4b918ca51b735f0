//! The theme: templates, UI strings and assets (CSS, scripts, fonts).
//!
//! The default theme is compiled into the program, so a model without a `themes/` folder
//! still builds. When the model's theme folder (`[build] theme` in book.toml) exists, every
//! file in it replaces the built-in file of the same path, and its `strings.toml` keys replace
//! the built-in strings one by one: a theme may change only what it needs to.

use crate::diagnostic::{Code, Diagnostic};
use crate::load::confine::{self, Refusal};
use crate::load::MAX_THEME_FILE;
use crate::model::Model;
use std::collections::BTreeMap;
use std::path::Path;

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../../../themes/default/", $path)) as &[u8]),)*]
    };
}

/// The built-in default theme, `themes/default/` of this repository.
const BUILT_IN: &[(&str, &[u8])] = embed![
    "strings.toml",
    "templates/base.html",
    "templates/macros.html",
    "templates/index.html",
    "templates/step.html",
    "templates/party.html",
    "templates/subprocess.html",
    "templates/aktualisering.html",
    "templates/lagrum.html",
    "templates/page.html",
    "templates/print.html",
    "templates/accessibility.html",
    "templates/search.html",
    "site.css",
    "site.js",
    "sok.js",
    "theme.toml",
    "fonts/NotoSans-Regular.woff2",
    "fonts/NotoSans-Bold.woff2",
    "fonts/OFL.txt",
];

/// A loaded theme.
pub struct Theme {
    /// The templates, ready to render.
    pub tera: tera::Tera,
    /// The UI strings, by key.
    pub strings: BTreeMap<String, String>,
    /// Party colours for lanes without a colour of their own, in lane order.
    pub palette: Vec<String>,
    /// Files copied to the site under `tema/`, by path relative to the theme.
    pub assets: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// Loads the built-in theme, overlaid with the model's theme folder if it exists.
    pub fn load(model: &Model) -> Result<Theme, Vec<Diagnostic>> {
        let mut files: BTreeMap<String, Vec<u8>> = BUILT_IN
            .iter()
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect();
        let mut strings = parse_strings(
            std::str::from_utf8(&files["strings.toml"]).unwrap_or(""),
            "built-in strings.toml",
        )?;
        let root = model.sources.root();
        let theme = &model.book.theme;
        let listed = crate::load::theme_files(root, theme).map_err(|refusal| {
            vec![theme_error(
                refusal.describe(crate::msg!("the-theme-folder", theme = theme)),
            )]
        })?;
        if let Some(listed) = listed {
            let mut diags = Vec::new();
            for (rel, bytes) in read_files(root, theme, listed, &mut diags) {
                if rel == "strings.toml" {
                    let text = String::from_utf8_lossy(&bytes);
                    match parse_strings(&text, &format!("{}/strings.toml", model.book.theme)) {
                        Ok(s) => strings.extend(s),
                        Err(d) => diags.extend(d),
                    }
                }
                files.insert(rel, bytes);
            }
            if !diags.is_empty() {
                return Err(diags);
            }
        }
        let palette = parse_palette(files.get("theme.toml").map(Vec::as_slice));
        let mut templates = Vec::new();
        let mut assets = BTreeMap::new();
        for (rel, bytes) in files {
            if let Some(name) = rel.strip_prefix("templates/") {
                let text = String::from_utf8(bytes).map_err(|_| {
                    vec![theme_error(crate::msg!(
                        "theme-template-not-utf8",
                        file = &rel
                    ))]
                })?;
                templates.push((name.to_string(), text));
            } else if !matches!(rel.as_str(), "strings.toml" | "theme.toml" | "README.md") {
                assets.insert(rel, bytes);
            }
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape_html);
        tera.add_raw_templates(templates).map_err(|e| {
            vec![theme_error(crate::msg!(
                "theme-template-syntax",
                why = error_chain(&e)
            ))]
        })?;
        Ok(Theme {
            tera,
            strings,
            palette,
            assets,
        })
    }

    /// A UI string; the key itself if the theme lacks it.
    pub fn s<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }
}

/// An error of the theme, which has no place in the model's sources.
pub fn theme_error(message: crate::i18n::Msg) -> Diagnostic {
    Diagnostic::error(Code::UnreadableFile, message).help(crate::msg!("theme-error-help"))
}

/// Reads the theme's files through [`confine`], as `check` inspected them: a file that
/// may not be read is an error, a link to a folder is skipped.
fn read_files(
    root: &Path,
    theme: &str,
    listed: Vec<String>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for rel in listed {
        let shown = format!("{theme}/{rel}");
        match confine::read(root, Path::new(&shown), MAX_THEME_FILE) {
            Ok(bytes) => out.push((rel, bytes)),
            Err(Refusal::NotAFile("a folder")) => {}
            Err(refusal) => diags.push(theme_error(
                refusal.describe(crate::msg!("theme-file", file = &shown)),
            )),
        }
    }
    out
}

fn parse_strings(text: &str, name: &str) -> Result<BTreeMap<String, String>, Vec<Diagnostic>> {
    toml::from_str::<BTreeMap<String, String>>(text).map_err(|e| {
        vec![theme_error(crate::msg!(
            "theme-strings",
            file = name,
            why = e.message().trim()
        ))]
    })
}

fn parse_palette(bytes: Option<&[u8]>) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct ThemeToml {
        #[serde(default)]
        palette: Vec<String>,
    }
    let parsed = bytes
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|t| toml::from_str::<ThemeToml>(t).ok())
        .map(|t| t.palette)
        .unwrap_or_default();
    let valid: Vec<String> = parsed.into_iter().filter(|c| is_hex_color(c)).collect();
    if valid.is_empty() {
        vec!["#1F6FB5".into()]
    } else {
        valid
    }
}

/// `#rgb` or `#rrggbb`.
pub fn is_hex_color(c: &str) -> bool {
    let Some(hex) = c.strip_prefix('#') else {
        return false;
    };
    matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

fn error_chain(e: &tera::Error) -> String {
    let mut s = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        source = inner.source();
    }
    s
}

/// Renders a template, turning a template error into a diagnostic.
pub fn render(theme: &Theme, name: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
    theme.tera.render(name, ctx).map_err(|e| {
        theme_error(crate::msg!(
            "theme-template-failed",
            name = name,
            why = error_chain(&e)
        ))
    })
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape_html(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn palette_keeps_only_colours() {
        assert_eq!(
            parse_palette(Some(b"palette = [\"#123456\", \"red;x\"]")),
            ["#123456"]
        );
        assert_eq!(parse_palette(None), ["#1F6FB5"]);
    }
}
