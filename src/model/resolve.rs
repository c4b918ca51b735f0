//! From files to a model: binds lanes to `karta.yaml`, numbers steps, opens sub-processes
//! and attaches guidance pages. Reports every reference that does not resolve.

use super::{
    lost_step, Book, Edge, Lane, LaneId, Losses, MapId, Model, Page, ProcessMap, Step, StepKind,
    StepNr, MAX_LABEL_CHARS, MAX_TITLE_CHARS,
};
use crate::diagnostic::{Code, Diagnostic};
use crate::load::yaml::did_you_mean;
use crate::load::{RawModel, RawStep};
use crate::msg;
use crate::source::{FileId, SourceMap, Span};
use std::collections::{BTreeMap, HashMap};

/// Resolves what was loaded into a [`Model`]. Everything that can be resolved is; every
/// reference that cannot is reported, and the model keeps the rest.
pub fn resolve(raw: RawModel, diags: &mut Vec<Diagnostic>) -> Model {
    let RawModel {
        sources,
        book,
        book_file: _,
        karta,
        lanes: raw_lanes,
        subprocesses: raw_subs,
        markdown,
        lagar,
        mut losses,
    } = raw;

    let book = match book {
        Some(b) => Book {
            title: b.book.title,
            description: b.book.description,
            language: b.book.language,
            authors: b.book.authors,
            version: b.book.version,
            date: b.book.date,
            build_dir: b.build.build_dir,
            theme: b.build.theme,
            paper: b.map.paper,
            orientation: b.map.orientation,
            accessibility: b.accessibility,
            edit_url: b.book.edit_url,
            feedback: b.book.feedback,
            previous: b.book.previous,
        },
        None => Book {
            title: String::new(),
            description: None,
            language: "sv".into(),
            authors: Vec::new(),
            version: None,
            date: None,
            build_dir: "book".into(),
            theme: "themes/default".into(),
            paper: Default::default(),
            orientation: Default::default(),
            accessibility: None,
            edit_url: None,
            feedback: None,
            previous: None,
        },
    };

    // Lanes: the files, in the order karta.yaml lists them.
    let mut lanes = Vec::new();
    let mut lane_steps: Vec<(LaneId, FileId, Vec<RawStep>)> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (i, f) in raw_lanes.iter().enumerate() {
        by_id.insert(f.id.clone(), i);
    }
    let file_ids: Vec<String> = raw_lanes.iter().map(|f| f.id.clone()).collect();
    let mut raw_lanes: Vec<Option<_>> = raw_lanes.into_iter().map(Some).collect();
    let (overview_title, karta_file, title_span) = match &karta {
        Some(k) => {
            let title_span = k
                .tree
                .get("title")
                .map_or(Span::file_start(k.file), |n| n.span_in(k.file));
            let items = k.tree.get("lanes").map(|n| n.items()).unwrap_or(&[]);
            let mut listed: HashMap<&str, Span> = HashMap::new();
            for (i, id) in k.value.lanes.iter().enumerate() {
                let at = items.get(i).map_or(title_span, |n| n.span_in(k.file));
                let invalid = !valid_lane_id(id);
                if invalid {
                    // One message: the id is wrong wherever it is written, so say how to
                    // rename it, and still read the lane's file so its steps are checked.
                    let suggestion = super::slug(id);
                    let help = if suggestion.is_empty() {
                        msg!("invalid-lane-id-help")
                    } else if by_id.contains_key(id.as_str()) {
                        msg!("invalid-lane-id-help-rename", suggestion = &suggestion)
                    } else {
                        msg!("invalid-lane-id-help-create", suggestion = &suggestion)
                    };
                    diags.push(
                        Diagnostic::error(Code::InvalidLaneId, msg!("invalid-lane-id", id = id))
                            .at(at)
                            .help(help),
                    );
                }
                if listed.contains_key(id.as_str()) {
                    diags.push(
                        Diagnostic::error(
                            Code::LaneListedTwice,
                            msg!("lane-listed-twice", id = id),
                        )
                        .at(at)
                        .help(msg!("lane-listed-twice-help")),
                    );
                    continue;
                }
                listed.insert(id, at);
                match by_id.get(id.as_str()).and_then(|&j| raw_lanes[j].take()) {
                    Some(f) => {
                        if let Some(h) = f.header {
                            if let Some(c) = &h.color {
                                if !valid_color(c) {
                                    let at = f
                                        .tree
                                        .get("color")
                                        .map_or(Span::file_start(f.file), |n| n.span_in(f.file));
                                    diags.push(
                                        Diagnostic::error(
                                            Code::WrongType,
                                            msg!("not-a-colour", color = c),
                                        )
                                        .at(at)
                                        .help(msg!("not-a-colour-help")),
                                    );
                                }
                            }
                            lanes.push(Lane {
                                id: LaneId(id.clone()),
                                name: h.name,
                                color: h.color.filter(|c| valid_color(c)),
                                shared: h.shared,
                                file: f.file,
                            });
                        } else {
                            lanes.push(Lane {
                                id: LaneId(id.clone()),
                                name: id.clone(),
                                color: None,
                                shared: false,
                                file: f.file,
                            });
                        }
                        for s in &f.steps {
                            if let Some(k) = s.node.key("lane") {
                                diags.push(
                                    Diagnostic::error(
                                        Code::UnknownField,
                                        msg!("lane-in-lane-file"),
                                    )
                                    .at(k.span_in(f.file))
                                    .help(msg!("lane-in-lane-file-help", id = id)),
                                );
                            }
                        }
                        lane_steps.push((LaneId(id.clone()), f.file, f.steps));
                    }
                    None if invalid => {}
                    None => diags.push(
                        Diagnostic::error(
                            Code::LaneWithoutFile,
                            msg!("lane-without-file", id = id),
                        )
                        .at(at)
                        .help(match did_you_mean(id, &file_ids) {
                            Some(s) => msg!("lane-without-file-help-typo", near = s, id = id),
                            None => msg!("lane-without-file-help", id = id),
                        })
                        .follows(losses.file(&format!("process/{id}.yaml"))),
                    ),
                }
            }
            (k.value.title.clone(), k.file, title_span)
        }
        None => {
            let id = sources.find("process/karta.yaml").unwrap_or(FileId(0));
            (String::new(), id, Span::file_start(id))
        }
    };
    if karta.is_some() {
        for f in raw_lanes.into_iter().flatten() {
            let suggestion = super::slug(&f.id);
            let help = if valid_lane_id(&f.id) || suggestion.is_empty() {
                msg!("lane-not-listed-help", id = &f.id)
            } else {
                msg!(
                    "lane-not-listed-help-invalid",
                    id = &f.id,
                    suggestion = &suggestion
                )
            };
            diags.push(
                Diagnostic::error(Code::LaneNotListed, msg!("lane-not-listed", id = &f.id))
                    .at(Span::file_start(f.file))
                    .help(help),
            );
        }
    }
    let lane_ids: Vec<String> = lanes.iter().map(|l| l.id.0.clone()).collect();

    // The overview's steps.
    let mut steps = Vec::new();
    for (lane, file, raw) in lane_steps {
        for s in raw {
            steps.push(make_step(s, None, lane.clone(), file, diags));
        }
    }
    let steps = dedupe(steps, diags);
    let mut overview = ProcessMap {
        id: MapId::Overview,
        title: overview_title,
        lane: None,
        opened_from: None,
        steps,
        file: karta_file,
        title_span,
    };

    // Sub-processes: which overview step opens each.
    let sub_ids: Vec<String> = raw_subs.iter().map(|s| s.id.clone()).collect();
    let mut opener: HashMap<String, StepNr> = HashMap::new();
    for step in &overview.steps {
        let Some(name) = &step.process else { continue };
        let at = step.process_span.unwrap_or(step.span);
        if step.kind != StepKind::Subprocess {
            diags.push(
                Diagnostic::error(
                    Code::ProcessOnNonSubprocess,
                    msg!("process-on-non-subprocess", step = step.nr),
                )
                .at(at)
                .help(msg!("process-on-non-subprocess-help"))
                .follows(losses.field(None, step.nr.local, "kind")),
            );
            continue;
        }
        if !sub_ids.contains(name) {
            diags.push(
                Diagnostic::error(
                    Code::MissingSubprocess,
                    msg!("missing-subprocess", name = name),
                )
                .at(at)
                .label(msg!("missing-subprocess-label", name = name))
                .help(match did_you_mean(name, &sub_ids) {
                    Some(s) => msg!("did-you-mean", name = s),
                    None => msg!("missing-subprocess-help", name = name),
                })
                .follows(losses.file(&format!("process/underprocesser/{name}.yaml"))),
            );
            continue;
        }
        if let Some(first) = opener.get(name) {
            diags.push(
                Diagnostic::error(
                    Code::SubprocessOpenedTwice,
                    msg!(
                        "subprocess-opened-twice",
                        name = name,
                        first = first,
                        step = step.nr
                    ),
                )
                .at(at)
                .help(msg!("subprocess-opened-twice-help")),
            );
            continue;
        }
        opener.insert(name.clone(), step.nr);
    }
    for step in &overview.steps {
        if step.kind == StepKind::Subprocess && step.process.is_none() {
            diags.push(
                Diagnostic::error(
                    Code::MissingSubprocess,
                    msg!("subprocess-without-process", step = step.nr),
                )
                .at(step.span)
                .help(msg!("subprocess-without-process-help"))
                .follows(losses.field(None, step.nr.local, "process")),
            );
        }
    }

    let mut subprocesses = Vec::new();
    for f in raw_subs {
        let title_span = f
            .tree
            .get("title")
            .map_or(Span::file_start(f.file), |n| n.span_in(f.file));
        let opened_from = opener.get(&f.id).copied();
        if opened_from.is_none() {
            diags.push(
                Diagnostic::error(
                    Code::SubprocessNeverOpened,
                    msg!("subprocess-never-opened", name = &f.id),
                )
                .at(title_span)
                .help(msg!("subprocess-never-opened-help", name = &f.id))
                // The step that opens it may be among the overview's steps that were lost,
                // or have lost its `kind: subprocess`.
                .follows(losses.some_step(None).or_else(|| {
                    losses
                        .fields
                        .iter()
                        .find(|f| f.sub.is_none() && f.key == "kind")
                        .map(|f| f.cause)
                })),
            );
        }
        let parent = opened_from.map(|n| n.local);
        let Some(header) = f.header else { continue };
        let own_lane = LaneId(header.lane.clone());
        if !lane_ids.contains(&header.lane) {
            let at = f.tree.get("lane").map_or(title_span, |n| n.span_in(f.file));
            diags.push(unknown_lane(&header.lane, at, &lane_ids, &losses));
        }
        let mut sub_steps = Vec::new();
        for s in f.steps {
            let lane = match &s.def.lane {
                Some(l) if lane_ids.contains(l) => LaneId(l.clone()),
                Some(l) => {
                    let at = s.node.get("lane").map_or(title_span, |n| n.span_in(f.file));
                    diags.push(unknown_lane(l, at, &lane_ids, &losses));
                    own_lane.clone()
                }
                None => own_lane.clone(),
            };
            let step = make_step(s, parent, lane, f.file, diags);
            if step.kind == StepKind::Subprocess || step.process.is_some() {
                diags.push(
                    Diagnostic::error(
                        Code::ProcessOnNonSubprocess,
                        msg!("nested-subprocess", step = step.nr),
                    )
                    .at(step.process_span.unwrap_or(step.span))
                    .help(msg!("nested-subprocess-help")),
                );
            }
            sub_steps.push(step);
        }
        subprocesses.push(ProcessMap {
            id: MapId::Sub(f.id.clone()),
            title: header.title,
            lane: Some(own_lane),
            opened_from,
            steps: dedupe(sub_steps, diags),
            file: f.file,
            title_span,
        });
    }
    subprocesses.sort_by(|a, b| {
        (a.opened_from.is_none(), a.opened_from, &a.id).cmp(&(
            b.opened_from.is_none(),
            b.opened_from,
            &b.id,
        ))
    });
    overview.steps.sort_by_key(|s| s.nr);
    super::outcomes::bind(&mut overview, &subprocesses, diags);

    let (guidance, pages, intro) = attach_pages(
        &sources,
        markdown,
        &overview,
        &subprocesses,
        &mut losses,
        diags,
    );
    let laws = super::laws::resolve(lagar, diags);
    Model {
        sources,
        book,
        lanes,
        overview,
        subprocesses,
        guidance,
        pages,
        intro,
        laws,
        losses,
    }
}

