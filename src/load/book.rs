//! `book.toml`: decoded with `toml`, whose errors carry the span of the offending key.

use super::confine::{self, Refusal};
use crate::diagnostic::{Code, Diagnostic};
use crate::format::BookToml;
use crate::i18n::Msg;
use crate::msg;
use crate::source::{FileId, SourceMap, Span};
use std::path::Path;

/// The largest file of a theme.
pub const MAX_THEME_FILE: u64 = 16 * 1024 * 1024;

/// Decodes `book.toml`, reporting a syntax error, an unknown key or a wrong value at its place.
pub fn decode(id: FileId, sources: &SourceMap, diags: &mut Vec<Diagnostic>) -> Option<BookToml> {
    let text = &sources.get(id).text;
    match toml::from_str::<BookToml>(text) {
        Ok(book) => {
            check_accessibility(&book, id, text, diags);
            check_reader_links(&book, id, text, diags);
            check_path("build-dir", &book.build.build_dir, id, text, diags);
            if check_path("theme", &book.build.theme, id, text, diags) {
                check_theme(sources.root(), &book.build.theme, id, text, diags);
            }
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
                    Some(s) => msg!("did-you-mean", name = s),
                    None => msg!("allowed-here", names = expected.join(", ")),
                }
            } else if message.starts_with("missing field") {
                msg!("book-toml-missing-key-help")
            } else {
                msg!("book-toml-help")
            };
            let why = super::yaml::plain_message(&message);
            // What the TOML reader says of a syntax error exists only in English.
            let text = if why.id() == "verbatim" {
                msg!("book-toml-syntax", why = why)
            } else {
                msg!("book-toml", why = why)
            };
            diags.push(
                Diagnostic::error(Code::BookToml, text)
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
                Diagnostic::error(Code::BookToml, msg!("accessibility-missing-key", key = key))
                    .at(Span::new(
                        id,
                        at..at + "[accessibility]".len().min(text.len() - at),
                    ))
                    .help(msg!("accessibility-missing-key-help")),
            );
        }
    }
    if let Some(status) = &a.status {
        if !matches!(status.as_str(), "full" | "partial" | "none") {
            diags.push(
                Diagnostic::error(
                    Code::BookToml,
                    msg!("accessibility-status", status = status),
                )
                .at(Span::new(id, at..at))
                .help(msg!("accessibility-status-help")),
            );
        }
    }
}

/// The span of the value of `key` in the table `table` of book.toml.
pub fn value_span(text: &str, table: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let doc = toml::de::DeTable::parse(text).ok()?;
    let (_, t) = doc
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == table)?;
    let (_, v) = t
        .get_ref()
        .as_table()?
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)?;
    Some(v.span())
}

/// The `{name}`s of a template.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    out
}

/// Checks `edit-url`, `feedback` and `previous` of `[book]`: a web address with `{path}`, a
/// mailto or web address with `{step}`, and something that can be a git revision. Each
/// problem is E010 at the value.
fn check_reader_links(book: &BookToml, id: FileId, text: &str, diags: &mut Vec<Diagnostic>) {
    let b = &book.book;
    let at = |key: &str| {
        value_span(text, "book", key).map_or(Span::file_start(id), |r| Span::new(id, r))
    };
    let mut problem = |key: &str, message: Msg, help: Msg| {
        diags.push(
            Diagnostic::error(Code::BookToml, msg!("book-toml", why = message))
                .at(at(key))
                .help(help),
        );
    };
    let web = |v: &str| {
        let lower = v.to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://")
    };
    let templates = [
        (
            "edit-url",
            &b.edit_url,
            &["path"][..],
            "path",
            msg!("edit-url-help"),
        ),
        (
            "feedback",
            &b.feedback,
            &["step", "title"][..],
            "step",
            msg!("feedback-help"),
        ),
    ];
    for (key, value, allowed, required, help) in templates {
        let Some(v) = value else { continue };
        let scheme_ok =
            web(v) || (key == "feedback" && v.to_ascii_lowercase().starts_with("mailto:"));
        if !scheme_ok || v.contains(char::is_whitespace) {
            let what = if key == "feedback" {
                msg!("mailto-or-web-address")
            } else {
                msg!("web-address")
            };
            problem(
                key,
                msg!("not-an-address", key = key, value = v, what = what),
                help.clone(),
            );
            continue;
        }
        let unknown: Vec<&str> = placeholders(v)
            .into_iter()
            .filter(|p| !allowed.contains(p))
            .collect();
        let known: Vec<String> = allowed.iter().map(|a| format!("{{{a}}}")).collect();
        for p in &unknown {
            problem(
                key,
                msg!(
                    "unknown-placeholder",
                    key = key,
                    placeholder = format!("{{{p}}}"),
                    known = match known.as_slice() {
                        [a, b] => msg!("a-and-b", a = a, b = b),
                        _ => msg!("verbatim", text = known.join(", ")),
                    }
                ),
                help.clone(),
            );
        }
        if unknown.is_empty() && !placeholders(v).contains(&required) {
            problem(
                key,
                msg!(
                    "missing-placeholder",
                    key = key,
                    placeholder = format!("{{{required}}}")
                ),
                help,
            );
        }
    }
    if let Some(rev) = &b.previous {
        if rev.is_empty()
            || rev.starts_with('-')
            || rev.contains(|c: char| c.is_whitespace() || c.is_control())
        {
            problem(
                "previous",
                msg!("not-a-revision", rev = rev),
                msg!("not-a-revision-help"),
            );
        }
    }
}

