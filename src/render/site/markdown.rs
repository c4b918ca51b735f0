//! Guidance Markdown to HTML with pulldown-cmark, safely.
//!
//! Every link is classified with [`links::classify`] (the same function `check` uses) and
//! rewritten to the site's URL layout: `steg:12` to the step's page, `x.md` to the page's
//! `.html`, other files under `handlaggarstod/` to a copy in `filer/`. Links with a scheme that
//! can run code become plain text. Raw HTML is never passed through: it is shown as text.
//! Headings get stable ids (for the table of contents and `page.md#avsnitt` links) and are
//! renumbered so that they follow the page's own heading without skipping a level.

use crate::model::links::{self, LinkTarget};
use crate::model::{slug, Model, StepNr};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A heading of a rendered page.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Heading {
    /// Level as rendered (2 for `<h2>`).
    pub level: u8,
    /// Its id, unique on the page.
    pub id: String,
    /// Its text.
    pub text: String,
}

/// A rendered Markdown page.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The HTML body.
    pub html: String,
    /// Its headings, in order.
    pub headings: Vec<Heading>,
    /// Its plain text, for search.
    pub text: String,
    /// Its plain text without the headings, for excerpts.
    pub summary: String,
    /// Files under `handlaggarstod/` it links to, by relative path.
    pub assets: BTreeSet<String>,
}

/// Where the pages of the site are, for rewriting links.
#[derive(Debug, Default)]
pub struct Targets {
    /// URL from the site root of every Markdown page, by its path in `handlaggarstod/`.
    pub urls: BTreeMap<String, String>,
    /// Heading ids of every Markdown page (without any prefix), by path.
    pub anchors: BTreeMap<String, BTreeSet<String>>,
    /// In the print view: the section id of every Markdown page, by path.
    pub print_ids: BTreeMap<String, String>,
}

/// How to render one page.
pub struct Ctx<'a> {
    /// The model.
    pub model: &'a Model,
    /// The page's path in `handlaggarstod/`.
    pub from: &'a str,
    /// Prefix from the page to the site root: `""` or `"../"`.
    pub root: &'a str,
    /// The level of the body's top headings (the page's own `<h1>` comes from the template).
    pub base_level: u8,
    /// Leave out the first `# heading` (it is the page's title, shown by the template).
    pub strip_title: bool,
    /// Prefix of every heading id (the print view holds many pages).
    pub id_prefix: &'a str,
    /// Ids the template uses on the page.
    pub reserved: &'a [&'a str],
    /// Where links go; `None` while the ids themselves are being collected.
    pub targets: Option<&'a Targets>,
    /// Render for the one-page print view: links between guidance pages stay on the page.
    pub print: bool,
}

/// Ids a heading never gets, because the templates use them.
pub const RESERVED_IDS: &[&str] = &[
    "innehall",
    "sok-falt",
    "sok-sida",
    "sok-tips",
    "sok-status",
    "sok-traffar",
    "kommer-fran",
    "leder-till",
    "lagandringar",
    "karta-rubrik",
    "inledning",
    "parter-rubrik",
    "alla-steg",
    "partens-karta",
    "partens-steg",
    "underprocessens-karta",
    "underprocessens-steg",
    "tillbaka",
    "innehall-rubrik",
];

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

enum LinkAction {
    /// Patch the placeholder at this index with `<a ...>` when the link ends.
    Keep {
        at: usize,
        href: String,
        title: String,
        step: Option<StepNr>,
        text_from: usize,
    },
    /// Drop the link, keep its text.
    Drop,
}

enum ImageAction {
    Keep,
    /// An outside image becomes a link to it, so the page loads nothing from other hosts.
    AsLink,
    Drop,
}

