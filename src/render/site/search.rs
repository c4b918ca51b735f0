//! The site's search: a prebuilt index of titles and guidance text, written as a script
//! (`search-index.js`) so that it loads from `file://` too, and searched in the browser by
//! the theme's `sok.js`.
//!
//! Words are folded and stemmed the same way here and in `sok.js` (a light Swedish stemmer:
//! common inflection suffixes are cut, keeping a stem of at least three letters), so
//! "läkarintyget" finds "läkarintyg". Both are tested against `tests/browser/stemmer-words.tsv`.
//! `sok.js` also matches a query word inside a compound ("intyg" in "läkarintyg") and
//! expands the synonyms the glossary names ([`synonyms`]); the index carries each page's
//! text so that results show the passage that matched.

use serde::Serialize;
use std::collections::BTreeMap;

/// Suffixes the stemmer cuts, longest first. Mirrored in `themes/default/sok.js`.
pub const SUFFIXES: &[&str] = &[
    "heterna", "elserna", "hetens", "arnas", "ernas", "ornas", "andes", "andet", "anden", "heten",
    "heter", "arens", "elsen", "elser", "arna", "erna", "orna", "ande", "ende", "arne", "aste",
    "aren", "ades", "else", "erns", "ens", "ets", "het", "ast", "are", "ern", "ade", "ena", "ad",
    "an", "en", "et", "na", "ar", "er", "or", "as", "es", "at", "a", "e",
];

/// The shortest stem left after cutting a suffix, in characters.
pub const MIN_STEM: usize = 3;

/// Lowercases and composes the Swedish letters written with combining marks, and drops
/// accents that Swedish spelling treats as optional (é, è, à, ü).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            '\u{30a}' => {
                compose(&mut out, 'a', 'å');
            }
            '\u{308}' => {
                if !compose(&mut out, 'a', 'ä') {
                    compose(&mut out, 'o', 'ö');
                }
            }
            '\u{301}' | '\u{300}' | '\u{ad}' => {}
            'é' | 'è' | 'ê' => out.push('e'),
            'à' | 'á' => out.push('a'),
            'ü' => out.push('u'),
            c => out.push(c),
        }
    }
    out
}

fn compose(out: &mut String, base: char, with: char) -> bool {
    if out.ends_with(base) {
        out.pop();
        out.push(with);
        true
    } else {
        false
    }
}

/// Splits folded text into words: runs of letters and digits; a `.` between digits stays
/// (step numbers like `15.3`).
pub fn tokens(folded: &str) -> Vec<String> {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() {
            let digit_dot = chars[i] == '.'
                && i > start
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if !(chars[i].is_alphanumeric() || digit_dot) {
                break;
            }
            i += 1;
        }
        out.push(chars[start..i].iter().collect());
    }
    out
}

/// The stem of one folded word.
pub fn stem(word: &str) -> String {
    if word.bytes().any(|b| b.is_ascii_digit()) {
        return word.to_string();
    }
    let total = word.chars().count();
    // Byte end and character count of the stem so far. Suffixes are whole characters, so
    // `ends_with` on bytes is a character match.
    let (mut end, mut len) = (word.len(), total);
    for suffix in SUFFIXES {
        if word.ends_with(suffix) {
            let n = suffix.chars().count();
            if len >= n + MIN_STEM {
                len -= n;
                end -= suffix.len();
                break;
            }
        }
    }
    let mut stem = &word[..end];
    if len == total && len > MIN_STEM && stem.ends_with('s') {
        // A genitive or plural -s after a consonant that can end a Swedish word.
        let before = stem[..stem.len() - 1].chars().next_back();
        if before.is_some_and(|c| "bcdfghjklmnoprtvy".contains(c)) {
            stem = &stem[..stem.len() - 1];
            len -= 1;
        }
    }
    // A doubled or neuter -t ending: "sjukt" → "sjuk", "tillräckligt" → "tillräcklig".
    if len > MIN_STEM {
        let mut last = stem.chars().rev();
        if let (Some(b), Some(a)) = (last.next(), last.next()) {
            if matches!(
                (a, b),
                ('d', 'd')
                    | ('g', 'd')
                    | ('n', 'n')
                    | ('d', 't')
                    | ('g', 't')
                    | ('k', 't')
                    | ('t', 't')
            ) {
                stem = &stem[..stem.len() - b.len_utf8()];
            }
        }
    }
    stem.to_string()
}

/// The stems of a text, in order.
pub fn terms(text: &str) -> Vec<String> {
    tokens(&fold(text)).iter().map(|t| stem(t)).collect()
}

/// One searchable page.
pub struct Doc {
    /// URL from the site root.
    pub url: String,
    /// Title shown in the results.
    pub title: String,
    /// A line under the title: "Steg 12 · Socialtjänsten".
    pub meta: String,
    /// Text the title is matched in (with the step number).
    pub title_text: String,
    /// The body text.
    pub body: String,
    /// The text shown under the result (the body without headings).
    pub summary: String,
}

#[derive(Serialize)]
struct IndexDoc<'a> {
    u: &'a str,
    t: &'a str,
    m: &'a str,
    /// The text excerpts are cut from, around the matched words.
    x: String,
}

#[derive(Serialize)]
struct Index<'a> {
    docs: Vec<IndexDoc<'a>>,
    /// Stem → list of [doc, times in the title, times in the body], sorted by doc.
    terms: BTreeMap<String, Vec<[u32; 3]>>,
    /// Groups of words or phrases that mean the same, folded (from the glossary).
    syn: &'a [Vec<String>],
}

