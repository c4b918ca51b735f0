//! Legal references as data: `handlaggarstod/lagar.yaml` and `lag:` links. The fixture `laws`
//! cites socialtjänstlagen (2025:400) 11 kap. 1 § from steps 2 and 6, the whole law from step
//! 2, lag (2019:1297) 4 § from step 2 and HSLF-FS 2018:54 from step 6; socialtjänstlagen has
//! one reviewed change dated after the model's date and one provision marked unverified.

mod util;

use util::Model;

fn read(site: &std::path::Path, rel: &str) -> String {
    std::fs::read_to_string(site.join(rel)).unwrap()
}

#[test]
fn the_fixture_is_clean() {
    Model::fixture("laws")
        .run(&["check", "--deny-warnings"])
        .expect_status(0);
}

#[test]
fn citations_link_to_the_source_with_the_provision_anchor() {
    let (_out, site) = util::build_site(&Model::fixture("laws"));
    let page = read(&site, "steg/2.html");
    assert!(
        page.contains(
            "<a href=\"https://lagen.nu/2019:1297#P4\">4 § lagen om koordineringsinsatser</a>"
        ),
        "{page}"
    );
    assert!(page.contains(
        "<a href=\"https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/socialtjanstlag-2025400_sfs-2025-400/\">11 kap. 1 § socialtjänstlagen</a>"
    ));
}

#[test]
fn a_citing_page_shows_the_coming_change() {
    let (_out, site) = util::build_site(&Model::fixture("laws"));
    let page = util::html_text(&read(&site, "steg/2.html"));
    assert!(
        page.contains(
            "Kommande ändringar i lagstödet Ändras den 2026-07-01: Socialtjänstlagen (2025:400) – Krav på läkarintyg för försörjningsstöd (förslag, kontrollera SFS)"
        ),
        "{page}"
    );
    // Step 6 cites socialtjänstlagen too; step 4.1 cites nothing.
    assert!(util::html_text(&read(&site, "steg/6.html")).contains("Ändras den 2026-07-01"));
    assert!(!read(&site, "steg/4.1.html").contains("Ändras den"));
}

#[test]
fn the_lagrum_page_lists_every_provision_with_the_steps_citing_it() {
    let (_out, site) = util::build_site(&Model::fixture("laws"));
    let html = read(&site, "lagrum.html");
    let all = util::html_text(&html);
    for expected in [
        "Lagen om koordineringsinsatser för sjukskrivna patienter (2019:1297) Lagtexten 4 § – Citeras i: Steg 2",
        "Socialtjänstlagen (2025:400) Lagtexten Hela lagen – Citeras i: Steg 2 11 kap. 1 § – Citeras i: Steg 2 , Steg 6",
        "Paragraf ej kontrollerad Bestämmelserna nedan citeras utan paragrafnummer eftersom numret inte har kunnat kontrolleras mot lagtexten. Rätten till bistånd (4 kap. 1 § i 2001:453)",
        "Socialtjänstlagen (2001:453) Lagtexten · Upphävd 2025-07-01, ersatt av Socialtjänstlagen (2025:400)",
    ] {
        assert!(all.contains(expected), "{expected}\nin\n{all}");
    }
    assert!(
        html.contains("<a href=\"../steg/6.html\">") || html.contains("<a href=\"steg/6.html\">")
    );
    // The menu of every page links to it.
    assert!(read(&site, "index.html").contains("href=\"lagrum.html\""));
}

