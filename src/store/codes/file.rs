//! The codebook on disk: `<data>/codebook.json`, one file for every
//! document, `{ "version": 1, "codes": [Code, …] }`.
//!
//! Saved as reading positions are: under the sidecar lock
//! `codebook.json.lock`, re-read, the changes applied to what is there,
//! written atomically. Applying changes to the file as it is, rather than
//! writing a copy, is what lets two instances code at once: each one's new
//! codes land in the other's book. A change that cannot be saved (a full
//! disk, a read-only directory) is kept and tried again with the next one;
//! it is never dropped without a word. A file that cannot be parsed is set
//! aside, as for bookmarks.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Map, Value};

use super::{Code, CodeChange, CodeError, Codebook};
use crate::store::atomic::{self, Parsed};
use crate::store::logfile::{Stamp, stamp_at};
use crate::store::paths::DataDirs;
use crate::store::{StoreError, Warning};

pub const VERSION: u64 = 1;

/// The codebook file and what is waiting to be saved in it.
#[derive(Debug)]
pub struct CodebookFile {
    path: PathBuf,
    book: Codebook,
    pending: Vec<CodeChange>,
    read_only: Option<String>,
    warnings: Vec<Warning>,
    /// The file as last read or written here: a different stamp means
    /// another instance saved it since ([`CodebookFile::refresh`]).
    stamp: Option<Stamp>,
}

/// What saving some changes did.
#[derive(Debug, Default, PartialEq)]
pub struct Saved {
    /// Changes that do not apply to the book as it now is, with why.
    pub refused: Vec<(CodeChange, CodeError)>,
    /// Codes this instance made that another made first under the same
    /// name: (this one's id, the id the book keeps). Quotes coded with the
    /// first should be coded with the second.
    pub merged: Vec<(String, String)>,
}

impl CodebookFile {
    pub fn path_in(dirs: &DataDirs) -> PathBuf {
        dirs.data.join("codebook.json")
    }

    pub fn open(dirs: &DataDirs) -> (CodebookFile, Vec<Warning>) {
        Self::open_file(Self::path_in(dirs))
    }

    pub fn open_file(path: PathBuf) -> (CodebookFile, Vec<Warning>) {
        let guard = atomic::lock(&path);
        let loaded = match &guard {
            Ok(_) => {
                atomic::remove_strays(&path);
                atomic::load(&path, parse)
            }
            Err(e) => atomic::load_unlocked(&path, parse, e),
        };
        let stamp = stamp_at(&path, false);
        let file = CodebookFile {
            path,
            book: loaded.value,
            pending: Vec::new(),
            read_only: loaded.read_only,
            warnings: Vec::new(),
            stamp,
        };
        (file, loaded.warning.into_iter().collect())
    }

