//! Rules on where the outcomes of a sub-process continue: each `continues` names a target of
//! the opening step, an end says where it goes on when the opener leads to several steps, and
//! every target of the opener is reached by some outcome.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{MapId, Model, StepNr};
use crate::msg;

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
                            msg!(
                                "continues-ambiguous",
                                opener = opener_nr,
                                targets = list(),
                                end = end.nr
                            ),
                        )
                        .at(end.span)
                        .label(msg!("continues-ambiguous-label"))
                        .help(msg!(
                            "continues-ambiguous-help",
                            first = targets[0].local,
                            targets = list()
                        )),
                    );
                }
                continue;
            }
            for edge in end.continues.iter().flatten() {
                if !targets.contains(&edge.to) {
                    let help = if targets.is_empty() {
                        msg!("continues-not-a-target-help-no-next", opener = opener_nr)
                    } else {
                        msg!(
                            "continues-not-a-target-help",
                            targets = list(),
                            to = edge.to,
                            opener = opener_nr
                        )
                    };
                    diags.push(
                        Diagnostic::error(
                            Code::ContinuesNotATarget,
                            msg!(
                                "continues-not-a-target",
                                end = end.nr,
                                to = edge.to,
                                opener = opener_nr,
                                id = id
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
                        msg!(
                            "target-not-continued",
                            id = id,
                            to = edge.to,
                            opener = opener_nr
                        ),
                    )
                    .at(edge.span)
                    .help(msg!(
                        "target-not-continued-help",
                        local = edge.to.local,
                        to = edge.to
                    )),
                );
            }
        }
    }
}
