//! The shelf's search query: filter words and a pattern, `spk:Anna
//! in:*.srt after:2024-01-01 open source`.
//!
//! | word | keeps |
//! |---|---|
//! | `spk:NAME`, `speaker:NAME` | hits in turns of the speaker named `NAME`, or whose name starts with its whole words (`spk:satya` for Satya Nadella); NFKC and case folded; `spk:-` for narration |
//! | `code:PATH` | hits inside bookmarks coded `PATH` or a code under it (`code:pricing` takes `pricing/discounts`) |
//! | `in:GLOB` | files whose name matches `GLOB` (`in:*.srt`), or, for a glob with a `/`, whose path ends with a match (`in:2024/*.txt`); case-insensitive unless it has a capital |
//! | `after:YYYY-MM-DD` | transcripts dated that day or later (metadata, else the file's time); undated ones are left out |
//!
//! Filters of one kind are alternatives (`spk:Anna spk:Ben`: either);
//! filters of different kinds must all hold. Values may be quoted
//! (`spk:"Satya Nadella"`). Everything else is the pattern, searched as the
//! reader's `/` searches: NFKC-folded, smart case, a regular expression
//! after `\v`; double quotes around the whole pattern are dropped (so a
//! pattern can hold `spk:` or start with a space). A word with an unknown
//! `name:` is pattern (`12:30`, `note: x`).

use std::path::Path;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use unicode_normalization::UnicodeNormalization;

use super::date;
use super::summary::Summary;
use crate::store::codes::Codebook;
use crate::transcript::search::{Matcher, SearchError};

/// Why a query cannot be searched: always one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("nothing to search for")]
    Empty,
    #[error("{0} needs a value")]
    NoValue(String),
    #[error("unbalanced quote in the query")]
    Unbalanced,
    #[error("after: takes a date as YYYY-MM-DD, not \"{0}\"")]
    BadDate(String),
    #[error("after: is given twice")]
    TwoDates,
    #[error("in: cannot use the glob \"{glob}\": {reason}")]
    BadGlob { glob: String, reason: String },
    #[error("invalid regex: {0}")]
    BadRegex(String),
    #[error("no code \"{0}\"")]
    UnknownCode(String),
}

/// Who a `spk:` filter takes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Speaker {
    /// The name's first words, folded.
    Words(Vec<String>),
    Narration,
}

/// A parsed query.
#[derive(Debug, Clone)]
pub struct ShelfQuery {
    text: String,
    pattern: String,
    matcher: Matcher,
    speakers: Vec<Speaker>,
    codes: Vec<String>,
    globs: Vec<String>,
    glob_set: GlobSet,
    after: Option<String>,
}

/// A word of the query and where it is in the text.
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

impl ShelfQuery {
    pub fn parse(text: &str) -> Result<ShelfQuery, QueryError> {
        let mut speakers = Vec::new();
        let (mut codes, mut globs, mut after) = (Vec::new(), Vec::new(), None);
        let mut words = Vec::new();
        for token in tokens(text)? {
            let Some((name, value)) = filter(token.text) else {
                words.push(token);
                continue;
            };
            let value = unquote(value);
            let value = value.trim();
            if value.is_empty() {
                return Err(QueryError::NoValue(format!("{name}:")));
            }
            match name.as_str() {
                "spk" | "speaker" if value == "-" => speakers.push(Speaker::Narration),
                "spk" | "speaker" => speakers.push(Speaker::Words(name_words(value))),
                "code" => codes.push(value.to_string()),
                "in" => globs.push(value.to_string()),
                _ if after.is_some() => return Err(QueryError::TwoDates),
                _ => after = Some(parse_date(value)?),
            }
        }
        let pattern = pattern(text, &words);
        let matcher = Matcher::new(&pattern, false).map_err(|e| match e {
            SearchError::Empty => QueryError::Empty,
            SearchError::Regex { summary, .. } => QueryError::BadRegex(summary),
        })?;
        Ok(ShelfQuery {
            text: text.to_string(),
            glob_set: glob_set(&globs)?,
            pattern,
            matcher,
            speakers,
            codes,
            globs,
            after,
        })
    }

    /// The query as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The pattern, without the filters.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The code paths of `code:` filters, as typed.
    pub fn codes(&self) -> &[String] {
        &self.codes
    }

    /// The date of `after:`, `YYYY-MM-DD`.
    pub fn after(&self) -> Option<&str> {
        self.after.as_deref()
    }

    /// Every code the query names is in `book`: a typo must not silently
    /// find nothing.
    pub fn check(&self, book: &Codebook) -> Result<(), QueryError> {
        match self.codes.iter().find(|c| book.find(c).is_none()) {
            Some(missing) => Err(QueryError::UnknownCode(missing.clone())),
            None => Ok(()),
        }
    }

