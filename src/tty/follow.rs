//! Following a file as it grows (`tread -f FILE`, `F`): a thread that looks
//! at the file's metadata every [`POLL`] and, when it changed, reads and
//! parses it again and sends the new document to the run loop's event
//! source. The parse happens on this thread, so the reader never waits for
//! it; an idle follow costs one `stat` per poll.
//!
//! The whole file is read each time: the model must equal a fresh parse of
//! the file (speaker labels are decided over the whole text), and a live
//! transcript of a two-hour session is about a megabyte, a few
//! milliseconds to parse. A file truncated or rewritten is simply read
//! again; the reader keeps its place and bookmarks by their words.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::thread::{self, JoinHandle};
use std::time::{Duration, SystemTime};

use crate::transcript::Document;

/// How often the file is looked at. With the event source's own poll,
/// an appended line is on screen within about twice this.
pub const POLL: Duration = Duration::from_millis(50);

/// Reads the file and parses it: the document and its hash, or a line
/// saying why not. Made once by the command line, called on the thread.
pub type Reload = Arc<dyn Fn() -> Result<(Document, String), String> + Send + Sync>;

/// What can be followed: the file, and how it is read.
#[derive(Clone)]
pub struct Source {
    pub path: PathBuf,
    pub reload: Reload,
    /// The hash of the version the reader has, so it is not sent again.
    pub hash: String,
}

/// What the thread sends.
#[derive(Debug, Clone, PartialEq)]
pub enum Arrival {
    /// A new version of the document, with its hash.
    Document(Box<Document>, String),
    /// The file could not be read or parsed (it is kept being looked at).
    Failed(String),
}

/// The running watcher; dropping it stops the thread.
pub struct Follower {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Follower {
    pub fn spawn(source: Source, to: Sender<Arrival>) -> Follower {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = thread::Builder::new()
            .name("tread-follow".into())
            .spawn(move || watch(source, &to, &flag))
            .ok();
        Follower { stop, thread }
    }
}

impl Drop for Follower {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Which version of the file is there: enough metadata to see a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seen {
    len: u64,
    modified: Option<SystemTime>,
    ino: u64,
}

fn seen(path: &Path) -> Option<Seen> {
    let meta = fs::metadata(path).ok()?;
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let ino = 0;
    Some(Seen {
        len: meta.len(),
        modified: meta.modified().ok(),
        ino,
    })
}

fn watch(source: Source, to: &Sender<Arrival>, stop: &AtomicBool) {
    // Unknown at first: the file may have changed since the reader read it.
    let mut last: Option<Option<Seen>> = None;
    let mut hash = source.hash;
    let mut failed = false;
    while !stop.load(Ordering::Relaxed) {
        let now = seen(&source.path);
        if last != Some(now) {
            last = Some(now);
            let arrival = match now {
                None => Err(format!("{} cannot be read now", source.path.display())),
                Some(_) => (source.reload)(),
            };
            let arrival = match arrival {
                Ok((_, h)) if h == hash => None,
                Ok((doc, h)) => {
                    hash.clone_from(&h);
                    failed = false;
                    Some(Arrival::Document(Box::new(doc), h))
                }
                // Said once until the file reads again.
                Err(_) if failed => None,
                Err(e) => {
                    failed = true;
                    Some(Arrival::Failed(e))
                }
            };
            if let Some(a) = arrival
                && to.send(a).is_err()
            {
                return;
            }
        }
        thread::sleep(POLL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::{LoadOptions, load};
    use std::sync::mpsc;

    fn source(path: PathBuf) -> Source {
        let at = path.clone();
        let reload: Reload = Arc::new(move || {
            let bytes = fs::read(&at).map_err(|e| e.to_string())?;
            let doc = load(&bytes, &LoadOptions::default()).map_err(|e| e.to_string())?;
            Ok((doc, format!("{}", bytes.len())))
        });
        Source {
            path,
            reload,
            hash: "start".into(),
        }
    }

    fn next(rx: &mpsc::Receiver<Arrival>) -> Arrival {
        rx.recv_timeout(Duration::from_secs(10))
            .expect("an arrival")
    }

    #[test]
    fn a_growing_file_arrives_and_a_missing_one_is_said_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("live.txt");
        fs::write(&path, "Ana: one.\n").unwrap();
        let (tx, rx) = mpsc::channel();
        let follower = Follower::spawn(source(path.clone()), tx);
        let Arrival::Document(doc, _) = next(&rx) else {
            panic!("the file as it is first");
        };
        assert_eq!(doc.sections[0].turns.len(), 1);
        fs::write(&path, "Ana: one.\n\nBen: two.\n").unwrap();
        let Arrival::Document(doc, _) = next(&rx) else {
            panic!("the grown file");
        };
        assert_eq!(doc.sections[0].turns.len(), 2);
        fs::remove_file(&path).unwrap();
        assert!(matches!(next(&rx), Arrival::Failed(e) if e.contains("cannot be read")));
        drop(follower);
        assert!(rx.recv().is_err(), "stopped: nothing more, the sender gone");
    }
}
