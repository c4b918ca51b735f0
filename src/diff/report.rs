//! The three forms of a [`ModelDiff`]: text for a terminal, Markdown for a pull-request
//! comment, JSON for other tools.

use super::words::Hunk;
use super::{Change, ModelDiff, Problem};
use crate::diagnostic::Severity;
use crate::i18n::Lang;
use crate::msg;
use std::fmt::Write;

/// The JSON report (see the README).
pub fn json(diff: &ModelDiff) -> String {
    let mut s = serde_json::to_string_pretty(diff).expect("a diff always serializes");
    s.push('\n');
    s
}

/// A changed place as plain text, git word-diff style: `… a b [-old-]{+new+} c d …`.
pub fn plain_hunk(h: &Hunk) -> String {
    hunk(h, |w| w.to_string(), ("[-", "-]"), ("{+", "+}"))
}

/// A changed place as HTML: removed words in `<del>`, added words in `<ins>`, all text
/// escaped.
pub fn html_hunk(h: &Hunk) -> String {
    hunk(
        h,
        crate::render::map::esc,
        ("<del>", "</del>"),
        ("<ins>", "</ins>"),
    )
}

fn markdown_hunk(h: &Hunk) -> String {
    hunk(h, md, ("~~", "~~"), ("**", "**"))
}

fn hunk(h: &Hunk, esc: impl Fn(&str) -> String, del: (&str, &str), ins: (&str, &str)) -> String {
    let mut parts: Vec<String> = Vec::new();
    if h.before.0 {
        parts.push("…".into());
    }
    parts.extend(h.before.1.iter().map(|w| esc(w)));
    let side = |words: &(Vec<String>, bool), mark: (&str, &str)| -> Option<String> {
        if words.0.is_empty() {
            return None;
        }
        let text: Vec<String> = words.0.iter().map(|w| esc(w)).collect();
        let more = if words.1 { " …" } else { "" };
        Some(format!("{}{}{more}{}", mark.0, text.join(" "), mark.1))
    };
    parts.extend(side(&h.removed, del));
    parts.extend(side(&h.added, ins));
    parts.extend(h.after.0.iter().map(|w| esc(w)));
    if h.after.1 {
        parts.push("…".into());
    }
    parts.join(" ")
}

/// Most new (and most resolved) problems listed in a report; `check` lists them all.
const MAX_PROBLEMS: usize = 20;

/// "1 word", "2 words".
fn words(n: usize, lang: Lang) -> String {
    msg!("diff-words", n = n).text(lang)
}

/// The side's folder or revision, from `old` or `new`.
fn side_source<'a>(diff: &'a ModelDiff, side: &str) -> &'a str {
    if side == "old" {
        &diff.old.source
    } else {
        &diff.new.source
    }
}

/// "new error", "resolved warning" and so on: `new` for the new problems.
fn problem_kind(p: &Problem, new: bool, lang: Lang) -> String {
    let m = match (new, p.severity) {
        (true, Severity::Error) => msg!("diff-new-error"),
        (true, Severity::Warning) => msg!("diff-new-warning"),
        (false, Severity::Error) => msg!("diff-resolved-error"),
        (false, Severity::Warning) => msg!("diff-resolved-warning"),
    };
    m.text(lang)
}

fn place(p: &Problem, lang: Lang) -> String {
    match (&p.file, p.line) {
        (Some(f), Some(l)) => format!("{f}:{l}"),
        (Some(f), None) => f.clone(),
        _ => msg!("diff-the-model").text(lang),
    }
}

/// The not-compared files and the new and resolved problems, as text lines.
fn text_findings(diff: &ModelDiff, out: &mut String, lang: Lang) {
    if !diff.not_compared.is_empty() {
        let _ = writeln!(out, "\n{}", msg!("diff-not-compared").text(lang));
        for n in &diff.not_compared {
            let line = msg!(
                "diff-not-compared-file",
                file = &n.file,
                source = side_source(diff, &n.side),
                reason = &n.reason
            );
            let _ = writeln!(out, "  ! {}", line.text(lang));
        }
        let _ = writeln!(out, "  ({})", msg!("diff-not-compared-note").text(lang));
    }
    if !diff.new_problems.is_empty() || !diff.resolved_problems.is_empty() {
        let _ = writeln!(out, "\n{}", msg!("diff-problems").text(lang));
        for (mark, new, list) in [
            ("+", true, &diff.new_problems),
            ("-", false, &diff.resolved_problems),
        ] {
            for p in list.iter().take(MAX_PROBLEMS) {
                let line = msg!(
                    "diff-problem",
                    kind = problem_kind(p, new, lang),
                    code = &p.code,
                    place = place(p, lang),
                    message = &p.message
                );
                let _ = writeln!(out, "  {mark} {}", line.text(lang));
            }
            if list.len() > MAX_PROBLEMS {
                let more = if new {
                    msg!("diff-more-new", n = list.len() - MAX_PROBLEMS)
                } else {
                    msg!("diff-more-resolved", n = list.len() - MAX_PROBLEMS)
                };
                let _ = writeln!(out, "  {}", more.text(lang));
            }
        }
    }
}

