//! Every page of the site: data for the templates, rendered with the theme.

mod reader;

use super::markdown::{self, Heading, Rendered};
use super::nav::{self, page_url, party_url, root_of, sub_url, Crumb, Site};
use super::search::{self, Doc};
use super::theme;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::attachment;
use crate::model::laws;
use crate::model::{AccessibilitySection, LaneId, MapId, Page, ProcessMap, Step, StepKind, StepNr};
use crate::render::{map, step_url, Output};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A step in a list.
#[derive(Serialize)]
struct StepRow {
    nr: String,
    anchor: String,
    title: String,
    url: String,
    party: String,
    color: String,
    kind: &'static str,
    kind_label: String,
    aktualisering: bool,
    leads_to: String,
    children: Vec<StepRow>,
}

/// An arrow on a step page: `pre → link after`.
#[derive(Serialize)]
struct EdgeRow {
    pre: Option<String>,
    link: String,
    url: Option<String>,
    after: Option<String>,
}

/// A link with a title.
#[derive(Serialize)]
struct Link {
    title: String,
    url: String,
    nr: Option<String>,
}

#[derive(Serialize)]
struct SiteInfo<'a> {
    lang: &'a str,
    title: &'a str,
    description: Option<&'a str>,
    version: Option<&'a str>,
    date: Option<&'a str>,
    authors: String,
}

/// Renders every page into `out`.
pub fn render_all(
    site: &Site,
    a11y: &AccessibilitySection,
    changes: Option<&crate::diff::ModelDiff>,
    out: &mut Output,
) -> Result<(), Vec<Diagnostic>> {
    // Each map is drawn once: the overview for the start page (at the root), a sub-process
    // for its page (one folder down). Step pages only need to know which boxes exist.
    let mut svgs = BTreeMap::new();
    svgs.insert(
        MapId::Overview,
        inline_svg(&map::overview_svg(site.model, &site.layouts.overview, "")),
    );
    for sub in &site.model.subprocesses {
        let layout = nav::Site::sub_id(sub).and_then(|id| site.layouts.subprocess(id));
        if let Some(layout) = layout {
            let svg = inline_svg(&map::subprocess_svg(site.model, sub, layout, "../"));
            svgs.insert(sub.id.clone(), svg);
        }
    }
    let ids = svgs.iter().map(|(k, v)| (k.clone(), step_ids(v))).collect();
    let mut r = Renderer {
        site,
        out,
        diags: Vec::new(),
        docs: Vec::new(),
        assets: BTreeSet::new(),
        svgs,
        ids,
        changes_url: changes.map(|_| reader::CHANGES_URL),
    };
    r.index();
    if let Some(diff) = changes {
        r.changes_page(diff);
    }
    for nr in &site.order {
        r.step(*nr);
    }
    for lane in &site.model.lanes {
        r.party(&lane.id);
    }
    for sub in &site.model.subprocesses {
        r.subprocess(sub);
    }
    r.aktualisering();
    r.lagrum();
    for page in &site.model.pages {
        r.free_page(page);
    }
    r.print();
    r.accessibility(a11y);
    r.search_page();
    r.copy_assets();
    let js = search::index_js(&r.docs, &glossary_synonyms(site));
    r.out.add("search-index.js", js);
    if r.diags.is_empty() {
        Ok(())
    } else {
        Err(r.diags)
    }
}

struct Renderer<'s, 'o> {
    site: &'s Site<'s>,
    out: &'o mut Output,
    diags: Vec<Diagnostic>,
    docs: Vec<Doc>,
    assets: BTreeSet<String>,
    /// Each map's SVG, ready to sit in its page.
    svgs: BTreeMap<MapId, String>,
    /// The ids of the step boxes on each map.
    ids: BTreeMap<MapId, BTreeSet<String>>,
    /// The page of changes since `[book] previous`, when there is one.
    changes_url: Option<&'static str>,
}

impl Renderer<'_, '_> {
    /// The context every template gets.
    fn context(
        &self,
        url: &str,
        title: &str,
        kind: &str,
        crumbs: Option<Vec<Crumb>>,
    ) -> tera::Context {
        let book = &self.site.model.book;
        let mut ctx = tera::Context::new();
        ctx.insert(
            "site",
            &SiteInfo {
                lang: &book.language,
                title: &book.title,
                description: book.description.as_deref(),
                version: book.version.as_deref(),
                date: book.date.as_deref(),
                authors: book.authors.join(", "),
            },
        );
        ctx.insert("strings", &self.site.theme.strings);
        ctx.insert("root", &root_of(url));
        ctx.insert("nav", &self.site.nav(url));
        ctx.insert("breadcrumbs", &crumbs);
        ctx.insert(
            "page",
            &serde_json::json!({ "title": title, "kind": kind, "url": url }),
        );
        ctx
    }

