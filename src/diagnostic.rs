//! Problems found in a model, as data, and the three ways of printing them.
//!
//! The library never prints and never stops at the first problem: every stage pushes
//! [`Diagnostic`]s into a list, and the command line decides how to show them.

use crate::i18n::{Lang, Msg};
use crate::msg;
use crate::source::{SourceFile, SourceMap, Span};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::{self, Files};
use codespan_reporting::term;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

/// Longest source line, in characters, printed whole under a message. A longer line is cut
/// to a window around the marker, so that the output grows with the number of problems and
/// not with their number times the length of the line.
pub const MAX_LINE_CHARS: usize = 120;
/// Characters of a cut line kept before the marker.
const CUT_CONTEXT: usize = 40;
/// Most problems printed per file by the human and GitHub formats; the others are counted
/// in one closing line per file. The JSON format lists them all.
pub const MAX_PER_FILE: usize = 25;
/// Most lines of a marked range copied for the human format (it prints the first three and
/// the last); a longer range is marked on its first line only.
const MAX_MARKED_LINES: usize = 12;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The model cannot be built until it is fixed.
    Error,
    /// The model builds, but something reads wrong or prints badly.
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $slug:literal;)*) => {
        /// A stable diagnostic code. The code never changes meaning; new rules get new codes.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            /// All codes, in numeric order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed, e.g. `E031`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// A short kebab-case name of the rule, e.g. `unknown-step`.
            pub fn slug(self) -> &'static str {
                match self { $(Code::$variant => $slug,)* }
            }
        }
    };
}

codes! {
    YamlSyntax = "E001", "yaml-syntax";
    WrongType = "E002", "wrong-type";
    UnknownField = "E003", "unknown-field";
    MissingField = "E004", "missing-field";
    DuplicateKey = "E005", "duplicate-key";
    UnreadableFile = "E006", "unreadable-file";
    TooLarge = "E007", "too-large";
    TextTooLong = "E008", "text-too-long";
    BookToml = "E010", "book-toml";
    BuildDirRefused = "E011", "build-dir-refused";
    MissingKarta = "E020", "missing-karta";
    LaneWithoutFile = "E021", "lane-without-file";
    LaneNotListed = "E022", "lane-not-listed";
    LaneListedTwice = "E023", "lane-listed-twice";
    InvalidLaneId = "E024", "invalid-lane-id";
    UnknownLane = "E025", "unknown-lane";
    DuplicateStep = "E030", "duplicate-step";
    UnknownStep = "E031", "unknown-step";
    NoStart = "E032", "no-start";
    EndWithNext = "E033", "end-with-next";
    DeadEnd = "E034", "dead-end";
    Unreachable = "E035", "unreachable";
    NoWayOut = "E036", "no-way-out";
    VagvalTooFewArrows = "E037", "vagval-too-few-arrows";
    VagvalUnlabelled = "E038", "vagval-unlabelled";
    MissingSubprocess = "E039", "missing-subprocess";
    SubprocessOpenedTwice = "E040", "subprocess-opened-twice";
    SubprocessNeverOpened = "E041", "subprocess-never-opened";
    ProcessOnNonSubprocess = "E042", "process-on-non-subprocess";
    InvalidStepNr = "E043", "invalid-step-nr";
    DuplicateArrow = "E044", "duplicate-arrow";
    ContinuesNotATarget = "E045", "continues-not-a-target";
    ContinuesAmbiguous = "E046", "continues-ambiguous";
    ContinuesNotOnEnd = "E047", "continues-not-on-end";
    MissingGuidance = "E050", "missing-guidance";
    GuidanceWithoutStep = "E051", "guidance-without-step";
    BrokenStepLink = "E052", "broken-step-link";
    BrokenLink = "E053", "broken-link";
    BadGuidanceName = "E054", "bad-guidance-name";
    DuplicateGuidance = "E055", "duplicate-guidance";
    NotALink = "E056", "not-a-link";
    GuidanceNotRead = "E057", "guidance-not-read";
    UnknownLaw = "E058", "unknown-law";
    BadProvision = "E059", "bad-provision";
    UnsafePath = "E060", "unsafe-path";
    NotAFile = "E061", "not-a-file";
    ActiveAttachment = "E062", "active-attachment";
    BadSvgAttachment = "E063", "bad-svg-attachment";
    BadLawEntry = "E064", "bad-law-entry";
    MapRender = "E070", "map-render";
    BackwardArrow = "W001", "backward-arrow";
    TitleTooLong = "W002", "title-too-long";
    MapTooLarge = "W003", "map-too-large";
    LinkTextMismatch = "W004", "link-text-mismatch";
    TargetNotContinued = "W005", "target-not-continued";
    RepealedLaw = "W006", "repealed-law";
    UnreviewedLawChange = "W007", "unreviewed-law-change";
}

