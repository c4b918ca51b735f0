//! The ways back from the reader: "Föreslå ändring" (`[book] edit-url`) on every page made
//! from a file, "Lämna synpunkt på steg 12" (`[book] feedback`) on every step page, and
//! the page "Ändringar sedan förra versionen" (`[book] previous`), linked from the start
//! page.

use super::{Renderer, Site};
use crate::diff::ModelDiff;
use crate::model::Step;
use crate::source::FileId;
use serde::Serialize;

/// Where the page of changes since the previous version is.
pub const CHANGES_URL: &str = "andringar.html";

/// A link for the template's block of reader links.
#[derive(Serialize)]
struct ReaderLink {
    url: String,
    text: String,
    /// `edit` or `feedback`.
    kind: &'static str,
}

/// Percent-encodes `s` for a URL: everything but ASCII letters, digits and `-._~` (and
/// `/` when `keep_slash`) as UTF-8 bytes `%XX`.
pub fn encode(s: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `template` with each `{name}` of `values` replaced by its value, as given (the caller
/// encodes it).
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

impl Renderer<'_, '_> {
    /// The reader links of a page made from `files` (each with the key of its link text in
    /// the theme's strings), and, for a step page, the feedback link of `step`. Inserted as
    /// `reader` (a list) into `ctx`; nothing when book.toml sets neither key.
    pub(super) fn reader_links(
        &self,
        ctx: &mut tera::Context,
        files: &[(&str, FileId)],
        step: Option<&Step>,
    ) {
        let site: &Site = self.site;
        let book = &site.model.book;
        let mut links = Vec::new();
        if let Some(template) = &book.edit_url {
            for (key, file) in files {
                let path = &site.model.sources.get(*file).name;
                links.push(ReaderLink {
                    url: fill(template, &[("path", encode(path, true))]),
                    text: site.s(key),
                    kind: "edit",
                });
            }
        }
        if let (Some(template), Some(step)) = (&book.feedback, step) {
            links.push(ReaderLink {
                url: fill(
                    template,
                    &[
                        ("step", encode(&step.nr.to_string(), false)),
                        ("title", encode(&crate::model::plain(&step.title), false)),
                    ],
                ),
                text: site
                    .s("feedback_step")
                    .replace("{nr}", &step.nr.to_string()),
                kind: "feedback",
            });
        }
        if !links.is_empty() {
            ctx.insert("reader", &links);
        }
    }

    /// The page "Ändringar sedan förra versionen": the changes in Swedish, as the review
    /// page of `diff --format html` lists them.
    pub(super) fn changes_page(&mut self, diff: &ModelDiff) {
        let url = CHANGES_URL;
        let title = self.site.s("changes_title");
        let crumbs = self.site.crumbs(Vec::new(), title.clone());
        let mut ctx = self.context(url, &title, "andringar", Some(crumbs));
        let intro = crate::render::map::esc(
            &self
                .site
                .s("changes_intro")
                .replace("{previous}", &diff.old.source),
        );
        let body = format!(
            "<p>{intro}</p>\n{}",
            crate::diff::html::change_list(diff, 2)
        );
        Self::page_data(
            &mut ctx,
            serde_json::json!({ "body": body, "toc": [], "glossary": false }),
        );
        self.emit("page.html", url, &ctx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_for_urls() {
        assert_eq!(
            encode("handlaggarstod/steg/12-läkar intyg.md", true),
            "handlaggarstod/steg/12-l%C3%A4kar%20intyg.md"
        );
        assert_eq!(
            encode("Behövs ett SIP?/x&y", false),
            "Beh%C3%B6vs%20ett%20SIP%3F%2Fx%26y"
        );
        assert_eq!(
            fill(
                "mailto:a@b.se?subject=Steg%20{step}:%20{title}",
                &[("step", "15.3".into()), ("title", "A%20B".into())]
            ),
            "mailto:a@b.se?subject=Steg%2015.3:%20A%20B"
        );
    }
}
