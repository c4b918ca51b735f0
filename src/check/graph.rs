//! Rules on the process graph of one map: start and end, arrows, reachability, loops,
//! vägval and reading order.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{MapId, Model, ProcessMap, StepKind};
use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Bfs, Reversed};
use std::collections::HashSet;

/// Checks one map. When some of its steps could not be read, the rules on the whole graph
/// (start, end, reachability, loops, reading order) are follow-ons of that cause.
pub fn check_map(model: &Model, map: &ProcessMap, diags: &mut Vec<Diagnostic>) {
    let sub = match &map.id {
        MapId::Overview => None,
        MapId::Sub(id) => Some(id.as_str()),
    };
    let where_ = match sub {
        None => "the overview".to_string(),
        Some(id) => format!("sub-process `{id}`"),
    };
    let incomplete = model.losses.map(sub);
    // A field left out of a step (a wrong `next` or `kind`) explains its own rules.
    let field = |nr: u32, key: &str| model.losses.field(sub, nr, key);
    // Steps with an arrow to a missing step: that arrow is reported, and the step is taken
    // to have a way out, so no loop is reported only because its exit is mistyped.
    let mut broken_exit = Vec::new();
    // Each arrow to a missing step: its step, its target and its diagnostic's index.
    let mut broken = Vec::new();
    let mut g: DiGraph<usize, ()> = DiGraph::with_capacity(map.steps.len(), map.steps.len());
    let nodes: Vec<NodeIndex> = (0..map.steps.len()).map(|i| g.add_node(i)).collect();

    for (i, step) in map.steps.iter().enumerate() {
        // The graph follows the flow (`next`); what is written is checked as written.
        for edge in &step.next {
            if let Some(j) = map.index_of(edge.to) {
                if !g.contains_edge(nodes[i], nodes[j]) {
                    g.add_edge(nodes[i], nodes[j], ());
                }
            }
        }
        let mut seen = HashSet::new();
        for edge in step.written() {
            match map.index_of(edge.to) {
                Some(j) => {
                    if !seen.insert(j) {
                        diags.push(
                            Diagnostic::error(
                                Code::DuplicateArrow,
                                format!("step {} has two arrows to step {}", step.nr, edge.to),
                            )
                            .at(edge.span)
                            .help("remove one of them"),
                        );
                    }
                }
                None => {
                    broken_exit.push(i);
                    let help = match &map.id {
                        MapId::Overview => format!(
                            "the overview has steps {}; sub-process steps cannot be targets here",
                            ranges(map)
                        ),
                        MapId::Sub(_) => format!(
                            "this sub-process has steps {}; the way back to the overview is an `end` step",
                            ranges(map)
                        ),
                    };
                    broken.push((i, edge.to, diags.len()));
                    diags.push(
                        Diagnostic::error(
                            Code::UnknownStep,
                            format!(
                                "step {} points to step {}, which does not exist",
                                step.nr, edge.to
                            ),
                        )
                        .at(edge.span)
                        .label("no such step")
                        .help(help)
                        .follows(model.lost_step(edge.to)),
                    );
                }
            }
        }
        match step.kind {
            StepKind::End if !step.next.is_empty() => diags.push(
                Diagnostic::error(
                    Code::EndWithNext,
                    format!("end step {} has outgoing arrows", step.nr),
                )
                .at(step.next[0].span)
                .help("remove `next`, or change `kind: end` to `kind: task`"),
            ),
            StepKind::End => {}
            _ if step.written().is_empty() => diags.push(
                Diagnostic::error(Code::DeadEnd, format!("step {} leads nowhere", step.nr))
                    .at(step.span)
                    .label("no `next`")
                    .help("add `next:` with the following step, or make it `kind: end`")
                    .follows(field(step.nr.local, "next").or(field(step.nr.local, "kind"))),
            ),
            _ => {}
        }
        if step.kind == StepKind::Vagval {
            if step.next.len() < 2 {
                diags.push(
                    Diagnostic::error(Code::VagvalTooFewArrows, format!("vägval {} has {} outgoing arrow(s); a choice needs at least two", step.nr, step.next.len()))
                        .at(step.span)
                        .help("add the other answer as `- {to: <nr>, label: Nej}`, or make the step a task")
                        .follows(field(step.nr.local, "next")),
                );
            }
            // Suggest the answers not yet used, so two arrows are not told to take the same.
            let mut free = ["Ja", "Nej"]
                .into_iter()
                .filter(|l| !step.next.iter().any(|e| e.label.as_deref() == Some(*l)));
            for edge in step.next.iter().filter(|e| e.label.is_none()) {
                let help = match free.next() {
                    Some(label) => format!("write it as `{{to: {}, label: {label}}}` so readers see which answer leads there", edge.to.local),
                    None => format!("write it as `{{to: {}, label: …}}` with the answer that leads there, different from the other arrows' labels", edge.to.local),
                };
                diags.push(
                    Diagnostic::error(
                        Code::VagvalUnlabelled,
                        format!(
                            "the arrow from vägval {} to step {} has no label",
                            step.nr, edge.to
                        ),
                    )
                    .at(edge.span)
                    .help(help),
                );
            }
        }
    }

    if map.steps.is_empty() {
        diags.push(
            Diagnostic::error(Code::NoStart, format!("{where_} has no steps"))
                .at(map.title_span)
                .help("add steps, the first with `kind: start`")
                .follows(incomplete),
        );
        return;
    }

    let starts: Vec<usize> = indices(map, StepKind::Start);
    let ends: Vec<usize> = indices(map, StepKind::End);
    if starts.is_empty() {
        diags.push(
            Diagnostic::error(Code::NoStart, format!("{where_} has no start step"))
                .at(map.title_span)
                .help("mark where the process begins with `kind: start`")
                .follows(incomplete),
        );
    } else {
        let reached = reach(&g, &nodes, &starts, false);
        let meant = mistyped_targets(map, &g, &nodes, &starts, &reached, &broken, diags);
        for (i, step) in map.steps.iter().enumerate() {
            if !reached[i] {
                diags.push(
                    Diagnostic::error(
                        Code::Unreachable,
                        format!("step {} cannot be reached from any start", step.nr),
                    )
                    .at(step.span)
                    .help("add an arrow to it from an earlier step, or remove it")
                    .follows(incomplete.or(meant[i])),
                );
            }
        }
    }

    // Kosaraju, not Tarjan: petgraph's `tarjan_scc` recurses once per step of a chain and
    // overflows the stack on long maps; `kosaraju_scc` keeps its own stack on the heap.
    let sccs = kosaraju_scc(&g);
    let mut component = vec![0usize; map.steps.len()];
    for (c, scc) in sccs.iter().enumerate() {
        for n in scc {
            component[g[*n]] = c;
        }
    }

    if ends.is_empty() {
        diags.push(
            Diagnostic::error(Code::NoWayOut, format!("{where_} has no end step"))
                .at(map.title_span)
                .help("mark where the process ends with `kind: end`")
                .follows(incomplete),
        );
    } else {
        // A sub-process step with an outcome where the flow stops is a way out too.
        let stopping: Vec<usize> = (0..map.steps.len())
            .filter(|&i| map.steps[i].stops())
            .collect();
        let exits: Vec<usize> = ends
            .iter()
            .chain(&broken_exit)
            .chain(&stopping)
            .copied()
            .collect();
        let can_end = reach(&g, &nodes, &exits, true);
        for scc in &sccs {
            let looping = scc.len() > 1 || g.contains_edge(scc[0], scc[0]);
            if !looping || can_end[g[scc[0]]] {
                continue;
            }
            let mut members: Vec<usize> = scc.iter().map(|n| g[*n]).collect();
            members.sort_unstable();
            let list: Vec<String> = members
                .iter()
                .map(|&i| map.steps[i].nr.to_string())
                .collect();
            let first = &map.steps[members[0]];
            diags.push(
                Diagnostic::error(Code::NoWayOut, format!("steps {} form a loop with no way out", list.join(", ")))
                    .at(first.span)
                    .help("add an arrow from one of them towards an end step, e.g. a vägval with a way out")
                    .follows(incomplete),
            );
        }
    }

    // Reading order: an arrow back to a lower number should be a loop.
    for (i, step) in map.steps.iter().enumerate() {
        for edge in &step.next {
            let Some(j) = map.index_of(edge.to) else {
                continue;
            };
            if edge.to.local < step.nr.local && component[i] != component[j] {
                diags.push(
                    Diagnostic::warning(Code::BackwardArrow, format!("step {} leads back to step {}, against the numbering", step.nr, edge.to))
                        .at(edge.span)
                        .help("numbers should rise along the flow; renumber so the target comes after this step")
                        .follows(incomplete),
                );
            }
        }
    }
}

