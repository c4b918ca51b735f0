//! Everything YAML: the only module that calls the YAML parsers.
//!
//! A file is read twice. First `saphyr-parser`'s event stream builds a positioned tree
//! ([`Node`]), which gives every key and value its line and column, finds duplicate keys and
//! bounds what aliases may expand to. Then `serde_yaml` (the maintained `serde_norway` fork)
//! turns the text into typed values; its errors are placed with the tree, so that a wrong
//! value is reported at the value, not only at the file.

use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::Msg;
use crate::msg;
use crate::source::{FileId, SourceFile, Span};
use saphyr_parser::{Event, Parser};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::ops::Range;

/// A YAML value as parsed, kept untyped until its shape is checked.
pub type Value = serde_yaml::Value;

/// The most that aliases in one file may expand to, in bytes of source text.
/// Guards against "billion laughs" and one large anchored text reused by many steps.
pub const MAX_ALIAS_EXPANSION: usize = 4 * 1024 * 1024;

/// Deepest nesting of collections accepted in one file.
pub const MAX_DEPTH: usize = 64;

/// A YAML node with its place in the source.
#[derive(Debug, Clone)]
pub struct Node {
    /// What the node holds.
    pub kind: NodeKind,
    /// Byte range in the source file.
    pub span: Range<usize>,
}

/// The content of a [`Node`].
#[derive(Debug, Clone)]
pub enum NodeKind {
    /// A scalar, as written (without quotes).
    Scalar(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping as (key, value) pairs in source order.
    Map(Vec<(Node, Node)>),
    /// A reference to an anchored node.
    Alias,
}

impl Node {
    /// The value for `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node for `key` in a mapping.
    pub fn key(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(k, _)| k)
    }

    fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// The `i`-th element of a sequence.
    pub fn index(&self, i: usize) -> Option<&Node> {
        match &self.kind {
            NodeKind::Seq(items) => items.get(i),
            _ => None,
        }
    }

    /// The elements of a sequence, or nothing.
    pub fn items(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Seq(items) => items,
            _ => &[],
        }
    }

    /// The text of a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The node's span in `file`.
    pub fn span_in(&self, file: FileId) -> Span {
        Span::new(file, self.span.clone())
    }
}

