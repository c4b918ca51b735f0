//! Site build benchmark: a full build (check, maps, pages, search index, written to disk) of
//! the repository's model and of generated models with 500 and 2000 steps, and the rebuild
//! that `serve` does after one edit of a guidance page (check and render, in memory).
//!
//! Run with `cargo bench --bench build`; `benches/mdbook.sh` runs it next to `mdbook build`
//! on the same Markdown. Not a test: the figures go in the notes.

use std::path::Path;
use std::time::Instant;

mod common;
use common::write_model;

fn median(mut ms: Vec<f64>) -> (f64, f64) {
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], ms[0])
}

/// A full build as `processkarta build` does it, into a fresh folder each time.
fn full_build(root: &Path, runs: usize) -> (f64, f64, usize) {
    let mut times = Vec::new();
    let mut files = 0;
    for _ in 0..runs {
        let out = tempfile::tempdir().unwrap();
        let start = Instant::now();
        let checked = processkarta::check_model(root).unwrap();
        assert!(
            !checked.has_errors(),
            "{}: the model has errors",
            root.display()
        );
        let output = processkarta::render::render(&checked.model).unwrap();
        files = output.files.len();
        let site = out.path().join("site");
        let processkarta::write::Locking::Acquired(lock) =
            processkarta::write::BuildLock::try_acquire(&site).unwrap()
        else {
            panic!("{}: locked by another build", site.display());
        };
        processkarta::write::write_atomic(&output, &lock).unwrap();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let (med, min) = median(times);
    (med, min, files)
}

/// What `serve` does after an edit: reload, check and render in memory.
fn rebuild_after_edit(root: &Path, runs: usize) -> (f64, f64) {
    let page = std::fs::read_dir(root.join("handlaggarstod/steg"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .min()
        .unwrap();
    let original = std::fs::read_to_string(&page).unwrap();
    let mut times = Vec::new();
    for k in 0..runs {
        std::fs::write(&page, format!("{original}\nÄndring {k}.\n")).unwrap();
        let start = Instant::now();
        let checked = processkarta::check_model(root).unwrap();
        let output = processkarta::render::render(&checked.model).unwrap();
        std::hint::black_box(output.files.len());
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    std::fs::write(&page, original).unwrap();
    median(times)
}

fn report(name: &str, root: &Path, runs: usize) {
    let (med, min, files) = full_build(root, runs);
    let (rmed, rmin) = rebuild_after_edit(root, runs);
    println!(
        "{name:<26} full build median {med:>8.1} ms (min {min:>7.1}), {files:>5} files;  serve rebuild after an edit median {rmed:>8.1} ms (min {rmin:>7.1})"
    );
}

fn main() {
    if cfg!(debug_assertions) {
        eprintln!("note: run with `cargo bench` for release figures");
    }
    // The repository's model, copied so that the edit never touches the real files.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let copy = tempfile::tempdir().unwrap();
    for part in ["book.toml", "process", "handlaggarstod", "themes"] {
        copy_all(&repo.join(part), &copy.path().join(part));
    }
    report("repository model", copy.path(), 11);
    for (n, lanes) in [(500, 8), (2000, 10)] {
        let dir = tempfile::tempdir().unwrap();
        write_model(dir.path(), n, lanes);
        report(
            &format!("generated {n} steps"),
            dir.path(),
            if n > 500 { 3 } else { 5 },
        );
    }
}

fn copy_all(from: &Path, to: &Path) {
    if from.is_file() {
        std::fs::copy(from, to).unwrap();
        return;
    }
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        copy_all(&entry.path(), &to.join(entry.file_name()));
    }
}
