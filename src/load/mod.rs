//! Reading a model folder: `book.toml`, the YAML files in `process/` and the Markdown in
//! `handlaggarstod/`. Loading never stops at the first problem: each file is decoded as far
//! as it can be, and what cannot be read becomes a [`Diagnostic`].

mod book;
pub use book::{theme_files, value_span, MAX_THEME_FILE};
pub mod confine;
pub mod yaml;

use crate::diagnostic::{Cause, Code, Diagnostic};
use crate::format::{BookToml, KartaFile, LaneFile, StepDef, SubprocessFile};
use crate::msg;
use crate::source::{FileId, SourceMap, Span};
use confine::Refusal;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use yaml::{Node, Value};

/// Largest source file accepted, in bytes.
pub const MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// Largest number of steps accepted in one file.
pub const MAX_STEPS_PER_FILE: usize = 20_000;

/// A file decoded into its format type, with its positioned YAML tree.
pub struct Decoded<T> {
    /// The typed content.
    pub value: T,
    /// The positioned tree, for placing later diagnostics.
    pub tree: Node,
    /// The file.
    pub file: FileId,
}

/// A step as written, with its positioned tree.
pub struct RawStep {
    /// The typed step.
    pub def: StepDef,
    /// Its node in the file.
    pub node: Node,
}

/// A lane file or sub-process file: its header and the steps that could be read.
pub struct RawStepFile<H> {
    /// The id: the file name without `.yaml`.
    pub id: String,
    /// The file.
    pub file: FileId,
    /// The header fields, if they could be read.
    pub header: Option<H>,
    /// The positioned tree of the whole file.
    pub tree: Node,
    /// The steps that could be read.
    pub steps: Vec<RawStep>,
}

/// Everything read from a model folder, before meaning is resolved.
pub struct RawModel {
    /// All files read.
    pub sources: SourceMap,
    /// `book.toml`, if it could be read.
    pub book: Option<BookToml>,
    /// The id of `book.toml`.
    pub book_file: FileId,
    /// `process/karta.yaml`, if it could be read.
    pub karta: Option<Decoded<KartaFile>>,
    /// Lane files, sorted by id.
    pub lanes: Vec<RawStepFile<LaneFile<Value>>>,
    /// Sub-process files, sorted by id.
    pub subprocesses: Vec<RawStepFile<SubprocessFile<Value>>>,
    /// Markdown files: path relative to `handlaggarstod/` and file, sorted by path.
    pub markdown: Vec<(String, FileId)>,
    /// `handlaggarstod/lagar.yaml`, if there is one and it could be read.
    pub lagar: Option<Decoded<crate::format::LagarFile>>,
    /// What could not be read, and why.
    pub losses: Losses,
}

/// What could not be read, each with the diagnostic that says why, so that the problems
/// that only follow from its absence (arrows to its steps, its guidance pages, a map left
/// without a start) are folded into that one diagnostic instead of reported.
#[derive(Clone, Debug, Default)]
pub struct Losses {
    /// Steps that could not be read, by map.
    pub steps: Vec<LostSteps>,
    /// Files that exist but could not be read (not UTF-8, too large, a link out of the model)
    /// or were not taken as what they look like (a page named `.MD`, a guidance page whose
    /// name or folder is wrong), by path relative to the model folder.
    pub files: BTreeMap<String, Cause>,
    /// `process/karta.yaml` is missing or could not be read, so no lane is known.
    pub karta: Option<Cause>,
    /// Fields of steps that were left out because their value was wrong.
    pub fields: Vec<LostField>,
    /// `handlaggarstod/lagar.yaml` exists but could not be read, so no law is known.
    pub lagar: Option<Cause>,
}

/// A field of a step left out because its value could not be read: the step was read
/// without it.
#[derive(Clone, Debug)]
pub struct LostField {
    /// The map: `None` for the overview, else the sub-process's id.
    pub sub: Option<String>,
    /// The step's number.
    pub nr: u32,
    /// The field, e.g. `next`.
    pub key: String,
    /// Why.
    pub cause: Cause,
}

/// Steps of one map that could not be read.
#[derive(Clone, Debug)]
pub struct LostSteps {
    /// The map: `None` for the overview, else the sub-process's id.
    pub sub: Option<String>,
    /// The numbers of the lost steps, as far as they can be seen in the text.
    pub nrs: Vec<u32>,
    /// True when steps whose numbers could not be seen may be lost too.
    pub unknown: bool,
    /// Why.
    pub cause: Cause,
}

