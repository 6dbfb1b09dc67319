//! The binary edge: parse flags, load the transcript, print or open the reader.
//!
//! Exit codes: 0 on success (a closed output pipe included), 1 when the
//! input or the config cannot be read or the reader left bookmark changes
//! unsaved, 2 for bad flags (clap's own, and [`cli::FlagError`]), 128 + N
//! after signal N. `--search` exits as grep does: 0 found, 1 not, 2 error.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;
use tread::app::config::{self, Config};
use tread::cli::{self, Args, Output};
use tread::transcript::decode;
use tread::tty::run::Exit;

fn main() -> ExitCode {
    let mut args = Args::parse();
    if let Err(message) = args.check() {
        // One line and exit 2, like a `FlagError` found later.
        cli::report(&message);
        return ExitCode::from(2);
    }
    // Before addresses: a path searched is a path, `@` and all.
    if let Some(query) = &args.search {
        return search(&args, query);
    }
    // `FILE@PLACE` read before anything else reads the file.
    let taken = cli::address::take(&mut args);
    match taken.and_then(|()| run(&args)) {
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

/// `--search`: 0 when something was found, 1 when not, 2 for any error.
fn search(args: &Args, query: &str) -> ExitCode {
    let searched =
        load_options(args).and_then(|(_, options)| cli::search::run(args, query, options));
    match searched {
        Ok(cli::search::Found::Some) => ExitCode::SUCCESS,
        Ok(cli::search::Found::None) => ExitCode::FAILURE,
        Err(e) => {
            cli::report(&format!("{e:#}"));
            ExitCode::from(2)
        }
    }
}

/// The config, and the load options the flags and the config make: the
/// encoding label checked, the speaker rules joined.
fn load_options(args: &Args) -> Result<(Config, tread::transcript::LoadOptions)> {
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
    Ok((config, options))
}

/// Open the reader. A terminating signal exits with 128 + its number, after
/// the terminal has been restored.
fn read(args: &Args, options: &tread::transcript::LoadOptions, config: Config) -> Result<()> {
    match cli::session::open(args, options, config.keymap, config.clipboard)? {
        Exit::Signal(sig) => std::process::exit(128 + sig),
        Exit::Quit | Exit::EventsEnded | Exit::Leave(_) => Ok(()),
    }
}

/// Open the library on a folder or several files.
fn library(args: &Args, options: &tread::transcript::LoadOptions, config: Config) -> Result<()> {
    match cli::library::open(args, options, config.keymap, config.clipboard)? {
        Exit::Signal(sig) => std::process::exit(128 + sig),
        Exit::Quit | Exit::EventsEnded | Exit::Leave(_) => Ok(()),
    }
}

/// `--bookmarks` and `--codes`, over one document or (`--all`) the store.
fn print_listing(
    args: &Args,
    prepared: cli::export::Prepared,
    source: cli::export::Source,
    options: &tread::transcript::LoadOptions,
) -> Result<()> {
    match args.output() {
        Output::Codes => cli::codes::run(args, prepared, source, options),
        _ => cli::export::run(args, prepared, source, options),
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
    if let Some(path) = &args.import_codes {
        return cli::refi::import_codes(args, path);
    }
    // Before standard input is waited on, as the checks below.
    if args.follow && args.file.is_none() && io::stdin().is_terminal() {
        anyhow::bail!(cli::FlagError(
            "--follow needs a FILE, or standard input, to follow, not the bundled sample".into()
        ));
    }
    let (config, options) = load_options(args)?;
    // The codebook read and the query checked before the input is.
    let mut listing = match args.output() {
        Output::Bookmarks | Output::Codes => {
            Some(cli::export::prepare(args, io::stdout().is_terminal())?)
        }
        _ => None,
    };
    if args.bookmarks
        && args.bookmark_format() == Ok(cli::Format::Qdc)
        && let Some(prepared) = listing.take()
    {
        return cli::export::codebook(args, prepared);
    }
    if args.all
        && let Some(prepared) = listing.take()
    {
        return print_listing(args, prepared, cli::export::Source::All, &options);
    }
    let shelf = cli::library::is_shelf(args);
    let output = match args.output() {
        // A folder, or several files: the library.
        Output::Reader if shelf && io::stdout().is_terminal() => {
            return library(args, &options, config);
        }
        Output::Reader if shelf => anyhow::bail!(cli::library::needs_a_terminal(args)),
        // Read as the reader shows it: a large or slow input in the background.
        Output::Reader if io::stdout().is_terminal() => return read(args, &options, config),
        // Not a terminal (`tread FILE | cat`): print the outline instead of drawing.
        Output::Reader => Output::Outline,
        output => output,
    };
    let input = cli::read_input(args, io::stdin().is_terminal())?;
    let (name, doc) = cli::load(input, options.clone())?;
    // A place the document does not have is refused in the print modes too.
    if let Some(asked) = &args.place {
        asked.anchor(&doc)?;
    }
    if output != Output::Json {
        for warning in &doc.warnings {
            cli::warn(warning);
        }
    }
    if let Some(prepared) = listing {
        let doc = Box::new(doc);
        let source = cli::export::Source::One { doc, name };
        return print_listing(args, prepared, source, &options);
    }
    match output {
        Output::Json => print(|out| cli::print_json(&doc, out)),
        Output::Claims => cli::claims::run(args, &doc, &name),
        Output::Speakers => {
            if doc.candidates.is_empty() {
                cli::report(&format!("no speaker labels found in {name}"));
            }
            print(|out| cli::print_speakers(&doc, out))
        }
        Output::Stats => {
            let format = args.stats_format().map_err(cli::FlagError)?;
            print(|out| cli::print_stats(&doc, &name, format, out))
        }
        // (`--bookmarks` and `--codes` have `listing`, printed above.)
        // (`--search` returned from `main`.)
        Output::Outline | Output::Reader | Output::Bookmarks | Output::Codes | Output::Search => {
            print(|out| cli::print_outline(&doc, &name, out))
        }
    }
}

/// Print to standard output through a buffer.
fn print(
    write: impl FnOnce(&mut BufWriter<io::StdoutLock<'static>>) -> io::Result<()>,
) -> Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        // `tread --json big.txt | head -1`: the reader of the pipe is done.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
