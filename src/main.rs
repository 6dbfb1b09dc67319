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
    let mut out = std::io::stdout().lock();
    cli::print_outline(&doc, &mut out)?;
    out.flush()?;
    Ok(())
}
