//! `processkarta export`: the structure of the DOT, Mermaid, JSON and BPMN exports of a small
//! model (counts of nodes, arrows, clusters, lanes and diagram shapes), escaping of hostile
//! text in each format, determinism, `-o`, and refusal of a model with errors.
//! (`tests/bpmn/run.sh` validates the BPMN against the XSD and opens it in bpmn-js.)

mod util;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use util::Model;

/// A title with everything that could break out of a string, a shape or a statement.
const HOSTILE_TITLE: &str = "Säg \"hej\" <b>]\n}\\N x|y #1; %% end";
const HOSTILE_LABEL: &str = "Ja\"]; x[\"<script>";
const HOSTILE_LANE: &str = "Kom\"mun <x> ]";

/// `tests/fixtures/diff/base` (7 overview steps in 4 lanes, one of them shared; a
/// sub-process of 3 steps in 2 lanes) with hostile text in a title, a label and a lane name.
fn hostile() -> Model {
    let m = Model::fixture("diff/base");
    let yaml = |s: &str| serde_json::to_string(s).unwrap();
    let region = m.read("process/region.yaml").replace(
        "title: Medicinsk bedömning",
        &format!("title: {}", yaml(HOSTILE_TITLE)),
    );
    m.write("process/region.yaml", region);
    let kommun = m
        .read("process/kommun.yaml")
        .replace("label: Ja}", &format!("label: {}}}", yaml(HOSTILE_LABEL)))
        .replace("name: Kommunen", &format!("name: {}", yaml(HOSTILE_LANE)));
    m.write("process/kommun.yaml", kommun);
    m.run(&["check"]).expect_status(0);
    m
}

fn export(m: &Model, to: &str) -> String {
    let run = m.run(&["export", "--to", to]);
    run.expect_status(0);
    run.stdout
}

// ---------------------------------------------------------------- DOT

/// The quoted strings of a DOT text, decoded, and the text outside them.
fn dot_lex(dot: &str) -> (Vec<String>, String) {
    let mut strings = Vec::new();
    let mut outside = String::new();
    let mut chars = dot.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            outside.push(c);
            continue;
        }
        outside.push('S');
        let mut s = String::new();
        loop {
            match chars.next().expect("an unterminated string") {
                '"' => break,
                '\\' => match chars.next().unwrap() {
                    'n' => s.push('\n'),
                    '"' => s.push('"'),
                    '\\' => s.push('\\'),
                    other => panic!("an escape \\{other} in {dot}"),
                },
                '\n' => panic!("a raw line break in a string"),
                c => s.push(c),
            }
        }
        strings.push(s);
    }
    (strings, outside)
}

#[test]
fn dot_has_a_node_per_step_an_edge_per_arrow_and_a_cluster_per_lane() {
    let m = hostile();
    let dot = export(&m, "dot");
    let (strings, outside) = dot_lex(&dot);
    // Outside the strings only DOT's own syntax is left.
    assert!(
        outside
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " \n_{}[]=;,->".contains(c)),
        "{outside}"
    );
    assert_eq!(outside.matches('{').count(), outside.matches('}').count());
    let lines: Vec<&str> = outside.lines().map(str::trim).collect();
    let nodes = lines.iter().filter(|l| l.starts_with("S [label=S")).count();
    let edges = lines.iter().filter(|l| l.starts_with("S -> S")).count();
    let clusters: Vec<&&str> = lines
        .iter()
        .filter(|l| l.starts_with("subgraph cluster_"))
        .collect();
    assert_eq!(nodes, 10, "7 overview steps and 3 sub-process steps\n{dot}");
    assert_eq!(
        edges,
        8 + 2 + 1,
        "8 + 2 arrows, 1 into the sub-process\n{dot}"
    );
    // 4 lanes on the overview; the sub-process and its 2 lanes.
    assert_eq!(clusters.len(), 4 + 1 + 2, "{dot}");
    // The hostile text comes back exactly.
    assert!(
        strings.contains(&format!("5\n{HOSTILE_TITLE}")),
        "{strings:?}"
    );
    assert!(strings.contains(&HOSTILE_LABEL.to_string()), "{strings:?}");
    assert!(strings.contains(&HOSTILE_LANE.to_string()), "{strings:?}");
    // The backslash is doubled: Graphviz never sees `\N` (its node-name escape).
    assert!(dot.contains("}\\\\N x|y"), "{dot}");
    assert!(
        dot.contains("\"3\" -> \"4\" [label=\"Ja\\\"]; x[\\\"<script>\"];"),
        "{dot}"
    );
}

