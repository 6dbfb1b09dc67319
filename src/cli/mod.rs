//! Command-line flags, reading the input, and the non-interactive outputs
//! (`--outline`, `--json`, `--claims`, `--speakers`, `--bookmarks`), and the
//! one way anything reaches standard error ([`report`], [`warn`]).

mod bank;
mod json;
pub mod manual;
mod print;
pub mod refi;
pub mod rules;
pub mod session;

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::Parser;

use crate::text;
use crate::transcript::decode::{self, DecodeError};
use crate::transcript::formats::Format as InputFormat;
use crate::transcript::{self, Document, LoadOptions};

pub use bank::print_all as print_bank;
pub use json::{JsonDocument, write_json};
pub use print::{print_claims, print_json, print_outline, print_speakers};

/// Inputs larger than this are refused instead of read into memory. The
/// largest real transcripts are a few MiB; 256 MiB leaves room and still
/// fits a 4× working set in the memory of a small machine.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// A terminal reader for conversation transcripts.
#[derive(Debug, Parser)]
#[command(version, about, long_about = manual::LONG_ABOUT)]
pub struct Args {
    /// Transcript to open; `-` reads standard input. Without it, piped
    /// standard input is read, or else the bundled sample opens.
    pub file: Option<PathBuf>,

    /// Print the table of contents: sections, turn counts and speakers.
    #[arg(long)]
    pub outline: bool,

    /// Print the document model as JSON.
    #[arg(long, conflicts_with = "outline")]
    pub json: bool,

    /// Print one claim per line: `§<section> <speaker>: <text> [kind]`.
    #[arg(long, conflicts_with_all = ["outline", "json"])]
    pub claims: bool,

    /// Print the document's bookmarks, as Markdown or (`--format json`) JSON.
    #[arg(long, conflicts_with_all = ["outline", "json", "claims"])]
    pub bookmarks: bool,

    /// With --bookmarks: every bookmark in the store, grouped by document.
    #[arg(long, requires = "bookmarks", conflicts_with = "file")]
    pub all: bool,

    /// With --bookmarks --format qdpx: a code per speaker (under a code
    /// `Speakers`), and every turn coded with its speaker.
    #[arg(long, requires = "bookmarks")]
    pub speaker_codes: bool,

    /// Write the export to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE", requires = "bookmarks", value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,

    /// Merge a REFI-QDA codebook made elsewhere (a `.qdc`, or the codebook
    /// of a `.qdpx` project) into yours, print what changed, and exit.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath,
          conflicts_with_all = ["outline", "json", "claims", "bookmarks", "speakers"])]
    pub import_codes: Option<PathBuf>,

    /// Print every speaker label considered: its count, whether it was
    /// taken as a speaker, metadata or text, and why.
    #[arg(long, conflicts_with_all = ["outline", "json", "claims", "bookmarks"])]
    pub speakers: bool,

    /// Take NAME as a speaker wherever it labels a line (repeatable; adds
    /// to the config file's `labels.speaker`).
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,

    /// Never take NAME as a speaker: its lines stay text (repeatable; adds
    /// to the config file's `labels.not-speaker`).
    #[arg(long, value_name = "NAME")]
    pub not_speaker: Vec<String>,

    /// The input format: text, markdown, vtt, srt, json, diarized or auto
    /// (the default: detect from the content). With --bookmarks it is the
    /// export format instead: markdown (the default), json, qdpx (a
    /// REFI-QDA project) or qdc (the REFI-QDA codebook).
    #[arg(long, value_name = "NAME")]
    pub format: Option<String>,

    /// The input format, with or without --bookmarks: text, markdown, vtt,
    /// srt, json, diarized or auto.
    #[arg(long, value_name = "NAME")]
    pub input_format: Option<String>,

    /// Keep bookmarks and reading positions under DIR instead of
    /// `$XDG_DATA_HOME/tread` and `$XDG_STATE_HOME/tread` (also `TREAD_DATA_DIR`).
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub data_dir: Option<PathBuf>,

    /// Start at the top instead of where you last left this document.
    #[arg(long)]
    pub no_resume: bool,

    /// Decode the file with this encoding instead of detecting it
    /// (e.g. `gbk`, `big5`, `shift_jis`, `utf-16le`).
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,

    /// Read key bindings and speaker labels from this file instead of
    /// `$XDG_CONFIG_HOME/tread/config.toml`.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub config: Option<PathBuf>,

    /// Print the completion script for SHELL to standard output and exit.
    #[arg(long, value_name = "SHELL", exclusive = true)]
    pub completions: Option<clap_complete::Shell>,
}

