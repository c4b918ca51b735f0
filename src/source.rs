//! Source files of a model, held in memory with their line index.
//!
//! Every file the loader reads is registered here once; diagnostics refer to it by [`FileId`]
//! and a byte range, and the renderer turns that into `file:line:col`.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// Index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span covering `range` in `file`.
    pub fn new(file: FileId, range: Range<usize>) -> Span {
        Span {
            file,
            start: range.start as u32,
            end: range.end.max(range.start) as u32,
        }
    }

    /// An empty span at the start of `file`, for problems that concern the whole file.
    pub fn file_start(file: FileId) -> Span {
        Span::new(file, 0..0)
    }

    /// The byte range.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One file: its path relative to the model folder and its text.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the model root, with `/` separators, as shown in diagnostics.
    pub name: String,
    /// The text, with a UTF-8 byte order mark removed; line endings are kept as they were.
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    fn new(name: String, text: String) -> SourceFile {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            name,
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        (line + 1, col + 1)
    }

    /// Byte offset of a 1-based line and a 0-based column counted in characters.
    pub fn offset_of(&self, line: usize, col_chars: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let end_of_line = rest.find('\n').map_or(rest.len(), |i| i);
        rest[..end_of_line]
            .char_indices()
            .nth(col_chars)
            .map_or(start + end_of_line, |(i, _)| start + i)
    }

    /// [`SourceFile::offset_of`] for positions that mostly come in reading order, as a
    /// parser's events do: each call walks on from the previous position when it can, so a
    /// whole file costs one pass even when it is a single long line.
    pub fn offsets(&self) -> Offsets<'_> {
        Offsets {
            file: self,
            last: (0, 0, 0),
        }
    }

    /// Byte offsets where each line starts.
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }
}

/// See [`SourceFile::offsets`].
pub struct Offsets<'a> {
    file: &'a SourceFile,
    /// The last position asked for: 1-based line, 0-based column in characters, byte offset.
    last: (usize, usize, usize),
}

impl Offsets<'_> {
    /// Byte offset of a 1-based line and a 0-based column counted in characters.
    pub fn offset_of(&mut self, line: usize, col_chars: usize) -> usize {
        let (last_line, last_col, last_byte) = self.last;
        let at = if line == last_line && col_chars >= last_col {
            let text = &self.file.text;
            let end_of_line = self
                .file
                .line_starts
                .get(line)
                .map_or(text.len(), |&next| next - 1);
            text[last_byte..end_of_line]
                .char_indices()
                .nth(col_chars - last_col)
                .map_or(end_of_line, |(i, _)| last_byte + i)
        } else {
            self.file.offset_of(line, col_chars)
        };
        self.last = (line, col_chars, at);
        at
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// All source files of one model.
#[derive(Debug, Default)]
pub struct SourceMap {
    root: PathBuf,
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// An empty map for the model at `root`.
    pub fn new(root: &Path) -> SourceMap {
        SourceMap {
            root: root.to_path_buf(),
            files: Vec::new(),
        }
    }

    /// The model folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Registers a file's text under its relative name. A leading byte order mark is dropped.
    pub fn add(&mut self, name: impl Into<String>, text: String) -> FileId {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        self.files.push(SourceFile::new(name.into(), text));
        FileId(self.files.len() as u32 - 1)
    }

    /// The file behind an id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// All files, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    /// Finds a file by its relative name.
    pub fn find(&self, name: &str) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.name == name)
            .map(|i| FileId(i as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_and_ignores_crlf() {
        let mut map = SourceMap::new(Path::new("."));
        let id = map.add("a.yaml", "\u{feff}ab\r\nåäx: 1\r\n".to_string());
        let f = map.get(id);
        assert_eq!(f.text.len(), 14);
        let x = f.text.find('x').unwrap();
        assert_eq!(f.line_col(x), (2, 3));
        assert_eq!(f.offset_of(2, 2), x);
        let mut cursor = f.offsets();
        assert_eq!(cursor.offset_of(2, 1), f.offset_of(2, 1));
        assert_eq!(cursor.offset_of(2, 2), x);
        assert_eq!(cursor.offset_of(2, 9), f.offset_of(2, 9));
        assert_eq!(cursor.offset_of(1, 0), 0);
        assert_eq!(f.line_col(0), (1, 1));
    }
}
