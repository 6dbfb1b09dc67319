//! Telling page furniture from content in a paginated transcript: running
//! headers and footers, page numbers, and spaced capitals.

use std::collections::{HashMap, HashSet};

use super::Facts;

/// Lines at each end of a stretch that may be a running header or footer.
const EDGE: usize = 3;

/// The lines of `stretches` that are running furniture: at a stretch's top
/// or bottom, and either a page number or written the same (digits aside)
/// at the edge of several stretches.
pub(super) fn running(
    lines: &[&str],
    facts: &[Facts],
    stretches: &[std::ops::Range<usize>],
) -> HashSet<usize> {
    let edges: Vec<Vec<usize>> = stretches
        .iter()
        .map(|s| {
            let written: Vec<usize> = s.clone().filter(|&i| !facts[i].blank).collect();
            if written.len() <= 2 * EDGE {
                return written;
            }
            let mut ends = written[..EDGE].to_vec();
            ends.extend_from_slice(&written[written.len() - EDGE..]);
            ends
        })
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for edge in &edges {
        let keys: HashSet<String> = edge.iter().map(|&i| shape(lines[i])).collect();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    edges
        .iter()
        .flatten()
        .copied()
        .filter(|&i| {
            is_page_number(lines[i].trim_matches(|c: char| {
                c.is_whitespace() || c == super::FEED || c == super::FEED_PICTURE
            })) || seen
                .get(&shape(lines[i]))
                .is_some_and(|&n| n >= super::RUNNING)
        })
        .collect()
}

/// A line's shape: trimmed, white space collapsed, every digit `#`, so
/// `Page 3 of 80` and `Page 4 of 80` are one line.
fn shape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line
        .split(|c: char| c.is_whitespace() || c == super::FEED || c == super::FEED_PICTURE)
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            word.chars()
                .map(|c| if c.is_ascii_digit() { '#' } else { c }),
        );
    }
    out
}

/// `12`, `- 12 -`, `Page 12`, `Page 12 of 80`, `12 of 80`.
pub(super) fn is_page_number(line: &str) -> bool {
    let number = |s: &str| (1..=5).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let words: Vec<&str> = line.split_whitespace().collect();
    let words = match words.first() {
        Some(w) if w.eq_ignore_ascii_case("page") => &words[1..],
        _ => &words[..],
    };
    match words {
        [n] => number(n),
        ["-", n, "-"] => number(n),
        [n, of, m] => number(n) && of.eq_ignore_ascii_case("of") && number(m),
        _ => false,
    }
}

/// `P R O C E E D I N G S` as `PROCEEDINGS`, `A F T E R N O O N  S E S S I O N`
/// as `AFTERNOON SESSION`: capitals one space apart, words two or more apart.
pub(super) fn spaced_caps(line: &str) -> Option<String> {
    let t = line.trim();
    let mut words: Vec<String> = Vec::new();
    for part in t.split("  ").map(str::trim).filter(|p| !p.is_empty()) {
        let mut word = String::new();
        for token in part.split(' ') {
            let mut cs = token.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) if c.is_ascii_uppercase() => word.push(c),
                _ => return None,
            }
        }
        words.push(word);
    }
    let longest = words.iter().map(String::len).max().unwrap_or(0);
    (longest >= 4).then(|| words.join(" "))
}
