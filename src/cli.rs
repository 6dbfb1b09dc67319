//! Command-line flags, reading the input, and the non-interactive outputs
//! (`--outline`, `--json`, `--claims`).

use std::io::{self, Read, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Parser;

use crate::transcript::Document;

/// A terminal reader for conversation transcripts.
#[derive(Debug, Parser)]
#[command(version, about)]
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

    /// Decode the file with this encoding instead of detecting it
    /// (e.g. `gbk`, `big5`, `shift_jis`, `utf-16le`).
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,

    /// Read key bindings from this file instead of
    /// `$XDG_CONFIG_HOME/tread/config.toml`.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Where the transcript comes from, with the name shown in the status line.
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Read the transcript named by the arguments.
pub fn read_input(args: &Args, stdin_is_terminal: bool) -> Result<Input> {
    match &args.file {
        Some(p) if p.as_os_str() == "-" => read_stdin(),
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string());
            Ok(Input { name, bytes })
        }
        None if !stdin_is_terminal => read_stdin(),
        None => Ok(Input {
            name: crate::SAMPLE_NAME.to_string(),
            bytes: crate::SAMPLE.to_vec(),
        }),
    }
}

fn read_stdin() -> Result<Input> {
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .context("cannot read standard input")?;
    Ok(Input {
        name: "stdin".to_string(),
        bytes,
    })
}

/// Print the table of contents.
pub fn print_outline(doc: &Document, out: &mut impl Write) -> io::Result<()> {
    for s in &doc.sections {
        writeln!(out, "{} ({} turns)", s.label(), s.turns.len())?;
    }
    Ok(())
}
