//! The difference between two versions of a model, in process terms: steps added, removed,
//! renumbered, renamed, moved to another lane or changed in kind; arrows and their labels;
//! aktualisering points; sub-processes; guidance pages with a word-level summary.
//!
//! [`diff`] compares two resolved models; [`matching`] recognises a step under a new number;
//! [`report`] prints the result as text, Markdown or JSON; [`html`] draws it as a review page
//! with the changed maps side by side; [`revision`] reads a model from a
//! git revision. The JSON form is documented in the README and only grows: fields are never
//! renamed or given another meaning.

pub mod html;
pub mod matching;
pub mod previous;
pub mod report;
pub mod revision;
pub mod words;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::i18n::Lang;
use crate::model::{Edge, Lane, LaneId, MapId, Model, Page, ProcessMap, StepKind, StepNr};
use crate::Checked;
use matching::Matching;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Version of the JSON report; raised only if a field changes meaning.
pub const JSON_VERSION: u32 = 1;

/// One side of the comparison.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Side {
    /// The folder or revision as given on the command line.
    pub source: String,
    /// Errors `check` finds in it.
    pub errors: usize,
    /// Warnings `check` finds in it.
    pub warnings: usize,
}

/// Everything that changed from the old model to the new one.
#[derive(Clone, Debug, Serialize)]
pub struct ModelDiff {
    /// Always `"processkarta-diff"`.
    pub format: &'static str,
    /// [`JSON_VERSION`].
    pub version: u32,
    /// The old model.
    pub old: Side,
    /// The new model.
    pub new: Side,
    /// Names of the lanes, by id (the new name when a lane was renamed).
    pub lanes: BTreeMap<String, String>,
    /// Titles of the maps, by map id (`overview` or `subprocess:<id>`).
    pub maps: BTreeMap<String, String>,
    /// The changes, grouped: lanes, sub-processes, each map's steps and arrows, guidance.
    pub changes: Vec<Change>,
    /// Files that could not be read on one side, so that their content was not compared
    /// (left out of the JSON when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_compared: Vec<NotCompared>,
    /// Errors and warnings of `check` that the new version has and the old has not
    /// (left out of the JSON when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub new_problems: Vec<Problem>,
    /// Errors and warnings of the old version that the new has no more.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resolved_problems: Vec<Problem>,
}

/// A file of one side that could not be read: its steps, lane, sub-process or page are
/// left out of both sides, so that they are not reported as removed or added.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct NotCompared {
    /// The file, relative to the model folder (`process/kommun.yaml`).
    pub file: String,
    /// The side where it could not be read: `old` or `new`.
    pub side: String,
    /// Why, in the words of `check`.
    pub reason: String,
}

/// One error or warning of `check`, for the lists of new and resolved problems.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Problem {
    /// `error` or `warning`.
    pub severity: Severity,
    /// The code, e.g. `W003`.
    pub code: String,
    /// The message.
    pub message: String,
    /// The file, when the problem has a place.
    pub file: Option<String>,
    /// Its line in that version of the file.
    pub line: Option<usize>,
}

