//! The code picker's fuzzy match: the filter's characters in order within
//! a code's path, without regard to case, compared character by character
//! (so Chinese and Japanese match as Latin does). A match at the start of
//! the path or of one of its words ranks first, then one anywhere in a
//! piece, then the characters spread out, the tighter the better.

/// How well a filter matches a path: lower is better.
pub type Score = (u8, usize, usize);

/// `query`'s score on `path`, or `None` when not every character of the
/// query is in the path, in order. An empty query matches everything alike.
pub fn score(path: &str, query: &str) -> Option<Score> {
    let p: Vec<char> = path.chars().flat_map(char::to_lowercase).collect();
    let q: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    if q.is_empty() {
        return Some((0, 0, 0));
    }
    if let Some(at) = (0..=p.len().saturating_sub(q.len())).find(|&i| p[i..].starts_with(&q)) {
        let word_start = at == 0 || matches!(p[at - 1], '/' | ' ' | '-' | '_');
        return Some((u8::from(!word_start), at, 0));
    }
    let (mut i, mut first, mut last) = (0, None, 0);
    for (k, c) in p.iter().enumerate() {
        if i < q.len() && *c == q[i] {
            first.get_or_insert(k);
            last = k;
            i += 1;
        }
    }
    let first = first?;
    (i == q.len()).then(|| (2, last + 1 - first - q.len(), first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_in_order_any_case() {
        assert!(score("Pricing/Discounts", "prdisc").is_some());
        assert!(score("pricing", "PRC").is_some());
        assert_eq!(score("pricing", "cp"), None);
        assert_eq!(score("timing", "timings"), None);
    }

    #[test]
    fn prefixes_then_pieces_then_spread_out() {
        let prefix = score("pricing/discounts", "pri").unwrap();
        let word = score("pricing/discounts", "disc").unwrap();
        let inside = score("pricing/discounts", "icing").unwrap();
        let spread = score("pricing/discounts", "pcg").unwrap();
        assert!(prefix < inside && word < inside && inside < spread);
        assert!(score("pricing", "pcg") < score("pricing/discounts", "pcs"));
    }

    #[test]
    fn cjk_matches_by_character() {
        assert!(score("价格/折扣", "折扣").is_some());
        assert!(score("价格/折扣", "价折").is_some());
        assert_eq!(score("价格/折扣", "扣折"), None);
        assert!(score("价格/折扣", "价") < score("价格/折扣", "格"));
    }
}
