//! A word-level diff of two texts, for the short summary of a changed guidance page: how many
//! words were added and removed, and the first few changed places with a little context.

/// Longest run of context words kept on each side of a change.
const CONTEXT: usize = 4;
/// Most changed places kept for the excerpt.
const MAX_HUNKS: usize = 3;
/// Most words of one side of a change kept for the excerpt.
const MAX_WORDS: usize = 12;
/// Largest table the exact diff fills in (old words × new words, after trimming the common
/// start and end); beyond it the counts come from comparing the words as bags.
const MAX_CELLS: usize = 4_000_000;

/// What changed between two texts, word by word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordDiff {
    /// Words in the new text that are not in the old.
    pub added: usize,
    /// Words in the old text that are not in the new.
    pub removed: usize,
    /// The first changed places.
    pub hunks: Vec<Hunk>,
}

/// One changed place: a few words of context, the removed and the added words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hunk {
    /// Context before the change; `true` when more text precedes it.
    pub before: (bool, Vec<String>),
    /// Words removed (at most [`MAX_WORDS`]); `true` when there were more.
    pub removed: (Vec<String>, bool),
    /// Words added (at most [`MAX_WORDS`]); `true` when there were more.
    pub added: (Vec<String>, bool),
    /// Context after the change; `true` when more text follows it.
    pub after: (Vec<String>, bool),
}

impl WordDiff {
    /// True when the texts have the same words.
    pub fn is_empty(&self) -> bool {
        self.added == 0 && self.removed == 0
    }
}

/// The text of a Markdown page as a reader sees it: headings, paragraphs, list items and
/// link texts, without the Markdown marks (`##`, `**`, `[…](steg:12)`).
pub fn prose(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            _ => out.push(' '),
        }
    }
    out
}

/// The words of a text: runs of non-whitespace.
pub fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Del,
    Ins,
}

/// Compares two texts word by word.
pub fn diff(old: &str, new: &str) -> WordDiff {
    let a = words(old);
    let b = words(new);
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops = vec![Op::Same; prefix];
    if ma.len().saturating_mul(mb.len()) <= MAX_CELLS {
        ops.extend(lcs_ops(ma, mb));
    } else {
        // Too large for the exact table: one change covering the middle.
        ops.extend(std::iter::repeat_n(Op::Del, ma.len()));
        ops.extend(std::iter::repeat_n(Op::Ins, mb.len()));
    }
    ops.extend(std::iter::repeat_n(Op::Same, suffix));
    let mut out = WordDiff {
        added: ops.iter().filter(|o| **o == Op::Ins).count(),
        removed: ops.iter().filter(|o| **o == Op::Del).count(),
        hunks: Vec::new(),
    };
    if ma.len().saturating_mul(mb.len()) > MAX_CELLS {
        let (added, removed) = bag_counts(ma, mb);
        out.added = added;
        out.removed = removed;
    }
    out.hunks = hunks(&ops, &a, &b);
    out
}

/// The edit script of the longest common subsequence.
fn lcs_ops(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    // table[i][j]: length of the LCS of a[i..] and b[j..].
    let mut table = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i * w + j] = if a[i] == b[j] {
                table[(i + 1) * w + j + 1] + 1
            } else {
                table[(i + 1) * w + j].max(table[i * w + j + 1])
            };
        }
    }
    let mut ops = Vec::with_capacity(n + m);
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push(Op::Same);
            i += 1;
            j += 1;
        } else if j < m && (i == n || table[i * w + j + 1] >= table[(i + 1) * w + j]) {
            ops.push(Op::Ins);
            j += 1;
        } else {
            ops.push(Op::Del);
            i += 1;
        }
    }
    // Within each changed run, put the removed words before the added ones.
    let mut k = 0;
    while k < ops.len() {
        if ops[k] == Op::Same {
            k += 1;
            continue;
        }
        let end = ops[k..]
            .iter()
            .position(|o| *o == Op::Same)
            .map_or(ops.len(), |p| k + p);
        ops[k..end].sort_by_key(|o| *o == Op::Ins);
        k = end;
    }
    ops
}

fn bag_counts(a: &[&str], b: &[&str]) -> (usize, usize) {
    let mut counts: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
    for w in a {
        *counts.entry(w).or_default() -= 1;
    }
    for w in b {
        *counts.entry(w).or_default() += 1;
    }
    let added = counts.values().filter(|c| **c > 0).sum::<i64>();
    let removed = -counts.values().filter(|c| **c < 0).sum::<i64>();
    (added as usize, removed as usize)
}

fn hunks(ops: &[Op], a: &[&str], b: &[&str]) -> Vec<Hunk> {
    // Positions of each op in the old and new word lists.
    let mut out = Vec::new();
    let (mut i, mut j, mut k) = (0usize, 0usize, 0usize);
    while k < ops.len() && out.len() < MAX_HUNKS {
        if ops[k] == Op::Same {
            i += 1;
            j += 1;
            k += 1;
            continue;
        }
        let start_i = i;
        let start_j = j;
        while k < ops.len() && ops[k] != Op::Same {
            match ops[k] {
                Op::Del => i += 1,
                _ => j += 1,
            }
            k += 1;
        }
        let ctx_from = start_i.saturating_sub(CONTEXT);
        let after_to = (i + CONTEXT).min(a.len());
        let owned = |s: &[&str]| s.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let clip = |s: &[&str]| (owned(&s[..s.len().min(MAX_WORDS)]), s.len() > MAX_WORDS);
        out.push(Hunk {
            before: (ctx_from > 0, owned(&a[ctx_from..start_i])),
            removed: clip(&a[start_i..i]),
            added: clip(&b[start_j..j]),
            after: (owned(&a[i..after_to]), after_to < a.len()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_places_a_change() {
        let d = diff(
            "Handläggaren läser intyget och bedömer arbetsförmågan noga.",
            "Handläggaren läser läkarintyget och bedömer arbetsförmågan noga.",
        );
        assert_eq!((d.added, d.removed), (1, 1));
        assert_eq!(d.hunks.len(), 1);
        assert_eq!(d.hunks[0].removed.0, vec!["intyget"]);
        assert_eq!(d.hunks[0].added.0, vec!["läkarintyget"]);
        assert_eq!(d.hunks[0].before.1, vec!["Handläggaren", "läser"]);
        assert_eq!(
            d.hunks[0].after.0,
            vec!["och", "bedömer", "arbetsförmågan", "noga."]
        );
    }

    #[test]
    fn prose_drops_the_markdown_marks() {
        assert_eq!(
            words(&prose(
                "## Syfte\n\nLäs [läkarintyget](steg:12) **noga**.\n"
            )),
            ["Syfte", "Läs", "läkarintyget", "noga", "."]
        );
    }

    #[test]
    fn whitespace_is_not_a_change() {
        assert!(diff("a  b\nc", "a b c\n").is_empty());
    }

    #[test]
    fn insertion_only() {
        let d = diff("a b c", "a b x y c");
        assert_eq!((d.added, d.removed), (2, 0));
        assert_eq!(d.hunks[0].added.0, vec!["x", "y"]);
    }
}
