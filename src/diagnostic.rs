//! Problems found in a model, as data, and the three ways of printing them.
//!
//! The library never prints and never stops at the first problem: every stage pushes
//! [`Diagnostic`]s into a list, and the command line decides how to show them.

use crate::source::{printable, SourceMap, Span};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use serde::Serialize;

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
    BookToml = "E010", "book-toml";
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
    MissingGuidance = "E050", "missing-guidance";
    GuidanceWithoutStep = "E051", "guidance-without-step";
    BrokenStepLink = "E052", "broken-step-link";
    BrokenLink = "E053", "broken-link";
    BadGuidanceName = "E054", "bad-guidance-name";
    DuplicateGuidance = "E055", "duplicate-guidance";
    UnsafePath = "E060", "unsafe-path";
    NotAFile = "E061", "not-a-file";
    ActiveAttachment = "E062", "active-attachment";
    BadSvgAttachment = "E063", "bad-svg-attachment";
    MapRender = "E070", "map-render";
    BackwardArrow = "W001", "backward-arrow";
    TitleTooLong = "W002", "title-too-long";
    MapTooLarge = "W003", "map-too-large";
}

/// One problem in a model: what, where, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The rule that was broken.
    pub code: Code,
    /// One line saying what is wrong.
    pub message: String,
    /// Where: the offending value, or `None` for a problem of the whole model.
    pub span: Option<Span>,
    /// A short text shown under the marked source.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A new error.
    pub fn error(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: printable(&message.into()).into_owned(),
            span: None,
            label: None,
            help: None,
        }
    }

    /// A new warning.
    pub fn warning(code: Code, message: impl Into<String>) -> Diagnostic {
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
    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(printable(&label.into()).into_owned());
        self
    }

    /// Sets how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(printable(&help.into()).into_owned());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics by file, position and code, so output does not depend on rule order.
pub fn sort(diagnostics: &mut [Diagnostic], sources: &SourceMap) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            (
                d.span.map(|s| sources.get(s.file).name.clone()),
                d.span.map(|s| s.start),
                d.code,
                d.message.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
}

/// A diagnostic resolved to file, line and column, as printed in JSON.
#[derive(Serialize)]
struct Located<'a> {
    severity: Severity,
    code: &'static str,
    message: &'a str,
    file: Option<std::borrow::Cow<'a, str>>,
    line: Option<usize>,
    column: Option<usize>,
    help: Option<&'a str>,
}

fn locate<'a>(d: &'a Diagnostic, sources: &'a SourceMap) -> Located<'a> {
    let (file, line, column) = match d.span {
        Some(span) => {
            let f = sources.get(span.file);
            let (line, col) = f.line_col(span.start as usize);
            (Some(printable(&f.name)), Some(line), Some(col))
        }
        None => (None, None, None),
    };
    Located {
        severity: d.severity,
        code: d.code.as_str(),
        message: &d.message,
        file,
        line,
        column,
        help: d.help.as_deref(),
    }
}

/// Renders diagnostics the way rustc does: message, `file:line:col`, the source line with a
/// marker, and the help. Plain text; `color` adds ANSI colours for a terminal.
pub fn render_human(diagnostics: &[Diagnostic], sources: &SourceMap, color: bool) -> String {
    let mut files = SimpleFiles::new();
    for (_, f) in sources.iter() {
        // Source lines and names are printed made printable: a model's text never drives the terminal.
        files.add(printable(&f.name), printable(&f.text));
    }
    let config = term::Config::default();
    let mut out = String::new();
    for d in diagnostics {
        let mut cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        }
        .with_code(d.code.as_str())
        .with_message(&d.message);
        if let Some(span) = d.span {
            let mut label = Label::primary(span.file.0 as usize, span.range());
            if let Some(text) = &d.label {
                label = label.with_message(text);
            }
            cs = cs.with_labels(vec![label]);
        }
        if let Some(help) = &d.help {
            cs = cs.with_notes(vec![format!("help: {help}")]);
        }
        if color {
            let mut buf = term::termcolor::Buffer::ansi();
            if term::emit_to_write_style(&mut buf, &config, &files, &cs).is_ok() {
                out.push_str(&String::from_utf8_lossy(buf.as_slice()));
            }
        } else {
            let _ = term::emit_to_string(&mut out, &config, &files, &cs);
        }
    }
    out
}

/// Renders diagnostics as a JSON array, one object per diagnostic.
pub fn render_json(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    let located: Vec<Located> = diagnostics.iter().map(|d| locate(d, sources)).collect();
    let mut s = serde_json::to_string_pretty(&located).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// Renders diagnostics as GitHub Actions workflow commands, so a pull request shows each
/// problem on its line.
pub fn render_github(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let l = locate(d, sources);
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = Vec::new();
        if let (Some(file), Some(line), Some(col)) = (l.file, l.line, l.column) {
            props.push(format!("file={}", escape_property(&file)));
            props.push(format!("line={line}"));
            props.push(format!("col={col}"));
        }
        props.push(format!("title={}", d.code.as_str()));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{kind} {}::{}\n",
            props.join(","),
            escape_data(&message)
        ));
    }
    out
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
