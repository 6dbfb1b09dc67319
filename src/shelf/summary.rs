//! What a shelf shows of one file ([`Summary`]): learnt from its head
//! cheaply, or from the whole file, never failing (a file that is not a
//! transcript has a `problem`).

use std::fs::{self, Metadata};
use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::date;
use crate::store::doc_hash;
use crate::transcript::formats::{self, Format, clock};
use crate::transcript::stats::analytics::Analytics;
use crate::transcript::{Document, LoadOptions, decode};

/// How much of a file [`Summary::of_head`] is meant to be given: the same
/// prefix format detection and the binary sniffing look at.
pub const HEAD_BYTES: usize = 64 * 1024;

/// Files larger than this are not read: the limit `tread FILE` has.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Where a summary's date came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DatedBy {
    /// A date in the transcript's metadata (`Date:`, `日期：`, front matter).
    Meta,
    /// The file's modification time (UTC).
    FileTime,
}

/// One transcript as a shelf lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The document's title (metadata or header), else the file stem.
    pub title: String,
    /// `YYYY-MM-DD`: from metadata, else the file's modification time.
    pub date: Option<String>,
    pub dated_by: DatedBy,
    /// The format the text was read as, by its `--input-format` name.
    pub format: String,
    /// Speakers, most words first.
    pub speakers: Vec<String>,
    pub turns: usize,
    /// Seconds, for timed formats.
    pub duration: Option<u64>,
    pub bytes: u64,
    /// False when learnt from the file's head only (the first 64 KiB): the
    /// speakers, turns and duration are then of that part.
    pub complete: bool,
    /// Why the file is not a transcript (binary, unreadable, no dialogue…).
    pub problem: Option<String>,
    /// [`doc_hash`] of the whole document, which finds its bookmarks
    /// ([`super::counts`]); `None` for a head or a file not read.
    #[serde(default)]
    pub doc_hash: Option<String>,
}

impl Summary {
    /// From the first bytes of a file (meant to be [`HEAD_BYTES`]);
    /// `complete` when they are the whole file. Cheap: only the head is
    /// decoded and parsed, and no claims are looked for.
    pub fn of_head(path: &Path, head: &[u8], meta: &Metadata) -> Summary {
        Self::of_head_with(path, head, meta, &LoadOptions::default())
    }

    /// [`of_head`](Self::of_head) with the user's encoding and speaker rules.
    pub fn of_head_with(
        path: &Path,
        head: &[u8],
        meta: &Metadata,
        options: &LoadOptions,
    ) -> Summary {
        let complete = head.len() as u64 >= meta.len();
        let bytes = if complete { head } else { whole_lines(head) };
        let mut summary = match read_doc(path, bytes.to_vec(), options) {
            Ok(doc) => Self::of_document(path, &doc, meta),
            Err(problem) => Self::failed(path, Some(meta), problem),
        };
        summary.complete = complete;
        if !complete {
            summary.doc_hash = None;
        }
        summary
    }

    /// From a document loaded whole.
    pub fn of_document(path: &Path, doc: &Document, meta: &Metadata) -> Summary {
        let metadata = doc
            .metadata
            .iter()
            .map(|m| (m.key.as_str(), m.value.as_str()));
        let (date, dated_by) = match date::from_meta(metadata) {
            Some(d) => (Some(d), DatedBy::Meta),
            None => (file_date(meta), DatedBy::FileTime),
        };
        let mut shares = Analytics::of(doc).shares();
        shares.sort_by_key(|s| std::cmp::Reverse(s.words));
        Summary {
            title: title_of(doc).unwrap_or_else(|| stem(path)),
            date,
            dated_by,
            format: doc.format.unwrap_or(Format::Text).name().to_string(),
            speakers: shares.into_iter().map(|s| s.name).collect(),
            turns: doc.turns().count(),
            duration: clock::length(doc).map(|s| s.max(0.0) as u64),
            bytes: meta.len(),
            complete: true,
            problem: no_dialogue(doc),
            doc_hash: Some(doc_hash(doc)),
        }
    }

    /// The whole file, loaded as the reader would (never panics; a
    /// `problem` on failure).
    pub fn read(path: &Path) -> Summary {
        Self::read_with(path, &LoadOptions::default())
    }

