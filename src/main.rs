//! The binary edge: parse flags, load the transcript, print or open the reader.
//!
//! Exit codes: 0 on success (a closed output pipe included), 1 when the
//! input or the config cannot be read or the reader left bookmark changes
//! unsaved, 2 for bad flags (clap's own, and [`cli::FlagError`]), 128 + N
//! after signal N.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use clap::{CommandFactory, Parser};
use tread::app::config::{self, Config};
use tread::cli::{self, Args, Output};
use tread::transcript::decode;
use tread::tty::run::Exit;

fn main() -> ExitCode {
    let args = Args::parse();
    if let Err(message) = args.check() {
        // Exit 2, like clap's own errors for bad flag values.
        Args::command()
            .error(clap::error::ErrorKind::InvalidValue, message)
            .exit();
    }
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line, and nothing in it (a file name, a config key) can
            // drive the terminal.
            cli::report(&format!("{e:#}"));
            if e.is::<cli::FlagError>() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// Open the reader. A terminating signal exits with 128 + its number, after
/// the terminal has been restored.
fn read(args: &Args, doc: tread::transcript::Document, name: String, config: Config) -> Result<()> {
    match cli::session::open_reader(args, doc, name, config.keymap, config.clipboard)? {
        Exit::Signal(sig) => std::process::exit(128 + sig),
        Exit::Quit | Exit::EventsEnded => Ok(()),
    }
}

/// `--bookmarks --all`: no input to read, only the store.
fn print_bank(args: &Args, options: &tread::transcript::LoadOptions) -> Result<()> {
    let dirs = tread::store::DataDirs::resolve(args.data_dir.as_deref())?;
    let mut out = BufWriter::new(io::stdout().lock());
    match cli::print_bank(args, &dirs, options, &mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// `--completions SHELL`: the script on standard output, nothing read.
fn print_completions(shell: clap_complete::Shell) -> Result<()> {
    let mut out = io::stdout().lock();
    match cli::manual::write_completions(shell, &mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn run(args: &Args) -> Result<()> {
    if let Some(shell) = args.completions {
        return print_completions(shell);
    }
    if let Some(done) = cli::refi::without_input(args) {
        return done;
    }
    // A bad label is reported before standard input is waited on.
    if let Some(label) = &args.encoding {
        decode::encoding_for_label(label)?;
    }
    // Read in every mode, since its speaker labels change what is printed
    // too; and before standard input is waited on, like the label check.
    let config = config::load(args.config.as_deref())?;
    let speakers = cli::rules::speaker_rules(args, &config.labels)?;
    let options = tread::transcript::LoadOptions {
        encoding: args.encoding.clone(),
        format: args.input_format().ok().flatten(),
        extension: None,
        speakers,
    };
    if args.all {
        return print_bank(args, &options);
    }
    let input = cli::read_input(args, io::stdin().is_terminal())?;
    let (name, doc) = cli::load(input, options)?;

    let output = match args.output() {
        Output::Reader if io::stdout().is_terminal() => {
            return read(args, doc, name, config);
        }
        // Not a terminal (`tread FILE | cat`): print the outline instead of drawing.
        Output::Reader => Output::Outline,
        output => output,
    };
    if output != Output::Json {
        for warning in &doc.warnings {
            cli::warn(warning);
        }
    }
    if output == Output::Bookmarks && args.bookmark_format() == Ok(cli::Format::Qdpx) {
        return cli::refi::export_qdpx(args, &doc, &name);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let written = match output {
        Output::Bookmarks => cli::session::print_bookmarks(args, &doc, &name, &mut out),
        Output::Json => cli::print_json(&doc, &mut out),
        Output::Claims => cli::print_claims(&doc, &mut out),
        Output::Speakers => {
            if doc.candidates.is_empty() {
                cli::report(&format!("no speaker labels found in {name}"));
            }
            cli::print_speakers(&doc, &mut out)
        }
        Output::Outline | Output::Reader => cli::print_outline(&doc, &name, &mut out),
    }
    .and_then(|()| out.flush());
    match written {
        // `tread --json big.txt | head -1`: the reader of the pipe is done.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