impl Losses {
    /// Why some steps of a map are missing (`sub` `None` for the overview), if they are.
    pub fn map(&self, sub: Option<&str>) -> Option<Cause> {
        self.steps
            .iter()
            .find(|l| l.sub.as_deref() == sub)
            .map(|l| l.cause)
    }

    /// Why some steps of a map are missing, if any are (not only a field of a step).
    pub fn some_step(&self, sub: Option<&str>) -> Option<Cause> {
        self.steps
            .iter()
            .find(|l| l.sub.as_deref() == sub && (l.unknown || !l.nrs.is_empty()))
            .map(|l| l.cause)
    }

    /// Why step `nr` of a map may be missing, if it may.
    pub fn step(&self, sub: Option<&str>, nr: u32) -> Option<Cause> {
        let on_map = || self.steps.iter().filter(|l| l.sub.as_deref() == sub);
        on_map()
            .find(|l| l.nrs.contains(&nr))
            .or_else(|| on_map().find(|l| l.unknown))
            .map(|l| l.cause)
    }

    /// Why field `key` of step `nr` of a map was left out, if it was.
    pub fn field(&self, sub: Option<&str>, nr: u32, key: &str) -> Option<Cause> {
        self.fields
            .iter()
            .find(|f| f.sub.as_deref() == sub && f.nr == nr && f.key == key)
            .map(|f| f.cause)
    }

    /// Why the file at `rel` could not be read, if it exists and could not.
    pub fn file(&self, rel: &str) -> Option<Cause> {
        self.files.get(rel).copied()
    }

    fn lose(&mut self, sub: Option<&str>, text: &str, cause: Cause) {
        let nrs = step_numbers(text);
        self.steps.push(LostSteps {
            sub: sub.map(str::to_string),
            unknown: nrs.is_empty(),
            nrs,
            cause,
        });
    }
}

/// The numbers written as `nr: 12` in a text that could not be parsed: the steps that are
/// lost with it, as far as can be seen.
fn step_numbers(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("nr:") {
        let before = text[..i].chars().next_back();
        if !before.is_none_or(|c| c.is_whitespace() || matches!(c, '-' | '{' | ',')) {
            continue;
        }
        let digits: String = text[i + 3..]
            .trim_start_matches([' ', '\t', '"', '\''])
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(n) = digits.parse() {
            out.push(n);
        }
    }
    out
}

/// The sub-process id of a file in `process/underprocesser/`, `None` for a lane file.
fn sub_of(rel: &str) -> Option<&str> {
    rel.strip_prefix("process/underprocesser/")
        .map(|n| n.trim_end_matches(".yaml"))
}

