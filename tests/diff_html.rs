//! `processkarta diff --format html`: the review page of every diff fixture marks exactly
//! the steps and arrows the JSON report names, stands alone (no script, no outside
//! request), and is written only where an export may write; `--png` draws the new overview.

mod util;

use serde_json::Value;
use std::collections::BTreeSet;
use util::Model;

/// (side, map, kind, id, change): kind is `step` (id its number) or `arrow` (id `from→to`).
type Marked = BTreeSet<(String, String, &'static str, String, String)>;

/// The value of attribute `name` in the start tag `tag`.
fn attr(tag: &str, name: &str) -> Option<String> {
    let pat = format!(" {name}=\"");
    let start = tag.find(&pat)? + pat.len();
    let end = tag[start..].find('"')?;
    Some(tag[start..start + end].to_string())
}

/// Every start tag of `html` that carries `data-change`, with the figure it is in.
fn marked_in_page(html: &str) -> Marked {
    let mut out = Marked::new();
    for figure in html.split("<figure class=\"side\"").skip(1) {
        let head = &figure[..figure.find('>').unwrap()];
        let side = attr(head, "data-side").unwrap();
        let map = attr(head, "data-map").unwrap();
        let body = &figure[..figure.find("</figure>").unwrap()];
        for tag in body.split('<').skip(1) {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            let Some(change) = attr(tag, "data-change") else {
                continue;
            };
            if tag.starts_with("g class=\"step\"") {
                let nr = attr(tag, "data-nr").unwrap();
                out.insert((side.clone(), map.clone(), "step", nr, change));
            } else if tag.starts_with("path class=\"edge\"") {
                let id = format!(
                    "{}→{}",
                    attr(tag, "data-from").unwrap(),
                    attr(tag, "data-to").unwrap()
                );
                out.insert((side.clone(), map.clone(), "arrow", id, change));
            } else {
                panic!("data-change on an unexpected element: <{tag}>");
            }
        }
    }
    out
}

/// What the JSON report says should be marked, by the rule of the README: added on the new
/// map, removed on the old, renamed/moved/kind/aktualisering "changed" on both, only a new
/// number "renumbered" on both (changed wins), relabelled arrows "changed" on both. Maps the
/// other side cannot draw (a version with errors has no layout) are left out.
fn marked_in_report(v: &Value, drawn: &BTreeSet<(String, String)>) -> Marked {
    let mut steps: std::collections::BTreeMap<(String, String, String), String> =
        Default::default();
    let mut out = Marked::new();
    let s = |c: &Value, k: &str| c[k].as_str().unwrap().to_string();
    for c in v["changes"].as_array().unwrap() {
        let Some(map) = c["map"]
            .as_str()
            .filter(|m| m.starts_with("overview") || m.starts_with("subprocess:"))
        else {
            continue;
        };
        let map = map.to_string();
        let mut step = |side: &str, nr: String, change: &str| {
            let e = steps
                .entry((side.to_string(), map.clone(), nr))
                .or_insert_with(|| change.to_string());
            if change == "changed" {
                *e = change.to_string();
            }
        };
        match c["change"].as_str().unwrap() {
            "step-added" => step("new", s(c, "step"), "added"),
            "step-removed" => step("old", s(c, "old_step"), "removed"),
            "step-renumbered" => {
                step("old", s(c, "old_step"), "renumbered");
                step("new", s(c, "step"), "renumbered");
            }
            "step-renamed"
            | "step-moved"
            | "kind-changed"
            | "aktualisering-added"
            | "aktualisering-removed" => {
                step("old", s(c, "old_step"), "changed");
                step("new", s(c, "step"), "changed");
            }
            "arrow-added" => {
                let id = format!("{}→{}", s(c, "from"), s(c, "to"));
                out.insert(("new".into(), map.clone(), "arrow", id, "added".into()));
            }
            "arrow-removed" => {
                let id = format!("{}→{}", s(c, "old_from"), s(c, "old_to"));
                out.insert(("old".into(), map.clone(), "arrow", id, "removed".into()));
            }
            "label-changed" => {
                let old = format!("{}→{}", s(c, "old_from"), s(c, "old_to"));
                let new = format!("{}→{}", s(c, "from"), s(c, "to"));
                out.insert(("old".into(), map.clone(), "arrow", old, "changed".into()));
                out.insert(("new".into(), map.clone(), "arrow", new, "changed".into()));
            }
            _ => {}
        }
    }
    for ((side, map, nr), change) in steps {
        out.insert((side, map, "step", nr, change));
    }
    out.retain(|(side, map, ..)| drawn.contains(&(side.clone(), map.clone())));
    out
}

/// The (side, map) of every figure that holds a drawn map.
fn drawn_maps(html: &str) -> BTreeSet<(String, String)> {
    html.split("<figure class=\"side\"")
        .skip(1)
        .filter(|f| f[..f.find("</figure>").unwrap()].contains("<svg"))
        .map(|f| {
            let head = &f[..f.find('>').unwrap()];
            (
                attr(head, "data-side").unwrap(),
                attr(head, "data-map").unwrap(),
            )
        })
        .collect()
}

fn variants() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(util::fixture("diff"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "base")
        .collect();
    out.sort();
    out
}

#[test]
fn the_marked_steps_and_arrows_are_those_of_the_report_for_every_fixture() {
    let m = Model::fixture("diff");
    let mut total = 0;
    for variant in variants() {
        let out = m.path().join(format!("{variant}.html"));
        let out = out.to_str().unwrap();
        m.run(&["diff", "base", &variant, "--format", "html", "-o", out])
            .expect_status(0);
        let html = std::fs::read_to_string(out).unwrap();
        let json = m.run(&["diff", "base", &variant, "--format", "json"]);
        let v: Value = serde_json::from_str(&json.stdout).unwrap();
        let drawn = drawn_maps(&html);
        assert!(
            drawn.contains(&("old".into(), "overview".into())),
            "{variant}: the old overview is drawn"
        );
        let expected = marked_in_report(&v, &drawn);
        let got = marked_in_page(&html);
        assert_eq!(got, expected, "diff base {variant} --format html");
        total += got.len();
        // Every sub-process the report names has its section.
        for c in v["changes"].as_array().unwrap() {
            if let Some(map) = c["map"].as_str() {
                assert!(
                    html.contains(&format!("<section class=\"map-pair\" data-map=\"{map}\">")),
                    "{variant}: no section for {map}"
                );
            }
        }
    }
    // The fixtures mark something: steps and arrows of each kind.
    assert!(total >= 40, "only {total} marks in all fixtures");
}

#[test]
fn an_inserted_step_is_marked_with_colour_line_and_word() {
    let m = Model::fixture("diff");
    let run = m.run(&["diff", "base", "step-inserted", "--format", "html"]);
    run.expect_status(0);
    let html = &run.stdout;
    let got = marked_in_page(html);
    let want: Vec<(&str, &str, &str, &str)> = vec![
        ("new", "arrow", "4→5", "added"),
        ("new", "arrow", "5→6", "added"),
        ("new", "step", "5", "added"),
        ("new", "step", "6", "renumbered"),
        ("new", "step", "7", "renumbered"),
        ("new", "step", "8", "renumbered"),
        ("old", "arrow", "4→5", "removed"),
        ("old", "step", "5", "renumbered"),
        ("old", "step", "6", "renumbered"),
        ("old", "step", "7", "renumbered"),
    ];
    let got: Vec<(&str, &str, &str, &str)> = got
        .iter()
        .map(|(side, _, kind, id, change)| (side.as_str(), *kind, id.as_str(), change.as_str()))
        .collect();
    let mut want = want;
    want.sort();
    assert_eq!(got, want);
    // The word beside the box, and the old number on the new map.
    assert!(
        html.contains(">Nytt nummer, var 5</text>"),
        "the label names the old number"
    );
    assert!(html.contains("<title>Steg 5: Bokar tid för bedömning (nytt)</title>"));
    // The legend: each mark with its word, in the page and in each map.
    for (mark, word) in [
        ("added", "Nytt"),
        ("removed", "Borttaget"),
        ("changed", "Ändrat"),
        ("renumbered", "Nytt nummer"),
    ] {
        assert!(
            html.contains(&format!("<li data-legend=\"{mark}\">")),
            "legend lacks {mark}"
        );
        assert!(html.contains(&format!("font-weight=\"bold\">{word}</text>")));
    }
    // Swedish site text, the changes in words and the text report below the maps.
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"));
    assert!(
        html.contains("<li>Nytt steg 5 ”Bokar tid för bedömning” hos Regionen (aktivitet)</li>")
    );
    assert!(html.contains("<li>Steg 5 ”Medicinsk bedömning” har nytt nummer: 6</li>"));
    assert!(html.contains("<pre lang=\"en\">processkarta diff: base → step-inserted\n"));
    // Self-contained: no script, nothing loaded or linked; the ids of the maps differ.
    for bad in ["<script", " src=", " href=", "<link", "url(http", "@import"] {
        assert!(!html.contains(bad), "the page has {bad}");
    }
    assert!(html.contains("id=\"old-overview-steg-5\""));
    assert!(html.contains("id=\"new-overview-steg-5\""));
    assert!(html.contains("marker-end=\"url(#new-overview-pil)\""));
    // The same input gives the same bytes.
    let again = m.run(&["diff", "base", "step-inserted", "--format", "html"]);
    assert_eq!(again.stdout, run.stdout);
}

#[test]
fn a_version_with_errors_says_why_its_map_is_missing() {
    let m = Model::fixture("diff");
    let run = m.run(&["diff", "base", "with-errors", "--format", "html"]);
    run.expect_status(0);
    assert!(run
        .stdout
        .contains("<strong>Obs!</strong> <code>with-errors</code> har 2 fel"));
    let new = run.stdout.split("data-side=\"new\"").nth(1).unwrap();
    let new = &new[..new.find("</figure>").unwrap()];
    assert!(new.contains("Kartan kan inte ritas, eftersom den här versionen har fel."));
    assert!(!new.contains("<svg"));
}

#[test]
fn png_of_the_new_overview_and_files_only_where_an_export_may_write() {
    let m = Model::fixture("diff");
    let dir = util::tempdir();
    let html = dir.path().join("remiss.html");
    let png = dir.path().join("remiss.png");
    m.run(&[
        "diff",
        "base",
        "step-inserted",
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
        "--png",
        png.to_str().unwrap(),
    ])
    .expect_status(0);
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    // Width and height from the IHDR chunk: the map at twice its size in points.
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert!(w >= 1200 && h >= 800, "{w} × {h}");
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .contains("data-change=\"added\""));

    // A file of either model is refused, and nothing is written.
    let before = m.read("step-inserted/book.toml");
    let run = m.run(&[
        "diff",
        "base",
        "step-inserted",
        "--format",
        "html",
        "-o",
        "step-inserted/book.toml",
    ]);
    run.expect_status(2);
    assert!(
        run.stderr
            .contains("refusing to use step-inserted/book.toml"),
        "{run}"
    );
    assert_eq!(m.read("step-inserted/book.toml"), before);
    let run = m.run(&[
        "diff",
        "base",
        "step-inserted",
        "--png",
        "base/process/x.png",
    ]);
    run.expect_status(2);
    assert!(run.stderr.contains("source folder `process`"), "{run}");
    assert!(!m.path().join("base/process/x.png").exists());
    // With errors there is no overview to draw: said, with status 2.
    let run = m.run(&[
        "diff",
        "base",
        "with-errors",
        "--png",
        png.to_str().unwrap(),
    ]);
    run.expect_status(2);
    assert!(
        run.stderr.contains("no picture of with-errors was drawn"),
        "{run}"
    );
}

#[test]
fn the_other_formats_still_go_to_standard_output_or_a_file() {
    let m = Model::fixture("diff");
    let text = m.run(&["diff", "base", "step-added"]);
    text.expect_status(0);
    let file = m.path().join("r.md");
    m.run(&[
        "diff",
        "base",
        "step-added",
        "--format",
        "markdown",
        "-o",
        file.to_str().unwrap(),
    ])
    .expect_status(0);
    let md = m.run(&["diff", "base", "step-added", "--format", "markdown"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), md.stdout);
    assert!(text
        .stdout
        .contains("+ step 8 \"Följer upp\" added in Kommunen (task)"));
}