/// One problem in a model: what, where, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The rule that was broken.
    pub code: Code,
    /// One line saying what is wrong.
    pub message: Msg,
    /// Where: the offending value, or `None` for a problem of the whole model.
    pub span: Option<Span>,
    /// A short text shown under the marked source.
    pub label: Option<Msg>,
    /// How to fix it.
    pub help: Option<Msg>,
    /// Set on a problem that only follows from another one (a step missing because its file
    /// could not be read): [`fold`] drops it and counts it at its cause.
    pub follows: Option<Cause>,
    /// How many follow-on problems [`fold`] dropped because of this one.
    pub folded: usize,
}

/// Names the diagnostic that other problems follow from: its code and place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cause {
    /// The cause's code.
    pub code: Code,
    /// The cause's place.
    pub span: Option<Span>,
}

/// The classes of problems, in the order they are reported: the causes first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    /// A file cannot be read, parsed or decoded (E001–E019).
    Syntax,
    /// Lanes, numbers and references between files (E020–E030, E039–E043).
    Model,
    /// Rules on the process graph (E031–E038, E044–E049).
    Graph,
    /// Guidance pages and their links (E050–E069).
    Guidance,
    /// Any other error, such as a map that could not be rendered.
    Other,
    /// Every warning.
    Warning,
}

impl Diagnostic {
    /// A new error.
    pub fn error(code: Code, message: Msg) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message,
            span: None,
            label: None,
            help: None,
            follows: None,
            folded: 0,
        }
    }

    /// A new warning.
    pub fn warning(code: Code, message: Msg) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Sets where the problem is.
    pub fn at(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }

    /// Sets the text shown under the marked source.
    pub fn label(mut self, label: Msg) -> Diagnostic {
        self.label = Some(label);
        self
    }

    /// Sets how to fix it.
    pub fn help(mut self, help: Msg) -> Diagnostic {
        self.help = Some(help);
        self
    }

    /// Marks this problem as a follow-on of `cause`, or leaves it as it is for `None`.
    pub fn follows(mut self, cause: Option<Cause>) -> Diagnostic {
        self.follows = cause;
        self
    }

    /// The help in `lang`, with the count of folded follow-on problems after it (see
    /// [`fold`]).
    pub fn help_text(&self, lang: Lang) -> Option<String> {
        let help = self.help.as_ref().map(|h| h.text(lang));
        if self.folded == 0 {
            return help;
        }
        let note = msg!("follow-on-problems", n = self.folded).text(lang);
        Some(match help {
            Some(h) if h.ends_with(['.', '?', '!']) => format!("{h} {note}"),
            Some(h) => format!("{h}. {note}"),
            None => note,
        })
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// This diagnostic as the cause of others.
    pub fn cause(&self) -> Cause {
        Cause {
            code: self.code,
            span: self.span,
        }
    }

    /// The class the problem is reported in. A problem that others were folded into is a
    /// cause, and reported with the syntax errors whatever its code.
    pub fn class(&self) -> Class {
        if self.severity == Severity::Warning {
            return Class::Warning;
        }
        if self.folded > 0 {
            return Class::Syntax;
        }
        self.code.class()
    }
}

impl Code {
    /// The class of an error with this code, from its number: the ranges of README's table.
    pub fn class(self) -> Class {
        let s = self.as_str();
        if s.starts_with('W') {
            return Class::Warning;
        }
        match s[1..].parse::<u32>().unwrap_or(0) {
            0..=19 => Class::Syntax,
            20..=30 | 39..=43 => Class::Model,
            31..=49 => Class::Graph,
            50..=69 => Class::Guidance,
            _ => Class::Other,
        }
    }
}

