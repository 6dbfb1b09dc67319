//! Reading the snapshot and the log, and bringing a store up to date with
//! them: everything at once, or only the log lines added since last time.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use super::{Disk, LogAt, Store};
use crate::store::atomic::{self, Lock, Parsed};
use crate::store::log::{self, Scan};
use crate::store::logfile::{self, Stamp, stamp_at};
use crate::store::merge::Merged;
use crate::store::snapshot::{self, Snapshot};
use crate::store::{StoreError, Warning, unix_now};

/// One reading of the snapshot.
pub(super) enum SnapRead {
    Missing,
    Unreadable(io::Error),
    Read(Stamp, Parsed<Snapshot>),
}

/// One reading of the log, from its first byte.
pub(super) enum LogRead {
    Missing,
    Unreadable(io::Error),
    Read(Stamp, Scan),
}

fn read_snapshot(path: &Path) -> SnapRead {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return SnapRead::Missing,
        Err(e) => return SnapRead::Unreadable(e),
    };
    let read = file.metadata().and_then(|meta| {
        let mut bytes = Vec::with_capacity(meta.len().try_into().unwrap_or(0));
        file.read_to_end(&mut bytes)?;
        Ok((Stamp::of(&meta), bytes))
    });
    match read {
        Ok((stamp, bytes)) => SnapRead::Read(stamp, snapshot::parse(&bytes)),
        Err(e) => SnapRead::Unreadable(e),
    }
}

fn read_log(file: &mut File) -> LogRead {
    // The stamp before the bytes: if a line lands in between, the next
    // look at the stamp sees a change and reads on.
    let read = logfile::stamp(file).and_then(|s| Ok((s, logfile::read_from(file, 0)?)));
    match read {
        Ok((stamp, bytes)) => LogRead::Read(stamp, log::scan(&bytes, true)),
        Err(e) => LogRead::Unreadable(e),
    }
}

impl Store {
    /// Read both files and make them the store's state. A damaged snapshot
    /// is set aside under the exclusive lock (unless opened read-only).
    pub(super) fn reload_all(&mut self) {
        let (snap, log, locked) = self.read_shared();
        if matches!(snap, SnapRead::Read(_, Parsed::Bad { .. })) && !self.opened_read_only {
            // A failed repair that got as far as reading has installed it.
            if self.repair().is_ok() || self.disk.is_some() {
                return;
            }
        }
        self.install(snap, log, locked, false);
    }

    /// Both files, under a shared lock on the log if there is one (and the
    /// lock comes within the timeout: else read anyway, unverified).
    fn read_shared(&self) -> (SnapRead, LogRead, bool) {
        match logfile::open_read(&self.log_path) {
            Ok(None) => (read_snapshot(&self.path), LogRead::Missing, true),
            Err(e) => (read_snapshot(&self.path), LogRead::Unreadable(e), true),
            Ok(Some(mut file)) => {
                let locked =
                    atomic::lock_file(&file, &self.log_path, Lock::Shared, self.lock_timeout)
                        .is_ok();
                let snap = read_snapshot(&self.path);
                (snap, read_log(&mut file), locked)
            }
        }
    }

    /// Make what was read the state, pending changes redone on top.
    /// `exclusive`: the write lock is held, so a damaged snapshot may be set aside.
    fn install(&mut self, snap: SnapRead, log: LogRead, locked: bool, exclusive: bool) {
        self.read_only = None;
        for p in &mut self.pending {
            p.undo.clear();
        }
        let (s, stamp, good) = self.take_snapshot(snap, exclusive);
        let mut merged = Merged::new(s.bookmarks, s.removed, s.aliases);
        self.snapshot_extra = s.extra;
        let other_log = match &log {
            LogRead::Read(..) => None,
            _ => stamp_at(&self.log_path, false),
        };
        let log = self.take_log(log, s.generation, &mut merged);
        self.merged = merged;
        self.disk = Some(Disk {
            version: if stamp.is_some() { s.version } else { 0 },
            snap: stamp,
            generation: s.generation,
            log,
            other_log,
            verified: locked && good,
        });
        self.redo_pending();
    }

