//! A shelf: a folder (or several files) of transcripts as one thing. Beside
//! `store` in the layers: it reads files and the store, names nothing of the
//! reader or the terminal.
//!
//! - [`walk`]: the files under the roots, in path order, as ripgrep walks
//!   them (`.gitignore`, `.ignore`, hidden files skipped; a root given as a
//!   file is taken as it is).
//! - [`Summary`]: what a library row shows of one file: title, date,
//!   format, speakers, turns, duration, size, or why it is not a
//!   transcript. [`Summary::of_head`] from the first [`HEAD_BYTES`] (cheap,
//!   `complete` only when that is the whole file), [`Summary::read`] from
//!   the whole file.
//! - [`Cache`]: summaries kept between runs, keyed by content, found by
//!   each file's stamp without reading it. [`Cache::lookup`] answers from
//!   the stamp alone (for a first frame); [`Cache::summary`] reads and
//!   hashes the file when it must. [`Cache::save`] once a scan is done.
//! - [`scan`]: the summaries of what [`walk`] found, file by file, lazily,
//!   through the cache if one is given. Call it from a background thread;
//!   each item costs a read and a parse on a miss, a `stat` on a hit.
//! - [`counts`]: a transcript's bookmarks and codes, from the store, read
//!   each time (never cached).
//! - [`ShelfQuery`]: the search's filters (`spk:`, `code:`, `in:`,
//!   `after:`) and pattern; [`ShelfQuery::admits`] decides what a summary
//!   can. [`search_file`]: one file's hits ([`ShelfHit`]), parsing only
//!   files whose text could match. [`Context`]: the load options and, for
//!   `code:`, the store, made once per search.
//!
//! A library view would: `walk`, show rows from `Cache::lookup` (or
//! `Summary::of_head` on a miss), then run `scan` in the background to
//! complete them, and `Cache::save` at the end.

pub mod cache;
pub mod counts;
pub mod date;
pub mod query;
pub mod search;
pub mod summary;
pub mod walk;

use std::path::PathBuf;

use crate::transcript::LoadOptions;

pub use cache::Cache;
pub use counts::{Counts, counts};
pub use query::{QueryError, ShelfQuery};
pub use search::{Context, ShelfHit, search_file};
pub use summary::{DatedBy, HEAD_BYTES, Summary};
pub use walk::{Found, walk};

/// The whole-file summary of each file found, in order, through `cache`
/// when given; an entry the walk could not read is a summary with its
/// problem. Lazy: nothing is read until the iterator is advanced.
pub fn scan<'a>(
    found: &'a [Found],
    cache: Option<&'a Cache>,
) -> impl Iterator<Item = (PathBuf, Summary)> + 'a {
    static DEFAULT: std::sync::OnceLock<LoadOptions> = std::sync::OnceLock::new();
    scan_with(found, cache, DEFAULT.get_or_init(LoadOptions::default))
}

/// [`scan`] with the user's encoding and speaker rules.
pub fn scan_with<'a>(
    found: &'a [Found],
    cache: Option<&'a Cache>,
    options: &'a LoadOptions,
) -> impl Iterator<Item = (PathBuf, Summary)> + 'a {
    found.iter().map(move |f| {
        let summary = match (&f.problem, cache) {
            (Some(problem), _) => Summary::failed(&f.path, None, problem.clone()),
            (None, Some(cache)) => cache.summary(&f.path, options),
            (None, None) => Summary::read_with(&f.path, options),
        };
        (f.path.clone(), summary)
    })
}