    /// The book as it is on disk, for the print modes (`--bookmarks`,
    /// `--codes`): no lock taken, nothing set aside or written. A damaged
    /// file gives what could be read of it, with a warning.
    pub fn read(dirs: &DataDirs) -> (Codebook, Vec<Warning>) {
        let path = Self::path_in(dirs);
        let warn = |reason: String| Warning::ReadOnly {
            path: path.clone(),
            reason,
        };
        match atomic::read(&path) {
            atomic::ReadOutcome::Missing => (Codebook::default(), Vec::new()),
            atomic::ReadOutcome::Unreadable(e) => (
                Codebook::default(),
                vec![warn(format!("cannot read it: {e}"))],
            ),
            atomic::ReadOutcome::Bytes(bytes) => match parse(&bytes) {
                Parsed::Good(book) | Parsed::Newer { value: book, .. } => (book, Vec::new()),
                Parsed::Bad {
                    reason,
                    value,
                    salvaged,
                } => {
                    let reason = format!(
                        "damaged ({reason}); showing the {salvaged} codes that could be read"
                    );
                    (value, vec![warn(reason)])
                }
            },
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The book as last read or saved, with the unsaved changes applied.
    pub fn book(&self) -> &Codebook {
        &self.book
    }

    pub fn pending_count(&self) -> usize {
        self.pending.len()
    }

    /// Warnings raised by saves since the last call.
    pub fn take_warnings(&mut self) -> Vec<Warning> {
        std::mem::take(&mut self.warnings)
    }

    /// Apply `changes` and save them with any still unsaved. On an error
    /// the changes are kept in the book and queued; the next save retries.
    pub fn change(&mut self, changes: &[CodeChange]) -> Result<Saved, StoreError> {
        let mut saved = Saved::default();
        for c in changes {
            match self.book.apply(c) {
                Ok(()) => self.pending.push(c.clone()),
                Err(e) => saved.refused.push((c.clone(), e)),
            }
        }
        let more = self.flush()?;
        saved.refused.extend(more.refused);
        saved.merged.extend(more.merged);
        Ok(saved)
    }

    /// Save the queued changes: lock, re-read, apply them to what is there,
    /// write atomically. Also picks up what other instances saved.
    pub fn flush(&mut self) -> Result<Saved, StoreError> {
        let (_guard, mut book) =
            atomic::begin_save(&self.path, &mut self.read_only, &mut self.warnings, parse)?;
        let mut saved = Saved::default();
        for c in &self.pending {
            match book.apply(c) {
                Ok(()) => {}
                // Saved before, by a save whose answer was lost.
                Err(CodeError::Exists(_)) if book_has(&book, c) => {}
                Err(e) => match same_code(&book, c) {
                    Some(pair) => saved.merged.push(pair),
                    None => saved.refused.push((c.clone(), e)),
                },
            }
        }
        let bytes = encode(&self.path, &book)?;
        atomic::write(&self.path, &bytes)?;
        // Under the lock still, so no other save comes between.
        self.stamp = stamp_at(&self.path, false);
        self.pending.clear();
        self.book = book;
        Ok(saved)
    }

    /// Read the book again if another instance saved it since this one
    /// last read or wrote it; whether it did. Cheap when it did not (one
    /// `stat`). Nothing is read while changes of this session wait: the
    /// next save re-reads the file and merges them with what is there.
    pub fn refresh(&mut self) -> bool {
        let now = stamp_at(&self.path, false);
        if !self.pending.is_empty() || now == self.stamp {
            return false;
        }
        self.stamp = now;
        let atomic::ReadOutcome::Bytes(bytes) = atomic::read(&self.path) else {
            return false;
        };
        match parse(&bytes) {
            Parsed::Good(book) | Parsed::Newer { value: book, .. } => {
                let changed = book != self.book;
                self.book = book;
                changed
            }
            // Being written by something that does not write atomically,
            // or damaged: the next save sets it aside and says so.
            Parsed::Bad { .. } => false,
        }
    }
}

/// Whether `change` is a creation the book already holds under its id.
fn book_has(book: &Codebook, change: &CodeChange) -> bool {
    matches!(change, CodeChange::Create { id, .. } if book.get(id).is_some())
}

/// For a creation refused because the name is taken under the same
/// parent: (its id, the id of the code that has the name).
fn same_code(book: &Codebook, change: &CodeChange) -> Option<(String, String)> {
    let CodeChange::Create {
        id, name, parent, ..
    } = change
    else {
        return None;
    };
    let path = match parent.as_deref().and_then(|p| book.path(p)) {
        Some(p) => format!("{p}/{name}"),
        None => name.clone(),
    };
    Some((id.clone(), book.find(&path)?.id.clone()))
}

#[derive(Serialize)]
struct FileOut<'a> {
    version: u64,
    codes: &'a [Code],
}

fn encode(path: &Path, book: &Codebook) -> Result<Vec<u8>, StoreError> {
    let file = FileOut {
        version: VERSION,
        codes: book.codes(),
    };
    let mut bytes = serde_json::to_vec_pretty(&file).map_err(|source| StoreError::Encode {
        path: path.to_path_buf(),
        source,
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn parse(bytes: &[u8]) -> Parsed<Codebook> {
    let bad = |reason: String, codes: Vec<Code>| Parsed::Bad {
        reason,
        salvaged: codes.len(),
        value: Codebook::new(codes),
    };
    let root: Map<String, Value> = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return bad(format!("not valid JSON: {e}"), Vec::new()),
    };
    let Some(items) = root.get("codes").and_then(Value::as_array) else {
        return bad("no list of codes".into(), Vec::new());
    };
    let mut codes = Vec::new();
    let mut failed = 0;
    for v in items {
        match serde_json::from_value::<Code>(v.clone()) {
            Ok(c) => codes.push(c),
            Err(_) => failed += 1,
        }
    }
    let version = root.get("version").and_then(Value::as_u64);
    let count = codes.len();
    atomic::by_version(
        version,
        VERSION,
        (Codebook::new(codes), count, failed),
        "codes",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn create(id: &str, name: &str) -> CodeChange {
        CodeChange::Create {
            id: id.into(),
            name: name.into(),
            parent: None,
            color: None,
        }
    }

    #[test]
    fn two_instances_keep_each_others_codes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("codebook.json");
        let (mut a, _) = CodebookFile::open_file(path.clone());
        let (mut b, _) = CodebookFile::open_file(path.clone());
        a.change(&[create("1", "pricing")]).unwrap();
        b.change(&[create("2", "timing")]).unwrap();
        let names: Vec<&str> = b.book().codes().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["pricing", "timing"]);
        let (c, warnings) = CodebookFile::open_file(path);
        assert!(warnings.is_empty());
        assert_eq!(c.book().codes().len(), 2);
    }

    #[test]
    fn codes_another_instance_saved_are_read_on_refresh() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("codebook.json");
        let (mut a, _) = CodebookFile::open_file(path.clone());
        let (mut b, _) = CodebookFile::open_file(path.clone());
        assert!(!b.refresh(), "nothing changed yet");
        a.change(&[create("1", "pricing")]).unwrap();
        assert!(!a.refresh(), "its own save is not news to it");
        assert!(b.refresh());
        assert_eq!(b.book().codes()[0].name, "pricing");
        assert!(!b.refresh(), "read once");
        a.change(&[CodeChange::Rename {
            id: "1".into(),
            name: "price".into(),
        }])
        .unwrap();
        assert!(b.refresh());
        assert_eq!(b.book().codes()[0].name, "price");
    }

    #[test]
    fn a_change_that_cannot_be_saved_is_kept_and_retried() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("data");
        let path = blocked.join("codebook.json");
        let (mut f, _) = CodebookFile::open_file(path.clone());
        // A file where the directory must be: no save can succeed.
        std::fs::remove_dir_all(&blocked).unwrap();
        std::fs::write(&blocked, "x").unwrap();
        assert!(f.change(&[create("1", "pricing")]).is_err());
        assert_eq!((f.pending_count(), f.book().codes().len()), (1, 1));
        std::fs::remove_file(&blocked).unwrap();
        f.change(&[create("2", "timing")]).unwrap();
        assert_eq!(f.pending_count(), 0);
        let (again, _) = CodebookFile::open_file(path);
        assert_eq!(again.book().codes().len(), 2);
    }

