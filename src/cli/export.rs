//! `--bookmarks` (and the gathering `--codes` shares with it): each
//! document's bookmarks, from one document or the quote bank (`--all`);
//! the query applied, so every writer gets only the bookmarks it matched;
//! the export in the format asked for, to standard output or `-o FILE`.
//!
//! Markdown starts with `N of M quotes match `QUERY`` when a query is
//! given; JSON and CSV stay pure data. With `--all` and a query, documents
//! with no matching quote are left out.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::bank::{self, Shelved};
use super::{Args, FlagError, Format, output, refi, session};
use crate::store::DataDirs;
use crate::store::bookmarks::Bookmark;
use crate::store::cite::{Citation, cite_all};
use crate::store::codes::{Codebook, CodebookFile};
use crate::store::export::{self, ExportDoc};
use crate::store::query::Query;
use crate::text;
use crate::transcript::{Document, LoadOptions};

/// Whose bookmarks: the document read, or every document in the store.
pub enum Source {
    One { doc: Box<Document>, name: String },
    All,
}

/// The bookmarks of every document, the query applied.
pub struct Gathered {
    pub book: Codebook,
    pub shelf: Vec<Shelved>,
    /// One document given, not the bank.
    pub single: bool,
    /// The query, if one was given and it has terms.
    pub query: Option<Query>,
    /// Bookmarks before the query, in every document.
    pub total: usize,
    /// Bookmarks the query matched.
    pub matched: usize,
}

/// A document that could not be read again: its bookmarks cite as detached.
static EMPTY: std::sync::LazyLock<Document> = std::sync::LazyLock::new(Document::default);

impl Gathered {
    /// The documents as the writers take them.
    pub fn docs(&self) -> Vec<ExportDoc<'_>> {
        self.shelf
            .iter()
            .map(|s| s.export(s.doc.as_ref().unwrap_or(&EMPTY)))
            .collect()
    }

    /// Each document's name and its bookmarks cited, in export order.
    pub fn cited(&self) -> Vec<(&str, Vec<(&Bookmark, Citation)>)> {
        self.docs()
            .into_iter()
            .map(|d| (d.name, cite_all(d.doc, d.bookmarks)))
            .collect()
    }

    /// The files the bookmarks were read with, which `-o` must not replace.
    fn inputs(&self) -> impl Iterator<Item = &Path> {
        self.shelf.iter().filter_map(|s| s.path.as_deref())
    }
}

/// What `--bookmarks` and `--codes` settle before the document is read:
/// where the output may go, the codebook, and the query checked against
/// it, so a bad flag fails before standard input is waited on or the
/// document's warnings are printed.
pub struct Prepared {
    book: Codebook,
    query: Option<Query>,
}

/// Check the output and read the codebook; check the query's codes in it
/// (an unknown one is a [`FlagError`]). A binary export format is refused
/// on a terminal here.
pub fn prepare(args: &Args, stdout_is_terminal: bool) -> Result<Prepared> {
    if args.bookmarks {
        let format = args.bookmark_format().map_err(FlagError)?;
        let to_file = output::file_of(args.output.as_deref()).is_some();
        output::check_binary(format, to_file, stdout_is_terminal)?;
    }
    // No data directory: no codebook; the store says why when it opens.
    let book = DataDirs::resolve(args.data_dir.as_deref()).map_or_else(
        |_| Codebook::default(),
        |dirs| {
            let (book, warnings) = CodebookFile::read(&dirs);
            for w in warnings {
                super::warn(&w.to_string());
            }
            book
        },
    );
    let query = args.query().map_err(FlagError)?.filter(|q| !q.is_empty());
    if let Some(q) = &query {
        q.check(&book)
            .map_err(|e| FlagError(format!("invalid --query: {e}")))?;
    }
    Ok(Prepared { book, query })
}

