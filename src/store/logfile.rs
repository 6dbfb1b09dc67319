//! The bookmark log as a file: opening it (never through a link), reading
//! it from an offset, appending to it and resetting it; and the stamps that
//! tell, without reading, whether a file changed.
//!
//! The log is its own lock (`flock` on it: shared to read, exclusive to
//! write), so bookmarks need no lock file. Reading never creates it: when it
//! is missing there is nothing to lock against, because every writer creates
//! it, and locks it, before it writes anything.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::time::SystemTime;

use super::StoreError;
use super::atomic::{self, no_follow};

/// Enough of a file's metadata to see that it changed: which file it is,
/// its length and its last modification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Stamp {
        #[cfg(unix)]
        let (dev, ino) = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let (dev, ino) = (0, 0);
        Stamp {
            dev,
            ino,
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }

    /// The same file, though perhaps changed.
    pub fn same_file(&self, other: &Stamp) -> bool {
        (self.dev, self.ino) == (other.dev, other.ino)
    }

    /// The file's length in bytes.
    pub fn size(&self) -> u64 {
        self.len
    }
}

/// The stamp of what is at `path` now (following a link when `follow`),
/// `None` if nothing is there or it cannot be seen.
pub fn stamp_at(path: &Path, follow: bool) -> Option<Stamp> {
    let meta = if follow {
        fs::metadata(path)
    } else {
        fs::symlink_metadata(path)
    };
    meta.ok().map(|m| Stamp::of(&m))
}

/// Open the log to read it; `None` if there is none.
pub fn open_read(path: &Path) -> io::Result<Option<File>> {
    match no_follow(OpenOptions::new().read(true)).open(path) {
        Ok(f) => Ok(Some(f)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Open the log to write it, creating it (and its directory) if needed.
pub fn open_write(path: &Path) -> Result<File, StoreError> {
    let dir = atomic::parent(path);
    fs::create_dir_all(dir).map_err(|e| StoreError::io("cannot create", dir, e))?;
    let existed = fs::symlink_metadata(path).is_ok();
    let file = no_follow(OpenOptions::new().read(true).write(true).create(true))
        .truncate(false)
        .open(path)
        .map_err(|e| StoreError::io("cannot open", path, e))?;
    if !existed {
        // A new directory entry is only durable once the directory is synced.
        atomic::sync_dir(dir).map_err(|e| StoreError::io("cannot sync", dir, e))?;
    }
    Ok(file)
}

pub fn stamp(file: &File) -> io::Result<Stamp> {
    file.metadata().map(|m| Stamp::of(&m))
}

/// Everything from `offset` to the end.
pub fn read_from(file: &mut File, offset: u64) -> io::Result<Vec<u8>> {
    file.seek(SeekFrom::Start(offset))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The first line (up to 4 KiB; a header is far shorter), `\n` included
/// if it has one.
pub fn read_head(file: &mut File) -> io::Result<Vec<u8>> {
    file.seek(SeekFrom::Start(0))?;
    let mut head = Vec::new();
    file.take(4096).read_to_end(&mut head)?;
    if let Some(n) = memchr::memchr(b'\n', &head) {
        head.truncate(n + 1);
    }
    Ok(head)
}

/// Write `bytes` at `at` (the end of the last whole line) and make them
/// durable. On failure the file is cut back to `at`, so a failed append
/// leaves no partial line behind, if the file system allows that.
pub fn append(file: &mut File, at: u64, bytes: &[u8]) -> io::Result<()> {
    let written = file
        .set_len(at)
        .and_then(|()| file.seek(SeekFrom::Start(at)))
        .and_then(|_| file.write_all(bytes))
        .and_then(|()| file.sync_data());
    if written.is_err() {
        let _ = file.set_len(at).and_then(|()| file.sync_data());
    }
    written
}

/// Empty the log and write `header` as its first line, durably.
pub fn reset(file: &mut File, header: &[u8]) -> io::Result<()> {
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(header)?;
    file.sync_data()
}

/// Cut a torn last line off, keeping `len` bytes.
pub fn cut(file: &mut File, len: u64) -> io::Result<()> {
    file.set_len(len)?;
    file.sync_data()
}
