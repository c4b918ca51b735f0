//! The build-dir of book.toml (E011): a folder that a build may replace. Where the folder is
//! is checked here, so `check` in a pull request catches `build-dir = "process"`; what it
//! holds is checked again by `build` just before it writes, with the same diagnostic.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Model;
use crate::outdir::{self, Protected, Refusal};
use crate::source::Span;

/// Reports a build-dir that no build may replace because of where it is.
pub(super) fn check(model: &Model, diags: &mut Vec<Diagnostic>) {
    let root = model.sources.root();
    let protected = Protected::new(root, &model.book.theme);
    let dir = root.join(&model.book.build_dir);
    let refused = match outdir::check_build_place(&dir, &protected) {
        Ok(real) if !real.starts_with(protected.root()) => Refusal {
            path: dir,
            why: crate::msg!("build-dir-outside"),
            help: crate::msg!("build-dir-outside-help"),
        },
        Ok(_) => return,
        Err(r) => r,
    };
    diags.push(refusal(model, &refused));
}

/// The diagnostic for a refused build-dir of book.toml, at its value there.
pub fn refusal(model: &Model, refusal: &Refusal) -> Diagnostic {
    let build_dir = &model.book.build_dir;
    let mut d = Diagnostic::error(
        Code::BuildDirRefused,
        crate::msg!(
            "build-dir-refused",
            dir = build_dir,
            why = refusal.why.clone()
        ),
    )
    .help(refusal.help.clone());
    let book = model.sources.find("book.toml");
    match book.and_then(|id| value_span(&model.sources.get(id).text, "build-dir")) {
        Some(range) => {
            d = d
                .at(Span::new(book.expect("found above"), range))
                .label(crate::msg!("build-dir-refused-label"))
        }
        None => {
            d.message = crate::msg!(
                "build-dir-refused-default",
                dir = build_dir,
                why = refusal.why.clone()
            );
        }
    }
    d
}

/// The byte range of the value of `key = …` in a TOML text, quotes included.
fn value_span(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let Some(rest) = trimmed.strip_prefix(key) else {
            continue;
        };
        let after_key = rest.trim_start();
        let Some(value) = after_key.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let value_at = start + (line.len() - value.len());
        let end = match value.strip_prefix('"') {
            Some(inner) => inner.find('"').map_or(value.len(), |i| i + 2),
            None => value.find(['#', '\r', '\n']).unwrap_or(value.len()),
        };
        return Some(value_at..value_at + value[..end].trim_end().len());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::value_span;

    #[test]
    fn the_value_of_a_key_is_found_on_its_line() {
        let text = "[book]\ntitle = \"x\"\n[build]\n  build-dir = \"docs\" # here\n";
        let range = value_span(text, "build-dir").unwrap();
        assert_eq!(&text[range], "\"docs\"");
        assert_eq!(value_span(text, "theme"), None);
    }
}
