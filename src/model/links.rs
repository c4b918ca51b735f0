//! What a link in a guidance page points at. Shared by `check` (which reports broken links)
//! and the site renderer (which rewrites them), so the two can never disagree.

use super::attachment::{self, MAX_ATTACHMENT_SIZE};
use super::{Model, StepNr};
use crate::load::confine::{self, Refusal};
use std::path::Path;

/// The target of a Markdown link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkTarget {
    /// `steg:12`: a step's guidance page.
    Step(StepNr),
    /// A Markdown page, by path relative to `handlaggarstod/`, with an optional `#fragment`.
    Page(String, Option<String>),
    /// Another file under `handlaggarstod/` (an image, a PDF), by relative path: a regular
    /// file inside the model, outside hidden folders, within the size limit.
    Asset(String),
    /// A file under `handlaggarstod/` that may not be published (a link out of the model or
    /// into `.git`, a FIFO, a file too large), by relative path, and why.
    Refused(String, Refusal),
    /// A file that would run script on the site (`.html`), by relative path.
    Active(String),
    /// `http:`, `https:`, `mailto:` or `tel:`.
    External(String),
    /// `lag:sol/11/1`: a provision of a law in `lagar.yaml`.
    Law(super::laws::Citation),
    /// `lag:` with an unknown law or a malformed provision.
    BadLaw(super::laws::CitationError),
    /// `#fragment` on the same page.
    Anchor(String),
    /// A scheme that can run code (`javascript:`, `data:`, …) or a path outside the folder.
    Unsafe,
    /// `steg:` with a number of no step.
    MissingStep(String),
    /// A relative path to nothing.
    Missing(String),
}

/// Classifies `dest`, written in the page at `from` (relative to `handlaggarstod/`).
pub fn classify(model: &Model, from: &str, dest: &str) -> LinkTarget {
    let dest = dest.trim();
    if let Some(nr) = dest.strip_prefix("steg:") {
        return match nr.parse::<StepNr>() {
            Ok(nr) if model.step(nr).is_some() => LinkTarget::Step(nr),
            _ => LinkTarget::MissingStep(nr.to_string()),
        };
    }
    if let Some(rest) = dest.strip_prefix("lag:") {
        return match super::laws::parse(rest, &model.laws) {
            Ok(c) => LinkTarget::Law(c),
            Err(e) => LinkTarget::BadLaw(e),
        };
    }
    if let Some(frag) = dest.strip_prefix('#') {
        return LinkTarget::Anchor(frag.to_string());
    }
    let lower = dest.to_ascii_lowercase();
    if let Some(colon) = lower.find(':') {
        let scheme = &lower[..colon];
        if !scheme.contains('/') {
            return if matches!(scheme, "http" | "https" | "mailto" | "tel") {
                LinkTarget::External(dest.to_string())
            } else {
                LinkTarget::Unsafe
            };
        }
    }
    if dest.starts_with('/') || dest.starts_with('\\') || dest.contains('\\') {
        return LinkTarget::Unsafe;
    }
    let (path, frag) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let Some(resolved) = join(from, path) else {
        return LinkTarget::Unsafe;
    };
    if resolved.ends_with(".md") {
        let exists = resolved == "index.md" && model.intro.is_some()
            || model.pages.iter().any(|p| p.path == resolved)
            || model.guidance.values().any(|p| p.path == resolved);
        if exists {
            LinkTarget::Page(resolved, frag)
        } else {
            LinkTarget::Missing(dest.to_string())
        }
    } else {
        let file = Path::new("handlaggarstod").join(&resolved);
        match confine::inspect(model.sources.root(), &file, MAX_ATTACHMENT_SIZE) {
            Ok(_) if attachment::is_active(&resolved) => LinkTarget::Active(resolved),
            Ok(_) => LinkTarget::Asset(resolved),
            Err(Refusal::Missing) => LinkTarget::Missing(dest.to_string()),
            Err(refusal) => LinkTarget::Refused(resolved, refusal),
        }
    }
}

/// Joins a relative link to the folder of `from`; `None` if it leaves `handlaggarstod/`.
fn join(from: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in rel.split('/') {
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

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn joins_inside_only() {
        assert_eq!(
            join("steg/12-x.md", "../begrepp.md").as_deref(),
            Some("begrepp.md")
        );
        assert_eq!(
            join("index.md", "parter/fk.md").as_deref(),
            Some("parter/fk.md")
        );
        assert_eq!(join("index.md", "../../etc/passwd"), None);
    }
}
