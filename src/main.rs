//! The binary edge: parse flags, load the transcript, print or open the reader.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;
use tread::cli::{self, Args};
use tread::transcript::{self, LoadOptions};

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tread: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<()> {
    let input = cli::read_input(args, std::io::stdin().is_terminal())?;
    let options = LoadOptions {
        encoding: args.encoding.clone(),
    };
    let doc = transcript::load(&input.bytes, &options)?;
    if std::io::stdout().is_terminal() {
        let keymap = tread::app::config::load_keymap(args.config.as_deref())?;
        let mut state = tread::app::State::new(doc, input.name, keymap);
        state.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        return match tread::app::terminal::run_reader(&mut state)? {
            tread::app::run::Exit::Signal(sig) => std::process::exit(128 + sig),
            _ => Ok(()),
        };
    }
    let mut out = std::io::stdout().lock();
    cli::print_outline(&doc, &mut out)?;
    out.flush()?;
    Ok(())
}
