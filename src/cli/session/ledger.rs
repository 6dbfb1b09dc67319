//! The claims ledger the reader opens beside the bookmark store, with the
//! same document key.

use crate::store::identity::DocKey;
use crate::store::ledger::Ledger;
use crate::store::paths::DataDirs;

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
