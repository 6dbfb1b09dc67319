//! Searching many files on several threads, the results still in path
//! order ([`search_paths`]): the command line prints them as it gets them,
//! a library view can show them the same way.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::query::ShelfQuery;
use super::search::{Context, ShelfHit, search_file};

/// One file's outcome: its hits, or why it is not a transcript.
pub type Searched = (PathBuf, Result<Vec<ShelfHit>, String>);

/// The results of a search over many files, in the order of the paths;
/// each as soon as it and every one before it are done. Dropping it stops
/// the threads after the file each is on.
pub struct Ordered {
    rx: Option<Receiver<(usize, Searched)>>,
    pending: BTreeMap<usize, Searched>,
    next: usize,
    stop: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
}

/// Search `paths` with `q` on `threads` threads (at least one). Only hits
/// are held while an earlier file is still being searched: each thread
/// has one document in memory at a time.
pub fn search_paths(
    paths: Vec<PathBuf>,
    q: Arc<ShelfQuery>,
    ctx: Arc<Context>,
    threads: usize,
) -> Ordered {
    let threads = threads.clamp(1, paths.len().max(1));
    let paths = Arc::new(paths);
    let taken = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, rx) = sync_channel(threads * 4);
    let tx = Arc::new(Mutex::new(tx));
    let workers = (0..threads)
        .map(|_| {
            let (paths, taken, stop) = (paths.clone(), taken.clone(), stop.clone());
            let (q, ctx, tx) = (q.clone(), ctx.clone(), tx.clone());
            std::thread::spawn(move || {
                let Ok(tx) = tx.lock().map(|t| t.clone()) else {
                    return;
                };
                while !stop.load(Ordering::Relaxed) {
                    let i = taken.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(i) else { break };
                    let result = search_file(path, &q, &ctx);
                    if tx.send((i, (path.clone(), result))).is_err() {
                        break;
                    }
                }
            })
        })
        .collect();
    Ordered {
        rx: Some(rx),
        pending: BTreeMap::new(),
        next: 0,
        stop,
        workers,
    }
}

impl Iterator for Ordered {
    type Item = Searched;

    fn next(&mut self) -> Option<Searched> {
        loop {
            if let Some(done) = self.pending.remove(&self.next) {
                self.next += 1;
                return Some(done);
            }
            // Every thread gone and nothing pending: the end.
            let (i, searched) = self.rx.as_ref()?.recv().ok()?;
            self.pending.insert(i, searched);
        }
    }
}

impl Drop for Ordered {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Closing the channel ends a thread waiting to send.
        self.rx = None;
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

/// The threads worth using: the machine's, at most four (reading and
/// parsing files stops scaling there).
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn results_come_in_path_order_whatever_thread_finishes_first() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for i in 0..40 {
            let path = dir.path().join(format!("{i:02}.txt"));
            // Large and small files, so threads finish out of order.
            let turns = if i % 7 == 0 { 3000 } else { 2 };
            let text = "ANNA: the word is here.\n\nBEN: not in this one.\n\n".repeat(turns);
            fs::write(&path, text).unwrap();
            paths.push(path);
        }
        paths.push(dir.path().join("missing.txt"));
        let q = Arc::new(ShelfQuery::parse("word").unwrap());
        let ctx = Arc::new(Context::default());
        let got: Vec<Searched> = search_paths(paths.clone(), q, ctx, 3).collect();
        let order: Vec<&PathBuf> = got.iter().map(|(p, _)| p).collect();
        assert_eq!(order, paths.iter().collect::<Vec<_>>());
        assert_eq!(got[0].1.as_ref().unwrap().len(), 3000);
        assert_eq!(got[1].1.as_ref().unwrap().len(), 2);
        assert!(got[40].1.is_err());
    }

    #[test]
    fn dropping_early_stops_the_threads() {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = (0..200)
            .map(|i| {
                let path = dir.path().join(format!("{i:03}.txt"));
                fs::write(&path, "ANNA: word.\n\nBEN: word.\n").unwrap();
                path
            })
            .collect();
        let q = Arc::new(ShelfQuery::parse("word").unwrap());
        let mut results = search_paths(paths, q, Arc::new(Context::default()), 2);
        assert!(results.next().is_some());
        drop(results); // returns: the threads were joined
    }
}
