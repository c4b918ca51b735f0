//! The overview as a one-page tagged PDF (PDF/UA-1): the same SVG drawn by krilla-svg with
//! the shipped font embedded, plus a link annotation over every step, since SVG links do not
//! survive the conversion.
//!
//! krilla-svg draws a whole SVG document, so the map is cut into pieces along the semantic
//! groups that `svg.rs` writes (the title block's lines, each arrow and arrow label, each
//! step, each legend entry, and the backdrop of page, bands and shared areas). Each piece
//! becomes a small SVG of its own (the original's root, `<defs>` and enclosing groups
//! around it), drawn in the original order and marked as content or as an artifact. The
//! structure tree then puts the pieces in reading order, which is step order: the title as
//! a heading, the steps as a list with each step's link (named "Steg 12: …") followed by
//! its outgoing arrows, and the legend as two lists.

use super::svg::{esc, place, step_href, MapPage};
use crate::diagnostic::{Code, Diagnostic};
use crate::layout::text::{BOLD_TTF, FAMILY, REGULAR_TTF};
use crate::layout::MapLayout;
use crate::model::{Model, StepNr};
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{Point, Rect, Size};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, Tag, TagGroup,
    TagTree,
};
use krilla::{Document, SerializeSettings};
use krilla_svg::{SurfaceExt, SvgSettings};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::num::NonZeroU16;
use std::sync::Arc;
use usvg::roxmltree;

/// What a piece of the map is in the structure tree.
#[derive(Debug, Clone, PartialEq)]
enum Role {
    /// Backdrop: page, bands with their headers (the legend names the parties), shared
    /// areas, legend symbols.
    Artifact,
    /// The map's heading.
    Heading,
    /// Another line of the title block.
    Line,
    /// A step's symbol, number and title.
    Step(StepNr),
    /// An arrow's line, from step to step (`from`, `to` as written in `data-from/-to`).
    Edge(String, String),
    /// The label on an arrow out of a vägval.
    EdgeLabel(String, String),
    /// The caption of a legend row ("Parter", "Symboler").
    LegendCaption,
    /// The text of a legend entry.
    LegendItem,
}

/// A piece of the map: a stand-alone SVG document and what it is.
struct Piece {
    svg: String,
    role: Role,
    /// The label text of an arrow, for the arrow's description.
    text: String,
}

/// Converts the map's SVG to a tagged PDF and adds the step links. `prefix` in `page` must
/// be the path from `kartor/` back to the site root, as the links are relative to the PDF
/// file.
pub fn write_pdf(
    model: &Model,
    layout: &MapLayout,
    page: &MapPage,
    svg: &str,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let fail = |what: &str| {
        vec![
            Diagnostic::error(Code::MapRender, crate::msg!("map-pdf-failed", why = what))
                .help(crate::msg!("bug-help")),
        ]
    };
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_font_data(REGULAR_TTF.to_vec());
    fonts.load_font_data(BOLD_TTF.to_vec());
    fonts.set_sans_serif_family(FAMILY);
    let options = usvg::Options {
        fontdb: Arc::new(fonts),
        font_family: FAMILY.to_string(),
        ..Default::default()
    };
    let pieces = cut(svg).map_err(|e| fail(&e))?;
    let placed = place(layout, page);
    let size = Size::from_wh(placed.page_w as f32, placed.page_h as f32)
        .ok_or_else(|| fail("empty page"))?;
    let title = model.overview.title.clone();

    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| fail(&format!("{e:?}")))?;
    let mut document = Document::new_with(SerializeSettings {
        configuration,
        enable_tagging: true,
        ..Default::default()
    });
    let mut metadata = Metadata::new()
        .title(title.clone())
        .language(model.book.language.clone());
    if !model.book.authors.is_empty() {
        metadata = metadata.authors(model.book.authors.clone());
    }
    document.set_metadata(metadata);
    // PDF/UA-1 asks for an outline; on a one-page map it has the one entry.
    let mut outline = Outline::new();
    outline.push_child(OutlineNode::new(
        title.clone(),
        XyzDestination::new(0, Point::from_xy(0.0, 0.0)),
    ));
    document.set_outline(outline);

    let mut pdf_page = document.start_page_with(PageSettings::new(size));
    let mut surface = pdf_page.surface();
    let mut drawn: Vec<(Identifier, &Piece)> = Vec::new();
    for piece in &pieces {
        let tree = usvg::Tree::from_str(&piece.svg, &options).map_err(|e| fail(&e.to_string()))?;
        let actual: String;
        let tag = match &piece.role {
            Role::Artifact => ContentTag::Artifact(Artifact::new(ArtifactType::Layout, None)),
            // The wrapped lines of a step title carry hyphens; the span says what they read.
            Role::Step(nr) => {
                actual = step_name(model, *nr);
                ContentTag::Span(SpanTag::empty().with_actual_text(Some(&actual)))
            }
            _ => ContentTag::Other,
        };
        draw(&mut surface, &tree, size, tag, &mut drawn, piece)
            .ok_or_else(|| fail("the SVG could not be drawn"))?;
    }
    surface.finish();

    let mut links: BTreeMap<StepNr, Identifier> = BTreeMap::new();
    for b in &layout.boxes {
        let r = b.rect;
        let x = placed.x + r.x * placed.scale;
        let y = placed.y + r.y * placed.scale;
        let Some(rect) = Rect::from_xywh(
            x as f32,
            y as f32,
            (r.w * placed.scale) as f32,
            (r.h * placed.scale) as f32,
        ) else {
            continue;
        };
        let href = step_href(model, b.nr, page.prefix);
        let id = pdf_page.add_tagged_annotation(Annotation::new_link(
            LinkAnnotation::new(rect, Target::Action(LinkAction::new(href).into())),
            Some(step_name(model, b.nr)),
        ));
        links.insert(b.nr, id);
    }
    pdf_page.finish();

    document.set_tag_tree(tag_tree(model, drawn, links, &title));
    document.finish().map_err(|e| fail(&format!("{e:?}")))
}