#[test]
fn search_finds_pages_by_provision_and_by_law_name() {
    let (_out, site) = util::build_site(&Model::fixture("laws"));
    let index = read(&site, "search-index.js");
    let json = index
        .trim()
        .trim_start_matches("window.PROCESSKARTA_SOK = ")
        .trim_end_matches(';');
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let docs: Vec<&str> = v["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["u"].as_str().unwrap())
        .collect();
    let found = |term: &str| -> Vec<&str> {
        v["terms"][term]
            .as_array()
            .map(|postings| {
                postings
                    .iter()
                    .map(|p| docs[p[0].as_u64().unwrap() as usize])
                    .collect()
            })
            .unwrap_or_default()
    };
    // Step 6's page writes only "11 kap. 1 §"; its citation names the law too.
    assert!(found("socialtjänstlag").contains(&"steg/6.html"), "{index}");
    assert!(found("kap").contains(&"steg/6.html"));
    assert!(found("koordineringsinsats").contains(&"steg/2.html"));
    assert!(found("socialtjänstlag").contains(&"lagrum.html"));
}

#[test]
fn a_citation_on_the_start_page_links_the_start_page() {
    let model = Model::fixture("laws");
    model.write(
        "handlaggarstod/index.md",
        "Börja med steg 1. Se [socialtjänstlagen](lag:sol).\n",
    );
    let (_out, site) = util::build_site(&model);
    let all = util::html_text(&read(&site, "lagrum.html"));
    assert!(
        all.contains("Hela lagen – Citeras i: Testmodell , Steg 2"),
        "{all}"
    );
    assert!(read(&site, "lagrum.html").contains("<a href=\"index.html\">Testmodell</a>"));
}

#[test]
fn a_model_without_lagar_yaml_has_no_lagrum_page() {
    let (_out, site) = util::build_site(&Model::fixture("valid"));
    assert!(!site.join("lagrum.html").exists());
    assert!(!read(&site, "index.html").contains("lagrum.html"));
}

#[test]
fn a_repealed_law_warns_with_its_replacement() {
    let model = Model::fixture("laws");
    model.edit(
        "handlaggarstod/steg/6-gemensam-konsultation.md",
        "(lag:sol/11/1)",
        "(lag:sol-2001/11/1)",
    );
    let run = model.run(&["check", "--format", "json"]);
    run.expect_status(0);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        util::places(&diags),
        ["W006 handlaggarstod/steg/6-gemensam-konsultation.md:8:17"]
    );
    assert_eq!(
        diags[0]["message"],
        "this page cites Socialtjänstlagen (2001:453), which was repealed on 2025-07-01 and replaced by Socialtjänstlagen (2025:400)"
    );
    assert_eq!(
        diags[0]["help"],
        "cite Socialtjänstlagen (2025:400) instead (`lag:sol`), with the provision's number in that law"
    );
}

#[test]
fn a_change_not_reviewed_lists_the_steps_to_re_read() {
    let model = Model::fixture("laws");
    model.edit("handlaggarstod/lagar.yaml", "      reviewed: true\n", "");
    let run = model.run(&["check", "--format", "json"]);
    run.expect_status(0);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        util::places(&diags),
        ["W007 handlaggarstod/lagar.yaml:10:13"]
    );
    assert_eq!(
        diags[0]["help"],
        "re-read the pages that cite it (steg 2, steg 6), then add `reviewed: true` to the change"
    );
}

#[test]
fn every_bad_citation_is_reported_at_once_at_its_link() {
    let model = Model::fixture("laws");
    model.write(
        "handlaggarstod/steg/7-klar.md",
        "## Lagstöd\n\n- [a](lag:sol/x)\n- [b](lag:2019-1297/4/1)\n- [c](lag:sfb/30)\n- [d](lag:sol/11/1/2)\n",
    );
    let run = model.run(&["check", "--format", "json"]);
    run.expect_status(1);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        util::places(&diags),
        [
            "E059 handlaggarstod/steg/7-klar.md:3:7",
            "E059 handlaggarstod/steg/7-klar.md:4:7",
            "E058 handlaggarstod/steg/7-klar.md:5:7",
            "E059 handlaggarstod/steg/7-klar.md:6:7",
        ],
        "{run}"
    );
}

