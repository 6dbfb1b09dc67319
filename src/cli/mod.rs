//! Reading the input, the non-interactive outputs (`--outline`, `--json`,
//! `--claims`, `--speakers`, `--stats`, `--bookmarks`, `--codes`,
//! `--search`), and the one way anything reaches standard error
//! ([`report`], [`warn`]). The flags are in `args.rs`.

pub mod address;
mod args;
mod bank;
pub mod claims;
pub mod codes;
pub mod export;
mod json;
pub mod library;
pub mod manual;
mod output;
mod print;
pub mod refi;
pub mod rules;
pub mod search;
pub mod session;
mod start;
mod stats;

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::text;
use crate::transcript::decode::{self, DecodeError};
use crate::transcript::{self, Document, LoadOptions};

pub use args::{Args, FlagError, Format, Output};
pub use json::{JsonDocument, write_json, write_json_line};
pub use print::{print_claims, print_json, print_outline, print_speakers};
pub use stats::{StatsFormat, print_stats};

/// Inputs larger than this are refused instead of read into memory. The
/// largest real transcripts are a few MiB; 256 MiB leaves room and still
/// fits a 4× working set in the memory of a small machine.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Where the transcript comes from.
#[derive(Debug)]
pub struct Input {
    /// Short name for the status line: the file name, `stdin`, or the sample's.
    pub name: String,
    /// How messages refer to the input: the path as given, or `standard input`.
    pub label: String,
    pub bytes: Vec<u8>,
}

/// Read the transcript named by the arguments.
pub fn read_input(args: &Args, stdin_is_terminal: bool) -> Result<Input> {
    let encoding = args.encoding.as_deref();
    match &args.file {
        Some(p) if p.as_os_str() == "-" => read_stdin(encoding),
        Some(p) => read_file(p, encoding),
        None if !stdin_is_terminal => read_stdin(encoding),
        None => Ok(Input {
            name: crate::SAMPLE_NAME.to_string(),
            label: crate::SAMPLE_NAME.to_string(),
            bytes: crate::SAMPLE.to_vec(),
        }),
    }
}

/// Decode and parse an input; errors name the input. The input's file
/// name gives the extension hint unless `options` has one.
pub fn load(input: Input, mut options: LoadOptions) -> Result<(String, Document)> {
    if options.extension.is_none() {
        options.extension = Path::new(&input.name)
            .extension()
            .map(|e| e.to_string_lossy().into_owned());
    }
    // Said, not silent: an empty pipe (a script's stdin, a file not yet
    // written) reads as a document with nothing in it.
    let blank = input.bytes.iter().all(u8::is_ascii_whitespace);
    let mut doc =
        transcript::load_owned(input.bytes, &options).with_context(|| input.label.clone())?;
    if blank {
        doc.warnings.push(format!("{} is empty", input.label));
    }
    Ok((input.name, doc))
}

pub fn read_file(path: &Path, encoding: Option<&str>) -> Result<Input> {
    let label = printable(&path.display().to_string());
    let file =
        open(path, &label).map_err(|e| anyhow::anyhow!("cannot open {label}: {}", reason(&e)))?;
    // Metadata of the open handle, so the checks and the read agree.
    let meta = file
        .metadata()
        .map_err(|e| anyhow::anyhow!("cannot open {label}: {}", reason(&e)))?;
    if meta.is_dir() {
        bail!("{label} is a directory");
    }
    if meta.len() > MAX_INPUT_BYTES {
        bail!(
            "{label}: file is too large ({} MiB; tread reads at most {} MiB)",
            meta.len().div_ceil(1024 * 1024),
            MAX_INPUT_BYTES / (1024 * 1024)
        );
    }
    // Devices and /proc files report length 0; the bounded read covers them.
    let capacity = usize::try_from(meta.len()).unwrap_or(0).saturating_add(1);
    let bytes = read_bounded(file, capacity, encoding)
        .map_err(|e| anyhow::anyhow!("cannot read {label}: {}", reason(&e)))?
        .with_context(|| format!("{label}: {}", too_large()))?
        .with_context(|| label.clone())?;
    let name = path
        .file_name()
        .map(|n| printable(&n.to_string_lossy()))
        .unwrap_or_else(|| label.clone());
    Ok(Input { name, label, bytes })
}

fn read_stdin(encoding: Option<&str>) -> Result<Input> {
    let bytes = read_bounded(io::stdin().lock(), 64 * 1024, encoding)
        .map_err(|e| anyhow::anyhow!("cannot read standard input: {}", reason(&e)))?
        .with_context(|| format!("standard input: {}", too_large()))?
        .context("standard input")?;
    Ok(Input {
        name: "stdin".to_string(),
        label: "standard input".to_string(),
        bytes,
    })
}

/// How long opening a FIFO may block before tread says what it waits for.
const FIFO_NOTICE_AFTER: Duration = Duration::from_millis(300);

