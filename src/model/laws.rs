//! The laws the guidance cites (`handlaggarstod/lagar.yaml`) and the citations in the pages
//! (`[text](lag:sol/11/1)`). Shared by `check` (unknown laws, malformed provisions, repealed
//! laws, changes not reviewed), the site (links, the Lagrum page, coming changes) and `diff`.

use super::{Model, Page, StepNr};
use crate::diagnostic::{Code, Diagnostic};
use crate::format::LagarFile;
use crate::load::Decoded;
use crate::source::{FileId, Span};
use pulldown_cmark::{Event, Options, Parser, Tag};

/// Every law of `lagar.yaml`, sorted by id.
#[derive(Clone, Debug, Default)]
pub struct Laws {
    /// The laws.
    pub laws: Vec<Law>,
    /// The file, when there is one.
    pub file: Option<FileId>,
}

/// One law or other source.
#[derive(Clone, Debug)]
pub struct Law {
    /// Its id in `lag:` links.
    pub id: String,
    /// Its name.
    pub name: String,
    /// "SFS 2025:400", or the number of another kind of source.
    pub number: Option<String>,
    /// Divided into chapters.
    pub chapters: bool,
    /// Where its text is.
    pub url: String,
    /// When it was repealed.
    pub repealed: Option<String>,
    /// The id of the law that replaced it.
    pub replaced_by: Option<String>,
    /// Provisions cited without a number that could not be checked.
    pub unverified: Vec<String>,
    /// Dated amendments.
    pub changes: Vec<LawChange>,
    /// Where its entry is written.
    pub span: Span,
}

/// One dated amendment.
#[derive(Clone, Debug)]
pub struct LawChange {
    /// `2026-07-01`.
    pub date: String,
    /// What changes.
    pub summary: String,
    /// The citing pages have been re-read for it.
    pub reviewed: bool,
    /// Where it is written.
    pub span: Span,
}

impl Law {
    /// "Socialtjänstlagen (2025:400)": the name with its number unless the name has it.
    pub fn full_name(&self) -> String {
        match &self.number {
            Some(n) => {
                let bare = n.strip_prefix("SFS ").unwrap_or(n);
                if self.name.contains(bare) {
                    self.name.clone()
                } else {
                    format!("{} ({bare})", self.name)
                }
            }
            None => self.name.clone(),
        }
    }
}

impl Laws {
    /// The law with this id.
    pub fn get(&self, id: &str) -> Option<&Law> {
        self.laws
            .binary_search_by(|l| l.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.laws[i])
    }
}

/// A citation: a law, and optionally a chapter and a paragraph (or a range of them).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Citation {
    /// The law's id.
    pub law: String,
    /// The chapter, for a law with chapters: "11", "26a".
    pub chapter: Option<String>,
    /// The paragraph: "1", "1b", "8-11".
    pub paragraph: Option<String>,
}

impl Citation {
    /// The provision as a reader writes it: "11 kap. 1 §", "30 kap. 8–11 §§", "4 §", or
    /// empty for the whole law.
    pub fn provision(&self) -> String {
        let mut out = String::new();
        if let Some(c) = &self.chapter {
            out.push_str(&format!("{} kap.", spaced(c)));
        }
        if let Some(p) = &self.paragraph {
            if !out.is_empty() {
                out.push(' ');
            }
            match p.split_once('-') {
                Some((a, b)) => out.push_str(&format!("{}–{} §§", spaced(a), spaced(b))),
                None => out.push_str(&format!("{} §", spaced(p))),
            }
        }
        out
    }

    /// "11 kap. 1 § Socialtjänstlagen (2025:400)", or the law's name alone.
    pub fn text(&self, law: &Law) -> String {
        let p = self.provision();
        if p.is_empty() {
            law.full_name()
        } else {
            format!("{p} {}", law.full_name())
        }
    }

    /// The link to the provision: the law's URL, with the provision's anchor where the
    /// source is known to have them (lagen.nu: `#K11P1`, `#K30`, `#P4`).
    pub fn href(&self, law: &Law) -> String {
        let url = law.url.split('#').next().unwrap_or(&law.url);
        let host = url
            .split("://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or("");
        if host != "lagen.nu" && !host.ends_with(".lagen.nu") {
            return law.url.clone();
        }
        let first = |p: &str| p.split('-').next().unwrap_or(p).to_string();
        let anchor = match (&self.chapter, &self.paragraph) {
            (Some(c), Some(p)) => format!("K{c}P{}", first(p)),
            (Some(c), None) => format!("K{c}"),
            (None, Some(p)) => format!("P{}", first(p)),
            (None, None) => return law.url.clone(),
        };
        format!("{url}#{anchor}")
    }
}

/// "1b" → "1 b", as the law writes it.
fn spaced(n: &str) -> String {
    match n.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => format!("{} {}", &n[..i], &n[i..]),
        None => n.to_string(),
    }
}

/// Why a `lag:` link is not a citation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CitationError {
    /// No law with this id (or no lagar.yaml).
    UnknownLaw(String),
    /// The provision is not written as one: why, and how it should be.
    Malformed(crate::i18n::Msg),
}

