//! What every page needs to know about the whole site: the steps in process order, where
//! each arrow comes from, the colour of each party, the URL of each page, and the navigation
//! built from them (menu, breadcrumbs, previous and next step).

use super::markdown::{self, Targets};
use super::theme::{is_hex_color, Theme};
use crate::model::{LaneId, MapId, Model, ProcessMap, Step, StepKind, StepNr};
use crate::render::map::Layouts;
use crate::render::step_url;
use serde::Serialize;
use std::collections::BTreeMap;

/// Colour of a shared collaboration area without a colour of its own.
const SHARED_COLOR: &str = "#5F6B7A";

/// The model with everything the pages look up.
pub struct Site<'a> {
    /// The model.
    pub model: &'a Model,
    /// Its maps, laid out.
    pub layouts: &'a Layouts,
    /// The theme.
    pub theme: &'a Theme,
    /// Every step in process order: the overview by number, each sub-process's steps right
    /// after the step that opens it.
    pub order: Vec<StepNr>,
    /// Each step with its map.
    pub steps: BTreeMap<StepNr, (&'a ProcessMap, &'a Step)>,
    /// The arrows into each step: from which step, with which label.
    pub incoming: BTreeMap<StepNr, Vec<(StepNr, Option<&'a str>)>>,
    /// Colour of each lane.
    pub colors: BTreeMap<LaneId, String>,
    /// URLs and heading ids of the Markdown pages.
    pub targets: Targets,
}

/// One entry of the menu.
#[derive(Serialize)]
pub struct NavItem {
    pub title: String,
    pub url: String,
    pub current: bool,
    pub color: Option<String>,
}

/// A group of the menu.
#[derive(Serialize)]
pub struct NavGroup {
    pub heading: String,
    pub items: Vec<NavItem>,
}

/// One step of a breadcrumb trail; the last has no URL.
#[derive(Serialize)]
pub struct Crumb {
    pub title: String,
    pub url: Option<String>,
}