const INPUT_FORMATS: &str = "text, markdown, vtt, srt, json, diarized or auto";

fn input_format(flag: &str, name: &str) -> Result<Option<InputFormat>, String> {
    InputFormat::from_name(name).ok_or_else(|| {
        format!("invalid value '{name}' for {flag}: the input format is one of {INPUT_FORMATS}")
    })
}

/// How `--bookmarks` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Json,
    /// A REFI-QDA project (`cli/refi.rs`).
    Qdpx,
    /// The REFI-QDA codebook alone (`cli/refi.rs`).
    Qdc,
}

/// What to do with the loaded document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// No print flag: open the reader (or, when stdout is not a terminal,
    /// print the outline).
    Reader,
    Outline,
    Json,
    Claims,
    Speakers,
    Bookmarks,
}

/// Flags that contradict each other (or the config file) in a way clap
/// cannot see: `main` exits 2 for it, as for clap's own errors.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct FlagError(pub String);

impl Args {
    /// The input format asked for (`None`: detect), or why the flags are wrong.
    /// `--format` names the input format except with `--bookmarks`, where it
    /// names the export format; `--input-format` always names the input format.
    pub fn input_format(&self) -> Result<Option<InputFormat>, String> {
        let from_input = match &self.input_format {
            Some(name) => Some(input_format("--input-format", name)?),
            None => None,
        };
        let from_format = match (&self.format, self.bookmarks) {
            (Some(name), false) => Some(input_format("--format", name)?),
            _ => None,
        };
        match (from_input, from_format) {
            (Some(a), Some(b)) if a != b => Err(format!(
                "--format {} and --input-format {} disagree",
                self.format.as_deref().unwrap_or_default(),
                self.input_format.as_deref().unwrap_or_default()
            )),
            (a, b) => Ok(a.or(b).flatten()),
        }
    }

    /// The export format of `--bookmarks`, or why `--format` is wrong for it.
    pub fn bookmark_format(&self) -> Result<Format, String> {
        match self.format.as_deref().filter(|_| self.bookmarks) {
            None => Ok(Format::Markdown),
            Some(name)
                if name.eq_ignore_ascii_case("markdown") || name.eq_ignore_ascii_case("md") =>
            {
                Ok(Format::Markdown)
            }
            Some(name) if name.eq_ignore_ascii_case("json") => Ok(Format::Json),
            Some(name) if name.eq_ignore_ascii_case("qdpx") => Ok(Format::Qdpx),
            Some(name) if name.eq_ignore_ascii_case("qdc") => Ok(Format::Qdc),
            Some(name) => Err(format!(
                "invalid value '{name}' for --format: with --bookmarks it is the export format, \
                 markdown, json, qdpx or qdc (use --input-format for the input's format)"
            )),
        }
    }

    /// Check the flags whose values clap cannot check alone.
    pub fn check(&self) -> Result<(), String> {
        self.input_format()?;
        self.bookmark_format()?;
        Ok(())
    }

    pub fn output(&self) -> Output {
        if self.json {
            Output::Json
        } else if self.claims {
            Output::Claims
        } else if self.speakers {
            Output::Speakers
        } else if self.bookmarks {
            Output::Bookmarks
        } else if self.outline {
            Output::Outline
        } else {
            Output::Reader
        }
    }
}

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
    let doc = transcript::load_owned(input.bytes, &options).with_context(|| input.label)?;
    Ok((input.name, doc))
}

fn read_file(path: &Path, encoding: Option<&str>) -> Result<Input> {
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
    let _ = writeln!(io::stderr().lock(), "tread: {}", text::sanitise(message));
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
