//! Exports of a checked model to other tools' formats: BPMN 2.0 for process modelling tools
//! (bpmn.io, Camunda Modeler), Graphviz DOT and Mermaid for embedding in other documentation,
//! and JSON of the resolved model for scripts.
//!
//! Every export is a pure function of the model: the same model gives the same bytes, and
//! every piece of user text is escaped for its format. Exports are only made of a model
//! without errors (the command checks first), so every arrow's target exists.

pub mod bpmn;
pub mod dot;
pub mod json;
pub mod mermaid;

use crate::model::{Lane, LaneId, Model, ProcessMap, Step};

/// The formats a model can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// BPMN 2.0 XML with diagram interchange from our own layout.
    Bpmn,
    /// Graphviz DOT, lanes as clusters.
    Dot,
    /// A Mermaid flowchart, lanes as subgraphs.
    Mermaid,
    /// The resolved model as JSON.
    Json,
}

/// The model in the chosen format.
pub fn export(model: &Model, target: Target) -> String {
    match target {
        Target::Bpmn => bpmn::bpmn(model),
        Target::Dot => dot::dot(model),
        Target::Mermaid => mermaid::mermaid(model),
        Target::Json => json::json(model),
    }
}

/// The lanes that hold steps of `map`, in karta order, each with its steps in number order.
/// Lanes the model does not list (impossible in a checked model) come last, by id.
pub(crate) fn lanes_of<'m>(model: &'m Model, map: &'m ProcessMap) -> Vec<LaneSteps<'m>> {
    let mut out: Vec<LaneSteps<'m>> = Vec::new();
    let position = |id: &LaneId| {
        model
            .lanes
            .iter()
            .position(|l| &l.id == id)
            .unwrap_or(usize::MAX)
    };
    let mut ids: Vec<&LaneId> = map.steps.iter().map(|s| &s.lane).collect();
    ids.sort_by_key(|id| (position(id), (*id).clone()));
    ids.dedup();
    for id in ids {
        out.push(LaneSteps {
            id,
            lane: model.lane(id),
            steps: map.steps.iter().filter(|s| &s.lane == id).collect(),
        });
    }
    out
}

/// One lane's steps on one map.
pub(crate) struct LaneSteps<'m> {
    /// The lane id.
    pub id: &'m LaneId,
    /// The lane, when the model lists it.
    pub lane: Option<&'m Lane>,
    /// Its steps on the map, by number.
    pub steps: Vec<&'m Step>,
}

impl LaneSteps<'_> {
    /// The lane's name, or its id when the model does not list it.
    pub fn name(&self) -> &str {
        self.lane.map_or(self.id.0.as_str(), |l| l.name.as_str())
    }
}

/// Text on one line: line breaks and other control characters become spaces.
pub(crate) fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