/// "Steg 12: Title", the name of a step's link.
fn step_name(model: &Model, nr: StepNr) -> String {
    let title = model
        .step(nr)
        .map(|(_, s)| s.title.clone())
        .unwrap_or_default();
    format!("Steg {nr}: {}", crate::model::plain(&title))
}

/// Draws one piece inside its marked content and remembers its identifier.
fn draw<'p>(
    surface: &mut Surface,
    tree: &usvg::Tree,
    size: Size,
    tag: ContentTag,
    drawn: &mut Vec<(Identifier, &'p Piece)>,
    piece: &'p Piece,
) -> Option<()> {
    let artifact = matches!(tag, ContentTag::Artifact(_));
    let id = surface.start_tagged(tag);
    let result = surface.draw_svg(tree, size, SvgSettings::default());
    surface.end_tagged();
    if !artifact {
        drawn.push((id, piece));
    }
    result
}

/// The structure tree in reading order: heading and title lines, then the steps in step
/// order, each a list item with its link and the arrows leaving it, then the legend.
fn tag_tree(
    model: &Model,
    drawn: Vec<(Identifier, &Piece)>,
    mut links: BTreeMap<StepNr, Identifier>,
    title: &str,
) -> TagTree {
    let mut tree = TagTree::new().with_lang(Some(model.book.language.clone()));
    let mut steps: BTreeMap<StepNr, Vec<Node>> = BTreeMap::new();
    let mut edges: Vec<(String, String, Vec<Identifier>, String)> = Vec::new();
    let mut legend: Vec<TagGroup> = Vec::new();
    let level1 = NonZeroU16::MIN;
    for (id, piece) in drawn {
        match &piece.role {
            Role::Artifact => {}
            Role::Heading => tree.push(TagGroup::with_children(
                Tag::Hn(level1, Some(title.to_string())),
                vec![id.into()],
            )),
            Role::Line => tree.push(TagGroup::with_children(Tag::P, vec![id.into()])),
            Role::Step(nr) => {
                let mut link = TagGroup::new(Tag::Link.with_alt_text(Some(step_name(model, *nr))));
                if let Some(annot) = links.remove(nr) {
                    link.push(annot);
                }
                link.push(id);
                steps.entry(*nr).or_default().push(link.into());
            }
            Role::Edge(from, to) => edges.push((from.clone(), to.clone(), vec![id], String::new())),
            Role::EdgeLabel(from, to) => {
                // A label belongs to the first arrow between the same steps without one.
                match edges
                    .iter_mut()
                    .find(|e| &e.0 == from && &e.1 == to && e.3.is_empty())
                {
                    Some(edge) => {
                        edge.2.push(id);
                        edge.3 = piece.text.clone();
                    }
                    None => edges.push((from.clone(), to.clone(), vec![id], piece.text.clone())),
                }
            }
            Role::LegendCaption => legend.push(TagGroup::with_children(
                Tag::L(ListNumbering::None),
                vec![TagGroup::with_children(Tag::Caption, vec![id.into()]).into()],
            )),
            Role::LegendItem => {
                let item = TagGroup::with_children(
                    Tag::LI,
                    vec![TagGroup::with_children(Tag::LBody, vec![id.into()]).into()],
                );
                match legend.last_mut() {
                    Some(list) => list.push(item),
                    None => legend.push(TagGroup::with_children(
                        Tag::L(ListNumbering::None),
                        vec![item.into()],
                    )),
                }
            }
        }
    }
    let mut orphans = Vec::new();
    for (from, to, ids, label) in edges {
        let alt = if label.is_empty() {
            format!("Leder till steg {to}")
        } else {
            format!("Leder till steg {to} ({label})")
        };
        let figure = TagGroup::with_children(
            Tag::Figure(Some(alt)),
            ids.into_iter().map(Node::from).collect(),
        );
        match from
            .parse::<StepNr>()
            .ok()
            .and_then(|nr| steps.get_mut(&nr))
        {
            Some(nodes) => nodes.push(figure.into()),
            None => orphans.push(Node::from(figure)),
        }
    }
    // Every annotation needs its place in the tree, also one whose step drew no piece.
    for (nr, annot) in links {
        let link = TagGroup::with_children(
            Tag::Link.with_alt_text(Some(step_name(model, nr))),
            vec![annot.into()],
        );
        steps.entry(nr).or_default().push(link.into());
    }
    let mut list = TagGroup::new(Tag::L(ListNumbering::None));
    for (_, nodes) in steps {
        list.push(TagGroup::with_children(
            Tag::LI,
            vec![TagGroup::with_children(Tag::LBody, nodes).into()],
        ));
    }
    list.children.extend(orphans);
    if !list.children.is_empty() {
        tree.push(list);
    }
    for l in legend {
        tree.push(l);
    }
    tree
}

