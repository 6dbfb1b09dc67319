//! Which store a document uses: the record of every document that has
//! bookmarks, so a document is found by its content first, then by its path.
//!
//! `<data>/bookmarks/documents.log` holds one JSON line per (store key,
//! path, content hash) a save has seen. Opening a document looks for, in
//! order: a record with both its path and its hash; one with its hash (a
//! copy, or a moved file); one with its path (an edited file). Without any,
//! the key is derived as before: from the path, or from the content for
//! standard input and the bundled sample. Two different documents therefore
//! share a store only if one replaced the other at the same path.
//!
//! The file is append-only and small (a line per place a document was seen
//! with bookmarks), so it is never rewritten: appends take an exclusive lock
//! on the file itself and write one whole line, readers skip a torn last
//! line and any line they cannot parse. Only a save appends: reading a
//! document writes nothing here.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::StoreError;
use super::identity::DocKey;
use super::paths::DataDirs;

/// One place a document with bookmarks was seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Seen {
    /// The store's file stem ([`DocKey::key`]).
    pub key: String,
    /// The canonical path, `None` for standard input and the sample.
    #[serde(default)]
    pub path: Option<PathBuf>,
    /// [`super::doc_hash`] of the text at that time.
    pub hash: String,
    /// What the user called it: the path as shown, or `stdin`.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    /// Fields written by a newer tread, kept when read back.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, Value>,
}

/// Every record, oldest first.
#[derive(Debug, Default, Clone)]
pub struct Documents {
    pub records: Vec<Seen>,
}

/// The index file under `dirs`.
pub fn index_path(dirs: &DataDirs) -> PathBuf {
    dirs.data.join("bookmarks").join("documents.log")
}

impl Documents {
    /// Read the index; a missing or unreadable file is an empty index
    /// (bookmarks then fall back to the path-derived key, as before).
    pub fn read(dirs: &DataDirs) -> Documents {
        let mut text = String::new();
        let read = open_existing(&index_path(dirs)).and_then(|mut f| f.read_to_string(&mut text));
        if read.is_err() {
            return Documents::default();
        }
        Documents::parse(&text)
    }

    pub fn parse(text: &str) -> Documents {
        // A line without its newline was being written when a process died.
        let complete = text.rfind('\n').map_or("", |end| &text[..end]);
        let records = complete
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        Documents { records }
    }

    /// The record naming the store of a document at `path` with `hash`.
    pub fn find(&self, path: Option<&Path>, hash: &str) -> Option<&Seen> {
        let newest = |f: &dyn Fn(&Seen) -> bool| self.records.iter().rev().find(|r| f(r));
        let same_path = |r: &Seen| path.is_some() && r.path.as_deref() == path;
        newest(&|r| r.hash == hash && same_path(r))
            .or_else(|| newest(&|r| r.hash == hash))
            .or_else(|| newest(&same_path))
    }

    /// True if `seen` adds nothing: the same key, path and hash are recorded.
    pub fn knows(&self, seen: &Seen) -> bool {
        self.records
            .iter()
            .any(|r| r.key == seen.key && r.path == seen.path && r.hash == seen.hash)
    }

    /// Every place the store `key` was seen, newest first, one per path.
    pub fn places(&self, key: &str) -> Vec<&Seen> {
        let mut out: Vec<&Seen> = Vec::new();
        for r in self.records.iter().rev().filter(|r| r.key == key) {
            if !out.iter().any(|o| o.path == r.path) {
                out.push(r);
            }
        }
        out
    }

    /// Append `seen` to the index under `dirs`.
    pub fn record(dirs: &DataDirs, seen: &Seen) -> Result<(), StoreError> {
        let path = index_path(dirs);
        let dir = path.parent().unwrap_or(&dirs.data);
        std::fs::create_dir_all(dir).map_err(|e| StoreError::io("cannot create", dir, e))?;
        let mut line = serde_json::to_vec(seen).map_err(|source| StoreError::Encode {
            path: path.clone(),
            source,
        })?;
        line.push(b'\n');
        let mut file = open_append(&path).map_err(|e| StoreError::io("cannot open", &path, e))?;
        file.lock()
            .map_err(|e| StoreError::io("cannot lock", &path, e))?;
        file.write_all(&line)
            .and_then(|()| file.sync_data())
            .map_err(|e| StoreError::io("cannot write", &path, e))
    }
}

/// The key of every store under `dirs`, sorted: the file stems of
/// snapshots (`<key>.json`) and logs (`<key>.log`), whatever the index says,
/// so a store made before the index existed is listed too.
pub fn store_keys(dirs: &DataDirs) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dirs.data.join("bookmarks")) else {
        return Vec::new();
    };
    let mut keys: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let stem = name
                .strip_suffix(".json")
                .or_else(|| name.strip_suffix(".log"))?;
            (!stem.starts_with('.') && name != "documents.log").then(|| stem.to_string())
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The identity of an open document: the store key to use, and the record
/// to add to the index when its store is first written.
#[derive(Debug, Clone)]
pub struct Identity {
    pub key: DocKey,
    pub seen: Seen,
}

