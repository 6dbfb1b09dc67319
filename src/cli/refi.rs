//! The REFI-QDA formats at the edge: `--bookmarks --format qdc` (the
//! codebook; no document needed), `--bookmarks --format qdpx FILE` (a
//! project of the document, to `-o FILE` or a standard output that is not
//! a terminal), and `--import-codes FILE` (a codebook made elsewhere,
//! merged into the user's).
//!
//! The exports write nothing but their output: the codebook and the
//! bookmarks are read without locks, as `--bookmarks` always reads.

use std::io::{self, Cursor, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};

use super::{Args, Format, printable, reason, report, session, warn};
use crate::store::codes::CodebookFile;
use crate::store::refi::{self, ExportDoc, QdpxOptions};
use crate::store::{DataDirs, rfc3339, unix_now};
use crate::transcript::Document;

/// A codebook file larger than this is refused: real ones are kilobytes,
/// a project with its sources some megabytes.
const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

/// What `main` runs before reading any input: the codebook export and the
/// import need no document. `None` when the flags ask for neither.
pub fn without_input(args: &Args) -> Option<Result<()>> {
    if let Some(path) = &args.import_codes {
        return Some(import_codes(args, path));
    }
    match args.bookmark_format() {
        Ok(Format::Qdc) if args.bookmarks => Some(export_qdc(args)),
        Ok(Format::Qdpx) if args.all => Some(Err(anyhow!(
            "--format qdpx exports one document: name its FILE instead of --all"
        ))),
        _ => None,
    }
}

/// What the Markdown and JSON printers answer if handed a REFI format:
/// `main` sends those here first, so it is never seen.
pub fn elsewhere() -> io::Error {
    io::Error::other("the REFI-QDA formats are written by cli::refi")
}

/// `--bookmarks --format qdc`: the codebook as REFI-QDA XML.
fn export_qdc(args: &Args) -> Result<()> {
    let dirs = DataDirs::resolve(args.data_dir.as_deref())?;
    let (book, warnings) = CodebookFile::read(&dirs);
    for w in warnings {
        warn(&w.to_string());
    }
    if book.is_empty() {
        bail!(
            "no codes to export: the codebook ({}) is empty",
            printable(&CodebookFile::path_in(&dirs).display().to_string())
        );
    }
    let mut bytes = Vec::new();
    refi::write_qdc(&book, &mut bytes)?;
    write_out(args, &bytes, false)
}

/// `--bookmarks --format qdpx`: the document, its bookmarks and the
/// codebook as a REFI-QDA project.
pub fn export_qdpx(args: &Args, doc: &Document, name: &str) -> Result<()> {
    // Refused before any work: a zip on a terminal is noise and worse.
    if args.output.is_none() && io::stdout().is_terminal() {
        bail!("a qdpx project is a zip file: write it with -o FILE or redirect standard output");
    }
    let mut warnings = Vec::new();
    let dirs = session::data_dirs(args, &mut warnings);
    let key = session::identity(args, dirs.as_ref(), name, doc).key;
    let store = session::open_store(&dirs, &key, true, &mut warnings);
    let book = match &dirs {
        Some(d) => {
            let (book, w) = CodebookFile::read(d);
            warnings.extend(w.iter().map(ToString::to_string));
            book
        }
        None => Default::default(),
    };
    let bookmarks = store.as_ref().map_or(&[][..], |s| s.list());
    let options = QdpxOptions {
        user: user(),
        now: rfc3339(unix_now()),
        speaker_codes: args.speaker_codes,
    };
    let docs = [ExportDoc {
        name,
        doc,
        bookmarks,
    }];
    let mut zip = Cursor::new(Vec::new());
    let exported = refi::write_qdpx(&docs, &book, &options, &mut zip)?;
    for w in warnings.iter().chain(&exported.warnings) {
        warn(w);
    }
    write_out(args, zip.get_ref(), true)
}

/// The user the project credits: the login name, else `tread`.
fn user() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.trim().is_empty()))
        .unwrap_or_else(|| "tread".to_string())
}

/// To `-o FILE` (replaced whole: a temporary file renamed over it), or to
/// standard output; a binary refused on a terminal.
fn write_out(args: &Args, bytes: &[u8], binary: bool) -> Result<()> {
    let Some(path) = &args.output else {
        if binary && io::stdout().is_terminal() {
            bail!(
                "a qdpx project is a zip file: write it with -o FILE or redirect standard output"
            );
        }
        let mut out = io::stdout().lock();
        return match out.write_all(bytes).and_then(|()| out.flush()) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => Ok(other?),
        };
    };
    let label = printable(&path.display().to_string());
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let fail = |e: io::Error| anyhow!("cannot write {label}: {}", reason(&e));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.flush())
        .map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// `--import-codes FILE`: merge a codebook made elsewhere into the user's,
/// and say what it did on one line (and what it could not do on more).
fn import_codes(args: &Args, path: &Path) -> Result<()> {
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
