//! The maps, measured: the SVG of the repository's model and of the fixtures is parsed and
//! checked for overlapping boxes, arrows through boxes, titles outside their boxes, broken
//! links, the page size, the semantic markup and determinism; the PDF for links and an
//! embedded font.

mod util;

use processkarta::layout::style::{TITLE_SIZE, TITLE_WIDTH};
use processkarta::layout::text::{width, Weight};
use roxmltree::{Document, Node};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use util::geometry::{self, Arrow, Shape};

fn render(root: &Path) -> (processkarta::model::Model, BTreeMap<String, Vec<u8>>) {
    let checked = processkarta::check_model(root).unwrap();
    assert!(
        !checked.has_errors(),
        "the model at {} has errors",
        root.display()
    );
    let out = processkarta::render::render(&checked.model).unwrap();
    (checked.model, out.files)
}

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("{path} was not built"))
            .clone(),
    )
    .unwrap()
}

fn attr(n: Node, name: &str) -> f64 {
    n.attribute(name)
        .unwrap_or_else(|| panic!("<{}> has no {name}", n.tag_name().name()))
        .parse()
        .unwrap()
}

fn has_class(n: &Node, class: &str) -> bool {
    n.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|x| x == class))
}

/// The bounding box of a step's shape: a `rect`, or the diamond `path`.
fn shape_of(step: Node) -> Shape {
    let nr = step.attribute("data-nr").unwrap().to_string();
    let shape = step
        .children()
        .find(|c| c.is_element())
        .expect("a step has a shape as its first child");
    assert!(
        has_class(&shape, "shape"),
        "the first child of step {nr} is its shape"
    );
    match shape.tag_name().name() {
        "rect" => Shape {
            nr,
            x: attr(shape, "x"),
            y: attr(shape, "y"),
            w: attr(shape, "width"),
            h: attr(shape, "height"),
        },
        "path" => {
            let d = shape.attribute("d").unwrap().replace(" Z", "");
            let pts = geometry::parse_path(&d).expect("a diamond of M and L");
            let xs = pts.iter().map(|p| p.0);
            let ys = pts.iter().map(|p| p.1);
            let (x0, x1) = (
                xs.clone().fold(f64::MAX, f64::min),
                xs.fold(f64::MIN, f64::max),
            );
            let (y0, y1) = (
                ys.clone().fold(f64::MAX, f64::min),
                ys.fold(f64::MIN, f64::max),
            );
            Shape {
                nr,
                x: x0,
                y: y0,
                w: x1 - x0,
                h: y1 - y0,
            }
        }
        other => panic!("unexpected shape <{other}> for step {nr}"),
    }
}

