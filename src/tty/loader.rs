//! Reading an input in the background while the reader shows what has
//! come: a large file or a slow pipe (progressive loading), and standard
//! input followed as it grows (`tread -f -`).
//!
//! A pump thread reads the input in chunks ([`pump`]); the loader thread
//! takes them, sends the reader documents of longer and longer parts
//! ([`crate::transcript::progressive`]) or, for a followed stream, of the
//! settled text as it arrives ([`crate::transcript::live`]), and progress
//! while it reads and parses; at the end it sends the whole document, the
//! one a one-shot load makes. Parsing happens here, so the reader answers
//! keys throughout.

use std::collections::VecDeque;
use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::follow::Arrival;
use crate::app::live::Progress;
use crate::store::identity::doc_hash;
use crate::transcript::live::Live;
use crate::transcript::{Document, LoadOptions, load_owned, progressive};

/// What the pump sends: a chunk of the input, or its end.
#[derive(Debug)]
pub enum Chunk {
    Bytes(Vec<u8>),
    End,
    Failed(io::Error),
}

/// How much one read asks for.
const READ: usize = 1024 * 1024;

/// Read `input` on a thread of its own, chunk by chunk, until it ends or
/// nobody listens. The thread is never joined: a read of a terminal's
/// standard input or a pipe cannot be interrupted, and it ends with the
/// process.
pub fn pump(mut input: Box<dyn Read + Send>) -> Receiver<Chunk> {
    let (to, chunks) = mpsc::sync_channel(16);
    let spawned = thread::Builder::new()
        .name("tread-read".into())
        .spawn(move || pump_into(&mut input, &to));
    if let Err(e) = spawned {
        let (to, failed) = mpsc::sync_channel(1);
        let _ = to.send(Chunk::Failed(e));
        return failed;
    }
    chunks
}

