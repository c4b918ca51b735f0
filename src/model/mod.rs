//! The resolved process model: lanes, maps, steps, arrows and guidance pages, with every
//! reference checked to exist and every number bound. Built by [`resolve`] from what
//! [`crate::load`] read; read by `check`, `layout` and `render`, never changed after.

pub mod attachment;
pub mod laws;
pub mod links;
mod outcomes;
mod resolve;
mod step_nr;

pub use crate::format::{AccessibilitySection, Orientation, Paper, StepKind};
pub use crate::load::Losses;
pub use resolve::{page_number, resolve};
pub use step_nr::StepNr;

use crate::source::{FileId, SourceMap, Span};
use std::collections::BTreeMap;

/// The id of a lane: the file name of its YAML file without `.yaml`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LaneId(pub String);

impl std::fmt::Display for LaneId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One party's lane, or a shared collaboration area.
#[derive(Clone, Debug)]
pub struct Lane {
    /// Its id.
    pub id: LaneId,
    /// Name shown on the map.
    pub name: String,
    /// Colour from the file, if given (`#rrggbb`).
    pub color: Option<String>,
    /// Drawn across every lane instead of as a band.
    pub shared: bool,
    /// The lane's file.
    pub file: FileId,
}

/// Which map a step belongs to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MapId {
    /// The overview with all lanes.
    Overview,
    /// A sub-process, by file name.
    Sub(String),
}

/// A map: the overview or one sub-process.
#[derive(Clone, Debug)]
pub struct ProcessMap {
    /// Which map.
    pub id: MapId,
    /// Its title.
    pub title: String,
    /// For a sub-process: the owning lane.
    pub lane: Option<LaneId>,
    /// For a sub-process: the overview step that opens it.
    pub opened_from: Option<StepNr>,
    /// Its steps, sorted by number.
    pub steps: Vec<Step>,
    /// The file that defines the map (karta.yaml for the overview).
    pub file: FileId,
    /// Where the title is written.
    pub title_span: Span,
}

impl ProcessMap {
    /// The step with this number on this map.
    pub fn step(&self, nr: StepNr) -> Option<&Step> {
        self.steps
            .binary_search_by(|s| s.nr.cmp(&nr))
            .ok()
            .map(|i| &self.steps[i])
    }

    /// Index of the step with this number.
    pub fn index_of(&self, nr: StepNr) -> Option<usize> {
        self.steps.binary_search_by(|s| s.nr.cmp(&nr)).ok()
    }
}

/// One numbered step.
#[derive(Clone, Debug)]
pub struct Step {
    /// Its number as cited ("12", "15.3").
    pub nr: StepNr,
    /// Title shown in the box.
    pub title: String,
    /// Start, task, vägval, sub-process or end.
    pub kind: StepKind,
    /// The lane it is drawn in.
    pub lane: LaneId,
    /// A point where the lane's party can flag the individual for joint work.
    pub aktualisering: bool,
    /// For a sub-process step: the sub-process it opens.
    pub process: Option<String>,
    /// Outgoing arrows, in the order written; for a sub-process step whose ends say where
    /// they continue, the arrows the flow really takes (see [`Step::written_next`]).
    pub next: Vec<Edge>,
    /// On an end step of a sub-process: where the overview goes on after this outcome, as
    /// written (`None` when left out, empty when the flow stops here).
    pub continues: Option<Vec<Edge>>,
    /// Where its `continues` is written.
    pub continues_span: Option<Span>,
    /// For a sub-process step whose ends say where they continue: its `next` as written.
    /// `next` then holds one arrow per target that an outcome reaches, labelled with the
    /// outcomes (when there are several targets), in the order written.
    pub written_next: Option<Vec<Edge>>,
    /// For a sub-process step: the outcomes of its sub-process, one per end step.
    pub outcomes: Vec<Outcome>,
    /// Where its `nr` is written.
    pub span: Span,
    /// Where its title is written.
    pub title_span: Span,
    /// Where its `process` is written.
    pub process_span: Option<Span>,
}

/// An arrow from one step to another on the same map.
#[derive(Clone, Debug)]
pub struct Edge {
    /// The target step.
    pub to: StepNr,
    /// Label, e.g. "Ja" on a vägval.
    pub label: Option<String>,
    /// Where the target number is written.
    pub span: Span,
}

/// One outcome of a sub-process: an end step and where the overview goes on after it.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The end step.
    pub end: StepNr,
    /// The end step's title.
    pub title: String,
    /// The overview steps it continues to, each labelled with the outcome (the label written
    /// in `continues`, else the end's title); empty when the flow stops here.
    pub to: Vec<Edge>,
    /// Whether the end says `continues`; when not, `to` holds every target of the opener.
    pub explicit: bool,
}

impl Step {
    /// Whether the flow may stop at this sub-process step: an outcome of its sub-process
    /// continues nowhere.
    pub fn stops(&self) -> bool {
        self.outcomes.iter().any(|o| o.explicit && o.to.is_empty())
    }

    /// The arrows as written in the file: [`Step::written_next`] when set, else `next`.
    pub fn written(&self) -> &[Edge] {
        self.written_next.as_deref().unwrap_or(&self.next)
    }
}

/// A Markdown page in `handlaggarstod/`.
#[derive(Clone, Debug)]
pub struct Page {
    /// Path relative to `handlaggarstod/`, with `/` separators.
    pub path: String,
    /// The file.
    pub file: FileId,
    /// Title: the step's title for guidance, the first `# heading` for other pages.
    pub title: String,
}