/// Checks one map SVG; returns the step numbers it shows.
fn check_svg(svg: &str, name: &str) -> Vec<String> {
    let doc = Document::parse(svg).unwrap_or_else(|e| panic!("{name} is not XML: {e}"));
    let root = doc.root_element();
    assert!(
        root.children().any(|c| c.has_tag_name("title")),
        "{name} has a <title>"
    );
    assert!(
        root.children().any(|c| c.has_tag_name("desc")),
        "{name} has a <desc>"
    );
    let steps: Vec<Node> = doc.descendants().filter(|n| has_class(n, "step")).collect();
    let shapes: Vec<Shape> = steps.iter().map(|s| shape_of(*s)).collect();
    let mut arrows = Vec::new();
    for e in doc.descendants().filter(|n| has_class(n, "edge")) {
        assert!(
            e.attribute("marker-end").is_some(),
            "arrows have arrowheads"
        );
        let d = e.attribute("d").unwrap();
        assert!(
            d.split_whitespace()
                .filter(|t| t.chars().all(char::is_alphabetic))
                .all(|t| matches!(t, "M" | "L" | "H" | "V")),
            "{name}: an arrow uses other commands than M, L, H, V: {d}"
        );
        arrows.push(Arrow {
            from: e.attribute("data-from").unwrap().to_string(),
            to: e.attribute("data-to").unwrap().to_string(),
            points: geometry::parse_path(d).unwrap(),
        });
        // Arrows are hidden from assistive technology, through their group.
        assert!(
            e.ancestors()
                .any(|a| a.attribute("aria-hidden") == Some("true")),
            "{name}: an arrow is not aria-hidden"
        );
    }
    let problems = geometry::problems(&shapes, &arrows);
    assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    // Titles stay inside their boxes.
    for (step, shape) in steps.iter().zip(&shapes) {
        let title = step
            .descendants()
            .find(|n| has_class(n, "title"))
            .unwrap_or_else(|| panic!("step {} has a title", shape.nr));
        assert_eq!(attr(title, "font-size"), TITLE_SIZE);
        for line in title.children().filter(|c| c.has_tag_name("tspan")) {
            let s = line.text().unwrap_or("");
            let w = width(&html_unescape(s), TITLE_SIZE, Weight::Regular);
            let (x, y) = (attr(line, "x"), attr(line, "y"));
            assert!(
                w <= TITLE_WIDTH + 0.01,
                "{name}: a line of step {} is {w} pt wide",
                shape.nr
            );
            assert!(
                x - w / 2.0 >= shape.x && x + w / 2.0 <= shape.x + shape.w,
                "{name}: the title of step {} leaves its box sideways",
                shape.nr
            );
            assert!(
                y - TITLE_SIZE >= shape.y && y + 2.0 <= shape.y + shape.h,
                "{name}: the title of step {} leaves its box at y {y}",
                shape.nr
            );
        }
        // Each step is a link with an accessible name.
        let link = step.parent().unwrap();
        assert!(link.has_tag_name("a"), "step {} is a link", shape.nr);
        // Its name is its <title>: "Steg 12: …".
        let label = link
            .children()
            .find(|c| c.has_tag_name("title"))
            .and_then(|t| t.text())
            .unwrap_or_else(|| panic!("the link of step {} has no <title>", shape.nr));
        assert!(
            label.starts_with(&format!("Steg {}: ", shape.nr)),
            "{label}"
        );
    }
    // No text below 7 pt on the page.
    let scale = doc
        .descendants()
        .find(|n| has_class(n, "diagram"))
        .and_then(|g| g.attribute("transform"))
        .and_then(|t| t.split("scale(").nth(1))
        .map_or(1.0, |s| s.trim_end_matches(')').parse::<f64>().unwrap());
    for n in doc
        .descendants()
        .filter(|n| n.attribute("font-size").is_some())
    {
        let in_diagram = n.ancestors().any(|a| has_class(&a, "diagram"));
        let size = attr(n, "font-size") * if in_diagram { scale } else { 1.0 };
        assert!(size >= 7.0 - 1e-9, "{name}: text of {size} pt");
    }
    shapes.into_iter().map(|s| s.nr).collect()
}

