//! Rules on the guidance: every step has a page, and every link in every page resolves.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::attachment::{self, Problem};
use crate::model::laws::CitationError;
use crate::model::links::{classify, LinkTarget};
use crate::model::{slug, MapId, Model, Page};
use crate::msg;
use crate::source::Span;
use pulldown_cmark::{Event, Options, Parser, Tag};

/// Checks guidance coverage and links.
pub fn check(model: &Model, diags: &mut Vec<Diagnostic>) {
    for map in model.maps() {
        if matches!(map.id, MapId::Sub(_)) && map.opened_from.is_none() {
            continue;
        }
        for step in &map.steps {
            if !model.guidance.contains_key(&step.nr) {
                diags.push(
                    Diagnostic::error(
                        Code::MissingGuidance,
                        msg!("missing-guidance", step = step.nr),
                    )
                    .at(step.span)
                    .help(msg!(
                        "missing-guidance-help",
                        file = format!("handlaggarstod/steg/{}-{}.md", step.nr, slug(&step.title))
                    ))
                    .follows(unread_page(model, &step.nr.to_string())),
                );
            }
        }
    }
    let pages = model
        .intro
        .iter()
        .chain(model.pages.iter())
        .chain(model.guidance.values());
    for page in pages {
        check_page(model, page, diags);
    }
}

/// Why the guidance page of step `nr` was not read, if there is one that was not: a file
/// that could not be read, or one named or placed so that it is not taken as guidance.
fn unread_page(model: &Model, nr: &str) -> Option<crate::diagnostic::Cause> {
    model
        .losses
        .files
        .iter()
        .find(|(path, _)| {
            path.strip_prefix("handlaggarstod/")
                .map(|p| p.rsplit('/').next().unwrap_or(p))
                .is_some_and(|name| crate::model::page_number(name) == nr)
        })
        .map(|(_, cause)| *cause)
}

fn check_page(model: &Model, page: &Page, diags: &mut Vec<Diagnostic>) {
    let text = model.markdown(page);
    // Where Markdown saw links or code: a `](steg:` elsewhere is a link that did not work.
    let mut read = Vec::new();
    // The text of the step link being read: (its number, its span, the text so far).
    let mut step_link: Option<(String, Span, String)> = None;
    for (event, range) in Parser::new_ext(text, Options::all()).into_offset_iter() {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_))
            | Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_) => read.push(range.clone()),
            Event::Text(t) => {
                if let Some((_, _, so_far)) = &mut step_link {
                    so_far.push_str(t);
                }
            }
            Event::End(pulldown_cmark::TagEnd::Link) => {
                if let Some((nr, span, said)) = step_link.take() {
                    check_link_text(&nr, &said, span, diags);
                }
            }
            _ => {}
        }
        let dest = match &event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let written = &text[range.clone()];
        let at = written
            .rfind(dest.as_ref())
            .map_or(range.start..range.start, |i| {
                range.start + i..range.start + i + dest.len()
            });
        let span = Span::new(page.file, at);
        if matches!(event, Event::Start(Tag::Link { .. })) {
            if let Some(nr) = dest.trim().strip_prefix("steg:") {
                step_link = Some((nr.to_string(), span, String::new()));
            }
        }
        match classify(model, &page.path, dest) {
            LinkTarget::MissingStep(nr) => diags.push(
                Diagnostic::error(Code::BrokenStepLink, msg!("broken-step-link", step = &nr))
                    .at(span)
                    .help(msg!("broken-step-link-help"))
                    .follows(nr.parse().ok().and_then(|nr| model.lost_step(nr))),
            ),
            LinkTarget::Missing(target) => diags.push(
                Diagnostic::error(Code::BrokenLink, msg!("broken-link", target = target))
                    .at(span)
                    .help(msg!("broken-link-help")),
            ),
            LinkTarget::Refused(path, refusal) => diags.push(
                crate::load::refusal_diagnostic(&refusal, format!("handlaggarstod/{path}"))
                    .at(span)
                    .label(msg!("not-published-label")),
            ),
            LinkTarget::Active(path) => diags.push(
                Diagnostic::error(
                    Code::ActiveAttachment,
                    msg!("active-attachment", file = format!("handlaggarstod/{path}")),
                )
                .at(span)
                .help(msg!("active-attachment-help")),
            ),
            LinkTarget::Asset(path) if attachment::is_svg(&path) => {
                match attachment::publish(model.sources.root(), &path) {
                    Ok(_) => {}
                    Err(Problem::BadSvg(why)) => diags.push(
                        Diagnostic::error(
                            Code::BadSvgAttachment,
                            msg!(
                                "bad-svg-attachment",
                                file = format!("handlaggarstod/{path}"),
                                why = why
                            ),
                        )
                        .at(span)
                        .help(msg!("bad-svg-attachment-help")),
                    ),
                    Err(Problem::Refused(refusal)) => diags.push(
                        crate::load::refusal_diagnostic(&refusal, format!("handlaggarstod/{path}"))
                            .at(span)
                            .label(msg!("not-published-label")),
                    ),
                }
            }
            LinkTarget::BadLaw(CitationError::UnknownLaw(id)) => {
                let ids: Vec<String> = model.laws.laws.iter().map(|l| l.id.clone()).collect();
                let help = match (model.laws.file, crate::load::yaml::did_you_mean(&id, &ids)) {
                    (None, _) => msg!("unknown-law-help-no-file"),
                    (Some(_), Some(near)) => msg!("unknown-law-help-typo", near = near),
                    (Some(_), None) => msg!("unknown-law-help", id = &id, ids = ids.join(", ")),
                };
                diags.push(
                    Diagnostic::error(Code::UnknownLaw, msg!("unknown-law", id = &id))
                        .at(span)
                        .help(help)
                        .follows(model.losses.lagar),
                )
            }
            LinkTarget::BadLaw(CitationError::Malformed(why)) => diags.push(
                Diagnostic::error(
                    Code::BadProvision,
                    msg!("bad-provision", written = dest.trim()),
                )
                .at(span)
                .help(why),
            ),
            LinkTarget::Law(c) => {
                if let Some(law) = model.laws.get(&c.law) {
                    if let Some(date) = &law.repealed {
                        let instead = law.replaced_by.as_deref().and_then(|id| model.laws.get(id));
                        let help = match instead {
                            Some(new) => {
                                msg!("repealed-law-help", law = new.full_name(), id = &new.id)
                            }
                            None => msg!("repealed-law-help-no-successor"),
                        };
                        let message = match instead {
                            Some(new) => msg!(
                                "repealed-law-replaced",
                                law = law.full_name(),
                                date = date,
                                new = new.full_name()
                            ),
                            None => msg!("repealed-law", law = law.full_name(), date = date),
                        };
                        diags.push(
                            Diagnostic::warning(Code::RepealedLaw, message)
                                .at(span)
                                .help(help),
                        );
                    }
                }
            }
            LinkTarget::Unsafe => diags.push(
                Diagnostic::error(Code::UnsafePath, msg!("unsafe-link", dest = dest.as_ref()))
                    .at(span)
                    .help(msg!("unsafe-link-help")),
            ),
            _ => {}
        }
    }
    find_broken_step_links(text, &read, page, diags);
}

