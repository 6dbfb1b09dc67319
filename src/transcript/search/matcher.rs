//! A compiled query: smart-case, NFKC-folded literal or regular expression.

use std::ops::Range;

use memchr::memmem;
use regex::{Regex, RegexBuilder};

use super::fold::{fold, fold_pattern};

/// The prefix that turns a query into a regular expression, as in Vim.
pub const REGEX_PREFIX: &str = "\\v";

/// Why a query cannot be searched for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    /// Nothing to look for; the reader clears its highlights instead.
    #[error("empty search")]
    Empty,
    /// The regex crate refused the pattern. `summary` is one line fit for a
    /// status bar; `detail` is the crate's full message with its caret.
    #[error("invalid regex: {summary}")]
    Regex { summary: String, detail: String },
}

/// A query ready to run over paragraphs.
#[derive(Debug, Clone)]
pub struct Matcher {
    kind: Kind,
    case_sensitive: bool,
}

#[derive(Debug, Clone)]
enum Kind {
    /// The folded needle. Case-insensitive needles are already lower-case.
    Literal(Box<memmem::Finder<'static>>),
    Regex(Regex),
}

impl Matcher {
    /// Compile a query. A leading `\v` turns on `regex` mode too. Matching is
    /// case-insensitive unless the query (after NFKC) has an upper-case
    /// letter; full-width and half-width forms match each other.
    pub fn new(query: &str, regex: bool) -> Result<Matcher, SearchError> {
        let (query, regex) = match query.strip_prefix(REGEX_PREFIX) {
            Some(rest) => (rest, true),
            None => (query, regex),
        };
        if query.is_empty() {
            return Err(SearchError::Empty);
        }
        if regex {
            let pattern = fold_pattern(query);
            let case_sensitive = pattern_has_upper(&pattern);
            let re = RegexBuilder::new(&pattern)
                .case_insensitive(!case_sensitive)
                .build()
                .map_err(regex_error)?;
            Ok(Matcher {
                kind: Kind::Regex(re),
                case_sensitive,
            })
        } else {
            let case_sensitive = fold(query, false).text.chars().any(char::is_uppercase);
            let needle = fold(query, !case_sensitive).text.into_owned();
            Ok(Matcher {
                kind: Kind::Literal(Box::new(
                    memmem::Finder::new(needle.as_bytes()).into_owned(),
                )),
                case_sensitive,
            })
        }
    }

    /// Whether upper and lower case are told apart (smart case decided so).
    pub fn is_case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    pub fn is_regex(&self) -> bool {
        matches!(self.kind, Kind::Regex(_))
    }

    /// Non-empty, non-overlapping matches in `text` as byte ranges of `text`
    /// itself, in order; every range is on char boundaries. Empty regex
    /// matches are skipped: they would highlight nothing.
    pub fn find_iter(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        self.for_each_match(text, |r| out.push(r));
        out
    }

    /// Whether `text` has at least one match.
    pub fn is_match(&self, text: &str) -> bool {
        let mut found = false;
        self.for_each_match(text, |_| found = true);
        found
    }

    pub(crate) fn for_each_match(&self, text: &str, mut f: impl FnMut(Range<usize>)) {
        let lower = matches!(self.kind, Kind::Literal(_)) && !self.case_sensitive;
        let folded = fold(text, lower);
        // Two folded matches can land in one expanded char (`f` twice in
        // `ﬀ`): they merge so ranges stay disjoint.
        let mut pending: Option<Range<usize>> = None;
        let mut emit = |r: Range<usize>| {
            let r = folded.to_original(r);
            match &mut pending {
                Some(p) if r.start < p.end => p.end = p.end.max(r.end),
                _ => {
                    if let Some(p) = pending.replace(r) {
                        f(p);
                    }
                }
            }
        };
        match &self.kind {
            Kind::Literal(finder) => {
                let n = finder.needle().len();
                for at in finder.find_iter(folded.text.as_bytes()) {
                    emit(at..at + n);
                }
            }
            Kind::Regex(re) => {
                for m in re.find_iter(&folded.text) {
                    if !m.is_empty() {
                        emit(m.range());
                    }
                }
            }
        }
        if let Some(p) = pending {
            f(p);
        }
    }
}

fn regex_error(e: regex::Error) -> SearchError {
    let detail = e.to_string();
    // Syntax errors end with `error: <what>`; other errors are one line.
    let summary = detail
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .unwrap_or_else(|| detail.lines().next().unwrap_or("unknown error"))
        .trim()
        .to_string();
    SearchError::Regex { summary, detail }
}

/// Smart case for a pattern: an upper-case letter that is a literal, not
/// part of an escape (`\D`, `\W`, `\p{Lu}`) or a group name (`(?P<Name>`).
fn pattern_has_upper(pattern: &str) -> bool {
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                // Escapes whose argument may hold capitals: `\p{Lu}`, `\PL`,
                // `\x{4E00}`, `\xAB`, `\u00C0`, `\U0001F600`.
                let arg = match chars.next() {
                    Some('p' | 'P') => 1,
                    Some('x') => 2,
                    Some('u') => 4,
                    Some('U') => 8,
                    _ => 0,
                };
                if arg > 0 && chars.peek() == Some(&'{') {
                    chars.by_ref().find(|&c| c == '}');
                } else {
                    chars.by_ref().take(arg).for_each(drop);
                }
            }
            '(' if chars.peek() == Some(&'?') => {
                chars.next();
                if chars.peek() == Some(&'P') {
                    chars.next();
                }
                if chars.peek() == Some(&'<') {
                    chars.by_ref().find(|&c| c == '>');
                }
            }
            c if c.is_uppercase() => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_group_names_are_not_upper_case() {
        assert!(!pattern_has_upper(r"\D\W\S\p{Lu}\PL(?P<Name>x)(?<Other>y)"));
        assert!(!pattern_has_upper(r"\x{4E00}\xAB\u00C0\U0001F600"));
        assert!(pattern_has_upper(r"\dA"));
        assert!(pattern_has_upper(r"(?i)AI"));
    }

    #[test]
    fn regex_errors_have_a_one_line_summary() {
        let Err(SearchError::Regex { summary, detail }) = Matcher::new("(abc", true) else {
            panic!("expected a regex error");
        };
        assert_eq!(summary, "unclosed group");
        assert!(detail.contains('^'));
    }
}