    /// [`read`](Self::read) with the user's encoding and speaker rules.
    pub fn read_with(path: &Path, options: &LoadOptions) -> Summary {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return Self::failed(path, None, io_reason(&e)),
        };
        match read_file(path, &meta) {
            Ok(bytes) => Self::of_bytes(path, bytes, &meta, options),
            Err(problem) => Self::failed(path, Some(&meta), problem),
        }
    }

    /// From the whole of a file's bytes, read already.
    pub fn of_bytes(
        path: &Path,
        bytes: Vec<u8>,
        meta: &Metadata,
        options: &LoadOptions,
    ) -> Summary {
        match read_doc(path, bytes, options) {
            Ok(doc) => Self::of_document(path, &doc, meta),
            Err(problem) => Self::failed(path, Some(meta), problem),
        }
    }

    /// The summary of a file that could not be read as a transcript.
    pub fn failed(path: &Path, meta: Option<&Metadata>, problem: String) -> Summary {
        Summary {
            title: stem(path),
            date: meta.and_then(file_date),
            dated_by: DatedBy::FileTime,
            format: String::new(),
            speakers: Vec::new(),
            turns: 0,
            duration: None,
            bytes: meta.map_or(0, Metadata::len),
            complete: true,
            problem: Some(problem),
            doc_hash: None,
        }
    }
}

/// The bytes of a file the reader would open; too large, a folder or an
/// unreadable file is why not.
pub fn read_file(path: &Path, meta: &Metadata) -> Result<Vec<u8>, String> {
    if meta.is_dir() {
        return Err("a folder".to_string());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!("larger than {} MiB", MAX_FILE_BYTES >> 20));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let file = fs::File::open(path).map_err(|e| io_reason(&e))?;
    (file.take(MAX_FILE_BYTES + 1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    Ok(bytes)
}

/// Decode and read as `load` does, without looking for claims (a summary
/// has no use for them); the format read as is recorded in the document.
pub fn read_doc(path: &Path, bytes: Vec<u8>, options: &LoadOptions) -> Result<Document, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".to_string());
    }
    let decoded =
        decode::decode_owned(bytes, options.encoding.as_deref()).map_err(|e| e.to_string())?;
    let ext = options.extension.clone().or_else(|| extension(path));
    let (format, mut doc) = match options.format {
        Some(f) => (
            f,
            formats::read_with(&decoded.text, f, &options.speakers).map_err(|e| e.to_string())?,
        ),
        None => {
            let detected = formats::detect(&decoded.text, ext.as_deref());
            formats::read_detected(&decoded.text, detected, &options.speakers)
        }
    };
    doc.format = Some(format);
    doc.encoding = decoded.encoding;
    Ok(doc)
}

/// An I/O error as a reason, without Rust's ` (os error 2)` suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().into_owned())
}

pub(super) fn stem(path: &Path) -> String {
    path.file_stem().or(path.file_name()).map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// A `title` metadata value, else the document's title line, without the
/// `Title:` label it may be written with.
fn title_of(doc: &Document) -> Option<String> {
    let is_title = |k: &str| matches!(k.trim().to_lowercase().as_str(), "title" | "标题" | "標題");
    let meta = doc
        .metadata
        .iter()
        .find(|m| is_title(&m.key))
        .map(|m| m.value.as_str());
    let line = doc
        .title
        .as_deref()
        .map(|t| match t.split_once([':', '：']) {
            Some((label, rest)) if is_title(label) => rest,
            _ => t,
        });
    let title = meta.or(line)?.trim();
    (!title.is_empty()).then(|| title.to_string())
}

pub(super) fn file_date(meta: &Metadata) -> Option<String> {
    meta.modified().ok().and_then(date::of_time)
}

/// A document without a single turn is not a transcript.
fn no_dialogue(doc: &Document) -> Option<String> {
    if doc.turns().next().is_some() {
        return None;
    }
    let said = doc.warnings.iter().find(|w| w.starts_with("no dialogue"));
    Some(
        said.cloned()
            .unwrap_or_else(|| "no dialogue found".to_string()),
    )
}

/// A head cut after its last line feed, so no character or line is cut in
/// half (in UTF-16LE the line feed's zero byte is kept with it).
fn whole_lines(head: &[u8]) -> &[u8] {
    match memchr::memrchr(b'\n', head) {
        Some(i) => {
            let mut end = i + 1;
            if end % 2 == 1 && head.get(end) == Some(&0) {
                end += 1;
            }
            &head[..end]
        }
        None => head,
    }
}

#[cfg(test)]
#[path = "summary_tests.rs"]
mod tests;
