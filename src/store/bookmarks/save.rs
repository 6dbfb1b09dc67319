//! Writing, always under the log's exclusive lock: appending the pending
//! operations, compaction (a new snapshot, then a reset log), repairing a
//! damaged snapshot; and the calls that decide when: `retry`, `close`.

use std::fs::{self, File};

use super::{COMPACT_AFTER, Disk, LogAt, Store};
use crate::store::atomic::{self, Lock};
use crate::store::log;
use crate::store::logfile::{self, stamp_at};
use crate::store::snapshot::{self, VERSION};
use crate::store::{StoreError, Warning};

impl Store {
    /// Save pending changes: lock the log, catch up with it, append them.
    /// On failure they stay pending (and in the list) for the next try.
    pub fn flush(&mut self) -> Result<(), StoreError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        self.save(false)
    }

    /// Fold the log into a new snapshot (generation G+1), then reset the
    /// log to the header G+1. Pending changes go into the snapshot. Never
    /// done by [`add`](Store::add) and the like: its cost grows with the
    /// bookmarks, so it is for opening and closing.
    pub fn compact(&mut self) -> Result<(), StoreError> {
        self.save(true)
    }

    /// Read everything again under the write lock (setting a damaged
    /// snapshot aside) and write a good snapshot in its place.
    pub(super) fn repair(&mut self) -> Result<(), StoreError> {
        self.disk = None;
        self.save(true)
    }

    fn save(&mut self, compact: bool) -> Result<(), StoreError> {
        self.refuse_if_read_only()?;
        let mut file = logfile::open_write(&self.log_path)?;
        atomic::lock_file(&file, &self.log_path, Lock::Exclusive, self.lock_timeout)?;
        self.catch_up(&mut file, true)?;
        self.refuse_if_read_only()?;
        let path = self.log_path.clone();
        self.cut_torn(&mut file)
            .map_err(|e| StoreError::io("cannot write", &path, e))?;
        let Some(disk) = self.disk.clone() else {
            return Ok(()); // caught up means read: not reached
        };
        // A snapshot that is missing, of format 1 or set aside is written
        // first, so that a version-1 tread never rewrites it blind to the log.
        if compact || disk.version != VERSION || disk.snap.is_none() {
            self.write_snapshot(&mut file, &disk)
        } else {
            self.append(&mut file, &disk)
        }
    }

    fn refuse_if_read_only(&self) -> Result<(), StoreError> {
        if self.opened_read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                reason: "opened read-only".into(),
            });
        }
        match &self.read_only {
            Some((path, reason)) => Err(StoreError::ReadOnly {
                path: path.clone(),
                reason: reason.clone(),
            }),
            None => Ok(()),
        }
    }

    fn append(&mut self, file: &mut File, disk: &Disk) -> Result<(), StoreError> {
        let path = self.log_path.clone();
        let err = |e| StoreError::io("cannot write", &path, e);
        let mut at = match disk.log {
            Some(at) if at.header.is_some_and(|h| h >= disk.generation) => at,
            // New, emptied by a crash, or older than the snapshot (a
            // compaction died before resetting it; its lines are in the snapshot).
            _ => {
                let header = log::header_line(disk.generation, &self.header_extra);
                logfile::reset(file, &header).map_err(err)?;
                LogAt {
                    stamp: logfile::stamp(file).map_err(err)?,
                    header: Some(disk.generation),
                    offset: header.len() as u64,
                    ops: 0,
                }
            }
        };
        let mut bytes = Vec::new();
        for p in &self.pending {
            let line = p.op.to_line().map_err(|source| StoreError::Encode {
                path: path.clone(),
                source,
            })?;
            bytes.extend(line);
        }
        logfile::append(file, at.offset, &bytes).map_err(err)?;
        at.offset += bytes.len() as u64;
        at.ops += self.pending.len();
        at.stamp = logfile::stamp(file).map_err(err)?;
        self.set_log(at);
        self.saved();
        Ok(())
    }

    /// Compaction's two steps. After the first (the snapshot renamed into
    /// place) everything is saved: a log left older than it is ignored.
    fn write_snapshot(&mut self, file: &mut File, disk: &Disk) -> Result<(), StoreError> {
        let header_gen = disk.log.and_then(|l| l.header).unwrap_or(0);
        let generation = disk.generation.max(header_gen) + 1;
        let bytes = snapshot::encode(
            &self.path,
            &self.document,
            generation,
            &self.merged,
            &self.snapshot_extra,
        )?;
        atomic::remove_strays(&self.path);
        atomic::write(&self.path, &bytes)?;
        self.saved();
        // Format 1's sidecar lock, litter now that the log is the lock.
        let _ = fs::remove_file(atomic::lock_path(&self.path));
        let header = log::header_line(generation, &self.header_extra);
        let log = logfile::reset(file, &header)
            .and_then(|()| logfile::stamp(file))
            .ok()
            .map(|stamp| LogAt {
                stamp,
                header: Some(generation),
                offset: header.len() as u64,
                ops: 0,
            });
        self.disk = Some(Disk {
            snap: stamp_at(&self.path, true),
            version: VERSION,
            generation,
            verified: log.is_some(),
            log,
            other_log: None,
        });
        Ok(())
    }

    /// True when the log holds many operations, more than the bookmarks.
    pub fn wants_compaction(&self) -> bool {
        let ops = self.disk.as_ref().and_then(|d| d.log).map_or(0, |l| l.ops);
        ops > COMPACT_AFTER && ops > self.list().len()
    }

    /// Save pending changes now ([`flush`](Store::flush) under the name the
    /// run loop uses for its timer).
    pub fn retry(&mut self) -> Result<(), StoreError> {
        self.flush()
    }

    /// At quit: save what is pending; if that fails, write it to a recovery
    /// file (and warn where); compact a long log. Returns the warnings.
    pub fn close(&mut self) -> Vec<Warning> {
        if !self.opened_read_only {
            if self.has_unsaved() {
                let _ = self.flush();
            }
            if self.has_unsaved() {
                if let Some(w) = self.save_elsewhere() {
                    self.warnings.push(w);
                }
            } else if self.wants_compaction() {
                let _ = self.compact();
            }
        }
        self.take_warnings()
    }

    fn saved(&mut self) {
        self.pending.clear();
        self.recovered = None;
    }
}
