//! How many bookmarks and codes a transcript of the shelf has in the store:
//! read-only and never cached (they change while the shelf is open).

use std::collections::HashSet;
use std::path::Path;

use crate::store::documents::{Documents, Identity};
use crate::store::{Bookmark, DataDirs, DocKey, Store};
use crate::transcript::Document;

/// A transcript's bookmarks, and the distinct codes they carry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub bookmarks: usize,
    pub codes: usize,
}

/// The counts of the transcript at `path` whose document hash is
/// `doc_hash` ([`Summary::doc_hash`](super::Summary)): its store found as
/// the reader finds it, by the document index (content and path, then
/// content, then path), else by the key derived from its path. Without a
/// hash (a head, an unread file), by path alone. `index` is
/// [`Documents::read`] of `dirs`, read once for the whole shelf.
pub fn counts(dirs: &DataDirs, index: &Documents, path: &Path, doc_hash: Option<&str>) -> Counts {
    let marks = bookmarks(dirs, index, path, doc_hash);
    let codes: HashSet<&str> = marks
        .iter()
        .flat_map(|b| b.codes.iter().map(String::as_str))
        .collect();
    Counts {
        bookmarks: marks.len(),
        codes: codes.len(),
    }
}

/// The saved bookmarks of the transcript at `path`, read-only: its store
/// found as [`counts`] finds it. None when there is no store or it cannot
/// be read.
pub fn bookmarks(
    dirs: &DataDirs,
    index: &Documents,
    path: &Path,
    doc_hash: Option<&str>,
) -> Vec<Bookmark> {
    let key = match doc_hash {
        Some(hash) => {
            let found = Identity::find_hashed(
                index,
                Some(path),
                DocKey::for_path(path),
                "",
                &Document::default(),
                hash.to_string(),
            );
            found.key
        }
        None => by_path(index, path),
    };
    match Store::open_read_only(dirs, &key) {
        Ok((store, _)) => store.list().to_vec(),
        Err(_) => Vec::new(),
    }
}

/// The store key of the newest record at `path`, else the one its path
/// derives.
fn by_path(index: &Documents, path: &Path) -> DocKey {
    let derived = DocKey::for_path(path);
    let canonical = std::fs::canonicalize(path).ok();
    let newest = index
        .records
        .iter()
        .rev()
        .find(|r| canonical.is_some() && r.path == canonical);
    match newest {
        Some(r) => DocKey {
            key: r.key.clone(),
            display: derived.display,
        },
        None => derived,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::documents::Seen;
    use crate::store::{Anchor, Span, doc_hash};
    use crate::transcript::{LoadOptions, load};

    fn span(turn: usize) -> Span {
        let at = |offset| Anchor {
            section: 0,
            turn,
            paragraph: 0,
            offset,
        };
        Span {
            start: at(0),
            end: at(5),
        }
    }

    fn marked(dirs: &DataDirs, key: &DocKey, doc: &Document) {
        let (mut store, _) = Store::open(dirs, key).unwrap();
        for (turn, codes) in [(0, ["c1", "c2"]), (1, ["c2", "c2"])] {
            let b = Bookmark::fresh(doc, span(turn), "").unwrap();
            let id = b.id.clone();
            store.add(b).unwrap();
            for c in codes {
                store.set_code(&id, c, true).unwrap();
            }
        }
    }

    #[test]
    fn bookmarks_and_distinct_codes_by_path_or_by_content() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = DataDirs::under(&dir.path().join("data"));
        let text = "ANNA: Hello there, everyone.\nBEN: Thanks, Anna, good to be here.\n";
        let doc = load(text.as_bytes(), &LoadOptions::default()).unwrap();
        let (here, moved) = (dir.path().join("a.txt"), dir.path().join("moved.txt"));
        std::fs::write(&here, text).unwrap();
        std::fs::write(&moved, text).unwrap();
        let key = DocKey::for_path(&here);
        marked(&dirs, &key, &doc);
        let none = Documents::default();
        let want = Counts {
            bookmarks: 2,
            codes: 2,
        };
        assert_eq!(counts(&dirs, &none, &here, None), want);
        assert_eq!(counts(&dirs, &none, &moved, None), Counts::default());
        // The index knows the content: a copy elsewhere finds the marks.
        let hash = doc_hash(&doc);
        let seen = Seen {
            key: key.key.clone(),
            path: std::fs::canonicalize(&here).ok(),
            hash: hash.clone(),
            name: "a.txt".into(),
            title: None,
            extra: Default::default(),
        };
        let index = Documents {
            records: vec![seen],
        };
        assert_eq!(counts(&dirs, &index, &moved, Some(&hash)), want);
        assert_eq!(
            counts(&dirs, &index, &moved, Some("other")),
            Counts::default()
        );
    }
}
