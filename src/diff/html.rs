//! The review page of `processkarta diff --format html`: one self-contained HTML document
//! (CSS inline, the maps inline as SVG, no script, no request to anything outside it) with
//! the old and the new overview and every changed sub-process side by side, the changed
//! steps and arrows highlighted, and the changes in words below. Also the changes as an
//! HTML list for the site's page "Ändringar sedan förra versionen", and the new overview
//! with its highlights as a PNG.
//!
//! The highlights come from the [`ModelDiff`] alone (see [`highlights`]), so the page marks
//! exactly the steps and arrows the text and JSON reports name; the maps are drawn by
//! [`crate::render::map::review_svg`] with the marks passed in as data.

use super::{map_key, report, Change, ModelDiff};
use crate::layout::MapLayout;
use crate::model::{MapId, Model, ProcessMap};
use crate::render::map::{self, esc, Highlights, Mark};
use crate::Checked;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The marks of one map (`overview` or `subprocess:<id>`) on its old and its new version.
///
/// A step added is marked on the new map, a step removed on the old one (in its old
/// number); a step renamed, moved to another lane, changed in kind or in aktualisering is
/// "changed" on both; a step that only got another number is "renumbered" on both. Arrows
/// added, removed and relabelled likewise. A step both renumbered and changed is "changed",
/// with its other number in the note.
pub fn highlights(diff: &ModelDiff, map_id: &str) -> (Highlights, Highlights) {
    let mut old = Highlights::default();
    let mut new = Highlights::default();
    fn mark(h: &mut Highlights, step: &str, mark: Mark, note: Option<String>) {
        let entry = h.steps.entry(step.to_string()).or_insert((mark, None));
        // Changed wins over renumbered; the note (the other number) is kept.
        if mark < entry.0 {
            entry.0 = mark;
        }
        if note.is_some() {
            entry.1 = note;
        }
    }
    for change in diff.changes.iter().filter(|c| c.map() == Some(map_id)) {
        match change {
            Change::StepAdded { step, .. } => mark(&mut new, step, Mark::Added, None),
            Change::StepRemoved { old_step, .. } => mark(&mut old, old_step, Mark::Removed, None),
            Change::StepRenumbered { old_step, step, .. } => {
                mark(
                    &mut old,
                    old_step,
                    Mark::Renumbered,
                    Some(format!("nu {step}")),
                );
                mark(
                    &mut new,
                    step,
                    Mark::Renumbered,
                    Some(format!("var {old_step}")),
                );
            }
            Change::StepRenamed { old_step, step, .. }
            | Change::StepMoved { old_step, step, .. }
            | Change::KindChanged { old_step, step, .. }
            | Change::AktualiseringAdded { old_step, step, .. }
            | Change::AktualiseringRemoved { old_step, step, .. }
            | Change::ContinuationChanged { old_step, step, .. } => {
                mark(&mut old, old_step, Mark::Changed, None);
                mark(&mut new, step, Mark::Changed, None);
            }
            Change::ArrowAdded { from, to, .. } => {
                new.arrows.insert((from.clone(), to.clone()), Mark::Added);
            }
            Change::ArrowRemoved {
                old_from, old_to, ..
            } => {
                old.arrows
                    .insert((old_from.clone(), old_to.clone()), Mark::Removed);
            }
            Change::LabelChanged {
                old_from,
                old_to,
                from,
                to,
                ..
            } => {
                old.arrows
                    .insert((old_from.clone(), old_to.clone()), Mark::Changed);
                new.arrows.insert((from.clone(), to.clone()), Mark::Changed);
            }
            _ => {}
        }
    }
    (old, new)
}

/// The layout of the map `key` of a checked model, with the map, when `check` made one
/// (it does not for a model with errors).
fn laid_out<'a>(checked: &'a Checked, key: &str) -> Option<(&'a ProcessMap, &'a MapLayout)> {
    let layouts = checked.maps.as_ref()?;
    checked
        .model
        .maps()
        .zip(layouts)
        .find(|(m, _)| map_key(&m.id) == key)
}