/// A parsed YAML file: the positioned tree and the untyped value.
pub struct Parsed {
    /// The positioned tree of the document (an empty mapping for an empty file).
    pub tree: Node,
    /// The same document as a serde value.
    pub value: Value,
    /// Problems that do not stop the file from being read, such as a value that YAML reads
    /// as a comment.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses a YAML file. Returns every syntax problem, duplicate key and size problem found.
pub fn parse(file: FileId, src: &SourceFile) -> Result<Parsed, Vec<Diagnostic>> {
    let tree = build_tree(file, src)?;
    let mut diags = Vec::new();
    find_duplicate_keys(&tree, file, &mut diags);
    if !diags.is_empty() {
        return Err(diags);
    }
    let value = if src.text.trim().is_empty() {
        Value::Mapping(Default::default())
    } else {
        match serde_yaml::from_str::<Value>(&src.text) {
            Ok(v) => v,
            Err(e) => {
                let at = e
                    .location()
                    .map_or(0, |l| src.offset_of(l.line(), l.column().saturating_sub(1)));
                return Err(vec![Diagnostic::error(
                    Code::YamlSyntax,
                    msg!("yaml-syntax", why = strip_location(&e.to_string())),
                )
                .at(Span::new(file, at..at))
                .help(msg!("yaml-syntax-help"))]);
            }
        }
    };
    let mut diagnostics = Vec::new();
    find_comment_values(&tree, &src.text, file, &mut diagnostics);
    Ok(Parsed {
        tree,
        value,
        diagnostics,
    })
}

/// Finds keys whose value YAML reads as a comment: `color: #C8102E` is `color:` with no
/// value, because ` #` starts a comment. A comment mark followed directly by a word or a
/// number is taken as a value that needs quotes (people write comments as `# text`).
fn find_comment_values(node: &Node, text: &str, file: FileId, diags: &mut Vec<Diagnostic>) {
    match &node.kind {
        NodeKind::Map(entries) => {
            for (k, v) in entries {
                if let (Some(key), Some("")) = (k.as_str(), v.as_str()) {
                    let after = &text[k.span.end.min(text.len())..];
                    let rest = after.trim_start_matches([' ', '\t']);
                    if let Some(value) = rest
                        .strip_prefix(':')
                        .map(|r| r.trim_start_matches([' ', '\t']))
                        .and_then(|r| r.strip_prefix('#'))
                        .filter(|r| r.starts_with(|c: char| c.is_alphanumeric()))
                    {
                        let at = text.len() - value.len() - 1;
                        let written = value.lines().next().unwrap_or("").trim_end();
                        diags.push(
                            Diagnostic::error(
                                Code::WrongType,
                                msg!("comment-value", key = key, written = written),
                            )
                            .at(Span::new(file, at..at + 1 + written.len()))
                            .label(msg!("comment-value-label"))
                            .help(msg!(
                                "comment-value-help",
                                key = key,
                                written = written
                            )),
                        );
                    }
                }
                find_comment_values(v, text, file, diags);
            }
        }
        NodeKind::Seq(items) => items
            .iter()
            .for_each(|n| find_comment_values(n, text, file, diags)),
        _ => {}
    }
}

/// Turns an untyped value into `T`, reporting a wrong type, an unknown or a missing field at
/// its place in `node`, the value's positioned twin.
pub fn decode<T: DeserializeOwned>(
    value: Value,
    node: &Node,
    file: FileId,
) -> Result<T, Diagnostic> {
    decode_with_key(value, node, file).map_err(|(d, _)| d)
}

/// Like [`decode`], and on failure also names the top-level key at fault, so that a caller
/// can drop that key and decode the rest.
// The error is built once per wrong value, so its size does not matter.
#[allow(clippy::result_large_err)]
pub fn decode_with_key<T: DeserializeOwned>(
    value: Value,
    node: &Node,
    file: FileId,
) -> Result<T, (Diagnostic, Option<String>)> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|err| {
        let message = err.inner().to_string();
        let path: Vec<serde_path_to_error::Segment> = err.path().iter().cloned().collect();
        let key = match path.first() {
            Some(serde_path_to_error::Segment::Map { key }) => Some(key.clone()),
            _ if message.starts_with("unknown field") => backticked(&message),
            _ => None,
        };
        (describe(&message, &path, node, file), key)
    })
}