/// Drops every problem that follows from another one and counts it at its cause, whose help
/// then says how many problems are not reported until it is fixed ([`Diagnostic::help_text`]). A follow-on whose cause
/// is not in the list is kept.
pub fn fold(diagnostics: &mut Vec<Diagnostic>) {
    use std::collections::HashMap;
    // What each diagnostic follows from, so that a chain (a step lost because of a wrong
    // value, which was itself read as a comment) is counted at its first cause.
    let mut parent: HashMap<Cause, Option<Cause>> = HashMap::new();
    for d in diagnostics.iter() {
        parent.entry(d.cause()).or_insert(d.follows);
    }
    let root = |mut c: Cause| {
        for _ in 0..parent.len() {
            match parent.get(&c) {
                Some(None) => return Some(c),
                Some(Some(up)) if *up != c => c = *up,
                _ => return None,
            }
        }
        None
    };
    let mut counts: HashMap<Cause, usize> = HashMap::new();
    diagnostics.retain(|d| match d.follows.and_then(root) {
        Some(c) => {
            *counts.entry(c).or_default() += 1;
            false
        }
        None => true,
    });
    for d in diagnostics.iter_mut() {
        d.follows = None;
        if let Some(n) = counts.remove(&d.cause()) {
            d.folded = n;
        }
    }
}

/// Sorts diagnostics so that causes come first: by [`Class`] (syntax, model, graph,
/// guidance, other errors, warnings), then by file, position and code, so output does not
/// depend on rule order. Messages compare in English, so the order is the same in every
/// language.
pub fn sort(diagnostics: &mut [Diagnostic], sources: &SourceMap) {
    diagnostics.sort_by_cached_key(|d| {
        (
            d.class(),
            d.span.map(|s| sources.get(s.file).name.clone()),
            d.span.map(|s| s.start),
            d.code,
            d.message.text(Lang::En),
        )
    });
}

/// A diagnostic resolved to file, line and column, as printed in JSON.
#[derive(Serialize)]
struct Located<'a> {
    severity: Severity,
    code: &'static str,
    message: String,
    file: Option<Cow<'a, str>>,
    line: Option<usize>,
    column: Option<usize>,
    help: Option<String>,
}

fn locate<'a>(d: &'a Diagnostic, sources: &'a SourceMap, lang: Lang) -> Located<'a> {
    let (file, line, column) = match d.span {
        Some(span) => {
            let f = sources.get(span.file);
            let (line, col) = f.line_col(span.start as usize);
            (Some(escape_control(&f.name)), Some(line), Some(col))
        }
        None => (None, None, None),
    };
    Located {
        severity: d.severity,
        code: d.code.as_str(),
        message: escape_control(&d.message.text(lang)).into_owned(),
        file,
        line,
        column,
        help: d.help_text(lang).map(|h| escape_control(&h).into_owned()),
    }
}

/// True for characters that must not reach a terminal raw: control characters other than
/// newline and tab (escape sequences, carriage return, backspace, C1 controls) and the
/// bidirectional overrides that make text read differently from what it is.
fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Writes control characters (see above) as visible escapes such as `\u{1b}`, so that text
/// from file names, YAML and Markdown never reaches the terminal raw. Every rendering of a
/// diagnostic goes through this.
pub fn escape_control(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

fn push_visible(out: &mut String, c: char) {
    if is_hidden(c) {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    } else {
        out.push(c);
    }
}

/// The diagnostics each format prints, at most [`MAX_PER_FILE`] per file, and for each file
/// with more its name and how many were left out, in order of the first problem in it.
fn cap_per_file<'a>(
    diagnostics: &'a [Diagnostic],
    sources: &SourceMap,
) -> (Vec<&'a Diagnostic>, Vec<(String, usize)>) {
    let mut seen: BTreeMap<u32, usize> = BTreeMap::new();
    let mut order = Vec::new();
    let mut shown = Vec::new();
    for d in diagnostics {
        let Some(span) = d.span else {
            shown.push(d);
            continue;
        };
        let n = seen.entry(span.file.0).or_insert_with(|| {
            order.push(span.file);
            0
        });
        *n += 1;
        if *n <= MAX_PER_FILE {
            shown.push(d);
        }
    }
    let omitted = order
        .into_iter()
        .filter_map(|f| {
            let n = seen[&f.0];
            (n > MAX_PER_FILE).then(|| (sources.get(f).name.clone(), n - MAX_PER_FILE))
        })
        .collect();
    (shown, omitted)
}

