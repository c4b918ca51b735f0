//! Layout benchmark: generated models of 50, 500 and 2000 steps across 6–10 lanes, and the
//! repository's model. For each: the time to lay out the overview and write its SVG
//! (median of several runs, release build), and the peak memory of the process so far.
//!
//! Run with `cargo bench --bench layout`. Not a test: the figures go in the notes.

use std::path::Path;
use std::time::Instant;

mod common;
use common::write_model;

fn peak_rss_mib() -> f64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    usage.ru_maxrss as f64 / 1024.0
}

fn measure(name: &str, root: &Path, runs: usize) {
    let checked = processkarta::check_model(root).unwrap();
    assert!(
        !checked.has_errors(),
        "{name}: the generated model has errors"
    );
    let model = &checked.model;
    let mut times = Vec::new();
    let mut figures = (0, 0, 0.0);
    for _ in 0..runs {
        let start = Instant::now();
        let layout = processkarta::layout::layout_map(model, &model.overview);
        let svg = processkarta::render::map::overview_svg(model, &layout, "");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        figures = (layout.crossings, svg.len(), layout.scale);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{name:<24} {:>5} steps  layout+svg median {:>8.1} ms (min {:>7.1})  crossings {:>5}  svg {:>7} bytes  peak rss {:>6.1} MiB",
        model.overview.steps.len(),
        times[times.len() / 2],
        times[0],
        figures.0,
        figures.1,
        peak_rss_mib()
    );
}

fn main() {
    if cfg!(debug_assertions) {
        eprintln!("note: run with `cargo bench` for release figures");
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    measure("repository model", repo, 21);
    for (n, lanes) in [(50, 6), (500, 8), (2000, 10)] {
        let dir = tempfile::tempdir().unwrap();
        write_model(dir.path(), n, lanes);
        measure(
            &format!("generated {n}/{lanes} lanes"),
            dir.path(),
            if n > 500 { 5 } else { 11 },
        );
    }
}
