//! A Mermaid flowchart, left to right. The overview's lanes are subgraphs; each sub-process
//! is a subgraph with a subgraph per lane inside, reached from the step that opens it by a
//! dotted arrow to its start steps.
//!
//! Identifiers are made by this module (`s12`, `s15_3`, `lane0`, `sub0_lane1`), never taken
//! from user text; every label is a quoted string in which every character that Mermaid or
//! its HTML labels could read as syntax is written as an entity code (`#quot;`, `#lt;` …).

use super::{lanes_of, one_line, LaneSteps};
use crate::model::{Model, ProcessMap, Step, StepKind, StepNr};
use std::fmt::Write;

/// The model as a Mermaid flowchart.
pub fn mermaid(model: &Model) -> String {
    let mut out = String::new();
    // A JSON string is a YAML string: the front matter cannot be broken out of.
    let title = serde_json::to_string(&one_line(&model.overview.title)).expect("a string");
    let _ = writeln!(out, "---\ntitle: {title}\n---");
    out.push_str("flowchart LR\n");
    for (i, lane) in lanes_of(model, &model.overview).iter().enumerate() {
        subgraph(&mut out, &format!("lane{i}"), lane, "  ");
    }
    for (s, map) in model.subprocesses.iter().enumerate() {
        let _ = writeln!(out, "  subgraph sub{s}[\"{}\"]", text(&map.title));
        for (i, lane) in lanes_of(model, map).iter().enumerate() {
            subgraph(&mut out, &format!("sub{s}_lane{i}"), lane, "    ");
        }
        out.push_str("  end\n");
    }
    for map in model.maps() {
        edges(&mut out, map);
    }
    for map in &model.subprocesses {
        if let Some(from) = map.opened_from {
            for start in map.steps.iter().filter(|s| s.kind == StepKind::Start) {
                let _ = writeln!(out, "  {} -.-> {}", id(from), id(start.nr));
            }
        }
    }
    out
}

/// The node id of a step: `s12`, `s15_3`.
pub fn id(nr: StepNr) -> String {
    format!("s{}", nr.to_string().replace('.', "_"))
}

fn subgraph(out: &mut String, id: &str, lane: &LaneSteps, indent: &str) {
    let _ = writeln!(out, "{indent}subgraph {id}[\"{}\"]", text(lane.name()));
    for step in &lane.steps {
        let _ = writeln!(out, "{indent}  {}", node(step));
    }
    let _ = writeln!(out, "{indent}end");
}

fn node(step: &Step) -> String {
    let label = format!("\"{} {}\"", step.nr, text(&step.title));
    let (open, close) = match step.kind {
        StepKind::Start | StepKind::End => ("([", "])"),
        StepKind::Task => ("[", "]"),
        StepKind::Vagval => ("{", "}"),
        StepKind::Subprocess => ("[[", "]]"),
    };
    format!("{}{open}{label}{close}", id(step.nr))
}

fn edges(out: &mut String, map: &ProcessMap) {
    for step in &map.steps {
        for edge in &step.next {
            match &edge.label {
                Some(l) => {
                    let _ = writeln!(
                        out,
                        "  {} -->|\"{}\"| {}",
                        id(step.nr),
                        text(l),
                        id(edge.to)
                    );
                }
                None => {
                    let _ = writeln!(out, "  {} --> {}", id(step.nr), id(edge.to));
                }
            }
        }
    }
}

/// User text for the inside of a quoted Mermaid label: on one line, with every character
/// that could close the string, the shape or the statement, start a comment or an entity,
/// or become HTML written as a Mermaid entity code, and soft hyphens dropped.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(&crate::model::plain(s)).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' | '%' | '|' | '[' | ']' | '(' | ')' | '{' | '}' | '`' | ';' | '\\' => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn labels_drop_soft_hyphens_and_escape_syntax() {
        assert_eq!(
            super::text("Försäkrings\u{ad}kassan [x] \"y\""),
            "Försäkringskassan #91;x#93; #quot;y#quot;"
        );
    }
}