    /// Adds page data (body, table of contents, map) to the `page` object.
    fn page_data(ctx: &mut tera::Context, extra: serde_json::Value) {
        let mut page = ctx
            .get("page")
            .cloned()
            .unwrap_or_else(|| serde_json::json!({}));
        if let (Some(p), Some(e)) = (page.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                p.insert(k.clone(), v.clone());
            }
        }
        ctx.insert("page", &page);
    }

    fn emit(&mut self, template: &str, url: &str, ctx: &tera::Context) {
        match theme::render(self.site.theme, template, ctx) {
            Ok(html) => self.out.add(url.to_string(), html),
            Err(d) => {
                if !self.diags.iter().any(|x| x.message == d.message) {
                    self.diags.push(d);
                }
            }
        }
    }

    /// Renders a Markdown page for a page at `url`.
    fn markdown(&mut self, page: &Page, url: &str, base_level: u8, strip_title: bool) -> Rendered {
        let root = root_of(url);
        let ctx = markdown::Ctx {
            model: self.site.model,
            from: &page.path,
            root: &root,
            base_level,
            strip_title,
            id_prefix: "",
            reserved: markdown::RESERVED_IDS,
            targets: Some(&self.site.targets),
            print: false,
        };
        let r = markdown::render(&ctx, self.site.model.markdown(page));
        self.assets.extend(r.assets.iter().cloned());
        r
    }

    fn step_row(&self, nr: StepNr) -> Option<StepRow> {
        let (map, step) = self.site.steps.get(&nr)?;
        Some(StepRow {
            nr: nr.to_string(),
            anchor: markdown::step_anchor(nr),
            title: step.title.clone(),
            url: step_url(nr),
            party: self.site.lane_name(&step.lane),
            color: self.site.color(&step.lane),
            kind: step.kind.as_str(),
            kind_label: self.site.kind_label(step.kind),
            aktualisering: step.aktualisering,
            leads_to: leads_to_text(self.site, map, step),
            children: Vec::new(),
        })
    }

    /// Rows of `nrs`, with each opened sub-process's steps nested under its opener.
    fn rows_nested(&self, nrs: &[StepNr]) -> Vec<StepRow> {
        let mut rows: Vec<StepRow> = Vec::new();
        for nr in nrs {
            let Some(row) = self.step_row(*nr) else {
                continue;
            };
            match nr.parent {
                Some(p) => match rows.last_mut() {
                    Some(last) if last.nr == p.to_string() => last.children.push(row),
                    _ => rows.push(row),
                },
                None => rows.push(row),
            }
        }
        rows
    }

    /// Where "show in the map" goes: the step's box on the map, or its entry in the list
    /// under the map when the map has no box with that id.
    fn map_url(&self, nr: StepNr, map: &ProcessMap, svg_has: impl Fn(&str) -> bool) -> String {
        let anchor = markdown::step_anchor(nr);
        let page = match nav::Site::sub_id(map) {
            Some(id) => sub_url(id),
            None => "index.html".to_string(),
        };
        if svg_has(&anchor) {
            format!("{page}#{anchor}")
        } else {
            format!("{page}#lista-{anchor}")
        }
    }

    fn index(&mut self) {
        let url = "index.html";
        let model = self.site.model;
        let svg = self.svgs.get(&MapId::Overview).cloned().unwrap_or_default();
        let mut ctx = self.context(url, &model.book.title, "index", None);
        let (body, intro_title) = match &model.intro {
            Some(intro) => {
                let r = self.markdown(intro, url, 3, true);
                self.docs.push(Doc {
                    url: url.into(),
                    title: model.book.title.clone(),
                    meta: self.site.s("start_page"),
                    title_text: format!("{} {}", model.book.title, intro.title),
                    body: r.text.clone(),
                    summary: r.summary.clone(),
                });
                let title = if intro.title.is_empty() || intro.title == model.book.title {
                    self.site.s("intro")
                } else {
                    intro.title.clone()
                };
                (r.html, title)
            }
            None => (String::new(), String::new()),
        };
        Self::page_data(
            &mut ctx,
            serde_json::json!({
                "svg": svg,
                "map_title": if model.overview.title.is_empty() { self.site.s("overview_map") } else { model.overview.title.clone() },
                "body": body,
                "intro_title": intro_title,
            }),
        );
        ctx.insert("parties", &self.party_rows());
        ctx.insert("steps", &self.rows_nested(&self.site.order));
        ctx.insert("changes_url", &self.changes_url);
        let intro_file: Vec<_> = model.intro.iter().map(|p| ("edit_page", p.file)).collect();
        self.reader_links(&mut ctx, &intro_file, None);
        self.emit("index.html", url, &ctx);
    }

    fn party_rows(&self) -> Vec<serde_json::Value> {
        self.site
            .model
            .lanes
            .iter()
            .map(|l| {
                let count = self
                    .site
                    .steps
                    .values()
                    .filter(|(_, s)| s.lane == l.id)
                    .count();
                serde_json::json!({
                    "id": l.id.0,
                    "name": l.name,
                    "url": party_url(&l.id),
                    "color": self.site.color(&l.id),
                    "shared": l.shared,
                    "count": count,
                })
            })
            .collect()
    }

    fn step(&mut self, nr: StepNr) {
        let site = self.site;
        let Some(&(map, step)) = site.steps.get(&nr) else {
            return;
        };
        let url = step_url(nr);
        let title = format!("{}: {}", site.step_label(nr), step.title);
        let party = site.lane_name(&step.lane);
        let mut trail = vec![(party.clone(), party_url(&step.lane))];
        let sub_link = nav::Site::sub_id(map).map(|id| Link {
            title: map.title.clone(),
            url: sub_url(id),
            nr: None,
        });
        if let Some(l) = &sub_link {
            trail.push((l.title.clone(), l.url.clone()));
        }
        let crumbs = site.crumbs(trail, site.step_label(nr));
        let mut ctx = self.context(&url, &title, "steg", Some(crumbs));
        let (body, toc, mut text, summary) = match site.model.guidance.get(&nr) {
            Some(page) => {
                let r = self.markdown(page, &url, 2, false);
                (r.html, toc(&r.headings, 2), r.text, r.summary)
            }
            None => Default::default(),
        };
        let cited = site
            .model
            .guidance
            .get(&nr)
            .map(|p| laws::of_page(site.model, p))
            .unwrap_or_default();
        // Search finds the page by the law's name and by "11 kap. 1 §".
        for c in &cited {
            if let Some(law) = site.model.laws.get(&c.law) {
                text.push(' ');
                text.push_str(&c.text(law));
            }
        }
        self.docs.push(Doc {
            url: url.clone(),
            title: step.title.clone(),
            meta: format!("{} · {party}", site.step_label(nr)),
            title_text: format!("{} {nr} {}", site.s("step"), step.title),
            body: text,
            summary,
        });
        Self::page_data(&mut ctx, serde_json::json!({ "body": body, "toc": toc }));
        let no_ids = BTreeSet::new();
        let svg_has = self.ids.get(&map.id).unwrap_or(&no_ids);
        let opens = site
            .model
            .subprocesses
            .iter()
            .find(|m| m.opened_from == Some(nr))
            .and_then(|m| {
                Some(Link {
                    title: m.title.clone(),
                    url: sub_url(nav::Site::sub_id(m)?),
                    nr: None,
                })
            });
        ctx.insert(
            "step",
            &serde_json::json!({
                "nr": nr.to_string(),
                "title": step.title,
                "kind": step.kind.as_str(),
                "kind_label": site.kind_label(step.kind),
                "aktualisering": step.aktualisering,
                "party": party,
                "party_url": party_url(&step.lane),
                "color": site.color(&step.lane),
                "subprocess": sub_link,
                "opens": opens,
                "map_url": self.map_url(nr, map, |a| svg_has.contains(a)),
                "comes_from": self.comes_from(nr, map, step),
                "leads_to": self.leads_to(nr, map, step),
                "law_changes": law_changes(site, &cited),
            }),
        );
        let (prev, next) = site.neighbours(nr);
        let link = |n: Option<StepNr>| {
            n.and_then(|n| site.steps.get(&n)).map(|(_, s)| Link {
                title: s.title.clone(),
                url: step_url(s.nr),
                nr: Some(s.nr.to_string()),
            })
        };
        ctx.insert("prev", &link(prev));
        ctx.insert("next", &link(next));
        let mut files: Vec<_> = site
            .model
            .guidance
            .get(&nr)
            .map(|p| ("edit_page", p.file))
            .into_iter()
            .collect();
        files.push(("edit_step", step.span.file));
        self.reader_links(&mut ctx, &files, Some(step));
        self.emit("step.html", &url, &ctx);
    }

    fn edge(&self, pre: Option<String>, to: StepNr) -> EdgeRow {
        let title = self.site.steps.get(&to).map(|(_, s)| s.title.clone());
        EdgeRow {
            pre,
            link: self.site.step_label(to),
            url: Some(step_url(to)),
            after: title,
        }
    }

    /// A row of plain text, without a link.
    fn text_row(&self, text: String) -> EdgeRow {
        EdgeRow {
            pre: None,
            link: text,
            url: None,
            after: None,
        }
    }

    fn comes_from(&self, nr: StepNr, map: &ProcessMap, step: &Step) -> Vec<EdgeRow> {
        let mut rows = Vec::new();
        if step.kind == StepKind::Start {
            if let Some(opener) = map.opened_from {
                rows.push(self.edge(Some(self.site.s("opened_from")), opener));
            }
        }
        for (from, label) in self.site.incoming.get(&nr).into_iter().flatten() {
            let mut row = self.edge(None, *from);
            if let Some(l) = label {
                row.after = Some(format!("{} ({l})", row.after.unwrap_or_default()));
            }
            rows.push(row);
        }
        rows
    }

    fn leads_to(&self, nr: StepNr, map: &ProcessMap, step: &Step) -> Vec<EdgeRow> {
        let site = self.site;
        let mut rows = Vec::new();
        if let Some(sub) = site
            .model
            .subprocesses
            .iter()
            .find(|m| m.opened_from == Some(nr))
        {
            for start in sub.steps.iter().filter(|s| s.kind == StepKind::Start) {
                rows.push(self.edge(Some(site.s("opens_subprocess")), start.nr));
            }
        }
        if step.outcomes.iter().any(|o| o.explicit) {
            // Each outcome of the sub-process, with where it goes on.
            for o in &step.outcomes {
                let targets =
                    o.to.iter()
                        .filter(|e| step.next.iter().any(|n| n.to == e.to));
                let mut any = false;
                for e in targets {
                    any = true;
                    rows.push(self.edge(e.label.clone(), e.to));
                }
                if !any {
                    rows.push(self.text_row(format!("{}: {}", o.title, site.s("flow_stops"))));
                }
            }
        } else {
            for e in &step.next {
                rows.push(self.edge(e.label.clone(), e.to));
            }
        }
        if step.kind == StepKind::End {
            if let Some(opener) = map.opened_from.and_then(|o| site.steps.get(&o)) {
                let back = site.s("back_to_overview");
                let with = |label: &Option<String>| match label {
                    Some(l) => format!("{back} ({l})"),
                    None => back.clone(),
                };
                match opener.1.outcomes.iter().find(|o| o.end == nr && o.explicit) {
                    // Only where this outcome goes on, with the label it is written with.
                    Some(_) => {
                        let written = step.continues.iter().flatten();
                        let kept: Vec<_> = written
                            .filter(|e| opener.1.next.iter().any(|n| n.to == e.to))
                            .collect();
                        for e in &kept {
                            rows.push(self.edge(Some(with(&e.label)), e.to));
                        }
                        if kept.is_empty() {
                            rows.push(self.text_row(site.s("flow_stops")));
                        }
                    }
                    None => {
                        for e in opener.1.written() {
                            rows.push(self.edge(Some(with(&e.label)), e.to));
                        }
                        if opener.1.written().is_empty() {
                            rows.push(self.edge(Some(back), opener.1.nr));
                        }
                    }
                }
            }
        }
        rows
    }

    fn party(&mut self, lane_id: &LaneId) {
        let site = self.site;
        let Some(lane) = site.model.lane(lane_id) else {
            return;
        };
        let url = party_url(lane_id);
        let crumbs = site.crumbs(Vec::new(), lane.name.clone());
        let mut ctx = self.context(&url, &lane.name, "part", Some(crumbs));
        // A shared area has no lane map.
        let svg = site
            .layouts
            .lane(lane_id)
            .map_or_else(String::new, |layout| {
                inline_svg(&map::lane_svg(site.model, lane_id, layout, "../"))
            });
        // A free page `parter/<lane-id>.md` is the party's own description.
        let about = site
            .model
            .pages
            .iter()
            .find(|p| p.path == format!("parter/{}.md", lane_id.0))
            .map(|p| Link {
                title: p.title.clone(),
                url: page_url(&p.path),
                nr: None,
            });
        Self::page_data(&mut ctx, serde_json::json!({ "svg": svg, "about": about }));
        let own: Vec<StepNr> = site
            .model
            .overview
            .steps
            .iter()
            .filter(|s| &s.lane == lane_id)
            .map(|s| s.nr)
            .collect();
        ctx.insert("steps", &self.rows_nested(&own));
        let mut groups = Vec::new();
        for sub in &site.model.subprocesses {
            let nrs: Vec<StepNr> = sub
                .steps
                .iter()
                .filter(|s| &s.lane == lane_id)
                .map(|s| s.nr)
                .collect();
            if let (false, Some(id)) = (nrs.is_empty(), nav::Site::sub_id(sub)) {
                let rows: Vec<StepRow> = nrs.iter().filter_map(|n| self.step_row(*n)).collect();
                groups.push(serde_json::json!({
                    "title": sub.title,
                    "url": sub_url(id),
                    "steps": rows,
                }));
            }
        }
        ctx.insert("sub_groups", &groups);
        ctx.insert(
            "party",
            &serde_json::json!({
                "id": lane.id.0,
                "name": lane.name,
                "color": site.color(lane_id),
                "shared": lane.shared,
            }),
        );
        let titles: Vec<String> = site
            .steps
            .values()
            .filter(|(_, s)| &s.lane == lane_id)
            .map(|(_, s)| s.title.clone())
            .collect();
        self.docs.push(Doc {
            url: url.clone(),
            title: lane.name.clone(),
            meta: if lane.shared {
                site.s("shared_area")
            } else {
                site.s("party")
            },
            title_text: lane.name.clone(),
            body: titles.join(". "),
            summary: titles.join(". "),
        });
        self.reader_links(&mut ctx, &[("edit_page", lane.file)], None);
        self.emit("party.html", &url, &ctx);
    }

    fn subprocess(&mut self, sub: &ProcessMap) {
        let site = self.site;
        let Some(id) = nav::Site::sub_id(sub) else {
            return;
        };
        let url = sub_url(id);
        let lane = sub.lane.clone().unwrap_or_else(|| LaneId(String::new()));
        let party = site.lane_name(&lane);
        let crumbs = site.crumbs(vec![(party.clone(), party_url(&lane))], sub.title.clone());
        let mut ctx = self.context(&url, &sub.title, "underprocess", Some(crumbs));
        let svg = self.svgs.get(&sub.id).cloned().unwrap_or_default();
        Self::page_data(&mut ctx, serde_json::json!({ "svg": svg }));
        let nrs: Vec<StepNr> = sub.steps.iter().map(|s| s.nr).collect();
        let rows: Vec<StepRow> = nrs.iter().filter_map(|n| self.step_row(*n)).collect();
        ctx.insert("steps", &rows);
        let opener = sub.opened_from.and_then(|o| site.steps.get(&o));
        let overview_ids = self.ids.get(&MapId::Overview).cloned().unwrap_or_default();
        let back_url = match opener {
            Some((m, s)) => self.map_url(s.nr, m, |a| overview_ids.contains(a)),
            None => "index.html".into(),
        };
        let continues: Vec<EdgeRow> = opener
            .map(|(_, s)| {
                s.next
                    .iter()
                    .map(|e| self.edge(e.label.clone(), e.to))
                    .collect()
            })
            .unwrap_or_default();
        ctx.insert(
            "sub",
            &serde_json::json!({
                "title": sub.title,
                "party": party,
                "party_url": party_url(&lane),
                "color": site.color(&lane),
                "opener": opener.map(|(_, s)| Link { title: s.title.clone(), url: step_url(s.nr), nr: Some(s.nr.to_string()) }),
                "back_url": back_url,
                "continues": continues,
            }),
        );
        let step_titles = sub
            .steps
            .iter()
            .map(|s| s.title.as_str())
            .collect::<Vec<_>>()
            .join(". ");
        self.docs.push(Doc {
            url: url.clone(),
            title: sub.title.clone(),
            meta: site.s("subprocess"),
            title_text: sub.title.clone(),
            body: step_titles.clone(),
            summary: step_titles,
        });
        self.reader_links(&mut ctx, &[("edit_page", sub.file)], None);
        self.emit("subprocess.html", &url, &ctx);
    }

    fn aktualisering(&mut self) {
        let site = self.site;
        let url = "aktualisering.html";
        let title = site.s("aktualisering_title");
        let crumbs = site.crumbs(Vec::new(), site.s("aktualisering"));
        let mut ctx = self.context(url, &title, "aktualisering", Some(crumbs));
        let parties: Vec<serde_json::Value> = site
            .model
            .lanes
            .iter()
            .map(|l| {
                let rows: Vec<StepRow> = site
                    .order
                    .iter()
                    .filter(|n| {
                        site.steps
                            .get(n)
                            .is_some_and(|(_, s)| s.aktualisering && s.lane == l.id)
                    })
                    .filter_map(|n| self.step_row(*n))
                    .collect();
                serde_json::json!({
                    "id": l.id.0,
                    "name": l.name,
                    "url": party_url(&l.id),
                    "color": site.color(&l.id),
                    "steps": rows,
                })
            })
            .collect();
        ctx.insert("parties", &parties);
        self.emit("aktualisering.html", url, &ctx);
        self.index_emitted(url, &title, site.s("aktualisering"));
    }

    /// The page "Lagrum": every law cited, each provision with the steps and pages citing it,
    /// the provisions not yet checked, and the changes. Only for a model with `lagar.yaml`.
    fn lagrum(&mut self) {
        let site = self.site;
        if site.model.laws.laws.is_empty() {
            return;
        }
        let url = "lagrum.html";
        let title = site.s("lagrum_title");
        let crumbs = site.crumbs(Vec::new(), site.s("lagrum"));
        let mut ctx = self.context(url, &title, "lagrum", Some(crumbs));
        let cited = laws::citations(site.model);
        let mut body = Vec::new();
        let laws: Vec<serde_json::Value> = site
            .model
            .laws
            .laws
            .iter()
            .map(|law| {
                let mut provisions: BTreeMap<ProvisionKey, (laws::Citation, Vec<Link>)> = BTreeMap::new();
                for c in &cited {
                    let Ok(citation) = &c.citation else { continue };
                    if citation.law != law.id {
                        continue;
                    }
                    let entry = provisions
                        .entry(provision_key(citation))
                        .or_insert_with(|| (citation.clone(), Vec::new()));
                    let link = match c.step {
                        Some(nr) => Link {
                            title: site.steps.get(&nr).map_or_else(String::new, |(_, s)| s.title.clone()),
                            url: step_url(nr),
                            nr: Some(nr.to_string()),
                        },
                        // The introduction is the start page.
                        None if c.page.path == "index.md" => Link {
                            title: site.model.book.title.clone(),
                            url: "index.html".into(),
                            nr: None,
                        },
                        None => Link {
                            title: c.page.title.clone(),
                            url: page_url(&c.page.path),
                            nr: None,
                        },
                    };
                    if !entry.1.iter().any(|l| l.url == link.url) {
                        entry.1.push(link);
                    }
                }
                // Pages first, then steps in reading order.
                let place = |l: &Link| {
                    let nr = l.nr.as_deref().and_then(|n| n.parse::<StepNr>().ok());
                    nr.map(|nr| site.order.iter().position(|o| *o == nr))
                };
                let provisions: Vec<serde_json::Value> = provisions
                    .into_values()
                    .map(|(c, mut cited_by)| {
                        cited_by.sort_by_key(place);
                        body.push(c.text(law));
                        let provision = c.provision();
                        serde_json::json!({
                            "text": if provision.is_empty() { site.s("lagrum_whole_law") } else { provision },
                            "href": c.href(law),
                            "cited_by": cited_by,
                        })
                    })
                    .collect();
                let replaced_by = law
                    .replaced_by
                    .as_deref()
                    .and_then(|id| site.model.laws.get(id))
                    .map(|l| serde_json::json!({ "id": l.id, "name": l.full_name() }));
                body.push(law.full_name());
                serde_json::json!({
                    "id": law.id,
                    "name": law.full_name(),
                    "url": law.url,
                    "repealed": law.repealed,
                    "replaced_by": replaced_by,
                    "unverified": law.unverified,
                    "changes": law.changes.iter().map(|c| serde_json::json!({
                        "date": c.date,
                        "summary": c.summary,
                        "coming": is_coming(site, &c.date),
                    })).collect::<Vec<_>>(),
                    "provisions": provisions,
                })
            })
            .collect();
        ctx.insert("laws", &laws);
        self.docs.push(Doc {
            url: url.into(),
            title: title.clone(),
            meta: site.s("lagrum"),
            title_text: title.clone(),
            body: body.join(" "),
            summary: site.s("lagrum_intro"),
        });
        self.emit("lagrum.html", url, &ctx);
    }

    fn free_page(&mut self, page: &Page) {
        let url = page_url(&page.path);
        let crumbs = self.site.crumbs(Vec::new(), page.title.clone());
        let mut ctx = self.context(&url, &page.title, "sida", Some(crumbs));
        let r = self.markdown(page, &url, 2, true);
        let glossary = page.path == "begrepp.md";
        self.docs.push(Doc {
            url: url.clone(),
            title: page.title.clone(),
            meta: if glossary {
                self.site.s("glossary")
            } else {
                self.site.s("pages")
            },
            title_text: page.title.clone(),
            body: r.text.clone(),
            summary: r.summary.clone(),
        });
        Self::page_data(
            &mut ctx,
            serde_json::json!({ "body": r.html, "toc": toc(&r.headings, 2), "glossary": glossary }),
        );
        self.reader_links(&mut ctx, &[("edit_page", page.file)], None);
        self.emit("page.html", &url, &ctx);
    }

    fn print(&mut self) {
        let site = self.site;
        let url = "skriv-ut.html";
        let title = site.s("print_title");
        let crumbs = site.crumbs(Vec::new(), site.s("print"));
        let mut ctx = self.context(url, &title, "skriv-ut", Some(crumbs));
        let mut sections = Vec::new();
        let mut render = |page: &Page, id: &str, strip: bool| -> String {
            let prefix = format!("{id}-");
            let mctx = markdown::Ctx {
                model: site.model,
                from: &page.path,
                root: "",
                base_level: 3,
                strip_title: strip,
                id_prefix: &prefix,
                reserved: markdown::RESERVED_IDS,
                targets: Some(&site.targets),
                print: true,
            };
            let r = markdown::render(&mctx, site.model.markdown(page));
            self.assets.extend(r.assets);
            r.html
        };
        if let Some(intro) = &site.model.intro {
            sections.push(serde_json::json!({
                "id": "inledning",
                "title": if intro.title.is_empty() { site.s("start_page") } else { intro.title.clone() },
                "body": render(intro, "inledning", true),
            }));
        }
        for nr in &site.order {
            let Some(&(map, step)) = site.steps.get(nr) else {
                continue;
            };
            let id = markdown::step_anchor(*nr);
            let body = site
                .model
                .guidance
                .get(nr)
                .map(|p| render(p, &id, false))
                .unwrap_or_default();
            sections.push(serde_json::json!({
                "id": id,
                "nr": nr.to_string(),
                "child": nr.parent.is_some(),
                "title": step.title,
                "party": site.lane_name(&step.lane),
                "kind_label": site.kind_label(step.kind),
                "leads_to": leads_to_text(site, map, step),
                "body": body,
            }));
        }
        for page in &site.model.pages {
            let id = site
                .targets
                .print_ids
                .get(&page.path)
                .cloned()
                .unwrap_or_default();
            sections.push(serde_json::json!({
                "id": id,
                "title": page.title,
                "body": render(page, &id, true),
            }));
        }
        ctx.insert("sections", &sections);
        Self::page_data(&mut ctx, self.print_extras());
        self.emit("print.html", url, &ctx);
    }

    /// The print view's overview map (ids prefixed, so they differ from the sections') and
    /// its `@page` rules: the site title and page numbers in the margins, and the overview on
    /// a page of the paper book.toml names.
    fn print_extras(&self) -> serde_json::Value {
        let site = self.site;
        let book = &site.model.book;
        let svg = inline_svg(&map::overview_svg_ids(
            site.model,
            &site.layouts.overview,
            "",
            PRINT_MAP_IDS,
        ));
        let (w, h) = crate::layout::style::paper_mm(book.paper, book.orientation);
        let css = format!(
            "@page {{ @top-left {{ content: {title}; }} @bottom-right {{ content: {page} \" \" counter(page) \" \" {of} \" \" counter(pages); }} }}\n\
             @page oversikt {{ size: {w}mm {h}mm; margin: 10mm; }}\n\
             .print-overview svg {{ height: {fit}mm; }}\n",
            title = css_string(&book.title),
            page = css_string(&site.s("print_page")),
            of = css_string(&site.s("print_of")),
            w = w.round(),
            h = h.round(),
            // The page's height less its margins and a little room, so the map fits one sheet.
            fit = (h - 24.0).round(),
        );
        serde_json::json!({ "print_css": css, "overview_svg": svg })
    }

    fn accessibility(&mut self, a: &AccessibilitySection) {
        let site = self.site;
        let url = "tillganglighet.html";
        let title = site.s("a11y_title");
        let crumbs = site.crumbs(Vec::new(), title.clone());
        let mut ctx = self.context(url, &title, "tillganglighet", Some(crumbs));
        let feedback = a.feedback.clone().unwrap_or_default();
        let (feedback_url, feedback_text) = contact(&feedback);
        let enforcement = a.enforcement_url.clone().unwrap_or_default();
        let enforcement_ok = is_web_url(&enforcement);
        ctx.insert(
            "a11y",
            &serde_json::json!({
                "organisation": a.organisation.clone().unwrap_or_default(),
                "status": a.status.clone().unwrap_or_default(),
                "shortcomings": a.shortcomings,
                "assessment_date": a.assessment_date.clone().unwrap_or_default(),
                "assessment_method": a.assessment_method.clone().unwrap_or_default(),
                "feedback_url": feedback_url,
                "feedback_text": feedback_text,
                "enforcement_url": if enforcement_ok { Some(enforcement.clone()) } else { None },
                "enforcement_text": enforcement,
            }),
        );
        let book_toml: Vec<_> = site
            .model
            .sources
            .find("book.toml")
            .map(|id| ("edit_page", id))
            .into_iter()
            .collect();
        self.reader_links(&mut ctx, &book_toml, None);
        self.emit("accessibility.html", url, &ctx);
        self.index_emitted(url, &title, title.clone());
    }

    /// Adds a page rendered from the theme alone (no Markdown) to the search index, with the
    /// text of its `<main>` after the heading (the breadcrumbs and the title are not text to
    /// show under the result).
    fn index_emitted(&mut self, url: &str, title: &str, meta: String) {
        let Some(html) = self.out.files.get(url) else {
            return;
        };
        let html = String::from_utf8_lossy(html);
        let main = html
            .split_once("<main")
            .and_then(|(_, rest)| rest.split_once("</main>"))
            .map_or("", |(main, _)| main);
        let body = main
            .split_once("</h1>")
            .map_or_else(|| main.split_once('>').map_or("", |(_, m)| m), |(_, m)| m);
        let text = html_text(body);
        self.docs.push(Doc {
            url: url.into(),
            title: title.into(),
            meta,
            title_text: title.into(),
            body: text.clone(),
            summary: text,
        });
    }

    fn search_page(&mut self) {
        let url = "sok.html";
        let title = self.site.s("search_title");
        let crumbs = self.site.crumbs(Vec::new(), title.clone());
        let ctx = self.context(url, &title, "sok", Some(crumbs));
        self.emit("search.html", url, &ctx);
    }

    /// Copies the files the guidance links to into `filer/`, each through
    /// [`attachment::publish`] (which `check` ran too): only regular files of the model, and
    /// SVG images re-written without scripts.
    fn copy_assets(&mut self) {
        let root = self.site.model.sources.root();
        for rel in std::mem::take(&mut self.assets) {
            match attachment::publish(root, &rel) {
                Ok(bytes) => self.out.add(format!("filer/{rel}"), bytes),
                Err(attachment::Problem::Refused(refusal)) => self.diags.push(
                    crate::load::refusal_diagnostic(&refusal, format!("handlaggarstod/{rel}")),
                ),
                Err(attachment::Problem::BadSvg(why)) => self.diags.push(Diagnostic::error(
                    Code::BadSvgAttachment,
                    crate::msg!(
                        "bad-svg-attachment",
                        file = format!("handlaggarstod/{rel}"),
                        why = why
                    ),
                )),
            }
        }
    }
}