impl ModelDiff {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// One change. Fields named `old_…` use the old model's numbers and names; the others the
/// new model's. Step numbers are the cited form ("12", "15.3").
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Change {
    /// A lane file listed in the new karta.yaml and not the old.
    LaneAdded {
        /// Lane id.
        lane: String,
        /// Its name.
        name: String,
    },
    /// A lane no longer in the model.
    LaneRemoved {
        /// Lane id.
        lane: String,
        /// Its name.
        name: String,
    },
    /// A lane whose name changed.
    LaneRenamed {
        /// Lane id.
        lane: String,
        /// Name before.
        old_name: String,
        /// Name after.
        new_name: String,
    },
    /// A new sub-process.
    SubprocessAdded {
        /// Map id, `subprocess:<id>`.
        map: String,
        /// Its title.
        title: String,
        /// The step that opens it.
        opened_from: Option<String>,
        /// Its number of steps.
        steps: usize,
    },
    /// A sub-process no longer in the model.
    SubprocessRemoved {
        /// Map id, `subprocess:<id>`.
        map: String,
        /// Its title.
        title: String,
        /// The step that opened it.
        old_opened_from: Option<String>,
        /// Its number of steps.
        steps: usize,
    },
    /// A new step.
    StepAdded {
        /// Map id.
        map: String,
        /// Its number.
        step: String,
        /// Its title.
        title: String,
        /// Its lane id.
        lane: String,
        /// Its kind.
        kind: String,
    },
    /// A step no longer on the map.
    StepRemoved {
        /// Map id.
        map: String,
        /// Its number in the old model.
        old_step: String,
        /// Its title.
        title: String,
        /// Its lane id.
        lane: String,
        /// Its kind.
        kind: String,
    },
    /// The same step under another number.
    StepRenumbered {
        /// Map id.
        map: String,
        /// Number before.
        old_step: String,
        /// Number after.
        step: String,
        /// Its (new) title.
        title: String,
    },
    /// A step whose title changed.
    StepRenamed {
        /// Map id.
        map: String,
        /// Number before.
        old_step: String,
        /// Number after.
        step: String,
        /// Title before.
        old_title: String,
        /// Title after.
        new_title: String,
    },
    /// A step now in another lane.
    StepMoved {
        /// Map id.
        map: String,
        /// Number before.
        old_step: String,
        /// Number after.
        step: String,
        /// Its title.
        title: String,
        /// Lane id before.
        old_lane: String,
        /// Lane id after.
        new_lane: String,
    },
    /// A step of another kind (task, vagval, …).
    KindChanged {
        /// Map id.
        map: String,
        /// Number before.
        old_step: String,
        /// Number after.
        step: String,
        /// Its title.
        title: String,
        /// Kind before.
        old_kind: String,
        /// Kind after.
        new_kind: String,
    },
    /// A step that became an aktualisering point.
    AktualiseringAdded {
        /// Map id.
        map: String,
        /// Number before.
        old_step: String,
        /// Number after.
        step: String,
        /// Its title.
        title: String,
    },
    /// An end step of a sub-process that continues elsewhere on the overview: each target as
    /// "25 (Beviljas)", in the new model's numbers for both sides; empty when the flow stops.
    ContinuationChanged {
        /// Map id.
        map: String,
        /// Number before.
        old_step: String,
        /// Number after.
        step: String,
        /// Its title.
        title: String,
        /// Where it continued; `None` when it did not say.
        old_continues: Option<Vec<String>>,
        /// Where it continues now; `None` when it does not say.
        new_continues: Option<Vec<String>>,
    },
    /// A page cites a provision it did not cite before.
    CitationAdded {
        /// The step whose page it is (new number), if it is a step's page.
        step: Option<String>,
        /// The page, relative to `handlaggarstod/`.
        path: String,
        /// "11 kap. 1 § Socialtjänstlagen (2025:400)".
        citation: String,
    },
    /// A page no longer cites a provision.
    CitationRemoved {
        /// The step whose page it is (new number), if it is a step's page.
        step: Option<String>,
        /// The page, relative to `handlaggarstod/`.
        path: String,
        /// "11 kap. 1 § Socialtjänstlagen (2025:400)", as the old model named it.
        citation: String,
    },
    /// A law added to lagar.yaml.
    LawAdded {
        /// Its id.
        law: String,
        /// Its name and number.
        name: String,
    },
    /// A law removed from lagar.yaml.
    LawRemoved {
        /// Its id.
        law: String,
        /// Its name and number.
        name: String,
    },
    /// A law whose entry in lagar.yaml changed: what changed, one line each ("url",
    /// "change 2026-07-01 added", "repealed 2025-07-01").
    LawChanged {
        /// Its id.
        law: String,
        /// Its name and number (new).
        name: String,
        /// What changed, in English (the JSON's words).
        what: Vec<String>,
        /// The same, as data for the reports in their language.
        #[serde(skip)]
        details: Vec<LawDetail>,
    },
    /// A step that is no longer an aktualisering point.
    AktualiseringRemoved {
        /// Map id.
        map: String,
        /// Number before.
        old_step: String,
        /// Number after.
        step: String,
        /// Its title.
        title: String,
    },
    /// A new arrow.
    ArrowAdded {
        /// Map id.
        map: String,
        /// From step.
        from: String,
        /// Title of the from step.
        from_title: String,
        /// To step.
        to: String,
        /// Title of the to step.
        to_title: String,
        /// Its label.
        label: Option<String>,
    },
    /// An arrow no longer on the map.
    ArrowRemoved {
        /// Map id.
        map: String,
        /// From step (old number).
        old_from: String,
        /// Title of the from step.
        from_title: String,
        /// To step (old number).
        old_to: String,
        /// Title of the to step.
        to_title: String,
        /// Its label.
        label: Option<String>,
    },
    /// The same arrow with another label (on a vägval: the answer it stands for).
    LabelChanged {
        /// Map id.
        map: String,
        /// From step, old number.
        old_from: String,
        /// To step, old number.
        old_to: String,
        /// From step.
        from: String,
        /// Title of the from step.
        from_title: String,
        /// To step.
        to: String,
        /// Title of the to step.
        to_title: String,
        /// Label before.
        old_label: Option<String>,
        /// Label after.
        new_label: Option<String>,
    },
    /// A new guidance page (of a new step, or a new free page).
    GuidanceAdded {
        /// The step, for a step's guidance.
        step: Option<String>,
        /// Path under `handlaggarstod/`.
        path: String,
        /// Its number of words.
        words: usize,
    },
    /// A guidance page no longer in the model.
    GuidanceRemoved {
        /// The step, for a step's guidance (old number).
        old_step: Option<String>,
        /// Path under `handlaggarstod/` (old).
        old_path: String,
        /// Its number of words.
        words: usize,
    },
    /// A guidance page whose words changed.
    GuidanceChanged {
        /// The step, old number.
        old_step: Option<String>,
        /// The step, new number.
        step: Option<String>,
        /// Path before.
        old_path: String,
        /// Path after.
        path: String,
        /// Words added.
        words_added: usize,
        /// Words removed.
        words_removed: usize,
        /// The first changed places, git word-diff style: `… context [-old-]{+new+} context …`.
        excerpt: Vec<String>,
        /// The changed places of the text as read (without Markdown marks), for the
        /// Markdown form; empty when only marks or link targets changed.
        #[serde(skip)]
        hunks: Vec<words::Hunk>,
    },
}

impl Change {
    /// The map a step or arrow change belongs to.
    pub fn map(&self) -> Option<&str> {
        match self {
            Change::StepAdded { map, .. }
            | Change::StepRemoved { map, .. }
            | Change::StepRenumbered { map, .. }
            | Change::StepRenamed { map, .. }
            | Change::StepMoved { map, .. }
            | Change::KindChanged { map, .. }
            | Change::AktualiseringAdded { map, .. }
            | Change::AktualiseringRemoved { map, .. }
            | Change::ContinuationChanged { map, .. }
            | Change::ArrowAdded { map, .. }
            | Change::ArrowRemoved { map, .. }
            | Change::LabelChanged { map, .. } => Some(map),
            _ => None,
        }
    }
}

/// The id of a map in the report: `overview` or `subprocess:<id>`.
pub fn map_key(id: &MapId) -> String {
    match id {
        MapId::Overview => "overview".into(),
        MapId::Sub(s) => format!("subprocess:{s}"),
    }
}

/// Codes of the problems that keep a whole file out of the model: syntax, duplicate keys,
/// not UTF-8 or unreadable, too large. (A wrong type, an unknown or a missing field keeps
/// only its step or header out; see [`file_lost`].)
const FILE_LOST: [Code; 4] = [
    Code::YamlSyntax,
    Code::DuplicateKey,
    Code::UnreadableFile,
    Code::TooLarge,
];

/// True when `d` means that part of its file is missing from the model: the whole file, or
/// a step or the header of a lane or sub-process file.
fn file_lost(d: &Diagnostic) -> bool {
    d.is_error()
        && (FILE_LOST.contains(&d.code)
            || matches!(
                d.code,
                Code::WrongType | Code::UnknownField | Code::MissingField
            ))
}

/// The files of a checked model that could not be read in full, with the first reason.
fn lost_files(checked: &Checked, lang: Lang) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for d in checked.diagnostics.iter().filter(|d| file_lost(d)) {
        if let Some(span) = d.span {
            let name = checked.model.sources.get(span.file).name.clone();
            out.entry(name).or_insert_with(|| {
                let (line, _) = checked
                    .model
                    .sources
                    .get(span.file)
                    .line_col(span.start as usize);
                crate::msg!(
                    "not-compared-reason",
                    message = d.message.clone(),
                    line = line,
                    code = d.code.as_str()
                )
                .text(lang)
            });
        }
    }
    out
}