#[test]
fn a_broken_lagar_yaml_is_one_error_not_one_per_citation() {
    let model = Model::fixture("laws");
    model.edit(
        "handlaggarstod/lagar.yaml",
        "  name: Socialtjänstlagen\n",
        "  name: [\n",
    );
    let run = model.run(&["check", "--format", "json"]);
    run.expect_status(1);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["E001"], "{run}");
}

#[test]
fn diff_reports_citations_and_law_changes() {
    let old = Model::fixture("laws");
    let new = Model::fixture("laws");
    new.edit(
        "handlaggarstod/steg/6-gemensam-konsultation.md",
        "(lag:sol/11/1)",
        "(lag:sol/11/2)",
    );
    new.edit(
        "handlaggarstod/lagar.yaml",
        "  changes:\n",
        "  changes:\n    - date: 2027-01-01\n      summary: Skyldighet att delta i SIP (förslag)\n      reviewed: true\n",
    );
    let run = new.run(&["diff", old.path().to_str().unwrap(), "."]);
    run.expect_status(0);
    let want = "Legal references\n  \
        + step 6 (steg/6-gemensam-konsultation.md) cites 11 kap. 2 § Socialtjänstlagen (2025:400)\n  \
        - step 6 (steg/6-gemensam-konsultation.md) no longer cites 11 kap. 1 § Socialtjänstlagen (2025:400)\n  \
        ~ law sol: Socialtjänstlagen (2025:400)\n      \
        change added: 2027-01-01: Skyldighet att delta i SIP (förslag)\n";
    assert!(run.stdout.contains(want), "{run}");
    // In the model's language, Swedish, without --lang.
    let sv = new.run_native(&["diff", old.path().to_str().unwrap(), "."]);
    sv.expect_status(0);
    let want = "Lagrum\n  \
        + steg 6 (steg/6-gemensam-konsultation.md) hänvisar till 11 kap. 2 § Socialtjänstlagen (2025:400)\n  \
        - steg 6 (steg/6-gemensam-konsultation.md) hänvisar inte längre till 11 kap. 1 § Socialtjänstlagen (2025:400)\n  \
        ~ lag sol: Socialtjänstlagen (2025:400)\n      \
        ny ändring: 2027-01-01: Skyldighet att delta i SIP (förslag)\n";
    assert!(sv.stdout.contains(want), "{sv}");
    // The JSON keeps its English words: it is data.
    let json = new.run_native(&[
        "diff",
        old.path().to_str().unwrap(),
        ".",
        "--format",
        "json",
    ]);
    assert!(
        json.stdout
            .contains("\"change added: 2027-01-01: Skyldighet att delta i SIP (förslag)\""),
        "{json}"
    );
}

#[test]
fn the_json_export_has_the_laws_and_the_citations() {
    let run = Model::fixture("laws").run(&["export", "--to", "json"]);
    run.expect_status(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<&str> = v["laws"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["2019-1297", "hslf-fs-2018-54", "sol", "sol-2001"]);
    let first = &v["citations"][0];
    assert_eq!(first["page"], "handlaggarstod/steg/2-tar-emot-ansokan.md");
    assert_eq!(first["step"], "2");
    assert_eq!(first["law"], "sol");
    assert_eq!(first["chapter"], "11");
    assert_eq!(first["paragraph"], "1");
    assert_eq!(first["text"], "11 kap. 1 § Socialtjänstlagen (2025:400)");
    assert_eq!(v["citations"].as_array().unwrap().len(), 5);
}

#[test]
fn the_schema_of_lagar_yaml_closes_unknown_fields() {
    let run = Model::fixture("laws").run(&["schema", "lagar"]);
    run.expect_status(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let law = &v["$defs"]["LawDef"];
    assert_eq!(law["additionalProperties"], false, "{law}");
    assert!(law["properties"]["replaced-by"].is_object());
    assert_eq!(law["required"], serde_json::json!(["name", "url"]));
}