/// Renders one Markdown text.
pub fn render(ctx: &Ctx, markdown: &str) -> Rendered {
    let mut out: Vec<Event> = Vec::new();
    let mut rendered = Rendered::default();
    let mut text = String::new();
    let mut used_ids = Ids::default();
    let mut links: Vec<LinkAction> = Vec::new();
    let mut images: Vec<ImageAction> = Vec::new();
    // Open heading: index of its start event, its new level, where its text starts.
    let mut heading: Option<(usize, HeadingLevel, usize)> = None;
    let mut title_stripped = !ctx.strip_title;
    let mut skipping_title = false;
    let mut last_level = ctx.base_level.saturating_sub(1);
    let mut heading_spans: Vec<(usize, usize)> = Vec::new();

    for event in Parser::new_ext(markdown, options()) {
        if skipping_title {
            if matches!(event, Event::End(TagEnd::Heading(_))) {
                skipping_title = false;
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if !title_stripped && level == HeadingLevel::H1 {
                    title_stripped = true;
                    skipping_title = true;
                    continue;
                }
                let wanted = level as u8;
                let new = wanted.clamp(ctx.base_level, (last_level + 1).max(ctx.base_level));
                let new = new.min(6);
                last_level = new;
                let level = HeadingLevel::try_from(new as usize).unwrap_or(HeadingLevel::H6);
                heading = Some((out.len(), level, text.len()));
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((at, level, from)) = heading.take() else {
                    continue;
                };
                let heading_text = text[from..].trim().to_string();
                let id = unique_id(&heading_text, ctx.reserved, &mut used_ids);
                let full = format!("{}{}", ctx.id_prefix, id);
                out[at] = Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(full.clone())),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                });
                out.push(Event::End(TagEnd::Heading(level)));
                rendered.headings.push(Heading {
                    level: level as u8,
                    id: full,
                    text: heading_text,
                });
                heading_spans.push((from, text.len()));
                text.push('\n');
            }
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                let action = match link_href(ctx, &dest_url, &mut rendered.assets) {
                    Some((href, step)) => {
                        out.push(Event::Text(CowStr::Borrowed("")));
                        LinkAction::Keep {
                            at: out.len() - 1,
                            href,
                            title: title.to_string(),
                            step,
                            text_from: text.len(),
                        }
                    }
                    None => LinkAction::Drop,
                };
                links.push(action);
            }
            Event::End(TagEnd::Link) => {
                if let Some(LinkAction::Keep {
                    at,
                    href,
                    title,
                    step,
                    text_from,
                }) = links.pop()
                {
                    let mut tag = format!("<a href=\"{}\"", escape_attr(&href));
                    if !title.is_empty() {
                        tag.push_str(&format!(" title=\"{}\"", escape_attr(&title)));
                    }
                    if let Some(nr) = step {
                        // In print, a link shows the step number unless its text already does.
                        if !text[text_from..].contains(&nr.to_string()) {
                            tag.push_str(&format!(" data-step=\"{nr}\""));
                        }
                    }
                    tag.push('>');
                    out[at] = Event::InlineHtml(CowStr::from(tag));
                    out.push(Event::InlineHtml(CowStr::Borrowed("</a>")));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let target = links::classify(ctx.model, ctx.from, &dest_url);
                match target {
                    LinkTarget::Asset(path) => {
                        let href = format!("{}filer/{}", ctx.root, encode_path(&path));
                        rendered.assets.insert(path);
                        images.push(ImageAction::Keep);
                        out.push(Event::Start(Tag::Image {
                            link_type,
                            dest_url: CowStr::from(href),
                            title,
                            id,
                        }));
                    }
                    LinkTarget::External(url) => {
                        images.push(ImageAction::AsLink);
                        out.push(Event::InlineHtml(CowStr::from(format!(
                            "<a href=\"{}\">",
                            escape_attr(&url)
                        ))));
                    }
                    _ => images.push(ImageAction::Drop),
                }
            }
            Event::End(TagEnd::Image) => match images.pop() {
                Some(ImageAction::Keep) => out.push(Event::End(TagEnd::Image)),
                Some(ImageAction::AsLink) => {
                    out.push(Event::InlineHtml(CowStr::Borrowed("</a>")));
                }
                _ => {}
            },
            // Raw HTML is shown as the text it is.
            Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
            Event::Html(s) | Event::InlineHtml(s) => {
                text.push_str(&s);
                if images.is_empty() {
                    // Escaped with quotes too, so not even the text looks like an attribute.
                    out.push(Event::InlineHtml(CowStr::from(escape_attr(&s))));
                } else {
                    out.push(Event::Text(s));
                }
            }
            Event::Text(s) => {
                text.push_str(&s);
                out.push(Event::Text(s));
            }
            Event::Code(s) => {
                text.push_str(&s);
                out.push(Event::Code(s));
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                out.push(event);
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock,
            ) => {
                text.push('\n');
                out.push(event);
            }
            other => out.push(other),
        }
    }
    pulldown_cmark::html::push_html(&mut rendered.html, out.into_iter());
    let mut summary = String::new();
    let mut at = 0;
    for (from, to) in heading_spans {
        summary.push_str(&text[at..from]);
        at = to;
    }
    summary.push_str(&text[at..]);
    rendered.summary = summary;
    rendered.text = text;
    rendered
}

