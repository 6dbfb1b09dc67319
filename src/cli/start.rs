//! The reader's input, read only as far as the first screen needs: a
//! large file's first part, or what a pipe has sent so far, with the rest
//! left to the loader thread ([`crate::tty::loader`]). The print modes
//! read everything first ([`super::read_input`]).

use std::io::{self, Read};
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::{Args, Input, MAX_INPUT_BYTES, SNIFF_BYTES, printable, reason};
use crate::transcript::decode::{self, DecodeError};
use crate::transcript::progressive;
use crate::tty::loader::{Chunk, pump};

/// Files larger than this open on their first part, read on while the
/// reader shows it; smaller ones load whole first, in a few milliseconds.
pub const PARTLY_FROM: u64 = 2 * 1024 * 1024;

/// How long the reader waits for a pipe to end before it opens on what
/// has come (a loading screen, if nothing has).
const PIPE_WAIT: Duration = Duration::from_millis(100);
/// What a large file's first screen is parsed from: enough text for any
/// screen and for the binary sniff, small enough to parse in about a
/// millisecond (the first of the loader's parts is then `progressive::FIRST`
/// times its growth).
const FIRST_SCREEN: usize = SNIFF_BYTES;

/// Where the reader's input stands when the reader opens.
pub enum Start {
    /// All of it: a small file, the sample, a pipe that ended at once.
    Whole(Input),
    /// The first part (`input.bytes`); the rest comes through `chunks`.
    Partly {
        input: Input,
        chunks: Receiver<Chunk>,
        /// The input's length, when it is a file.
        total: Option<u64>,
    },
}

/// The reader's input. `live` (`-f -`) opens on standard input at once,
/// however little has come.
pub fn start_input(args: &Args, stdin_is_terminal: bool, live: bool) -> Result<Start> {
    let encoding = args.encoding.as_deref();
    match &args.file {
        Some(p) if p.as_os_str() == "-" => start_stdin(encoding, live),
        None if !stdin_is_terminal => start_stdin(encoding, live),
        // A format the user named is an error when it does not fit, said
        // before the reader opens: such a file is read whole.
        Some(p) if args.input_format().ok().flatten().is_some() => {
            super::read_file(p, encoding).map(Start::Whole)
        }
        Some(p) => start_file(p, encoding),
        None => super::read_input(args, stdin_is_terminal).map(Start::Whole),
    }
}

fn start_file(path: &Path, encoding: Option<&str>) -> Result<Start> {
    let meta = std::fs::metadata(path).ok();
    let len = meta.as_ref().filter(|m| m.is_file()).map_or(0, |m| m.len());
    if len <= PARTLY_FROM || len > MAX_INPUT_BYTES {
        // Read whole, with every check and message of the print modes.
        return super::read_file(path, encoding).map(Start::Whole);
    }
    let label = printable(&path.display().to_string());
    let cannot = |e: io::Error| anyhow::anyhow!("cannot read {label}: {}", reason(&e));
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let mut head = Vec::with_capacity(FIRST_SCREEN);
    (&mut file)
        .take(FIRST_SCREEN as u64)
        .read_to_end(&mut head)
        .map_err(cannot)?;
    refuse_binary(&head, encoding).with_context(|| label.clone())?;
    let name = path
        .file_name()
        .map(|n| printable(&n.to_string_lossy()))
        .unwrap_or_else(|| label.clone());
    Ok(Start::Partly {
        input: Input {
            name,
            label,
            bytes: head,
        },
        chunks: pump(Box::new(file)),
        total: Some(len),
    })
}

/// The decoder's verdict on a prefix: binary input is refused before the
/// reader opens, as the print modes refuse it.
fn refuse_binary(head: &[u8], encoding: Option<&str>) -> Result<(), DecodeError> {
    if head.len() < SNIFF_BYTES {
        return Ok(());
    }
    match decode::decode(&head[..SNIFF_BYTES], encoding) {
        Err(e @ DecodeError::Binary(_)) => Err(e),
        _ => Ok(()),
    }
}

/// Standard input: whole if it ends within [`PIPE_WAIT`] (a file
/// redirected, a fast command), else what has come and the rest to come.
fn start_stdin(encoding: Option<&str>, live: bool) -> Result<Start> {
    let total = stdin_file_len();
    let chunks = pump(Box::new(io::stdin()));
    let mut bytes = Vec::new();
    let waited = Instant::now();
    let label = "standard input";
    loop {
        let left = PIPE_WAIT.saturating_sub(waited.elapsed());
        let enough = bytes.len() >= progressive::FIRST || live;
        let chunk = match enough {
            true => Err(RecvTimeoutError::Timeout),
            false => chunks.recv_timeout(left),
        };
        match chunk {
            Ok(Chunk::Bytes(b)) => bytes.extend_from_slice(&b),
            Ok(Chunk::End) | Err(RecvTimeoutError::Disconnected) => break,
            Ok(Chunk::Failed(e)) => bail!("cannot read {label}: {}", reason(&e)),
            Err(RecvTimeoutError::Timeout) => {
                refuse_binary(&bytes, encoding).context(label)?;
                let input = stdin_input(bytes);
                return Ok(Start::Partly {
                    input,
                    chunks,
                    total,
                });
            }
        }
        if bytes.len() as u64 > MAX_INPUT_BYTES {
            bail!("{label}: {}", super::too_large());
        }
    }
    refuse_binary(&bytes, encoding).context(label)?;
    Ok(Start::Whole(stdin_input(bytes)))
}

fn stdin_input(bytes: Vec<u8>) -> Input {
    Input {
        name: "stdin".to_string(),
        label: "standard input".to_string(),
        bytes,
    }
}

/// The length of standard input when it is a file (`tread < talk.txt`),
/// for the progress shown.
fn stdin_file_len() -> Option<u64> {
    use std::os::fd::AsFd;
    let fd = io::stdin().as_fd().try_clone_to_owned().ok()?;
    let meta = std::fs::File::from(fd).metadata().ok()?;
    meta.is_file().then_some(meta.len())
}
