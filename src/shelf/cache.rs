//! Summaries kept between runs, so a shelf opened again is listed without
//! reading its files: one file, `$XDG_CACHE_HOME/tread/shelf.json` (or
//! `$TREAD_CACHE_DIR/shelf.json`).
//!
//! A summary is keyed by the file's content (a hash of its bytes, with the
//! options that shape the reading), and found through an index from each
//! path to the file's stamp (size, modification and change times, inode)
//! when its content was hashed. A stamp is trusted only when the hashing
//! happened [`RACY_NS`] after the modification time: a file written again
//! within the clock's granularity of the first write could keep its stamp,
//! so such a file is hashed again until its stamp is old enough (git's
//! "racily clean" rule). A changed file is therefore never served a stale
//! summary; a copied or touched one is served by content after one read.
//!
//! The cache is an optimisation only: a missing, corrupt or unwritable file
//! is an empty cache, and [`Cache::save`] failing loses nothing else.

use std::collections::HashMap;
use std::fs::{self, Metadata};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use etcetera::BaseStrategy;
use serde::{Deserialize, Serialize};

use super::summary::{self, DatedBy, Summary, read_file, stem};
use crate::store::atomic;
use crate::store::identity::Fnv;
use crate::transcript::LoadOptions;

/// The environment variable naming the cache directory instead of
/// `$XDG_CACHE_HOME/tread` (tests, and a cache kept with a project).
pub const ENV_VAR: &str = "TREAD_CACHE_DIR";
/// The cache's file in its directory.
pub const FILE_NAME: &str = "shelf.json";
/// A stamp is trusted when the file was hashed this long after it was
/// last modified (nanoseconds).
pub const RACY_NS: i64 = 2_000_000_000;
/// Paths remembered at most; the least recently checked go first.
const MAX_FILES: usize = 50_000;
const VERSION: u32 = 1;

/// What a file was when its content was hashed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    mtime: i64,
    ctime: i64,
    ino: u64,
    /// The content key of its summary.
    key: String,
    /// When it was hashed (nanoseconds since the epoch).
    checked: i64,
}

/// A summary as cached: what depends on the path or the file's time is
/// made again when it is served.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Entry {
    summary: Summary,
    /// The title is the file stem, not the document's.
    stem_title: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Data {
    version: u32,
    files: HashMap<PathBuf, Stamp>,
    summaries: HashMap<String, Entry>,
}

/// The cache, shared by reference between threads (a scan in the
/// background, the list on screen).
#[derive(Debug)]
pub struct Cache {
    /// `None`: kept in memory only (no cache directory).
    file: Option<PathBuf>,
    data: Mutex<Data>,
    changed: AtomicBool,
}

/// The cache directory: `$TREAD_CACHE_DIR`, else `$XDG_CACHE_HOME/tread`
/// (`~/.cache/tread`); `None` without a home.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let xdg = etcetera::base_strategy::Xdg::new().ok()?;
    Some(xdg.cache_dir().join("tread"))
}

impl Cache {
    /// The cache in [`cache_dir`], or one in memory without a directory.
    pub fn open_default() -> Cache {
        match cache_dir() {
            Some(dir) => Cache::open(&dir.join(FILE_NAME)),
            None => Cache::memory(),
        }
    }

    /// The cache kept in `file`; a missing or unreadable one starts empty.
    pub fn open(file: &Path) -> Cache {
        Cache {
            file: Some(file.to_path_buf()),
            data: Mutex::new(read_data(file)),
            changed: AtomicBool::new(false),
        }
    }

    /// A cache that is never written.
    pub fn memory() -> Cache {
        Cache {
            file: None,
            data: Mutex::new(Data::default()),
            changed: AtomicBool::new(false),
        }
    }

    /// The summary of the file at `path` if its stamp is known and
    /// trusted: no byte of the file is read.
    pub fn lookup(&self, path: &Path, meta: &Metadata, options: &LoadOptions) -> Option<Summary> {
        let data = self.data.lock().ok()?;
        let stamp = data.files.get(path)?;
        let now = stamp_of(meta, String::new(), 0);
        let same = (stamp.size, stamp.mtime, stamp.ctime, stamp.ino)
            == (now.size, now.mtime, now.ctime, now.ino);
        let trusted = same && stamp.checked >= stamp.mtime.saturating_add(RACY_NS);
        if !trusted || !stamp.key.ends_with(&options_key(path, options)) {
            return None;
        }
        data.summaries
            .get(&stamp.key)
            .map(|e| served(e, path, meta))
    }

