//! The overview PDF is tagged (PDF/UA-1): read from the bytes, its catalog has a structure
//! tree and the book's language, its title is the overview's, and the structure tree holds
//! the heading, one link per step in step order (named "Steg N: title", with the step's
//! annotation), the arrows as figures after the step they leave, and the legend as lists.

mod util;

use std::collections::BTreeMap;

/// A PDF object, as far as these tests need one.
#[derive(Debug, Clone, PartialEq)]
enum Obj {
    Dict(BTreeMap<String, Obj>),
    Array(Vec<Obj>),
    Name(String),
    Int(i64),
    Real,
    Bool(bool),
    Ref(u32),
    Str(String),
}

impl Obj {
    fn get(&self, key: &str) -> Option<&Obj> {
        match self {
            Obj::Dict(d) => d.get(key),
            _ => None,
        }
    }
    fn name(&self) -> Option<&str> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    fn str(&self) -> Option<&str> {
        match self {
            Obj::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// A minimal reader of uncompressed PDF objects: enough for the catalog, the document
/// information and the structure tree, which krilla writes as plain objects.
struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && b" \t\r\n\x0c\0".contains(&self.b[self.i]) {
            self.i += 1;
        }
    }
    fn value(&mut self) -> Obj {
        self.ws();
        match self.b[self.i] {
            b'<' if self.b[self.i + 1] == b'<' => {
                self.i += 2;
                let mut d = BTreeMap::new();
                loop {
                    self.ws();
                    if self.b[self.i] == b'>' {
                        self.i += 2;
                        return Obj::Dict(d);
                    }
                    let Obj::Name(k) = self.value() else {
                        panic!("a dictionary key is not a name at {}", self.i)
                    };
                    let v = self.value();
                    d.insert(k, v);
                }
            }
            b'<' => {
                self.i += 1;
                let start = self.i;
                while self.b[self.i] != b'>' {
                    self.i += 1;
                }
                let hex: Vec<u8> = self.b[start..self.i]
                    .chunks(2)
                    .map(|c| u8::from_str_radix(std::str::from_utf8(c).unwrap(), 16).unwrap())
                    .collect();
                self.i += 1;
                Obj::Str(text_string(&hex))
            }
            b'(' => {
                self.i += 1;
                let mut depth = 0;
                let mut out = Vec::new();
                loop {
                    let c = self.b[self.i];
                    self.i += 1;
                    match c {
                        b'\\' => {
                            let e = self.b[self.i];
                            self.i += 1;
                            out.push(match e {
                                b'n' => b'\n',
                                b'r' => b'\r',
                                b't' => b'\t',
                                other => other,
                            });
                        }
                        b'(' => {
                            depth += 1;
                            out.push(c);
                        }
                        b')' if depth == 0 => break,
                        b')' => {
                            depth -= 1;
                            out.push(c);
                        }
                        _ => out.push(c),
                    }
                }
                Obj::Str(text_string(&out))
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.ws();
                    if self.b[self.i] == b']' {
                        self.i += 1;
                        return Obj::Array(items);
                    }
                    items.push(self.value());
                }
            }
            b'/' => {
                self.i += 1;
                let start = self.i;
                while self.i < self.b.len() && !b" \t\r\n/<>[]()".contains(&self.b[self.i]) {
                    self.i += 1;
                }
                Obj::Name(String::from_utf8_lossy(&self.b[start..self.i]).into_owned())
            }
            _ => {
                let word = |p: &mut Self| {
                    p.ws();
                    let start = p.i;
                    while p.i < p.b.len() && !b" \t\r\n/<>[]()".contains(&p.b[p.i]) {
                        p.i += 1;
                    }
                    String::from_utf8_lossy(&p.b[start..p.i]).into_owned()
                };
                let w = word(self);
                match w.as_str() {
                    "true" => return Obj::Bool(true),
                    "false" => return Obj::Bool(false),
                    _ => {}
                }
                if w.contains('.') {
                    return Obj::Real;
                }
                let n: i64 = w.parse().unwrap_or_else(|_| panic!("not a number: {w:?}"));
                // "12 0 R" is a reference.
                let save = self.i;
                let gen = word(self);
                let r = word(self);
                if gen == "0" && r == "R" {
                    Obj::Ref(n as u32)
                } else {
                    self.i = save;
                    Obj::Int(n)
                }
            }
        }
    }
}