fn unknown_lane(id: &str, at: Span, lane_ids: &[String], losses: &Losses) -> Diagnostic {
    Diagnostic::error(Code::UnknownLane, msg!("unknown-lane", id = id))
        .at(at)
        .help(match did_you_mean(id, lane_ids) {
            Some(s) => msg!("did-you-mean", name = s),
            None => msg!("unknown-lane-help", lanes = lane_ids.join(", ")),
        })
        .follows(
            losses
                .karta
                .or_else(|| losses.file(&format!("process/{id}.yaml"))),
        )
}

fn make_step(
    mut s: RawStep,
    parent: Option<u32>,
    lane: LaneId,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Step {
    let node = &s.node;
    let span = node
        .get("nr")
        .map_or(node.span_in(file), |n| n.span_in(file));
    let title_span = node.get("title").map_or(span, |n| n.span_in(file));
    if s.def.nr == 0 {
        diags.push(
            Diagnostic::error(Code::InvalidStepNr, msg!("step-number-zero"))
                .at(span)
                .help(msg!("step-number-zero-help")),
        );
    }
    let title_chars = s.def.title.chars().count();
    if title_chars > MAX_TITLE_CHARS {
        diags.push(
            Diagnostic::error(
                Code::TextTooLong,
                msg!(
                    "title-text-too-long",
                    step = StepNr::on(parent, s.def.nr),
                    n = title_chars,
                    max = MAX_TITLE_CHARS
                ),
            )
            .at(title_span)
            .label(msg!("title-text-too-long-label"))
            .help(msg!("title-text-too-long-help")),
        );
        s.def.title = s.def.title.chars().take(MAX_TITLE_CHARS).collect();
    }
    if s.def.title.trim().is_empty() {
        diags.push(
            Diagnostic::error(Code::WrongType, msg!("empty-title"))
                .at(title_span)
                .help(msg!("empty-title-help")),
        );
    }
    let nr = StepNr::on(parent, s.def.nr);
    let next = edges(
        s.def.next.map(|n| n.0).unwrap_or_default(),
        node.get("next"),
        parent,
        nr,
        span,
        file,
        diags,
    );
    // `continues` names overview steps: its numbers have no parent.
    let continues_node = node.get("continues");
    let continues = s
        .def
        .continues
        .map(|c| edges(c.0, continues_node, None, nr, span, file, diags));
    Step {
        nr: StepNr::on(parent, s.def.nr),
        title: s.def.title.trim().to_string(),
        kind: s.def.kind,
        lane,
        aktualisering: s.def.aktualisering,
        process: s.def.process,
        next,
        continues,
        continues_span: continues_node.map(|n| n.span_in(file)),
        written_next: None,
        outcomes: Vec::new(),
        span,
        title_span,
        process_span: node.get("process").map(|n| n.span_in(file)),
    }
}

/// The arrows of a `next` or `continues` list, each placed at its target number; targets are
/// numbered on the map of `parent`. Labels longer than [`MAX_LABEL_CHARS`] are reported and cut.
fn edges(
    arrows: Vec<crate::format::ArrowDef>,
    list: Option<&crate::load::yaml::Node>,
    parent: Option<u32>,
    from: StepNr,
    step_span: Span,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Edge> {
    arrows
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            // A single `{to, label}` is the list's only item.
            let item = list.and_then(|n| {
                n.index(i)
                    .or((n.get("to").is_some() && i == 0).then_some(n))
            });
            let at = match (list, item) {
                (_, Some(item)) => item.get("to").unwrap_or(item).span_in(file),
                (Some(n), None) => n.span_in(file),
                (None, None) => step_span,
            };
            let to = StepNr::on(parent, a.to);
            let mut label = a.label;
            if let Some(text) = label.as_mut() {
                let chars = text.chars().count();
                if chars > MAX_LABEL_CHARS {
                    let label_span = item
                        .and_then(|i| i.get("label"))
                        .map_or(at, |l| l.span_in(file));
                    diags.push(
                        Diagnostic::error(
                            Code::TextTooLong,
                            msg!(
                                "label-too-long",
                                from = from,
                                to = to,
                                n = chars,
                                max = MAX_LABEL_CHARS
                            ),
                        )
                        .at(label_span)
                        .label(msg!("label-too-long-label"))
                        .help(msg!("label-too-long-help")),
                    );
                    *text = text.chars().take(MAX_LABEL_CHARS).collect();
                }
            }
            Edge {
                to,
                label: label.filter(|l| !l.trim().is_empty()),
                span: at,
            }
        })
        .collect()
}

