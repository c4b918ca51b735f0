//! Rules on `lagar.yaml` against the pages: an amendment not yet reviewed is reported once per
//! law, with the steps whose pages cite the law, so the maintainer knows what to re-read.
//! (Unknown laws, malformed provisions and repealed laws are link rules, in `links.rs`.)

use crate::diagnostic::{Code, Diagnostic};
use crate::model::laws::citations;
use crate::model::{Model, StepNr};
use std::collections::BTreeSet;

/// W007: one warning per law with a change not marked `reviewed: true`.
pub fn check(model: &Model, diags: &mut Vec<Diagnostic>) {
    let cited = citations(model);
    for law in &model.laws.laws {
        let open: Vec<_> = law.changes.iter().filter(|c| !c.reviewed).collect();
        let Some(first) = open.first() else { continue };
        let mut steps: BTreeSet<StepNr> = BTreeSet::new();
        let mut pages: BTreeSet<&str> = BTreeSet::new();
        for c in cited
            .iter()
            .filter(|c| c.citation.as_ref().is_ok_and(|c| c.law == law.id))
        {
            match c.step {
                Some(nr) => {
                    steps.insert(nr);
                }
                None => {
                    pages.insert(&c.page.path);
                }
            }
        }
        let mut read: Vec<String> = steps.iter().map(|s| format!("steg {s}")).collect();
        read.extend(pages.iter().map(|p| p.to_string()));
        let when: Vec<String> = open.iter().map(|c| c.date.clone()).collect();
        let help = if read.is_empty() {
            crate::msg!("unreviewed-law-change-help-uncited")
        } else {
            crate::msg!("unreviewed-law-change-help", pages = read.join(", "))
        };
        diags.push(
            Diagnostic::warning(
                Code::UnreviewedLawChange,
                crate::msg!(
                    "unreviewed-law-change",
                    law = law.full_name(),
                    dates = when.join(", "),
                    summary = &first.summary
                ),
            )
            .at(first.span)
            .help(help),
        );
    }
}