/// An arrow to a missing step whose number is one keystroke from an unreachable step's
/// (`next: 55` for 5) most likely meant that step: its diagnostic says so, and the steps
/// that arrow would reach are unreachable only because of it. Returns, for each step, the
/// cause it is unreachable through.
fn mistyped_targets(
    map: &ProcessMap,
    g: &DiGraph<usize, ()>,
    nodes: &[NodeIndex],
    starts: &[usize],
    reached: &[bool],
    broken: &[(usize, crate::model::StepNr, usize)],
    diags: &mut [Diagnostic],
) -> Vec<Option<crate::diagnostic::Cause>> {
    let mut meant = vec![None; map.steps.len()];
    for &(from, to, d) in broken {
        if !reached[from] || diags[d].follows.is_some() {
            continue;
        }
        let Some(j) = (0..map.steps.len())
            .filter(|&j| !reached[j] && map.steps[j].nr.parent == to.parent)
            .find(|&j| {
                crate::load::yaml::levenshtein(&map.steps[j].nr.to_string(), &to.to_string()) == 1
            })
        else {
            continue;
        };
        let mut with = g.clone();
        with.add_edge(nodes[from], nodes[j], ());
        let now = reach(&with, nodes, starts, false);
        let cause = diags[d].cause();
        for k in 0..map.steps.len() {
            if now[k] && !reached[k] && meant[k].is_none() {
                meant[k] = Some(cause);
            }
        }
        diags[d].help = Some(format!(
            "did you mean step {}? No other arrow leads there",
            map.steps[j].nr
        ));
    }
    meant
}

