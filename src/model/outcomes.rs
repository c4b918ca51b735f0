//! Where each outcome of a sub-process continues on the overview.
//!
//! An `end` step of a sub-process may say `continues:` with one or more of the opening
//! step's `next` targets, or `[]` when the flow stops there. Once any end of a sub-process
//! says so, the opening step's `next` becomes the flow: one arrow per target that some
//! outcome reaches, labelled with those outcomes, in the order written. The rules on what
//! is written (a target the opener does not lead to, an end that does not say where it goes
//! on) are in `check::outcomes`; here only `continues` on a step that can have none is
//! reported, since it has no meaning to resolve.

use super::{Edge, MapId, Outcome, ProcessMap, Step, StepKind, MAX_LABEL_CHARS};
use crate::diagnostic::{Code, Diagnostic};

/// Binds the outcomes of every opened sub-process to the overview step that opens it, and
/// reports `continues` written where it has no meaning.
pub(super) fn bind(overview: &mut ProcessMap, subs: &[ProcessMap], diags: &mut Vec<Diagnostic>) {
    for step in &overview.steps {
        if let Some(at) = step.continues_span {
            diags.push(
                Diagnostic::error(
                    Code::ContinuesNotOnEnd,
                    crate::msg!("continues-on-overview", step = step.nr),
                )
                .at(at)
                .help(crate::msg!("continues-on-overview-help")),
            );
        }
    }
    for sub in subs {
        for step in sub.steps.iter().filter(|s| s.kind != StepKind::End) {
            if let Some(at) = step.continues_span {
                diags.push(
                    Diagnostic::error(
                        Code::ContinuesNotOnEnd,
                        crate::msg!("continues-not-on-end", step = step.nr),
                    )
                    .at(at)
                    .help(crate::msg!("continues-not-on-end-help")),
                );
            }
        }
        let (MapId::Sub(_), Some(opener_nr)) = (&sub.id, sub.opened_from) else {
            continue;
        };
        let Some(i) = overview.index_of(opener_nr) else {
            continue;
        };
        let opener = &mut overview.steps[i];
        opener.outcomes = outcomes(sub, &opener.next);
        if opener.outcomes.iter().any(|o| o.explicit) {
            let flow = flow(&opener.next, &opener.outcomes);
            opener.written_next = Some(std::mem::replace(&mut opener.next, flow));
        }
    }
}

/// One outcome per end step of `sub`; an end that does not say `continues` goes on to every
/// target of the opener, as the format had it before `continues`.
fn outcomes(sub: &ProcessMap, written: &[Edge]) -> Vec<Outcome> {
    sub.steps
        .iter()
        .filter(|s| s.kind == StepKind::End)
        .map(|end| {
            let label = |e: &Edge| Some(e.label.clone().unwrap_or_else(|| end.title.clone()));
            match &end.continues {
                Some(to) => Outcome {
                    end: end.nr,
                    title: end.title.clone(),
                    to: to
                        .iter()
                        .map(|e| Edge {
                            label: label(e),
                            ..e.clone()
                        })
                        .collect(),
                    explicit: true,
                },
                None => Outcome {
                    end: end.nr,
                    title: end.title.clone(),
                    to: written
                        .iter()
                        .map(|e| Edge {
                            label: Some(end.title.clone()),
                            ..e.clone()
                        })
                        .collect(),
                    explicit: false,
                },
            }
        })
        .collect()
}

/// The arrows the flow takes out of the opener: each written arrow that some outcome
/// reaches. An arrow that only some of the continuing outcomes take is labelled with them;
/// one that every continuing outcome takes keeps its label as written.
fn flow(written: &[Edge], outcomes: &[Outcome]) -> Vec<Edge> {
    let continuing = outcomes.iter().filter(|o| !o.to.is_empty()).count();
    written
        .iter()
        .filter_map(|e| {
            let mut labels: Vec<String> = Vec::new();
            let mut taken_by = 0;
            for o in outcomes {
                let mut takes = false;
                for t in o.to.iter().filter(|t| t.to == e.to) {
                    takes = true;
                    let l = t.label.clone().unwrap_or_default();
                    if !labels.contains(&l) {
                        labels.push(l);
                    }
                }
                taken_by += usize::from(takes);
            }
            let label = match taken_by {
                0 => return None,
                n if n == continuing => e.label.clone(),
                _ => Some(cut(&labels.join(" / "))),
            };
            Some(Edge { label, ..e.clone() })
        })
        .collect()
}

/// `text` cut to [`MAX_LABEL_CHARS`], with an ellipsis when cut.
fn cut(text: &str) -> String {
    if text.chars().count() <= MAX_LABEL_CHARS {
        return text.to_string();
    }
    let mut out: String = text.chars().take(MAX_LABEL_CHARS - 1).collect();
    out.push('…');
    out
}

impl Step {
    /// The outcomes of this step's sub-process that continue to `to`.
    pub fn outcomes_to(&self, to: super::StepNr) -> impl Iterator<Item = &Outcome> {
        self.outcomes
            .iter()
            .filter(move |o| o.to.iter().any(|e| e.to == to))
    }
}
