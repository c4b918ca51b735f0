//! Writing to standard output and standard error without panicking.
//!
//! `print!` and `eprintln!` panic when the write fails (exit 101 on a full disk). Every
//! subcommand writes through [`out`] and [`err`] instead: a closed pipe (`| head -c1`) stops
//! that stream quietly, and the command ends with its usual exit status; any other write
//! error becomes an [`OutputError`], which `main` reports once, with exit status 2.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once standard output has been found closed: nothing more is written to it.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
/// The same for standard error.
static STDERR_CLOSED: AtomicBool = AtomicBool::new(false);

/// Which stream a write went to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// A write to standard output or standard error failed (other than on a closed pipe).
#[derive(Debug)]
pub struct OutputError {
    /// Where the write went.
    pub stream: Stream,
    /// Why it failed.
    pub source: io::Error,
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self.stream {
            Stream::Stdout => "standard output",
            Stream::Stderr => "standard error",
        };
        write!(f, "cannot write to {name}: {}", self.source)
    }
}

/// The cause is part of the message, so `{:#}` prints it once.
impl std::error::Error for OutputError {}

fn write(stream: Stream, text: &[u8]) -> Result<(), OutputError> {
    let closed = match stream {
        Stream::Stdout => &STDOUT_CLOSED,
        Stream::Stderr => &STDERR_CLOSED,
    };
    if closed.load(Ordering::Relaxed) {
        return Ok(());
    }
    let result = match stream {
        Stream::Stdout => {
            let mut w = io::stdout().lock();
            w.write_all(text).and_then(|()| w.flush())
        }
        Stream::Stderr => {
            let mut w = io::stderr().lock();
            w.write_all(text).and_then(|()| w.flush())
        }
    };
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            closed.store(true, Ordering::Relaxed);
            Ok(())
        }
        Err(source) => Err(OutputError { stream, source }),
    }
}

/// Writes to standard output.
pub fn out(text: impl AsRef<[u8]>) -> Result<(), OutputError> {
    write(Stream::Stdout, text.as_ref())
}

/// Writes to standard error.
pub fn err(text: impl AsRef<[u8]>) -> Result<(), OutputError> {
    write(Stream::Stderr, text.as_ref())
}

/// Writes a line to standard error.
pub fn err_line(line: impl std::fmt::Display) -> Result<(), OutputError> {
    err(format!("{line}\n"))
}