/// Whether a change dated `date` is after the model's date (every change is, when the model
/// has none): such changes are shown on the pages that cite the law.
fn is_coming(site: &Site, date: &str) -> bool {
    site.model.book.date.as_deref().is_none_or(|d| date > d)
}

/// The coming changes of the laws a page cites: "Ändras den 2026-07-01: …".
fn law_changes(site: &Site, cited: &[laws::Citation]) -> Vec<serde_json::Value> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for c in cited {
        let Some(law) = site.model.laws.get(&c.law) else {
            continue;
        };
        if seen.contains(&law.id.as_str()) {
            continue;
        }
        seen.push(&law.id);
        for change in law.changes.iter().filter(|ch| is_coming(site, &ch.date)) {
            out.push(serde_json::json!({
                "id": law.id,
                "law": law.full_name(),
                "date": change.date,
                "summary": change.summary,
            }));
        }
    }
    out
}

/// Chapter and paragraph as (number, letters), for ordering.
type ProvisionKey = (u32, String, u32, String);

/// Orders provisions: the whole law, then by chapter and paragraph as numbers.
fn provision_key(c: &laws::Citation) -> ProvisionKey {
    let split = |s: &Option<String>| -> (u32, String) {
        match s {
            None => (0, String::new()),
            Some(s) => {
                let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
                (digits.parse().unwrap_or(0), s[digits.len()..].to_string())
            }
        }
    };
    let (c1, c2) = split(&c.chapter);
    let (p1, p2) = split(&c.paragraph);
    (c1, c2, p1, p2)
}

