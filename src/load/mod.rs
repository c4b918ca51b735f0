//! Reading a model folder: `book.toml`, the YAML files in `process/` and the Markdown in
//! `handlaggarstod/`. Loading never stops at the first problem: each file is decoded as far
//! as it can be, and what cannot be read becomes a [`Diagnostic`].

mod book;
pub use book::{theme_files, MAX_THEME_FILE};
pub mod confine;
pub mod yaml;

use crate::diagnostic::{Code, Diagnostic};
use crate::format::{BookToml, KartaFile, LaneFile, StepDef, SubprocessFile};
use crate::source::{FileId, SourceMap, Span};
use confine::Refusal;
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

    let book_file = read_into(&mut sources, root, "book.toml", &mut diags);
    let book = book_file.and_then(|id| book::decode(id, &sources, &mut diags));
    let book_file = book_file.unwrap_or_else(|| sources.add("book.toml", String::new()));

    let karta = match read_into(&mut sources, root, "process/karta.yaml", &mut diags) {
        Some(id) => decode_file::<KartaFile>(id, &sources, &mut diags),
        None => {
            if !root.join("process/karta.yaml").exists() {
                diags.push(
                    Diagnostic::error(Code::MissingKarta, "the model has no process/karta.yaml")
                        .help(
                            "create process/karta.yaml with `title:` and `lanes:` (see FORMAT.md)",
                        ),
                );
            }
            None
        }
    };

    let mut lanes = Vec::new();
    for rel in list(root, "process", "yaml", false, &mut diags) {
        if rel == "process/karta.yaml" {
            continue;
        }
        if let Some(id) = read_into(&mut sources, root, &rel, &mut diags) {
            lanes.push(decode_step_file::<LaneFile<Value>>(
                id, &rel, &sources, &mut diags,
            ));
        }
    }
    let mut subprocesses = Vec::new();
    for rel in list(root, "process/underprocesser", "yaml", false, &mut diags) {
        if let Some(id) = read_into(&mut sources, root, &rel, &mut diags) {
            subprocesses.push(decode_step_file::<SubprocessFile<Value>>(
                id, &rel, &sources, &mut diags,
            ));
        }
    }
    let mut markdown = Vec::new();
    for rel in list(root, "handlaggarstod", "md", true, &mut diags) {
        if let Some(id) = read_into(&mut sources, root, &rel, &mut diags) {
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
            diags.push(refusal_diagnostic(&refusal, &format!("the folder {dir}")));
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

/// Reads a file into the source map, or reports why it cannot be read. Every file goes
/// through [`confine::read`]: a link out of the model or into a hidden folder, a FIFO or
/// device, or a file over [`MAX_FILE_SIZE`] is a diagnostic, and is never opened.
fn read_into(
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
                Diagnostic::error(Code::UnreadableFile, format!("cannot read {rel}"))
                    .at(Span::file_start(id))
                    .help(
                        "if it is a symbolic link, it leads to nothing; put the file itself here",
                    ),
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
                Diagnostic::error(Code::UnreadableFile, format!("{rel} is not valid UTF-8"))
                    .at(Span::new(id, at..at))
                    .label("this byte is not UTF-8")
                    .help("save the file as UTF-8 (in most editors: Save as… → Encoding: UTF-8)"),
            );
            None
        }
    }
}

/// The diagnostic (without a place) for a file of the model that may not be read: E060 for a
/// link out of the model or into a hidden folder, E061 for what is not a file, E007 for a
/// file over the limit. `shown` names the file as the user knows it.
pub fn refusal_diagnostic(refusal: &Refusal, shown: &str) -> Diagnostic {
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
    let parsed = match yaml::parse(id, sources.get(id)) {
        Ok(p) => p,
        Err(mut d) => {
            diags.append(&mut d);
            return None;
        }
    };
    match yaml::decode::<T>(parsed.value, &parsed.tree, id) {
        Ok(value) => Some(Decoded {
            value,
            tree: parsed.tree,
            file: id,
        }),
        Err(d) => {
            diags.push(d);
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
) -> RawStepFile<H> {
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
            diags.append(&mut d);
            return out;
        }
    };
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
        Err(d) => diags.push(d),
    }
    match steps_value {
        Some(Value::Sequence(items)) => {
            let nodes = parsed.tree.get("steps").map(|n| n.items()).unwrap_or(&[]);
            if items.len() > MAX_STEPS_PER_FILE {
                diags.push(
                    Diagnostic::error(
                        Code::TooLarge,
                        format!(
                            "{} steps in one file; at most {MAX_STEPS_PER_FILE} are accepted",
                            items.len()
                        ),
                    )
                    .at(Span::file_start(id)),
                );
            } else {
                for (i, item) in items.into_iter().enumerate() {
                    let Some(node) = nodes.get(i) else { break };
                    if let Some(def) = decode_step(item, node, id, diags) {
                        out.steps.push(RawStep {
                            def,
                            node: node.clone(),
                        });
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
            diags.push(
                Diagnostic::error(Code::WrongType, "`steps` must be a list of steps")
                    .at(at)
                    .help("write each step on its own line starting with `- nr:`"),
            );
        }
    }
    out.tree = parsed.tree;
    out
}

/// Decodes one step. A wrong optional field is reported and left out, and the step is decoded
/// again without it, so one typo does not hide the step from every later rule.
fn decode_step(
    mut item: Value,
    node: &Node,
    id: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Option<StepDef> {
    const REQUIRED: [&str; 2] = ["nr", "title"];
    for _ in 0..8 {
        match yaml::decode_with_key::<StepDef>(item.clone(), node, id) {
            Ok(def) => return Some(def),
            Err((d, key)) => {
                diags.push(d);
                let key = key.filter(|k| !REQUIRED.contains(&k.as_str()))?;
                let removed = match &mut item {
                    Value::Mapping(m) => m.remove(key.as_str()).is_some(),
                    _ => false,
                };
                if !removed {
                    return None;
                }
            }
        }
    }
    None
}
