//! The query language over quotes: `code:pricing spk:张伟 §3 -note:todo
//! "open source"`, the same in `--bookmarks --query` and the reader's list.
//!
//! Terms are separated by white space and all must hold; double quotes
//! group words with spaces (`spk:"Mark Zuckerberg"`, `"open source"`), and
//! a quoted word is always words, even with a colon in it. `-` before a term
//! negates it.
//!
//! | term | holds when |
//! |---|---|
//! | `code:PATH` | the quote has the code at `PATH` (`pricing/discounts`) or one under it (`code:pricing`); case-insensitive; `code:-` for no code |
//! | `spk:NAME`, `speaker:NAME` | the speaker's name is `NAME` or starts with its whole words (`spk:mark` for Mark Zuckerberg, not `spk:zuck`); `spk:-` or `spk:narration` for narration |
//! | `§N`, `sec:N` | the section the citation labels `§N`: its number as written (`§03` and `§3` both match a heading numbered `03`), or its place in the document when it has none |
//! | `note:WORD` | the note contains `WORD` |
//! | anything else | the quote contains it (the saved words, or the words the document has now for a changed quote) |
//!
//! Words match as the reader's search does: NFKC-folded (full-width and
//! half-width forms match), case-insensitive unless the word has a capital
//! (smart case), a regular expression after `\v`. Pure: parsing and
//! matching read nothing but their arguments.

use unicode_normalization::UnicodeNormalization;

use super::bookmarks::Bookmark;
use super::cite::Citation;
use super::codes::Codebook;
use crate::transcript::search::{Matcher, SearchError};

/// Why a query cannot be used: always one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("unknown term \"{0}\"; terms are code:, spk:, §N, note:, or words")]
    UnknownTerm(String),
    #[error("\"{0}\" needs a value")]
    Empty(String),
    #[error("empty quotes in the query")]
    EmptyQuotes,
    #[error("unbalanced quote in the query")]
    Unbalanced,
    #[error("no code \"{name}\"{}", hint.as_ref().map(|h| format!(" (did you mean \"{h}\"?)")).unwrap_or_default())]
    UnknownCode { name: String, hint: Option<String> },
    #[error("{0}")]
    Search(String),
}

/// A parsed query; the empty query matches every quote.
#[derive(Debug, Clone, Default)]
pub struct Query {
    text: String,
    terms: Vec<Term>,
}

#[derive(Debug, Clone)]
struct Term {
    negated: bool,
    test: Test,
}

#[derive(Debug, Clone)]
enum Test {
    /// A code path as typed.
    Code(String),
    Uncoded,
    /// The folded words a speaker's name must start with.
    Speaker(Vec<String>),
    Narration,
    /// A section number as typed, without `§`.
    Section(String),
    Note(Matcher),
    Words(Matcher),
}

impl Query {
    /// Parse `text`. Code names are checked against a codebook by
    /// [`check`](Self::check) (or [`parse_for`](Self::parse_for)).
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let terms = split(text)?
            .into_iter()
            .map(|token| term(&token))
            .collect::<Result<_, _>>()?;
        Ok(Query {
            text: text.trim().to_string(),
            terms,
        })
    }

    /// Parse `text` and check its codes exist in `book`.
    pub fn parse_for(text: &str, book: &Codebook) -> Result<Query, QueryError> {
        let query = Query::parse(text)?;
        query.check(book)?;
        Ok(query)
    }

    /// Every code the query names is in `book`: a typo must not silently
    /// match nothing.
    pub fn check(&self, book: &Codebook) -> Result<(), QueryError> {
        for t in &self.terms {
            if let Test::Code(path) = &t.test
                && book.find(path).is_none()
            {
                let hint = book
                    .codes()
                    .iter()
                    .find(|c| c.parent.is_some() && fold(&c.name) == fold(path))
                    .and_then(|c| book.path(&c.id));
                return Err(QueryError::UnknownCode {
                    name: path.clone(),
                    hint,
                });
            }
        }
        Ok(())
    }

    /// The query as given, trimmed.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// No terms: every quote matches.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether the quote `b`, cited as `c`, satisfies every term.
    pub fn matches(&self, b: &Bookmark, c: &Citation, book: &Codebook) -> bool {
        self.terms
            .iter()
            .all(|t| t.test.holds(b, c, book) != t.negated)
    }

    /// The quotes that match, in the order given.
    pub fn filter<'b>(
        &self,
        cited: Vec<(&'b Bookmark, Citation)>,
        book: &Codebook,
    ) -> Vec<(&'b Bookmark, Citation)> {
        cited
            .into_iter()
            .filter(|(b, c)| self.matches(b, c, book))
            .collect()
    }
}