/// "Ja → 4, Nej → 6" for the step lists.
fn leads_to_text(site: &Site, map: &ProcessMap, step: &Step) -> String {
    let mut parts: Vec<String> = step
        .next
        .iter()
        .map(|e| match &e.label {
            Some(l) => format!("{l} → {}", e.to),
            None => e.to.to_string(),
        })
        .collect();
    if step.kind == StepKind::End {
        if let Some(opener) = map.opened_from.and_then(|o| site.steps.get(&o)) {
            let back = site.s("back_to_overview");
            match opener
                .1
                .outcomes
                .iter()
                .find(|o| o.end == step.nr && o.explicit)
            {
                Some(o) if o.to.is_empty() => parts.push(site.s("flow_stops")),
                Some(o) => {
                    let to: Vec<String> = o.to.iter().map(|e| e.to.to_string()).collect();
                    parts.push(format!("{back} → {}", to.join(", ")));
                }
                None => parts.push(back),
            }
        }
    }
    parts.join(", ")
}

/// The table of contents: the body's top-level headings.
fn toc(headings: &[Heading], level: u8) -> Vec<Heading> {
    headings
        .iter()
        .filter(|h| h.level == level)
        .cloned()
        .collect()
}

/// The ids `steg-…` of the step boxes in an SVG.
fn step_ids(svg: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for quote in ['"', '\''] {
        let pat = format!("id={quote}steg-");
        for (i, _) in svg.match_indices(&pat) {
            let rest = &svg[i + 4..];
            if let Some(end) = rest.find(quote) {
                ids.insert(rest[..end].to_string());
            }
        }
    }
    ids
}

