//! The ledger file: `{ "version": 1, "document": "<name>", "entries": [ … ] }`,
//! read entry by entry so one bad entry costs only itself (the file is
//! then set aside and what could be read written back), and written
//! whole. Recovery files (`<file>.unsaved-<ms>`) have the same format.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use super::entries::Entries;
use super::entry::Entry;
use crate::store::StoreError;
use crate::store::atomic::{self, Parsed};

pub const VERSION: u64 = 1;

#[derive(Serialize)]
struct FileOut<'a> {
    version: u64,
    document: &'a str,
    entries: Vec<&'a Entry>,
}

/// Every entry, removed ones too (their tombstones are what keeps a
/// removal from being undone by another instance's older copy).
pub fn encode(path: &Path, document: &str, entries: &Entries) -> Result<Vec<u8>, StoreError> {
    let file = FileOut {
        version: VERSION,
        document,
        entries: entries.all().collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&file).map_err(|source| StoreError::Encode {
        path: path.to_path_buf(),
        source,
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

pub fn parse(bytes: &[u8]) -> Parsed<Entries> {
    let bad = |reason: String| Parsed::Bad {
        reason,
        value: Entries::default(),
        salvaged: 0,
    };
    let root: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return bad(format!("not valid JSON: {e}")),
    };
    let Some(items) = root.get("entries").and_then(Value::as_array) else {
        return bad("no entries list".into());
    };
    let mut good = Vec::new();
    let mut failed = 0;
    for v in items {
        match serde_json::from_value::<Entry>(v.clone()) {
            Ok(e) => good.push(e),
            Err(_) => failed += 1,
        }
    }
    let count = good.len();
    let version = root.get("version").and_then(Value::as_u64);
    let entries = Entries::from_list(good);
    atomic::by_version(version, VERSION, (entries, count, failed), "ledger entries")
}

/// Where [`close`](super::Ledger::close) writes what it could not save.
pub fn recovery_file(path: &Path, now_ms: u64) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(format!(".unsaved-{now_ms}"));
    PathBuf::from(s)
}

/// The recovery files beside `path`, oldest first.
pub fn recovery_files(path: &Path) -> Vec<PathBuf> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let prefix = format!("{name}.unsaved-");
    let Ok(dir) = std::fs::read_dir(atomic::parent(path)) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = dir
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}