/// The line that stands for the problems of a file left out by [`cap_per_file`].
fn omitted_line(file: &str, n: usize, lang: Lang) -> String {
    msg!("omitted-problems", n = n, file = escape_control(file)).text(lang)
}

/// The lines of one marked range, as the human format shows them: control characters
/// escaped and long lines cut around the marker, with the real line and column numbers.
struct Excerpt {
    name: String,
    text: String,
    line_starts: Vec<usize>,
    /// 0-based line index in the real file of the excerpt's first line.
    first_line: usize,
    /// The marked range in `text`.
    range: Range<usize>,
    /// 1-based column (in characters) of the range's start in the real file.
    start_col: usize,
}

impl Excerpt {
    fn new(file: &SourceFile, span: Range<usize>) -> Excerpt {
        let text = file.text.as_str();
        let starts = file.line_starts();
        let start = floor_boundary(text, span.start.min(text.len()));
        let mut end = floor_boundary(text, span.end.min(text.len())).max(start);
        let line_of = |at: usize| starts.partition_point(|&s| s <= at) - 1;
        let line_end = |line: usize| {
            let end = starts.get(line + 1).map_or(text.len(), |&s| s);
            let content = text[starts[line]..end].trim_end_matches('\n');
            starts[line] + content.trim_end_matches('\r').len()
        };
        let first = line_of(start);
        let mut last = line_of(end);
        if last - first >= MAX_MARKED_LINES {
            last = first;
            end = line_end(first).max(start);
        }
        let mut out = Excerpt {
            name: escape_control(&file.name).into_owned(),
            text: String::new(),
            line_starts: Vec::new(),
            first_line: first,
            range: 0..0,
            start_col: file.line_col(start).1,
        };
        for (line, &from) in starts.iter().enumerate().take(last + 1).skip(first) {
            out.line_starts.push(out.text.len());
            let to = line_end(line);
            let focus = if line == first { start } else { end };
            let (from_cut, to_cut) = window(text, from, to, focus.clamp(from, to));
            if from_cut > from {
                out.text.push('…');
            }
            let shown_from = out.text.len();
            let mark = |at: usize, pos: usize, range: &mut Range<usize>| {
                if line == first && at == start {
                    range.start = pos;
                }
                if line == last && at == end {
                    range.end = pos;
                }
            };
            let mut range = out.range.clone();
            if line == first && start < from_cut {
                range.start = shown_from;
            }
            if line == last && end < from_cut {
                range.end = shown_from;
            }
            for (i, c) in text[from_cut..to_cut].char_indices() {
                mark(from_cut + i, out.text.len(), &mut range);
                push_visible(&mut out.text, c);
            }
            if line == first && start >= to_cut {
                range.start = out.text.len();
            }
            if line == last && end >= to_cut {
                range.end = out.text.len();
            }
            out.range = range;
            if to_cut < to {
                out.text.push('…');
            }
            out.text.push('\n');
        }
        out.range.end = out.range.end.max(out.range.start);
        out
    }
}