/// An SVG document made fit to sit inside a page: no XML declaration or doctype.
fn inline_svg(svg: &str) -> String {
    let mut s = svg.trim_start();
    if s.starts_with("<?xml") {
        s = s.find("?>").map_or(s, |i| s[i + 2..].trim_start());
    }
    if s.starts_with("<!DOCTYPE") {
        s = s.find('>').map_or(s, |i| s[i + 1..].trim_start());
    }
    // A map whose steps are links is a group of controls, not an image: `role="img"` would
    // hide the links from assistive technology (and axe reports nested-interactive).
    if let (Some(end), true) = (s.find('>'), s.contains("<a ")) {
        let root = &s[..end];
        if root.starts_with("<svg") && root.contains(" role=\"img\"") {
            return format!(
                "{}{}",
                root.replacen(" role=\"img\"", " role=\"group\"", 1),
                &s[end..]
            );
        }
    }
    s.to_string()
}

/// The prefix of the element ids of the print view's overview map.
const PRINT_MAP_IDS: &str = "utskrift-";

/// The synonym groups the glossary (`begrepp.md`) names, for search.
fn glossary_synonyms(site: &Site) -> Vec<Vec<String>> {
    site.model
        .pages
        .iter()
        .find(|p| p.path == "begrepp.md")
        .map(|p| search::synonyms(site.model.markdown(p)))
        .unwrap_or_default()
}