fn describe(
    message: &str,
    path: &[serde_path_to_error::Segment],
    root: &Node,
    file: FileId,
) -> Diagnostic {
    use serde_path_to_error::Segment;
    // Walk the path as far as the tree goes; remember the last key node on the way.
    let mut node = root;
    let mut parent = root;
    let mut key_node: Option<&Node> = None;
    let mut shown = Vec::new();
    for seg in path {
        let next = match seg {
            Segment::Seq { index } => {
                shown.push(format!("[{index}]"));
                node.index(*index).map(|n| (n, None))
            }
            Segment::Map { key } => {
                shown.push(if shown.is_empty() {
                    key.clone()
                } else {
                    format!(".{key}")
                });
                node.entry(key).map(|(k, v)| (v, Some(k)))
            }
            _ => None,
        };
        match next {
            Some((n, k)) => {
                parent = node;
                node = n;
                key_node = k.or(key_node);
            }
            None => break,
        }
    }
    let field = backticked(message);
    let clean = strip_location(message);
    if message.starts_with("unknown field") || message.starts_with("unknown variant") {
        let name = field.unwrap_or_default();
        let expected = expected_list(message);
        let help = match did_you_mean(&name, &expected) {
            Some(s) => msg!("did-you-mean", name = s),
            None if expected.is_empty() => msg!("remove-field"),
            None => msg!("allowed-here", names = expected.join(", ")),
        };
        let code = if message.starts_with("unknown field") {
            Code::UnknownField
        } else {
            Code::WrongType
        };
        // Point at the key itself when the tree has it, else at the value.
        let target = node
            .key(&name)
            .or_else(|| parent.key(&name))
            .or(key_node.filter(|k| k.as_str() == Some(name.as_str())))
            .unwrap_or(node);
        if code == Code::UnknownField {
            let map = if node.key(&name).is_some() {
                node
            } else {
                parent
            };
            if let Some(label) = cut_label(map, &name) {
                return Diagnostic::error(code, msg!("label-cut", label = &label, name = &name))
                    .at(target.span_in(file))
                    .label(msg!("label-cut-label", name = &name))
                    .help(msg!("label-cut-help", label = &label, name = &name));
            }
        }
        if message.contains("expected field identifier") {
            return Diagnostic::error(code, msg!("not-a-field-name", name = &name))
                .at(target.span_in(file))
                .help(help);
        }
        let (message, label) = if code == Code::UnknownField {
            (
                msg!("unknown-field", name = &name),
                msg!("unknown-field-label"),
            )
        } else {
            (
                msg!("unknown-value", name = &name),
                msg!("unknown-value-label"),
            )
        };
        return Diagnostic::error(code, message)
            .at(target.span_in(file))
            .label(label)
            .help(help);
    }
    if message.starts_with("missing field") {
        let name = field.unwrap_or_default();
        return Diagnostic::error(Code::MissingField, msg!("missing-field", name = &name))
            .at(Span::new(file, node.span.start..node.span.start))
            .label(msg!("missing-field-label", name = &name))
            .help(msg!("missing-field-help", name = &name));
    }
    if message.starts_with("duplicate field") {
        let name = field.unwrap_or_default();
        return Diagnostic::error(Code::DuplicateKey, msg!("duplicate-key", name = &name))
            .at(node.span_in(file))
            .help(msg!("duplicate-key-help"));
    }
    if message.contains("expected field identifier") {
        // A key that is not text, such as `1: x`: serde names no key, the tree has it.
        let serde_found = clean
            .trim_start_matches("invalid type: ")
            .split(", expected")
            .next()
            .unwrap_or("");
        let found = plain_found(serde_found);
        let key = match &node.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .map(|(k, _)| k)
                .find(|k| k.as_str().is_some_and(|s| serde_found.contains(s))),
            _ => None,
        };
        return Diagnostic::error(Code::WrongType, msg!("key-not-a-field-name", found = found))
            .at(key.unwrap_or(node).span_in(file))
            .help(msg!("key-not-a-field-name-help"));
    }
    let text = if shown.is_empty() {
        msg!("wrong-value", why = plain_message(&clean))
    } else {
        msg!(
            "wrong-value-in",
            path = shown.concat(),
            why = plain_message(&clean)
        )
    };
    Diagnostic::error(Code::WrongType, text)
        .at(node.span_in(file))
        .help(type_help(&shown.concat(), message))
}

/// In a flow map such as `{ to: 3, label: Ja, komplett }`, the label cut at a comma: `name`
/// is a key with no value right after `label`.
fn cut_label(map: &Node, name: &str) -> Option<String> {
    let NodeKind::Map(entries) = &map.kind else {
        return None;
    };
    let i = entries.iter().position(|(k, _)| k.as_str() == Some(name))?;
    let (before_key, before_value) = entries.get(i.checked_sub(1)?)?;
    let empty = entries[i].1.as_str().is_some_and(str::is_empty);
    (before_key.as_str() == Some("label") && empty)
        .then(|| before_value.as_str().map(str::to_string))
        .flatten()
}