/// What makes two problems the same one in both versions: code, file and message (not the
/// line, which moves when lines are added above it).
type ProblemKey = (String, Option<String>, String);

/// The problems of a checked model, keyed so that the same problem in both versions
/// matches even when lines moved.
fn problems(checked: &Checked, lang: Lang) -> Vec<(ProblemKey, Problem)> {
    checked
        .diagnostics
        .iter()
        .map(|d| {
            let (file, line) = match d.span {
                Some(span) => {
                    let f = checked.model.sources.get(span.file);
                    (
                        Some(f.name.clone()),
                        Some(f.line_col(span.start as usize).0),
                    )
                }
                None => (None, None),
            };
            // Keyed by the English message, so that matching does not depend on the language.
            let key = (
                d.code.as_str().to_string(),
                file.clone(),
                d.message.text(Lang::En),
            );
            let problem = Problem {
                severity: d.severity,
                code: d.code.as_str().to_string(),
                message: d.message.text(lang),
                file,
                line,
            };
            (key, problem)
        })
        .collect()
}

/// The problems of `of` that `other` has not (each counted: two equal ones in `of` and one
/// in `other` leave one).
fn problems_not_in(of: &[(ProblemKey, Problem)], other: &[(ProblemKey, Problem)]) -> Vec<Problem> {
    let mut left: BTreeMap<&ProblemKey, usize> = BTreeMap::new();
    for (key, _) in other {
        *left.entry(key).or_default() += 1;
    }
    let mut out = Vec::new();
    for (key, problem) in of {
        match left.get_mut(key) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(problem.clone()),
        }
    }
    out
}