/// The most times a word is counted in one page.
const MAX_COUNT: u32 = 1000;
/// Characters of a page's text kept for excerpts.
const EXCERPT_SOURCE: usize = 8000;

/// The index as a script that sets `window.PROCESSKARTA_SOK`. `synonyms` are groups of
/// words or phrases a query may use for each other (see [`synonyms`]).
pub fn index_js(docs: &[Doc], synonyms: &[Vec<String>]) -> String {
    let mut terms: BTreeMap<String, BTreeMap<u32, [u32; 2]>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        let i = i as u32;
        for t in terms_of(&d.title_text) {
            let w = terms.entry(t).or_default().entry(i).or_default();
            w[0] = (w[0] + 1).min(MAX_COUNT);
        }
        for t in terms_of(&d.body) {
            let w = terms.entry(t).or_default().entry(i).or_default();
            w[1] = (w[1] + 1).min(MAX_COUNT);
        }
    }
    let index = Index {
        docs: docs
            .iter()
            .map(|d| IndexDoc {
                u: &d.url,
                t: &d.title,
                m: &d.meta,
                x: excerpt_source(&d.summary),
            })
            .collect(),
        terms: terms
            .into_iter()
            .map(|(t, m)| (t, m.into_iter().map(|(d, [a, b])| [d, a, b]).collect()))
            .collect(),
        syn: synonyms,
    };
    let json = serde_json::to_string(&index).unwrap_or_else(|_| "{}".into());
    // `<`, `>` and `&` occur only inside strings; as escapes the file holds no markup at all,
    // even if someone pastes it into a page.
    let json = json
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    format!("window.PROCESSKARTA_SOK = {json};\n")
}

fn terms_of(text: &str) -> Vec<String> {
    terms(text)
}

/// A page's text on one line, cut at a space after at most [`EXCERPT_SOURCE`] characters.
fn excerpt_source(body: &str) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= EXCERPT_SOURCE {
        return flat;
    }
    let cut: String = flat.chars().take(EXCERPT_SOURCE).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > EXCERPT_SOURCE / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{cut} …")
}

/// The prefix of a glossary line that names a term's synonyms.
pub const SYNONYM_PREFIX: &str = "Synonymer:";

/// Synonym groups from the glossary's Markdown: a line `Synonymer: a, b` under a heading
/// `### Term` makes the group [term, a, b] (the heading without a part in parentheses, so
/// `### SIP (samordnad individuell plan)` names "sip"). Terms and synonyms are folded; a
/// heading with no such line gives no group. Groups are in the order of the file.
pub fn synonyms(markdown: &str) -> Vec<Vec<String>> {
    let mut groups = Vec::new();
    let mut heading: Option<String> = None;
    for line in markdown.lines() {
        let line = line.trim();
        if line.starts_with('#') {
            let text = line.trim_start_matches('#');
            let text = text.split_once('(').map_or(text, |(t, _)| t).trim();
            heading = (!text.is_empty()).then(|| text.to_string());
        } else if let Some(rest) = line.strip_prefix(SYNONYM_PREFIX) {
            let Some(term) = &heading else { continue };
            let mut group = vec![fold(term).trim().to_string()];
            for word in rest.split(',') {
                let word = fold(word.trim().trim_end_matches('.'));
                if !word.is_empty() && !group.contains(&word) {
                    group.push(word);
                }
            }
            if group.len() > 1 {
                groups.push(group);
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_swedish_letters() {
        assert_eq!(fold("ÅÄÖ Läkarintyg"), "åäö läkarintyg");
        assert_eq!(fold("a\u{30a}r o\u{308}ver"), "år över");
        assert_eq!(fold("Idé"), "ide");
        assert_eq!(fold("Arbets\u{ad}förmedlingen"), "arbetsförmedlingen");
    }

    #[test]
    fn splits_words_and_keeps_step_numbers() {
        assert_eq!(
            tokens("steg 15.3, sip-mötet. 12."),
            ["steg", "15.3", "sip", "mötet", "12"]
        );
    }

    #[test]
    fn stems_inflections_together() {
        assert_eq!(stem("läkarintyget"), "läkarintyg");
        assert_eq!(stem("läkarintyg"), "läkarintyg");
        assert_eq!(stem("handläggarna"), stem("handläggare"));
        assert_eq!(stem("ut"), "ut");
    }

    #[test]
    fn index_is_a_script() {
        let syn = vec![vec!["a".to_string(), "b".to_string()]];
        let js = index_js(
            &[Doc {
                url: "steg/1.html".into(),
                title: "Läkarintyget".into(),
                meta: "Steg 1".into(),
                title_text: "Steg 1 Läkarintyget".into(),
                body: "Läs läkarintyget.".into(),
                summary: "Läs   läkarintyget.".into(),
            }],
            &syn,
        );
        assert!(js.starts_with("window.PROCESSKARTA_SOK = {"));
        assert!(js.contains("\"läkarintyg\":[[0,1,1]]"), "{js}");
        assert!(js.contains("\"x\":\"Läs läkarintyget.\""), "{js}");
        assert!(js.ends_with("\"syn\":[[\"a\",\"b\"]]};\n"), "{js}");
    }

    #[test]
    fn glossary_names_synonyms() {
        let md = "# Begrepp\n\n### Försörjningsstöd\n\nDen del av …\n\nSynonymer: ekonomiskt bistånd, Socialbidrag.\n\n### Intyg\n\nSynonymer:\n### SIP (samordnad plan)\nSynonymer: samordnad plan\n";
        assert_eq!(
            synonyms(md),
            [
                vec!["försörjningsstöd", "ekonomiskt bistånd", "socialbidrag"],
                vec!["sip", "samordnad plan"]
            ]
        );
    }
}
