//! Property tests: random valid models — lanes, shared areas, steps, arrows, loops, vägval,
//! sub-processes — pass `check` without a problem and build.

mod util;

use proptest::prelude::*;
use std::fmt::Write as _;
use std::path::Path;

/// A generated model, described by numbers that proptest can shrink.
#[derive(Debug, Clone)]
struct Spec {
    lanes: usize,
    shared: bool,
    /// For each step after the first: its lane and extra arrows (targets as offsets).
    steps: Vec<(usize, Vec<usize>, Option<usize>)>,
    /// Steps (by index) that open a sub-process of the given length.
    subs: Vec<(usize, usize)>,
}

const WORDS: [&str; 12] = [
    "Ansökan",
    "läkarintyg",
    "utredning",
    "samordning",
    "beslut",
    "möte",
    "plan",
    "uppföljning",
    "kartläggning",
    "insats",
    "åtgärd",
    "överlämning",
];

fn spec() -> impl Strategy<Value = Spec> {
    (1usize..7, any::<bool>(), 2usize..40).prop_flat_map(|(lanes, shared, n)| {
        let step = (
            0..lanes + usize::from(shared),
            prop::collection::vec(1usize..6, 0..3),
            prop::option::of(1usize..6),
        );
        (
            Just(lanes),
            Just(shared),
            prop::collection::vec(step, n),
            prop::collection::vec((0usize..n, 2usize..5), 0..3),
        )
            .prop_map(|(lanes, shared, steps, subs)| Spec {
                lanes,
                shared,
                steps,
                subs,
            })
    })
}

fn lane_id(i: usize, lanes: usize) -> String {
    if i >= lanes {
        "gemensamt".into()
    } else {
        format!("part-{i}")
    }
}

fn title(i: usize) -> String {
    format!(
        "{} {}",
        WORDS[i % WORDS.len()],
        WORDS[(i * 7 + 3) % WORDS.len()]
    )
}