/// A PDF text string: UTF-16BE after a byte order mark, else PDFDocEncoding (ASCII here).
fn text_string(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// Every indirect object that is a dictionary or array (streams are skipped).
fn objects(pdf: &[u8]) -> BTreeMap<u32, Obj> {
    let marker = b" 0 obj\n";
    let mut out = BTreeMap::new();
    for at in (0..pdf.len().saturating_sub(marker.len())).filter(|&i| pdf[i..].starts_with(marker))
    {
        let line_start = pdf[..at]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1);
        let Some(num) = std::str::from_utf8(&pdf[line_start..at])
            .ok()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let body = at + marker.len();
        if matches!(pdf[body], b'<' | b'[') {
            out.insert(num, Parser { b: pdf, i: body }.value());
        }
    }
    out
}

/// A structure element in reading order: its type, depth, `/Alt` or `/T`, and whether it
/// holds an annotation (`/OBJR`) and marked content (an MCID).
#[derive(Debug)]
struct Elem {
    kind: String,
    depth: usize,
    alt: Option<String>,
    title: Option<String>,
    annotation: bool,
    content: bool,
}

fn walk(objs: &BTreeMap<u32, Obj>, kids: &Obj, depth: usize, out: &mut Vec<Elem>) {
    let list = match kids {
        Obj::Array(items) => items.clone(),
        other => vec![other.clone()],
    };
    for kid in list {
        let Obj::Ref(r) = kid else { continue };
        let elem = &objs[&r];
        if elem.get("Type").and_then(Obj::name) != Some("StructElem") {
            continue;
        }
        let k = elem.get("K").cloned().unwrap_or(Obj::Array(vec![]));
        let direct = match &k {
            Obj::Array(items) => items.clone(),
            other => vec![other.clone()],
        };
        out.push(Elem {
            kind: elem.get("S").and_then(Obj::name).unwrap().to_string(),
            depth,
            alt: elem.get("Alt").and_then(Obj::str).map(str::to_string),
            title: elem.get("T").and_then(Obj::str).map(str::to_string),
            annotation: direct
                .iter()
                .any(|o| o.get("Type").and_then(Obj::name) == Some("OBJR")),
            content: direct.iter().any(|o| matches!(o, Obj::Int(_))),
        });
        walk(objs, &k, depth + 1, out);
    }
}

fn render(root: &std::path::Path) -> (processkarta::model::Model, Vec<u8>) {
    let checked = processkarta::check_model(root).unwrap();
    assert!(!checked.has_errors());
    let out = processkarta::render::render(&checked.model)
        .unwrap_or_else(|_| panic!("the model renders"));
    let pdf = out.files["kartor/oversikt.pdf"].clone();
    (checked.model, pdf)
}

fn structure(pdf: &[u8]) -> (BTreeMap<u32, Obj>, Obj, Vec<Elem>) {
    let objs = objects(pdf);
    let catalog = objs
        .values()
        .find(|o| o.get("Type").and_then(Obj::name) == Some("Catalog"))
        .expect("a catalog")
        .clone();
    let Some(Obj::Ref(root)) = catalog.get("StructTreeRoot") else {
        panic!("the catalog has no /StructTreeRoot: {catalog:?}")
    };
    let root = &objs[root];
    assert_eq!(root.get("Type").and_then(Obj::name), Some("StructTreeRoot"));
    let mut elems = Vec::new();
    walk(&objs, root.get("K").unwrap(), 0, &mut elems);
    (objs, catalog, elems)
}