/// Why a folder could not be read as a model at all (as opposed to a model with problems).
#[derive(Debug)]
pub enum LoadError {
    /// The folder has no `book.toml`.
    NotAModel(PathBuf),
    /// The folder or `book.toml` could not be read.
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotAModel(p) => write!(
                f,
                "{} has no book.toml, so it is not a processkarta model (create one with `processkarta init`)",
                p.display()
            ),
            LoadError::Io(p, e) => write!(f, "cannot read {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for LoadError {}

/// The model folder for a command started in `start`: the nearest of `start` and the folders
/// above it that holds a `book.toml`, as git, cargo and mdBook find theirs. `None` when no
/// folder up to the root of the file system has one.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).ok()?;
    start
        .ancestors()
        .find(|dir| dir.join("book.toml").is_file())
        .map(Path::to_path_buf)
}

/// Reads the model in `root`. Problems in the files are returned as diagnostics; only a
/// folder that is not a model at all is an error.
pub fn load(root: &Path) -> Result<(RawModel, Vec<Diagnostic>), LoadError> {
    let book_path = root.join("book.toml");
    // Anything named book.toml makes a model; one that is not a file is reported as such.
    if std::fs::symlink_metadata(&book_path).is_err() {
        if !root.is_dir() {
            return Err(LoadError::Io(
                root.to_path_buf(),
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder"),
            ));
        }
        return Err(LoadError::NotAModel(root.to_path_buf()));
    }
    let mut sources = SourceMap::new(root);
    let mut diags = Vec::new();
    let mut losses = Losses::default();

    let book_file = read_into(&mut sources, root, "book.toml", &mut diags, &mut losses);
    let book = book_file.and_then(|id| book::decode(id, &sources, &mut diags));
    let book_file = book_file.unwrap_or_else(|| sources.add("book.toml", String::new()));

    let karta_rel = "process/karta.yaml";
    let karta = match read_into(&mut sources, root, karta_rel, &mut diags, &mut losses) {
        Some(id) => {
            let before = diags.len();
            let karta = decode_file::<KartaFile>(id, &sources, &mut diags);
            if karta.is_none() {
                losses.karta = diags.get(before).map(Diagnostic::cause);
            }
            karta
        }
        None => {
            if !root.join(karta_rel).exists() {
                let d = Diagnostic::error(Code::MissingKarta, msg!("missing-karta"))
                    .help(msg!("missing-karta-help"));
                losses.karta = Some(d.cause());
                diags.push(d);
            } else {
                losses.karta = losses.file(karta_rel);
            }
            None
        }
    };
    if let Some(cause) = losses.karta {
        // Without karta.yaml no lane is bound, so every step of the overview is missing.
        losses.steps.push(LostSteps {
            sub: None,
            nrs: Vec::new(),
            unknown: true,
            cause,
        });
    }

    let mut lanes = Vec::new();
    for rel in list(root, "process", "yaml", false, &mut diags) {
        if rel == karta_rel {
            continue;
        }
        if let Some(id) = read_into(&mut sources, root, &rel, &mut diags, &mut losses) {
            lanes.push(decode_step_file::<LaneFile<Value>>(
                id,
                &rel,
                &sources,
                &mut diags,
                &mut losses,
            ));
        }
    }
    let mut subprocesses = Vec::new();
    for rel in list(root, "process/underprocesser", "yaml", false, &mut diags) {
        if let Some(id) = read_into(&mut sources, root, &rel, &mut diags, &mut losses) {
            subprocesses.push(decode_step_file::<SubprocessFile<Value>>(
                id,
                &rel,
                &sources,
                &mut diags,
                &mut losses,
            ));
        }
    }
    for rel in misnamed_pages(root) {
        let id = sources.add(&rel, String::new());
        let name = rel.rsplit('/').next().unwrap_or(&rel);
        let stem = name
            .strip_suffix(".txt")
            .unwrap_or(name)
            .rsplit_once('.')
            .map_or(name, |(stem, _)| stem);
        let d = Diagnostic::error(
            Code::GuidanceNotRead,
            msg!("guidance-not-read", file = &rel),
        )
        .at(Span::file_start(id))
        .help(msg!("guidance-not-read-help", name = format!("{stem}.md")));
        losses.files.insert(rel, d.cause());
        diags.push(d);
    }
    let lagar_rel = "handlaggarstod/lagar.yaml";
    let lagar = if std::fs::symlink_metadata(root.join(lagar_rel)).is_ok() {
        let before = diags.len();
        let decoded = read_into(&mut sources, root, lagar_rel, &mut diags, &mut losses)
            .and_then(|id| decode_file::<crate::format::LagarFile>(id, &sources, &mut diags));
        if decoded.is_none() {
            losses.lagar = diags.get(before).map(Diagnostic::cause);
        }
        decoded
    } else {
        None
    };
    let mut markdown = Vec::new();
    for rel in list(root, "handlaggarstod", "md", true, &mut diags) {
        if let Some(id) = read_into(&mut sources, root, &rel, &mut diags, &mut losses) {
            let under = rel.trim_start_matches("handlaggarstod/").to_string();
            markdown.push((under, id));
        }
    }
    Ok((
        RawModel {
            sources,
            book,
            book_file,
            karta,
            lanes,
            subprocesses,
            markdown,
            lagar,
            losses,
        },
        diags,
    ))
}

/// Relative paths (with `/`) of the files with extension `ext` in `dir`, sorted.
fn list(
    root: &Path,
    dir: &str,
    ext: &str,
    recursive: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<String> {
    // The folder is walked at its real path, and only when that is inside the model: a
    // `handlaggarstod` linked to `/` is one error, not a walk of the whole disk.
    let base = match confine::inspect_dir(root, Path::new(dir)) {
        Ok(base) => base,
        Err(Refusal::Missing | Refusal::NotAFile(_)) => return Vec::new(),
        Err(refusal) => {
            diags.push(refusal_diagnostic(
                &refusal,
                msg!("the-folder", folder = dir),
            ));
            return Vec::new();
        }
    };
    let mut walker = walkdir::WalkDir::new(&base)
        .follow_links(false)
        .min_depth(1);
    if !recursive {
        walker = walker.max_depth(1);
    }
    // Hidden files and folders (`.git`, editors' `.#lock` files) are not part of the model.
    let mut out: Vec<String> = walker
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .filter(|e| e.path().extension().is_some_and(|x| x == ext))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&base).ok()?;
            let parts: Vec<String> = std::iter::once(dir.to_string())
                .chain(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned()),
                )
                .collect();
            Some(parts.join("/"))
        })
        .collect();
    out.sort();
    out
}