// ---------------------------------------------------------------- Mermaid

/// The characters that must never appear raw inside a Mermaid label.
const MERMAID_RAW: &[char] = &[
    '"', '<', '>', '[', ']', '{', '}', '(', ')', '|', '#', ';', '%', '\\', '`', '\n',
];

/// A label with its entity codes (`#quot;`, `#93;`) taken out; panics on a `#` that does not
/// start one.
fn without_entities(label: &str) -> String {
    let mut out = String::new();
    let mut rest = label;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after
            .find(';')
            .unwrap_or_else(|| panic!("a bare # in {label}"));
        assert!(
            end > 0 && after[..end].chars().all(|c| c.is_ascii_alphanumeric()),
            "a bare # in {label}"
        );
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn mermaid_has_a_node_per_step_an_edge_per_arrow_and_a_subgraph_per_lane() {
    let m = hostile();
    let mm = export(&m, "mermaid");
    let body = mm
        .split_once("---\nflowchart LR\n")
        .expect("front matter")
        .1;
    let lines: Vec<&str> = body.lines().map(str::trim).collect();
    let is_node = |l: &&&str| {
        l.starts_with('s')
            && l[1..]
                .find(|c: char| !(c.is_ascii_digit() || c == '_'))
                .is_some_and(|i| "[({".contains(&l[1 + i..2 + i]))
    };
    let nodes = lines.iter().filter(is_node).count();
    let edges = lines
        .iter()
        .filter(|l| l.contains(" --> ") || l.contains(" -->|") || l.contains(" -.-> "))
        .count();
    let subgraphs = lines.iter().filter(|l| l.starts_with("subgraph ")).count();
    let ends = lines.iter().filter(|l| **l == "end").count();
    assert_eq!(nodes, 10, "{mm}");
    assert_eq!(edges, 11, "{mm}");
    assert_eq!(subgraphs, 4 + 1 + 2, "{mm}");
    assert_eq!(ends, subgraphs, "{mm}");
    // Every label is one quoted string with nothing raw inside.
    for line in &lines {
        let quotes = line.matches('"').count();
        assert!(quotes == 0 || quotes == 2, "{line}");
        if quotes == 2 {
            let inner = &line[line.find('"').unwrap() + 1..line.rfind('"').unwrap()];
            assert!(
                !without_entities(inner).contains(MERMAID_RAW),
                "raw syntax in a label: {line}"
            );
        }
    }
    assert!(
        mm.contains(
            "s5[\"5 Säg #quot;hej#quot; #lt;b#gt;#93; #125;#92;N x#124;y #35;1#59; #37;#37; end\"]"
        ),
        "{mm}"
    );
    assert!(
        mm.contains("s3 -->|\"Ja#quot;#93;#59; x#91;#quot;#lt;script#gt;\"| s4"),
        "{mm}"
    );
    assert!(
        mm.contains("subgraph lane1[\"Kom#quot;mun #lt;x#gt; #93;\"]"),
        "{mm}"
    );
    assert!(mm.contains("s4 -.-> s4_1"), "{mm}");
}

// ---------------------------------------------------------------- JSON

#[test]
fn json_is_the_resolved_model() {
    let m = hostile();
    let v: Value = serde_json::from_str(&export(&m, "json")).unwrap();
    assert_eq!(v["format"], "processkarta-model");
    assert_eq!(v["version"], 1);
    let lanes: Vec<(&str, bool)> = v["lanes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["id"].as_str().unwrap(), l["shared"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        lanes,
        [
            ("individ", false),
            ("kommun", false),
            ("region", false),
            ("team", true)
        ]
    );
    assert_eq!(v["lanes"][1]["name"], HOSTILE_LANE);
    let maps = v["maps"].as_array().unwrap();
    assert_eq!(maps.len(), 2);
    let overview = &maps[0];
    assert_eq!(overview["id"], "overview");
    let nrs = |map: &Value| -> Vec<String> {
        map["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["nr"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(nrs(overview), ["1", "2", "3", "4", "5", "6", "7"]);
    let sub = &maps[1];
    assert_eq!(sub["id"], "subprocess:utredning");
    assert_eq!(sub["opened_from"], "4");
    assert_eq!(sub["lane"], "kommun");
    assert_eq!(nrs(sub), ["4.1", "4.2", "4.3"]);
    assert_eq!(sub["steps"][1]["lane"], "individ");
    assert_eq!(sub["steps"][1]["local"], 2);
    assert_eq!(
        sub["steps"][0]["next"],
        serde_json::json!([{"to": "4.2", "label": null}])
    );
    let step = |nr: &str| {
        overview["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["nr"] == nr)
            .unwrap()
            .clone()
    };
    assert_eq!(step("5")["title"], HOSTILE_TITLE);
    assert_eq!(
        step("3")["next"],
        serde_json::json!([{"to": "4", "label": HOSTILE_LABEL}, {"to": "6", "label": "Nej"}])
    );
    assert_eq!(step("3")["kind"], "vagval");
    assert_eq!(step("4")["opens"], "subprocess:utredning");
    assert_eq!(step("2")["aktualisering"], true);
    // Every step's guidance path is a file of the model.
    for map in maps {
        for s in map["steps"].as_array().unwrap() {
            let path = s["guidance"].as_str().expect("a guidance page");
            assert!(m.path().join(path).is_file(), "{path}");
        }
    }
    let pages: Vec<&str> = v["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        pages,
        ["handlaggarstod/index.md", "handlaggarstod/begrepp.md"]
    );
}

// ---------------------------------------------------------------- BPMN

const BPMN: &str = "http://www.omg.org/spec/BPMN/20100524/MODEL";
const BPMNDI: &str = "http://www.omg.org/spec/BPMN/20100524/DI";
const DC: &str = "http://www.omg.org/spec/DD/20100524/DC";
const DI: &str = "http://www.omg.org/spec/DD/20100524/DI";

type Node<'a, 'i> = roxmltree::Node<'a, 'i>;

fn children<'a, 'i>(n: Node<'a, 'i>, ns: &str, name: &str) -> Vec<Node<'a, 'i>> {
    n.children()
        .filter(|c| c.tag_name().namespace() == Some(ns) && c.tag_name().name() == name)
        .collect()
}

fn bounds(shape: Node) -> (f64, f64, f64, f64) {
    let b = children(shape, DC, "Bounds")[0];
    let f = |a: &str| b.attribute(a).unwrap().parse::<f64>().unwrap();
    (f("x"), f("y"), f("width"), f("height"))
}

/// A coordinate as the export writes it: rounded to two decimals.
fn r2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn inside(inner: (f64, f64, f64, f64), outer: (f64, f64, f64, f64)) -> bool {
    let e = 0.01;
    inner.0 >= outer.0 - e
        && inner.1 >= outer.1 - e
        && inner.0 + inner.2 <= outer.0 + outer.2 + e
        && inner.1 + inner.3 <= outer.1 + outer.3 + e
}

#[test]
fn bpmn_has_pool_lanes_tasks_gateways_flows_and_shapes_from_our_layout() {
    let m = hostile();
    let xml = export(&m, "bpmn");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some(BPMN));
    assert_eq!(root.tag_name().name(), "definitions");
    let ids: BTreeMap<&str, Node> = doc
        .descendants()
        .filter_map(|n| n.attribute("id").map(|id| (id, n)))
        .collect();

    // One collaboration with one participant: the overview's process.
    let collaborations = children(root, BPMN, "collaboration");
    assert_eq!(collaborations.len(), 1);
    let participants = children(collaborations[0], BPMN, "participant");
    assert_eq!(participants.len(), 1);
    assert_eq!(
        participants[0].attribute("processRef"),
        Some("Process_overview")
    );

    let processes = children(root, BPMN, "process");
    assert_eq!(processes.len(), 2, "the overview and one sub-process");
    let count = |p: Node, name: &str| children(p, BPMN, name).len();
    let (overview, sub) = (processes[0], processes[1]);
    assert_eq!(overview.attribute("id"), Some("Process_overview"));
    assert_eq!(
        [
            count(overview, "startEvent"),
            count(overview, "task"),
            count(overview, "exclusiveGateway"),
            count(overview, "callActivity"),
            count(overview, "endEvent"),
            count(overview, "sequenceFlow"),
        ],
        [1, 3, 1, 1, 1, 8]
    );
    assert_eq!(
        [
            count(sub, "startEvent"),
            count(sub, "task"),
            count(sub, "endEvent"),
            count(sub, "sequenceFlow"),
        ],
        [1, 1, 1, 2]
    );
    let lanes = |p: Node| -> Vec<String> {
        let set = children(p, BPMN, "laneSet")[0];
        children(set, BPMN, "lane")
            .iter()
            .map(|l| l.attribute("name").unwrap().to_string())
            .collect()
    };
    assert_eq!(
        lanes(overview),
        ["Individen", HOSTILE_LANE, "Regionen", "Team"]
    );
    assert_eq!(lanes(sub), ["Individen", HOSTILE_LANE]);
    // Every step is in exactly one lane of its process.
    for p in [overview, sub] {
        let set = children(p, BPMN, "laneSet")[0];
        let refs: Vec<String> = set
            .descendants()
            .filter(|n| n.tag_name().name() == "flowNodeRef")
            .map(|n| n.text().unwrap().to_string())
            .collect();
        let nodes: BTreeSet<String> = p
            .children()
            .filter(|c| {
                c.is_element() && c.attribute("id").is_some_and(|id| id.starts_with("Step_"))
            })
            .map(|c| c.attribute("id").unwrap().to_string())
            .collect();
        assert_eq!(refs.len(), nodes.len());
        assert_eq!(refs.iter().cloned().collect::<BTreeSet<_>>(), nodes);
    }
    // Every flow joins two flow nodes of its own process; vägval flows carry the label.
    for p in [overview, sub] {
        for flow in children(p, BPMN, "sequenceFlow") {
            for end in ["sourceRef", "targetRef"] {
                let target = ids[flow.attribute(end).unwrap()];
                assert_eq!(
                    target.parent(),
                    Some(p),
                    "{end} of {:?}",
                    flow.attribute("id")
                );
            }
        }
    }
    assert_eq!(ids["Flow_3_4"].attribute("name"), Some(HOSTILE_LABEL));
    assert_eq!(ids["Flow_3_6"].attribute("name"), Some("Nej"));
    assert_eq!(ids["Step_3"].tag_name().name(), "exclusiveGateway");
    assert_eq!(
        ids["Step_5"].attribute("name"),
        Some(format!("5 {HOSTILE_TITLE}").as_str())
    );
    assert_eq!(
        ids["Step_4"].attribute("calledElement"),
        Some("Process_sub1")
    );
    assert_eq!(ids["Process_sub1"], sub);
    assert_eq!(
        children(ids["Step_4_2"], BPMN, "documentation")[0].text(),
        Some("handlaggarstod/steg/4.2-samtal-med-individen.md")
    );

    // Diagram interchange: one diagram per map, every element drawn.
    let diagrams = children(root, BPMNDI, "BPMNDiagram");
    assert_eq!(diagrams.len(), 2);
    let plane = |d: Node| children(d, BPMNDI, "BPMNPlane")[0].id();
    let shapes = |d: Node| children(doc.get_node(plane(d)).unwrap(), BPMNDI, "BPMNShape");
    let edges = |d: Node| children(doc.get_node(plane(d)).unwrap(), BPMNDI, "BPMNEdge");
    let plane_of = |d: Node| doc.get_node(plane(d)).unwrap();
    assert_eq!(
        plane_of(diagrams[0]).attribute("bpmnElement"),
        Some("Collaboration_overview")
    );
    assert_eq!(
        plane_of(diagrams[1]).attribute("bpmnElement"),
        Some("Process_sub1")
    );
    assert_eq!(
        shapes(diagrams[0]).len(),
        7 + 4 + 1,
        "steps, lanes and the pool"
    );
    assert_eq!(edges(diagrams[0]).len(), 8);
    assert_eq!(shapes(diagrams[1]).len(), 3 + 2);
    assert_eq!(edges(diagrams[1]).len(), 2);
    for d in &diagrams {
        for s in shapes(*d).into_iter().chain(edges(*d)) {
            let element = s.attribute("bpmnElement").unwrap();
            assert!(ids.contains_key(element), "{element} is not in the model");
        }
        for e in edges(*d) {
            assert!(children(e, DI, "waypoint").len() >= 2);
        }
    }

    // The coordinates are our layout's, right of the pool's name column.
    let checked = processkarta::check_model(m.path()).unwrap();
    let layout = processkarta::layout::layout_map(&checked.model, &checked.model.overview);
    let shape_of = |element: &str| {
        shapes(diagrams[0])
            .into_iter()
            .find(|s| s.attribute("bpmnElement") == Some(element))
            .unwrap_or_else(|| panic!("no shape for {element}"))
    };
    let pool = bounds(shape_of("Participant_overview"));
    for b in &layout.boxes {
        let id = format!("Step_{}", b.nr);
        let got = bounds(shape_of(&id));
        if matches!(
            b.kind,
            processkarta::model::StepKind::Task | processkarta::model::StepKind::Vagval
        ) {
            assert_eq!(
                got,
                (
                    r2(b.rect.x + 30.0),
                    r2(b.rect.y),
                    r2(b.rect.w),
                    r2(b.rect.h)
                ),
                "{id}"
            );
        }
        assert!(inside(got, pool), "{id} is outside the pool");
        let lane = bounds(shape_of(&format!("Lane_{}", b.lane)));
        assert!(inside(got, lane), "{id} is outside its lane");
    }
    for band in &layout.bands {
        let lane = shape_of(&format!("Lane_{}", band.lane));
        assert_eq!(lane.attribute("isHorizontal"), Some("true"));
    }
    // The shared area is a vertical strip across the bands.
    assert_eq!(
        shape_of("Lane_team").attribute("isHorizontal"),
        Some("false")
    );
    let flow = edges(diagrams[0])
        .into_iter()
        .find(|e| e.attribute("bpmnElement") == Some("Flow_2_3"))
        .unwrap();
    let route = layout
        .edges
        .iter()
        .find(|e| e.from.to_string() == "2" && e.to.to_string() == "3")
        .unwrap();
    let points: Vec<(f64, f64)> = children(flow, DI, "waypoint")
        .iter()
        .map(|w| {
            let f = |a: &str| w.attribute(a).unwrap().parse::<f64>().unwrap();
            (f("x"), f("y"))
        })
        .collect();
    let expected: Vec<(f64, f64)> = route
        .points
        .iter()
        .map(|&(x, y)| (r2(x + 30.0), r2(y)))
        .collect();
    assert_eq!(points, expected);
}

#[test]
fn bpmn_flow_nodes_name_their_incoming_and_outgoing_flows() {
    let m = hostile();
    let xml = export(&m, "bpmn");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let mut flows = 0;
    for p in children(doc.root_element(), BPMN, "process") {
        // From the sequence flows: the flows that leave and enter each step.
        let mut from: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut into: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for flow in children(p, BPMN, "sequenceFlow") {
            let id = flow.attribute("id").unwrap().to_string();
            let end = |a: &str| flow.attribute(a).unwrap().to_string();
            from.entry(end("sourceRef")).or_default().push(id.clone());
            into.entry(end("targetRef")).or_default().push(id);
            flows += 1;
        }
        let nodes: Vec<Node> = p
            .children()
            .filter(|c| c.attribute("id").is_some_and(|id| id.starts_with("Step_")))
            .collect();
        for node in nodes {
            let id = node.attribute("id").unwrap();
            let refs = |name: &str| -> Vec<String> {
                children(node, BPMN, name)
                    .iter()
                    .map(|r| r.text().unwrap().to_string())
                    .collect()
            };
            assert_eq!(
                refs("outgoing"),
                from.remove(id).unwrap_or_default(),
                "{id}"
            );
            assert_eq!(
                refs("incoming"),
                into.remove(id).unwrap_or_default(),
                "{id}"
            );
            // The XSD's order: documentation, then incoming, then outgoing.
            let order: Vec<&str> = node
                .children()
                .filter(|c| c.is_element())
                .map(|c| c.tag_name().name())
                .collect();
            let mut sorted = order.clone();
            sorted.sort_by_key(|n| {
                ["documentation", "incoming", "outgoing"]
                    .iter()
                    .position(|k| k == n)
            });
            assert_eq!(order, sorted, "{id}");
        }
        assert!(from.is_empty() && into.is_empty(), "flows to unknown nodes");
    }
    assert_eq!(
        flows,
        8 + 2,
        "every arrow of the overview and the sub-process"
    );
    // The vägval names both its ways out.
    let gateway = &xml[xml.find("<bpmn:exclusiveGateway id=\"Step_3\"").unwrap()..];
    let gateway = &gateway[..gateway.find("</bpmn:exclusiveGateway>").unwrap()];
    assert!(
        gateway.contains("<bpmn:outgoing>Flow_3_4</bpmn:outgoing>"),
        "{gateway}"
    );
    assert!(
        gateway.contains("<bpmn:outgoing>Flow_3_6</bpmn:outgoing>"),
        "{gateway}"
    );
}

// ---------------------------------------------------------------- the command

#[test]
fn exports_are_deterministic_and_o_writes_the_same_bytes() {
    let m = hostile();
    let other = util::tempdir();
    util::copy_dir(m.path(), other.path());
    for to in ["bpmn", "dot", "mermaid", "json"] {
        let first = export(&m, to);
        assert!(!first.is_empty());
        assert_eq!(first, export(&m, to), "{to} twice");
        let elsewhere = util::run_in(other.path(), &["export", "--to", to]);
        elsewhere.expect_status(0);
        assert_eq!(first, elsewhere.stdout, "{to} from another folder");
        let file = m.path().join(format!("out.{to}"));
        let run = m.run(&["export", ".", "--to", to, "-o", file.to_str().unwrap()]);
        run.expect_status(0);
        assert_eq!(run.stdout, "");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            first,
            "{to} with -o"
        );
    }
}

#[test]
fn a_model_with_errors_is_not_exported() {
    let m = Model::fixture("diff/with-errors");
    for to in ["bpmn", "dot", "mermaid", "json"] {
        let out = m.path().join("out");
        let run = m.run(&["export", "--to", to, "-o", out.to_str().unwrap()]);
        run.expect_status(1);
        assert_eq!(run.stdout, "");
        assert!(
            run.stderr
                .contains("error[E031]: step 6 points to step 99, which does not exist"),
            "{run}"
        );
        assert!(run.stderr.contains("nothing was exported"), "{run}");
        assert!(!out.exists(), "{to}: a file was written");
    }
    Model::fixture("diff/base")
        .run(&["export", "--to", "svg"])
        .expect_status(2);
}