/// Where a link goes, or `None` to show it as plain text. The step is set for links to a step.
fn link_href(
    ctx: &Ctx,
    dest: &str,
    assets: &mut BTreeSet<String>,
) -> Option<(String, Option<StepNr>)> {
    let targets = ctx.targets?;
    match links::classify(ctx.model, ctx.from, dest) {
        LinkTarget::Step(nr) => {
            let href = if ctx.print {
                format!("#{}", step_anchor(nr))
            } else {
                format!("{}{}", ctx.root, crate::render::step_url(nr))
            };
            Some((href, Some(nr)))
        }
        LinkTarget::Page(path, frag) => {
            let known = |f: &String| targets.anchors.get(&path).is_some_and(|a| a.contains(f));
            let frag = frag.filter(known);
            if ctx.print {
                if let Some(section) = targets.print_ids.get(&path) {
                    return Some(match frag {
                        Some(f) => (format!("#{section}-{f}"), None),
                        None => (format!("#{section}"), None),
                    });
                }
            }
            let url = targets.urls.get(&path)?;
            Some(match frag {
                Some(f) => (format!("{}{url}#{f}", ctx.root), None),
                None => (format!("{}{url}", ctx.root), None),
            })
        }
        LinkTarget::Anchor(frag) => {
            let on_page = targets
                .anchors
                .get(ctx.from)
                .is_some_and(|a| a.contains(&frag))
                || (!ctx.print && ctx.reserved.contains(&frag.as_str()));
            on_page.then(|| (format!("#{}{frag}", ctx.id_prefix), None))
        }
        LinkTarget::Asset(path) => {
            let href = format!("{}filer/{}", ctx.root, encode_path(&path));
            assets.insert(path);
            Some((href, None))
        }
        LinkTarget::External(url) => Some((url, None)),
        LinkTarget::Law(c) => ctx.model.laws.get(&c.law).map(|law| (c.href(law), None)),
        LinkTarget::BadLaw(_)
        | LinkTarget::Unsafe
        | LinkTarget::Refused(..)
        | LinkTarget::Active(_)
        | LinkTarget::MissingStep(_)
        | LinkTarget::Missing(_) => None,
    }
}

/// The id of a step in the print view and of its box on a map: `steg-12`, `steg-15-3`.
pub fn step_anchor(nr: StepNr) -> String {
    match nr.parent {
        Some(p) => format!("steg-{p}-{}", nr.local),
        None => format!("steg-{}", nr.local),
    }
}

/// The heading ids given out on one page, and for each base id the next number to try, so
/// that many headings with the same text (8 000 times `## Syfte`) take linear time.
#[derive(Default)]
struct Ids {
    used: BTreeSet<String>,
    next: HashMap<String, usize>,
}

fn unique_id(text: &str, reserved: &[&str], ids: &mut Ids) -> String {
    let mut base = slug(text);
    if base.is_empty() {
        base = "avsnitt".into();
    } else if reserved.contains(&base.as_str())
        || RESERVED_IDS.contains(&base.as_str())
        || base.starts_with("steg-")
        || base.starts_with("part-")
        || base.starts_with("under-")
    {
        base = format!("avsnitt-{base}");
    }
    let mut id = base.clone();
    if ids.used.contains(&id) {
        let n = ids.next.entry(base.clone()).or_insert(2);
        loop {
            id = format!("{base}-{n}");
            *n += 1;
            if !ids.used.contains(&id) {
                break;
            }
        }
    }
    ids.used.insert(id.clone());
    id
}

/// Percent-encodes a relative path for an `href`, keeping `/`.
pub fn encode_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn escape_attr(s: &str) -> String {
    super::theme::escape_html(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_avoid_reserved_ones() {
        let mut used = Ids::default();
        assert_eq!(unique_id("Syfte", &[], &mut used), "syfte");
        assert_eq!(unique_id("Syfte", &[], &mut used), "syfte-2");
        assert_eq!(unique_id("Syfte 3", &[], &mut used), "syfte-3");
        assert_eq!(unique_id("Syfte", &[], &mut used), "syfte-4");
        assert_eq!(unique_id("Syfte", &[], &mut used), "syfte-5");
        assert_eq!(unique_id("Steg 12", &[], &mut used), "avsnitt-steg-12");
        assert_eq!(
            unique_id("Kommer från", &[], &mut used),
            "avsnitt-kommer-fran"
        );
        assert_eq!(unique_id("???", &[], &mut used), "avsnitt");
    }

    #[test]
    fn paths_are_encoded() {
        assert_eq!(encode_path("bilder/ett foto.png"), "bilder/ett%20foto.png");
        assert_eq!(encode_path("å.pdf"), "%C3%A5.pdf");
    }
}
