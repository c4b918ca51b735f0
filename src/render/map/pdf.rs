//! The overview as a one-page PDF: the same SVG drawn by krilla-svg with the shipped font
//! embedded, plus a link annotation over every step, since SVG links do not survive the
//! conversion.

use super::svg::{place, step_href, MapPage};
use crate::diagnostic::{Code, Diagnostic};
use crate::layout::text::{BOLD_TTF, FAMILY, REGULAR_TTF};
use crate::layout::MapLayout;
use crate::model::Model;
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::geom::{Rect, Size};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};
use std::sync::Arc;

/// Converts the map's SVG to PDF and adds the step links. `prefix` in `page` must be the
/// path from `kartor/` back to the site root, as the links are relative to the PDF file.
pub fn write_pdf(
    model: &Model,
    layout: &MapLayout,
    page: &MapPage,
    svg: &str,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let fail = |what: &str| {
        vec![Diagnostic::error(
            Code::MapRender,
            format!("could not write the PDF of the overview map: {what}"),
        )
        .help("this is a bug in processkarta; please report it with the model")]
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
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| fail(&e.to_string()))?;
    let placed = place(layout, page);
    let size = Size::from_wh(placed.page_w as f32, placed.page_h as f32)
        .ok_or_else(|| fail("empty page"))?;

    let mut document = Document::new();
    let mut metadata = Metadata::new().title(model.overview.title.clone());
    if let Some(lang) = Some(model.book.language.clone()) {
        metadata = metadata.language(lang);
    }
    if !model.book.authors.is_empty() {
        metadata = metadata.authors(model.book.authors.clone());
    }
    document.set_metadata(metadata);
    let mut pdf_page = document.start_page_with(PageSettings::new(size));
    let mut surface = pdf_page.surface();
    surface
        .draw_svg(&tree, size, SvgSettings::default())
        .ok_or_else(|| fail("the SVG could not be drawn"))?;
    surface.finish();
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
        let title = model
            .step(b.nr)
            .map(|(_, s)| s.title.clone())
            .unwrap_or_default();
        pdf_page.add_annotation(Annotation::new_link(
            LinkAnnotation::new(rect, Target::Action(LinkAction::new(href).into())),
            Some(format!("Steg {}: {title}", b.nr)),
        ));
    }
    pdf_page.finish();
    document.finish().map_err(|e| fail(&format!("{e:?}")))
}