/// Reports a `[build]` path that is absolute or climbs out of the model with `..`; true if
/// it does neither.
fn check_path(key: &str, value: &str, id: FileId, text: &str, diags: &mut Vec<Diagnostic>) -> bool {
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
        let at = key_span(key, id, text);
        diags.push(
            Diagnostic::error(
                Code::UnsafePath,
                msg!("path-outside-model", key = key, value = value),
            )
            .at(at)
            .help(msg!(
                "path-outside-model-help",
                key = key,
                example = if key == "theme" {
                    "themes/default"
                } else {
                    "book"
                }
            )),
        );
    }
    !escapes
}

/// Where `key` is written in book.toml (the start of the file when it is not written, so
/// its default applies).
fn key_span(key: &str, id: FileId, text: &str) -> Span {
    let at = text
        .find(&format!("{key} "))
        .or_else(|| text.find(&format!("{key}=")));
    match at {
        Some(at) => Span::new(id, at..at + key.len()),
        None => Span::file_start(id),
    }
}

/// The files of the theme folder `theme` (relative to the model at `root`), or `None` when
/// there is no such folder and the built-in theme is used: `/`-separated paths relative to
/// the folder, sorted, of everything in it that is not a folder. Hidden names are skipped;
/// each path still has to pass [`confine`] to be read. The folder itself must be a real
/// folder of the model, outside hidden folders.
pub fn theme_files(root: &Path, theme: &str) -> Result<Option<Vec<String>>, Refusal> {
    if std::fs::symlink_metadata(root.join(theme)).is_err() {
        return Ok(None);
    }
    let real = confine::inspect_dir(root, Path::new(theme))?;
    let mut out: Vec<String> = walkdir::WalkDir::new(&real)
        .follow_links(false)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&real).ok()?;
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            Some(parts.join("/"))
        })
        .collect();
    out.sort();
    Ok(Some(out))
}

/// Reports a theme that may not be used: a hidden folder (`theme = ".git"`), a folder that
/// leads out of the model, or a file in it that may not be read. Each at the `theme` key.
fn check_theme(root: &Path, theme: &str, id: FileId, text: &str, diags: &mut Vec<Diagnostic>) {
    let at = key_span("theme", id, text);
    let label = if at.start == at.end {
        msg!("theme-default-label", theme = theme)
    } else {
        msg!("theme-label")
    };
    let hidden = Path::new(theme)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .find(|name| name.starts_with('.') && name != ".");
    if let Some(name) = hidden {
        diags.push(
            Diagnostic::error(
                Code::UnsafePath,
                msg!("theme-hidden", theme = theme, name = name),
            )
            .at(at)
            .help(msg!("theme-hidden-help")),
        );
        return;
    }
    let files = match theme_files(root, theme) {
        Ok(Some(files)) => files,
        Ok(None) => return,
        Err(Refusal::NotAFile(_)) => {
            diags.push(
                Diagnostic::error(Code::NotAFile, msg!("theme-not-a-folder", theme = theme))
                    .at(at)
                    .help(msg!("theme-not-a-folder-help")),
            );
            return;
        }
        Err(refusal) => {
            diags.push(
                {
                    let d = super::refusal_diagnostic(
                        &refusal,
                        msg!("the-theme-folder", theme = theme),
                    );
                    match refusal {
                        Refusal::Outside => d.help(msg!("theme-outside-help")),
                        _ => d,
                    }
                }
                .at(at)
                .label(label),
            );
            return;
        }
    };
    for rel in files {
        let shown = format!("{theme}/{rel}");
        match confine::inspect(root, Path::new(&shown), MAX_THEME_FILE) {
            // A link to a folder of the model is not followed, as before.
            Ok(_) | Err(Refusal::NotAFile("a folder")) => {}
            Err(refusal) => diags.push(
                super::refusal_diagnostic(&refusal, msg!("theme-file", file = &shown))
                    .at(at)
                    .label(label.clone()),
            ),
        }
    }
}
