//! Searching one file of a shelf ([`search_file`]): the hits of a
//! [`ShelfQuery`] with where each is (line, section, turn, speaker, time)
//! and the sentence it is in. Pure but for reading the file and, for
//! `code:`, the store; callers run it file by file (a background thread,
//! or the command line's loop).
//!
//! Before a file is parsed, its decoded text is checked for what any match
//! must contain ([`could_match`]): the longest run of ASCII letters and
//! digits of the pattern, which no reader breaks (a wrapped line joins
//! ASCII words with a space), and, for formats without character escapes,
//! each other letter of it. Most files of a shelf hold neither and are
//! never parsed.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::counts;
use super::date;
use super::query::ShelfQuery;
use super::summary::{self, read_file};
use crate::store::anchor::{self, Anchor, Span};
use crate::store::codes::{Codebook, CodebookFile};
use crate::store::documents::Documents;
use crate::store::query::has_code_under;
use crate::store::{DataDirs, doc_hash};
use crate::transcript::formats::{self, Format, clock};
use crate::transcript::search::{self, Matcher};
use crate::transcript::{Document, LoadOptions, decode, sentences};

/// A hit's text longer than this (bytes) is cut to a window around it.
const MAX_TEXT: usize = 400;
/// How much of the text a cut window keeps on each side of the match.
const CONTEXT: usize = 150;

/// What a search needs besides the query: how to read the files, and for
/// `code:` the store (the data directories, the codebook and the document
/// index, read once for the whole shelf).
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub options: LoadOptions,
    /// `None`: no store, and `code:` finds nothing.
    pub data: Option<DataDirs>,
    pub book: Codebook,
    pub index: Documents,
}

impl Context {
    /// The context with the codebook and index read from `data`.
    pub fn new(options: LoadOptions, data: Option<DataDirs>) -> Context {
        let (book, index) = match &data {
            Some(dirs) => (CodebookFile::read(dirs).0, Documents::read(dirs)),
            None => (Codebook::default(), Documents::default()),
        };
        Context {
            options,
            data,
            book,
            index,
        }
    }
}

/// One match in a transcript of the shelf.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShelfHit {
    pub path: PathBuf,
    /// The source line (1-based) the match starts on.
    pub line: usize,
    /// The section (1-based, in document order).
    pub section: usize,
    pub section_title: Option<String>,
    /// The turn (1-based within the section).
    pub turn: usize,
    /// `None` for narration.
    pub speaker: Option<String>,
    /// Seconds, for timed formats: the start of the cue the match is in.
    pub time: Option<u64>,
    /// `time` in the document's one notation (`m:ss`, or `h:mm:ss` in a
    /// transcript that reaches an hour).
    pub clock: Option<String>,
    /// The sentence holding the match (a window of it when long), as the
    /// document has it: not sanitised.
    pub text: String,
    /// The match in `text` (bytes).
    pub range: Range<usize>,
    /// Where the match starts, as a bookmark anchors it.
    pub anchor: Anchor,
}

/// Every hit of `q` in the file at `path`, in document order; `Err` with
/// the reason when the file is not a transcript (binary, unreadable, too
/// large). An empty file, or one the query's `in:` or `after:` leaves out,
/// has no hits.
pub fn search_file(path: &Path, q: &ShelfQuery, ctx: &Context) -> Result<Vec<ShelfHit>, String> {
    if !q.admits_path(path) {
        return Ok(Vec::new());
    }
    let meta = std::fs::metadata(path).map_err(|e| summary::io_reason(&e))?;
    let bytes = read_file(path, &meta)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Vec::new());
    }
    let encoding = ctx.options.encoding.as_deref();
    let decoded = decode::decode_owned(bytes, encoding).map_err(|e| e.to_string())?;
    let ext = (ctx.options.extension.clone())
        .or_else(|| path.extension().map(|e| e.to_string_lossy().into_owned()));
    let format =
        (ctx.options.format).unwrap_or_else(|| formats::detect(&decoded.text, ext.as_deref()));
    if !could_match(q, &decoded.text, format) {
        return Ok(Vec::new());
    }
    let mut options = ctx.options.clone();
    options.extension = ext;
    let doc = summary::read_doc(path, decoded.text.into_bytes(), &options)?;
    if q.after().is_some() {
        let metadata = doc
            .metadata
            .iter()
            .map(|m| (m.key.as_str(), m.value.as_str()));
        let dated = date::from_meta(metadata).or_else(|| summary::file_date(&meta));
        if !q.admits_date(dated.as_deref()) {
            return Ok(Vec::new());
        }
    }
    let spans = match q.codes().is_empty() {
        true => None,
        false => Some(coded_spans(path, &doc, q, ctx)),
    };
    Ok(hits_in(path, &doc, q, spans.as_deref()))
}