    /// The snapshot read, its stamp (`None` once set aside), and false if
    /// it is damaged and still in place.
    fn take_snapshot(
        &mut self,
        read: SnapRead,
        exclusive: bool,
    ) -> (Snapshot, Option<Stamp>, bool) {
        let path = self.path.clone();
        match read {
            SnapRead::Missing => (Snapshot::default(), None, true),
            SnapRead::Unreadable(e) => {
                self.refuse(&path, format!("cannot read it: {e}"));
                (Snapshot::default(), None, true)
            }
            SnapRead::Read(stamp, Parsed::Good(s)) => (s, Some(stamp), true),
            SnapRead::Read(stamp, Parsed::Newer { reason, value }) => {
                self.refuse(&path, reason);
                (value, Some(stamp), true)
            }
            SnapRead::Read(
                stamp,
                Parsed::Bad {
                    reason,
                    value,
                    salvaged,
                },
            ) => {
                if !exclusive || self.opened_read_only {
                    let w = Warning::Damaged {
                        path,
                        reason,
                        salvaged,
                    };
                    self.warnings.push(w);
                    return (value, Some(stamp), false);
                }
                match atomic::set_aside(&path, unix_now()) {
                    Ok(moved_to) => {
                        let w = Warning::SetAside {
                            path,
                            moved_to,
                            reason,
                            salvaged,
                        };
                        self.warnings.push(w);
                        (value, None, true)
                    }
                    Err(e) => {
                        let why = format!("{reason}, and it could not be set aside ({e})");
                        self.refuse(&path, why);
                        (value, Some(stamp), true)
                    }
                }
            }
        }
    }

    /// Replay the log onto `merged`, unless it is older than the snapshot
    /// (a compaction died before resetting it: its operations are in the
    /// snapshot already).
    fn take_log(&mut self, read: LogRead, generation: u64, merged: &mut Merged) -> Option<LogAt> {
        let path = self.log_path.clone();
        let (stamp, scan) = match read {
            LogRead::Missing => return None,
            LogRead::Unreadable(e) => {
                let reason = if atomic::is_link_refused(&e) {
                    "it is a symbolic link, which tread does not follow".to_string()
                } else {
                    format!("cannot read it: {e}")
                };
                self.refuse(&path, reason);
                return None;
            }
            LogRead::Read(stamp, scan) => (stamp, scan),
        };
        if scan.bad_header {
            self.refuse(&path, "its first line is not a tread log header".into());
        }
        let header = scan.header.as_ref().map(|h| h.generation);
        if let Some(h) = &scan.header {
            self.header_extra = h.extra.clone();
        }
        let live = header.is_some_and(|h| h >= generation);
        if live {
            let mut scratch = Vec::new();
            for op in &scan.ops {
                scratch.clear();
                merged.apply(op, &mut scratch);
            }
        }
        self.note_scan(&scan);
        Some(LogAt {
            stamp,
            header,
            offset: scan.consumed,
            ops: if live { scan.ops.len() } else { 0 },
        })
    }

    /// An operation of unknown kind stops writing (compacting would drop
    /// it); unreadable lines are reported.
    fn note_scan(&mut self, scan: &Scan) {
        let path = self.log_path.clone();
        if let Some(kind) = scan.unknown.first() {
            let why = format!("it holds an operation this tread does not know (“{kind}”)");
            self.refuse(&path, why);
        }
        if scan.skipped > 0 {
            let count = scan.skipped;
            self.warnings.push(Warning::SkippedLines { path, count });
        }
    }

    /// Stop writing, and say why (the first reason found is the one kept).
    fn refuse(&mut self, path: &Path, reason: String) {
        if self.read_only.is_some() {
            return;
        }
        let path = path.to_path_buf();
        if self.refusal_shown.as_ref() != Some(&(path.clone(), reason.clone())) {
            let w = Warning::ReadOnly {
                path: path.clone(),
                reason: reason.clone(),
            };
            self.warnings.push(w);
        }
        self.refusal_shown = Some((path.clone(), reason.clone()));
        self.read_only = Some((path, reason));
    }