fn indices(map: &ProcessMap, kind: StepKind) -> Vec<usize> {
    map.steps
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == kind)
        .map(|(i, _)| i)
        .collect()
}

/// Marks the steps reachable from `from` (or, `backwards`, those that reach it).
fn reach(
    g: &DiGraph<usize, ()>,
    nodes: &[NodeIndex],
    from: &[usize],
    backwards: bool,
) -> Vec<bool> {
    let mut seen = vec![false; nodes.len()];
    for &s in from {
        if seen[s] {
            continue;
        }
        if backwards {
            let rev = Reversed(g);
            let mut bfs = Bfs::new(rev, nodes[s]);
            while let Some(n) = bfs.next(rev) {
                seen[g[n]] = true;
            }
        } else {
            let mut bfs = Bfs::new(g, nodes[s]);
            while let Some(n) = bfs.next(g) {
                seen[g[n]] = true;
            }
        }
    }
    seen
}

/// The step numbers of a map as ranges: "1–12, 14".
fn ranges(map: &ProcessMap) -> String {
    let nrs: Vec<u32> = map.steps.iter().map(|s| s.nr.local).collect();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < nrs.len() {
        let mut j = i;
        while j + 1 < nrs.len() && nrs[j + 1] == nrs[j] + 1 {
            j += 1;
        }
        let p = map.steps[i]
            .nr
            .parent
            .map(|p| format!("{p}."))
            .unwrap_or_default();
        parts.push(if i == j {
            format!("{p}{}", nrs[i])
        } else {
            format!("{p}{}–{p}{}", nrs[i], nrs[j])
        });
        i = j + 1;
    }
    parts.join(", ")
}
