//! YAML block scalars in front matter (`description: >-` and the indented
//! lines under it), read from lines that arrive trimmed.

/// A block scalar's indicator after a key, `>`, `>-`, `|` or `|-`:
/// `Some(true)` when folded, `Some(false)` when literal. Other indicators
/// (`|+`, `>2`, a comment) would leave text the value does not hold, so
/// those lines stay entries of their own.
pub(super) fn block_style(value: &str) -> Option<bool> {
    match value.trim() {
        ">" | ">-" => Some(true),
        "|" | "|-" => Some(false),
        _ => None,
    }
}

/// The value of a block scalar whose lines start `lines`, and how many
/// lines it has: all up to the next `key:` line.
pub(super) fn block_scalar(lines: &[&str], folded: bool) -> (String, usize) {
    let n = lines
        .iter()
        .position(|l| is_key_line(l))
        .unwrap_or(lines.len());
    let mut value = String::new();
    let mut breaks = 0;
    for line in &lines[..n] {
        if line.is_empty() {
            breaks += 1;
            continue;
        }
        if !value.is_empty() {
            match (folded, breaks) {
                (true, 0) => value.push(' '),
                (true, b) => value.extend(std::iter::repeat_n('\n', b)),
                (false, b) => value.extend(std::iter::repeat_n('\n', b + 1)),
            }
        }
        breaks = 0;
        value.push_str(line);
    }
    (value, n)
}

/// `key:` or `key: value`: a key with no spaces, and nothing but white
/// space right after its colon (a URL's `https://` is no key).
fn is_key_line(line: &str) -> bool {
    line.split_once(':').is_some_and(|(k, v)| {
        !k.is_empty()
            && k.len() <= 40
            && !k.contains(char::is_whitespace)
            && !k.starts_with(['-', '#'])
            && (v.is_empty() || v.starts_with(' '))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicators() {
        assert_eq!(block_style(" >-"), Some(true));
        assert_eq!(block_style("|"), Some(false));
        for v in ["", "|+", ">2", "| # note", "a > b", ">>"] {
            assert_eq!(block_style(v), None, "{v}");
        }
    }

    #[test]
    fn folded_and_literal_values() {
        let lines = ["one", "two", "", "three", "next: key"];
        assert_eq!(
            block_scalar(&lines, true),
            ("one two\nthree".to_string(), 4)
        );
        assert_eq!(
            block_scalar(&lines, false),
            ("one\ntwo\n\nthree".to_string(), 4)
        );
        // A URL is no key: `https://` has no space after its colon.
        let lines = ["see https://x.org", "end:"];
        assert_eq!(
            block_scalar(&lines, true),
            ("see https://x.org".to_string(), 1)
        );
        assert_eq!(block_scalar(&[], true), (String::new(), 0));
    }
}
