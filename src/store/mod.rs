//! User data that outlives a session: bookmarks, reading positions, codes,
//! and what is made of them: exports, queries, the code overview.
//!
//! Everything here is storage and pure logic; the reader decides when to call
//! it. Bookmarks live in the data directory, reading positions in the state
//! directory (see [`paths`]). Bookmarks are a snapshot plus an append-only
//! log of operations, merged by operation with other instances of tread
//! ([`bookmarks`], [`log`], [`merge`], [`snapshot`]); positions are one file
//! rewritten atomically under a lock ([`atomic`]). Either way two instances
//! never lose each other's changes.

pub mod anchor;
pub mod atomic;
pub mod bookmarks;
pub mod cite;
pub mod codes;
pub mod documents;
pub mod export;
pub mod identity;
pub mod ledger;
pub mod log;
pub mod logfile;
pub mod merge;
pub mod overview;
pub mod paths;
pub mod positions;
pub mod query;
pub mod record;
pub mod refi;
pub mod snapshot;

use std::fmt;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

pub use anchor::{Anchor, Resolution, Resolver, Span, Whose, resolve};
pub use bookmarks::{Bookmark, Store, recovery_path};
pub use cite::{Citation, Status};
pub use identity::{DocKey, doc_hash};
pub use paths::DataDirs;
pub use positions::{Positions, ReadingPosition};

/// Why a store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot find a data directory: set TREAD_DATA_DIR or use --data-dir")]
    NoHome,
    /// The file on disk could not be read, or was written by a newer tread;
    /// saving would overwrite data we do not understand, so we refuse.
    #[error("not saving to {path}: {reason}")]
    ReadOnly { path: PathBuf, reason: String },
    #[error("cannot encode {path}: {source}")]
    Encode {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
}

impl StoreError {
    pub(crate) fn io(action: &'static str, path: &std::path::Path, source: std::io::Error) -> Self {
        StoreError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Something the user should be told about, though the reader keeps working.
/// The reader shows it in the status line and on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A file that could not be parsed was renamed aside, intact.
    SetAside {
        path: PathBuf,
        moved_to: PathBuf,
        reason: String,
        /// Entries recovered from it (bookmarks or positions).
        salvaged: usize,
    },
    /// A file exists but cannot be used; it is left untouched and nothing
    /// will be written over it.
    ReadOnly { path: PathBuf, reason: String },
    /// A damaged file that was not set aside (opened read-only, or another
    /// instance held the lock): what could be read is shown.
    Damaged {
        path: PathBuf,
        reason: String,
        salvaged: usize,
    },
    /// A damaged claims ledger that was not set aside yet (opened
    /// read-only, or the lock was busy): what could be read is shown.
    LedgerDamaged {
        path: PathBuf,
        reason: String,
        salvaged: usize,
    },
    /// Lines of a bookmark log that could not be read were skipped.
    SkippedLines { path: PathBuf, count: usize },
    /// A change made here was ignored: another instance had deleted the
    /// bookmark (the start of its quote).
    DeletedElsewhere { quote: String },
    /// Changes that could not be saved were written to a recovery file.
    PendingWritten { count: usize, path: PathBuf },
    /// Changes that could not be saved, nor written anywhere else.
    Unsaved { count: usize, reason: String },
    /// A recovery file whose changes could not be read or saved now; it
    /// stays for next time.
    RecoveryWaiting { path: PathBuf, reason: String },
    /// Changes an earlier session left in a recovery file are saved now;
    /// the file was renamed to `done`.
    Recovered {
        count: usize,
        path: PathBuf,
        done: PathBuf,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::SetAside {
                path,
                moved_to,
                reason,
                salvaged,
            } => {
                write!(
                    f,
                    "{} was unreadable ({reason}); moved it to {}",
                    path.display(),
                    moved_to.display()
                )?;
                if *salvaged > 0 {
                    write!(f, " and recovered {salvaged} entries")?;
                }
                Ok(())
            }
            Warning::ReadOnly { path, reason } => {
                write!(f, "{}: {reason}; changes will not be saved", path.display())
            }
            Warning::Damaged {
                path,
                reason,
                salvaged,
            } => write!(
                f,
                "{} is damaged ({reason}); showing the {salvaged} bookmarks that could be read",
                path.display()
            ),
            Warning::LedgerDamaged {
                path,
                reason,
                salvaged,
            } => write!(
                f,
                "{} is damaged ({reason}); showing the {salvaged} ledger entries that could be read",
                path.display()
            ),
            Warning::SkippedLines { path, count } => {
                write!(f, "{}: skipped {count} unreadable lines", path.display())
            }
            Warning::DeletedElsewhere { quote } => write!(
                f,
                "a bookmark you edited was deleted in another window: “{quote}”"
            ),
            Warning::PendingWritten { count, path } => write!(
                f,
                "{count} unsaved bookmark changes were written to {}",
                path.display()
            ),
            Warning::Unsaved { count, reason } => {
                write!(f, "{count} bookmark changes were not saved ({reason})")
            }
            Warning::RecoveryWaiting { path, reason } => write!(
                f,
                "bookmark changes an earlier session could not save wait in {}: {reason}",
                path.display()
            ),
            Warning::Recovered { count, path, done } => write!(
                f,
                "saved {count} bookmark changes an earlier session left in {} (now {})",
                path.display(),
                done.display()
            ),
        }
    }
}

/// Seconds since the Unix epoch (0 if the clock is before it).
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// `2026-05-01T12:34:56Z` for a Unix time, without pulling in a date crate.
pub fn rfc3339(secs: u64) -> String {
    let (year, month, day) = civil_from_days((secs / 86_400) as i64);
    let rem = secs % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (year, month, day),
/// by Howard Hinnant's `civil_from_days`: no calendar crate for the one
/// conversion the store and the shelf's file dates need.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::rfc3339;

    #[test]
    fn formats_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_777_638_896), "2026-05-01T12:34:56Z");
    }
}