/// Gather the bookmarks `args` asks for and apply the query.
pub fn gather(
    args: &Args,
    prepared: Prepared,
    source: Source,
    options: &LoadOptions,
) -> Result<Gathered> {
    let Prepared { book, query } = prepared;
    let (mut shelf, single) = match source {
        Source::One { doc, name } => {
            let bookmarks = session::stored_bookmarks(args, &doc, &name);
            let path = args.file.clone().filter(|p| p.as_os_str() != "-");
            (vec![one(name, path, *doc, bookmarks)], true)
        }
        Source::All => {
            let dirs = DataDirs::resolve(args.data_dir.as_deref())?;
            (bank::shelve(&dirs, options), false)
        }
    };
    let total = shelf.iter().map(|s| s.bookmarks.len()).sum();
    if let Some(q) = &query {
        for s in &mut shelf {
            let doc = s.doc.as_ref().unwrap_or(&EMPTY);
            let kept: Vec<Bookmark> = q
                .filter(cite_all(doc, &s.bookmarks), &book)
                .into_iter()
                .map(|(b, _)| b.clone())
                .collect();
            s.bookmarks = kept;
        }
        if !single {
            shelf.retain(|s| !s.bookmarks.is_empty());
        }
    }
    let matched = shelf.iter().map(|s| s.bookmarks.len()).sum();
    Ok(Gathered {
        book,
        shelf,
        single,
        query,
        total,
        matched,
    })
}

fn one(name: String, path: Option<PathBuf>, doc: Document, bookmarks: Vec<Bookmark>) -> Shelved {
    Shelved {
        file: path
            .as_deref()
            .map_or_else(|| name.clone(), |p| p.display().to_string()),
        name,
        path,
        also: Vec::new(),
        doc: Ok(doc),
        bookmarks,
    }
}

/// `--bookmarks --format qdc`: the codebook alone, no document read.
pub fn codebook(args: &Args, prepared: Prepared) -> Result<()> {
    let dirs = DataDirs::resolve(args.data_dir.as_deref()).ok();
    let bytes = refi::qdc(&prepared.book, dirs.as_ref())?;
    output::emit(args.output.as_deref(), &bytes, [])
}

/// `--bookmarks`: gather, write in the format asked for, put it where `-o`
/// says.
pub fn run(args: &Args, prepared: Prepared, source: Source, options: &LoadOptions) -> Result<()> {
    let format = args.bookmark_format().map_err(FlagError)?;
    let gathered = gather(args, prepared, source, options)?;
    let bytes = render(args, format, &gathered)?;
    output::emit(args.output.as_deref(), &bytes, gathered.inputs())
}

/// The export's bytes.
fn render(args: &Args, format: Format, g: &Gathered) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    match format {
        Format::Markdown => out = markdown(args, g)?.into_bytes(),
        Format::Json => {
            let value = match (g.single, g.docs().first()) {
                (true, Some(d)) => export::json(d, &g.book),
                _ => bank::json(&g.shelf, &g.book),
            };
            super::write_json(&mut out, &value)?;
        }
        Format::Csv => export::write_csv(&mut out, &g.docs(), &g.book)?,
        Format::Qdpx => out = refi::qdpx(args, &g.docs(), &g.book)?,
        Format::Qdc => out = refi::qdc(&g.book, None)?,
    }
    Ok(out)
}

/// The Markdown export, plain or grouped, with the match line first when
/// a query was given; sanitised here, since store text never went through
/// the decoder (a note may hold anything a synced file put there).
fn markdown(args: &Args, g: &Gathered) -> Result<String> {
    let body = match (args.group().map_err(FlagError)?, g.single) {
        (Some(by), _) => export::grouped(&g.docs(), &g.book, by),
        (None, true) => g
            .docs()
            .first()
            .map(|d| export::markdown(d, &g.book))
            .unwrap_or_default(),
        (None, false) => bank::markdown(&g.shelf, &g.book),
    };
    let mut text = String::new();
    if let Some(q) = &g.query {
        text.push_str(&export::match_line(g.matched, g.total, q.as_str()));
        text.push('\n');
        if !body.is_empty() {
            text.push('\n');
        }
    }
    text.push_str(&body);
    Ok(text::sanitise_lines(&text).into_owned())
}