/// A serde message such as `invalid type: string "abc", expected u32` in the author's
/// terms: what was written and what is expected, without Rust's type names.
pub fn plain_message(message: &str) -> Msg {
    let message = strip_location(message);
    for prefix in ["invalid type: ", "invalid value: "] {
        let Some(rest) = message.strip_prefix(prefix) else {
            continue;
        };
        let Some((found, expected)) = rest.split_once(", expected ") else {
            continue;
        };
        let number = found
            .strip_prefix("integer `")
            .and_then(|n| n.strip_suffix('`'))
            .and_then(|n| n.parse::<i128>().ok());
        if let (Some(n), true) = (number, is_unsigned(expected)) {
            if n > i128::from(u32::MAX) {
                return msg!(
                    "number-too-large",
                    n = n.to_string(),
                    max = u64::from(u32::MAX)
                );
            }
        }
        return msg!(
            "found-where-expected",
            found = plain_found(found),
            expected = plain_expected(expected)
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let name = backticked(rest).unwrap_or_default();
        let allowed = expected_list(rest);
        return msg!("not-one-of", name = name, allowed = allowed.join(", "));
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return msg!("unknown-key", name = backticked(rest).unwrap_or_default());
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return msg!("key-missing", name = backticked(rest).unwrap_or_default());
    }
    msg!("verbatim", text = message)
}

fn is_unsigned(expected: &str) -> bool {
    matches!(expected, "u8" | "u16" | "u32" | "u64" | "usize")
}

/// What serde says was found, in plain words: `string "abc"` → `the text "abc"`.
fn plain_found(found: &str) -> Msg {
    let quoted = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .map(|v| v.trim_matches('`').to_string())
    };
    if let Some(v) = found.strip_prefix("string ") {
        return msg!("found-text", value = v);
    }
    if let Some(v) = quoted("integer ").or_else(|| quoted("floating point ")) {
        return msg!("found-number", value = v);
    }
    if let Some(v) = quoted("boolean ") {
        return msg!("verbatim", text = format!("`{v}`"));
    }
    match found {
        "sequence" => msg!("a-list"),
        "map" => msg!("a-mapping"),
        "unit value" | "null" | "option" => msg!("an-empty-value"),
        other => msg!("verbatim", text = other),
    }
}

/// What serde says was expected, in plain words: `u32` → `a positive whole number`.
fn plain_expected(expected: &str) -> Msg {
    match expected {
        e if is_unsigned(e) => msg!("a-positive-whole-number"),
        "i8" | "i16" | "i32" | "i64" | "isize" => msg!("a-whole-number"),
        "f32" | "f64" => msg!("a-number"),
        "a string" | "string" | "a borrowed string" => msg!("text"),
        "a boolean" | "bool" => msg!("true-or-false"),
        "a sequence" => msg!("a-list"),
        "field identifier" | "variant identifier" => msg!("a-field-name"),
        e if e.starts_with("struct ") || e.starts_with("a map") || e == "map" => {
            msg!("a-mapping")
        }
        e => msg!("verbatim", text = e),
    }
}

fn type_help(path: &str, message: &str) -> Msg {
    // The last name in the path: `next[0].to` → `to`, `next[0]` → `next`.
    let last = path
        .split(['.', '['])
        .rfind(|seg| !seg.ends_with(']') && !seg.is_empty())
        .unwrap_or("");
    match last {
        "nr" | "to" => msg!("type-help-number", key = last),
        "next" | "continues" => msg!("type-help-next", key = last),
        "kind" => msg!("type-help-kind"),
        "aktualisering" | "shared" => msg!("type-help-bool"),
        "lanes" => msg!("type-help-lanes"),
        "steps" => msg!("type-help-steps"),
        _ if message.contains("expected a string") => msg!("type-help-text"),
        _ => msg!("type-help-other"),
    }
}

fn backticked(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(message[start..end].to_string())
}