/// Kinds of change, for the summary line.
#[derive(Default)]
struct Counts {
    lanes: usize,
    subprocesses: usize,
    steps: usize,
    arrows: usize,
    guidance: usize,
    laws: usize,
}

fn counts(diff: &ModelDiff) -> Counts {
    let mut c = Counts::default();
    for change in &diff.changes {
        match change {
            Change::LaneAdded { .. } | Change::LaneRemoved { .. } | Change::LaneRenamed { .. } => {
                c.lanes += 1
            }
            Change::SubprocessAdded { .. } | Change::SubprocessRemoved { .. } => {
                c.subprocesses += 1
            }
            Change::ArrowAdded { .. }
            | Change::ArrowRemoved { .. }
            | Change::LabelChanged { .. } => c.arrows += 1,
            Change::GuidanceAdded { .. }
            | Change::GuidanceRemoved { .. }
            | Change::GuidanceChanged { .. } => c.guidance += 1,
            Change::CitationAdded { .. }
            | Change::CitationRemoved { .. }
            | Change::LawAdded { .. }
            | Change::LawRemoved { .. }
            | Change::LawChanged { .. } => c.laws += 1,
            _ => c.steps += 1,
        }
    }
    c
}

fn summary(diff: &ModelDiff, lang: Lang) -> String {
    let c = counts(diff);
    let mut parts = Vec::new();
    for (n, part) in [
        (c.steps, msg!("diff-count-steps", n = c.steps)),
        (c.arrows, msg!("diff-count-arrows", n = c.arrows)),
        (
            c.subprocesses,
            msg!("diff-count-subprocesses", n = c.subprocesses),
        ),
        (c.lanes, msg!("diff-count-lanes", n = c.lanes)),
        (c.guidance, msg!("diff-count-guidance", n = c.guidance)),
        (c.laws, msg!("diff-count-laws", n = c.laws)),
    ] {
        if n > 0 {
            parts.push(part.text(lang));
        }
    }
    parts.join(", ")
}

/// The map ids in report order: the overview, then sub-processes by id.
fn map_order(diff: &ModelDiff) -> Vec<String> {
    let mut out = vec!["overview".to_string()];
    for change in &diff.changes {
        if let Some(m) = change.map() {
            if !out.iter().any(|o| o == m) {
                out.push(m.to_string());
            }
        }
    }
    out[1..].sort();
    out
}

fn map_heading(diff: &ModelDiff, key: &str, lang: Lang) -> String {
    let title = diff.maps.get(key).cloned().unwrap_or_default();
    match key.strip_prefix("subprocess:") {
        Some(id) => msg!("diff-heading-subprocess", id = id, title = title).text(lang),
        None => msg!("diff-heading-overview", title = title).text(lang),
    }
}

fn lane_name<'a>(diff: &'a ModelDiff, id: &'a str) -> &'a str {
    diff.lanes.get(id).map_or(id, String::as_str)
}

/// A step number, with its old number when that differs.
fn step_ref(old: &str, new: &str, lang: Lang) -> String {
    if old == new {
        new.to_string()
    } else {
        msg!("diff-step-was", new = new, old = old).text(lang)
    }
}

fn label(l: &Option<String>) -> String {
    l.as_deref().map_or(String::new(), |l| format!(" [{l}]"))
}

fn quoted(l: &Option<String>, lang: Lang) -> String {
    l.as_deref()
        .map_or(msg!("diff-no-label").text(lang), |l| format!("\"{l}\""))
}

fn error_notes(diff: &ModelDiff, lang: Lang) -> Vec<String> {
    [&diff.old, &diff.new]
        .iter()
        .filter(|s| s.errors > 0)
        .map(|s| msg!("diff-side-has-errors", source = &s.source, n = s.errors).text(lang))
        .collect()
}