/// Settings from `book.toml`, with defaults applied.
#[derive(Clone, Debug)]
pub struct Book {
    /// Title of the model.
    pub title: String,
    /// One-line description.
    pub description: Option<String>,
    /// Language code.
    pub language: String,
    /// Authors.
    pub authors: Vec<String>,
    /// Version label.
    pub version: Option<String>,
    /// Date for the title block.
    pub date: Option<String>,
    /// Output folder, relative to the model.
    pub build_dir: String,
    /// Theme folder, relative to the model.
    pub theme: String,
    /// Paper of the printed map.
    pub paper: Paper,
    /// Orientation of the printed map.
    pub orientation: Orientation,
    /// The accessibility statement, if given.
    pub accessibility: Option<AccessibilitySection>,
    /// `[book] edit-url`: a web address template with `{path}`.
    pub edit_url: Option<String>,
    /// `[book] feedback`: a mailto or web address template with `{step}` and `{title}`.
    pub feedback: Option<String>,
    /// `[book] previous`: the git revision of the previous version.
    pub previous: Option<String>,
}

/// A whole model, resolved.
#[derive(Debug)]
pub struct Model {
    /// Every file read.
    pub sources: SourceMap,
    /// Settings.
    pub book: Book,
    /// Lanes in the order of `karta.yaml`, shared areas included.
    pub lanes: Vec<Lane>,
    /// The overview map.
    pub overview: ProcessMap,
    /// Sub-process maps, sorted by the number of the step that opens them.
    pub subprocesses: Vec<ProcessMap>,
    /// Guidance page of each step.
    pub guidance: BTreeMap<StepNr, Page>,
    /// Other pages (glossary and free pages), sorted by path.
    pub pages: Vec<Page>,
    /// The introduction (`index.md`).
    pub intro: Option<Page>,
    /// The laws the guidance cites (`handlaggarstod/lagar.yaml`).
    pub laws: laws::Laws,
    /// What could not be read: the rules fold what follows from it into its cause.
    pub losses: Losses,
}

impl Model {
    /// The lane with this id.
    pub fn lane(&self, id: &LaneId) -> Option<&Lane> {
        self.lanes.iter().find(|l| &l.id == id)
    }

    /// All maps: the overview first, then the sub-processes.
    pub fn maps(&self) -> impl Iterator<Item = &ProcessMap> {
        std::iter::once(&self.overview).chain(self.subprocesses.iter())
    }

    /// The sub-process with this id.
    pub fn subprocess(&self, id: &str) -> Option<&ProcessMap> {
        self.subprocesses
            .iter()
            .find(|m| m.id == MapId::Sub(id.to_string()))
    }

    /// Any step by its cited number.
    pub fn step(&self, nr: StepNr) -> Option<(&ProcessMap, &Step)> {
        let map = match nr.parent {
            None => &self.overview,
            Some(p) => self
                .subprocesses
                .iter()
                .find(|m| m.opened_from == Some(StepNr::top(p)))?,
        };
        map.step(nr).map(|s| (map, s))
    }

    /// Why step `nr` may be missing because something could not be read, if it may: see
    /// [`lost_step`].
    pub fn lost_step(&self, nr: StepNr) -> Option<crate::diagnostic::Cause> {
        lost_step(&self.losses, &self.overview, &self.subprocesses, nr)
    }

    /// The text of a page's source.
    pub fn markdown(&self, page: &Page) -> &str {
        &self.sources.get(page.file).text
    }
}

/// Why step `nr` may be missing because something could not be read: its lane or
/// sub-process file, the step itself, or, for a sub-process step, the step or the file
/// that would open its map.
pub fn lost_step(
    losses: &Losses,
    overview: &ProcessMap,
    subs: &[ProcessMap],
    nr: StepNr,
) -> Option<crate::diagnostic::Cause> {
    let Some(p) = nr.parent else {
        return losses.step(None, nr.local);
    };
    let parent = StepNr::top(p);
    if let Some(map) = subs.iter().find(|m| m.opened_from == Some(parent)) {
        let MapId::Sub(id) = &map.id else { return None };
        return losses.step(Some(id), nr.local);
    }
    match overview.step(parent) {
        Some(opener) => {
            let name = opener.process.as_deref()?;
            losses
                .map(Some(name))
                .or_else(|| losses.file(&format!("process/underprocesser/{name}.yaml")))
        }
        None => losses.step(None, p),
    }
}

/// The soft hyphen (U+00AD): an invisible mark in a title or lane name where a long word
/// may break on the map, as in `"Arbets\u00ADförmedlingen"`. Drawn as "-" at the end of a
/// line, never elsewhere.
pub const SOFT_HYPHEN: char = '\u{ad}';

/// Most characters (soft hyphens included) of a step title. A title is printed in its box
/// on the map; a longer text belongs in the guidance page. The bound keeps the layout, which
/// measures and wraps every title, and the map files small whatever the input.
pub const MAX_TITLE_CHARS: usize = 300;
/// Most characters of an arrow's label, printed beside the arrow on the map.
pub const MAX_LABEL_CHARS: usize = 100;

/// `text` without its soft hyphens: what a reader sees when the text is not wrapped.
pub fn plain(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(SOFT_HYPHEN) {
        text.replace(SOFT_HYPHEN, "").into()
    } else {
        text.into()
    }
}

/// A file-name slug of a title: lowercase ASCII, å/ä→a, ö→o, words joined by `-`; soft
/// hyphens, which only mark where the map may break a word, are ignored.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in plain(title).to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs_fold_swedish_letters_and_ignore_soft_hyphens() {
        assert_eq!(
            super::slug("Prövning av sjuk- eller aktivitets\u{ad}ersättning?"),
            "provning-av-sjuk-eller-aktivitetsersattning"
        );
        assert_eq!(
            super::plain("Arbets\u{ad}förmedlingen"),
            "Arbetsförmedlingen"
        );
    }
}
