//! Turning a checked model into files, in memory. Nothing here touches the disk: the
//! result is an [`Output`] that [`crate::write`] puts in place.
//!
//! URL layout of the site (shared by the map and the pages):
//! `index.html` (overview map and introduction), `steg/<nr>.html` (a step: `steg/12.html`,
//! `steg/15.3.html`), `parter/<lane-id>.html` (a party), `underprocesser/<id>.html`
//! (a sub-process), `kartor/*.svg|pdf` (the maps as files), `sidor/<path>.html` (free pages).

use std::collections::BTreeMap;

/// Files to write, by path relative to the output folder (with `/` separators).
#[derive(Debug, Default)]
pub struct Output {
    /// File contents by relative path. A `BTreeMap` keeps the order, and so the output,
    /// deterministic.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    /// Adds a file, replacing any earlier one at the same path.
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }
}

/// The relative URL of a step's page from the site root.
pub fn step_url(nr: crate::model::StepNr) -> String {
    format!("steg/{nr}.html")
}

pub mod map;
pub mod site;

use crate::diagnostic::Diagnostic;
use crate::model::Model;

/// Renders the maps and the site of a checked model. Fails with diagnostics for problems
/// only the build sees (such as a missing accessibility statement).
///
/// The maps (whose PDF is the slowest single file) are drawn on a second thread while the
/// pages are written; the two outputs are merged into one sorted map, so the result does not
/// depend on which finishes first.
///
/// The page of changes since `[book] previous` needs the checked model: only
/// [`render_checked`] makes it.
pub fn render(model: &Model) -> Result<Output, Vec<Diagnostic>> {
    render_laid_out(model, &map::Layouts::of(model), None)
}

/// [`render`] of a checked model, with the map layouts `check` already made, and with the
/// page of changes since `[book] previous` (whose revision is read first, through
/// [`crate::diff::previous`]).
pub fn render_checked(checked: &crate::Checked) -> Result<Output, Vec<Diagnostic>> {
    let changes = crate::diff::previous::changes(checked).map_err(|d| vec![d])?;
    render_laid_out(
        &checked.model,
        &map::Layouts::of_checked(checked),
        changes.as_ref(),
    )
}

fn render_laid_out(
    model: &Model,
    layouts: &map::Layouts,
    changes: Option<&crate::diff::ModelDiff>,
) -> Result<Output, Vec<Diagnostic>> {
    let mut maps = Output::default();
    let mut out = Output::default();
    let (maps_done, site_done) = std::thread::scope(|scope| {
        let maps_thread = scope.spawn(|| map::render_maps(model, layouts, &mut maps));
        let site_done = site::render_site(model, layouts, changes, &mut out);
        let maps_done = maps_thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (maps_done, site_done)
    });
    maps_done?;
    site_done?;
    out.files.extend(maps.files);
    Ok(out)
}