    /// Whether the file at `path`, summarised as `summary`, can have hits:
    /// its name (`in:`), its date (`after:`) and, once the summary is of
    /// the whole file, its speakers (`spk:`).
    pub fn admits(&self, path: &Path, summary: &Summary) -> bool {
        let speakers = !summary.complete
            || self.speakers.is_empty()
            || self.speakers.contains(&Speaker::Narration)
            || (summary.speakers.iter()).any(|s| self.admits_speaker(Some(s)));
        summary.problem.is_none()
            && self.admits_path(path)
            && self.admits_date(summary.date.as_deref())
            && speakers
    }

    /// Whether `in:` takes the file at `path`.
    pub fn admits_path(&self, path: &Path) -> bool {
        if self.globs.is_empty() {
            return true;
        }
        let parts: Vec<String> = (path.components())
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        (0..parts.len()).any(|i| self.glob_set.is_match(parts[i..].join("/")))
    }

    /// Whether `after:` takes a transcript dated `date`.
    pub fn admits_date(&self, date: Option<&str>) -> bool {
        match (&self.after, date) {
            (None, _) => true,
            (Some(after), Some(date)) => date >= after.as_str(),
            (Some(_), None) => false,
        }
    }

    /// Whether `spk:` takes a turn of `speaker` (`None`: narration).
    pub fn admits_speaker(&self, speaker: Option<&str>) -> bool {
        if self.speakers.is_empty() {
            return true;
        }
        let name = speaker.map(name_words);
        self.speakers.iter().any(|want| match (want, &name) {
            (Speaker::Narration, None) => true,
            (Speaker::Words(w), Some(name)) => name.starts_with(w),
            _ => false,
        })
    }
}

/// The words of `text`, split at white space outside double quotes.
fn tokens(text: &str) -> Result<Vec<Token<'_>>, QueryError> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (None, false);
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let space = c.is_whitespace() && !quoted;
        match (start, space) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                out.push(Token {
                    text: &text[s..i],
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
        if c == '"' {
            quoted = !quoted;
        }
    }
    match quoted {
        true => Err(QueryError::Unbalanced),
        false => Ok(out),
    }
}

/// `name:value` for the filter names, lower-cased.
fn filter(token: &str) -> Option<(String, &str)> {
    let (name, value) = token.split_once(':')?;
    let name = name.to_ascii_lowercase();
    matches!(name.as_str(), "spk" | "speaker" | "code" | "in" | "after").then_some((name, value))
}

/// The words that are not filters: the text they span when no filter
/// stands between them (spacing kept, for a regex), else joined by spaces;
/// quotes around the whole dropped.
fn pattern(text: &str, words: &[Token]) -> String {
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return String::new();
    };
    let span = &text[first.start..last.end];
    let joined_in_text = words.windows(2).all(|w| {
        let between = &text[w[0].end..w[1].start];
        between.chars().all(char::is_whitespace)
    });
    let pattern = match joined_in_text {
        true => span.to_string(),
        false => (words.iter().map(|w| w.text)).collect::<Vec<_>>().join(" "),
    };
    let inner = (pattern.strip_prefix('"'))
        .and_then(|p| p.strip_suffix('"'))
        .filter(|inner| !inner.contains('"'));
    match inner {
        Some(inner) => inner.to_string(),
        None => pattern,
    }
}

fn unquote(text: &str) -> String {
    text.replace('"', "")
}

/// A speaker's name as words compared: NFKC, lower case.
fn name_words(name: &str) -> Vec<String> {
    let folded = name.nfkc().collect::<String>().to_lowercase();
    folded.split_whitespace().map(String::from).collect()
}

fn parse_date(value: &str) -> Result<String, QueryError> {
    let bad = || QueryError::BadDate(value.to_string());
    let parts: Vec<&str> = value.split('-').collect();
    let [y, m, d] = parts[..] else {
        return Err(bad());
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return Err(bad());
    }
    let num = |s: &str| s.parse::<u32>().map_err(|_| bad());
    date::ymd(i64::from(num(y)?), num(m)?, num(d)?).ok_or_else(bad)
}

fn glob_set(globs: &[String]) -> Result<GlobSet, QueryError> {
    let mut set = GlobSetBuilder::new();
    for g in globs {
        set.add(glob(g)?);
    }
    set.build().map_err(|e| QueryError::BadGlob {
        glob: globs.join(" "),
        reason: e.to_string(),
    })
}

fn glob(text: &str) -> Result<Glob, QueryError> {
    let capital = text.chars().any(char::is_uppercase);
    GlobBuilder::new(text)
        .case_insensitive(!capital)
        .literal_separator(true)
        .build()
        .map_err(|e| QueryError::BadGlob {
            glob: text.to_string(),
            reason: e.kind().to_string(),
        })
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