/// True when a map's changes both renumber steps and remove steps or arrows, so that the
/// report must say that removals are given in the old numbers.
fn old_numbers_note(in_map: &[&Change]) -> bool {
    let renumbered = in_map
        .iter()
        .any(|c| matches!(c, Change::StepRenumbered { .. }));
    let removals = in_map
        .iter()
        .any(|c| matches!(c, Change::StepRemoved { .. } | Change::ArrowRemoved { .. }));
    renumbered && removals
}

/// The report for a terminal.
pub fn text(diff: &ModelDiff, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "processkarta diff: {} → {}",
        diff.old.source, diff.new.source
    );
    let note_word = msg!("diff-note").text(lang);
    for note in error_notes(diff, lang) {
        let _ = writeln!(out, "{note_word}: {note}");
    }
    text_findings(diff, &mut out, lang);
    if diff.is_empty() {
        if out.lines().count() > 1 {
            out.push('\n');
        }
        let _ = writeln!(out, "{}", msg!("diff-no-changes").text(lang));
        return crate::diagnostic::escape_control(&out).into_owned();
    }
    let section = |out: &mut String, title: &str, lines: Vec<String>| {
        if !lines.is_empty() {
            let _ = writeln!(out, "\n{title}");
            for l in lines {
                let _ = writeln!(out, "  {l}");
            }
        }
    };
    let mut lanes = Vec::new();
    let mut subs = Vec::new();
    let mut guidance = Vec::new();
    for change in &diff.changes {
        match change {
            Change::LaneAdded { lane, name } => lanes.push(format!(
                "+ {}",
                msg!("diff-lane-added", lane = lane, name = name).text(lang)
            )),
            Change::LaneRemoved { lane, name } => lanes.push(format!(
                "- {}",
                msg!("diff-lane-removed", lane = lane, name = name).text(lang)
            )),
            Change::LaneRenamed {
                lane,
                old_name,
                new_name,
            } => lanes.push(format!(
                "~ {}",
                msg!(
                    "diff-lane-renamed",
                    lane = lane,
                    old = old_name,
                    new = new_name
                )
                .text(lang)
            )),
            Change::SubprocessAdded {
                map,
                title,
                opened_from,
                steps,
            } => {
                let id = map.trim_start_matches("subprocess:");
                let line = match opened_from {
                    Some(from) => msg!(
                        "diff-subprocess-added-from",
                        id = id,
                        title = title,
                        from = from,
                        steps = *steps
                    ),
                    None => msg!(
                        "diff-subprocess-added",
                        id = id,
                        title = title,
                        steps = *steps
                    ),
                };
                subs.push(format!("+ {}", line.text(lang)))
            }
            Change::SubprocessRemoved {
                map,
                title,
                old_opened_from,
                steps,
            } => {
                let id = map.trim_start_matches("subprocess:");
                let line = match old_opened_from {
                    Some(from) => msg!(
                        "diff-subprocess-removed-from",
                        id = id,
                        title = title,
                        from = from,
                        steps = *steps
                    ),
                    None => msg!(
                        "diff-subprocess-removed",
                        id = id,
                        title = title,
                        steps = *steps
                    ),
                };
                subs.push(format!("- {}", line.text(lang)))
            }
            Change::GuidanceAdded {
                step,
                path,
                words: n,
            } => guidance.push(format!(
                "+ {path}{}: {}",
                step.as_ref().map_or(String::new(), |s| format!(
                    " ({})",
                    msg!("diff-at-step", step = s).text(lang)
                )),
                msg!("diff-guidance-added", words = words(*n, lang)).text(lang)
            )),
            Change::GuidanceRemoved {
                old_step,
                old_path,
                words: n,
            } => guidance.push(format!(
                "- {old_path}{}: {}",
                old_step.as_ref().map_or(String::new(), |s| format!(
                    " ({})",
                    msg!("diff-at-step", step = s).text(lang)
                )),
                msg!("diff-guidance-removed", words = words(*n, lang)).text(lang)
            )),
            Change::GuidanceChanged {
                old_step,
                step,
                old_path,
                path,
                words_added,
                words_removed,
                excerpt,
                ..
            } => {
                let at = match (old_step, step) {
                    (Some(o), Some(n)) => format!(
                        " ({})",
                        msg!("diff-at-step", step = step_ref(o, n, lang)).text(lang)
                    ),
                    _ => String::new(),
                };
                let renamed = if old_path != path {
                    format!(" ({})", msg!("diff-was", old = old_path).text(lang))
                } else {
                    String::new()
                };
                let what = msg!(
                    "diff-guidance-changed",
                    added = words(*words_added, lang),
                    removed = *words_removed
                );
                guidance.push(format!("~ {path}{renamed}{at}: {}", what.text(lang)));
                for e in excerpt {
                    guidance.push(format!("    {e}"));
                }
            }
            _ => {}
        }
    }
    section(&mut out, &msg!("diff-section-lanes").text(lang), lanes);
    section(
        &mut out,
        &msg!("diff-section-subprocesses").text(lang),
        subs,
    );
    for key in map_order(diff) {
        let in_map: Vec<&Change> = diff
            .changes
            .iter()
            .filter(|c| c.map() == Some(key.as_str()))
            .collect();
        let mut lines: Vec<String> = in_map.iter().map(|c| text_line(diff, c, lang)).collect();
        if old_numbers_note(&in_map) {
            lines.push(format!("({})", msg!("diff-old-numbers").text(lang)));
        }
        section(&mut out, &map_heading(diff, &key, lang), lines);
    }
    section(
        &mut out,
        &msg!("diff-section-guidance").text(lang),
        guidance,
    );
    section(
        &mut out,
        &msg!("diff-section-laws").text(lang),
        law_lines(diff, lang),
    );
    let total = msg!(
        "diff-total",
        n = diff.changes.len(),
        summary = summary(diff, lang)
    );
    let _ = writeln!(out, "\n{}", total.text(lang));
    // Titles and labels come from the model: never a raw control character on a terminal.
    crate::diagnostic::escape_control(&out).into_owned()
}

