//! Following a file as it grows (`tread -f FILE`, `F`): a thread that looks
//! at the file's metadata every [`POLL`] and, when it changed, reads what
//! was appended, settles it ([`crate::transcript::live`]: a line a
//! recogniser rewrote with a carriage return is kept once, in its last
//! version; JSON lines merge their revisions) and parses the settled text,
//! then sends the new document to the run loop's event source. The parse
//! happens on this thread, so the reader never waits for it; an idle
//! follow costs one `stat` per poll.
//!
//! The settled text is parsed whole each time: the model must equal a
//! fresh parse of it (speaker labels are decided over the whole text), and
//! a two-hour session is about a megabyte. A file truncated or rewritten
//! from the top (shorter, other first bytes, another inode) is read again
//! from its start; the reader keeps its place and bookmarks by their words.
//! A file in another encoding than UTF-8 is read and parsed again whole
//! ([`Reading::Whole`]), as on the way in.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::thread::{self, JoinHandle};
use std::time::{Duration, SystemTime};

use std::io::{Read as _, Seek, SeekFrom};

use crate::store::identity::doc_hash;
use crate::transcript::live::{Growth, HEAD, Live};
use crate::transcript::{Document, LoadOptions};

/// How often the file is looked at. With the event source's own poll,
/// an appended line is on screen within about twice this.
pub const POLL: Duration = Duration::from_millis(50);

/// Reads the file and parses it: the document and its hash, or a line
/// saying why not. Made once by the command line, called on the thread.
pub type Reload = Arc<dyn Fn() -> Result<(Document, String), String> + Send + Sync>;

/// How a followed file is read.
#[derive(Clone)]
pub enum Reading {
    /// UTF-8: appended bytes settled as they come, with these options.
    Live(LoadOptions),
    /// Another encoding: read and parsed again whole, as on the way in.
    Whole(Reload),
}

/// What can be followed: the file, and how it is read.
#[derive(Clone)]
pub struct Source {
    pub path: PathBuf,
    pub reading: Reading,
    /// The hash of the version the reader has, so it is not sent again.
    pub hash: String,
    /// The most a followed file may hold (the reader's input limit).
    pub limit: u64,
}

/// What the follow and load threads send ([`super::loader`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Arrival {
    /// A new version of the document, with its hash.
    Document(Box<Document>, String),
    /// The file could not be read or parsed (it is kept being looked at).
    Failed(String),
    /// How far a background read has come.
    Progress(crate::app::live::Progress),
    /// The input is all read: the whole document, with its hash.
    Loaded(Box<Document>, String),
    /// The input is all read, but the whole could not be parsed: why.
    Unreadable(String),
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
    let mut hash = source.hash.clone();
    let mut failed = false;
    let mut live = Follow::new(&source);
    while !stop.load(Ordering::Relaxed) {
        let now = seen(&source.path);
        if last != Some(now) {
            let renewed = last.flatten().zip(now).is_some_and(|(a, b)| a.ino != b.ino);
            last = Some(now);
            let arrival = match now {
                None => Err(format!("{} cannot be read now", source.path.display())),
                Some(_) => live.read(&source, renewed),
            };
            let arrival = match arrival {
                Ok(None) => None,
                Ok(Some((_, h))) if h == hash => None,
                Ok(Some((doc, h))) => {
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

/// The thread's reading state: the settled text of a UTF-8 file.
struct Follow {
    live: Option<Live>,
}

type Read = Result<Option<(Document, String)>, String>;

impl Follow {
    fn new(source: &Source) -> Follow {
        let live = matches!(source.reading, Reading::Live(_)).then(Live::new);
        Follow { live }
    }

    /// The file's new version, `None` if nothing changed in it.
    fn read(&mut self, source: &Source, renewed: bool) -> Read {
        let (Some(live), Reading::Live(options)) = (&mut self.live, &source.reading) else {
            let Reading::Whole(reload) = &source.reading else {
                return Ok(None);
            };
            return reload().map(Some);
        };
        let path = &source.path;
        let why = |e: std::io::Error| format!("{} cannot be read: {e}", path.display());
        let mut file = fs::File::open(path).map_err(why)?;
        let len = file.metadata().map_err(why)?.len();
        if len > source.limit {
            let mib = source.limit / (1024 * 1024);
            return Err(format!(
                "{} passed {mib} MiB: no longer followed",
                path.display()
            ));
        }
        let mut head = vec![0; HEAD.min(len as usize)];
        file.read_exact(&mut head).map_err(why)?;
        let from = match live.text().check(len, &head) {
            Growth::Same if !renewed => return Ok(None),
            Growth::Appended if !renewed => live.text().consumed(),
            _ => {
                live.reset();
                0
            }
        };
        let mut bytes = Vec::new();
        file.seek(SeekFrom::Start(from)).map_err(why)?;
        file.take(len - from).read_to_end(&mut bytes).map_err(why)?;
        live.push(&bytes);
        let doc = live
            .document(options)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let hash = doc_hash(&doc);
        Ok(Some((doc, hash)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::load;
    use std::sync::mpsc;

    fn source(path: PathBuf) -> Source {
        Source {
            path,
            reading: Reading::Live(LoadOptions::default()),
            hash: "start".into(),
            limit: 1 << 20,
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

    /// What a followed file brings is what a fresh load of its settled
    /// text gives: a partial line rewritten with carriage returns ends as
    /// its last version, and a rewrite from the top is read from the top.
    #[test]
    fn rewritten_partials_end_as_one_line_and_a_rewrite_is_read_again() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("live.txt");
        fs::write(&path, "Ana: one.\n\n").unwrap();
        let source = source(path.clone());
        let mut follow = Follow::new(&source);
        let mut read = || follow.read(&source, false).unwrap().map(|(d, _)| d);
        assert!(read().is_some());
        assert!(read().is_none(), "nothing new");
        let mut f = fs::OpenOptions::new().append(true).open(&path).unwrap();
        let mut doc = None;
        for part in ["Ben: tw\r", "Ben: two, al\r", "Ben: two, all of it.\n"] {
            f.write_all(part.as_bytes()).unwrap();
            doc = read().or(doc);
        }
        let settled = b"Ana: one.\n\nBen: two, all of it.\n";
        let expected = load(settled, &LoadOptions::default()).unwrap();
        assert_eq!(doc.unwrap().sections, expected.sections);
        fs::write(&path, "Cy: anew.\n").unwrap();
        let doc = read().expect("read again");
        let fresh = load(b"Cy: anew.\n", &LoadOptions::default()).unwrap();
        assert_eq!(doc.sections, fresh.sections);
    }
}