/// Compares two checked models: [`diff`], except that files which could not be read on
/// either side are left out of both and listed as not compared, and the errors and
/// warnings that are new or resolved are listed too. `old_source` and `new_source` are the
/// folders or revisions as given; `lang` is the language of the problems' messages and the
/// reasons why a file is not compared.
pub fn diff_checked(
    old: &Checked,
    new: &Checked,
    old_source: &str,
    new_source: &str,
    lang: Lang,
) -> ModelDiff {
    let side = |source: &str, checked: &Checked| {
        let (errors, warnings) = crate::diagnostic::count(&checked.diagnostics);
        Side {
            source: source.to_string(),
            errors,
            warnings,
        }
    };
    let mut not_compared = Vec::new();
    for (name, checked) in [("old", old), ("new", new)] {
        for (file, reason) in lost_files(checked, lang) {
            not_compared.push(NotCompared {
                file,
                side: name.to_string(),
                reason,
            });
        }
    }
    let skip: BTreeSet<String> = not_compared.iter().map(|n| n.file.clone()).collect();
    // A sub-process whose opening step is in such a file loses its numbers ("4.2") on that
    // side: leave it out of both too.
    let mut skip_maps = BTreeSet::new();
    if !skip.is_empty() {
        for model in [&old.model, &new.model] {
            for m in &model.subprocesses {
                let opener_lost = m.opened_from.is_none_or(|nr| {
                    model
                        .overview
                        .step(nr)
                        .is_none_or(|s| skip.contains(&model.sources.get(s.span.file).name))
                });
                if opener_lost {
                    skip_maps.insert(map_key(&m.id));
                }
            }
        }
    }
    let mut result = compare(
        &View::new(&old.model, &skip, &skip_maps),
        &View::new(&new.model, &skip, &skip_maps),
        side(old_source, old),
        side(new_source, new),
    );
    // Without the overview's file or book.toml nothing can be matched reliably.
    if skip.contains("process/karta.yaml") || skip.contains("book.toml") {
        result.changes.clear();
    }
    result.not_compared = not_compared;
    let (old_problems, new_problems) = (problems(old, lang), problems(new, lang));
    result.new_problems = problems_not_in(&new_problems, &old_problems);
    result.resolved_problems = problems_not_in(&old_problems, &new_problems);
    result
}

/// One side as compared: the parts of the model that do not come from a skipped file.
struct View<'a> {
    model: &'a Model,
    lanes: Vec<Lane>,
    overview: ProcessMap,
    subprocesses: Vec<ProcessMap>,
    guidance: BTreeMap<StepNr, Page>,
    /// The introduction and the free pages.
    others: Vec<Page>,
}