/// Keeps the first step of each number and reports the others.
fn dedupe(mut steps: Vec<Step>, diags: &mut Vec<Diagnostic>) -> Vec<Step> {
    steps.sort_by_key(|s| (s.nr, s.span.file, s.span.start));
    let mut out: Vec<Step> = Vec::with_capacity(steps.len());
    for s in steps {
        if let Some(prev) = out.last() {
            if prev.nr == s.nr {
                diags.push(
                    Diagnostic::error(Code::DuplicateStep, msg!("duplicate-step", step = s.nr))
                        .at(s.span)
                        .label(msg!("duplicate-step-label"))
                        .help(msg!("duplicate-step-help", title = &prev.title)),
                );
                continue;
            }
        }
        out.push(s);
    }
    out
}

fn attach_pages(
    sources: &SourceMap,
    markdown: Vec<(String, FileId)>,
    overview: &ProcessMap,
    subs: &[ProcessMap],
    losses: &mut Losses,
    diags: &mut Vec<Diagnostic>,
) -> (BTreeMap<StepNr, Page>, Vec<Page>, Option<Page>) {
    let mut guidance = BTreeMap::new();
    let mut pages = Vec::new();
    let mut intro = None;
    let find = |nr: StepNr| -> Option<&Step> {
        match nr.parent {
            None => overview.step(nr),
            Some(p) => subs
                .iter()
                .find(|m| m.opened_from == Some(StepNr::top(p)))
                .and_then(|m| m.step(nr)),
        }
    };
    for (path, file) in markdown {
        if let Some(name) = path.strip_prefix("steg/") {
            let number = name.split(['-', '.']).next().unwrap_or("");
            let prefix: String = {
                // `15.3-slug.md` → "15.3"; `12-slug.md` → "12"; `12.md` → "12".
                let stem = name.trim_end_matches(".md");
                stem.split('-').next().unwrap_or("").to_string()
            };
            let _ = number;
            let Ok(nr) = prefix.parse::<StepNr>() else {
                let d = bad_guidance_name(&path, name, file);
                // The step it names then has no page: that follows from this name.
                losses
                    .files
                    .insert(format!("handlaggarstod/{path}"), d.cause());
                diags.push(d);
                continue;
            };
            let Some(step) = find(nr) else {
                diags.push(
                    Diagnostic::error(
                        Code::GuidanceWithoutStep,
                        msg!(
                            "guidance-without-step",
                            file = format!("handlaggarstod/{path}"),
                            step = nr
                        ),
                    )
                    .at(Span::file_start(file))
                    .help(msg!("guidance-without-step-help"))
                    .follows(lost_step(losses, overview, subs, nr)),
                );
                continue;
            };
            if let Some(first) = guidance.get(&nr) {
                let first: &Page = first;
                diags.push(
                    Diagnostic::error(
                        Code::DuplicateGuidance,
                        msg!("duplicate-guidance", step = nr),
                    )
                    .at(Span::file_start(file))
                    .help(msg!(
                        "duplicate-guidance-help",
                        file = format!("handlaggarstod/{}", first.path)
                    )),
                );
                continue;
            }
            guidance.insert(
                nr,
                Page {
                    path,
                    file,
                    title: step.title.clone(),
                },
            );
        } else {
            let title = first_heading(&sources.get(file).text).unwrap_or_else(|| {
                path.trim_end_matches(".md")
                    .rsplit('/')
                    .next()
                    .unwrap_or(&path)
                    .replace('-', " ")
            });
            let page = Page { path, file, title };
            if page.path == "index.md" {
                intro = Some(page);
            } else {
                pages.push(page);
            }
        }
    }
    // A page named like a step's guidance but outside steg/ is a free page: say so when that
    // step has no guidance of its own.
    for page in &pages {
        let name = page.path.rsplit('/').next().unwrap_or(&page.path);
        let Ok(nr) = page_number(name).parse::<StepNr>() else {
            continue;
        };
        if !name.contains('-') || guidance.contains_key(&nr) || find(nr).is_none() {
            continue;
        }
        let d = Diagnostic::error(
            Code::GuidanceNotRead,
            msg!(
                "guidance-outside-steg",
                file = format!("handlaggarstod/{}", page.path),
                step = nr
            ),
        )
        .at(Span::file_start(page.file))
        .help(msg!(
            "guidance-outside-steg-help",
            file = format!("handlaggarstod/steg/{name}")
        ));
        losses
            .files
            .insert(format!("handlaggarstod/{}", page.path), d.cause());
        diags.push(d);
    }
    (guidance, pages, intro)
}