    #[test]
    fn a_code_another_instance_made_first_is_the_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("codebook.json");
        let (mut a, _) = CodebookFile::open_file(path.clone());
        let (mut b, _) = CodebookFile::open_file(path);
        a.change(&[create("1", "pricing")]).unwrap();
        // b has not seen a's code: its own applies in memory, and the save
        // finds a's there and says which one the book keeps.
        let saved = b.change(&[create("2", "Pricing")]).unwrap();
        assert_eq!(saved.merged, [("2".to_string(), "1".to_string())]);
        assert!(saved.refused.is_empty());
        assert_eq!(b.book().codes().len(), 1);
        assert_eq!(b.book().codes()[0].id, "1");
    }

    #[test]
    fn a_bad_file_is_set_aside_and_a_newer_one_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("codebook.json");
        std::fs::write(&path, "{ not json").unwrap();
        let (_, warnings) = CodebookFile::open_file(path.clone());
        assert!(
            matches!(warnings[..], [Warning::SetAside { .. }]),
            "{warnings:?}"
        );
        std::fs::write(&path, r#"{"version": 9, "codes": []}"#).unwrap();
        let (mut f, warnings) = CodebookFile::open_file(path.clone());
        assert!(
            matches!(warnings[..], [Warning::ReadOnly { .. }]),
            "{warnings:?}"
        );
        assert!(f.change(&[create("1", "x")]).is_err());
        assert_eq!(f.pending_count(), 1, "kept, not dropped");
        let on_disk = std::fs::read_to_string(&path).unwrap();
        assert!(on_disk.contains("\"version\": 9"));
    }
}
