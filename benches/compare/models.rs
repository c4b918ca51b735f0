//! The Rust half of the layout comparison (`benches/compare/run.sh`):
//!
//! - `compare_models models <folder>` writes the generated models into `<folder>/gen-<steps>/`,
//!   made by the same generator as the layout benchmark;
//! - `compare_models time <model>` lays out each map of a model and prints, per map, its id as
//!   `export --to json` writes it and the median layout time in milliseconds.
//!
//! Run with `cargo run --release --example compare_models -- <mode> <folder>`.

use std::path::Path;
use std::time::Instant;

use processkarta::model::MapId;

#[path = "../common/mod.rs"]
mod common;

/// Steps and lanes of each generated model: the layout benchmark's sizes, plus 200 steps.
const MODELS: [(u32, u32); 4] = [(50, 6), (200, 8), (500, 8), (2000, 10)];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [mode, dir] if mode == "models" => write_models(Path::new(dir)),
        [mode, dir] if mode == "time" => time_layouts(Path::new(dir)),
        _ => {
            eprintln!("usage: compare_models models <folder> | compare_models time <model>");
            std::process::exit(2);
        }
    }
}

fn write_models(out: &Path) {
    for (steps, lanes) in MODELS {
        let dir = out.join(format!("gen-{steps}"));
        common::write_model(&dir, steps, lanes);
        println!("{}\t{steps} steps, {lanes} lanes", dir.display());
    }
}

/// Median of a few runs of `layout_map` per map: fewer runs on the large maps.
fn time_layouts(root: &Path) {
    let checked = processkarta::check_model(root).expect("a model folder");
    assert!(
        !checked.has_errors(),
        "{}: the model has errors",
        root.display()
    );
    let model = &checked.model;
    for map in std::iter::once(&model.overview).chain(&model.subprocesses) {
        let runs = if map.steps.len() > 500 { 3 } else { 7 };
        let mut ms: Vec<f64> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(processkarta::layout::layout_map(model, map));
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        ms.sort_by(f64::total_cmp);
        let id = match &map.id {
            MapId::Overview => "overview".to_string(),
            MapId::Sub(name) => format!("subprocess:{name}"),
        };
        println!("{id}\t{:.2}", ms[ms.len() / 2]);
    }
}
