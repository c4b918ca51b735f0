//! Sub-process outcomes (`continues`): the fixture `outcomes` opens a sub-process from step
//! 4 whose two ends go on to different overview steps (4.4 → 6 "Konsultation", 4.5 → 7).
//! The overview draws two labelled arrows, each end's page leads only where it continues,
//! the opener's page lists each outcome, and diff and the JSON export say the same.

mod util;

use util::Model;

/// The text of the "Leder till" list of a step page, tags removed, spaces collapsed.
fn leads_to(site: &std::path::Path, nr: &str) -> String {
    let html = std::fs::read_to_string(site.join(format!("steg/{nr}.html"))).unwrap();
    let start = html
        .find("id=\"leder-till\"")
        .expect("a Leder till heading");
    let rest = &html[start..];
    let end = rest.find("</ul>").or_else(|| rest.find("</p>")).unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in rest[..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    text.trim_start_matches("id=\"leder-till\"")
        .trim()
        .to_string()
}

/// The label drawn on the overview arrow `from` → `to`, lines joined by a space.
fn arrow_label(svg: &str, from: &str, to: &str) -> Option<String> {
    let key = format!("<text class=\"edge-label\" data-from=\"{from}\" data-to=\"{to}\"");
    let start = svg.find(&key)?;
    let end = start + svg[start..].find("</text>")?;
    let mut lines = Vec::new();
    let mut rest = &svg[start..end];
    while let Some(i) = rest.find("<tspan") {
        let open = i + rest[i..].find('>')? + 1;
        let close = open + rest[open..].find("</tspan>")?;
        lines.push(rest[open..close].to_string());
        rest = &rest[close..];
    }
    Some(lines.join(" "))
}

#[test]
fn a_sub_process_with_two_outcomes_is_clean() {
    let model = Model::fixture("outcomes");
    let run = model.run(&["check", "--deny-warnings"]);
    run.expect_status(0);
}

#[test]
fn the_overview_draws_one_labelled_arrow_per_outcome() {
    let model = Model::fixture("outcomes");
    let (_out, site) = util::build_site(&model);
    let svg = std::fs::read_to_string(site.join("kartor/oversikt.svg")).unwrap();
    assert_eq!(
        arrow_label(&svg, "4", "6").as_deref(),
        Some("Konsultation"),
        "the label written in `continues`"
    );
    assert_eq!(
        arrow_label(&svg, "4", "7").as_deref(),
        Some("Klar utan konsultation"),
        "no label written: the end's title"
    );
}

#[test]
fn each_end_leads_only_where_it_continues() {
    let model = Model::fixture("outcomes");
    let (_out, site) = util::build_site(&model);
    assert_eq!(
        leads_to(&site, "4.4"),
        "Leder till Tillbaka till huvudprocessen (Konsultation) → Steg 6 Gemensam konsultation"
    );
    assert_eq!(
        leads_to(&site, "4.5"),
        "Leder till Tillbaka till huvudprocessen → Steg 7 Klar"
    );
    assert_eq!(
        leads_to(&site, "4"),
        "Leder till Öppnar underprocessen → Steg 4.1 Utredning startar \
         Konsultation → Steg 6 Gemensam konsultation \
         Klar utan konsultation → Steg 7 Klar"
    );
}

#[test]
fn an_outcome_where_the_flow_stops_says_so() {
    let model = Model::fixture("outcomes");
    model.edit(
        "process/underprocesser/utredning.yaml",
        "continues: 7",
        "continues: []",
    );
    // Step 7 is still reached from step 6, but no longer from the sub-process.
    let run = model.run(&["check", "--format", "json"]);
    run.expect_status(0);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        util::places(&diags),
        ["W005 process/kommun.yaml:18:15"],
        "{run}"
    );
    let (_out, site) = util::build_site(&model);
    assert_eq!(leads_to(&site, "4.5"), "Leder till Flödet slutar här.");
    let svg = std::fs::read_to_string(site.join("kartor/oversikt.svg")).unwrap();
    assert!(
        !svg.contains("data-from=\"4\" data-to=\"7\""),
        "no arrow is drawn for a target no outcome reaches"
    );
}

