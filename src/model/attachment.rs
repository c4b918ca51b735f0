//! Files that guidance pages link to (attachments, copied to `filer/` on the site): which
//! kinds may be published, and the re-writing of SVG images. Shared by `check` (which
//! reports what would be refused) and the site renderer (which copies), so the two agree.

use crate::load::confine::{self, Refusal};
use std::path::Path;
use std::sync::Arc;

/// Largest attachment accepted, in bytes.
pub const MAX_ATTACHMENT_SIZE: u64 = 32 * 1024 * 1024;

/// Extensions of files a browser runs as a page of the site's own origin (HTML, and XML,
/// which may hold XHTML with scripts): never published as attachments.
const ACTIVE: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml", "xml", "xsl", "xslt", "svgz",
];

/// The extension of `path`, in lower case.
fn extension(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// True for a file that would run script on the site if published as it is (`.html` and
/// its kin).
pub fn is_active(path: &str) -> bool {
    ACTIVE.contains(&extension(path).as_str())
}

/// True for an SVG image, which is published only re-written by [`clean_svg`].
pub fn is_svg(path: &str) -> bool {
    extension(path) == "svg"
}

/// Why an attachment cannot be published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The file may not be read at all.
    Refused(Refusal),
    /// An SVG that cannot be read as an image; the parser's reason.
    BadSvg(String),
}

/// The bytes to publish for `rel` (relative to `handlaggarstod/` in the model at `root`):
/// the file itself, or for an SVG the re-written image.
pub fn publish(root: &Path, rel: &str) -> Result<Vec<u8>, Problem> {
    let bytes = confine::read(
        root,
        &Path::new("handlaggarstod").join(rel),
        MAX_ATTACHMENT_SIZE,
    )
    .map_err(Problem::Refused)?;
    if is_svg(rel) {
        clean_svg(&bytes)
            .map(String::into_bytes)
            .map_err(Problem::BadSvg)
    } else {
        Ok(bytes)
    }
}

/// Re-writes an SVG through usvg: what comes out holds only shapes, text, gradients and
/// embedded raster images, so scripts, event handlers, links, foreign objects and
/// references to other files are gone. Images are taken only from `data:` URLs, never from
/// a file or the network.
pub fn clean_svg(bytes: &[u8]) -> Result<String, String> {
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_font_data(crate::layout::text::REGULAR_TTF.to_vec());
    fonts.load_font_data(crate::layout::text::BOLD_TTF.to_vec());
    fonts.set_sans_serif_family(crate::layout::text::FAMILY);
    let options = usvg::Options {
        fontdb: Arc::new(fonts),
        font_family: crate::layout::text::FAMILY.to_string(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..Default::default()
    };
    let tree = usvg::Tree::from_data(bytes, &options).map_err(|e| e.to_string())?;
    Ok(tree.to_string(&usvg::WriteOptions {
        preserve_text: true,
        ..Default::default()
    }))
}
