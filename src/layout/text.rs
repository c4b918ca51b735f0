//! Text measurement with the real metrics of the shipped font (Noto Sans, OFL, the full
//! TTFs in `fonts/`; the site loads WOFF2 subsets of them), and line wrapping that never
//! lets a line exceed its width.

pub use crate::model::{plain, SOFT_HYPHEN};
use std::sync::OnceLock;
use ttf_parser::Face;

/// The regular font file, embedded so that measuring needs no I/O.
pub static REGULAR_TTF: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");
/// The bold font file.
pub static BOLD_TTF: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");

/// The font family name used in the SVG.
pub const FAMILY: &str = "Noto Sans";

/// Weight of a text run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    /// Regular.
    Regular,
    /// Bold.
    Bold,
}

struct Metrics {
    units_per_em: f64,
    /// Advance widths of the first 0x250 code points (Latin), in font units.
    advance: Vec<u16>,
    face: Face<'static>,
}

impl Metrics {
    fn new(data: &'static [u8]) -> Metrics {
        let face = Face::parse(data, 0).expect("the embedded font parses");
        let advance = (0u32..0x250)
            .map(|c| {
                char::from_u32(c)
                    .and_then(|ch| face.glyph_index(ch))
                    .and_then(|g| face.glyph_hor_advance(g))
                    .unwrap_or(0)
            })
            .collect();
        Metrics {
            units_per_em: f64::from(face.units_per_em()),
            advance,
            face,
        }
    }

    fn advance(&self, c: char) -> f64 {
        let units = match self.advance.get(c as usize) {
            Some(&a) if a > 0 => a,
            _ => self
                .face
                .glyph_index(c)
                .or_else(|| self.face.glyph_index('?'))
                .and_then(|g| self.face.glyph_hor_advance(g))
                .unwrap_or(0),
        };
        f64::from(units)
    }
}

fn metrics(weight: Weight) -> &'static Metrics {
    static REGULAR: OnceLock<Metrics> = OnceLock::new();
    static BOLD: OnceLock<Metrics> = OnceLock::new();
    match weight {
        Weight::Regular => REGULAR.get_or_init(|| Metrics::new(REGULAR_TTF)),
        Weight::Bold => BOLD.get_or_init(|| Metrics::new(BOLD_TTF)),
    }
}

/// Width of `text` set at `size` (in the same unit as `size`). Soft hyphens take no room.
pub fn width(text: &str, size: f64, weight: Weight) -> f64 {
    to_width(units(text, weight), size, weight)
}

/// Width of `text` in font units. A sum of whole numbers, so it is exact in any order: the
/// width of a line can be kept up to date as parts are added, without measuring it again.
fn units(text: &str, weight: Weight) -> f64 {
    let m = metrics(weight);
    text.chars()
        .filter(|&c| c != SOFT_HYPHEN)
        .map(|c| m.advance(c))
        .sum::<f64>()
}

fn to_width(units: f64, size: f64, weight: Weight) -> f64 {
    units * size / metrics(weight).units_per_em
}

/// Units of `text` as drawn at the end of a line: with "-" for a soft hyphen at its end.
fn shown_units(text: &str, weight: Weight) -> f64 {
    let hyphen = if text.ends_with(SOFT_HYPHEN) {
        metrics(weight).advance('-')
    } else {
        0.0
    };
    units(text, weight) + hyphen
}

/// A line as drawn: a soft hyphen at its end becomes "-", the others vanish.
fn shown(line: &str) -> String {
    match line.strip_suffix(SOFT_HYPHEN) {
        Some(rest) => format!("{}-", plain(rest)),
        None => plain(line).into_owned(),
    }
}

/// The widest piece of `text` that wrapping cannot break, as drawn.
pub fn widest_piece(text: &str, size: f64, weight: Weight) -> f64 {
    text.split_whitespace()
        .flat_map(break_parts)
        .map(|part| width(&shown(part), size, weight))
        .fold(0.0, f64::max)
}

/// Wraps `text` into lines no wider than `max_width` at `size`. Breaks between words,
/// after a dash or slash inside a word ("vård–socialtjänst") and at a soft hyphen; a part
/// still wider than a line is split with a hyphen. Always returns at least one line, with
/// the soft hyphens resolved.
///
/// Linear in the length of `text`: the width of the line being filled is kept as a sum of
/// font units, never measured again from its start.
pub fn wrap(text: &str, size: f64, weight: Weight, max_width: f64) -> Vec<String> {
    let m = metrics(weight);
    let fits = |units: f64| to_width(units, size, weight) <= max_width;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    // Units of `line` with its soft hyphens taking no room and none shown as "-".
    let mut line_units = 0.0;
    for word in text.split_whitespace() {
        for (k, part) in break_parts(word).into_iter().enumerate() {
            // Parts after the first continue the word without a space.
            let joiner = if k == 0 && !line.is_empty() { " " } else { "" };
            let part_units = units(part, weight);
            // A soft hyphen at the end of the part is drawn as "-" if the line ends there.
            let hyphen_if_last = shown_units(part, weight) - part_units;
            let joined = line_units + units(joiner, weight) + part_units;
            if fits(joined + hyphen_if_last) {
                line.push_str(joiner);
                line.push_str(part);
                line_units = joined;
                continue;
            }
            if !line.is_empty() {
                lines.push(shown(&std::mem::take(&mut line)));
            }
            if fits(part_units + hyphen_if_last) {
                line.push_str(part);
                line_units = part_units;
                continue;
            }
            // Split an over-long part; never leave fewer than three letters on the last
            // line of it ("Rehabiliteringspla-" + "n" reads badly).
            let chars: Vec<char> = plain(part).chars().collect();
            let hyphen = m.advance('-');
            let mut start = 0;
            while start < chars.len() {
                let mut end = start + 1;
                let mut trial = m.advance(chars[start]) + hyphen;
                while end < chars.len() {
                    trial += m.advance(chars[end]);
                    if !fits(trial) {
                        break;
                    }
                    end += 1;
                }
                if end >= chars.len() {
                    break;
                }
                let rest = chars.len() - end;
                if rest < 3 && end - start > 3 {
                    end -= 3 - rest;
                }
                end = compound_joint(&chars, start, end).unwrap_or(end);
                let mut piece: String = chars[start..end].iter().collect();
                piece.push('-');
                lines.push(piece);
                start = end;
            }
            line = chars[start..].iter().collect();
            line_units = units(&line, weight);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(shown(&line));
    }
    lines
}

/// Where to split an over-long word between `start` and `end` (exclusive) so that it reads
/// well: after the first linking "s" of a Swedish compound ("aktivitets-ersättning",
/// "rehabiliterings-insatser") that follows a consonant, leaves at least five letters
/// before it and three after it, and fits the line. A guess, not a dictionary: a soft
/// hyphen in the text says exactly where to break.
fn compound_joint(chars: &[char], start: usize, end: usize) -> Option<usize> {
    (start + 5..=end).find(|&k| {
        k + 3 <= chars.len()
            && chars[k - 1] == 's'
            && chars[k - 2].is_alphabetic()
            && !is_vowel(chars[k - 2])
            && chars[k..k + 3].iter().all(|c| c.is_alphabetic())
    })
}

fn is_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'å' | 'ä' | 'ö' | 'é'
    )
}