fn html_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every `href` in the maps points at a file that was built.
fn links_resolve(files: &BTreeMap<String, Vec<u8>>) {
    let mut broken = Vec::new();
    for (path, bytes) in files
        .iter()
        .filter(|(p, _)| p.starts_with("kartor/") && p.ends_with(".svg"))
    {
        let svg = String::from_utf8(bytes.clone()).unwrap();
        let doc = Document::parse(&svg).unwrap();
        for a in doc.descendants().filter(|n| n.has_tag_name("a")) {
            let href = a.attribute("href").unwrap();
            let target = href.split('#').next().unwrap();
            let base = Path::new(path).parent().unwrap();
            let mut resolved: Vec<&str> = base
                .to_str()
                .unwrap()
                .split('/')
                .filter(|s| !s.is_empty())
                .collect();
            for part in target.split('/') {
                match part {
                    ".." => {
                        resolved.pop();
                    }
                    "." | "" => {}
                    p => resolved.push(p),
                }
            }
            let joined = resolved.join("/");
            if !files.contains_key(&joined) {
                broken.push(format!("{path}: {href}"));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "broken links in the maps:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_repository_model_draws_clean_maps() {
    let (model, files) = render(&util::repo());
    let overview = text(&files, "kartor/oversikt.svg");
    let shown = check_svg(&overview, "oversikt.svg");
    let expected: Vec<String> = model
        .overview
        .steps
        .iter()
        .map(|s| s.nr.to_string())
        .collect();
    assert_eq!(shown, expected, "every overview step once, in number order");

    let doc = Document::parse(&overview).unwrap();
    let lanes: Vec<&str> = doc
        .descendants()
        .filter(|n| has_class(n, "lane"))
        .map(|n| n.attribute("data-lane").unwrap())
        .collect();
    assert_eq!(
        lanes,
        [
            "individen",
            "socialtjansten",
            "halso-och-sjukvarden",
            "forsakringskassan",
            "arbetsformedlingen",
            "jobbtorg"
        ]
    );
    let shared: Vec<&str> = doc
        .descendants()
        .filter(|n| has_class(n, "shared-area"))
        .map(|n| n.attribute("data-lane").unwrap())
        .collect();
    assert_eq!(shared, ["finsamteam", "finsaminsats"]);
    let arrows = model
        .overview
        .steps
        .iter()
        .map(|s| s.next.len())
        .sum::<usize>();
    assert_eq!(
        doc.descendants().filter(|n| has_class(n, "edge")).count(),
        arrows
    );
    assert_eq!(
        doc.descendants().filter(|n| has_class(n, "legend")).count(),
        1
    );
    assert_eq!(
        doc.descendants()
            .filter(|n| has_class(n, "title-block"))
            .count(),
        1
    );
    let kinds: BTreeSet<&str> = doc
        .descendants()
        .filter(|n| has_class(n, "step"))
        .map(|n| n.attribute("data-kind").unwrap())
        .collect();
    assert_eq!(
        kinds,
        BTreeSet::from(["end", "start", "subprocess", "task", "vagval"])
    );

    for sub in &model.subprocesses {
        let processkarta::model::MapId::Sub(id) = &sub.id else {
            unreachable!()
        };
        let svg = text(&files, &format!("kartor/underprocesser/{id}.svg"));
        let shown = check_svg(&svg, id);
        assert_eq!(shown.len(), sub.steps.len());
        assert!(
            svg.contains("Tillbaka till översiktskartan"),
            "{id} has a way back"
        );
    }
    for lane in model.lanes.iter().filter(|l| !l.shared) {
        let svg = text(&files, &format!("kartor/parter/{}.svg", lane.id));
        let shown = check_svg(&svg, &lane.id.0);
        let own = model
            .overview
            .steps
            .iter()
            .filter(|s| s.lane == lane.id)
            .count();
        assert_eq!(shown.len(), own, "{} shows its own steps", lane.id);
    }
    links_resolve(&files);
}

#[test]
fn page_size_follows_book_toml() {
    let (_, files) = render(&util::repo());
    let svg = text(&files, "kartor/oversikt.svg");
    let doc = Document::parse(&svg).unwrap();
    let root = doc.root_element();
    let book = std::fs::read_to_string(util::repo().join("book.toml")).unwrap();
    let paper = book
        .lines()
        .find_map(|l| l.strip_prefix("paper = "))
        .map_or("A3", |p| p.trim_matches('"'));
    let (w, h) = match paper {
        "A4" => ("297mm", "210mm"),
        "A3" => ("420mm", "297mm"),
        "A2" => ("594mm", "420mm"),
        "A1" => ("841mm", "594mm"),
        other => panic!("unknown paper {other}"),
    };
    assert_eq!(
        (root.attribute("width"), root.attribute("height")),
        (Some(w), Some(h))
    );
    let mm = |s: &str| s.trim_end_matches("mm").parse::<f64>().unwrap() * 72.0 / 25.4;
    let view: Vec<f64> = root
        .attribute("viewBox")
        .unwrap()
        .split_whitespace()
        .map(|v| v.parse().unwrap())
        .collect();
    assert!(
        (view[2] - mm(w)).abs() < 0.01 && (view[3] - mm(h)).abs() < 0.01,
        "{view:?}"
    );
}

#[test]
fn an_a3_fixture_fills_its_page_in_the_right_size() {
    let model = util::Model::fixture("valid");
    let (_, files) = render(model.path());
    let svg = text(&files, "kartor/oversikt.svg");
    let doc = Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("width"), Some("420mm"));
    assert_eq!(root.attribute("height"), Some("297mm"));
    assert_eq!(root.attribute("viewBox"), Some("0 0 1190.55 841.89"));
    check_svg(&svg, "fixture overview");
    links_resolve(&files);
}

#[test]
fn the_pdf_has_one_page_a_link_per_step_and_the_font_embedded() {
    let model = util::Model::fixture("valid");
    let (m, files) = render(model.path());
    let pdf = files.get("kartor/oversikt.pdf").expect("the PDF was built");
    let raw = String::from_utf8_lossy(pdf);
    assert!(raw.starts_with("%PDF-"));
    assert_eq!(raw.matches("/Type/Page/").count(), 1, "one page");
    let links = raw.matches("/Subtype/Link").count();
    assert_eq!(links, m.overview.steps.len(), "a link per step");
    assert!(
        raw.contains("../steg/1.html"),
        "links point at the guidance pages"
    );
    assert!(raw.contains("/FontFile2"), "the font is embedded");
    assert!(
        raw.contains("/MediaBox[0 0 1190.5511 841.8898]"),
        "A3 landscape"
    );
}

#[test]
fn maps_are_byte_identical_between_builds() {
    let (_, a) = render(&util::repo());
    let (_, b) = render(&util::repo());
    for (path, bytes) in a.iter().filter(|(p, _)| p.starts_with("kartor/")) {
        assert!(
            b.get(path) == Some(bytes),
            "{path} differs between two builds"
        );
    }
}

/// The consultation letter had to tell readers to print the overview at 65 % to get it on
/// A3: the repository's map must print on A3 as it is, with no text under 7 pt.
#[test]
fn the_repository_overview_prints_on_a3_at_full_size() {
    let (model, files) = render(&util::repo());
    assert_eq!(model.book.paper, processkarta::model::Paper::A3);
    let overview = processkarta::layout::layout_map(&model, &model.overview);
    // A3 landscape less the page margins, the title block and the legend.
    let room = processkarta::layout::style::diagram_room((1190.5511, 841.8898));
    let fills =
        |l: &processkarta::layout::MapLayout| (room.0 / l.width).min(room.1 / l.height).min(2.0);
    assert!(
        overview.scale >= 1.0 && (overview.scale - fills(&overview)).abs() < 1e-6,
        "overview is {} × {} pt at {}",
        overview.width,
        overview.height,
        overview.scale
    );
    for map in &model.subprocesses {
        let layout = processkarta::layout::layout_map(&model, map);
        assert!(
            layout.scale >= 1.0 && (layout.scale - fills(&layout)).abs() < 1e-6,
            "sub-process {:?} at {}",
            map.id,
            layout.scale
        );
    }
    let pdf = files.get("kartor/oversikt.pdf").expect("the PDF was built");
    let raw = String::from_utf8_lossy(pdf);
    assert!(
        raw.contains("/MediaBox[0 0 1190.5511 841.8898]"),
        "A3 landscape"
    );
    assert_eq!(
        raw.matches("/Subtype/Link").count(),
        model.overview.steps.len()
    );
}

/// The optimising layout: for the model of 2026-11 (32 steps, 47 arrows) the greedy layout
/// gave 50 crossings and 72 bends and the search 20 and 56. The model of issue 14 (26 steps,
/// 48 arrows, many of them long hand-overs back to earlier steps) lays out with 51 crossings
/// and 74 bends on A3 at full size; with arrows into one side of a step joined on one track
/// and the choice of corridor per arrow, 39 and 76; with bundles (arrows into one side joined
/// further away, into one port) and a search from each greedy start, 25 and 70; with ports in
/// the order the arrows turn, 21 and 77; with tracks ordered to cross least and annealing
/// after the descent, 20 and 73: these are the bounds now (20 is the target of issue 12), so
/// that an edit that makes the map busier has to say why.
#[test]
fn the_repository_overview_keeps_its_crossings_and_bends_down() {
    let (model, _) = render(&util::repo());
    let overview = processkarta::layout::layout_map(&model, &model.overview);
    assert!(
        overview.crossings <= 20,
        "{} crossings (issue 14 model: 51, combs: 39, bundles and three starts: 25, turn order: 21, annealing: 20)",
        overview.crossings
    );
    assert!(
        overview.bends <= 73,
        "{} bends (issue 14 model: 74, combs: 76, bundles and three starts: 70, turn order: 77, annealing: 73)",
        overview.bends
    );
    assert!(overview.scale >= 1.0, "still on A3 at full size");
}

/// The overview as it was before the content review (32 steps, 47 arrows), kept as a layout
/// benchmark: the greedy layout gave it 50 crossings and 72 bends; the optimising layout must
/// keep it within the target of issue 12, at most 20 and 60, on A3 at full size. (Its guidance
/// pages are not part of the fixture: only the graph matters here.)
#[test]
fn the_overview_before_the_review_keeps_the_layout_target() {
    let checked = processkarta::check_model(&util::fixture("overview-2019")).unwrap();
    let graph_errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && d.code.as_str() != "E050")
        .collect();
    assert!(graph_errors.is_empty(), "{graph_errors:?}");
    let model = &checked.model;
    let overview = processkarta::layout::layout_map(model, &model.overview);
    assert_eq!((model.overview.steps.len(), overview.edges.len()), (32, 47));
    assert!(
        overview.crossings <= 20,
        "{} crossings (greedy: 50)",
        overview.crossings
    );
    assert!(
        overview.bends <= 60,
        "{} bends (greedy: 72)",
        overview.bends
    );
    assert!(overview.scale >= 1.0, "still on A3 at full size");
}

/// `check --verbose` and `build --verbose` print the same figures per map.
#[test]
fn verbose_check_and_build_print_the_figures_of_every_map() {
    let model = util::Model::fixture("valid");
    let check = model.run(&["check", "--verbose"]);
    check.expect_status(0);
    let figures = |stderr: &str| -> Vec<String> {
        stderr
            .lines()
            .filter(|l| l.contains(" crossings, ") && l.contains(" bends, arrows "))
            .map(str::to_string)
            .collect()
    };
    let lines = figures(&check.stderr);
    assert_eq!(lines.len(), 2, "the overview and one sub-process\n{check}");
    assert!(
        lines[0].starts_with("overview: 6 steps, 6 arrows, "),
        "{check}"
    );
    assert!(
        lines[1].starts_with("sub-process utredning: 3 steps, 2 arrows, "),
        "{check}"
    );
    assert!(lines
        .iter()
        .all(|l| l.contains(" pt long, ") && l.contains(" cm²), printed at ")));
    let out = util::tempdir();
    let build = model.run(&[
        "build",
        "--verbose",
        "-o",
        out.path().join("site").to_str().unwrap(),
    ]);
    build.expect_status(0);
    assert_eq!(figures(&build.stderr), lines, "{build}");
    // In the model's language (the fixture's is Swedish), with the same figures.
    let swedish = model.run_native(&["check", "--verbose"]);
    swedish.expect_status(0);
    let svenska: Vec<&str> = swedish
        .stderr
        .lines()
        .filter(|l| l.contains(" korsningar, ") && l.contains(" hörn, pilarna "))
        .collect();
    assert_eq!(svenska.len(), 2, "{swedish}");
    assert!(
        svenska[0].starts_with("översiktskartan: 6 steg, 6 pilar, "),
        "{swedish}"
    );
    assert!(
        svenska[1].starts_with("underprocessen utredning: 3 steg, 2 pilar, "),
        "{swedish}"
    );
    assert!(svenska
        .iter()
        .all(|l| l.contains(" pt långa, ") && l.contains(" cm²), utskriven i ")));
}