fn pump_into(input: &mut dyn Read, to: &SyncSender<Chunk>) {
    loop {
        let mut buf = vec![0; READ];
        let chunk = match input.read(&mut buf) {
            Ok(0) => Chunk::End,
            Ok(n) => {
                buf.truncate(n);
                Chunk::Bytes(buf)
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => Chunk::Failed(e),
        };
        let last = !matches!(chunk, Chunk::Bytes(_));
        if to.send(chunk).is_err() || last {
            return;
        }
    }
}

/// One input to read in the background.
pub struct Job {
    /// The rest of the input ([`pump`]).
    pub chunks: Receiver<Chunk>,
    /// What was read before the reader opened (its first document's bytes).
    pub bytes: Vec<u8>,
    /// The input's length, when it is a file.
    pub total: Option<u64>,
    pub options: LoadOptions,
    /// How messages name the input: a path, or `standard input`.
    pub label: String,
    /// Standard input followed as it grows (`-f -`): carriage-return
    /// rewrites settled, a document sent as text arrives.
    pub live: bool,
    /// The most that is read ([`crate::cli::MAX_INPUT_BYTES`]).
    pub limit: u64,
}

/// The running loader; dropping it stops the thread.
pub struct Loader {
    stop: Arc<AtomicBool>,
    paused: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Loader {
    pub fn spawn(job: Job, to: Sender<Arrival>) -> Loader {
        let stop = Arc::new(AtomicBool::new(false));
        let paused = Arc::new(AtomicBool::new(false));
        let flags = (Arc::clone(&stop), Arc::clone(&paused));
        let thread = thread::Builder::new()
            .name("tread-load".into())
            .spawn(move || {
                let mut loading = Loading::new(job, to, flags);
                loading.run();
            })
            .ok();
        Loader {
            stop,
            paused,
            thread,
        }
    }

    /// A followed stream's documents are held while paused (`F`): the
    /// input is still read, so its writer never blocks.
    pub fn pause(&self, on: bool) {
        self.paused.store(on, Ordering::Relaxed);
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// How often the loader looks up from waiting: progress and a followed
/// stream's new text reach the reader within about this.
const TICK: Duration = Duration::from_millis(50);

/// A followed stream pouring in is parsed at most this often.
const REPARSE: Duration = Duration::from_millis(200);

/// Bytes parsed per second before any part has been timed.
const GUESSED_RATE: f64 = 40e6;

struct Loading {
    job: Job,
    to: Sender<Arrival>,
    stop: Arc<AtomicBool>,
    paused: Arc<AtomicBool>,
    /// The settled text of a followed stream.
    live: Option<Live>,
    /// The lengths of the parts still to read, first first
    /// ([`progressive::Growth::limits`]).
    parts: VecDeque<usize>,
    /// Bytes parsed per second, as the last part took.
    rate: f64,
    /// Why the input was not read to its end.
    short: Option<String>,
}

impl Loading {
    fn new(mut job: Job, to: Sender<Arrival>, flags: (Arc<AtomicBool>, Arc<AtomicBool>)) -> Self {
        let previewable = progressive::previewable(&job.bytes, &job.options);
        let parts = match previewable && !job.live {
            true => (progressive::Growth::READER).limits(job.bytes.len(), job.total),
            false => Vec::new(),
        };
        // A followed stream keeps its settled text, not the bytes.
        let live = job.live.then(|| {
            let mut live = Live::new();
            live.push(&std::mem::take(&mut job.bytes));
            live
        });
        Loading {
            job,
            to,
            stop: flags.0,
            paused: flags.1,
            live,
            parts: parts.into(),
            rate: GUESSED_RATE,
            short: None,
        }
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    fn send(&self, arrival: Arrival) -> bool {
        self.to.send(arrival).is_ok()
    }

    fn run(&mut self) {
        if !self.read() || self.stopped() {
            return;
        }
        let Some(doc) = self.whole() else {
            return;
        };
        let hash = doc_hash(&doc);
        self.send(Arrival::Loaded(Box::new(doc), hash));
    }

    /// Read to the end of the input (or the limit): false if the reader
    /// went away.
    fn read(&mut self) -> bool {
        let mut said = Instant::now();
        let mut dirty = false;
        let mut parsed = Instant::now();
        loop {
            if self.stopped() {
                return false;
            }
            let waited = match self.job.chunks.recv_timeout(TICK) {
                Ok(Chunk::Bytes(bytes)) => {
                    dirty |= self.take(&bytes);
                    false
                }
                Ok(Chunk::End) | Err(RecvTimeoutError::Disconnected) => return true,
                Ok(Chunk::Failed(e)) => {
                    self.short = Some(format!("cannot read {}: {e}", self.job.label));
                    return true;
                }
                Err(RecvTimeoutError::Timeout) => true,
            };
            if self.short.is_some() {
                return true;
            }
            let pause = self.paused.load(Ordering::Relaxed);
            if dirty && !pause && (waited || parsed.elapsed() >= REPARSE) {
                dirty = false;
                parsed = Instant::now();
                if !self.send_live() {
                    return false;
                }
            }
            if !self.send_part() {
                return false;
            }
            if said.elapsed() >= TICK * 2 {
                said = Instant::now();
                if !self.send(Arrival::Progress(self.reading())) {
                    return false;
                }
            }
        }
    }

    /// Keep a chunk: whether a followed stream's text changed.
    fn take(&mut self, bytes: &[u8]) -> bool {
        let had = self.held();
        let room = usize::try_from(self.job.limit.saturating_sub(had)).unwrap_or(usize::MAX);
        let bytes = if bytes.len() > room {
            let mib = self.job.limit / (1024 * 1024);
            self.short = Some(format!(
                "{} is larger than {mib} MiB: only its first {mib} MiB are read",
                self.job.label
            ));
            &bytes[..room]
        } else {
            bytes
        };
        match &mut self.live {
            Some(live) => live.push(bytes),
            None => {
                self.job.bytes.extend_from_slice(bytes);
                false
            }
        }
    }

    /// Bytes read so far.
    fn held(&self) -> u64 {
        match &self.live {
            Some(live) => live.text().consumed(),
            None => self.job.bytes.len() as u64,
        }
    }

    /// Progress while reading: the share read of a file of known length
    /// (reading is the first tenth of the work), else the bytes read.
    fn reading(&self) -> Progress {
        match self.job.total {
            Some(total) if total > 0 && self.live.is_none() => {
                Progress::Percent((self.held() * 10 / total).min(10) as u8)
            }
            _ => Progress::Read(self.held()),
        }
    }

    /// A followed stream's document as it stands.
    fn send_live(&mut self) -> bool {
        let Some(live) = &mut self.live else {
            return true;
        };
        match live.document(&self.job.options) {
            Ok(doc) => {
                let hash = doc_hash(&doc);
                self.send(Arrival::Document(Box::new(doc), hash))
            }
            Err(e) => self.send(Arrival::Failed(format!("{}: {e}", self.job.label))),
        }
    }

    /// The next part's document, once that much has been read.
    fn send_part(&mut self) -> bool {
        let Some(next) = self.parts.front().copied() else {
            return true;
        };
        if self.job.bytes.len() < next {
            return true;
        }
        self.parts.pop_front();
        let started = Instant::now();
        let Some(doc) = progressive::part(&self.job.bytes, next, &self.job.options) else {
            return true;
        };
        self.rate = next as f64 / started.elapsed().as_secs_f64().max(1e-3);
        let hash = doc_hash(&doc);
        self.send(Arrival::Document(Box::new(doc), hash))
    }

    /// The whole document, parsed while progress is sent; with a warning
    /// when the input was not read to its end. `None` if the reader went
    /// away.
    fn whole(&mut self) -> Option<Document> {
        let mut doc = match self.live.take() {
            Some(mut live) => live.document(&self.job.options),
            None => self.parse_whole(),
        }
        .map_err(|e| {
            let failed = Arrival::Unreadable(format!("{}: {e:#}", self.job.label));
            self.send(failed);
        })
        .ok()?;
        doc.warnings.extend(self.short.take());
        Some(doc)
    }

    fn parse_whole(&mut self) -> Result<Document, crate::transcript::LoadError> {
        let bytes = std::mem::take(&mut self.job.bytes);
        let expected = bytes.len() as f64 / self.rate;
        let (to, stop) = (&self.to, &self.stop);
        thread::scope(|scope| {
            let options = &self.job.options;
            let parse = scope.spawn(move || load_owned(bytes, options));
            let started = Instant::now();
            while !parse.is_finished() && !stop.load(Ordering::Relaxed) {
                thread::sleep(TICK * 2);
                let share = (started.elapsed().as_secs_f64() / expected).min(0.98);
                let percent = 10 + (share * 89.0) as u8;
                let _ = to.send(Arrival::Progress(Progress::Percent(percent)));
            }
            parse
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p))
        })
    }
}

#[cfg(test)]
mod tests;