fn check_tagged(model: &processkarta::model::Model, pdf: &[u8]) -> Vec<Elem> {
    let (objs, catalog, elems) = structure(pdf);
    assert_eq!(
        catalog.get("Lang").and_then(Obj::str),
        Some(model.book.language.as_str())
    );
    assert_eq!(
        catalog.get("MarkInfo").and_then(|m| m.get("Marked")),
        Some(&Obj::Bool(true))
    );
    let info = objs
        .values()
        .find(|o| o.get("Title").is_some() && o.get("Type").is_none())
        .expect("a document information dictionary with a title");
    assert_eq!(
        info.get("Title").and_then(Obj::str),
        Some(model.overview.title.as_str())
    );
    assert!(
        String::from_utf8_lossy(pdf).contains("<pdfuaid:part>1</pdfuaid:part>"),
        "the XMP metadata claims PDF/UA-1"
    );

    assert_eq!(elems[0].kind, "Document");
    let h1: Vec<&Elem> = elems.iter().filter(|e| e.kind == "H1").collect();
    assert_eq!(h1.len(), 1, "{elems:#?}");
    assert_eq!(h1[0].title.as_deref(), Some(model.overview.title.as_str()));
    assert!(h1[0].content);

    // One link per step, in step order, each named and holding its annotation and content.
    let mut nrs: Vec<_> = model.overview.steps.iter().map(|s| s.nr).collect();
    nrs.sort();
    let expected: Vec<String> = nrs
        .iter()
        .map(|nr| {
            let (_, step) = model.step(*nr).unwrap();
            format!("Steg {nr}: {}", processkarta::model::plain(&step.title))
        })
        .collect();
    let links: Vec<&Elem> = elems.iter().filter(|e| e.kind == "Link").collect();
    let names: Vec<String> = links.iter().map(|e| e.alt.clone().unwrap()).collect();
    assert_eq!(names, expected);
    assert!(
        links.iter().all(|e| e.annotation && e.content),
        "{links:#?}"
    );
    // The steps are one list, an item per step.
    let items = elems
        .windows(3)
        .filter(|w| w[0].kind == "LI" && w[1].kind == "LBody" && w[2].kind == "Link")
        .count();
    assert_eq!(items, nrs.len());
    elems
}

#[test]
fn the_fixture_overview_pdf_is_tagged_in_step_order() {
    let model = util::Model::fixture("valid");
    let (m, pdf) = render(model.path());
    let elems = check_tagged(&m, &pdf);

    // Each arrow a figure with its description, after the step it leaves.
    let layout = processkarta::layout::layout_map(&m, &m.overview);
    let figures: Vec<&Elem> = elems.iter().filter(|e| e.kind == "Figure").collect();
    assert_eq!(figures.len(), layout.edges.len());
    let alts: Vec<&str> = figures.iter().map(|e| e.alt.as_deref().unwrap()).collect();
    assert!(alts.contains(&"Leder till steg 4 (Ja)"), "{alts:?}");
    assert!(alts.contains(&"Leder till steg 6 (Nej)"), "{alts:?}");
    let step3 = elems
        .iter()
        .position(|e| e.alt.as_deref().is_some_and(|a| a.starts_with("Steg 3:")))
        .unwrap();
    let step4 = elems
        .iter()
        .position(|e| e.alt.as_deref().is_some_and(|a| a.starts_with("Steg 4:")))
        .unwrap();
    let between: Vec<&str> = elems[step3..step4]
        .iter()
        .filter_map(|e| e.alt.as_deref())
        .filter(|a| a.starts_with("Leder"))
        .collect();
    assert_eq!(
        between,
        ["Leder till steg 4 (Ja)", "Leder till steg 6 (Nej)"]
    );

    // The legend: two lists, each with its caption; the parties shown and seven symbols.
    let lists: Vec<usize> = elems
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == "L" && e.depth == 1)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(lists.len(), 3, "the steps and the two rows of the legend");
    let items_of = |at: usize| {
        let depth = elems[at].depth;
        elems[at + 1..]
            .iter()
            .take_while(|e| e.depth > depth)
            .filter(|e| e.kind == "LI" && e.depth == depth + 1)
            .count()
    };
    assert_eq!(elems[lists[1] + 1].kind, "Caption");
    assert_eq!(elems[lists[2] + 1].kind, "Caption");
    assert_eq!(
        items_of(lists[1]),
        layout.bands.len() + layout.shared.len(),
        "one item per party"
    );
    assert_eq!(items_of(lists[2]), 7, "the symbols");
}

#[test]
fn the_repository_overview_pdf_is_tagged_in_step_order() {
    let (m, pdf) = render(&util::repo());
    check_tagged(&m, &pdf);
}