impl<'a> Site<'a> {
    /// Gathers the site's facts about `model`.
    pub fn new(model: &'a Model, layouts: &'a Layouts, theme: &'a Theme) -> Site<'a> {
        let mut steps = BTreeMap::new();
        let mut incoming: BTreeMap<StepNr, Vec<(StepNr, Option<&str>)>> = BTreeMap::new();
        for map in model.maps() {
            for step in &map.steps {
                steps.insert(step.nr, (map, step));
                for e in &step.next {
                    incoming
                        .entry(e.to)
                        .or_default()
                        .push((step.nr, e.label.as_deref()));
                }
            }
        }
        for list in incoming.values_mut() {
            list.sort_by_key(|(nr, _)| order_key(*nr));
        }
        let mut order = Vec::new();
        for step in &model.overview.steps {
            order.push(step.nr);
            for sub in &model.subprocesses {
                if sub.opened_from == Some(step.nr) {
                    order.extend(sub.steps.iter().map(|s| s.nr));
                }
            }
        }
        let mut colors = BTreeMap::new();
        let mut party = 0;
        for lane in &model.lanes {
            let color = match &lane.color {
                Some(c) if is_hex_color(c) => c.clone(),
                _ if lane.shared => SHARED_COLOR.to_string(),
                _ => theme.palette[party % theme.palette.len()].clone(),
            };
            if !lane.shared {
                party += 1;
            }
            colors.insert(lane.id.clone(), color);
        }
        let mut site = Site {
            model,
            layouts,
            theme,
            order,
            steps,
            incoming,
            colors,
            targets: Targets::default(),
        };
        site.targets = site.collect_targets();
        site
    }

    /// URLs, heading ids and print sections of every Markdown page.
    fn collect_targets(&self) -> Targets {
        let mut t = Targets::default();
        let model = self.model;
        let mut all: Vec<(&crate::model::Page, bool)> = Vec::new();
        if let Some(intro) = &model.intro {
            t.urls.insert(intro.path.clone(), "index.html".into());
            t.print_ids.insert(intro.path.clone(), "inledning".into());
            all.push((intro, true));
        }
        for (nr, page) in &model.guidance {
            t.urls.insert(page.path.clone(), step_url(*nr));
            t.print_ids
                .insert(page.path.clone(), markdown::step_anchor(*nr));
            all.push((page, false));
        }
        for page in &model.pages {
            t.urls.insert(page.path.clone(), page_url(&page.path));
            t.print_ids.insert(
                page.path.clone(),
                format!("sida-{}", crate::model::slug(&page.path)),
            );
            all.push((page, true));
        }
        for (page, strip_title) in all {
            let ctx = markdown::Ctx {
                model,
                from: &page.path,
                root: "",
                base_level: 2,
                strip_title,
                id_prefix: "",
                reserved: markdown::RESERVED_IDS,
                targets: None,
                print: false,
            };
            let r = markdown::render(&ctx, model.markdown(page));
            t.anchors.insert(
                page.path.clone(),
                r.headings.into_iter().map(|h| h.id).collect(),
            );
        }
        t
    }

    /// A UI string.
    pub fn s(&self, key: &str) -> String {
        self.theme.s(key).to_string()
    }

    /// The colour of a lane.
    pub fn color(&self, lane: &LaneId) -> String {
        self.colors
            .get(lane)
            .cloned()
            .unwrap_or_else(|| SHARED_COLOR.to_string())
    }

    /// The name of a lane.
    pub fn lane_name(&self, lane: &LaneId) -> String {
        self.model
            .lane(lane)
            .map_or_else(|| lane.0.clone(), |l| l.name.clone())
    }

    /// The label of a kind of step.
    pub fn kind_label(&self, kind: StepKind) -> String {
        self.s(&format!("kind_{}", kind.as_str()))
    }

    /// "Steg 12".
    pub fn step_label(&self, nr: StepNr) -> String {
        format!("{} {nr}", self.theme.s("step"))
    }

    /// Previous and next step in process order.
    pub fn neighbours(&self, nr: StepNr) -> (Option<StepNr>, Option<StepNr>) {
        let Some(i) = self.order.iter().position(|n| *n == nr) else {
            return (None, None);
        };
        let prev = i.checked_sub(1).map(|j| self.order[j]);
        (prev, self.order.get(i + 1).copied())
    }

    /// The sub-process id of a map.
    pub fn sub_id(map: &ProcessMap) -> Option<&str> {
        match &map.id {
            MapId::Sub(id) => Some(id),
            MapId::Overview => None,
        }
    }

    /// The menu, with the page at `current` marked.
    pub fn nav(&self, current: &str) -> Vec<NavGroup> {
        let item = |title: String, url: String, color: Option<String>| NavItem {
            current: url == current,
            title,
            url,
            color,
        };
        let mut pages = vec![
            item(self.s("overview"), "index.html".into(), None),
            item(self.s("aktualisering"), "aktualisering.html".into(), None),
        ];
        if !self.model.laws.laws.is_empty() {
            pages.push(item(self.s("lagrum"), "lagrum.html".into(), None));
        }
        for page in &self.model.pages {
            // A party's own page (`parter/<lane-id>.md`) is linked from the party's page.
            if !self.is_party_page(&page.path) {
                pages.push(item(page.title.clone(), page_url(&page.path), None));
            }
        }
        pages.push(item(self.s("print"), "skriv-ut.html".into(), None));
        pages.push(item(self.s("search"), "sok.html".into(), None));
        let mut groups = vec![NavGroup {
            heading: self.s("pages"),
            items: pages,
        }];
        let parties: Vec<NavItem> = self
            .model
            .lanes
            .iter()
            .map(|l| item(l.name.clone(), party_url(&l.id), Some(self.color(&l.id))))
            .collect();
        if !parties.is_empty() {
            groups.push(NavGroup {
                heading: self.s("parties"),
                items: parties,
            });
        }
        let subs: Vec<NavItem> = self
            .model
            .subprocesses
            .iter()
            .filter_map(|m| Some(item(m.title.clone(), sub_url(Site::sub_id(m)?), None)))
            .collect();
        if !subs.is_empty() {
            groups.push(NavGroup {
                heading: self.s("subprocesses"),
                items: subs,
            });
        }
        groups
    }

    /// True for `parter/<lane-id>.md` of a lane of the model.
    pub fn is_party_page(&self, path: &str) -> bool {
        path.strip_prefix("parter/")
            .and_then(|p| p.strip_suffix(".md"))
            .is_some_and(|id| self.model.lanes.iter().any(|l| l.id.0 == id))
    }

    /// Breadcrumbs: the overview, then `trail`, then the page itself.
    pub fn crumbs(&self, trail: Vec<(String, String)>, here: String) -> Vec<Crumb> {
        let mut out = vec![Crumb {
            title: self.s("overview"),
            url: Some("index.html".into()),
        }];
        out.extend(trail.into_iter().map(|(title, url)| Crumb {
            title,
            url: Some(url),
        }));
        out.push(Crumb {
            title: here,
            url: None,
        });
        out
    }
}

/// Sorts steps in process order: a sub-process's steps right after their opening step.
pub fn order_key(nr: StepNr) -> (u32, u32) {
    match nr.parent {
        Some(p) => (p, nr.local),
        None => (nr.local, 0),
    }
}

/// The page of a party.
pub fn party_url(lane: &LaneId) -> String {
    format!("parter/{}.html", lane.0)
}

/// The page of a sub-process.
pub fn sub_url(id: &str) -> String {
    format!("underprocesser/{id}.html")
}

/// The page of a free Markdown page: `begrepp.md` → `sidor/begrepp.html`.
pub fn page_url(path: &str) -> String {
    let stem = path.strip_suffix(".md").unwrap_or(path);
    format!("sidor/{stem}.html")
}

/// The prefix from a page at `url` back to the site root: `""`, `"../"`, …
pub fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}