/// The part of `text[from..to]` (one line) that is printed: all of it when it is at most
/// [`MAX_LINE_CHARS`] characters, otherwise that many around `focus`.
fn window(text: &str, from: usize, to: usize, focus: usize) -> (usize, usize) {
    let line = &text[from..to];
    if line.len() <= MAX_LINE_CHARS || line.chars().count() <= MAX_LINE_CHARS {
        return (from, to);
    }
    let before: Vec<usize> = text[from..focus]
        .char_indices()
        .rev()
        .take(CUT_CONTEXT)
        .map(|(i, _)| from + i)
        .collect();
    let start = before.last().copied().unwrap_or(focus);
    let end = text[start..to]
        .char_indices()
        .nth(MAX_LINE_CHARS)
        .map_or(to, |(i, _)| start + i);
    if end < to {
        return (start, end);
    }
    // The marker is near the end of the line: show its last characters.
    let start = text[from..to]
        .char_indices()
        .rev()
        .nth(MAX_LINE_CHARS - 1)
        .map_or(from, |(i, _)| from + i);
    (start, to)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl<'a> Files<'a> for Excerpt {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        Ok(self.line_starts.partition_point(|&s| s <= byte_index) - 1)
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, files::Error> {
        Ok(self.first_line + line_index + 1)
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        if line_index == 0 && byte_index == self.range.start {
            return Ok(self.start_col);
        }
        let range = self.line_range((), line_index)?;
        Ok(files::column_index(&self.text, range, byte_index) + 1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, files::Error> {
        let start = *self
            .line_starts
            .get(line_index)
            .ok_or(files::Error::LineTooLarge {
                given: line_index,
                max: self.line_starts.len() - 1,
            })?;
        let end = self
            .line_starts
            .get(line_index + 1)
            .map_or(self.text.len(), |&s| s);
        Ok(start..end)
    }
}

/// Renders diagnostics the way rustc does: message, `file:line:col`, the source line with a
/// marker, and the help. Plain text; `color` adds ANSI colours for a terminal.
///
/// At most [`MAX_PER_FILE`] problems per file are printed, each source line at most
/// [`MAX_LINE_CHARS`] characters around its marker, and control characters in file names,
/// sources and messages are escaped.
pub fn render_human(
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    color: bool,
    lang: Lang,
) -> String {
    let config = term::Config::default();
    let (shown, omitted) = cap_per_file(diagnostics, sources);
    let mut out = String::new();
    for d in shown {
        let mut cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        }
        .with_code(d.code.as_str())
        .with_message(escape_control(&d.message.text(lang)));
        let excerpt = match d.span {
            Some(span) => Excerpt::new(sources.get(span.file), span.range()),
            None => Excerpt {
                name: String::new(),
                text: String::new(),
                line_starts: vec![0],
                first_line: 0,
                range: 0..0,
                start_col: 1,
            },
        };
        if d.span.is_some() {
            let mut label = Label::primary((), excerpt.range.clone());
            if let Some(text) = &d.label {
                label = label.with_message(escape_control(&text.text(lang)));
            }
            cs = cs.with_labels(vec![label]);
        }
        if let Some(help) = d.help_text(lang) {
            let help_word = msg!("help").text(lang);
            cs = cs.with_notes(vec![format!("{help_word}: {}", escape_control(&help))]);
        }
        if color {
            let mut buf = term::termcolor::Buffer::ansi();
            if term::emit_to_write_style(&mut buf, &config, &excerpt, &cs).is_ok() {
                out.push_str(&String::from_utf8_lossy(buf.as_slice()));
            }
        } else {
            let _ = term::emit_to_string(&mut out, &config, &excerpt, &cs);
        }
    }
    for (file, n) in omitted {
        out.push_str(&omitted_line(&file, n, lang));
        out.push('\n');
    }
    out
}

/// Renders diagnostics as a JSON array, one object per diagnostic.
pub fn render_json(diagnostics: &[Diagnostic], sources: &SourceMap, lang: Lang) -> String {
    let located: Vec<Located> = diagnostics
        .iter()
        .map(|d| locate(d, sources, lang))
        .collect();
    let mut s = serde_json::to_string_pretty(&located).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// How many annotations of one kind GitHub shows for one step of a workflow.
pub const GITHUB_ANNOTATIONS_SHOWN: usize = 10;

/// Renders diagnostics as GitHub Actions workflow commands, so a pull request shows each
/// problem on its line, in the order given (causes first, see [`sort`]). At most
/// [`MAX_PER_FILE`] per file, then a notice with the count of the rest.
///
/// When there are problems, the last line is one `::notice` with the counts (a clean model
/// prints nothing). A notice rather than a plain log line:
/// GitHub lists it with the annotations in the pull request, where reviewers look, and counts
/// notices apart from errors and warnings, so it is shown even when there are more problems
/// than the [`GITHUB_ANNOTATIONS_SHOWN`] annotations of each kind that GitHub shows.
pub fn render_github(diagnostics: &[Diagnostic], sources: &SourceMap, lang: Lang) -> String {
    let mut out = String::new();
    let (shown, omitted) = cap_per_file(diagnostics, sources);
    let help_word = msg!("help").text(lang);
    for d in shown {
        let l = locate(d, sources, lang);
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = Vec::new();
        if let (Some(file), Some(line), Some(col)) = (&l.file, l.line, l.column) {
            props.push(format!("file={}", escape_property(file)));
            props.push(format!("line={line}"));
            props.push(format!("col={col}"));
        }
        props.push(format!("title={}", d.code.as_str()));
        let mut message = l.message;
        if let Some(help) = &l.help {
            message.push_str(&format!("\n{help_word}: {help}"));
        }
        out.push_str(&format!(
            "::{kind} {}::{}\n",
            props.join(","),
            escape_data(&message)
        ));
    }
    for (file, n) in omitted {
        out.push_str(&format!(
            "::notice file={}::{}\n",
            escape_property(&escape_control(&file)),
            escape_data(&omitted_line(&file, n, lang))
        ));
    }
    if !diagnostics.is_empty() {
        out.push_str(&format!(
            "::notice title=processkarta::{}\n",
            escape_data(&summary(diagnostics, lang))
        ));
    }
    out
}

/// One line with the counts of errors and warnings, for the end of the GitHub output.
fn summary(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let (errors, warnings) = count(diagnostics);
    let mut s = msg!("summary-counts", errors = errors, warnings = warnings).text(lang);
    if errors > 1 {
        s.push_str(&msg!("summary-fix-first").text(lang));
    }
    if errors > GITHUB_ANNOTATIONS_SHOWN || warnings > GITHUB_ANNOTATIONS_SHOWN {
        s.push_str(&msg!("summary-github-limit", shown = GITHUB_ANNOTATIONS_SHOWN).text(lang));
    }
    s
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Counts errors and warnings.
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Span};

    #[test]
    fn classes_follow_the_code_ranges() {
        let class = |c: Code| c.class();
        assert_eq!(class(Code::YamlSyntax), Class::Syntax);
        assert_eq!(class(Code::BookToml), Class::Syntax);
        assert_eq!(class(Code::LaneWithoutFile), Class::Model);
        assert_eq!(class(Code::DuplicateStep), Class::Model);
        assert_eq!(class(Code::UnknownStep), Class::Graph);
        assert_eq!(class(Code::MissingSubprocess), Class::Model);
        assert_eq!(class(Code::DuplicateArrow), Class::Graph);
        assert_eq!(class(Code::MissingGuidance), Class::Guidance);
        assert_eq!(class(Code::UnsafePath), Class::Guidance);
        assert_eq!(class(Code::MapRender), Class::Other);
        assert_eq!(class(Code::BackwardArrow), Class::Warning);
    }

    #[test]
    fn follow_ons_are_counted_at_the_first_cause_of_a_chain() {
        let at = |n: usize| Span::new(FileId(0), n..n);
        let text = |t: &str| msg!("verbatim", text = t);
        let cause = Diagnostic::error(Code::YamlSyntax, text("cause")).at(at(1));
        let middle = Diagnostic::error(Code::WrongType, text("middle"))
            .at(at(2))
            .follows(Some(cause.cause()));
        let last = Diagnostic::error(Code::UnknownStep, text("last"))
            .at(at(3))
            .follows(Some(middle.cause()));
        let orphan = Diagnostic::error(Code::Unreachable, text("kept"))
            .at(at(4))
            .follows(Some(
                Diagnostic::error(Code::TooLarge, text("absent")).cause(),
            ));
        let mut diags = vec![last, orphan, middle, cause];
        fold(&mut diags);
        let messages: Vec<Msg> = diags.iter().map(|d| d.message.clone()).collect();
        assert_eq!(messages, [text("kept"), text("cause")]);
        assert_eq!(diags[1].folded, 2);
        assert_eq!(
            diags[1].help_text(Lang::En).as_deref(),
            Some("2 follow-on problems are not reported until this is fixed")
        );
        assert_eq!(
            diags[1].help_text(Lang::Sv).as_deref(),
            Some("2 följdfel visas inte förrän det här är rättat.")
        );
        assert!(diags.iter().all(|d| d.follows.is_none()));
        assert_eq!(diags[1].class(), Class::Syntax);
    }
}
