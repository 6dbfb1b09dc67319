//! Changes that could not be saved, written to a file of their own so that
//! quitting never loses them silently.
//!
//! The file: `{"unsaved_bookmark_changes": 1, "document": "…", "store": "<snapshot path>",
//! "written": "<RFC 3339>", "bookmarks": [the bookmarks the changes touch, as they
//! are here], "ops": [the operations, as log lines would hold them]}`.

use std::collections::BTreeSet;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::json;

use super::Store;
use crate::store::atomic::{self, no_follow};
use crate::store::identity::DocKey;
use crate::store::paths::DataDirs;
use crate::store::{StoreError, Warning, rfc3339, unix_now};

/// Where [`Store::close`] writes changes it could not save:
/// `<state>/recovery/<key>-<unix time>.json`.
pub fn recovery_path(dirs: &DataDirs, key: &DocKey, now: u64) -> PathBuf {
    dirs.state
        .join("recovery")
        .join(format!("{}-{now}.json", key.key))
}

impl Store {
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
        let dir = atomic::parent(path);
        fs::create_dir_all(dir).map_err(|e| StoreError::io("cannot create", dir, e))?;
        let mut file = no_follow(OpenOptions::new().write(true).create_new(true))
            .open(path)
            .map_err(|e| StoreError::io("cannot create", path, e))?;
        file.write_all(&bytes)
            .and_then(|()| file.sync_all())
            .map_err(|e| StoreError::io("cannot write", path, e))?;
        atomic::sync_dir(dir).map_err(|e| StoreError::io("cannot sync", dir, e))
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