/// Cuts the map's SVG into pieces, in drawing order.
fn cut(svg: &str) -> Result<Vec<Piece>, String> {
    let doc = roxmltree::Document::parse(svg).map_err(|e| e.to_string())?;
    let root = doc.root_element();
    let mut head = String::from("<svg xmlns=\"http://www.w3.org/2000/svg\"");
    for a in root.attributes() {
        let _ = write!(head, " {}=\"{}\"", a.name(), esc(a.value()));
    }
    head.push('>');
    for defs in root.children().filter(|n| n.has_tag_name("defs")) {
        head.push_str(&svg[defs.range()]);
    }
    let mut cutter = Cutter {
        svg,
        head,
        pieces: Vec::new(),
    };
    for node in root.children().filter(|n| n.is_element()) {
        cutter.top(node);
    }
    Ok(cutter.pieces)
}

struct Cutter<'s> {
    svg: &'s str,
    head: String,
    pieces: Vec<Piece>,
}

impl Cutter<'_> {
    fn top(&mut self, node: roxmltree::Node) {
        match (node.tag_name().name(), class(node)) {
            ("title" | "desc" | "defs", _) => {}
            ("g", "title-block") => {
                for (i, line) in elements(node).enumerate() {
                    let role = if i == 0 { Role::Heading } else { Role::Line };
                    self.add(line, role, "");
                }
            }
            ("g", "diagram") => {
                for group in elements(node) {
                    self.diagram(group);
                }
            }
            ("g", "legend") => {
                for item in elements(node) {
                    let role = match item.tag_name().name() {
                        "text" if item.attribute("font-weight") == Some("bold") => {
                            Role::LegendCaption
                        }
                        "text" => Role::LegendItem,
                        _ => Role::Artifact,
                    };
                    self.add(item, role, "");
                }
            }
            _ => self.add(node, Role::Artifact, ""),
        }
    }

    fn diagram(&mut self, group: roxmltree::Node) {
        let ends = |n: roxmltree::Node| {
            (
                n.attribute("data-from").unwrap_or_default().to_string(),
                n.attribute("data-to").unwrap_or_default().to_string(),
            )
        };
        match class(group) {
            "edges" => {
                for edge in elements(group) {
                    let (from, to) = ends(edge);
                    self.add(edge, Role::Edge(from, to), "");
                }
            }
            "edge-labels" => {
                for label in elements(group) {
                    let (from, to) = ends(label);
                    let text: Vec<&str> = label
                        .descendants()
                        .filter(|n| n.is_text())
                        .filter_map(|n| n.text())
                        .collect();
                    self.add(label, Role::EdgeLabel(from, to), &text.join(" "));
                }
            }
            "steps" => {
                for step in elements(group) {
                    let nr = step
                        .descendants()
                        .find_map(|n| n.attribute("data-nr"))
                        .and_then(|nr| nr.parse::<StepNr>().ok());
                    match nr {
                        Some(nr) => self.add(step, Role::Step(nr), ""),
                        None => self.add(step, Role::Artifact, ""),
                    }
                }
            }
            _ => self.add(group, Role::Artifact, ""),
        }
    }

    /// A piece of `node`, inside copies of the groups around it, whose attributes (a
    /// transform, an inherited fill) it needs.
    fn add(&mut self, node: roxmltree::Node, role: Role, text: &str) {
        let mut svg = self.head.clone();
        let outer: Vec<roxmltree::Node> = node
            .ancestors()
            .skip(1)
            .filter(|a| a.is_element() && a.parent_element().is_some())
            .collect();
        for a in outer.iter().rev() {
            let _ = write!(svg, "<{}", a.tag_name().name());
            for attr in a.attributes() {
                let _ = write!(svg, " {}=\"{}\"", attr.name(), esc(attr.value()));
            }
            svg.push('>');
        }
        svg.push_str(&self.svg[node.range()]);
        for a in &outer {
            let _ = write!(svg, "</{}>", a.tag_name().name());
        }
        svg.push_str("</svg>");
        self.pieces.push(Piece {
            svg,
            role,
            text: text.to_string(),
        });
    }
}

fn class<'a>(node: roxmltree::Node<'a, '_>) -> &'a str {
    node.attribute("class").unwrap_or_default()
}

fn elements<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> {
    node.children().filter(|n| n.is_element())
}