/// The text of an HTML fragment: tags dropped, the theme's entities decoded, whitespace
/// collapsed.
fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text as a CSS string literal: quotes and backslashes escaped, `<` and control
/// characters as escapes, so that it cannot end a `<style>` element.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", c as u32)),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_web_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !s.contains(char::is_whitespace)
}

/// The feedback contact as a link (mail or web) and its text.
fn contact(s: &str) -> (Option<String>, String) {
    let s = s.trim();
    if let Some(addr) = s.strip_prefix("mailto:") {
        return (Some(s.to_string()), addr.to_string());
    }
    if is_web_url(s) {
        return (Some(s.to_string()), s.to_string());
    }
    if s.contains('@') && !s.contains(char::is_whitespace) && !s.contains(':') {
        return (Some(format!("mailto:{s}")), s.to_string());
    }
    (None, s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_break_out() {
        assert_eq!(css_string("A \"b\" \\ c"), "\"A \\\"b\\\" \\\\ c\"");
        assert_eq!(css_string("x</style>"), "\"x\\3c /style\\3e \"");
    }

    #[test]
    fn text_of_html() {
        assert_eq!(
            html_text("<h1>Tillgänglighet</h1>\n<p>Sidan &amp; <a href=\"x\">kartan</a></p>"),
            "Tillgänglighet Sidan & kartan"
        );
    }

    #[test]
    fn finds_step_ids_in_svg() {
        let ids = step_ids(r#"<svg><a href="x"><g id="steg-12"/></a><g id='steg-15-3'/></svg>"#);
        assert_eq!(
            ids.into_iter().collect::<Vec<_>>(),
            ["steg-12", "steg-15-3"]
        );
    }

    #[test]
    fn contact_links_only_mail_and_web() {
        assert_eq!(
            contact("mailto:a@b.se"),
            (Some("mailto:a@b.se".into()), "a@b.se".into())
        );
        assert_eq!(contact("a@b.se").0.as_deref(), Some("mailto:a@b.se"));
        assert_eq!(contact("javascript:alert(1)").0, None);
        assert_eq!(
            contact("https://x.se/form").0.as_deref(),
            Some("https://x.se/form")
        );
    }

    #[test]
    fn svg_loses_its_prolog() {
        assert_eq!(inline_svg("<?xml version=\"1.0\"?>\n<svg/>"), "<svg/>");
        assert_eq!(
            inline_svg("<svg role=\"img\" aria-label=\"K\"><a href=\"x\"/></svg>"),
            "<svg role=\"group\" aria-label=\"K\"><a href=\"x\"/></svg>"
        );
        assert_eq!(
            inline_svg("<svg role=\"img\"><g/></svg>"),
            "<svg role=\"img\"><g/></svg>"
        );
    }
}