impl Identity {
    /// Find the store of a document. `path` is `None` for standard input and
    /// the bundled sample, whose content is their identity.
    pub fn find(
        index: &Documents,
        path: Option<&Path>,
        name: &str,
        doc: &crate::transcript::Document,
    ) -> Identity {
        let derived = match path {
            Some(p) => DocKey::for_path(p),
            None => DocKey::for_content(name, doc),
        };
        Self::find_or(index, path, derived, name, doc)
    }

    /// [`find`](Self::find), with the key to use when the index knows
    /// nothing of the document: a file holding the bundled sample takes the
    /// sample's, yet is recorded at its path so it keeps them once edited.
    pub fn find_or(
        index: &Documents,
        path: Option<&Path>,
        derived: DocKey,
        name: &str,
        doc: &crate::transcript::Document,
    ) -> Identity {
        Self::find_hashed(index, path, derived, name, doc, super::doc_hash(doc))
    }

    /// [`find_or`](Self::find_or) for a document whose hash is known
    /// already (a large one is hashed where it was parsed).
    pub fn find_hashed(
        index: &Documents,
        path: Option<&Path>,
        derived: DocKey,
        name: &str,
        doc: &crate::transcript::Document,
        hash: String,
    ) -> Identity {
        let canonical = path.map(canonical);
        let key = match index.find(canonical.as_deref(), &hash) {
            Some(found) => DocKey {
                key: found.key.clone(),
                display: derived.display,
            },
            None => derived,
        };
        let seen = Seen {
            key: key.key.clone(),
            path: canonical,
            hash,
            name: name.to_string(),
            title: doc.title.clone(),
            extra: serde_json::Map::new(),
        };
        Identity { key, seen }
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

fn open_existing(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    no_follow(&mut options);
    options.open(path)
}

fn open_append(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    no_follow(&mut options);
    options.open(path)
}

/// A symbolic link at the index path is refused rather than followed, so
/// nothing is written outside the data directory.
#[cfg(unix)]
fn no_follow(options: &mut OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt;
    options.custom_flags(libc::O_NOFOLLOW);
}

#[cfg(not(unix))]
fn no_follow(_options: &mut OpenOptions) {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::parse::parse;

    fn seen(key: &str, path: Option<&str>, hash: &str) -> Seen {
        Seen {
            key: key.into(),
            path: path.map(PathBuf::from),
            hash: hash.into(),
            name: String::new(),
            title: None,
            extra: serde_json::Map::new(),
        }
    }

    #[test]
    fn content_first_then_path() {
        let index = Documents {
            records: vec![
                seen("a", Some("/x/a.txt"), "h1"),
                seen("b", Some("/x/b.txt"), "h2"),
                seen("c", Some("/y/b.txt"), "h2"),
            ],
        };
        // A copy of b's text at a new path: the newest store of that text.
        assert_eq!(
            index
                .find(Some(Path::new("/z/copy.txt")), "h2")
                .unwrap()
                .key,
            "c"
        );
        // Both match: that one, even though a newer record has the hash.
        assert_eq!(
            index.find(Some(Path::new("/x/b.txt")), "h2").unwrap().key,
            "b"
        );
        // a.txt edited: found by its path.
        assert_eq!(
            index.find(Some(Path::new("/x/a.txt")), "h9").unwrap().key,
            "a"
        );
        // A new document elsewhere: no store.
        assert!(index.find(Some(Path::new("/x/new.txt")), "h9").is_none());
        // Standard input is found only by content.
        assert_eq!(index.find(None, "h1").unwrap().key, "a");
        assert!(index.find(None, "h9").is_none());
    }

    #[test]
    fn torn_and_bad_lines_are_skipped_and_unknown_fields_kept() {
        let text = "{\"key\":\"a\",\"hash\":\"h\",\"later\":[1]}\nnot json\n{\"key\":\"b\",\"ha";
        let index = Documents::parse(text);
        assert_eq!(index.records.len(), 1);
        assert_eq!(index.records[0].extra["later"], serde_json::json!([1]));
        let again = serde_json::to_string(&index.records[0]).unwrap();
        assert!(again.contains("\"later\":[1]"), "{again}");
    }

    #[test]
    fn recording_appends_and_reading_finds_it() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = DataDirs::under(dir.path());
        assert!(Documents::read(&dirs).records.is_empty());
        assert!(
            !index_path(&dirs).exists(),
            "reading must not create the index"
        );
        let doc = parse("A: one two three.");
        let id = Identity::find(&Documents::read(&dirs), None, "stdin", &doc);
        Documents::record(&dirs, &id.seen).unwrap();
        let index = Documents::read(&dirs);
        assert!(index.knows(&id.seen));
        let again = Identity::find(&index, Some(Path::new("/elsewhere/t.txt")), "t.txt", &doc);
        assert_eq!(
            again.key.key, id.key.key,
            "a copy finds the store by content"
        );
        assert_eq!(index.places(&id.key.key).len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_at_the_index_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let dirs = DataDirs::under(dir.path());
        std::fs::create_dir_all(dir.path().join("bookmarks")).unwrap();
        let target = outside.path().join("stolen");
        std::os::unix::fs::symlink(&target, index_path(&dirs)).unwrap();
        let err = Documents::record(&dirs, &seen("a", None, "h")).unwrap_err();
        assert!(err.to_string().contains("documents.log"), "{err}");
        assert!(!target.exists());
    }
}