fn text_line(diff: &ModelDiff, change: &Change, lang: Lang) -> String {
    let (mark, line) = match change {
        Change::StepAdded {
            step,
            title,
            lane,
            kind,
            ..
        } => (
            "+",
            msg!(
                "diff-step-added",
                step = step,
                title = title,
                lane = lane_name(diff, lane),
                kind = kind
            ),
        ),
        Change::StepRemoved {
            old_step,
            title,
            lane,
            kind,
            ..
        } => (
            "-",
            msg!(
                "diff-step-removed",
                step = old_step,
                title = title,
                lane = lane_name(diff, lane),
                kind = kind
            ),
        ),
        Change::StepRenumbered {
            old_step,
            step,
            title,
            ..
        } => (
            "~",
            msg!(
                "diff-step-renumbered",
                old = old_step,
                new = step,
                title = title
            ),
        ),
        Change::StepRenamed {
            old_step,
            step,
            old_title,
            new_title,
            ..
        } => (
            "~",
            msg!(
                "diff-step-renamed",
                step = step_ref(old_step, step, lang),
                old = old_title,
                new = new_title
            ),
        ),
        Change::StepMoved {
            old_step,
            step,
            title,
            old_lane,
            new_lane,
            ..
        } => (
            "~",
            msg!(
                "diff-step-moved",
                step = step_ref(old_step, step, lang),
                title = title,
                old = lane_name(diff, old_lane),
                new = lane_name(diff, new_lane)
            ),
        ),
        Change::KindChanged {
            old_step,
            step,
            title,
            old_kind,
            new_kind,
            ..
        } => (
            "~",
            msg!(
                "diff-kind-changed",
                step = step_ref(old_step, step, lang),
                title = title,
                old = old_kind,
                new = new_kind
            ),
        ),
        Change::ContinuationChanged {
            old_step,
            step,
            title,
            old_continues,
            new_continues,
            ..
        } => (
            "~",
            msg!(
                "diff-continuation-changed",
                step = step_ref(old_step, step, lang),
                title = title,
                old = continuation(old_continues, lang),
                new = continuation(new_continues, lang)
            ),
        ),
        Change::AktualiseringAdded {
            old_step,
            step,
            title,
            ..
        } => (
            "~",
            msg!(
                "diff-aktualisering-added",
                step = step_ref(old_step, step, lang),
                title = title
            ),
        ),
        Change::AktualiseringRemoved {
            old_step,
            step,
            title,
            ..
        } => (
            "~",
            msg!(
                "diff-aktualisering-removed",
                step = step_ref(old_step, step, lang),
                title = title
            ),
        ),
        Change::ArrowAdded {
            from,
            from_title,
            to,
            to_title,
            label: l,
            ..
        } => (
            "+",
            msg!(
                "diff-arrow-added",
                from = from,
                from_title = from_title,
                to = to,
                to_title = to_title,
                label = label(l)
            ),
        ),
        Change::ArrowRemoved {
            old_from,
            from_title,
            old_to,
            to_title,
            label: l,
            ..
        } => (
            "-",
            msg!(
                "diff-arrow-removed",
                from = old_from,
                from_title = from_title,
                to = old_to,
                to_title = to_title,
                label = label(l)
            ),
        ),
        Change::LabelChanged {
            from,
            to,
            old_label,
            new_label,
            ..
        } => (
            "~",
            msg!(
                "diff-label-changed",
                from = from,
                to = to,
                old = quoted(old_label, lang),
                new = quoted(new_label, lang)
            ),
        ),
        _ => return String::new(),
    };
    format!("{mark} {}", line.text(lang))
}