impl<'a> View<'a> {
    /// The model without what comes from the files in `skip` and without the maps in
    /// `skip_maps`; a step's page goes with its step.
    fn new(model: &'a Model, skip: &BTreeSet<String>, skip_maps: &BTreeSet<String>) -> View<'a> {
        let kept = |file: crate::source::FileId| !skip.contains(&model.sources.get(file).name);
        let map = |m: &ProcessMap| {
            let mut m = m.clone();
            m.steps.retain(|s| kept(s.span.file));
            m
        };
        let overview = map(&model.overview);
        let subprocesses: Vec<ProcessMap> = model
            .subprocesses
            .iter()
            .filter(|m| kept(m.file) && !skip_maps.contains(&map_key(&m.id)))
            .map(map)
            .collect();
        let steps: BTreeSet<StepNr> = std::iter::once(&overview)
            .chain(&subprocesses)
            .flat_map(|m| m.steps.iter().map(|s| s.nr))
            .collect();
        View {
            model,
            lanes: model
                .lanes
                .iter()
                .filter(|l| kept(l.file))
                .cloned()
                .collect(),
            overview,
            subprocesses,
            guidance: model
                .guidance
                .iter()
                .filter(|(nr, p)| kept(p.file) && steps.contains(nr))
                .map(|(nr, p)| (*nr, p.clone()))
                .collect(),
            others: model
                .intro
                .iter()
                .chain(&model.pages)
                .filter(|p| kept(p.file))
                .cloned()
                .collect(),
        }
    }

    fn lane(&self, id: &LaneId) -> Option<&Lane> {
        self.lanes.iter().find(|l| &l.id == id)
    }
}

/// Compares two models. `old` and `new` describe where they came from.
pub fn diff(old: &Model, new: &Model, old_side: Side, new_side: Side) -> ModelDiff {
    let none = BTreeSet::new();
    compare(
        &View::new(old, &none, &none),
        &View::new(new, &none, &none),
        old_side,
        new_side,
    )
}

fn compare(old: &View, new: &View, old_side: Side, new_side: Side) -> ModelDiff {
    let mut changes = Vec::new();
    let mut lanes = BTreeMap::new();
    for l in old.model.lanes.iter().chain(&new.model.lanes) {
        lanes.insert(l.id.0.clone(), l.name.clone());
    }
    let mut maps = BTreeMap::new();
    for m in old.model.maps().chain(new.model.maps()) {
        maps.insert(map_key(&m.id), m.title.clone());
    }

    diff_lanes(old, new, &mut changes);

    // Sub-processes added and removed, by file name.
    let old_subs: BTreeMap<String, &ProcessMap> = old
        .subprocesses
        .iter()
        .map(|m| (map_key(&m.id), m))
        .collect();
    let new_subs: BTreeMap<String, &ProcessMap> = new
        .subprocesses
        .iter()
        .map(|m| (map_key(&m.id), m))
        .collect();
    for (key, m) in &new_subs {
        if !old_subs.contains_key(key) {
            changes.push(Change::SubprocessAdded {
                map: key.clone(),
                title: m.title.clone(),
                opened_from: m.opened_from.map(|n| n.to_string()),
                steps: m.steps.len(),
            });
        }
    }
    for (key, m) in &old_subs {
        if !new_subs.contains_key(key) {
            changes.push(Change::SubprocessRemoved {
                map: key.clone(),
                title: m.title.clone(),
                old_opened_from: m.opened_from.map(|n| n.to_string()),
                steps: m.steps.len(),
            });
        }
    }

    // Steps and arrows, map by map; the step numbers each old step became.
    let mut renumber: BTreeMap<StepNr, StepNr> = BTreeMap::new();
    let mut ends = Vec::new();
    let mut pairs = vec![(&old.overview, &new.overview)];
    for (key, m) in &old_subs {
        if let Some(n) = new_subs.get(key) {
            pairs.push((m, n));
        }
    }
    for (o, n) in pairs {
        let matching = matching::match_steps(o, n);
        for (i, j) in matching.pairs() {
            renumber.insert(o.steps[i].nr, n.steps[j].nr);
            if o.steps[i].kind == StepKind::End && n.steps[j].kind == StepKind::End {
                ends.push((map_key(&n.id), &o.steps[i], &n.steps[j]));
            }
        }
        diff_map(o, n, &matching, &mut changes);
    }
    // Where each outcome goes on, compared in the new numbers once the overview is matched.
    for (map, a, b) in ends {
        let said = |edges: &Option<Vec<Edge>>, renumber: Option<&BTreeMap<StepNr, StepNr>>| {
            edges.as_ref().map(|edges| {
                edges
                    .iter()
                    .map(|e| {
                        let to = renumber.and_then(|r| r.get(&e.to)).unwrap_or(&e.to);
                        match &e.label {
                            Some(l) => format!("{to} ({l})"),
                            None => to.to_string(),
                        }
                    })
                    .collect::<Vec<_>>()
            })
        };
        let (was, is) = (
            said(&a.continues, Some(&renumber)),
            said(&b.continues, None),
        );
        if was != is {
            changes.push(Change::ContinuationChanged {
                map,
                old_step: a.nr.to_string(),
                step: b.nr.to_string(),
                title: b.title.clone(),
                old_continues: was,
                new_continues: is,
            });
        }
    }

    diff_guidance(old, new, &renumber, &mut changes);
    diff_laws(old.model, new.model, &renumber, &mut changes);

    ModelDiff {
        format: "processkarta-diff",
        version: JSON_VERSION,
        old: old_side,
        new: new_side,
        lanes,
        maps,
        changes,
        not_compared: Vec::new(),
        new_problems: Vec::new(),
        resolved_problems: Vec::new(),
    }
}

fn diff_lanes(old: &View, new: &View, changes: &mut Vec<Change>) {
    for l in &new.lanes {
        match old.lane(&l.id) {
            None => changes.push(Change::LaneAdded {
                lane: l.id.0.clone(),
                name: l.name.clone(),
            }),
            Some(o) if o.name != l.name => changes.push(Change::LaneRenamed {
                lane: l.id.0.clone(),
                old_name: o.name.clone(),
                new_name: l.name.clone(),
            }),
            Some(_) => {}
        }
    }
    for l in &old.lanes {
        if new.lane(&l.id).is_none() {
            changes.push(Change::LaneRemoved {
                lane: l.id.0.clone(),
                name: l.name.clone(),
            });
        }
    }
}

fn lane(id: &LaneId) -> String {
    id.0.clone()
}

/// The steps and arrows of one map in two versions.
fn diff_map(old: &ProcessMap, new: &ProcessMap, m: &Matching, changes: &mut Vec<Change>) {
    let key = map_key(&new.id);
    for (o, step) in old.steps.iter().enumerate() {
        if m.old_to_new[o].is_none() {
            changes.push(Change::StepRemoved {
                map: key.clone(),
                old_step: step.nr.to_string(),
                title: step.title.clone(),
                lane: lane(&step.lane),
                kind: step.kind.as_str().into(),
            });
        }
    }
    for (n, step) in new.steps.iter().enumerate() {
        if m.new_to_old[n].is_none() {
            changes.push(Change::StepAdded {
                map: key.clone(),
                step: step.nr.to_string(),
                title: step.title.clone(),
                lane: lane(&step.lane),
                kind: step.kind.as_str().into(),
            });
        }
    }
    let mut pairs: Vec<(usize, usize)> = m.pairs().collect();
    pairs.sort_by_key(|&(_, n)| n);
    // One kind of change at a time, so that the report lists them together.
    for (o, n) in &pairs {
        let (a, b) = (&old.steps[*o], &new.steps[*n]);
        if a.nr.local != b.nr.local {
            changes.push(Change::StepRenumbered {
                map: key.clone(),
                old_step: a.nr.to_string(),
                step: b.nr.to_string(),
                title: b.title.clone(),
            });
        }
    }
    for (o, n) in &pairs {
        let (a, b) = (&old.steps[*o], &new.steps[*n]);
        if a.title != b.title {
            changes.push(Change::StepRenamed {
                map: key.clone(),
                old_step: a.nr.to_string(),
                step: b.nr.to_string(),
                old_title: a.title.clone(),
                new_title: b.title.clone(),
            });
        }
    }
    for (o, n) in &pairs {
        let (a, b) = (&old.steps[*o], &new.steps[*n]);
        if a.lane != b.lane {
            changes.push(Change::StepMoved {
                map: key.clone(),
                old_step: a.nr.to_string(),
                step: b.nr.to_string(),
                title: b.title.clone(),
                old_lane: lane(&a.lane),
                new_lane: lane(&b.lane),
            });
        }
    }
    for (o, n) in &pairs {
        let (a, b) = (&old.steps[*o], &new.steps[*n]);
        if a.kind != b.kind {
            changes.push(Change::KindChanged {
                map: key.clone(),
                old_step: a.nr.to_string(),
                step: b.nr.to_string(),
                title: b.title.clone(),
                old_kind: a.kind.as_str().into(),
                new_kind: b.kind.as_str().into(),
            });
        }
    }
    for (o, n) in &pairs {
        let (a, b) = (&old.steps[*o], &new.steps[*n]);
        let (old_step, step, title) = (a.nr.to_string(), b.nr.to_string(), b.title.clone());
        match (a.aktualisering, b.aktualisering) {
            (false, true) => changes.push(Change::AktualiseringAdded {
                map: key.clone(),
                old_step,
                step,
                title,
            }),
            (true, false) => changes.push(Change::AktualiseringRemoved {
                map: key.clone(),
                old_step,
                step,
                title,
            }),
            _ => {}
        }
    }
    diff_arrows(old, new, m, &key, changes);
}

/// The arrows of a map by (from index, to index), first label kept.
fn arrows(map: &ProcessMap) -> BTreeMap<(usize, usize), Option<String>> {
    let mut out = BTreeMap::new();
    for (i, step) in map.steps.iter().enumerate() {
        for edge in &step.next {
            if let Some(j) = map.index_of(edge.to) {
                out.entry((i, j)).or_insert_with(|| edge.label.clone());
            }
        }
    }
    out
}

fn diff_arrows(
    old: &ProcessMap,
    new: &ProcessMap,
    m: &Matching,
    key: &str,
    changes: &mut Vec<Change>,
) {
    let old_arrows = arrows(old);
    let new_arrows = arrows(new);
    let mut kept: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut removed = Vec::new();
    let mut relabelled = Vec::new();
    for (&(i, j), label) in &old_arrows {
        let target = m.old_to_new[i].zip(m.old_to_new[j]);
        match target.and_then(|t| new_arrows.get(&t).map(|l| (t, l))) {
            Some((t, new_label)) => {
                kept.insert(t);
                if new_label != label {
                    relabelled.push((i, j, t, label.clone(), new_label.clone()));
                }
            }
            None => removed.push((i, j, label.clone())),
        }
    }
    let title = |map: &ProcessMap, i: usize| map.steps[i].title.clone();
    let nr = |map: &ProcessMap, i: usize| map.steps[i].nr.to_string();
    for (i, j, label) in removed {
        changes.push(Change::ArrowRemoved {
            map: key.into(),
            old_from: nr(old, i),
            from_title: title(old, i),
            old_to: nr(old, j),
            to_title: title(old, j),
            label,
        });
    }
    let mut added: Vec<(usize, usize)> = new_arrows
        .keys()
        .filter(|k| !kept.contains(k))
        .copied()
        .collect();
    added.sort_unstable();
    for (a, b) in added {
        changes.push(Change::ArrowAdded {
            map: key.into(),
            from: nr(new, a),
            from_title: title(new, a),
            to: nr(new, b),
            to_title: title(new, b),
            label: new_arrows[&(a, b)].clone(),
        });
    }
    relabelled.sort_by_key(|r| r.2);
    for (i, j, (a, b), old_label, new_label) in relabelled {
        changes.push(Change::LabelChanged {
            map: key.into(),
            old_from: nr(old, i),
            old_to: nr(old, j),
            from: nr(new, a),
            from_title: title(new, a),
            to: nr(new, b),
            to_title: title(new, b),
            old_label,
            new_label,
        });
    }
}

/// The text of a page, without a byte order mark and with LF line ends.
fn page_text(model: &Model, page: &Page) -> String {
    model
        .markdown(page)
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
}

fn word_count(text: &str) -> usize {
    words::words(text).len()
}

/// Citations added to and removed from each page (steps matched through `renumber`), then
/// the laws of lagar.yaml added, removed and changed.
fn diff_laws(
    old: &Model,
    new: &Model,
    renumber: &BTreeMap<StepNr, StepNr>,
    changes: &mut Vec<Change>,
) {
    use crate::model::laws;
    // (step in the new numbers, page path) → citation texts, per side.
    let cited = |m: &Model, renumber: Option<&BTreeMap<StepNr, StepNr>>| {
        let mut out: BTreeMap<(Option<StepNr>, String), BTreeSet<String>> = BTreeMap::new();
        for c in laws::citations(m) {
            let Ok(citation) = &c.citation else { continue };
            let Some(law) = m.laws.get(&citation.law) else {
                continue;
            };
            let step = c
                .step
                .map(|nr| renumber.and_then(|r| r.get(&nr)).copied().unwrap_or(nr));
            // A step's page is keyed by its step alone, so a renamed page file is the same page.
            let key = match step {
                Some(nr) => (Some(nr), String::new()),
                None => (None, c.page.path.clone()),
            };
            out.entry(key).or_default().insert(citation.text(law));
        }
        out
    };
    let (was, is) = (cited(old, Some(renumber)), cited(new, None));
    let path_of = |m: &Model, key: &(Option<StepNr>, String)| match key.0 {
        Some(nr) => m
            .guidance
            .get(&nr)
            .map_or_else(String::new, |p| p.path.clone()),
        None => key.1.clone(),
    };
    let empty = BTreeSet::new();
    let keys: BTreeSet<&(Option<StepNr>, String)> = was.keys().chain(is.keys()).collect();
    for key in keys {
        let (a, b) = (
            was.get(key).unwrap_or(&empty),
            is.get(key).unwrap_or(&empty),
        );
        let step = key.0.map(|nr| nr.to_string());
        let path = if is.contains_key(key) {
            path_of(new, key)
        } else {
            path_of(old, key)
        };
        for c in b.difference(a) {
            changes.push(Change::CitationAdded {
                step: step.clone(),
                path: path.clone(),
                citation: c.clone(),
            });
        }
        for c in a.difference(b) {
            changes.push(Change::CitationRemoved {
                step: step.clone(),
                path: path.clone(),
                citation: c.clone(),
            });
        }
    }
    for law in &old.laws.laws {
        if new.laws.get(&law.id).is_none() {
            changes.push(Change::LawRemoved {
                law: law.id.clone(),
                name: law.full_name(),
            });
        }
    }
    for law in &new.laws.laws {
        let Some(before) = old.laws.get(&law.id) else {
            changes.push(Change::LawAdded {
                law: law.id.clone(),
                name: law.full_name(),
            });
            continue;
        };
        let mut what = Vec::new();
        let field = |what: &mut Vec<LawDetail>, name: &'static str, a: String, b: String| {
            if a != b {
                what.push(LawDetail::Field {
                    name,
                    old: a,
                    new: b,
                });
            }
        };
        field(&mut what, "name", before.full_name(), law.full_name());
        field(&mut what, "url", before.url.clone(), law.url.clone());
        field(
            &mut what,
            "repealed",
            before.repealed.clone().unwrap_or_default(),
            law.repealed.clone().unwrap_or_default(),
        );
        field(
            &mut what,
            "replaced-by",
            before.replaced_by.clone().unwrap_or_default(),
            law.replaced_by.clone().unwrap_or_default(),
        );
        field(
            &mut what,
            "chapters",
            before.chapters.to_string(),
            law.chapters.to_string(),
        );
        let line = |c: &crate::model::laws::LawChange| format!("{}: {}", c.date, c.summary);
        let (ca, cb): (BTreeSet<String>, BTreeSet<String>) = (
            before.changes.iter().map(line).collect(),
            law.changes.iter().map(line).collect(),
        );
        what.extend(cb.difference(&ca).cloned().map(LawDetail::ChangeAdded));
        what.extend(ca.difference(&cb).cloned().map(LawDetail::ChangeRemoved));
        let (ua, ub): (BTreeSet<&String>, BTreeSet<&String>) = (
            before.unverified.iter().collect(),
            law.unverified.iter().collect(),
        );
        what.extend(
            ub.difference(&ua)
                .map(|u| LawDetail::UnverifiedAdded(u.to_string())),
        );
        what.extend(
            ua.difference(&ub)
                .map(|u| LawDetail::UnverifiedRemoved(u.to_string())),
        );
        if !what.is_empty() {
            changes.push(Change::LawChanged {
                law: law.id.clone(),
                name: law.full_name(),
                what: what.iter().map(|d| d.text(Lang::En)).collect(),
                details: what,
            });
        }
    }
}