/// The step number a page's file name starts with: `15.3-intyget.md` → `15.3`,
/// `12.md` → `12`, `3_utreder.md` → `3`; empty when it starts with no digit.
pub fn page_number(name: &str) -> &str {
    let end = name
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(name.len());
    name[..end].trim_end_matches('.')
}

/// E054 for a guidance file whose name is not `<nr>-<slug>.md`. A name that starts with a
/// number but goes on with another separator (`3_utreder.md`) is told how to rename it.
fn bad_guidance_name(path: &str, name: &str, file: FileId) -> Diagnostic {
    let lead: String = name
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let number = lead.trim_end_matches('.');
    let rest = name[number.len()..].trim_end_matches(".md");
    if !number.is_empty() && number.parse::<StepNr>().is_ok() {
        let slug = super::slug(rest);
        let renamed = if slug.is_empty() {
            format!("{number}.md")
        } else {
            format!("{number}-{slug}.md")
        };
        return Diagnostic::error(
            Code::BadGuidanceName,
            msg!(
                "guidance-number-without-dash",
                file = format!("handlaggarstod/{path}"),
                number = number
            ),
        )
        .at(Span::file_start(file))
        .help(msg!(
            "guidance-rename-help",
            file = format!("handlaggarstod/steg/{renamed}")
        ));
    }
    Diagnostic::error(
        Code::BadGuidanceName,
        msg!(
            "guidance-without-number",
            file = format!("handlaggarstod/{path}")
        ),
    )
    .at(Span::file_start(file))
    .help(msg!("guidance-without-number-help"))
}

/// The text of the first `# heading` of a Markdown text.
pub fn first_heading(text: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|t| t.trim().to_string())
}

fn valid_lane_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

fn valid_color(c: &str) -> bool {
    let hex = c.strip_prefix('#').unwrap_or("");
    (hex.len() == 6 || hex.len() == 3) && hex.bytes().all(|b| b.is_ascii_hexdigit())
}
