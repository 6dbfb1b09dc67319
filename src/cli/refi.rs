//! The REFI-QDA formats at the edge: the bytes of `--bookmarks --format
//! qdc` (the codebook; no document needed) and `--format qdpx` (a project
//! of the documents), which `cli/export.rs` gathers and writes out as it
//! does every format, and `--import-codes FILE` (a codebook made
//! elsewhere, merged into the user's).

use std::io::{self, Cursor};
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};

use super::{Args, printable, reason, report, warn};
use crate::store::codes::{Codebook, CodebookFile};
use crate::store::export::ExportDoc;
use crate::store::refi::{self, QdpxOptions};
use crate::store::{DataDirs, rfc3339, unix_now};

/// A codebook file larger than this is refused: real ones are kilobytes,
/// a project with its sources some megabytes.
const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

/// `--bookmarks --format qdc`: the codebook as REFI-QDA XML; an empty
/// codebook is an error, not an empty file.
pub fn qdc(book: &Codebook, dirs: Option<&DataDirs>) -> Result<Vec<u8>> {
    if book.is_empty() {
        let path = dirs.map_or_else(String::new, |d| {
            format!(" ({})", CodebookFile::path_in(d).display())
        });
        bail!(
            "no codes to export: the codebook{} is empty",
            printable(&path)
        );
    }
    warn_long_names(book);
    let mut bytes = Vec::new();
    refi::write_qdc(book, &mut bytes)?;
    Ok(bytes)
}

/// Names MAXQDA would cut, said once per export (they are written whole:
/// the other tools keep them).
fn warn_long_names(book: &Codebook) {
    let long = refi::too_long_for_maxqda(book);
    if !long.is_empty() {
        warn(&format!(
            "MAXQDA keeps only the first {} characters of a code's name; longer here: {}",
            refi::MAXQDA_NAME_CHARS,
            long.join(", ")
        ));
    }
}

/// `--bookmarks --format qdpx`: the documents, their bookmarks (the query
/// applied) and the codebook as a REFI-QDA project. What could not go in
/// as a selection is told on standard error.
pub fn qdpx(args: &Args, docs: &[ExportDoc], book: &Codebook) -> Result<Vec<u8>> {
    let options = QdpxOptions {
        user: user(),
        now: rfc3339(unix_now()),
        speaker_codes: args.speaker_codes,
    };
    warn_long_names(book);
    let mut zip = Cursor::new(Vec::new());
    let exported = refi::write_qdpx(docs, book, &options, &mut zip)?;
    for w in &exported.warnings {
        warn(w);
    }
    Ok(zip.into_inner())
}

/// The user the project credits: the login name, else `tread`.
fn user() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.trim().is_empty()))
        .unwrap_or_else(|| "tread".to_string())
}

/// `--import-codes FILE`: merge a codebook made elsewhere into the user's,
/// and say what it did on one line (and what it could not do on more).
pub fn import_codes(args: &Args, path: &Path) -> Result<()> {
    let label = printable(&path.display().to_string());
    let bytes = read_limited(path).map_err(|e| anyhow!("cannot read {label}: {}", reason(&e)))?;
    let codes = refi::read_codes(&bytes).map_err(|e| anyhow!("{label}: {e}"))?;
    let dirs = DataDirs::resolve(args.data_dir.as_deref())?;
    let (mut file, warnings) = CodebookFile::open(&dirs);
    for w in warnings {
        warn(&w.to_string());
    }
    let plan = file.book().plan_import(&codes);
    let r = &plan.report;
    if !r.flattened.is_empty() {
        warn(&format!(
            "nested deeper than tread's one level, so flattened: {}",
            r.flattened.join(", ")
        ));
    }
    for (theirs, ours) in r.unchanged.iter().filter(|(t, o)| t != o) {
        warn(&format!("{theirs} is already here as {ours}; kept yours"));
    }
    for why in &r.skipped {
        warn(&format!("not imported: {why}"));
    }
    if !plan.changes.is_empty() {
        let saved = file
            .change(&plan.changes)
            .with_context(|| format!("the codebook was not saved ({label} not imported)"))?;
        for (_, e) in &saved.refused {
            warn(&format!("not imported: {e}"));
        }
        for (_, kept) in &saved.merged {
            let path = file.book().path(kept).unwrap_or_default();
            warn(&format!(
                "{path} was made meanwhile by another tread; kept that one"
            ));
        }
    }
    report(&r.summary());
    Ok(())
}

fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    if file.metadata()?.is_dir() {
        return Err(io::Error::other("it is a directory"));
    }
    let mut bytes = Vec::new();
    file.take(MAX_IMPORT_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(io::Error::other("it is too large for a codebook"));
    }
    Ok(bytes)
}