/// Files in `handlaggarstod/` meant as pages but not named `.md`, which would otherwise be
/// left out without a word: `.MD`, `.Md`, `.md.txt`, `.markdown`.
fn misnamed_pages(root: &Path) -> Vec<String> {
    let base = root.join("handlaggarstod");
    let mut out: Vec<String> = walkdir::WalkDir::new(&base)
        .follow_links(false)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(root).ok()?;
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let lower = rel.to_lowercase();
            let misnamed = !rel.ends_with(".md")
                && [".md", ".md.txt", ".markdown"]
                    .iter()
                    .any(|ext| lower.ends_with(ext));
            misnamed.then_some(rel)
        })
        .collect();
    out.sort();
    out
}

/// Reads a file into the source map, or reports why it cannot be read and records the loss:
/// the file, and for a lane or sub-process file the steps it holds. Every file goes
/// through [`confine::read`]: a link out of the model or into a hidden folder, a FIFO or
/// device, or a file over [`MAX_FILE_SIZE`] is a diagnostic, and is never opened.
fn read_into(
    sources: &mut SourceMap,
    root: &Path,
    rel: &str,
    diags: &mut Vec<Diagnostic>,
    losses: &mut Losses,
) -> Option<FileId> {
    let before = diags.len();
    let id = read_file(sources, root, rel, diags);
    if let (None, Some(d)) = (id, diags.get(before)) {
        let cause = d.cause();
        losses.files.insert(rel.to_string(), cause);
        if rel.starts_with("process/") && rel.ends_with(".yaml") && rel != "process/karta.yaml" {
            let text = d.span.map_or("", |s| sources.get(s.file).text.as_str());
            losses.lose(sub_of(rel), text, cause);
        }
    }
    id
}

