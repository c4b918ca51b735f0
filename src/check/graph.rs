//! Rules on the process graph of one map: start and end, arrows, reachability, loops,
//! vägval and reading order.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{MapId, Model, ProcessMap, StepKind};
use crate::msg;
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
        None => msg!("where-overview"),
        Some(id) => msg!("where-subprocess", id = id),
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
                                msg!("duplicate-arrow", from = step.nr, to = edge.to),
                            )
                            .at(edge.span)
                            .help(msg!("duplicate-arrow-help")),
                        );
                    }
                }
                None => {
                    broken_exit.push(i);
                    let help = match &map.id {
                        MapId::Overview => {
                            msg!("unknown-step-help-overview", steps = ranges(map))
                        }
                        MapId::Sub(_) => {
                            msg!("unknown-step-help-subprocess", steps = ranges(map))
                        }
                    };
                    broken.push((i, edge.to, diags.len()));
                    diags.push(
                        Diagnostic::error(
                            Code::UnknownStep,
                            msg!("unknown-step", from = step.nr, to = edge.to),
                        )
                        .at(edge.span)
                        .label(msg!("unknown-step-label"))
                        .help(help)
                        .follows(model.lost_step(edge.to)),
                    );
                }
            }
        }
        match step.kind {
            StepKind::End if !step.next.is_empty() => diags.push(
                Diagnostic::error(Code::EndWithNext, msg!("end-with-next", step = step.nr))
                    .at(step.next[0].span)
                    .help(msg!("end-with-next-help")),
            ),
            StepKind::End => {}
            _ if step.written().is_empty() => diags.push(
                Diagnostic::error(Code::DeadEnd, msg!("dead-end", step = step.nr))
                    .at(step.span)
                    .label(msg!("dead-end-label"))
                    .help(msg!("dead-end-help"))
                    .follows(field(step.nr.local, "next").or(field(step.nr.local, "kind"))),
            ),
            _ => {}
        }
        if step.kind == StepKind::Vagval {
            if step.next.len() < 2 {
                diags.push(
                    Diagnostic::error(
                        Code::VagvalTooFewArrows,
                        msg!("vagval-too-few-arrows", step = step.nr, n = step.next.len()),
                    )
                    .at(step.span)
                    .help(msg!("vagval-too-few-arrows-help"))
                    .follows(field(step.nr.local, "next")),
                );
            }
            // Suggest the answers not yet used, so two arrows are not told to take the same.
            let mut free = ["Ja", "Nej"]
                .into_iter()
                .filter(|l| !step.next.iter().any(|e| e.label.as_deref() == Some(*l)));
            for edge in step.next.iter().filter(|e| e.label.is_none()) {
                let help = match free.next() {
                    Some(label) => {
                        msg!("vagval-unlabelled-help", to = edge.to.local, label = label)
                    }
                    None => msg!("vagval-unlabelled-help-taken", to = edge.to.local),
                };
                diags.push(
                    Diagnostic::error(
                        Code::VagvalUnlabelled,
                        msg!("vagval-unlabelled", from = step.nr, to = edge.to),
                    )
                    .at(edge.span)
                    .help(help),
                );
            }
        }
    }

    if map.steps.is_empty() {
        diags.push(
            Diagnostic::error(Code::NoStart, msg!("no-steps", map = where_))
                .at(map.title_span)
                .help(msg!("no-steps-help"))
                .follows(incomplete),
        );
        return;
    }

    let starts: Vec<usize> = indices(map, StepKind::Start);
    let ends: Vec<usize> = indices(map, StepKind::End);
    if starts.is_empty() {
        diags.push(
            Diagnostic::error(Code::NoStart, msg!("no-start", map = where_.clone()))
                .at(map.title_span)
                .help(msg!("no-start-help"))
                .follows(incomplete),
        );
    } else {
        let reached = reach(&g, &nodes, &starts, false);
        let meant = mistyped_targets(map, &g, &nodes, &starts, &reached, &broken, diags);
        for (i, step) in map.steps.iter().enumerate() {
            if !reached[i] {
                diags.push(
                    Diagnostic::error(Code::Unreachable, msg!("unreachable", step = step.nr))
                        .at(step.span)
                        .help(msg!("unreachable-help"))
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
            Diagnostic::error(Code::NoWayOut, msg!("no-end", map = where_))
                .at(map.title_span)
                .help(msg!("no-end-help"))
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
                Diagnostic::error(
                    Code::NoWayOut,
                    msg!("loop-without-exit", steps = list.join(", ")),
                )
                .at(first.span)
                .help(msg!("loop-without-exit-help"))
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
                    Diagnostic::warning(
                        Code::BackwardArrow,
                        msg!("backward-arrow", from = step.nr, to = edge.to),
                    )
                    .at(edge.span)
                    .help(msg!("backward-arrow-help"))
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
        diags[d].help = Some(msg!("unknown-step-help-typo", step = map.steps[j].nr));
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
