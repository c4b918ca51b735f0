//! Which step of the old map is which step of the new one.
//!
//! Numbers are not identities: a step can be renumbered when another is inserted before it.
//! A step is recognised in three rounds:
//!
//! 1. the same number and the same title;
//! 2. the same title under another number, when that title is unique among the steps left
//!    on both sides (a renumbering);
//! 3. the best remaining pair by a score of title similarity, shared neighbours (arrows in
//!    and out to steps already recognised), the same number and the same lane, taken greedily
//!    while the best score reaches [`THRESHOLD`]; each accepted pair can make its neighbours'
//!    scores rise, so the scores are recomputed after each one.
//!
//! Round 3 compares every step left on one side with every step left on the other, again
//! after each accepted pair; when more than [`MAX_SCORED_PAIRS`] pairs are left (a map of
//! thousands of changed steps), it pairs the steps left with the same number and lane
//! instead, so that the time stays bounded.
//!
//! What is left unmatched was removed (old) or added (new).

use crate::model::ProcessMap;
use std::collections::{BTreeSet, HashMap};

/// Lowest score at which two steps count as the same step.
pub const THRESHOLD: f64 = 0.5;

/// Most pairs of steps that round 3 scores.
pub const MAX_SCORED_PAIRS: usize = 40_000;

const W_TITLE: f64 = 0.55;
const W_NEIGHBOURS: f64 = 0.3;
const W_NUMBER: f64 = 0.1;
const W_LANE: f64 = 0.05;

/// The pairing of the steps of two versions of one map, by index into `steps`.
#[derive(Clone, Debug, Default)]
pub struct Matching {
    /// For each old step, the new step it became.
    pub old_to_new: Vec<Option<usize>>,
    /// For each new step, the old step it was.
    pub new_to_old: Vec<Option<usize>>,
}

impl Matching {
    fn new(old: usize, new: usize) -> Matching {
        Matching {
            old_to_new: vec![None; old],
            new_to_old: vec![None; new],
        }
    }

    fn pair(&mut self, o: usize, n: usize) {
        self.old_to_new[o] = Some(n);
        self.new_to_old[n] = Some(o);
    }

    /// The matched pairs in old order.
    pub fn pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.old_to_new
            .iter()
            .enumerate()
            .filter_map(|(o, n)| n.map(|n| (o, n)))
    }
}

/// An arrow's direction seen from a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Dir {
    In,
    Out,
}

/// The neighbours of each step: (direction, index of the other step).
fn neighbours(map: &ProcessMap) -> Vec<BTreeSet<(Dir, usize)>> {
    let mut out = vec![BTreeSet::new(); map.steps.len()];
    for (i, step) in map.steps.iter().enumerate() {
        for edge in &step.next {
            if let Some(j) = map.index_of(edge.to) {
                out[i].insert((Dir::Out, j));
                out[j].insert((Dir::In, i));
            }
        }
    }
    out
}

/// A title as compared: lowercase, single spaces.
pub fn normalize(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Similarity of two titles from 0 to 1: the Sørensen–Dice coefficient of their character
/// bigrams, so that a changed word or ending keeps most of the score.
pub fn title_similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (normalize(a), normalize(b));
    if a == b {
        return 1.0;
    }
    let grams = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        let mut m: HashMap<(char, char), usize> = HashMap::new();
        for w in chars.windows(2) {
            *m.entry((w[0], w[1])).or_default() += 1;
        }
        m
    };
    let (ga, gb) = (grams(&a), grams(&b));
    let total: usize = ga.values().sum::<usize>() + gb.values().sum::<usize>();
    if total == 0 {
        return 0.0;
    }
    let shared: usize = ga
        .iter()
        .map(|(g, n)| (*n).min(gb.get(g).copied().unwrap_or(0)))
        .sum();
    2.0 * shared as f64 / total as f64
}

