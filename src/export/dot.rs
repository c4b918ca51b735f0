//! Graphviz DOT: one directed graph, left to right. The overview's lanes are clusters; each
//! sub-process is a cluster of its own with a cluster per lane inside, reached from the step
//! that opens it by a dashed arrow to its start steps.

use super::{lanes_of, LaneSteps};
use crate::model::{Model, ProcessMap, Step, StepKind};
use std::fmt::Write;

/// The model as a DOT graph.
pub fn dot(model: &Model) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph processkarta {{");
    let _ = writeln!(out, "  label={};", quote(&model.overview.title));
    out.push_str("  labelloc=t;\n  rankdir=LR;\n  compound=true;\n");
    out.push_str("  node [fontname=\"Noto Sans\", shape=box, style=rounded];\n");
    out.push_str("  edge [fontname=\"Noto Sans\"];\n");
    for (i, lane) in lanes_of(model, &model.overview).iter().enumerate() {
        cluster(&mut out, &format!("cluster_lane_{i}"), lane, "  ");
    }
    for (s, map) in model.subprocesses.iter().enumerate() {
        let _ = writeln!(out, "  subgraph cluster_sub_{s} {{");
        let _ = writeln!(out, "    label={};", quote(&map.title));
        out.push_str("    style=dashed;\n");
        for (i, lane) in lanes_of(model, map).iter().enumerate() {
            cluster(&mut out, &format!("cluster_sub_{s}_lane_{i}"), lane, "    ");
        }
        out.push_str("  }\n");
    }
    for map in model.maps() {
        edges(&mut out, map);
    }
    for map in &model.subprocesses {
        if let Some(from) = map.opened_from {
            for start in map.steps.iter().filter(|s| s.kind == StepKind::Start) {
                let _ = writeln!(
                    out,
                    "  {} -> {} [style=dashed];",
                    quote(&from.to_string()),
                    quote(&start.nr.to_string())
                );
            }
        }
    }
    out.push_str("}\n");
    out
}

fn cluster(out: &mut String, id: &str, lane: &LaneSteps, indent: &str) {
    let _ = writeln!(out, "{indent}subgraph {id} {{");
    let _ = writeln!(out, "{indent}  label={};", quote(lane.name()));
    for step in &lane.steps {
        let _ = writeln!(out, "{indent}  {};", node(step));
    }
    let _ = writeln!(out, "{indent}}}");
}

fn node(step: &Step) -> String {
    let nr = step.nr.to_string();
    let shape = match step.kind {
        StepKind::Start => "shape=ellipse, style=solid",
        StepKind::End => "shape=ellipse, style=solid, peripheries=2",
        StepKind::Task => "shape=box",
        StepKind::Vagval => "shape=diamond, style=solid",
        StepKind::Subprocess => "shape=box, peripheries=2",
    };
    let bold = if step.aktualisering {
        ", penwidth=2"
    } else {
        ""
    };
    format!(
        "{} [label={}, {shape}{bold}]",
        quote(&nr),
        quote(&format!("{nr}\n{}", step.title))
    )
}

fn edges(out: &mut String, map: &ProcessMap) {
    for step in &map.steps {
        for edge in &step.next {
            let label = edge
                .label
                .as_ref()
                .map_or(String::new(), |l| format!(" [label={}]", quote(l)));
            let _ = writeln!(
                out,
                "  {} -> {}{label};",
                quote(&step.nr.to_string()),
                quote(&edge.to.to_string())
            );
        }
    }
}

/// A DOT double-quoted string. Backslashes are doubled so that no escape sequence of
/// Graphviz (`\N`, `\G`, `\l` …) reaches the label; a line break becomes `\n`, the only
/// escape this module writes; other control characters become spaces and soft hyphens
/// are dropped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in crate::model::plain(s).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_escapes_and_drops_soft_hyphens() {
        assert_eq!(
            super::quote("Arbets\u{ad}förmedlingen \"AF\"\\n\n"),
            "\"Arbetsförmedlingen \\\"AF\\\"\\\\n\\n\""
        );
    }
}
