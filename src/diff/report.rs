//! The three forms of a [`ModelDiff`]: text for a terminal, Markdown for a pull-request
//! comment, JSON for other tools.

use super::words::Hunk;
use super::{Change, ModelDiff, Problem};
use crate::diagnostic::Severity;
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
fn words(n: usize) -> String {
    format!("{n} word{}", if n == 1 { "" } else { "s" })
}

/// The side's folder or revision, from `old` or `new`.
fn side_source<'a>(diff: &'a ModelDiff, side: &str) -> &'a str {
    if side == "old" {
        &diff.old.source
    } else {
        &diff.new.source
    }
}

fn severity(p: &Problem) -> &'static str {
    match p.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn place(p: &Problem) -> String {
    match (&p.file, p.line) {
        (Some(f), Some(l)) => format!("{f}:{l}"),
        (Some(f), None) => f.clone(),
        _ => "the model".into(),
    }
}

/// The not-compared files and the new and resolved problems, as text lines.
fn text_findings(diff: &ModelDiff, out: &mut String) {
    if !diff.not_compared.is_empty() {
        let _ = writeln!(out, "\nNot compared");
        for n in &diff.not_compared {
            let _ = writeln!(
                out,
                "  ! {}: cannot be read in {}: {}",
                n.file,
                side_source(diff, &n.side),
                n.reason
            );
        }
        let _ = writeln!(
            out,
            "  (what these files hold is left out of both versions until they can be read)"
        );
    }
    if !diff.new_problems.is_empty() || !diff.resolved_problems.is_empty() {
        let _ = writeln!(out, "\nErrors and warnings of check");
        for (mark, what, list) in [
            ("+", "new", &diff.new_problems),
            ("-", "resolved", &diff.resolved_problems),
        ] {
            for p in list.iter().take(MAX_PROBLEMS) {
                let _ = writeln!(
                    out,
                    "  {mark} {what} {} {} at {}: {}",
                    severity(p),
                    p.code,
                    place(p),
                    p.message
                );
            }
            if list.len() > MAX_PROBLEMS {
                let _ = writeln!(
                    out,
                    "  … and {} more {what} (`processkarta check` lists them all)",
                    list.len() - MAX_PROBLEMS
                );
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

fn summary(diff: &ModelDiff) -> String {
    let c = counts(diff);
    let mut parts = Vec::new();
    for (n, one, many) in [
        (c.steps, "step change", "step changes"),
        (c.arrows, "arrow change", "arrow changes"),
        (c.subprocesses, "sub-process change", "sub-process changes"),
        (c.lanes, "lane change", "lane changes"),
        (c.guidance, "guidance page", "guidance pages"),
        (c.laws, "legal reference change", "legal reference changes"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {}", if n == 1 { one } else { many }));
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

fn map_heading(diff: &ModelDiff, key: &str) -> String {
    let title = diff.maps.get(key).cloned().unwrap_or_default();
    match key.strip_prefix("subprocess:") {
        Some(id) => format!("Sub-process {id}: {title}"),
        None => format!("Overview: {title}"),
    }
}

fn lane_name<'a>(diff: &'a ModelDiff, id: &'a str) -> &'a str {
    diff.lanes.get(id).map_or(id, String::as_str)
}

/// A step number, with its old number when that differs.
fn step_ref(old: &str, new: &str) -> String {
    if old == new {
        new.to_string()
    } else {
        format!("{new} (was {old})")
    }
}

fn label(l: &Option<String>) -> String {
    l.as_deref().map_or(String::new(), |l| format!(" [{l}]"))
}

fn quoted(l: &Option<String>) -> String {
    l.as_deref()
        .map_or("no label".into(), |l| format!("\"{l}\""))
}

fn error_notes(diff: &ModelDiff) -> Vec<String> {
    [&diff.old, &diff.new]
        .iter()
        .filter(|s| s.errors > 0)
        .map(|s| {
            format!(
                "{} has {} error{}; it is compared as far as it could be read (run `processkarta check` for details)",
                s.source,
                s.errors,
                if s.errors == 1 { "" } else { "s" }
            )
        })
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
pub fn text(diff: &ModelDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "processkarta diff: {} → {}",
        diff.old.source, diff.new.source
    );
    for note in error_notes(diff) {
        let _ = writeln!(out, "note: {note}");
    }
    text_findings(diff, &mut out);
    if diff.is_empty() {
        if out.lines().count() > 1 {
            out.push('\n');
        }
        out.push_str("no changes\n");
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
            Change::LaneAdded { lane, name } => {
                lanes.push(format!("+ lane {lane} \"{name}\" added"))
            }
            Change::LaneRemoved { lane, name } => {
                lanes.push(format!("- lane {lane} \"{name}\" removed"))
            }
            Change::LaneRenamed {
                lane,
                old_name,
                new_name,
            } => lanes.push(format!(
                "~ lane {lane} renamed \"{old_name}\" → \"{new_name}\""
            )),
            Change::SubprocessAdded {
                map,
                title,
                opened_from,
                steps,
            } => subs.push(format!(
                "+ {} \"{title}\" added{}, {steps} steps",
                map.replace(':', " "),
                opened_from
                    .as_ref()
                    .map_or(String::new(), |s| format!(", opened from step {s}"))
            )),
            Change::SubprocessRemoved {
                map,
                title,
                old_opened_from,
                steps,
            } => subs.push(format!(
                "- {} \"{title}\" removed{}, {steps} steps",
                map.replace(':', " "),
                old_opened_from
                    .as_ref()
                    .map_or(String::new(), |s| format!(", was opened from step {s}"))
            )),
            Change::GuidanceAdded {
                step,
                path,
                words: n,
            } => guidance.push(format!(
                "+ {path}{}: added, {}",
                step.as_ref()
                    .map_or(String::new(), |s| format!(" (step {s})")),
                words(*n)
            )),
            Change::GuidanceRemoved {
                old_step,
                old_path,
                words: n,
            } => guidance.push(format!(
                "- {old_path}{}: removed, {}",
                old_step
                    .as_ref()
                    .map_or(String::new(), |s| format!(" (step {s})")),
                words(*n)
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
                    (Some(o), Some(n)) => format!(" (step {})", step_ref(o, n)),
                    _ => String::new(),
                };
                let renamed = if old_path != path {
                    format!(" (was {old_path})")
                } else {
                    String::new()
                };
                guidance.push(format!(
                    "~ {path}{renamed}{at}: {} added, {words_removed} removed",
                    words(*words_added)
                ));
                for e in excerpt {
                    guidance.push(format!("    {e}"));
                }
            }
            _ => {}
        }
    }
    section(&mut out, "Lanes", lanes);
    section(&mut out, "Sub-processes", subs);
    for key in map_order(diff) {
        let in_map: Vec<&Change> = diff
            .changes
            .iter()
            .filter(|c| c.map() == Some(key.as_str()))
            .collect();
        let mut lines: Vec<String> = in_map.iter().map(|c| text_line(diff, c)).collect();
        if old_numbers_note(&in_map) {
            lines.push("(removed steps and arrows carry their old numbers)".into());
        }
        section(&mut out, &map_heading(diff, &key), lines);
    }
    section(&mut out, "Guidance", guidance);
    section(&mut out, "Legal references", law_lines(diff));
    let n = diff.changes.len();
    let _ = writeln!(
        out,
        "\n{n} change{}: {}",
        if n == 1 { "" } else { "s" },
        summary(diff)
    );
    // Titles and labels come from the model: never a raw control character on a terminal.
    crate::diagnostic::escape_control(&out).into_owned()
}

fn text_line(diff: &ModelDiff, change: &Change) -> String {
    match change {
        Change::StepAdded {
            step,
            title,
            lane,
            kind,
            ..
        } => format!(
            "+ step {step} \"{title}\" added in {} ({kind})",
            lane_name(diff, lane)
        ),
        Change::StepRemoved {
            old_step,
            title,
            lane,
            kind,
            ..
        } => format!(
            "- step {old_step} \"{title}\" removed from {} ({kind})",
            lane_name(diff, lane)
        ),
        Change::StepRenumbered {
            old_step,
            step,
            title,
            ..
        } => {
            format!("~ step {old_step} → {step} \"{title}\" renumbered")
        }
        Change::StepRenamed {
            old_step,
            step,
            old_title,
            new_title,
            ..
        } => format!(
            "~ step {} renamed \"{old_title}\" → \"{new_title}\"",
            step_ref(old_step, step)
        ),
        Change::StepMoved {
            old_step,
            step,
            title,
            old_lane,
            new_lane,
            ..
        } => format!(
            "~ step {} \"{title}\" moved from {} to {}",
            step_ref(old_step, step),
            lane_name(diff, old_lane),
            lane_name(diff, new_lane)
        ),
        Change::KindChanged {
            old_step,
            step,
            title,
            old_kind,
            new_kind,
            ..
        } => format!(
            "~ step {} \"{title}\" kind {old_kind} → {new_kind}",
            step_ref(old_step, step)
        ),
        Change::ContinuationChanged {
            old_step,
            step,
            title,
            old_continues,
            new_continues,
            ..
        } => format!(
            "~ step {} \"{title}\" continues {} → {}",
            step_ref(old_step, step),
            continuation(old_continues),
            continuation(new_continues)
        ),
        Change::AktualiseringAdded {
            old_step,
            step,
            title,
            ..
        } => format!(
            "~ step {} \"{title}\" aktualisering added",
            step_ref(old_step, step)
        ),
        Change::AktualiseringRemoved {
            old_step,
            step,
            title,
            ..
        } => format!(
            "~ step {} \"{title}\" aktualisering removed",
            step_ref(old_step, step)
        ),
        Change::ArrowAdded {
            from,
            from_title,
            to,
            to_title,
            label: l,
            ..
        } => format!(
            "+ arrow {from} \"{from_title}\" → {to} \"{to_title}\"{}",
            label(l)
        ),
        Change::ArrowRemoved {
            old_from,
            from_title,
            old_to,
            to_title,
            label: l,
            ..
        } => format!(
            "- arrow {old_from} \"{from_title}\" → {old_to} \"{to_title}\"{}",
            label(l)
        ),
        Change::LabelChanged {
            from,
            to,
            old_label,
            new_label,
            ..
        } => format!(
            "~ arrow {from} → {to} label {} → {}",
            quoted(old_label),
            quoted(new_label)
        ),
        _ => String::new(),
    }
}

/// Where an outcome continues, for the report: "25 (Beviljas), 20", "nowhere (the flow
/// stops)" or "(not said)".
fn continuation(c: &Option<Vec<String>>) -> String {
    match c {
        None => "(not said)".into(),
        Some(to) if to.is_empty() => "nowhere (the flow stops)".into(),
        Some(to) => to.join(", "),
    }
}

/// The citations and lagar.yaml changes, one line each, for the text report.
fn law_lines(diff: &ModelDiff) -> Vec<String> {
    let page = |step: &Option<String>, path: &str| match step {
        Some(s) => format!("step {s} ({path})"),
        None => path.to_string(),
    };
    let mut out = Vec::new();
    for c in &diff.changes {
        match c {
            Change::CitationAdded {
                step,
                path,
                citation,
            } => out.push(format!("+ {} cites {citation}", page(step, path))),
            Change::CitationRemoved {
                step,
                path,
                citation,
            } => out.push(format!("- {} no longer cites {citation}", page(step, path))),
            Change::LawAdded { law, name } => out.push(format!("+ law {law}: {name}")),
            Change::LawRemoved { law, name } => out.push(format!("- law {law}: {name}")),
            Change::LawChanged { law, name, what } => {
                out.push(format!("~ law {law}: {name}"));
                out.extend(what.iter().map(|w| format!("    {w}")));
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
pub fn markdown(diff: &ModelDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Process changes: {} → {}\n",
        code(&diff.old.source),
        code(&diff.new.source)
    );
    let notes = error_notes(diff);
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
    md_findings(diff, &mut out);
    if diff.is_empty() {
        out.push_str("No changes to the process or its guidance.\n");
        return out;
    }
    let n = diff.changes.len();
    let _ = writeln!(
        out,
        "**{n} change{}**: {}.",
        if n == 1 { "" } else { "s" },
        summary(diff)
    );

    let mut lanes = Vec::new();
    let mut subs = Vec::new();
    for change in &diff.changes {
        match change {
            Change::LaneAdded { lane, name } => {
                lanes.push(format!("- **added** {} ({})", md(name), code(lane)))
            }
            Change::LaneRemoved { lane, name } => {
                lanes.push(format!("- **removed** {} ({})", md(name), code(lane)))
            }
            Change::LaneRenamed {
                lane,
                old_name,
                new_name,
            } => lanes.push(format!(
                "- **renamed** {} → {} ({})",
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
                "- **added** {} ({}){}, {steps} steps",
                md(title),
                code(map.trim_start_matches("subprocess:")),
                opened_from.as_ref().map_or(String::new(), |s| format!(
                    ", opened from step **{}**",
                    md(s)
                ))
            )),
            Change::SubprocessRemoved {
                map,
                title,
                old_opened_from,
                steps,
            } => subs.push(format!(
                "- **removed** {} ({}){}, {steps} steps",
                md(title),
                code(map.trim_start_matches("subprocess:")),
                old_opened_from.as_ref().map_or(String::new(), |s| format!(
                    ", was opened from step {}",
                    md(s)
                ))
            )),
            _ => {}
        }
    }
    if !lanes.is_empty() {
        let _ = writeln!(out, "\n### Lanes\n\n{}", lanes.join("\n"));
    }
    if !subs.is_empty() {
        let _ = writeln!(out, "\n### Sub-processes\n\n{}", subs.join("\n"));
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
        let _ = writeln!(out, "\n### {}", md(&map_heading(diff, &key)));
        let steps: Vec<String> = in_map.iter().filter_map(|c| md_step_row(diff, c)).collect();
        if !steps.is_empty() {
            let _ = writeln!(
                out,
                "\n| Step | Title | Change |\n|---|---|---|\n{}",
                steps.join("\n")
            );
        }
        let arrows: Vec<String> = in_map.iter().filter_map(|c| md_arrow_row(c)).collect();
        if !arrows.is_empty() {
            let _ = writeln!(
                out,
                "\n| Arrow | Label | Change |\n|---|---|---|\n{}",
                arrows.join("\n")
            );
        }
        if old_numbers_note(&in_map) {
            out.push_str("\n_Removed steps and arrows carry their old numbers._\n");
        }
    }

    let guidance: Vec<String> = diff.changes.iter().filter_map(md_guidance).collect();
    if !guidance.is_empty() {
        let _ = writeln!(
            out,
            "\n### Guidance\n\n| Step | Page | Change |\n|---|---|---|\n{}",
            guidance.join("\n")
        );
    }
    let laws = law_lines(diff);
    if !laws.is_empty() {
        let items: Vec<String> = laws
            .iter()
            .map(|l| match l.strip_prefix("    ") {
                Some(detail) => format!("  - {}", md(detail)),
                None => format!("- {}", md(l)),
            })
            .collect();
        let _ = writeln!(out, "\n### Legal references\n\n{}", items.join("\n"));
    }
    out
}

/// The not-compared files as a caution, and the new and resolved problems as a table, at
/// the top of the comment where a reviewer sees them first.
fn md_findings(diff: &ModelDiff, out: &mut String) {
    if !diff.not_compared.is_empty() {
        out.push_str("> [!CAUTION]\n");
        for n in &diff.not_compared {
            let _ = writeln!(
                out,
                "> **Not compared:** {} cannot be read in {}: {}  ",
                code(&n.file),
                code(side_source(diff, &n.side)),
                md(&n.reason)
            );
        }
        out.push_str(
            "> What these files hold is left out of both versions until they can be read.\n\n",
        );
    }
    if diff.new_problems.is_empty() && diff.resolved_problems.is_empty() {
        return;
    }
    out.push_str("| Check | Code | Problem | Where |\n|---|---|---|---|\n");
    for (what, list) in [
        ("new", &diff.new_problems),
        ("resolved", &diff.resolved_problems),
    ] {
        if list.len() > MAX_PROBLEMS {
            let _ = writeln!(
                out,
                "| {what} | | … and {} more (`processkarta check` lists them all) | |",
                list.len() - MAX_PROBLEMS
            );
        }
        for p in list.iter().take(MAX_PROBLEMS) {
            let label = format!("{what} {}", severity(p));
            let label = if what == "new" {
                format!("**{label}**")
            } else {
                label
            };
            let _ = writeln!(
                out,
                "| {label} | {} | {} | {} |",
                p.code,
                md(&p.message),
                match (&p.file, p.line) {
                    (Some(f), Some(l)) => format!("{} line {l}", code(f)),
                    (Some(f), None) => code(f),
                    _ => "the model".into(),
                }
            );
        }
    }
    out.push('\n');
}

fn md_step_row(diff: &ModelDiff, change: &Change) -> Option<String> {
    let lane = |id: &str| format!("*{}*", md(lane_name(diff, id)));
    let row = |nr: String, title: &str, what: String| format!("| {nr} | {} | {what} |", md(title));
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
            format!("**added** in {} (`{kind}`)", lane(l)),
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
            format!("**removed** from {} (`{kind}`)", lane(l)),
        ),
        Change::StepRenumbered {
            old_step,
            step,
            title,
            ..
        } => row(md_step(old_step, step), title, "**renumbered**".into()),
        Change::StepRenamed {
            old_step,
            step,
            old_title,
            new_title,
            ..
        } => row(
            md_step(old_step, step),
            new_title,
            format!("**renamed** from “{}”", md(old_title)),
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
            format!("**moved** from {} to {}", lane(old_lane), lane(new_lane)),
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
            format!("**kind** `{old_kind}` → `{new_kind}`"),
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
            format!(
                "**continues** {} → {}",
                md(&continuation(old_continues)),
                md(&continuation(new_continues))
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
            "**aktualisering** added".into(),
        ),
        Change::AktualiseringRemoved {
            old_step,
            step,
            title,
            ..
        } => row(
            md_step(old_step, step),
            title,
            "**aktualisering** removed".into(),
        ),
        _ => return None,
    })
}

fn md_arrow_row(change: &Change) -> Option<String> {
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
            "| {} | {} | **added** |",
            ends(from, from_title, to, to_title),
            md_label(label)
        ),
        Change::ArrowRemoved {
            old_from,
            from_title,
            old_to,
            to_title,
            label,
            ..
        } => format!(
            "| {} | {} | **removed** |",
            ends(old_from, from_title, old_to, to_title),
            md_label(label)
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
            let old = old_label
                .as_deref()
                .map_or("(none)".into(), |l| format!("~~{}~~", md(l)));
            let new = new_label.as_deref().map_or("(none)".into(), md);
            format!(
                "| {} | {old} → {new} | **label changed** |",
                ends(from, from_title, to, to_title)
            )
        }
        _ => return None,
    })
}

/// One row of the guidance table: the step, the page and what changed, with the changed
/// places as the text reads (struck out and in bold), not as Markdown source.
fn md_guidance(change: &Change) -> Option<String> {
    let step = |s: &Option<String>| s.as_ref().map_or("–".into(), |s| format!("**{}**", md(s)));
    Some(match change {
        Change::GuidanceAdded {
            step: s,
            path,
            words: n,
        } => format!(
            "| {} | {} | **added**, {} |",
            step(s),
            code(path),
            words(*n)
        ),
        Change::GuidanceRemoved {
            old_step,
            old_path,
            words: n,
        } => {
            let nr = old_step
                .as_ref()
                .map_or("–".into(), |s| format!("~~{}~~", md(s)));
            format!("| {nr} | {} | **removed**, {} |", code(old_path), words(*n))
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
                format!(" (was {})", code(old_path))
            } else {
                String::new()
            };
            let places = if hunks.is_empty() {
                "only Markdown marks or link targets changed".to_string()
            } else {
                hunks
                    .iter()
                    .map(markdown_hunk)
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            format!(
                "| {nr} | {}{renamed} | {} added, {words_removed} removed: {places} |",
                code(path),
                words(*words_added)
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