/// One thing that changed in a law's entry of lagar.yaml.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LawDetail {
    /// A field (`name`, `url`, `repealed`, `replaced-by`, `chapters`) with its old and new
    /// value, empty when it was not set.
    Field {
        /// The key in lagar.yaml.
        name: &'static str,
        /// Before.
        old: String,
        /// After.
        new: String,
    },
    /// A change of the law (`date: summary`) listed now and not before.
    ChangeAdded(String),
    /// A change of the law no longer listed.
    ChangeRemoved(String),
    /// A provision marked unverified now.
    UnverifiedAdded(String),
    /// A provision no longer marked unverified.
    UnverifiedRemoved(String),
}

impl LawDetail {
    /// The line of the report, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let value = |s: &str| {
            if s.is_empty() {
                crate::msg!("law-detail-none")
            } else {
                crate::msg!("verbatim", text = s)
            }
        };
        match self {
            LawDetail::Field { name, old, new } => crate::msg!(
                "law-detail-field",
                name = *name,
                old = value(old),
                new = value(new)
            ),
            LawDetail::ChangeAdded(c) => crate::msg!("law-detail-change-added", change = c),
            LawDetail::ChangeRemoved(c) => crate::msg!("law-detail-change-removed", change = c),
            LawDetail::UnverifiedAdded(u) => {
                crate::msg!("law-detail-unverified-added", provision = u)
            }
            LawDetail::UnverifiedRemoved(u) => {
                crate::msg!("law-detail-unverified-removed", provision = u)
            }
        }
        .text(lang)
    }
}

