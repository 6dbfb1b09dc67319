//! Crash-safe file replacement, locks that never follow links, and setting
//! bad files aside.
//!
//! The protocol for a file rewritten whole (the reading positions, a
//! bookmark snapshot): take the exclusive lock, read the file, merge, write a
//! temporary file in the same directory, fsync it, rename it over the file,
//! fsync the directory, unlock. A crash at any point leaves the old file or
//! the new one; at worst a stray temporary file, which the next writer
//! (holding the lock, so no one else is writing) removes.
//!
//! Links: temporary files come from `tempfile` (`O_CREAT | O_EXCL`, so a link
//! planted at their name is never opened), and `rename` replaces a link at
//! the target rather than writing through it. Lock files and the bookmark log
//! are opened with `O_NOFOLLOW` ([`no_follow`]): a dangling link there must
//! not make tread create a file wherever it points.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{StoreError, Warning};

/// Holds the advisory lock until dropped (closing the file releases it, and
/// the OS releases it if the process dies).
#[derive(Debug)]
pub struct LockGuard {
    _file: File,
}

/// The sidecar lock file of `path`. It is never deleted while in use:
/// removing a lock file while another process waits on it would let two
/// writers in. (Bookmarks no longer use one; their log is their lock.)
pub fn lock_path(path: &Path) -> PathBuf {
    with_suffix(path, ".lock")
}

/// How long to wait for another instance's save before giving up. Saves
/// take milliseconds; this only matters if the holder is stopped mid-save
/// (Ctrl-Z, a debugger), where failing the save (the change stays queued and
/// is retried) beats freezing the reader.
pub const LOCK_TIMEOUT: Duration = Duration::from_millis(250);

/// Which advisory lock: shared to read, exclusive to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lock {
    Shared,
    Exclusive,
}

/// Open without following a symbolic link at the last component (`ELOOP`
/// instead); a file it creates is the user's alone (0600). Elsewhere the
/// flag does not exist and the options are unchanged.
pub fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW).mode(0o600)
    }
    #[cfg(not(unix))]
    options
}

/// True if opening failed because the path is a symbolic link (see [`no_follow`]).
pub fn is_link_refused(e: &io::Error) -> bool {
    #[cfg(unix)]
    return e.raw_os_error() == Some(libc::ELOOP);
    #[cfg(not(unix))]
    false
}

/// Take `kind` of lock on `file` (named `path` in errors), waiting at most
/// `timeout` for another holder to let go.
pub fn lock_file(
    file: &File,
    path: &Path,
    kind: Lock,
    timeout: Duration,
) -> Result<(), StoreError> {
    let deadline = Instant::now() + timeout;
    let mut nap = Duration::from_millis(1);
    loop {
        let tried = match kind {
            Lock::Shared => file.try_lock_shared(),
            Lock::Exclusive => file.try_lock(),
        };
        match tried {
            Ok(()) => return Ok(()),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(nap);
                nap = (nap * 2).min(Duration::from_millis(10));
            }
            Err(TryLockError::WouldBlock) => {
                let e = io::Error::new(io::ErrorKind::TimedOut, "another tread is saving");
                return Err(StoreError::io("cannot lock", path, e));
            }
            Err(TryLockError::Error(e)) => return Err(StoreError::io("cannot lock", path, e)),
        }
    }
}

/// Take the exclusive lock for `path` on its sidecar lock file, creating its
/// directory if needed.
pub fn lock(path: &Path) -> Result<LockGuard, StoreError> {
    let lp = lock_path(path);
    if let Some(dir) = lp.parent() {
        fs::create_dir_all(dir).map_err(|e| StoreError::io("cannot create", dir, e))?;
    }
    let file = no_follow(OpenOptions::new().create(true).truncate(false).write(true))
        .open(&lp)
        .map_err(|e| StoreError::io("cannot open lock", &lp, e))?;
    lock_file(&file, &lp, Lock::Exclusive, LOCK_TIMEOUT)?;
    Ok(LockGuard { _file: file })
}

/// What reading a store file found.
#[derive(Debug)]
pub enum ReadOutcome {
    Missing,
    Bytes(Vec<u8>),
    Unreadable(io::Error),
}

pub fn read(path: &Path) -> ReadOutcome {
    match fs::read(path) {
        Ok(b) => ReadOutcome::Bytes(b),
        Err(e) if e.kind() == io::ErrorKind::NotFound => ReadOutcome::Missing,
        Err(e) => ReadOutcome::Unreadable(e),
    }
}