/// Where an outcome continues, for the report: "25 (Beviljas), 20", "nowhere (the flow
/// stops)" or "(not said)".
fn continuation(c: &Option<Vec<String>>, lang: Lang) -> String {
    match c {
        None => msg!("diff-continues-not-said").text(lang),
        Some(to) if to.is_empty() => msg!("diff-continues-nowhere").text(lang),
        Some(to) => to.join(", "),
    }
}

/// The citations and lagar.yaml changes, one line each, for the text report.
fn law_lines(diff: &ModelDiff, lang: Lang) -> Vec<String> {
    let page = |step: &Option<String>, path: &str| match step {
        Some(s) => msg!("diff-step-page", step = s, path = path).text(lang),
        None => path.to_string(),
    };
    let mut out = Vec::new();
    for c in &diff.changes {
        match c {
            Change::CitationAdded {
                step,
                path,
                citation,
            } => out.push(format!(
                "+ {}",
                msg!("diff-cites", page = page(step, path), citation = citation).text(lang)
            )),
            Change::CitationRemoved {
                step,
                path,
                citation,
            } => out.push(format!(
                "- {}",
                msg!(
                    "diff-no-longer-cites",
                    page = page(step, path),
                    citation = citation
                )
                .text(lang)
            )),
            Change::LawAdded { law, name } => out.push(format!(
                "+ {}",
                msg!("diff-law", law = law, name = name).text(lang)
            )),
            Change::LawRemoved { law, name } => out.push(format!(
                "- {}",
                msg!("diff-law", law = law, name = name).text(lang)
            )),
            Change::LawChanged {
                law, name, details, ..
            } => {
                out.push(format!(
                    "~ {}",
                    msg!("diff-law", law = law, name = name).text(lang)
                ));
                out.extend(details.iter().map(|d| format!("    {}", d.text(lang))));
            }
            _ => {}
        }
    }
    out
}

/// Escapes text for Markdown (GitHub-flavoured), inline and inside a table cell.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A label given on the command line, as inline code.
fn code(s: &str) -> String {
    let ticks = if s.contains('`') { "`` " } else { "`" };
    let close = if s.contains('`') { " ``" } else { "`" };
    format!("{ticks}{}{close}", s.replace(['\n', '\r'], " "))
}

fn md_step(old: &str, new: &str) -> String {
    if old == new {
        format!("**{}**", md(new))
    } else {
        format!("{} → **{}**", md(old), md(new))
    }
}

fn md_label(l: &Option<String>) -> String {
    l.as_deref().map_or(String::new(), md)
}

