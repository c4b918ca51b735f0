//! The resolved model as JSON, for other tools: lanes, maps with their steps (display numbers
//! such as "20.3", lanes, kinds, arrows with labels) and the guidance page of each step.
//! The document has `"format": "processkarta-model"` and a `version` that is raised only if
//! a field changes meaning; fields are only ever added.

use crate::model::{Model, ProcessMap, Step};
use serde::Serialize;

/// Version of the JSON document.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Doc<'m> {
    format: &'static str,
    version: u32,
    title: &'m str,
    version_label: Option<&'m str>,
    date: Option<&'m str>,
    lanes: Vec<LaneOut<'m>>,
    maps: Vec<MapOut<'m>>,
    pages: Vec<PageOut<'m>>,
    /// The laws of lagar.yaml, by id.
    laws: Vec<LawOut<'m>>,
    /// Every valid `lag:` citation, page by page.
    citations: Vec<CitationOut>,
}

#[derive(Serialize)]
struct LawOut<'m> {
    id: &'m str,
    name: &'m str,
    number: Option<&'m str>,
    chapters: bool,
    url: &'m str,
    repealed: Option<&'m str>,
    replaced_by: Option<&'m str>,
    unverified: &'m [String],
    changes: Vec<LawChangeOut<'m>>,
}

#[derive(Serialize)]
struct LawChangeOut<'m> {
    date: &'m str,
    summary: &'m str,
    reviewed: bool,
}

#[derive(Serialize)]
struct CitationOut {
    /// The page, relative to the model folder.
    page: String,
    /// The step whose guidance the page is.
    step: Option<String>,
    law: String,
    chapter: Option<String>,
    paragraph: Option<String>,
    /// "11 kap. 1 § Socialtjänstlagen (2025:400)".
    text: String,
    href: String,
}

#[derive(Serialize)]
struct LaneOut<'m> {
    id: &'m str,
    name: &'m str,
    color: Option<&'m str>,
    shared: bool,
}

#[derive(Serialize)]
struct MapOut<'m> {
    /// `overview` or `subprocess:<id>`.
    id: String,
    title: &'m str,
    /// For a sub-process: the owning lane.
    lane: Option<&'m str>,
    /// For a sub-process: the overview step that opens it.
    opened_from: Option<String>,
    steps: Vec<StepOut<'m>>,
}

#[derive(Serialize)]
struct StepOut<'m> {
    /// The cited number: "12", "20.3".
    nr: String,
    /// The number within its map.
    local: u32,
    title: &'m str,
    kind: &'static str,
    lane: &'m str,
    aktualisering: bool,
    /// For a sub-process step: the map it opens (`subprocess:<id>`).
    opens: Option<String>,
    /// The arrows the flow takes; for a sub-process step, labelled with its outcomes.
    next: Vec<ArrowOut<'m>>,
    /// For an end step of a sub-process that says so: the overview steps where the flow goes
    /// on (empty: the flow stops).
    #[serde(skip_serializing_if = "Option::is_none")]
    continues: Option<Vec<ArrowOut<'m>>>,
    /// The guidance page, relative to the model folder.
    guidance: Option<String>,
}

#[derive(Serialize)]
struct ArrowOut<'m> {
    to: String,
    label: Option<&'m str>,
}

#[derive(Serialize)]
struct PageOut<'m> {
    path: String,
    title: &'m str,
}

/// The model as a JSON document, pretty-printed, with a final newline.
pub fn json(model: &Model) -> String {
    let doc = Doc {
        format: "processkarta-model",
        version: VERSION,
        title: &model.book.title,
        version_label: model.book.version.as_deref(),
        date: model.book.date.as_deref(),
        lanes: model
            .lanes
            .iter()
            .map(|l| LaneOut {
                id: &l.id.0,
                name: &l.name,
                color: l.color.as_deref(),
                shared: l.shared,
            })
            .collect(),
        maps: model.maps().map(|m| map(model, m)).collect(),
        pages: model
            .intro
            .iter()
            .chain(&model.pages)
            .map(|p| PageOut {
                path: format!("handlaggarstod/{}", p.path),
                title: &p.title,
            })
            .collect(),
        laws: model
            .laws
            .laws
            .iter()
            .map(|l| LawOut {
                id: &l.id,
                name: &l.name,
                number: l.number.as_deref(),
                chapters: l.chapters,
                url: &l.url,
                repealed: l.repealed.as_deref(),
                replaced_by: l.replaced_by.as_deref(),
                unverified: &l.unverified,
                changes: l
                    .changes
                    .iter()
                    .map(|c| LawChangeOut {
                        date: &c.date,
                        summary: &c.summary,
                        reviewed: c.reviewed,
                    })
                    .collect(),
            })
            .collect(),
        citations: crate::model::laws::citations(model)
            .into_iter()
            .filter_map(|c| {
                let citation = c.citation.ok()?;
                let law = model.laws.get(&citation.law)?;
                Some(CitationOut {
                    page: format!("handlaggarstod/{}", c.page.path),
                    step: c.step.map(|s| s.to_string()),
                    text: citation.text(law),
                    href: citation.href(law),
                    law: citation.law,
                    chapter: citation.chapter,
                    paragraph: citation.paragraph,
                })
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("the model always serializes");
    s.push('\n');
    s
}

fn map<'m>(model: &'m Model, m: &'m ProcessMap) -> MapOut<'m> {
    MapOut {
        id: crate::diff::map_key(&m.id),
        title: &m.title,
        lane: m.lane.as_ref().map(|l| l.0.as_str()),
        opened_from: m.opened_from.map(|n| n.to_string()),
        steps: m.steps.iter().map(|s| step(model, s)).collect(),
    }
}

fn arrows(edges: &[crate::model::Edge]) -> Vec<ArrowOut<'_>> {
    edges
        .iter()
        .map(|e| ArrowOut {
            to: e.to.to_string(),
            label: e.label.as_deref(),
        })
        .collect()
}

fn step<'m>(model: &'m Model, s: &'m Step) -> StepOut<'m> {
    StepOut {
        nr: s.nr.to_string(),
        local: s.nr.local,
        title: &s.title,
        kind: s.kind.as_str(),
        lane: &s.lane.0,
        aktualisering: s.aktualisering,
        opens: s.process.as_ref().map(|p| format!("subprocess:{p}")),
        next: arrows(&s.next),
        continues: s.continues.as_deref().map(arrows),
        guidance: model
            .guidance
            .get(&s.nr)
            .map(|p| format!("handlaggarstod/{}", p.path)),
    }
}
