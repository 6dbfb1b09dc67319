//! Changes that could not be saved, written to a file of their own so that
//! quitting never loses them silently, and saved from there the next time
//! the document's store opens.
//!
//! The file: `{"unsaved_bookmark_changes": 1, "document": "…", "store": "<snapshot path>",
//! "written": "<RFC 3339>", "bookmarks": [the bookmarks the changes touch, as they
//! are here], "ops": [the operations, as log lines would hold them]}`.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::Store;
use crate::store::atomic;
use crate::store::identity::DocKey;
use crate::store::log::{Line, Op, parse_line};
use crate::store::paths::DataDirs;
use crate::store::{StoreError, Warning, rfc3339, unix_now};

/// Where [`Store::close`] writes changes it could not save:
/// `<state>/recovery/<key>-<unix time>.json`.
pub fn recovery_path(dirs: &DataDirs, key: &DocKey, now: u64) -> PathBuf {
    dirs.state
        .join("recovery")
        .join(format!("{}-{now}.json", key.key))
}

/// The recovery files left for `key`, oldest first.
pub fn recovery_files(dirs: &DataDirs, key: &DocKey) -> Vec<PathBuf> {
    let dir = dirs.state.join("recovery");
    let prefix = format!("{}-", key.key);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| {
            name.strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(".json"))
                .is_some_and(|stamp| stamp.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
        })
        .map(|name| dir.join(name))
        .collect();
    // `<time>` then `<time>-<n>`: the names sort in the order written.
    files.sort();
    files
}

/// The operations a recovery file holds, or why it cannot be read.
fn read_ops(path: &Path) -> Result<Vec<Op>, String> {
    let bytes = fs::read(path).map_err(|e| e.to_string())?;
    let doc: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    let ops = doc.get("ops").and_then(|v| v.as_array()).ok_or("no ops")?;
    ops.iter()
        .map(|v| match parse_line(v.to_string().as_bytes()) {
            Line::Op(op) => Ok(op),
            Line::Unknown(kind) => Err(format!("an operation this tread does not know: {kind}")),
            _ => Err("an unreadable operation".to_string()),
        })
        .collect()
}

impl Store {
    /// Save the changes earlier sessions left in recovery files for this
    /// document. Replaying is safe to repeat (adds of the same mark are one
    /// bookmark, notes and codes are set, deletions leave tombstones), so a
    /// file is renamed `….json.saved` only once its changes are saved. A
    /// file that cannot be read, or whose changes cannot be saved yet,
    /// stays as it is for next time (its changes are taken back out of
    /// this session, so quitting does not write them out a second time),
    /// and the user is told.
    pub(super) fn recover(&mut self) {
        let Some((dirs, key)) = self.recovery.clone() else {
            return;
        };
        if !self.pending.is_empty() {
            return;
        }
        for path in recovery_files(&dirs, &key) {
            if self.read_only.is_some() {
                let reason = "the bookmark store cannot be written now".to_string();
                self.warnings
                    .push(Warning::RecoveryWaiting { path, reason });
                continue;
            }
            let ops = match read_ops(&path) {
                Ok(ops) => ops,
                Err(reason) => {
                    let reason = format!("cannot read them ({reason})");
                    self.warnings
                        .push(Warning::RecoveryWaiting { path, reason });
                    continue;
                }
            };
            let count = ops.len();
            let failed = ops.into_iter().find_map(|op| self.change(op).err());
            if let Some(e) = failed.filter(|_| !self.pending.is_empty()) {
                self.undo_pending();
                self.pending.clear();
                let reason = format!("{count} of them cannot be saved yet ({e})");
                self.warnings
                    .push(Warning::RecoveryWaiting { path, reason });
                return;
            }
            let mut done = path.clone().into_os_string();
            done.push(".saved");
            let done = PathBuf::from(done);
            if fs::rename(&path, &done).is_ok() {
                self.warnings.push(Warning::Recovered { count, path, done });
            }
        }
    }

    /// Write the unsaved changes to `path`, a new file (never one that
    /// exists, never through a link); its directory is created if needed.
    pub fn write_pending(&self, path: &Path) -> Result<(), StoreError> {
        let encode = |source| StoreError::Encode {
            path: path.to_path_buf(),
            source,
        };
        let ops = self
            .pending
            .iter()
            .map(|p| p.op.to_value())
            .collect::<Result<Vec<_>, _>>()
            .map_err(encode)?;
        let mut seen = BTreeSet::new();
        let bookmarks: Vec<_> = self
            .pending
            .iter()
            .filter_map(|p| self.get(p.op.id()))
            .filter(|b| seen.insert(b.id.as_str()))
            .collect();
        let doc = json!({
            "unsaved_bookmark_changes": 1,
            "document": self.document,
            "store": self.path.display().to_string(),
            "written": rfc3339(unix_now()),
            "bookmarks": bookmarks,
            "ops": ops,
        });
        let mut bytes = serde_json::to_vec_pretty(&doc).map_err(encode)?;
        bytes.push(b'\n');
        atomic::write_new(path, &bytes)
    }

    /// Write the unsaved changes to `path` (as [`write_pending`](Self::write_pending))
    /// because the user chose to keep them there: closing then writes no
    /// recovery file for them.
    pub fn keep_pending_in(&mut self, path: &Path) -> Result<(), StoreError> {
        self.write_pending(path)?;
        self.recovered = Some(self.pending.len());
        Ok(())
    }

    /// Write the pending changes to a new recovery file, once; the warning
    /// that says where, or why they could not be.
    pub(super) fn save_elsewhere(&mut self) -> Option<Warning> {
        let count = self.pending.len();
        if self.recovered == Some(count) {
            return None;
        }
        let Some((dirs, key)) = &self.recovery else {
            let reason = "no recovery directory is known".into();
            return Some(Warning::Unsaved { count, reason });
        };
        let base = recovery_path(dirs, key, unix_now());
        let stem = base.with_extension("");
        let mut reason = "every recovery file name is taken".to_string();
        for n in 0..20 {
            let path = match n {
                0 => base.clone(),
                n => {
                    let mut name = stem.clone().into_os_string();
                    name.push(format!("-{n}.json"));
                    PathBuf::from(name)
                }
            };
            match self.write_pending(&path) {
                Ok(()) => {
                    self.recovered = Some(count);
                    return Some(Warning::PendingWritten { count, path });
                }
                Err(StoreError::Io { source, .. })
                    if source.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    reason = e.to_string();
                    break;
                }
            }
        }
        Some(Warning::Unsaved { count, reason })
    }
}