fn expected_list(message: &str) -> Vec<String> {
    let Some(i) = message.find("expected") else {
        return Vec::new();
    };
    message[i..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The closest candidate to `name` if it is a plausible typo.
pub fn did_you_mean(name: &str, candidates: &[String]) -> Option<String> {
    candidates
        .iter()
        .map(|c| (levenshtein(name, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c.clone())
}

/// The edit distance between two words, in characters.
pub(crate) fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn build_tree(file: FileId, src: &SourceFile) -> Result<Node, Vec<Diagnostic>> {
    enum Frame {
        Seq(usize, Vec<Node>),
        Map(usize, Vec<Node>),
    }
    let mut offsets = src.offsets();
    let mut pos = |m: &saphyr_parser::Marker| offsets.offset_of(m.line(), m.col());
    let mut stack: Vec<(Frame, Option<usize>)> = Vec::new();
    let mut root: Option<Node> = None;
    // Expanded size of each anchored node, and of the document so far.
    let mut anchor_size: HashMap<usize, usize> = HashMap::new();
    let mut expanded: usize = 0;
    let mut sizes: Vec<usize> = Vec::new();
    let too_large = |at: usize| {
        vec![Diagnostic::error(
            Code::TooLarge,
            msg!(
                "aliases-too-large",
                mib = MAX_ALIAS_EXPANSION / (1024 * 1024)
            ),
        )
        .at(Span::new(file, at..at))
        .help(msg!("aliases-too-large-help"))]
    };
    for item in Parser::new_from_str(&src.text) {
        let (event, span) = match item {
            Ok(x) => x,
            Err(e) => {
                let (at, message, help) = explain_syntax(&src.text, pos(e.marker()), e.info());
                return Err(vec![Diagnostic::error(Code::YamlSyntax, message)
                    .at(Span::new(file, at..at))
                    .help(help)]);
            }
        };
        let start = pos(&span.start);
        let end = pos(&span.end).max(start);
        let mut finished: Option<(Node, usize, usize)> = None; // node, anchor, size
        match event {
            Event::Scalar(text, _, anchor, _) => {
                let size = text.len().max(1);
                finished = Some((
                    Node {
                        kind: NodeKind::Scalar(text.into_owned()),
                        span: start..end,
                    },
                    anchor,
                    size,
                ));
            }
            Event::Alias(id) => {
                let size = anchor_size.get(&id).copied().unwrap_or(1);
                expanded = expanded.saturating_add(size);
                if expanded > MAX_ALIAS_EXPANSION {
                    return Err(too_large(start));
                }
                finished = Some((
                    Node {
                        kind: NodeKind::Alias,
                        span: start..end,
                    },
                    0,
                    size,
                ));
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(vec![Diagnostic::error(
                        Code::TooLarge,
                        msg!("nesting-too-deep", max = MAX_DEPTH),
                    )
                    .at(Span::new(file, start..start))
                    .help(msg!("nesting-too-deep-help"))]);
                }
                let frame = if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq(start, Vec::new())
                } else {
                    Frame::Map(start, Vec::new())
                };
                stack.push((frame, Some(anchor)));
                sizes.push(0);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((frame, anchor)) = stack.pop() {
                    let size = sizes.pop().unwrap_or(0).max(1);
                    let node = match frame {
                        Frame::Seq(s, items) => {
                            let e = items.last().map_or(end, |n| n.span.end.max(s));
                            Node {
                                kind: NodeKind::Seq(items),
                                span: s..e,
                            }
                        }
                        Frame::Map(s, flat) => {
                            let e = flat.last().map_or(end, |n| n.span.end.max(s));
                            let mut entries = Vec::with_capacity(flat.len() / 2);
                            let mut it = flat.into_iter();
                            while let (Some(k), Some(v)) = (it.next(), it.next()) {
                                entries.push((k, v));
                            }
                            Node {
                                kind: NodeKind::Map(entries),
                                span: s..e,
                            }
                        }
                    };
                    finished = Some((node, anchor.unwrap_or(0), size));
                }
            }
            _ => {}
        }
        if let Some((node, anchor, size)) = finished {
            if anchor != 0 {
                anchor_size.insert(anchor, size);
            }
            if let Some(parent) = sizes.last_mut() {
                *parent = parent.saturating_add(size);
            }
            match stack.last_mut() {
                Some((Frame::Seq(_, items), _)) | Some((Frame::Map(_, items), _)) => {
                    items.push(node)
                }
                None => {
                    if root.is_none() {
                        root = Some(node);
                    }
                }
            }
        }
    }
    Ok(root.unwrap_or(Node {
        kind: NodeKind::Map(Vec::new()),
        span: 0..0,
    }))
}

/// Says in the author's terms what a YAML syntax error at `at` is, and where: the place
/// (the parser often notices a problem on a later line than the one to fix), the message
/// and the help.
fn explain_syntax(text: &str, at: usize, info: &str) -> (usize, Msg, Msg) {
    let plain = msg!("yaml-syntax", why = info);
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    if info.contains("tab") {
        // Point at the tab itself, not the character after it.
        let at = text[line_start..].find('\t').map_or(at, |i| line_start + i);
        return (at, plain, msg!("yaml-tab-help"));
    }
    // `title:Utreder`: a key with no space after its colon is read as plain text, and the
    // parser only stumbles on the line after it.
    let mut lines_back = 0;
    let mut start = line_start;
    loop {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[start..end].trim_end_matches('\r');
        if let Some((key_end, key)) = key_without_space(line) {
            let value = line[key_end + 1..].trim();
            return (
                start + key_end + 1,
                msg!("yaml-no-space", key = key),
                msg!("yaml-no-space-help", key = key, value = value),
            );
        }
        if start == 0 || lines_back == 2 {
            break;
        }
        lines_back += 1;
        start = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
    }
    if info.contains("mapping values are not allowed") {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[line_start..end].trim_end_matches('\r');
        let before = &text[line_start..at];
        let key = before.trim_start().trim_start_matches("- ").trim();
        if is_key(key) {
            // `next:` alone before the colon: the key is indented further than the line above.
            let indent = before.len() - before.trim_start().len();
            let above = text[..line_start]
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
            if let Some(above) = above {
                let above_indent = above.len() - above.trim_start().len();
                if indent > above_indent {
                    let above_key = above
                        .trim_start()
                        .trim_start_matches("- ")
                        .split(':')
                        .next()
                        .unwrap_or("");
                    return (
                        line_start + indent,
                        msg!("yaml-indented", key = key),
                        msg!("yaml-indented-help", key = key, above = above_key),
                    );
                }
            }
        }
        if let Some((k, value)) = line
            .trim_start()
            .trim_start_matches("- ")
            .split_once(": ")
            .filter(|(k, _)| is_key(k))
        {
            let value = value.trim();
            let quoted = if value.contains('"') {
                format!("'{}'", value.replace('\'', "''"))
            } else {
                format!("\"{value}\"")
            };
            return (
                at,
                msg!("yaml-colon-in-value", key = k),
                msg!("yaml-colon-in-value-help", key = k, quoted = quoted),
            );
        }
    }
    (at, plain, msg!("yaml-syntax-help"))
}

/// A simple key such as `title` or `nr`.
fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// In a line such as `    title:Utreder`, the byte offset of the colon and the key.
fn key_without_space(line: &str) -> Option<(usize, &str)> {
    let body = line.trim_start();
    let body = body.strip_prefix("- ").unwrap_or(body).trim_start();
    if body.starts_with('#') {
        return None;
    }
    let colon = body.find(':')?;
    let key = &body[..colon];
    let after = body[colon + 1..].chars().next()?;
    if !is_key(key) || after.is_whitespace() || matches!(after, ':' | '/') {
        return None;
    }
    Some((line.len() - body.len() + colon, key))
}

fn find_duplicate_keys(node: &Node, file: FileId, diags: &mut Vec<Diagnostic>) {
    match &node.kind {
        NodeKind::Map(entries) => {
            let mut seen: std::collections::HashSet<&str> = Default::default();
            for (k, v) in entries {
                if let Some(name) = k.as_str() {
                    if !seen.insert(name) {
                        diags.push(
                            Diagnostic::error(
                                Code::DuplicateKey,
                                msg!("duplicate-key", name = name),
                            )
                            .at(k.span_in(file))
                            .label(msg!("duplicate-key-label"))
                            .help(msg!("duplicate-key-help")),
                        );
                    }
                }
                find_duplicate_keys(v, file, diags);
            }
        }
        NodeKind::Seq(items) => items
            .iter()
            .for_each(|n| find_duplicate_keys(n, file, diags)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;
    use std::path::Path;

    fn parse_str(text: &str) -> (SourceMap, FileId) {
        let mut map = SourceMap::new(Path::new("."));
        let id = map.add("x.yaml", text.to_string());
        (map, id)
    }

    #[test]
    fn tree_positions_point_at_values() {
        let (map, id) = parse_str("name: A\nsteps:\n  - nr: 1\n    next: 99\n");
        let p = parse(id, map.get(id)).unwrap();
        let next = p
            .tree
            .get("steps")
            .unwrap()
            .index(0)
            .unwrap()
            .get("next")
            .unwrap();
        assert_eq!(map.get(id).line_col(next.span.start), (4, 11));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let (map, id) = parse_str("name: A\nname: B\n");
        let errs = parse(id, map.get(id)).err().unwrap();
        assert_eq!(errs[0].code, Code::DuplicateKey);
        assert_eq!(
            map.get(id).line_col(errs[0].span.unwrap().start as usize),
            (2, 1)
        );
    }

    #[test]
    fn suggestions_find_typos() {
        let c: Vec<String> = ["nr", "title", "next"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(did_you_mean("nxet", &c).as_deref(), Some("next"));
        assert_eq!(did_you_mean("completely", &c), None);
    }
}