/// The report as a pull-request comment.
pub fn markdown(diff: &ModelDiff, lang: Lang) -> String {
    let mut out = String::new();
    let heading = msg!(
        "diff-md-heading",
        old = code(&diff.old.source),
        new = code(&diff.new.source)
    );
    let _ = writeln!(out, "## {}\n", heading.text(lang));
    let notes = error_notes(diff, lang);
    if !notes.is_empty() {
        out.push_str("> [!WARNING]\n");
        for (i, note) in notes.iter().enumerate() {
            if i > 0 {
                out.push_str(">\n");
            }
            let _ = writeln!(out, "> {}", md(note).replace("\\`", "`"));
        }
        out.push('\n');
    }
    md_findings(diff, &mut out, lang);
    if diff.is_empty() {
        let _ = writeln!(out, "{}", msg!("diff-md-no-changes").text(lang));
        return out;
    }
    let total = msg!(
        "diff-md-total",
        n = diff.changes.len(),
        summary = summary(diff, lang)
    );
    let _ = writeln!(out, "{}", total.text(lang));

    let added = msg!("diff-md-added").text(lang);
    let removed = msg!("diff-md-removed").text(lang);
    let mut lanes = Vec::new();
    let mut subs = Vec::new();
    for change in &diff.changes {
        match change {
            Change::LaneAdded { lane, name } => {
                lanes.push(format!("- **{added}** {} ({})", md(name), code(lane)))
            }
            Change::LaneRemoved { lane, name } => {
                lanes.push(format!("- **{removed}** {} ({})", md(name), code(lane)))
            }
            Change::LaneRenamed {
                lane,
                old_name,
                new_name,
            } => lanes.push(format!(
                "- **{}** {} → {} ({})",
                msg!("diff-md-renamed").text(lang),
                md(old_name),
                md(new_name),
                code(lane)
            )),
            Change::SubprocessAdded {
                map,
                title,
                opened_from,
                steps,
            } => subs.push(format!(
                "- **{added}** {} ({}){}, {}",
                md(title),
                code(map.trim_start_matches("subprocess:")),
                opened_from.as_ref().map_or(String::new(), |s| format!(
                    ", {}",
                    msg!("diff-md-opened-from", step = md(s)).text(lang)
                )),
                msg!("diff-steps", n = *steps).text(lang)
            )),
            Change::SubprocessRemoved {
                map,
                title,
                old_opened_from,
                steps,
            } => subs.push(format!(
                "- **{removed}** {} ({}){}, {}",
                md(title),
                code(map.trim_start_matches("subprocess:")),
                old_opened_from.as_ref().map_or(String::new(), |s| format!(
                    ", {}",
                    msg!("diff-md-was-opened-from", step = md(s)).text(lang)
                )),
                msg!("diff-steps", n = *steps).text(lang)
            )),
            _ => {}
        }
    }
    if !lanes.is_empty() {
        let title = msg!("diff-section-lanes").text(lang);
        let _ = writeln!(out, "\n### {title}\n\n{}", lanes.join("\n"));
    }
    if !subs.is_empty() {
        let title = msg!("diff-section-subprocesses").text(lang);
        let _ = writeln!(out, "\n### {title}\n\n{}", subs.join("\n"));
    }

    for key in map_order(diff) {
        let in_map: Vec<&Change> = diff
            .changes
            .iter()
            .filter(|c| c.map() == Some(key.as_str()))
            .collect();
        if in_map.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {}", md(&map_heading(diff, &key, lang)));
        let steps: Vec<String> = in_map
            .iter()
            .filter_map(|c| md_step_row(diff, c, lang))
            .collect();
        if !steps.is_empty() {
            let _ = writeln!(
                out,
                "\n| {} |\n|---|---|---|\n{}",
                msg!("diff-md-step-columns").text(lang),
                steps.join("\n")
            );
        }
        let arrows: Vec<String> = in_map
            .iter()
            .filter_map(|c| md_arrow_row(c, lang))
            .collect();
        if !arrows.is_empty() {
            let _ = writeln!(
                out,
                "\n| {} |\n|---|---|---|\n{}",
                msg!("diff-md-arrow-columns").text(lang),
                arrows.join("\n")
            );
        }
        if old_numbers_note(&in_map) {
            let _ = writeln!(out, "\n_{}._", msg!("diff-md-old-numbers").text(lang));
        }
    }

    let guidance: Vec<String> = diff
        .changes
        .iter()
        .filter_map(|c| md_guidance(c, lang))
        .collect();
    if !guidance.is_empty() {
        let _ = writeln!(
            out,
            "\n### {}\n\n| {} |\n|---|---|---|\n{}",
            msg!("diff-section-guidance").text(lang),
            msg!("diff-md-guidance-columns").text(lang),
            guidance.join("\n")
        );
    }
    let laws = law_lines(diff, lang);
    if !laws.is_empty() {
        let items: Vec<String> = laws
            .iter()
            .map(|l| match l.strip_prefix("    ") {
                Some(detail) => format!("  - {}", md(detail)),
                None => format!("- {}", md(l)),
            })
            .collect();
        let _ = writeln!(
            out,
            "\n### {}\n\n{}",
            msg!("diff-section-laws").text(lang),
            items.join("\n")
        );
    }
    out
}

