//! Helpers shared by the export and `--codes` tests: a data directory with
//! documents, a codebook and coded bookmarks made the way the reader makes
//! them, and the built binary run on it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tread::store::anchor::{Anchor, Span};
use tread::store::codes::{Codebook, CodebookFile};
use tread::store::documents::{Documents, Identity};
use tread::store::{Bookmark, DataDirs, Store};
use tread::transcript::{Document, LoadOptions, load};

const NO_CONFIG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/no-config-home");

/// A temporary data directory and the documents written beside it.
pub struct Lab {
    pub dir: tempfile::TempDir,
    pub dirs: DataDirs,
}

impl Lab {
    pub fn new() -> Lab {
        let dir = tempfile::tempdir().unwrap();
        let dirs = DataDirs::under(&dir.path().join("data"));
        Lab { dir, dirs }
    }

    pub fn data(&self) -> &Path {
        &self.dirs.data
    }

    /// Write a transcript and load it as the binary would.
    pub fn document(&self, name: &str, text: &str) -> (PathBuf, Document) {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let ext = Path::new(name)
            .extension()
            .map(|e| e.to_string_lossy().into_owned());
        let options = LoadOptions {
            extension: ext,
            ..LoadOptions::default()
        };
        (path, load(text.as_bytes(), &options).unwrap())
    }

    /// Make codes (paths such as `pricing/discounts`) in the codebook.
    pub fn codes(&self, paths: &[&str]) -> Codebook {
        let (mut file, _) = CodebookFile::open(&self.dirs);
        for p in paths {
            let changes = file
                .book()
                .plan_create(
                    p,
                    tread::store::codes::new_id(),
                    tread::store::codes::new_id,
                )
                .unwrap();
            file.change(&changes).unwrap();
        }
        file.book().clone()
    }

    /// Bookmark `span` of the document at `path` with a note and codes (by
    /// path), in the store its identity names, and record it in the index.
    pub fn mark(&self, path: &Path, doc: &Document, span: Span, note: &str, codes: &[&str]) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let id = Identity::find(&Documents::read(&self.dirs), Some(path), &name, doc);
        let (mut store, _) = Store::open(&self.dirs, &id.key).unwrap();
        let b = Bookmark::fresh(doc, span, note).unwrap();
        let book = CodebookFile::open(&self.dirs).0.book().clone();
        let bid = b.id.clone();
        store.add(b).unwrap();
        for c in codes {
            let code = book.find(c).unwrap_or_else(|| panic!("no code {c}"));
            store.set_code(&bid, &code.id, true).unwrap();
        }
        Documents::record(&self.dirs, &id.seen).unwrap();
    }

    /// Run tread with this data directory.
    pub fn tread(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_tread"))
            .args(args)
            .arg("--data-dir")
            .arg(self.data())
            .env("XDG_CONFIG_HOME", NO_CONFIG)
            .output()
            .expect("tread runs")
    }
}

pub fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Exit 2 and one line on stderr, `tread: …` holding `needle`, nothing on stdout.
pub fn assert_flag_error(o: &Output, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(err.starts_with("tread: "), "{err:?}");
    assert!(err.contains(needle), "{err:?} lacks {needle:?}");
    assert!(o.stdout.is_empty());
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The span of the first occurrence of `needle` inside one paragraph.
pub fn span_of(doc: &Document, needle: &str) -> Span {
    for (si, sec) in doc.sections.iter().enumerate() {
        for (ti, turn) in sec.turns.iter().enumerate() {
            for (pi, text) in turn.paragraphs.iter().enumerate() {
                if let Some(byte) = text.find(needle) {
                    let offset = text[..byte].chars().count();
                    let at = |offset| Anchor {
                        section: si,
                        turn: ti,
                        paragraph: pi,
                        offset,
                    };
                    return Span {
                        start: at(offset),
                        end: at(offset + needle.chars().count()),
                    };
                }
            }
        }
    }
    panic!("{needle:?} is in no paragraph");
}

/// The whole of the turn whose first paragraph starts with `start`, every
/// paragraph of it (a quote over several lines).
pub fn turn_span(doc: &Document, start: &str) -> Span {
    for (si, sec) in doc.sections.iter().enumerate() {
        for (ti, turn) in sec.turns.iter().enumerate() {
            if turn
                .paragraphs
                .first()
                .is_some_and(|p| p.starts_with(start))
            {
                let last = turn.paragraphs.len() - 1;
                let at = |paragraph, offset| Anchor {
                    section: si,
                    turn: ti,
                    paragraph,
                    offset,
                };
                return Span {
                    start: at(0, 0),
                    end: at(last, turn.paragraphs[last].chars().count()),
                };
            }
        }
    }
    panic!("no turn starts with {start:?}");
}
