//! Bounded, whatever the input: long chains of steps on a small stack, output that grows
//! with the number of problems and not with the size of a line, write errors, inputs that
//! used to take quadratic time or memory, and control characters in diagnostics.

mod util;

use std::fmt::Write as _;
use util::Model;

/// A valid model whose overview runs from step 1 through a chain of `n` steps (numbered from
/// 1000, at most 20 000 per lane file) to the end step 7.
fn chain(n: u32) -> Model {
    let model = Model::fixture("valid");
    let mut lanes = Vec::new();
    let last = 1000 + n - 1;
    for (k, first) in (1000..=last).step_by(20_000).enumerate() {
        let lane = format!("kedja{k}");
        let mut yaml = format!("name: Kedja {k}\nsteps:\n");
        for nr in first..=(first + 19_999).min(last) {
            let next = if nr == last { 7 } else { nr + 1 };
            let _ = write!(
                yaml,
                "  - nr: {nr}\n    title: Steg {nr}\n    next: {next}\n"
            );
            model.write(&format!("handlaggarstod/steg/{nr}-steg.md"), "Text.\n");
        }
        model.write(&format!("process/{lane}.yaml"), yaml);
        lanes.push(lane);
    }
    let karta = model.read("process/karta.yaml").replace(
        "lanes: [individ, kommun, team]",
        &format!("lanes: [individ, kommun, team, {}]", lanes.join(", ")),
    );
    model.write("process/karta.yaml", karta);
    let individ = model
        .read("process/individ.yaml")
        .replace("next: 2", "next: [2, 1000]");
    model.write("process/individ.yaml", individ);
    model
}

/// The codes `check` finds (sorted), run as the library on a thread with a 1 MiB stack (the size of
/// a Windows main thread).
fn check_on_small_stack(model: &Model) -> Vec<&'static str> {
    let root = model.path().to_path_buf();
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            let checked = processkarta::check_model(&root).unwrap();
            let mut codes: Vec<&'static str> = checked
                .diagnostics
                .iter()
                .map(|d| d.code.as_str())
                .collect();
            codes.sort_unstable();
            codes
        })
        .unwrap()
        .join()
        .expect("check overflowed or panicked")
}

#[test]
fn a_chain_of_12000_steps_checks_on_a_1_mib_stack() {
    let model = chain(12_000);
    // The last arrow, 11999 → 7, runs against the numbering; the map is far too large for A3.
    assert_eq!(check_on_small_stack(&model), ["W001", "W003"]);
}

#[test]
fn a_loop_of_12000_steps_with_no_way_out_is_found_on_a_1_mib_stack() {
    let model = chain(12_000);
    let lane = model
        .read("process/kedja0.yaml")
        .replace("next: 7\n", "next: 1000\n");
    model.write("process/kedja0.yaml", lane);
    assert_eq!(check_on_small_stack(&model), ["E036"]);
}

#[test]
fn a_chain_of_100000_steps_checks() {
    let model = chain(100_000);
    let run = model.run(&["check", "--format", "json"]);
    run.expect_status(0);
    let mut codes: Vec<String> = serde_json::from_str::<Vec<serde_json::Value>>(&run.stdout)
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    codes.sort_unstable();
    assert_eq!(codes, ["W001", "W003"], "{run}");
}