/// The maps the page shows, in report order: the overview, then every sub-process with a
/// change, added or removed, by id.
fn shown_maps(diff: &ModelDiff, old: &Model, new: &Model) -> Vec<String> {
    let mut keys = vec!["overview".to_string()];
    let mut subs: Vec<String> = diff
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::SubprocessAdded { map, .. } | Change::SubprocessRemoved { map, .. } => {
                Some(map.clone())
            }
            _ => c.map().map(str::to_string),
        })
        .filter(|k| k != "overview")
        .filter(|k| {
            let has = |m: &Model| m.maps().any(|p| &map_key(&p.id) == k);
            has(old) || has(new)
        })
        .collect();
    subs.sort();
    subs.dedup();
    keys.extend(subs);
    keys
}

/// `old-overview-`, `new-subprocess-utredning-`: a prefix for the ids of one drawn map.
fn id_prefix(side: &str, key: &str) -> String {
    let slug: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{side}-{slug}-")
}

/// One side of a map on the page: its drawing, or why there is none.
fn figure(side: &str, label: &str, key: &str, checked: &Checked, marks: &Highlights) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<figure class=\"side\" data-side=\"{side}\" data-map=\"{}\">\n<figcaption>{}</figcaption>\n",
        esc(key),
        esc(label)
    );
    let exists = checked.model.maps().any(|m| map_key(&m.id) == key);
    match laid_out(checked, key) {
        Some((map, layout)) => {
            let svg = map::review_svg(&checked.model, map, layout, marks, &id_prefix(side, key));
            let _ = writeln!(s, "<div class=\"map\">{svg}</div>");
        }
        None if !exists => {
            let what = if side == "old" {
                "Kartan finns inte i den gamla versionen."
            } else {
                "Kartan finns inte i den nya versionen."
            };
            let _ = writeln!(s, "<p class=\"no-map\">{what}</p>");
        }
        None => {
            let _ = writeln!(
                s,
                "<p class=\"no-map\">Kartan kan inte ritas, eftersom den här versionen har fel. Kör <code>processkarta check</code> för att se dem.</p>"
            );
        }
    }
    s.push_str("</figure>\n");
    s
}

/// The heading of a map's section: "Översiktskarta: …" or "Underprocess utredning: …".
fn map_heading(diff: &ModelDiff, key: &str) -> String {
    let title = diff.maps.get(key).cloned().unwrap_or_default();
    match key.strip_prefix("subprocess:") {
        Some(id) => format!("Underprocess {id}: {title}"),
        None => format!("Översiktskarta: {title}"),
    }
}