#[test]
fn a_step_reached_only_through_an_outcome_that_stops_is_unreachable() {
    let model = Model::fixture("outcomes");
    model.edit(
        "process/underprocesser/utredning.yaml",
        "continues: {to: 6, label: Konsultation}",
        "continues: []",
    );
    // Step 3's Nej still leads to 6; make 6 reachable only through step 4.
    model.edit(
        "process/kommun.yaml",
        "{to: 6, label: Nej}",
        "{to: 7, label: Nej}",
    );
    let run = model.run(&["check", "--format", "json"]);
    run.expect_status(1);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        util::places(&diags),
        [
            "E035 process/team.yaml:4:9",
            "W005 process/kommun.yaml:18:12",
        ],
        "{run}"
    );
}

#[test]
fn diff_reports_a_changed_continuation() {
    let old = Model::fixture("outcomes");
    let new = Model::fixture("outcomes");
    new.edit(
        "process/underprocesser/utredning.yaml",
        "continues: 7",
        "continues: []",
    );
    let run = new.run(&["diff", old.path().to_str().unwrap(), "."]);
    run.expect_status(0);
    assert!(
        run.stdout.contains(
            "~ step 4.5 \"Klar utan konsultation\" continues 7 → nowhere (the flow stops)"
        ),
        "{run}"
    );
    let json = new.run(&[
        "diff",
        old.path().to_str().unwrap(),
        ".",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let changes = v["changes"].as_array().unwrap();
    let c = changes
        .iter()
        .find(|c| c["change"] == "continuation-changed")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(c["step"], "4.5");
    assert_eq!(c["old_continues"], serde_json::json!(["7"]));
    assert_eq!(c["new_continues"], serde_json::json!([]));
}

#[test]
fn the_json_export_has_the_continuations_and_the_labelled_flow() {
    let model = Model::fixture("outcomes");
    let run = model.run(&["export", "--to", "json"]);
    run.expect_status(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let maps = v["maps"].as_array().unwrap();
    let step = |nr: &str| {
        maps.iter()
            .flat_map(|m| m["steps"].as_array().unwrap())
            .find(|s| s["nr"] == nr)
            .unwrap()
            .clone()
    };
    assert_eq!(
        step("4")["next"],
        serde_json::json!([
            {"to": "6", "label": "Konsultation"},
            {"to": "7", "label": "Klar utan konsultation"}
        ])
    );
    assert_eq!(
        step("4.4")["continues"],
        serde_json::json!([{"to": "6", "label": "Konsultation"}])
    );
    assert_eq!(
        step("4.5")["continues"],
        serde_json::json!([{"to": "7", "label": null}])
    );
}

#[test]
fn bpmn_draws_a_gateway_after_the_sub_process_with_one_labelled_flow_per_outcome() {
    let run = Model::fixture("outcomes").run(&["export", "--to", "bpmn"]);
    run.expect_status(0);
    let xml = &run.stdout;
    for line in [
        "<bpmn:exclusiveGateway id=\"Gateway_4\" name=\"Utfall av 4 Utredning\">",
        "<bpmn:sequenceFlow id=\"Flow_4_utfall\" sourceRef=\"Step_4\" targetRef=\"Gateway_4\" />",
        "<bpmn:sequenceFlow id=\"Flow_4_6\" name=\"Konsultation\" sourceRef=\"Gateway_4\" targetRef=\"Step_6\" />",
        "<bpmn:sequenceFlow id=\"Flow_4_7\" name=\"Klar utan konsultation\" sourceRef=\"Gateway_4\" targetRef=\"Step_7\" />",
        "<bpmndi:BPMNShape id=\"Shape_Gateway_4\" bpmnElement=\"Gateway_4\">",
        "<bpmndi:BPMNEdge id=\"Edge_Flow_4_utfall\" bpmnElement=\"Flow_4_utfall\">",
    ] {
        assert!(xml.contains(line), "{line}\n{xml}");
    }
    // The sub-process step's only outgoing flow goes into the gateway.
    let start = xml.find("<bpmn:callActivity id=\"Step_4\"").unwrap();
    let end = start + xml[start..].find("</bpmn:callActivity>").unwrap();
    let outgoing: Vec<&str> = xml[start..end]
        .lines()
        .filter(|l| l.contains("<bpmn:outgoing>"))
        .map(str::trim)
        .collect();
    assert_eq!(outgoing, ["<bpmn:outgoing>Flow_4_utfall</bpmn:outgoing>"]);
}
