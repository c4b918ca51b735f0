//! Rules on the guidance: every step has a page, and every link in every page resolves.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::attachment::{self, Problem};
use crate::model::links::{classify, LinkTarget};
use crate::model::{slug, MapId, Model, Page};
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
                        format!("step {} has no guidance page", step.nr),
                    )
                    .at(step.span)
                    .help(format!(
                        "create handlaggarstod/steg/{}-{}.md",
                        step.nr,
                        slug(&step.title)
                    )),
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

fn check_page(model: &Model, page: &Page, diags: &mut Vec<Diagnostic>) {
    let text = model.markdown(page);
    for (event, range) in Parser::new_ext(text, Options::all()).into_offset_iter() {
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
        match classify(model, &page.path, dest) {
            LinkTarget::MissingStep(nr) => diags.push(
                Diagnostic::error(Code::BrokenStepLink, format!("link to step {nr}, which does not exist"))
                    .at(span)
                    .help("use the number of an existing step, e.g. `steg:12` or `steg:15.3`"),
            ),
            LinkTarget::Missing(target) => diags.push(
                Diagnostic::error(Code::BrokenLink, format!("link to `{target}`, which does not exist"))
                    .at(span)
                    .help("links are relative to this file; check the file name and folder"),
            ),
            LinkTarget::Refused(path, refusal) => diags.push(
                crate::load::refusal_diagnostic(&refusal, &format!("handlaggarstod/{path}"))
                    .at(span)
                    .label("this file is not published"),
            ),
            LinkTarget::Active(path) => diags.push(
                Diagnostic::error(
                    Code::ActiveAttachment,
                    format!("handlaggarstod/{path} would open as a page of the site and could run scripts there, so it cannot be attached"),
                )
                .at(span)
                .help("web pages and XML files (.html, .htm, .xhtml, .xml, …) cannot be attached: attach a PDF instead, or write the text in a guidance page (.md)"),
            ),
            LinkTarget::Asset(path) if attachment::is_svg(&path) => {
                match attachment::publish(model.sources.root(), &path) {
                    Ok(_) => {}
                    Err(Problem::BadSvg(why)) => diags.push(
                        Diagnostic::error(
                            Code::BadSvgAttachment,
                            format!("handlaggarstod/{path} cannot be read as an SVG image: {why}"),
                        )
                        .at(span)
                        .help("open the image in a drawing program and save it again as plain SVG, or attach it as PNG"),
                    ),
                    Err(Problem::Refused(refusal)) => diags.push(
                        crate::load::refusal_diagnostic(&refusal, &format!("handlaggarstod/{path}"))
                            .at(span)
                            .label("this file is not published"),
                    ),
                }
            }
            LinkTarget::Unsafe => diags.push(
                Diagnostic::error(Code::UnsafePath, format!("link `{dest}` is not allowed"))
                    .at(span)
                    .help("link to steps (`steg:12`), to pages in handlaggarstod/, or to http(s) addresses"),
            ),
            _ => {}
        }
    }
}
