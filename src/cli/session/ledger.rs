//! The claims ledger the reader opens beside the bookmark store, with the
//! same document key; and read-only, for `--claims`.

use crate::cli::Args;
use crate::store::identity::DocKey;
use crate::store::ledger::{Entries, Ledger};
use crate::store::paths::DataDirs;
use crate::transcript::Document;

/// The document's claims ledger beside its bookmarks, or why there is
/// none (a warning too: the reader keeps ledger edits for the session).
pub(super) fn open_ledger(
    dirs: &Option<DataDirs>,
    key: &DocKey,
    warnings: &mut Vec<String>,
) -> (Option<Ledger>, Option<String>) {
    let Some(dirs) = dirs.as_ref() else {
        return (None, Some("no data directory".to_string()));
    };
    match Ledger::open(dirs, key) {
        Ok((ledger, w)) => {
            warnings.extend(w.iter().map(ToString::to_string));
            if let Some(why) = ledger.read_only() {
                warnings.push(format!("the claims ledger is read-only: {why}"));
            }
            (Some(ledger), None)
        }
        Err(e) => {
            warnings.push(format!("the claims ledger is unavailable: {e}"));
            (None, Some(e.to_string()))
        }
    }
}

/// The document's claims ledger, for `--claims` (empty without a data
/// directory; `warn_missing` says so, for the exports). Opened read-only:
/// printing writes nothing.
pub fn stored_ledger(args: &Args, doc: &Document, name: &str, warn_missing: bool) -> Entries {
    let mut warnings = Vec::new();
    let dirs = super::data_dirs(args, &mut warnings);
    let entries = dirs.as_ref().map_or_else(Entries::default, |dirs| {
        let key = super::identity(args, Some(dirs), name, doc).key;
        match Ledger::open_read_only(dirs, &key) {
            Ok((ledger, w)) => {
                warnings.extend(w.iter().map(ToString::to_string));
                ledger.entries().clone()
            }
            Err(e) => {
                warnings.push(format!("the claims ledger is unavailable: {e}"));
                Entries::default()
            }
        }
    });
    if dirs.is_some() || warn_missing {
        for w in &warnings {
            crate::cli::warn(w);
        }
    }
    entries
}