    /// Bring the list up to date with the log, whose lock is held
    /// (`exclusive`: the write lock). Reads on from the last offset if both
    /// files are the ones read last time; else reads everything again.
    /// True if the list may have changed.
    pub(super) fn catch_up(
        &mut self,
        file: &mut File,
        exclusive: bool,
    ) -> Result<bool, StoreError> {
        let path = self.log_path.clone();
        let err = |e| StoreError::io("cannot read", &path, e);
        let now = logfile::stamp(file).map_err(err)?;
        let head = logfile::read_head(file).map_err(err)?;
        let header = log::header_generation(&head);
        let snap_now = stamp_at(&self.path, true);
        let fresh = self.disk.as_ref().and_then(|d| {
            if !d.verified || d.snap != snap_now {
                return None;
            }
            // No log when read, and an empty one now (just created): nothing new.
            let at = d.log.or((now.size() == 0).then_some(LogAt {
                stamp: now,
                header: None,
                offset: 0,
                ops: 0,
            }))?;
            let same = at.stamp.same_file(&now) && at.header == header;
            (same && now.size() >= at.offset).then_some(at)
        });
        match fresh {
            Some(at) => self.read_on(file, at, now).map_err(err),
            None => {
                let snap = read_snapshot(&self.path);
                let log = read_log(file);
                self.install(snap, log, true, exclusive);
                Ok(true)
            }
        }
    }

    fn read_on(&mut self, file: &mut File, mut at: LogAt, now: Stamp) -> io::Result<bool> {
        let bytes = logfile::read_from(file, at.offset)?;
        let scan = log::scan(&bytes, false);
        let generation = self.disk.as_ref().map_or(0, |d| d.generation);
        let live = at.header.is_some_and(|h| h >= generation);
        let changed = live && self.apply_theirs(&scan.ops);
        self.note_scan(&scan);
        at.offset += scan.consumed;
        at.ops += if live { scan.ops.len() } else { 0 };
        at.stamp = now;
        self.set_log(at);
        Ok(changed)
    }

    pub(super) fn set_log(&mut self, at: LogAt) {
        if let Some(d) = &mut self.disk {
            d.log = Some(at);
            d.other_log = None;
        }
    }

    /// Cut a torn last line off (the write lock is held).
    pub(super) fn cut_torn(&mut self, file: &mut File) -> io::Result<()> {
        let Some(mut at) = self.disk.as_ref().and_then(|d| d.log) else {
            return Ok(());
        };
        if logfile::stamp(file)?.size() > at.offset {
            logfile::cut(file, at.offset)?;
            at.stamp = logfile::stamp(file)?;
            self.set_log(at);
        }
        Ok(())
    }

    /// Read what other instances saved since the last look. Cheap when
    /// nothing changed (two `stat`s); otherwise reads the new lines under a
    /// shared lock. True if the list may have changed.
    pub fn refresh(&mut self) -> Result<bool, StoreError> {
        if self.unchanged_on_disk() {
            return Ok(false);
        }
        match logfile::open_read(&self.log_path) {
            Ok(Some(mut file)) => {
                atomic::lock_file(&file, &self.log_path, Lock::Shared, self.lock_timeout)?;
                self.catch_up(&mut file, false)
            }
            // No log (only a snapshot to read), or one that cannot be
            // opened, which a full reload reports.
            Ok(None) | Err(_) => {
                self.reload_all();
                Ok(true)
            }
        }
    }

    fn unchanged_on_disk(&self) -> bool {
        let Some(d) = &self.disk else {
            return false;
        };
        let log_now = stamp_at(&self.log_path, false);
        let log_then = d.log.map(|l| l.stamp).or(d.other_log);
        d.snap == stamp_at(&self.path, true) && log_then == log_now
    }
}