const STYLE: &str = "\
body{margin:0;font-family:\"Noto Sans\",system-ui,sans-serif;color:#111;background:#fff;line-height:1.5}
main{max-width:110rem;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.6rem;margin:.5rem 0}
h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid #ccc}
h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,32rem),1fr));gap:1rem}
figure.side{margin:0;border:1px solid #ccc;border-radius:4px;padding:.5rem;min-width:0}
figure.side figcaption{font-weight:bold;margin-bottom:.3rem}
.map{overflow:auto}
.map svg{width:100%;height:auto;min-width:28rem}
.no-map{color:#333;font-style:italic}
.legend ul,.changes ul{padding-left:1.2rem}
.legend li{list-style:none;margin:.2rem 0 .2rem -1.2rem}
.swatch{display:inline-block;width:1.6rem;height:.9rem;vertical-align:middle;margin-right:.5rem;border:3px solid;border-radius:3px}
.mark{font-weight:bold}
del{color:#cf222e}
ins{color:#1a7f37;text-decoration:underline}
pre{background:#f6f6f6;border:1px solid #ddd;padding:.75rem;overflow:auto;font-size:.85rem}
code{font-size:.9em}
";

/// The review page: the old and the new version of every changed map side by side, the
/// legend, the changes in words and the text report. `old` and `new` are the checked
/// models the diff was made of; `lang` is the language of the text report.
pub fn page(diff: &ModelDiff, old: &Checked, new: &Checked, lang: crate::i18n::Lang) -> String {
    let mut s = String::with_capacity(256 * 1024);
    let title = format!(
        "Ändringar i processen: {} → {}",
        diff.old.source, diff.new.source
    );
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        esc(&title),
        esc(&title)
    );
    let count = diff.changes.len();
    let _ = writeln!(
        s,
        "<p>Från <code>{}</code> till <code>{}</code>: {}.</p>",
        esc(&diff.old.source),
        esc(&diff.new.source),
        match count {
            0 => "inga ändringar".to_string(),
            1 => "1 ändring".to_string(),
            n => format!("{n} ändringar"),
        }
    );
    for side in [&diff.old, &diff.new].into_iter().filter(|s| s.errors > 0) {
        let _ = writeln!(
            s,
            "<p class=\"note\"><strong>Obs!</strong> <code>{}</code> har {} fel och jämförs så långt den kunde läsas.</p>",
            esc(&side.source),
            side.errors
        );
    }
    legend(&mut s);
    for key in shown_maps(diff, &old.model, &new.model) {
        let (old_marks, new_marks) = highlights(diff, &key);
        let _ = write!(
            s,
            "<section class=\"map-pair\" data-map=\"{}\">\n<h2>{}</h2>\n<div class=\"sides\">\n",
            esc(&key),
            esc(&map_heading(diff, &key))
        );
        s.push_str(&figure(
            "old",
            &format!("Före ({})", diff.old.source),
            &key,
            old,
            &old_marks,
        ));
        s.push_str(&figure(
            "new",
            &format!("Efter ({})", diff.new.source),
            &key,
            new,
            &new_marks,
        ));
        s.push_str("</div>\n</section>\n");
    }
    s.push_str("<section class=\"changes\">\n<h2>Ändringarna i ord</h2>\n");
    s.push_str(&change_list(diff, 3));
    s.push_str("</section>\n");
    let _ = write!(
        s,
        "<section class=\"report\">\n<h2>Rapporten från processkarta diff</h2>\n<pre lang=\"{}\">{}</pre>\n</section>\n",
        lang.code(),
        esc(&report::text(diff, lang))
    );
    s.push_str("</main>\n</body>\n</html>\n");
    s
}

/// The legend of the marks, in words, with the colour and dash of each.
fn legend(s: &mut String) {
    s.push_str("<section class=\"legend\">\n<h2>Så läser du kartorna</h2>\n<p>Den gamla versionen står till vänster och den nya till höger. Varje ändrat steg har en färgad ram och ett ord ovanför sig; ändrade pilar är färgade och har ett ord vid sig.</p>\n<ul>\n");
    for mark in Mark::ALL {
        let explain = match mark {
            Mark::Added => "steget eller pilen finns bara i den nya versionen (heldragen ram)",
            Mark::Removed => {
                "steget eller pilen finns bara i den gamla versionen, med sitt gamla nummer (streckad ram)"
            }
            Mark::Changed => {
                "steget har ny titel, part, typ eller aktualiseringspunkt, eller pilen ny etikett (prickad ram)"
            }
            Mark::Renumbered => {
                "samma steg under ett annat nummer, med det andra numret bredvid (streck och punkt)"
            }
        };
        // CSS has no dash-dot border: the renumbered mark is a double line here.
        let style = match mark {
            Mark::Added => "solid",
            Mark::Removed => "dashed",
            Mark::Changed => "dotted",
            Mark::Renumbered => "double",
        };
        let _ = writeln!(
            s,
            "<li data-legend=\"{}\"><span class=\"swatch\" style=\"border-color:{};border-style:{style}\"></span><span class=\"mark\" style=\"color:{}\">{}</span>: {explain}</li>",
            mark.as_str(),
            mark.color(),
            mark.color(),
            mark.label()
        );
    }
    s.push_str("</ul>\n</section>\n");
}

/// A step kind in Swedish.
fn kind_sv(kind: &str) -> &str {
    match kind {
        "start" => "start",
        "task" => "aktivitet",
        "vagval" => "vägval",
        "subprocess" => "underprocess",
        "end" => "slut",
        other => other,
    }
}

/// "12" or "12 (var 11)".
fn step_ref(old: &str, new: &str) -> String {
    if old == new {
        new.to_string()
    } else {
        format!("{new} (var {old})")
    }
}

/// Where an outcome goes on, in Swedish.
fn continuation_sv(c: &Option<Vec<String>>) -> String {
    match c {
        None => "enligt öppningsstegets pilar".into(),
        Some(to) if to.is_empty() => "ingenstans: flödet slutar".into(),
        Some(to) => format!("till steg {}", esc(&to.join(", "))),
    }
}

/// "Stödet för steg 6" or the page's path.
fn page_sv(step: &Option<String>, path: &str) -> String {
    match step {
        Some(s) => format!("Stödet för steg {}", esc(s)),
        None => format!("Sidan <code>{}</code>", esc(path)),
    }
}

fn quote(s: &str) -> String {
    format!("”{}”", esc(s))
}

fn arrow_label(label: &Option<String>) -> String {
    label
        .as_deref()
        .map_or(String::new(), |l| format!(" med etiketten {}", quote(l)))
}

fn label_or_none(label: &Option<String>) -> String {
    label.as_deref().map_or("ingen etikett".into(), quote)
}

/// One change in Swedish, as HTML (all text from the model escaped).
fn describe(diff: &ModelDiff, change: &Change) -> String {
    let lane = |id: &str| esc(diff.lanes.get(id).map_or(id, String::as_str));
    match change {
        Change::LaneAdded { name, .. } => format!("Ny part: {}", quote(name)),
        Change::LaneRemoved { name, .. } => format!("Parten {} är borttagen", quote(name)),
        Change::LaneRenamed {
            old_name, new_name, ..
        } => format!("Parten {} heter nu {}", quote(old_name), quote(new_name)),
        Change::SubprocessAdded {
            title,
            opened_from,
            steps,
            ..
        } => format!(
            "Ny underprocess {} med {steps} steg{}",
            quote(title),
            opened_from
                .as_ref()
                .map_or(String::new(), |s| format!(", öppnas från steg {}", esc(s)))
        ),
        Change::SubprocessRemoved {
            title,
            old_opened_from,
            steps,
            ..
        } => format!(
            "Underprocessen {} med {steps} steg är borttagen{}",
            quote(title),
            old_opened_from.as_ref().map_or(String::new(), |s| format!(
                " (öppnades från steg {})",
                esc(s)
            ))
        ),
        Change::StepAdded {
            step,
            title,
            lane: l,
            kind,
            ..
        } => format!(
            "Nytt steg {} {} hos {} ({})",
            esc(step),
            quote(title),
            lane(l),
            kind_sv(kind)
        ),
        Change::StepRemoved {
            old_step,
            title,
            lane: l,
            ..
        } => format!(
            "Steg {} {} hos {} är borttaget",
            esc(old_step),
            quote(title),
            lane(l)
        ),
        Change::StepRenumbered {
            old_step,
            step,
            title,
            ..
        } => format!(
            "Steg {} {} har nytt nummer: {}",
            esc(old_step),
            quote(title),
            esc(step)
        ),
        Change::StepRenamed {
            old_step,
            step,
            old_title,
            new_title,
            ..
        } => format!(
            "Steg {} heter nu {} (hette {})",
            esc(&step_ref(old_step, step)),
            quote(new_title),
            quote(old_title)
        ),
        Change::StepMoved {
            old_step,
            step,
            title,
            old_lane,
            new_lane,
            ..
        } => format!(
            "Steg {} {} har flyttats från {} till {}",
            esc(&step_ref(old_step, step)),
            quote(title),
            lane(old_lane),
            lane(new_lane)
        ),
        Change::KindChanged {
            old_step,
            step,
            title,
            old_kind,
            new_kind,
            ..
        } => format!(
            "Steg {} {} är nu {} (var {})",
            esc(&step_ref(old_step, step)),
            quote(title),
            kind_sv(new_kind),
            kind_sv(old_kind)
        ),
        Change::ContinuationChanged {
            old_step,
            step,
            title,
            old_continues,
            new_continues,
            ..
        } => format!(
            "Utfallet steg {} {} fortsätter nu {} (förut {})",
            esc(&step_ref(old_step, step)),
            quote(title),
            continuation_sv(new_continues),
            continuation_sv(old_continues)
        ),
        Change::CitationAdded {
            step,
            path,
            citation,
        } => format!("{} hänvisar nu till {}", page_sv(step, path), esc(citation)),
        Change::CitationRemoved {
            step,
            path,
            citation,
        } => format!(
            "{} hänvisar inte längre till {}",
            page_sv(step, path),
            esc(citation)
        ),
        Change::LawAdded { name, .. } => format!("Ny källa i lagar.yaml: {}", esc(name)),
        Change::LawRemoved { name, .. } => {
            format!("{} är borttagen ur lagar.yaml", esc(name))
        }
        Change::LawChanged { name, details, .. } => {
            let what: Vec<String> = details
                .iter()
                .map(|d| d.text(crate::i18n::Lang::Sv))
                .collect();
            format!(
                "{} är ändrad i lagar.yaml: {}",
                esc(name),
                esc(&what.join("; "))
            )
        }
        Change::AktualiseringAdded {
            old_step,
            step,
            title,
            ..
        } => format!(
            "Steg {} {} är nu en aktualiseringspunkt",
            esc(&step_ref(old_step, step)),
            quote(title)
        ),
        Change::AktualiseringRemoved {
            old_step,
            step,
            title,
            ..
        } => format!(
            "Steg {} {} är inte längre en aktualiseringspunkt",
            esc(&step_ref(old_step, step)),
            quote(title)
        ),
        Change::ArrowAdded {
            from,
            from_title,
            to,
            to_title,
            label,
            ..
        } => format!(
            "Ny pil från steg {} {} till steg {} {}{}",
            esc(from),
            quote(from_title),
            esc(to),
            quote(to_title),
            arrow_label(label)
        ),
        Change::ArrowRemoved {
            old_from,
            from_title,
            old_to,
            to_title,
            label,
            ..
        } => format!(
            "Borttagen pil från steg {} {} till steg {} {}{}",
            esc(old_from),
            quote(from_title),
            esc(old_to),
            quote(to_title),
            arrow_label(label)
        ),
        Change::LabelChanged {
            old_from,
            old_to,
            from,
            to,
            old_label,
            new_label,
            ..
        } => format!(
            "Pilen från steg {} till steg {} har ny etikett: {} (var {})",
            esc(&step_ref(old_from, from)),
            esc(&step_ref(old_to, to)),
            label_or_none(new_label),
            label_or_none(old_label)
        ),
        Change::GuidanceAdded { step, path, words } => format!(
            "Nytt handläggarstöd <code>{}</code>{}, {words} ord",
            esc(path),
            step.as_ref()
                .map_or(String::new(), |s| format!(" för steg {}", esc(s)))
        ),
        Change::GuidanceRemoved {
            old_step,
            old_path,
            words,
        } => format!(
            "Handläggarstödet <code>{}</code>{} är borttaget ({words} ord)",
            esc(old_path),
            old_step
                .as_ref()
                .map_or(String::new(), |s| format!(" för steg {}", esc(s)))
        ),
        Change::GuidanceChanged {
            old_step,
            step,
            old_path,
            path,
            words_added,
            words_removed,
            hunks,
            ..
        } => {
            let at = match (old_step, step) {
                (Some(o), Some(n)) => format!(" för steg {}", esc(&step_ref(o, n))),
                _ => String::new(),
            };
            let renamed = if old_path == path {
                String::new()
            } else {
                format!(" (hette <code>{}</code>)", esc(old_path))
            };
            let mut s = format!(
                "Handläggarstödet <code>{}</code>{renamed}{at} är ändrat: {words_added} ord tillagda, {words_removed} ord borttagna",
                esc(path)
            );
            if !hunks.is_empty() {
                s.push_str("<ul class=\"hunks\">");
                for h in hunks {
                    let _ = write!(s, "<li>{}</li>", report::html_hunk(h));
                }
                s.push_str("</ul>");
            }
            s
        }
    }
}

/// The changes in Swedish as HTML: a heading and a list per group (parties,
/// sub-processes, each map, guidance), then files not compared and the new and resolved
/// problems of `check`, with headings of `level` (2 on a page of its own, 3 under the
/// review page's heading). "Inga ändringar" when there are none.
pub fn change_list(diff: &ModelDiff, level: u8) -> String {
    let mut groups: BTreeMap<(u8, String), (String, Vec<String>)> = BTreeMap::new();
    for change in &diff.changes {
        let (order, key, heading) = match change {
            Change::LaneAdded { .. } | Change::LaneRemoved { .. } | Change::LaneRenamed { .. } => {
                (0, String::new(), "Parter".to_string())
            }
            Change::SubprocessAdded { .. } | Change::SubprocessRemoved { .. } => {
                (1, String::new(), "Underprocesser".to_string())
            }
            Change::GuidanceAdded { .. }
            | Change::GuidanceRemoved { .. }
            | Change::GuidanceChanged { .. } => (4, String::new(), "Handläggarstöd".to_string()),
            other => {
                let key = other.map().unwrap_or("overview").to_string();
                let order = if key == "overview" { 2 } else { 3 };
                let heading = map_heading(diff, &key);
                (order, key, heading)
            }
        };
        groups
            .entry((order, key))
            .or_insert_with(|| (heading, Vec::new()))
            .1
            .push(describe(diff, change));
    }
    let mut s = String::new();
    if groups.is_empty() {
        s.push_str("<p>Inga ändringar i processen.</p>\n");
    }
    for ((_, key), (heading, items)) in &groups {
        let _ = write!(
            s,
            "<h{level}{}>{}</h{level}>\n<ul>\n",
            if key.is_empty() {
                String::new()
            } else {
                format!(" data-map=\"{}\"", esc(key))
            },
            esc(heading)
        );
        for item in items {
            let _ = writeln!(s, "<li>{item}</li>");
        }
        s.push_str("</ul>\n");
    }
    if !diff.not_compared.is_empty() {
        let _ = write!(s, "<h{level}>Inte jämfört</h{level}>\n<ul>\n");
        for n in &diff.not_compared {
            let source = if n.side == "old" {
                &diff.old.source
            } else {
                &diff.new.source
            };
            let _ = writeln!(
                s,
                "<li><code>{}</code> kan inte läsas i <code>{}</code>: {}</li>",
                esc(&n.file),
                esc(source),
                esc(&n.reason)
            );
        }
        s.push_str("</ul>\n");
    }
    for (heading, list) in [
        ("Nya fel och varningar", &diff.new_problems),
        ("Åtgärdade fel och varningar", &diff.resolved_problems),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = write!(s, "<h{level}>{heading}</h{level}>\n<ul>\n");
        for p in list {
            let place = match (&p.file, p.line) {
                (Some(f), Some(l)) => format!(" i <code>{}</code> rad {l}", esc(f)),
                (Some(f), None) => format!(" i <code>{}</code>", esc(f)),
                _ => String::new(),
            };
            let _ = writeln!(
                s,
                "<li>{} {}{place}: <span lang=\"en\">{}</span></li>",
                if p.severity == crate::diagnostic::Severity::Error {
                    "Fel"
                } else {
                    "Varning"
                },
                esc(&p.code),
                esc(&p.message)
            );
        }
        s.push_str("</ul>\n");
    }
    s
}

/// The new overview with its highlights as a PNG, drawn by resvg with the shipped font at
/// twice its size in points; `None` when the new version has no layout (it has errors).
pub fn overview_png(diff: &ModelDiff, new: &Checked) -> Option<Vec<u8>> {
    let (map, layout) = laid_out(new, &map_key(&MapId::Overview))?;
    let (_, marks) = highlights(diff, "overview");
    let svg = map::review_svg(&new.model, map, layout, &marks, "");
    png(&svg, 2.0)
}

/// Rasterises an SVG of ours with the shipped font, scaled by `zoom`.
fn png(svg: &str, zoom: f32) -> Option<Vec<u8>> {
    use crate::layout::text::{BOLD_TTF, FAMILY, REGULAR_TTF};
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_font_data(REGULAR_TTF.to_vec());
    fonts.load_font_data(BOLD_TTF.to_vec());
    fonts.set_sans_serif_family(FAMILY);
    let options = usvg::Options {
        fontdb: std::sync::Arc::new(fonts),
        font_family: FAMILY.to_string(),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).ok()?;
    let size = tree.size().to_int_size().scale_by(zoom)?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(zoom, zoom),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().ok()
}
