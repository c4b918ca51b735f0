//! Layout benchmark: generated models of 50, 500 and 2000 steps across 6–10 lanes, and the
//! repository's model. For each: the time to lay out the overview and write its SVG
//! (median of several runs, release build), and the peak memory of the process so far.
//!
//! Run with `cargo bench --bench layout`. Not a test: the figures go in the notes.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

/// Writes a model of `n` steps across `lanes` lanes: a main flow with a vägval every fifth
/// step, arrows that change lanes, and a loop back every seventeenth step.
fn write_model(dir: &Path, n: u32, lanes: u32) {
    let w = |rel: &str, text: String| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let book = std::fs::read_to_string(repo.join("tests/fixtures/valid/book.toml")).unwrap();
    w("book.toml", book);
    w("handlaggarstod/index.md", "# Modell\n\nText.\n".into());
    let ids: Vec<String> = (0..lanes).map(|l| format!("part{l}")).collect();
    w(
        "process/karta.yaml",
        format!("title: Benchmark\nlanes: [{}]\n", ids.join(", ")),
    );
    let mut files: Vec<String> = ids
        .iter()
        .map(|id| format!("name: Part {id}\nsteps:\n"))
        .collect();
    for i in 1..=n {
        let lane = ((i * 7 + i / 3) % lanes) as usize;
        let kind = if i == 1 {
            "start"
        } else if i == n {
            "end"
        } else if i % 5 == 0 && i + 2 <= n {
            "vagval"
        } else {
            "task"
        };
        let s = &mut files[lane];
        let _ = write!(
            s,
            "  - nr: {i}\n    kind: {kind}\n    title: Steg {i} i flödet\n"
        );
        match kind {
            "end" => {}
            "vagval" => {
                let _ = write!(
                    s,
                    "    next:\n      - {{ to: {}, label: Ja }}\n      - {{ to: {}, label: Nej }}\n",
                    i + 1,
                    i + 2
                );
            }
            _ if i % 17 == 0 && i > 4 => {
                let _ = writeln!(s, "    next: [{}, {}]", i + 1, i - 3);
            }
            _ => {
                let _ = writeln!(s, "    next: {}", i + 1);
            }
        }
        w(
            &format!("handlaggarstod/steg/{i}-steg-{i}-i-flodet.md"),
            "## Syfte\n\nText.\n".into(),
        );
    }
    for (id, text) in ids.iter().zip(files) {
        w(&format!("process/{id}.yaml"), text);
    }
}

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
        let svg = processkarta::render::map::overview_svg(model, "");
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
