//! `--all`: the quote bank, every bookmark in the store grouped by
//! document, each document read again from where it was last seen.
//!
//! A document that cannot be read there any more is still listed, marked
//! missing, with its bookmarks as they were saved (all detached, since there
//! is no text to find them in).

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::store::bookmarks::Bookmark;
use crate::store::codes::Codebook;
use crate::store::documents::{self, Documents};
use crate::store::{DataDirs, DocKey, Store, export};
use crate::transcript::{Document, LoadOptions};

/// One document of an export: the bank's, or the one document given.
pub struct Shelved {
    pub name: String,
    /// How its addresses name it: the path it was read from (as given,
    /// for the one document on the command line), else its name.
    pub file: String,
    /// The path it was read from (or last seen at, if missing).
    pub path: Option<PathBuf>,
    /// Every other place it was seen with these bookmarks: copies, and
    /// where it was before a move.
    pub also: Vec<PathBuf>,
    /// The document as it is now, or why it could not be read.
    pub doc: Result<Document, String>,
    /// Its bookmarks; once a query has run, only the ones it matched.
    pub bookmarks: Vec<Bookmark>,
}

/// Every store with at least one bookmark, with its document. Warnings go
/// to stderr.
pub fn shelve(dirs: &DataDirs, options: &LoadOptions) -> Vec<Shelved> {
    let index = Documents::read(dirs);
    let mut shelf = Vec::new();
    for key in documents::store_keys(dirs) {
        let places = index.places(&key);
        let (name, path, also) = match places.split_first() {
            Some((first, rest)) => {
                let readable = places
                    .iter()
                    .find(|s| s.path.as_deref().is_some_and(Path::exists));
                let chosen = readable.unwrap_or(first);
                let also = rest
                    .iter()
                    .chain([first])
                    .filter(|s| s.path != chosen.path)
                    .filter_map(|s| s.path.clone())
                    .collect();
                (chosen.name.clone(), chosen.path.clone(), also)
            }
            None => {
                let (name, path) = legacy_place(dirs, &key);
                (name, path, Vec::new())
            }
        };
        let doc_key = DocKey {
            key: key.clone(),
            display: name.clone(),
        };
        let store = match Store::open_read_only(dirs, &doc_key) {
            Ok((store, warnings)) => {
                for w in warnings {
                    super::warn(&w.to_string());
                }
                store
            }
            Err(e) => {
                super::warn(&format!("bookmarks of {name} unavailable: {e}"));
                continue;
            }
        };
        if store.list().is_empty() {
            continue;
        }
        let doc = read_again(path.as_deref(), &name, options);
        let file = path
            .as_deref()
            .map_or_else(|| name.clone(), |p| p.display().to_string());
        shelf.push(Shelved {
            file,
            name,
            path,
            also,
            doc,
            bookmarks: store.list().to_vec(),
        });
    }
    shelf
}

/// Where a store made before the document index was: its file records the
/// document's canonical path (or, for standard input, its name).
fn legacy_place(dirs: &DataDirs, key: &str) -> (String, Option<PathBuf>) {
    let file = dirs.data.join("bookmarks").join(format!("{key}.json"));
    let document = std::fs::read(&file)
        .ok()
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .and_then(|v| v.get("document")?.as_str().map(str::to_string))
        .unwrap_or_else(|| key.to_string());
    let path = Path::new(&document);
    let path = path.is_absolute().then(|| path.to_path_buf());
    let name = path
        .as_deref()
        .and_then(Path::file_name)
        .map_or(document.clone(), |n| n.to_string_lossy().into_owned());
    (name, path)
}

/// The document as it is now; standard input cannot be read again.
fn read_again(path: Option<&Path>, name: &str, options: &LoadOptions) -> Result<Document, String> {
    let input = match path {
        Some(p) => {
            super::read_file(p, options.encoding.as_deref()).map_err(|e| format!("{e:#}"))?
        }
        None if name == crate::SAMPLE_NAME => super::Input {
            name: name.to_string(),
            label: name.to_string(),
            bytes: crate::SAMPLE.to_vec(),
        },
        None => return Err("read from standard input; it cannot be opened again".into()),
    };
    super::load(input, options.clone())
        .map(|(_, doc)| doc)
        .map_err(|e| format!("{e:#}"))
}

impl Shelved {
    /// The document as the writers take it, `doc` standing for it.
    pub fn export<'a>(&'a self, doc: &'a Document) -> export::ExportDoc<'a> {
        export::ExportDoc {
            name: &self.name,
            file: &self.file,
            doc,
            bookmarks: &self.bookmarks,
        }
    }
}

fn place(s: &Shelved) -> String {
    s.path
        .as_deref()
        .map_or_else(|| s.name.clone(), |p| p.display().to_string())
}

/// The bank as Markdown: a heading and the places seen per document, then
/// its bookmarks as the one-document export writes them.
pub fn markdown(shelf: &[Shelved], book: &Codebook) -> String {
    let mut out = String::new();
    let empty = Document::default();
    for s in shelf {
        if !out.is_empty() {
            out.push('\n');
        }
        let title = s.doc.as_ref().ok().and_then(|d| d.title.clone());
        match title {
            Some(t) => out.push_str(&format!("# {t} ({})\n\n", s.name)),
            None => out.push_str(&format!("# {}\n\n", s.name)),
        }
        match &s.doc {
            Ok(_) => out.push_str(&format!("{}\n", place(s))),
            Err(why) => out.push_str(&format!("{} (missing: {why})\n", place(s))),
        }
        for p in &s.also {
            let gone = if p.exists() { "" } else { " (missing)" };
            out.push_str(&format!("also seen at {}{gone}\n", p.display()));
        }
        out.push('\n');
        let doc = s.doc.as_ref().unwrap_or(&empty);
        out.push_str(&export::markdown(&s.export(doc), book));
    }
    out
}

/// The bank as JSON: `{"documents": [...]}`, each the one-document export
/// plus where it was seen.
pub fn json(shelf: &[Shelved], book: &Codebook) -> Value {
    let empty = Document::default();
    let documents: Vec<Value> = shelf
        .iter()
        .map(|s| {
            let doc = s.doc.as_ref().unwrap_or(&empty);
            let mut one = export::json(&s.export(doc), book);
            one["name"] = json!(s.name);
            one["path"] = json!(s.path);
            one["missing"] = json!(s.doc.is_err());
            let also: Vec<Value> = s
                .also
                .iter()
                .map(|p| json!({ "path": p, "missing": !p.exists() }))
                .collect();
            one["also"] = json!(also);
            if let Err(why) = &s.doc {
                one["missing_reason"] = json!(why);
            }
            one
        })
        .collect();
    json!({ "documents": documents })
}