/// A word cut after each dash, slash or soft hyphen that has letters on both sides.
fn break_parts(word: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let inside = i > 0 && i + 1 < chars.len();
        if inside && matches!(c, '-' | '–' | '/' | SOFT_HYPHEN) {
            let end = at + c.len_utf8();
            parts.push(&word[start..end]);
            start = end;
        }
    }
    parts.push(&word[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_text_measures_wider() {
        let a = width("Läkarintyg", 10.0, Weight::Regular);
        let b = width("Läkarintyget", 10.0, Weight::Regular);
        assert!(a > 30.0 && a < 70.0, "{a}");
        assert!(b > a);
        assert!(width("Ä", 10.0, Weight::Bold) > width("Ä", 10.0, Weight::Regular) - 0.01);
    }

    #[test]
    fn wrapped_lines_fit() {
        let lines = wrap(
            "Ansöker om samordning hos Försäkringskassan",
            8.0,
            Weight::Regular,
            60.0,
        );
        assert!(lines.len() >= 2);
        for l in &lines {
            assert!(width(l, 8.0, Weight::Regular) <= 60.0, "{l}");
        }
        let long = wrap(
            "Arbetsförmedlingsrehabiliteringsinsatser",
            8.0,
            Weight::Regular,
            40.0,
        );
        assert!(long.len() >= 3);
        assert_eq!(
            wrap(
                "Behövs samordning vård–socialtjänst?",
                7.5,
                Weight::Regular,
                60.0
            ),
            ["Behövs", "samordning", "vård–", "socialtjänst?"]
        );
        assert_eq!(
            wrap("sjuk-/aktivitetsersättning", 7.5, Weight::Regular, 60.0),
            ["sjuk-/", "aktivitets-", "ersättning"]
        );
        let plan = wrap("Rehabiliteringsplan med ansvar", 7.0, Weight::Regular, 62.0);
        assert_eq!(plan, ["Rehabiliterings-", "plan med ansvar"]);
        assert_eq!(
            wrap(
                "Samordning av rehabiliteringsinsatser",
                7.0,
                Weight::Regular,
                62.0
            ),
            ["Samordning av", "rehabiliterings-", "insatser"]
        );
        // No joint to use: the word is cut where the line is full.
        assert_eq!(
            wrap("Kvalitetsuppföljningen", 7.0, Weight::Regular, 40.0),
            ["Kvalitets-", "uppföljnin-", "gen"]
        );
        for l in &long {
            assert!(width(l, 8.0, Weight::Regular) <= 40.0, "{l}");
        }
    }

    #[test]
    fn a_word_of_20000_soft_hyphens_wraps_into_lines_that_fit() {
        let word = "an\u{ad}".repeat(20_000);
        let lines = wrap(&word, 7.0, Weight::Regular, 60.0);
        assert!(lines.len() > 1000, "{}", lines.len());
        for l in &lines {
            assert!(width(l, 7.0, Weight::Regular) <= 60.0, "{l}");
        }
        let joined: String = lines.iter().map(|l| l.trim_end_matches('-')).collect();
        assert_eq!(joined, "an".repeat(20_000));
    }

    #[test]
    fn soft_hyphens_break_only_where_needed() {
        let name = "Arbets\u{ad}förmedlingen";
        assert_eq!(
            wrap(name, 8.0, Weight::Bold, 60.0),
            ["Arbets-", "förmedlingen"]
        );
        assert_eq!(wrap(name, 8.0, Weight::Bold, 200.0), ["Arbetsförmedlingen"]);
        assert_eq!(
            wrap(
                "Redo för arbetslivs\u{ad}inriktad rehab",
                7.0,
                Weight::Regular,
                54.0
            ),
            ["Redo för", "arbetslivs-", "inriktad rehab"]
        );
        assert_eq!(
            width(name, 8.0, Weight::Bold),
            width("Arbetsförmedlingen", 8.0, Weight::Bold)
        );
        assert!(
            widest_piece(name, 8.0, Weight::Bold)
                < width("förmedlingen-", 8.0, Weight::Bold) + 0.01
        );
        assert_eq!(plain(name), "Arbetsförmedlingen");
    }
}
