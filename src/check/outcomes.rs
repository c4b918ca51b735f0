//! Rules on where the outcomes of a sub-process continue: each `continues` names a target of
//! the opening step, an end says where it goes on when the opener leads to several steps, and
//! every target of the opener is reached by some outcome.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{MapId, Model, StepNr};

/// Checks every opened sub-process against the step that opens it.
pub fn check(model: &Model, diags: &mut Vec<Diagnostic>) {
    for sub in &model.subprocesses {
        let (MapId::Sub(id), Some(opener_nr)) = (&sub.id, sub.opened_from) else {
            continue;
        };
        let Some(opener) = model.overview.step(opener_nr) else {
            continue;
        };
        let written = opener.written();
        let targets: Vec<StepNr> = written.iter().map(|e| e.to).collect();
        let list = || {
            targets
                .iter()
                .map(|t| t.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut ambiguous = false;
        for outcome in &opener.outcomes {
            let Some((_, end)) = model.step(outcome.end) else {
                continue;
            };
            if !outcome.explicit {
                if targets.len() > 1 {
                    ambiguous = true;
                    diags.push(
                        Diagnostic::error(
                            Code::ContinuesAmbiguous,
                            format!(
                                "step {opener_nr} leads to steps {}: end step {} must say where the overview continues",
                                list(),
                                end.nr
                            ),
                        )
                        .at(end.span)
                        .label("no `continues`")
                        .help(format!(
                            "add `continues: {}` (one of {}), or `continues: []` if the flow stops here",
                            targets[0].local,
                            list()
                        )),
                    );
                }
                continue;
            }
            for edge in end.continues.iter().flatten() {
                if !targets.contains(&edge.to) {
                    let help = if targets.is_empty() {
                        format!("step {opener_nr} has no `next`; add one, or write `continues: []`")
                    } else {
                        format!(
                            "continue to one of {}, or add {} to the `next` of step {opener_nr}",
                            list(),
                            edge.to
                        )
                    };
                    diags.push(
                        Diagnostic::error(
                            Code::ContinuesNotATarget,
                            format!(
                                "end step {} continues to step {}, but step {opener_nr}, which opens sub-process `{id}`, does not lead there",
                                end.nr, edge.to
                            ),
                        )
                        .at(edge.span)
                        .help(help),
                    );
                }
            }
        }
        if ambiguous {
            // Each end that says nothing is reported; which target it meant is not known.
            continue;
        }
        for edge in written {
            if opener.outcomes_to(edge.to).next().is_none() {
                diags.push(
                    Diagnostic::warning(
                        Code::TargetNotContinued,
                        format!(
                            "no end of sub-process `{id}` continues to step {}, so the arrow from step {opener_nr} is never taken",
                            edge.to
                        ),
                    )
                    .at(edge.span)
                    .help(format!(
                        "add `continues: {}` to the end step that leads there, or remove {} from this `next`",
                        edge.to.local, edge.to
                    )),
                );
            }
        }
    }
}