/// The closing line of a pull-request comment: a link to the review page at `url` (the
/// `--format html` page wherever the workflow put it), with how to open it.
pub fn review_link(url: &str, lang: Lang) -> String {
    // The address goes inside `(…)`: what would end it or break the line is encoded.
    let mut safe = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => safe.push_str("%20"),
            '(' => safe.push_str("%28"),
            ')' => safe.push_str("%29"),
            '<' => safe.push_str("%3C"),
            '>' => safe.push_str("%3E"),
            c if c.is_control() => {}
            c => safe.push(c),
        }
    }
    format!("\n{}\n", msg!("diff-review-link", url = safe).text(lang))
}

/// The not-compared files as a caution, and the new and resolved problems as a table, at
/// the top of the comment where a reviewer sees them first.
fn md_findings(diff: &ModelDiff, out: &mut String, lang: Lang) {
    if !diff.not_compared.is_empty() {
        out.push_str("> [!CAUTION]\n");
        for n in &diff.not_compared {
            let line = msg!(
                "diff-md-not-compared",
                file = code(&n.file),
                source = code(side_source(diff, &n.side)),
                reason = md(&n.reason)
            );
            let _ = writeln!(out, "> {}  ", line.text(lang));
        }
        let _ = writeln!(out, "> {}\n", msg!("diff-md-not-compared-note").text(lang));
    }
    if diff.new_problems.is_empty() && diff.resolved_problems.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "| {} |\n|---|---|---|---|",
        msg!("diff-md-problem-columns").text(lang)
    );
    for (new, list) in [(true, &diff.new_problems), (false, &diff.resolved_problems)] {
        if list.len() > MAX_PROBLEMS {
            let (what, more) = if new {
                (
                    msg!("diff-md-new"),
                    msg!("diff-md-more", n = list.len() - MAX_PROBLEMS),
                )
            } else {
                (
                    msg!("diff-md-resolved"),
                    msg!("diff-md-more", n = list.len() - MAX_PROBLEMS),
                )
            };
            let _ = writeln!(out, "| {} | | {} | |", what.text(lang), more.text(lang));
        }
        for p in list.iter().take(MAX_PROBLEMS) {
            let label = problem_kind(p, new, lang);
            let label = if new { format!("**{label}**") } else { label };
            let _ = writeln!(
                out,
                "| {label} | {} | {} | {} |",
                p.code,
                md(&p.message),
                match (&p.file, p.line) {
                    (Some(f), Some(l)) => msg!("diff-md-line", file = code(f), line = l).text(lang),
                    (Some(f), None) => code(f),
                    _ => msg!("diff-the-model").text(lang),
                }
            );
        }
    }
    out.push('\n');
}

fn md_step_row(diff: &ModelDiff, change: &Change, lang: Lang) -> Option<String> {
    let lane = |id: &str| format!("*{}*", md(lane_name(diff, id)));
    let row = |nr: String, title: &str, what: crate::i18n::Msg| {
        format!("| {nr} | {} | {} |", md(title), what.text(lang))
    };
    Some(match change {
        Change::StepAdded {
            step,
            title,
            lane: l,
            kind,
            ..
        } => row(
            format!("**{}**", md(step)),
            title,
            msg!("diff-md-step-added", lane = lane(l), kind = kind),
        ),
        Change::StepRemoved {
            old_step,
            title,
            lane: l,
            kind,
            ..
        } => row(
            format!("~~{}~~", md(old_step)),
            title,
            msg!("diff-md-step-removed", lane = lane(l), kind = kind),
        ),
        Change::StepRenumbered {
            old_step,
            step,
            title,
            ..
        } => row(md_step(old_step, step), title, msg!("diff-md-renumbered")),
        Change::StepRenamed {
            old_step,
            step,
            old_title,
            new_title,
            ..
        } => row(
            md_step(old_step, step),
            new_title,
            msg!("diff-md-renamed-from", old = md(old_title)),
        ),
        Change::StepMoved {
            old_step,
            step,
            title,
            old_lane,
            new_lane,
            ..
        } => row(
            md_step(old_step, step),
            title,
            msg!("diff-md-moved", old = lane(old_lane), new = lane(new_lane)),
        ),
        Change::KindChanged {
            old_step,
            step,
            title,
            old_kind,
            new_kind,
            ..
        } => row(
            md_step(old_step, step),
            title,
            msg!("diff-md-kind", old = old_kind, new = new_kind),
        ),
        Change::ContinuationChanged {
            old_step,
            step,
            title,
            old_continues,
            new_continues,
            ..
        } => row(
            md_step(old_step, step),
            title,
            msg!(
                "diff-md-continues",
                old = md(&continuation(old_continues, lang)),
                new = md(&continuation(new_continues, lang))
            ),
        ),
        Change::AktualiseringAdded {
            old_step,
            step,
            title,
            ..
        } => row(
            md_step(old_step, step),
            title,
            msg!("diff-md-aktualisering-added"),
        ),
        Change::AktualiseringRemoved {
            old_step,
            step,
            title,
            ..
        } => row(
            md_step(old_step, step),
            title,
            msg!("diff-md-aktualisering-removed"),
        ),
        _ => return None,
    })
}