/// Pairs the steps of two versions of a map.
pub fn match_steps(old: &ProcessMap, new: &ProcessMap) -> Matching {
    let mut m = Matching::new(old.steps.len(), new.steps.len());
    let old_titles: Vec<String> = old.steps.iter().map(|s| normalize(&s.title)).collect();
    let new_titles: Vec<String> = new.steps.iter().map(|s| normalize(&s.title)).collect();

    // 1. Same number, same title.
    for (o, step) in old.steps.iter().enumerate() {
        if let Some(n) = new.index_of(step.nr) {
            if old_titles[o] == new_titles[n] {
                m.pair(o, n);
            }
        }
    }

    // 2. Same title, unique among the steps left on both sides.
    let count = |titles: &[String], taken: &[Option<usize>]| {
        let mut c: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, t) in titles.iter().enumerate() {
            if taken[i].is_none() {
                c.entry(t.clone()).or_default().push(i);
            }
        }
        c
    };
    let old_left = count(&old_titles, &m.old_to_new);
    let new_left = count(&new_titles, &m.new_to_old);
    let mut unique: Vec<(usize, usize)> = old_left
        .iter()
        .filter_map(
            |(t, os)| match (os.as_slice(), new_left.get(t).map(Vec::as_slice)) {
                ([o], Some([n])) => Some((*o, *n)),
                _ => None,
            },
        )
        .collect();
    unique.sort_unstable();
    for (o, n) in unique {
        m.pair(o, n);
    }

    // 3. Greedy by score, among the steps left after rounds 1 and 2.
    let old_left: Vec<usize> = (0..old.steps.len())
        .filter(|&o| m.old_to_new[o].is_none())
        .collect();
    let new_left: Vec<usize> = (0..new.steps.len())
        .filter(|&n| m.new_to_old[n].is_none())
        .collect();
    if old_left.len().saturating_mul(new_left.len()) > MAX_SCORED_PAIRS {
        for &o in &old_left {
            if let Some(n) = new.index_of(old.steps[o].nr) {
                if m.new_to_old[n].is_none() && old.steps[o].lane == new.steps[n].lane {
                    m.pair(o, n);
                }
            }
        }
        return m;
    }
    let old_nb = neighbours(old);
    let new_nb = neighbours(new);
    // Title similarity of each pair left, by (position in old_left, position in new_left).
    let title_sim: Vec<Vec<f64>> = old_left
        .iter()
        .map(|&o| {
            new_left
                .iter()
                .map(|&n| title_similarity(&old.steps[o].title, &new.steps[n].title))
                .collect()
        })
        .collect();
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for (i, &o) in old_left.iter().enumerate() {
            if m.old_to_new[o].is_some() {
                continue;
            }
            for (j, &n) in new_left.iter().enumerate() {
                if m.new_to_old[n].is_some() {
                    continue;
                }
                let a = &old.steps[o];
                let b = &new.steps[n];
                let shared = old_nb[o]
                    .iter()
                    .filter(|(d, x)| m.old_to_new[*x].is_some_and(|y| new_nb[n].contains(&(*d, y))))
                    .count();
                let most = old_nb[o].len().max(new_nb[n].len());
                let nb = if most == 0 {
                    0.0
                } else {
                    shared as f64 / most as f64
                };
                let score = W_TITLE * title_sim[i][j]
                    + W_NEIGHBOURS * nb
                    + W_NUMBER * f64::from(u8::from(a.nr.local == b.nr.local))
                    + W_LANE * f64::from(u8::from(a.lane == b.lane));
                // Strictly greater: ties go to the lowest old, then new, index.
                if best.is_none_or(|(s, _, _)| score > s) {
                    best = Some((score, o, n));
                }
            }
        }
        match best {
            Some((score, o, n)) if score >= THRESHOLD => m.pair(o, n),
            _ => break,
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_titles_score_high() {
        assert!(title_similarity("Behövs utredning?", "Behövs en utredning?") > 0.8);
        assert!(title_similarity("Behövs utredning?", "Gemensam konsultation") < 0.3);
        assert_eq!(title_similarity("Klar", " klar "), 1.0);
    }
}