/// Open `path` for reading. Opening a FIFO blocks until something opens it
/// for writing; if that takes a moment, say so on standard error instead of
/// hanging silently (`tread <(cmd)` has a writer and opens at once).
fn open(path: &Path, label: &str) -> io::Result<File> {
    let is_fifo = std::fs::metadata(path).is_ok_and(|m| m.file_type().is_fifo());
    if !is_fifo {
        return File::open(path);
    }
    let (tx, rx) = mpsc::channel();
    let owned = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(File::open(owned));
    });
    match rx.recv_timeout(FIFO_NOTICE_AFTER) {
        Ok(opened) => opened,
        Err(_) => {
            report(&format!(
                "{label} is a FIFO; waiting for a writer (Ctrl-c to give up)"
            ));
            rx.recv()
                .unwrap_or_else(|_| Err(io::Error::other("the open failed")))
        }
    }
}

/// Read everything, or `None` if there is more than [`MAX_INPUT_BYTES`].
/// Binary input is refused after its first [`SNIFF_BYTES`]: the decoder
/// decides "binary" from that prefix alone, and `/dev/urandom` should not
/// be read for 256 MiB before the error.
fn read_bounded(
    reader: impl Read,
    capacity: usize,
    encoding: Option<&str>,
) -> io::Result<Option<std::result::Result<Vec<u8>, DecodeError>>> {
    let mut bytes = Vec::with_capacity(capacity.min(MAX_INPUT_BYTES as usize + 1));
    let mut reader = reader.take(MAX_INPUT_BYTES + 1);
    (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut bytes)?;
    if bytes.len() == SNIFF_BYTES
        && let Err(e @ DecodeError::Binary(_)) = decode::decode(&bytes, encoding)
    {
        return Ok(Some(Err(e)));
    }
    // Grow by doubling, but never past the cap: `read_to_end` alone would
    // double a nearly full 256 MiB buffer to 512 MiB.
    let cap = MAX_INPUT_BYTES as usize + 1;
    loop {
        let chunk = bytes.len().max(SNIFF_BYTES).min(cap - bytes.len());
        if chunk == 0 {
            break;
        }
        bytes.reserve_exact(chunk);
        let read = (&mut reader).take(chunk as u64).read_to_end(&mut bytes)?;
        if read < chunk {
            break;
        }
    }
    Ok((bytes.len() as u64 <= MAX_INPUT_BYTES).then_some(Ok(bytes)))
}

/// The prefix the decoder's binary sniff looks at.
const SNIFF_BYTES: usize = 64 * 1024;

fn too_large() -> String {
    format!(
        "input is too large (tread reads at most {} MiB)",
        MAX_INPUT_BYTES / (1024 * 1024)
    )
}

/// A file name or message made safe to print on one line: a name is as
/// untrusted as the file's bytes (`tread 'x\e]0;title\a.txt'`). It is
/// [`text::sanitise`], owned.
pub fn printable(name: &str) -> String {
    text::sanitise(name).into_owned()
}

/// Print `tread: <message>` on standard error: the one place errors and
/// notices reach it, so none skips the sanitiser (a message may hold a
/// path, a config key or a stored note). A closed stderr is not an error
/// worth a panic.
pub fn report(message: &str) {
    let line = format!("tread: {}", text::sanitise(message));
    if let Ok(mut held) = HELD.lock()
        && let Some(lines) = held.as_mut()
    {
        lines.push(line);
        return;
    }
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// Lines for standard error while the library holds the screen: written
/// under it they would be drawn over at the next frame and lost (where a
/// reader's unsaved changes went, say), so they wait for [`HeldReports`]
/// to be dropped, after the screen is given back.
static HELD: std::sync::Mutex<Option<Vec<String>>> = std::sync::Mutex::new(None);

/// Holds what [`report`] writes until dropped, then writes it in order.
pub struct HeldReports(());

/// Hold standard error's lines from now until the guard is dropped.
pub fn hold_reports() -> HeldReports {
    if let Ok(mut held) = HELD.lock() {
        held.get_or_insert_with(Vec::new);
    }
    HeldReports(())
}

/// How many lines are held (the library says where they will be).
pub fn reports_held() -> usize {
    HELD.lock().map_or(0, |h| h.as_ref().map_or(0, Vec::len))
}

impl Drop for HeldReports {
    fn drop(&mut self) {
        let lines = HELD.lock().ok().and_then(|mut h| h.take());
        let mut err = io::stderr().lock();
        for line in lines.into_iter().flatten() {
            let _ = writeln!(err, "{line}");
        }
    }
}

/// Print `tread: warning: <message>` on standard error, through [`report`].
pub fn warn(message: &str) {
    report(&format!("warning: {message}"));
}

/// An I/O error as a reason, without Rust's ` (os error 2)` suffix.
fn reason(e: &io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reports_wait_while_held_and_are_let_go_after() {
        let held = super::hold_reports();
        super::warn("the bookmark could not be saved: disk full");
        assert!(super::reports_held() >= 1);
        drop(held);
        assert_eq!(super::reports_held(), 0);
    }
}