/// Write `bytes` to `path`, a new file (never one that is there, never
/// through a link), durably: recovery files and files the user names.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = parent(path);
    fs::create_dir_all(dir).map_err(|e| StoreError::io("cannot create", dir, e))?;
    let mut file = no_follow(OpenOptions::new().write(true).create_new(true))
        .open(path)
        .map_err(|e| StoreError::io("cannot create", path, e))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| StoreError::io("cannot write", path, e))?;
    sync_dir(dir).map_err(|e| StoreError::io("cannot sync", dir, e))
}

/// Replace `path` with `bytes` atomically and durably. Call with the lock held.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = parent(path);
    fs::create_dir_all(dir).map_err(|e| StoreError::io("cannot create", dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| StoreError::io("cannot create a temporary file in", dir, e))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| StoreError::io("cannot write", tmp.path(), e))?;
    // `persist` renames but does not fsync the directory: without that the
    // rename itself may not survive a power cut.
    tmp.persist(path)
        .map_err(|e| StoreError::io("cannot replace", path, e.error))?;
    sync_dir(dir).map_err(|e| StoreError::io("cannot sync", dir, e))
}

#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Windows cannot open a directory as a file; its rename is journaled.
    Ok(())
}

/// Remove temporary files left by writers that died mid-save. Call with the
/// lock held: then no live writer owns one. Failures are ignored, because
/// loading never looks at these files anyway.
pub fn remove_strays(path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(parent(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Rename a file that could not be parsed to `<name>.corrupt-<unix time>`
/// (plus `-N` if that exists), so it is kept intact for the user.
pub fn set_aside(path: &Path, now: u64) -> Result<PathBuf, StoreError> {
    let base = with_suffix(path, &format!(".corrupt-{now}"));
    let mut target = base.clone();
    let mut n = 1;
    while target.exists() {
        target = with_suffix(&base, &format!("-{n}"));
        n += 1;
    }
    fs::rename(path, &target).map_err(|e| StoreError::io("cannot set aside", path, e))?;
    let _ = sync_dir(parent(path));
    Ok(target)
}

/// What a format's parser made of a file's bytes.
pub enum Parsed<T> {
    Good(T),
    /// Written by a newer tread: shown if possible, never overwritten.
    Newer {
        reason: String,
        value: T,
    },
    /// Unparseable, in whole or in part; `value` holds what could be saved.
    Bad {
        reason: String,
        value: T,
        salvaged: usize,
    },
}

/// The verdict on a versioned file whose entries were read: `good` is what
/// parsed (`count` entries), `failed` how many did not. This version's
/// files must parse whole; a newer version's are kept read-only; a
/// missing or older-than-known version is bad.
pub fn by_version<T>(
    version: Option<u64>,
    current: u64,
    (good, count, failed): (T, usize, usize),
    what: &str,
) -> Parsed<T> {
    let bad = |reason: String, value: T| Parsed::Bad {
        reason,
        value,
        salvaged: count,
    };
    match version {
        Some(v) if v == current && failed == 0 => Parsed::Good(good),
        Some(v) if v == current => bad(format!("{failed} unreadable {what}"), good),
        Some(v) if v > current => Parsed::Newer {
            reason: format!("format version {v} is newer than this tread understands ({current})"),
            value: good,
        },
        _ => bad("missing or invalid version".into(), good),
    }
}

/// A store file as loaded, with what the user must be told.
pub struct Loaded<T> {
    pub value: T,
    /// Set when the file must not be written over.
    pub read_only: Option<String>,
    pub warning: Option<Warning>,
    /// True when the file was set aside and `value` should be written back.
    pub set_aside: bool,
}

/// Read and parse `path`, setting a bad file aside. Call with the lock held,
/// so the rename cannot race another instance's save.
pub fn load<T: Default>(path: &Path, parse: impl Fn(&[u8]) -> Parsed<T>) -> Loaded<T> {
    let mut out = Loaded {
        value: T::default(),
        read_only: None,
        warning: None,
        set_aside: false,
    };
    let bytes = match read(path) {
        ReadOutcome::Missing => return out,
        ReadOutcome::Bytes(b) => b,
        ReadOutcome::Unreadable(e) => {
            let reason = format!("cannot read it: {e}");
            out.warning = Some(Warning::ReadOnly {
                path: path.to_path_buf(),
                reason: reason.clone(),
            });
            out.read_only = Some(reason);
            return out;
        }
    };
    match parse(&bytes) {
        Parsed::Good(v) => out.value = v,
        Parsed::Newer { reason, value } => {
            out.value = value;
            out.read_only = Some(reason);
        }
        Parsed::Bad {
            reason,
            value,
            salvaged,
        } => match set_aside(path, super::unix_now()) {
            Ok(moved_to) => {
                out.value = value;
                out.set_aside = true;
                out.warning = Some(Warning::SetAside {
                    path: path.to_path_buf(),
                    moved_to,
                    reason,
                    salvaged,
                });
            }
            Err(e) => {
                out.value = value;
                out.read_only = Some(format!("{reason}, and it could not be set aside ({e})"));
            }
        },
    }
    if let Some(reason) = &out.read_only {
        out.warning = Some(Warning::ReadOnly {
            path: path.to_path_buf(),
            reason: reason.clone(),
        });
    }
    out
}

/// Load `path` without the lock (it could not be taken, e.g. a read-only
/// data directory): nothing is renamed, and the result is read-only.
pub fn load_unlocked<T: Default>(
    path: &Path,
    parse: impl Fn(&[u8]) -> Parsed<T>,
    why: &StoreError,
) -> Loaded<T> {
    let reason = format!("cannot save ({why})");
    let value = match read(path) {
        ReadOutcome::Bytes(b) => match parse(&b) {
            Parsed::Good(v) | Parsed::Newer { value: v, .. } | Parsed::Bad { value: v, .. } => v,
        },
        ReadOutcome::Missing | ReadOutcome::Unreadable(_) => T::default(),
    };
    Loaded {
        value,
        warning: Some(Warning::ReadOnly {
            path: path.to_path_buf(),
            reason: reason.clone(),
        }),
        read_only: Some(reason),
        set_aside: false,
    }
}

pub fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    format!(".{name}.")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s: OsString = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// The start of every save: refuse if the file is known to be read-only,
/// take the lock, clear stray temporary files, and load what other
/// instances wrote. A file found read-only now is remembered in `read_only`.
/// The caller merges its changes into the value and writes under the guard.
pub fn begin_save<T: Default>(
    path: &Path,
    read_only: &mut Option<String>,
    warnings: &mut Vec<Warning>,
    parse: impl Fn(&[u8]) -> Parsed<T>,
) -> Result<(LockGuard, T), StoreError> {
    let refuse = |reason: String| StoreError::ReadOnly {
        path: path.to_path_buf(),
        reason,
    };
    if let Some(reason) = read_only {
        return Err(refuse(reason.clone()));
    }
    let guard = lock(path)?;
    remove_strays(path);
    let loaded = load(path, parse);
    warnings.extend(loaded.warning);
    if let Some(reason) = loaded.read_only {
        *read_only = Some(reason.clone());
        return Err(refuse(reason));
    }
    Ok((guard, loaded.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/b.json");
        let _g = lock(&p).unwrap();
        write(&p, b"one").unwrap();
        write(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(p.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_replaced_or_refused_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        let p = dir.path().join("b.json");
        std::os::unix::fs::symlink(&outside, &p).unwrap();
        write(&p, b"mine").unwrap();
        assert!(!outside.exists(), "rename replaced the link");
        assert!(fs::symlink_metadata(&p).unwrap().is_file());
        let q = dir.path().join("c.json");
        std::os::unix::fs::symlink(&outside, lock_path(&q)).unwrap();
        let err = lock(&q).unwrap_err();
        assert!(!outside.exists(), "{err}");
    }

    #[test]
    fn strays_are_removed_and_set_aside_never_clobbers() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.json");
        fs::write(dir.path().join(".b.json.abc123.tmp"), "torn").unwrap();
        fs::write(dir.path().join(".other.json.x.tmp"), "keep").unwrap();
        remove_strays(&p);
        assert!(!dir.path().join(".b.json.abc123.tmp").exists());
        assert!(dir.path().join(".other.json.x.tmp").exists());

        fs::write(&p, "bad 1").unwrap();
        let a = set_aside(&p, 7).unwrap();
        fs::write(&p, "bad 2").unwrap();
        let b = set_aside(&p, 7).unwrap();
        assert_ne!(a, b);
        assert_eq!(fs::read_to_string(a).unwrap(), "bad 1");
        assert_eq!(fs::read_to_string(b).unwrap(), "bad 2");
    }
}