/// Reads the part of a `lag:` link after the scheme: `sol`, `sol/11/1`, `2019-1297/4`.
pub fn parse(rest: &str, laws: &Laws) -> Result<Citation, CitationError> {
    let mut parts = rest.trim().split('/');
    let id = parts.next().unwrap_or("").to_string();
    let Some(law) = laws.get(&id) else {
        return Err(CitationError::UnknownLaw(id));
    };
    let nums: Vec<&str> = parts.collect();
    let number = |s: &str| {
        let digits = s.trim_end_matches(|c: char| c.is_ascii_lowercase());
        !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit())
            && !digits.starts_with('0')
            && s.len() - digits.len() <= 1
    };
    let paragraph = |s: &str| match s.split_once('-') {
        Some((a, b)) => number(a) && number(b),
        None => number(s),
    };
    let forms = if law.chapters {
        crate::msg!("citation-forms-chapters", id = &id)
    } else {
        crate::msg!("citation-forms-paragraphs", id = &id, law = &law.name)
    };
    let bad = |why: crate::i18n::Msg| {
        Err(CitationError::Malformed(crate::msg!(
            "bad-provision-help",
            why = why,
            forms = forms.clone()
        )))
    };
    match (law.chapters, nums.as_slice()) {
        (_, []) => Ok(Citation {
            law: id,
            chapter: None,
            paragraph: None,
        }),
        (true, [c]) if number(c) => Ok(Citation {
            law: id,
            chapter: Some(c.to_string()),
            paragraph: None,
        }),
        (true, [c, p]) if number(c) && paragraph(p) => Ok(Citation {
            law: id,
            chapter: Some(c.to_string()),
            paragraph: Some(p.to_string()),
        }),
        (false, [p]) if paragraph(p) => Ok(Citation {
            law: id,
            chapter: None,
            paragraph: Some(p.to_string()),
        }),
        (false, [_, _]) => bad(crate::msg!("law-has-no-chapters", law = &law.name)),
        _ => bad(crate::msg!("not-a-provision", written = nums.join("/"))),
    }
}

/// A citation in a page, where it is written.
#[derive(Clone, Debug)]
pub struct Cited<'m> {
    /// The page.
    pub page: &'m Page,
    /// The step whose guidance the page is, if it is one.
    pub step: Option<StepNr>,
    /// What it cites, or why it is not a citation.
    pub citation: Result<Citation, CitationError>,
    /// The link's destination in the page.
    pub span: Span,
}

/// Every `lag:` link in every page, in page order (intro, free pages, then guidance by step).
pub fn citations(model: &Model) -> Vec<Cited<'_>> {
    let mut out = Vec::new();
    let pages = model
        .intro
        .iter()
        .map(|p| (p, None))
        .chain(model.pages.iter().map(|p| (p, None)))
        .chain(model.guidance.iter().map(|(nr, p)| (p, Some(*nr))));
    for (page, step) in pages {
        cited_in(model, page, step, &mut out);
    }
    out
}