/// W004: the text of a step link names another step than the link goes to, as in
/// `[steg 5](steg:6)`.
fn check_link_text(nr: &str, said: &str, span: Span, diags: &mut Vec<Diagnostic>) {
    let lower = said.to_lowercase();
    let Some(i) = lower.find("steg") else { return };
    let after = lower[i + 4..].trim_start_matches("et").trim_start();
    let named: String = after
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    // Text that names more than one number (`steg 5–6`, `steg 5 och 6`) is left alone.
    let more = after[named.len()..].contains(|c: char| c.is_ascii_digit());
    let named = named.trim_end_matches('.');
    if named.is_empty() || named == nr || more {
        return;
    }
    diags.push(
        Diagnostic::warning(
            Code::LinkTextMismatch,
            msg!("link-text-mismatch", named = named, step = nr),
        )
        .at(span)
        .label(msg!("link-text-mismatch-label", step = nr))
        .help(msg!("link-text-mismatch-help", named = named, step = nr)),
    );
}

/// E056: a step link that Markdown does not read as a link, because of a space (`[steg
/// 4](steg: 4)`, `[steg 4] (steg:4)`), so the page would show it as text.
fn find_broken_step_links(
    text: &str,
    read: &[std::ops::Range<usize>],
    page: &Page,
    diags: &mut Vec<Diagnostic>,
) {
    let lower = text.to_ascii_lowercase();
    for (close, _) in lower.match_indices(']') {
        if read.iter().any(|r| r.contains(&close)) {
            continue;
        }
        let after = &lower[close + 1..];
        let rest = after.trim_start_matches([' ', '\t']);
        let Some(inner) = rest.strip_prefix('(') else {
            continue;
        };
        let body = inner.trim_start();
        if !body.starts_with("steg") {
            continue;
        }
        let Some(end) = inner.find(')') else { continue };
        let dest = &text[close + 1 + (after.len() - inner.len())..][..end];
        if dest.contains('\n') || !dest.contains(':') {
            continue;
        }
        let open = text[..close].rfind('[');
        let Some(open) = open.filter(|&o| !text[o..close].contains('\n')) else {
            continue;
        };
        let written_end = close + 1 + (after.len() - inner.len()) + end + 1;
        let written = &text[open..written_end];
        let fixed: String = dest.chars().filter(|c| !c.is_whitespace()).collect();
        diags.push(
            Diagnostic::error(Code::NotALink, msg!("not-a-link", written = written))
                .at(Span::new(page.file, open..written_end))
                .label(msg!("not-a-link-label"))
                .help(msg!(
                    "not-a-link-help",
                    fixed = format!("{}({fixed})", &text[open..=close])
                )),
        );
    }
}