/// Writes the model described by `spec` to `dir`. Step `i` is number `i + 1`; every step
/// leads to the next one, so every step is reachable and reaches the end; extra arrows go
/// forward, and a loop goes back along that chain, so it always has a way out.
fn write_model(spec: &Spec, dir: &Path) {
    let n = spec.steps.len() + 1;
    let total_lanes = spec.lanes + usize::from(spec.shared);
    let mut per_lane: Vec<String> = vec![String::new(); total_lanes];
    let mut sub_files = Vec::new();
    let mut opened = std::collections::BTreeMap::new();
    for &(idx, len) in &spec.subs {
        if idx > 0 && idx < n - 1 {
            opened.entry(idx).or_insert(len);
        }
    }
    let guidance = |nr: &str| {
        let p = dir.join(format!("handlaggarstod/steg/{nr}-steg.md"));
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, format!("## Syfte\n\nStöd för steg {nr}.\n")).unwrap();
    };
    for i in 0..n {
        let nr = i + 1;
        let (lane, extra, back) = if i == 0 {
            (0, vec![], None)
        } else {
            spec.steps[i - 1].clone()
        };
        let mut targets: Vec<usize> = Vec::new();
        if nr < n {
            targets.push(nr + 1);
            for off in extra {
                let t = nr + 1 + off;
                if t <= n && !targets.contains(&t) {
                    targets.push(t);
                }
            }
            if let Some(b) = back {
                let t = nr.saturating_sub(b);
                if t > 1 && !targets.contains(&t) {
                    targets.push(t);
                }
            }
        }
        let kind = if nr == 1 {
            "start"
        } else if nr == n {
            "end"
        } else if opened.contains_key(&i) {
            "subprocess"
        } else if targets.len() >= 2 {
            "vagval"
        } else {
            "task"
        };
        let out = &mut per_lane[lane];
        let _ = write!(
            out,
            "  - nr: {nr}\n    title: {}\n    kind: {kind}\n",
            title(nr)
        );
        if kind == "subprocess" {
            let _ = writeln!(out, "    process: under-{nr}");
            sub_files.push((nr, opened[&i], lane, targets.clone()));
        }
        if !targets.is_empty() {
            let _ = writeln!(out, "    next:");
            for (k, t) in targets.iter().enumerate() {
                let _ = writeln!(out, "      - {{to: {t}, label: Svar {k}}}");
            }
        }
        guidance(&nr.to_string());
    }
    let w = |rel: &str, text: String| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w(
        "book.toml",
        std::fs::read_to_string(util::fixture("valid/book.toml")).unwrap(),
    );
    w(
        "handlaggarstod/index.md",
        "# Modell\n\nBörja vid [steg 1](steg:1).\n".into(),
    );
    let ids: Vec<String> = (0..total_lanes).map(|i| lane_id(i, spec.lanes)).collect();
    w(
        "process/karta.yaml",
        format!("title: Genererad\nlanes: [{}]\n", ids.join(", ")),
    );
    for (i, steps) in per_lane.iter().enumerate() {
        let shared = if i >= spec.lanes {
            "shared: true\n"
        } else {
            ""
        };
        w(
            &format!("process/{}.yaml", ids[i]),
            format!("name: Part {i}\n{shared}steps:\n{steps}"),
        );
    }
    for (parent, len, lane, targets) in sub_files {
        let lane = if lane >= spec.lanes { 0 } else { lane };
        let mut text = format!(
            "title: Underprocess {parent}\nlane: {}\nsteps:\n",
            lane_id(lane, spec.lanes)
        );
        for k in 1..=len {
            let kind = if k == 1 {
                "start"
            } else if k == len {
                "end"
            } else {
                "task"
            };
            let _ = write!(
                text,
                "  - nr: {k}\n    kind: {kind}\n    title: {}\n",
                title(k + parent)
            );
            if k < len {
                let _ = writeln!(text, "    next: {}", k + 1);
            } else if targets.len() > 1 {
                // The one outcome goes on to every target of the opening step.
                let list: Vec<String> = targets.iter().map(ToString::to_string).collect();
                let _ = writeln!(text, "    continues: [{}]", list.join(", "));
            }
            guidance(&format!("{parent}.{k}"));
        }
        w(&format!("process/underprocesser/under-{parent}.yaml"), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_valid_models_check_clean_and_render(spec in spec()) {
        let dir = util::tempdir();
        write_model(&spec, dir.path());
        let checked = processkarta::check_model(dir.path()).unwrap();
        let shown = processkarta::diagnostic::render_human(&checked.diagnostics, &checked.model.sources, false, processkarta::i18n::Lang::En);
        // A large random model may well not fit A3 (W003); nothing else may be reported.
        prop_assert!(
            checked.diagnostics.iter().all(|d| d.code.as_str() == "W003"),
            "{}",
            shown
        );
        let model = &checked.model;
        for map in model.maps() {
            let layout = processkarta::layout::layout_map(model, map);
            let (shapes, arrows) = util::geometry::of_layout(&layout);
            prop_assert_eq!(shapes.len(), map.steps.len());
            prop_assert_eq!(arrows.len(), map.steps.iter().map(|s| s.next.len()).sum::<usize>());
            let problems = util::geometry::problems(&shapes, &arrows);
            prop_assert!(problems.is_empty(), "{}", problems.join("\n"));
            prop_assert!(layout.scale > 0.0 && layout.scale <= processkarta::layout::style::MAX_SCALE);
            // Reading order: an arrow to a later step never points left.
            for e in &layout.edges {
                let (Some(a), Some(b)) = (layout.step_box(e.from), layout.step_box(e.to)) else {
                    continue;
                };
                if map.index_of(e.from) < map.index_of(e.to) {
                    prop_assert!(
                        b.rect.x + b.rect.w / 2.0 >= a.rect.x + a.rect.w / 2.0 - 1e-6,
                        "arrow {} → {} points left", e.from, e.to
                    );
                }
            }
        }
        for lane in model.lanes.iter().filter(|l| !l.shared) {
            let layout = processkarta::layout::layout_lane(model, &lane.id);
            let (shapes, arrows) = util::geometry::of_layout(&layout);
            let problems = util::geometry::problems(&shapes, &arrows);
            prop_assert!(problems.is_empty(), "lane {}: {}", lane.id, problems.join("\n"));
        }
        let output = processkarta::render::render(model);
        prop_assert!(output.is_ok());
    }
}