/// The valid citations of one page, each once, in the order first written.
pub fn of_page(model: &Model, page: &Page) -> Vec<Citation> {
    let mut all = Vec::new();
    cited_in(model, page, None, &mut all);
    let mut out: Vec<Citation> = Vec::new();
    for c in all.into_iter().filter_map(|c| c.citation.ok()) {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

fn cited_in<'m>(model: &'m Model, page: &'m Page, step: Option<StepNr>, out: &mut Vec<Cited<'m>>) {
    {
        let text = model.markdown(page);
        for (event, range) in Parser::new_ext(text, Options::all()).into_offset_iter() {
            let Event::Start(Tag::Link { dest_url, .. }) = &event else {
                continue;
            };
            let Some(rest) = dest_url.trim().strip_prefix("lag:") else {
                continue;
            };
            let written = &text[range.clone()];
            let at = written
                .rfind(dest_url.as_ref())
                .map_or(range.start..range.start, |i| {
                    range.start + i..range.start + i + dest_url.len()
                });
            out.push(Cited {
                page,
                step,
                citation: parse(rest, &model.laws),
                span: Span::new(page.file, at),
            });
        }
    }
}

/// Resolves `lagar.yaml`, reporting what cannot be used: an id that is not one, a date that
/// is not a date, a `replaced-by` naming no law.
pub fn resolve(decoded: Option<Decoded<LagarFile>>, diags: &mut Vec<Diagnostic>) -> Laws {
    let Some(d) = decoded else {
        return Laws::default();
    };
    let file = d.file;
    let mut laws = Vec::new();
    for (id, def) in d.value {
        let node = d.tree.get(&id);
        let span = node.map_or(Span::file_start(file), |n| n.span_in(file));
        let at = |key: &str| {
            node.and_then(|n| n.get(key))
                .map_or(span, |n| n.span_in(file))
        };
        if !valid_id(&id) {
            diags.push(
                Diagnostic::error(Code::BadLawEntry, crate::msg!("invalid-law-id", id = &id))
                    .at(span)
                    .help(crate::msg!("invalid-law-id-help")),
            );
        }
        if let Some(date) = &def.repealed {
            if !valid_date(date) {
                diags.push(bad_date(date, at("repealed")));
            }
        }
        if !(def.url.starts_with("https://") || def.url.starts_with("http://")) {
            diags.push(
                Diagnostic::error(Code::BadLawEntry, crate::msg!("law-url", id = &id))
                    .at(at("url"))
                    .help(crate::msg!("law-url-help")),
            );
        }
        let changes_node = node.and_then(|n| n.get("changes"));
        let changes = def
            .changes
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let item = changes_node.and_then(|n| n.index(i));
                let span = item.map_or(span, |n| n.span_in(file));
                let date_span = item
                    .and_then(|n| n.get("date"))
                    .map_or(span, |n| n.span_in(file));
                if !valid_date(&c.date) {
                    diags.push(bad_date(&c.date, date_span));
                }
                LawChange {
                    date: c.date,
                    summary: c.summary,
                    reviewed: c.reviewed,
                    span: date_span,
                }
            })
            .collect();
        laws.push(Law {
            id,
            name: def.name,
            number: def.sfs.map(|n| format!("SFS {n}")).or(def.number),
            chapters: def.chapters,
            url: def.url,
            repealed: def.repealed,
            replaced_by: def.replaced_by,
            unverified: def.unverified,
            changes,
            span,
        });
    }
    laws.sort_by(|a, b| a.id.cmp(&b.id));
    let ids: Vec<String> = laws.iter().map(|l| l.id.clone()).collect();
    for law in &laws {
        let Some(by) = &law.replaced_by else { continue };
        if !ids.contains(by) {
            let at = d
                .tree
                .get(&law.id)
                .and_then(|n| n.get("replaced-by"))
                .map_or(law.span, |n| n.span_in(file));
            diags.push(
                Diagnostic::error(
                    Code::UnknownLaw,
                    crate::msg!("unknown-successor", id = &law.id, by = by),
                )
                .at(at)
                .help(match crate::load::yaml::did_you_mean(by, &ids) {
                    Some(id) => crate::msg!("did-you-mean", name = id),
                    None => crate::msg!("unknown-successor-help"),
                }),
            );
        }
    }
    Laws {
        laws,
        file: Some(file),
    }
}

fn bad_date(date: &str, at: Span) -> Diagnostic {
    Diagnostic::error(Code::BadLawEntry, crate::msg!("not-a-date", date = date))
        .at(at)
        .help(crate::msg!("not-a-date-help"))
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `YYYY-MM-DD` with a month 01–12 and a day 01–31.
pub fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
        && matches!(
            &s[5..7],
            "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12"
        )
        && ("01"..="31").contains(&&s[8..10])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn laws() -> Laws {
        let law = |id: &str, chapters: bool, url: &str| Law {
            id: id.into(),
            name: format!("Lag {id}"),
            number: Some("SFS 2025:400".into()),
            chapters,
            url: url.into(),
            repealed: None,
            replaced_by: None,
            unverified: Vec::new(),
            changes: Vec::new(),
            span: Span::file_start(FileId(0)),
        };
        Laws {
            laws: vec![
                law("2019-1297", false, "https://lagen.nu/2019:1297"),
                law("sol", true, "https://www.riksdagen.se/sol/"),
            ],
            file: None,
        }
    }

    #[test]
    fn provisions_read_as_the_law_writes_them() {
        let l = laws();
        let p = |s: &str| parse(s, &l).unwrap().provision();
        assert_eq!(p("sol"), "");
        assert_eq!(p("sol/11"), "11 kap.");
        assert_eq!(p("sol/11/1"), "11 kap. 1 §");
        assert_eq!(p("sol/4/1b"), "4 kap. 1 b §");
        assert_eq!(p("sol/30/8-11"), "30 kap. 8–11 §§");
        assert_eq!(p("2019-1297/4"), "4 §");
    }

    #[test]
    fn malformed_provisions_and_unknown_laws_are_refused() {
        let l = laws();
        assert_eq!(
            parse("sfb/30", &l),
            Err(CitationError::UnknownLaw("sfb".into()))
        );
        for bad in [
            "sol/x",
            "sol/11/1/2",
            "sol/0",
            "sol/11/",
            "2019-1297/4/1",
            "sol/1bb",
        ] {
            assert!(
                matches!(parse(bad, &l), Err(CitationError::Malformed(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn lagen_nu_links_get_the_provision_anchor() {
        let l = laws();
        let href = |s: &str| {
            let c = parse(s, &l).unwrap();
            c.href(l.get(&c.law).unwrap())
        };
        assert_eq!(href("2019-1297/4"), "https://lagen.nu/2019:1297#P4");
        assert_eq!(href("2019-1297"), "https://lagen.nu/2019:1297");
        assert_eq!(href("sol/11/1"), "https://www.riksdagen.se/sol/");
    }

    #[test]
    fn dates_are_year_month_day() {
        assert!(valid_date("2026-07-01"));
        for bad in [
            "2026-7-1",
            "2026-13-01",
            "2026-07-32",
            "1 juli 2026",
            "2026-00-10",
        ] {
            assert!(!valid_date(bad), "{bad}");
        }
    }
}