impl Test {
    fn holds(&self, b: &Bookmark, c: &Citation, book: &Codebook) -> bool {
        match self {
            Test::Code(path) => book
                .find(path)
                .is_some_and(|code| has_code_under(b, &code.id, book)),
            Test::Uncoded => b.codes.is_empty(),
            Test::Speaker(words) => c.speaker.as_deref().is_some_and(|name| {
                let name: Vec<String> = fold(name).split_whitespace().map(String::from).collect();
                name.starts_with(words)
            }),
            Test::Narration => c.speaker.is_none(),
            Test::Section(n) => section_is(c, n),
            Test::Note(m) => m.is_match(&c.note),
            Test::Words(m) => {
                m.is_match(&c.quote) || c.current.as_ref().is_some_and(|now| m.is_match(now))
            }
        }
    }
}

/// Whether `b` is coded with `id` or with a code under it.
pub fn has_code_under(b: &Bookmark, id: &str, book: &Codebook) -> bool {
    b.codes.iter().any(|have| {
        have == id
            || book
                .get(have)
                .is_some_and(|code| code.parent.as_deref() == Some(id))
    })
}

/// `§n` as the citation labels it: its number as written, or its place.
fn section_is(c: &Citation, n: &str) -> bool {
    let place = (c.section.index + 1).to_string();
    let written = c.section.number.as_deref().unwrap_or(&place);
    let (a, b) = (fold(written), fold(n));
    if a == b {
        return true;
    }
    // `§3` and `§03` name one section: compare digits as numbers.
    let number = |s: &str| {
        (!s.is_empty() && s.bytes().all(|d| d.is_ascii_digit()))
            .then(|| s.trim_start_matches('0').to_string())
    };
    matches!((number(&a), number(&b)), (Some(x), Some(y)) if x == y)
}

/// NFKC and lower case: how names, numbers and code names compare.
fn fold(text: &str) -> String {
    text.nfkc().collect::<String>().to_lowercase()
}

/// The white-space separated tokens, double quotes kept in them.
fn split(text: &str) -> Result<Vec<String>, QueryError> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for ch in text.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                current.push(ch);
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    tokens.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if quoted {
        return Err(QueryError::Unbalanced);
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    Ok(tokens)
}

/// One token as a term.
fn term(token: &str) -> Result<Term, QueryError> {
    let (negated, body) = match token.strip_prefix('-') {
        Some("") => return Err(QueryError::Empty("-".into())),
        Some(rest) => (true, rest),
        None => (false, token),
    };
    let test = if body.starts_with('"') {
        words(&unquote(body))?
    } else if let Some(rest) = body.strip_prefix('§') {
        Test::Section(value("§", rest)?)
    } else {
        match prefix(body) {
            Some((name, rest)) => prefixed(name, rest)?,
            None => words(&unquote(body))?,
        }
    };
    Ok(Term { negated, test })
}

/// `name:` at the start of a token, when `name` is letters only (so `12:30`
/// and `中文：` are words).
fn prefix(body: &str) -> Option<(&str, &str)> {
    let (name, rest) = body.split_once(':')?;
    let letters = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphabetic());
    letters.then_some((name, rest))
}

fn prefixed(name: &str, rest: &str) -> Result<Test, QueryError> {
    let label = format!("{name}:");
    let v = value(&label, rest)?;
    Ok(match name.to_ascii_lowercase().as_str() {
        "code" if v == "-" => Test::Uncoded,
        "code" => Test::Code(v),
        "spk" | "speaker" if v == "-" || v.eq_ignore_ascii_case("narration") => Test::Narration,
        "spk" | "speaker" => Test::Speaker(fold(&v).split_whitespace().map(String::from).collect()),
        "sec" | "section" => Test::Section(v.trim_start_matches('§').to_string()),
        "note" => Test::Note(matcher(&v)?),
        _ => return Err(QueryError::UnknownTerm(label)),
    })
}

/// A term's value, unquoted, or the error that it has none.
fn value(label: &str, rest: &str) -> Result<String, QueryError> {
    let v = unquote(rest);
    let v = v.trim();
    match v.is_empty() {
        true => Err(QueryError::Empty(label.to_string())),
        false => Ok(v.to_string()),
    }
}

fn words(text: &str) -> Result<Test, QueryError> {
    if text.trim().is_empty() {
        return Err(QueryError::EmptyQuotes);
    }
    Ok(Test::Words(matcher(text)?))
}

fn matcher(text: &str) -> Result<Matcher, QueryError> {
    Matcher::new(text, false).map_err(|e| match e {
        SearchError::Empty => QueryError::EmptyQuotes,
        SearchError::Regex { summary, .. } => {
            QueryError::Search(format!("invalid regex: {summary}"))
        }
    })
}

fn unquote(text: &str) -> String {
    text.replace('"', "")
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