/// Reads a file into the source map, or reports why it cannot be read.
fn read_file(
    sources: &mut SourceMap,
    root: &Path,
    rel: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<FileId> {
    let bytes = match confine::read(root, Path::new(rel), MAX_FILE_SIZE) {
        Ok(bytes) => bytes,
        Err(Refusal::Missing) => {
            // Listed files exist; a file that vanished since, or a link to nothing, is
            // reported. Files that were never there (karta.yaml) have their own rule.
            std::fs::symlink_metadata(root.join(rel)).ok()?;
            let id = sources.add(rel, String::new());
            diags.push(
                Diagnostic::error(Code::UnreadableFile, msg!("cannot-read", file = rel))
                    .at(Span::file_start(id))
                    .help(msg!("cannot-read-help")),
            );
            return None;
        }
        Err(refusal) => {
            let id = sources.add(rel, String::new());
            diags.push(refusal_diagnostic(&refusal, rel).at(Span::file_start(id)));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(sources.add(rel, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // The lossy text has the same prefix, so the offset of the first bad byte holds.
            let id = sources.add(rel, text);
            let at =
                valid.saturating_sub(usize::from(e.as_bytes().starts_with(b"\xef\xbb\xbf")) * 3);
            diags.push(
                Diagnostic::error(Code::UnreadableFile, msg!("not-utf8", file = rel))
                    .at(Span::new(id, at..at))
                    .label(msg!("not-utf8-label"))
                    .help(msg!("not-utf8-help")),
            );
            None
        }
    }
}

/// The diagnostic (without a place) for a file of the model that may not be read: E060 for a
/// link out of the model or into a hidden folder, E061 for what is not a file, E007 for a
/// file over the limit. `shown` names the file as the user knows it.
pub fn refusal_diagnostic(refusal: &Refusal, shown: impl Into<crate::i18n::Arg>) -> Diagnostic {
    let code = match refusal {
        Refusal::Outside | Refusal::Hidden(_) => Code::UnsafePath,
        Refusal::NotAFile(_) => Code::NotAFile,
        Refusal::TooLarge { .. } => Code::TooLarge,
        Refusal::Missing => Code::UnreadableFile,
    };
    Diagnostic::error(code, refusal.describe(shown)).help(refusal.advice())
}

/// Parses and decodes a whole YAML file.
fn decode_file<T: serde::de::DeserializeOwned>(
    id: FileId,
    sources: &SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<Decoded<T>> {
    let mut parsed = match yaml::parse(id, sources.get(id)) {
        Ok(p) => p,
        Err(mut d) => {
            diags.append(&mut d);
            return None;
        }
    };
    let comments = std::mem::take(&mut parsed.diagnostics);
    diags.extend(comments.iter().cloned());
    match yaml::decode::<T>(parsed.value, &parsed.tree, id) {
        Ok(value) => Some(Decoded {
            value,
            tree: parsed.tree,
            file: id,
        }),
        Err(d) => {
            let from = diags.len();
            diags.push(d);
            let mut no_losses = Losses::default();
            follow_comments(
                &comments,
                &parsed.tree,
                sources.get(id),
                None,
                diags,
                from,
                &mut no_losses,
            );
            None
        }
    }
}

/// Parses a lane or sub-process file; the header and each step are decoded separately, so
/// a wrong step does not hide the problems of the others.
fn decode_step_file<H: serde::de::DeserializeOwned>(
    id: FileId,
    rel: &str,
    sources: &SourceMap,
    diags: &mut Vec<Diagnostic>,
    losses: &mut Losses,
) -> RawStepFile<H> {
    let sub = sub_of(rel);
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = name.trim_end_matches(".yaml").to_string();
    let mut out = RawStepFile {
        id: stem,
        file: id,
        header: None,
        tree: Node {
            kind: yaml::NodeKind::Map(Vec::new()),
            span: 0..0,
        },
        steps: Vec::new(),
    };
    let parsed = match yaml::parse(id, sources.get(id)) {
        Ok(p) => p,
        Err(mut d) => {
            if let Some(first) = d.first() {
                losses.lose(sub, &sources.get(id).text, first.cause());
            }
            diags.append(&mut d);
            return out;
        }
    };
    let comments = parsed.diagnostics;
    diags.extend(comments.iter().cloned());
    let decoded_from = diags.len();
    let mut value = parsed.value;
    let steps_value = match &mut value {
        Value::Mapping(m) => m.remove("steps"),
        _ => None,
    };
    let header_value = {
        let mut v = value;
        if let (Value::Mapping(m), Some(_)) = (&mut v, &steps_value) {
            m.insert(Value::from("steps"), Value::Sequence(Vec::new()));
        }
        v
    };
    match yaml::decode::<H>(header_value, &parsed.tree, id) {
        Ok(h) => out.header = Some(h),
        Err(d) => {
            // A sub-process without its header has no map; a lane keeps its steps.
            if sub.is_some() {
                losses.lose(sub, "", d.cause());
            }
            diags.push(d);
        }
    }
    match steps_value {
        Some(Value::Sequence(items)) => {
            let nodes = parsed.tree.get("steps").map(|n| n.items()).unwrap_or(&[]);
            if items.len() > MAX_STEPS_PER_FILE {
                let d = Diagnostic::error(
                    Code::TooLarge,
                    msg!("too-many-steps", n = items.len(), max = MAX_STEPS_PER_FILE),
                )
                .at(Span::file_start(id));
                losses.lose(sub, "", d.cause());
                diags.push(d);
            } else {
                for (i, item) in items.into_iter().enumerate() {
                    let Some(node) = nodes.get(i) else { break };
                    let before = diags.len();
                    let mut dropped = Vec::new();
                    match decode_step(item, node, id, diags, &mut dropped) {
                        Some(def) => {
                            for (key, cause) in dropped {
                                lose_field(losses, sub, def.nr, &key, cause);
                            }
                            out.steps.push(RawStep {
                                def,
                                node: node.clone(),
                            })
                        }
                        None => {
                            if let Some(d) = diags.get(before) {
                                let nr = node.get("nr").and_then(Node::as_str).unwrap_or("");
                                losses.lose(sub, &format!("nr: {nr}"), d.cause());
                            }
                        }
                    }
                }
            }
        }
        Some(Value::Null) | None => {}
        Some(_) => {
            let at = parsed
                .tree
                .get("steps")
                .map_or(Span::file_start(id), |n| n.span_in(id));
            let d = Diagnostic::error(Code::WrongType, msg!("steps-not-a-list"))
                .at(at)
                .help(msg!("steps-not-a-list-help"));
            losses.lose(sub, "", d.cause());
            diags.push(d);
        }
    }
    if !comments.is_empty() {
        follow_comments(
            &comments,
            &parsed.tree,
            sources.get(id),
            sub,
            diags,
            decoded_from,
            losses,
        );
    }
    out.tree = parsed.tree;
    out
}

/// A value read as a comment (`next: #3`) is the cause of what follows from its absence:
/// the decoding errors on its line, and, for a step's `next`, `kind` or `process`, the rules
/// that field would have satisfied.
fn follow_comments(
    comments: &[Diagnostic],
    tree: &Node,
    src: &crate::source::SourceFile,
    sub: Option<&str>,
    diags: &mut [Diagnostic],
    decoded_from: usize,
    losses: &mut Losses,
) {
    let line = |offset: usize| src.line_col(offset).0;
    let on_line = |l: usize| {
        comments
            .iter()
            .find(|c| c.span.is_some_and(|s| line(s.start as usize) == l))
            .map(Diagnostic::cause)
    };
    for d in &mut diags[decoded_from..] {
        if let Some(span) = d.span {
            if let Some(cause) = on_line(line(span.start as usize)) {
                d.follows = Some(cause);
            }
        }
    }
    for step in tree.get("steps").map(|n| n.items()).unwrap_or(&[]) {
        let yaml::NodeKind::Map(entries) = &step.kind else {
            continue;
        };
        let Some(nr) = step
            .get("nr")
            .and_then(Node::as_str)
            .and_then(|n| n.parse().ok())
        else {
            continue;
        };
        for (k, _) in entries {
            let (Some(key), Some(cause)) = (k.as_str(), on_line(line(k.span.start))) else {
                continue;
            };
            if matches!(key, "next" | "kind" | "process") {
                lose_field(losses, sub, nr, key, cause);
            }
        }
    }
}

/// Records that field `key` of step `nr` was left out; without its `next` or `kind` the
/// map's graph is not the one written, so its rules would report phantoms.
fn lose_field(losses: &mut Losses, sub: Option<&str>, nr: u32, key: &str, cause: Cause) {
    if key == "next" || key == "kind" {
        losses.steps.push(LostSteps {
            sub: sub.map(str::to_string),
            nrs: Vec::new(),
            unknown: false,
            cause,
        });
    }
    losses.fields.push(LostField {
        sub: sub.map(str::to_string),
        nr,
        key: key.to_string(),
        cause,
    });
}

/// Decodes one step. A wrong optional field is reported and left out, and the step is decoded
/// again without it, so one typo does not hide the step from every later rule. The fields
/// left out go to `dropped`, each with the diagnostic that says why.
fn decode_step(
    mut item: Value,
    node: &Node,
    id: FileId,
    diags: &mut Vec<Diagnostic>,
    dropped: &mut Vec<(String, Cause)>,
) -> Option<StepDef> {
    const REQUIRED: [&str; 2] = ["nr", "title"];
    for _ in 0..8 {
        match yaml::decode_with_key::<StepDef>(item.clone(), node, id) {
            Ok(def) => return Some(def),
            Err((d, key)) => {
                let cause = d.cause();
                diags.push(d);
                let key = key.filter(|k| !REQUIRED.contains(&k.as_str()))?;
                let removed = match &mut item {
                    Value::Mapping(m) => m.remove(key.as_str()).is_some(),
                    _ => false,
                };
                if !removed {
                    return None;
                }
                dropped.push((key, cause));
            }
        }
    }
    None
}