/// The hits of `q` in a document already loaded (the reader's, say), with
/// `spans` the only places allowed when `code:` is in the query.
pub fn hits_in(
    path: &Path,
    doc: &Document,
    q: &ShelfQuery,
    spans: Option<&[Span]>,
) -> Vec<ShelfHit> {
    let mut out = Vec::new();
    for hit in search::search_all(q.matcher(), doc) {
        let section = &doc.sections[hit.section];
        let turn = &section.turns[hit.turn];
        if !q.admits_speaker(turn.speaker.as_deref()) {
            continue;
        }
        let paragraph = &turn.paragraphs[hit.paragraph];
        let anchor = Anchor {
            section: hit.section,
            turn: hit.turn,
            paragraph: hit.paragraph,
            offset: paragraph[..hit.start].chars().count(),
        };
        if spans.is_some_and(|spans| !spans.iter().any(|s| s.start <= anchor && anchor < s.end)) {
            continue;
        }
        let at = doc.text_pos(hit.section, hit.turn, hit.paragraph, hit.start);
        let (text, range) = sentence(paragraph, hit.range());
        let time = at.and_then(|at| doc.time_at(at, turn));
        out.push(ShelfHit {
            path: path.to_path_buf(),
            line: at.map_or(turn.line, |at| doc.line_at(at, turn)),
            section: hit.section + 1,
            section_title: section.title.clone(),
            turn: hit.turn + 1,
            speaker: turn.speaker.clone(),
            time: time.map(|t| t.max(0.0) as u64),
            clock: time.map(|t| clock::doc_clock(doc, t)),
            text,
            range,
            anchor,
        });
    }
    out
}

/// Where the document's bookmarks coded as `q` asks are now.
fn coded_spans(path: &Path, doc: &Document, q: &ShelfQuery, ctx: &Context) -> Vec<Span> {
    let Some(dirs) = &ctx.data else {
        return Vec::new();
    };
    let ids: Vec<&str> = (q.codes().iter())
        .filter_map(|c| ctx.book.find(c))
        .map(|c| c.id.as_str())
        .collect();
    let hash = doc_hash(doc);
    let marks = counts::bookmarks(dirs, &ctx.index, path, Some(&hash));
    (marks.iter())
        .filter(|b| ids.iter().any(|id| has_code_under(b, id, &ctx.book)))
        .filter_map(|b| anchor::resolve(doc, b).span())
        .collect()
}

/// The sentences of `paragraph` that `range` touches, and the range in
/// them; cut to a window around the match when long.
fn sentence(paragraph: &str, range: Range<usize>) -> (String, Range<usize>) {
    let spans = sentences::split(paragraph);
    let holds = |at: usize| spans.iter().find(|s| s.start <= at && at < s.end);
    let start = holds(range.start).map_or(range.start, |s| s.start.min(range.start));
    let end = holds(range.end.saturating_sub(1)).map_or(range.end, |s| s.end.max(range.end));
    let (mut from, mut to) = (start, end);
    if to - from > MAX_TEXT {
        from = floor(paragraph, range.start.saturating_sub(CONTEXT).max(start));
        to = ceil(paragraph, (range.end + CONTEXT).min(end));
    }
    let mut text = String::new();
    if from > start {
        text.push('…');
    }
    let shift = text.len();
    text.push_str(&paragraph[from..to]);
    if to < end {
        text.push('…');
    }
    let r = range.start - from + shift..range.end - from + shift;
    (text, r)
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Whether `text`, a file's decoded text read as `format`, can hold a
/// match of `q`: false only when the document cannot (see the module's
/// account); a regular expression is always tried.
pub fn could_match(q: &ShelfQuery, text: &str, format: Format) -> bool {
    if q.matcher().is_regex() {
        return true;
    }
    // Folded as the matcher folds, so `ｏｐｅｎ` has the ASCII run `open`.
    let pattern: String = q.pattern().nfkc().collect();
    let ascii = (pattern.split(|c: char| !c.is_ascii_alphanumeric()))
        .max_by_key(|run| run.len())
        .filter(|run| run.len() >= 3);
    if let Some(run) = ascii
        && Matcher::new(run, false).is_ok_and(|m| !m.is_match(text))
    {
        return false;
    }
    // Escapes and character references can spell any other letter.
    let escapes = matches!(
        format,
        Format::Json | Format::JsonLines | Format::Markdown | Format::Vtt
    );
    if escapes {
        return true;
    }
    let mut others: Vec<char> = (pattern.chars())
        .filter(|c| c.is_alphanumeric() && !c.is_ascii())
        .collect();
    others.sort_unstable();
    others.dedup();
    others.iter().take(4).all(|c| {
        let m = Matcher::new(c.encode_utf8(&mut [0; 4]), false);
        m.is_ok_and(|m| m.is_match(text))
    })
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
