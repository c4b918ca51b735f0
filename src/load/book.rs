//! `book.toml`: decoded with `toml`, whose errors carry the span of the offending key.

use crate::diagnostic::{Code, Diagnostic};
use crate::format::BookToml;
use crate::source::{FileId, SourceMap, Span};

/// Decodes `book.toml`, reporting a syntax error, an unknown key or a wrong value at its place.
pub fn decode(id: FileId, sources: &SourceMap, diags: &mut Vec<Diagnostic>) -> Option<BookToml> {
    let text = &sources.get(id).text;
    match toml::from_str::<BookToml>(text) {
        Ok(book) => {
            check_accessibility(&book, id, text, diags);
            check_path("build-dir", &book.build.build_dir, id, text, diags);
            check_path("theme", &book.build.theme, id, text, diags);
            Some(book)
        }
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().to_string();
            let help = if message.starts_with("unknown field") {
                let expected: Vec<String> = message
                    .split('`')
                    .skip(3)
                    .step_by(2)
                    .map(str::to_string)
                    .collect();
                let name = message.split('`').nth(1).unwrap_or("");
                match super::yaml::did_you_mean(name, &expected) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("allowed here: {}", expected.join(", ")),
                }
            } else if message.starts_with("missing field") {
                "add the missing key (see FORMAT.md)".to_string()
            } else {
                "see FORMAT.md for the keys of book.toml and their values".to_string()
            };
            diags.push(
                Diagnostic::error(
                    Code::BookToml,
                    format!("book.toml: {}", super::yaml::plain_message(&message)),
                )
                .at(Span::new(id, span))
                .help(help),
            );
            None
        }
    }
}

fn check_accessibility(book: &BookToml, id: FileId, text: &str, diags: &mut Vec<Diagnostic>) {
    let Some(a) = &book.accessibility else { return };
    let at = text.find("[accessibility]").unwrap_or(0);
    let required = [
        ("organisation", a.organisation.is_none()),
        ("status", a.status.is_none()),
        ("assessment-date", a.assessment_date.is_none()),
        ("assessment-method", a.assessment_method.is_none()),
        ("feedback", a.feedback.is_none()),
        ("enforcement-url", a.enforcement_url.is_none()),
    ];
    for (key, missing) in required {
        if missing {
            diags.push(
                Diagnostic::error(
                    Code::BookToml,
                    format!("book.toml: [accessibility] has no `{key}`"),
                )
                .at(Span::new(id, at..at + "[accessibility]".len().min(text.len() - at)))
                .help("the accessibility statement needs organisation, status, assessment-date, assessment-method, feedback and enforcement-url"),
            );
        }
    }
    if let Some(status) = &a.status {
        if !matches!(status.as_str(), "full" | "partial" | "none") {
            diags.push(
                Diagnostic::error(
                    Code::BookToml,
                    format!("book.toml: accessibility status `{status}` is not one of full, partial, none"),
                )
                .at(Span::new(id, at..at))
                .help("write status = \"partial\" while known shortcomings remain"),
            );
        }
    }
}

/// Reports a `[build]` path that is absolute or climbs out of the model with `..`.
fn check_path(key: &str, value: &str, id: FileId, text: &str, diags: &mut Vec<Diagnostic>) {
    let path = std::path::Path::new(value);
    let escapes = value.is_empty()
        || path.is_absolute()
        || value.starts_with('\\')
        || path.components().any(|c| {
            !matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        });
    if escapes {
        let at = text
            .find(&format!("{key} "))
            .or_else(|| text.find(&format!("{key}=")))
            .unwrap_or(0);
        diags.push(
            Diagnostic::error(
                Code::UnsafePath,
                format!("book.toml: {key} `{value}` is not a folder inside the model"),
            )
            .at(Span::new(id, at..at + key.len()))
            .help(format!(
                "write a relative path without `..`, e.g. {key} = \"{}\"",
                if key == "theme" {
                    "themes/default"
                } else {
                    "book"
                }
            )),
        );
    }
}