    /// The summary of the file at `path`: from its stamp, else from its
    /// content's hash, else by reading it (and remembering it).
    pub fn summary(&self, path: &Path, options: &LoadOptions) -> Summary {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return Summary::failed(path, None, summary::io_reason(&e)),
        };
        if let Some(s) = self.lookup(path, &meta, options) {
            return s;
        }
        let bytes = match read_file(path, &meta) {
            Ok(b) => b,
            Err(problem) => return Summary::failed(path, Some(&meta), problem),
        };
        let key = format!(
            "{:016x}-{}",
            content_hash(&bytes),
            options_key(path, options)
        );
        let stamp = stamp_of(&meta, key.clone(), now_ns());
        let known = self.with_data(|d| d.summaries.get(&key).cloned()).flatten();
        let entry = known.unwrap_or_else(|| {
            let summary = Summary::of_bytes(path, bytes, &meta, options);
            let stem_title = summary.title == stem(path);
            Entry {
                summary,
                stem_title,
            }
        });
        let out = served(&entry, path, &meta);
        self.with_data(|d| {
            d.files.insert(path.to_path_buf(), stamp);
            d.summaries.insert(key, entry);
        });
        self.changed.store(true, Ordering::Relaxed);
        out
    }

    /// Write what this cache learnt, joined with what another instance
    /// wrote meanwhile. Nothing to write, or no file: nothing done.
    pub fn save(&self) -> Result<(), String> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        if !self.changed.load(Ordering::Relaxed) {
            return Ok(());
        }
        let _lock = atomic::lock(file).map_err(|e| e.to_string())?;
        let bytes = self
            .with_data(|ours| {
                let mut disk = read_data(file);
                disk.files.extend(ours.files.clone());
                disk.summaries.extend(ours.summaries.clone());
                prune(&mut disk);
                serde_json::to_vec(&disk)
            })
            .ok_or("the cache is poisoned")?
            .map_err(|e| e.to_string())?;
        atomic::write(file, &bytes).map_err(|e| e.to_string())?;
        self.changed.store(false, Ordering::Relaxed);
        Ok(())
    }

    fn with_data<T>(&self, f: impl FnOnce(&mut Data) -> T) -> Option<T> {
        self.data.lock().ok().map(|mut d| f(&mut d))
    }
}

fn read_data(file: &Path) -> Data {
    let parsed = fs::read(file)
        .ok()
        .and_then(|b| serde_json::from_slice::<Data>(&b).ok());
    match parsed {
        Some(d) if d.version == VERSION => d,
        _ => Data {
            version: VERSION,
            ..Data::default()
        },
    }
}

/// At most [`MAX_FILES`] paths, the least recently checked dropped, and
/// only the summaries some path still has.
fn prune(data: &mut Data) {
    if data.files.len() > MAX_FILES {
        let mut checked: Vec<i64> = data.files.values().map(|s| s.checked).collect();
        checked.sort_unstable_by(|a, b| b.cmp(a));
        let oldest_kept = checked[MAX_FILES - 1];
        data.files.retain(|_, s| s.checked >= oldest_kept);
    }
    let used: std::collections::HashSet<&String> = data.files.values().map(|s| &s.key).collect();
    data.summaries.retain(|k, _| used.contains(k));
}

/// A cached summary for the file at `path` as it is now.
fn served(entry: &Entry, path: &Path, meta: &Metadata) -> Summary {
    let mut s = entry.summary.clone();
    if entry.stem_title {
        s.title = stem(path);
    }
    if s.dated_by == DatedBy::FileTime {
        s.date = summary::file_date(meta);
    }
    s.bytes = meta.len();
    s
}

/// The content's hash, with its length so that a prefix never collides.
fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = Fnv::default();
    h.write(&(bytes.len() as u64).to_le_bytes());
    h.write(bytes);
    h.finish()
}

/// What besides the content shapes a summary: the extension (a hint to
/// format detection) and the user's encoding, format and speaker rules.
fn options_key(path: &Path, options: &LoadOptions) -> String {
    let ext = options
        .extension
        .clone()
        .or_else(|| path.extension().map(|e| e.to_string_lossy().to_lowercase()));
    let mut h = Fnv::default();
    let shaping = (ext, &options.encoding, options.format, &options.speakers);
    h.write(format!("{shaping:?}").as_bytes());
    format!("{:016x}", h.finish())
}

fn now_ns() -> i64 {
    ns(SystemTime::now())
}

fn ns(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_nanos()).unwrap_or(i64::MAX),
    }
}

#[cfg(unix)]
fn stamp_of(meta: &Metadata, key: String, checked: i64) -> Stamp {
    use std::os::unix::fs::MetadataExt;
    let at = |s: i64, n: i64| s.saturating_mul(1_000_000_000).saturating_add(n);
    Stamp {
        size: meta.len(),
        mtime: at(meta.mtime(), meta.mtime_nsec()),
        ctime: at(meta.ctime(), meta.ctime_nsec()),
        ino: meta.ino(),
        key,
        checked,
    }
}

#[cfg(not(unix))]
fn stamp_of(meta: &Metadata, key: String, checked: i64) -> Stamp {
    Stamp {
        size: meta.len(),
        mtime: meta.modified().map(ns).unwrap_or(0),
        ctime: meta.created().map(ns).unwrap_or(0),
        ino: 0,
        key,
        checked,
    }
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