fn md_arrow_row(change: &Change, lang: Lang) -> Option<String> {
    let ends = |f: &str, ft: &str, t: &str, tt: &str| {
        format!("**{}** {} → **{}** {}", md(f), md(ft), md(t), md(tt))
    };
    Some(match change {
        Change::ArrowAdded {
            from,
            from_title,
            to,
            to_title,
            label,
            ..
        } => format!(
            "| {} | {} | **{}** |",
            ends(from, from_title, to, to_title),
            md_label(label),
            msg!("diff-md-added").text(lang)
        ),
        Change::ArrowRemoved {
            old_from,
            from_title,
            old_to,
            to_title,
            label,
            ..
        } => format!(
            "| {} | {} | **{}** |",
            ends(old_from, from_title, old_to, to_title),
            md_label(label),
            msg!("diff-md-removed").text(lang)
        ),
        Change::LabelChanged {
            from,
            from_title,
            to,
            to_title,
            old_label,
            new_label,
            ..
        } => {
            let none = msg!("diff-md-none").text(lang);
            let old = old_label
                .as_deref()
                .map_or(none.clone(), |l| format!("~~{}~~", md(l)));
            let new = new_label.as_deref().map_or(none, md);
            format!(
                "| {} | {old} → {new} | **{}** |",
                ends(from, from_title, to, to_title),
                msg!("diff-md-label-changed").text(lang)
            )
        }
        _ => return None,
    })
}

/// One row of the guidance table: the step, the page and what changed, with the changed
/// places as the text reads (struck out and in bold), not as Markdown source.
fn md_guidance(change: &Change, lang: Lang) -> Option<String> {
    let step = |s: &Option<String>| s.as_ref().map_or("–".into(), |s| format!("**{}**", md(s)));
    Some(match change {
        Change::GuidanceAdded {
            step: s,
            path,
            words: n,
        } => format!(
            "| {} | {} | **{}**, {} |",
            step(s),
            code(path),
            msg!("diff-md-added").text(lang),
            words(*n, lang)
        ),
        Change::GuidanceRemoved {
            old_step,
            old_path,
            words: n,
        } => {
            let nr = old_step
                .as_ref()
                .map_or("–".into(), |s| format!("~~{}~~", md(s)));
            format!(
                "| {nr} | {} | **{}**, {} |",
                code(old_path),
                msg!("diff-md-removed").text(lang),
                words(*n, lang)
            )
        }
        Change::GuidanceChanged {
            old_step,
            step: s,
            old_path,
            path,
            words_added,
            words_removed,
            hunks,
            ..
        } => {
            let nr = match (old_step, s) {
                (Some(o), Some(n)) if o != n => md_step(o, n),
                (_, s) => step(s),
            };
            let renamed = if old_path != path {
                format!(" ({})", msg!("diff-was", old = code(old_path)).text(lang))
            } else {
                String::new()
            };
            let places = if hunks.is_empty() {
                msg!("diff-md-only-marks").text(lang)
            } else {
                hunks
                    .iter()
                    .map(markdown_hunk)
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            let what = msg!(
                "diff-guidance-changed",
                added = words(*words_added, lang),
                removed = *words_removed
            );
            format!(
                "| {nr} | {}{renamed} | {}: {places} |",
                code(path),
                what.text(lang)
            )
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown() {
        assert_eq!(md("a|b *c* <x>"), "a\\|b \\*c\\* &lt;x&gt;");
    }
}