fn diff_guidance(
    old: &View,
    new: &View,
    renumber: &BTreeMap<StepNr, StepNr>,
    changes: &mut Vec<Change>,
) {
    let mut seen_new: BTreeSet<StepNr> = BTreeSet::new();
    let mut step_changes = Vec::new();
    for (old_nr, old_page) in &old.guidance {
        let new_nr = renumber.get(old_nr);
        match new_nr.and_then(|n| new.guidance.get(n).map(|p| (*n, p))) {
            Some((new_nr, new_page)) => {
                seen_new.insert(new_nr);
                if let Some(c) = page_change(
                    old.model,
                    old_page,
                    new.model,
                    new_page,
                    Some(old_nr.to_string()),
                    Some(new_nr.to_string()),
                ) {
                    step_changes.push((Some(new_nr), c));
                }
            }
            None => step_changes.push((
                None,
                Change::GuidanceRemoved {
                    old_step: Some(old_nr.to_string()),
                    old_path: old_page.path.clone(),
                    words: word_count(&page_text(old.model, old_page)),
                },
            )),
        }
    }
    for (new_nr, page) in &new.guidance {
        if !seen_new.contains(new_nr) {
            step_changes.push((
                Some(*new_nr),
                Change::GuidanceAdded {
                    step: Some(new_nr.to_string()),
                    path: page.path.clone(),
                    words: word_count(&page_text(new.model, page)),
                },
            ));
        }
    }
    // Changed and added pages in new step order, removed pages last.
    step_changes.sort_by_key(|(nr, _)| (nr.is_none(), *nr));
    changes.extend(step_changes.into_iter().map(|(_, c)| c));

    // The introduction and free pages, by path.
    let others = |v: &View| -> BTreeMap<String, Page> {
        v.others
            .iter()
            .map(|p| (p.path.clone(), p.clone()))
            .collect()
    };
    let (old_pages, new_pages) = (others(old), others(new));
    for (path, page) in &new_pages {
        match old_pages.get(path) {
            Some(o) => changes.extend(page_change(old.model, o, new.model, page, None, None)),
            None => changes.push(Change::GuidanceAdded {
                step: None,
                path: path.clone(),
                words: word_count(&page_text(new.model, page)),
            }),
        }
    }
    for (path, page) in &old_pages {
        if !new_pages.contains_key(path) {
            changes.push(Change::GuidanceRemoved {
                old_step: None,
                old_path: path.clone(),
                words: word_count(&page_text(old.model, page)),
            });
        }
    }
}

fn page_change(
    old: &Model,
    old_page: &Page,
    new: &Model,
    new_page: &Page,
    old_step: Option<String>,
    step: Option<String>,
) -> Option<Change> {
    let (old_text, new_text) = (page_text(old, old_page), page_text(new, new_page));
    let d = words::diff(&old_text, &new_text);
    if d.is_empty() {
        return None;
    }
    let read = words::diff(&words::prose(&old_text), &words::prose(&new_text));
    Some(Change::GuidanceChanged {
        old_step,
        step,
        old_path: old_page.path.clone(),
        path: new_page.path.clone(),
        words_added: d.added,
        words_removed: d.removed,
        excerpt: d.hunks.iter().map(report::plain_hunk).collect(),
        hunks: read.hunks,
    })
}
