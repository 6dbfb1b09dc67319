//! Opening the reader at a place: the file read whole (a large one too),
//! so the place is found, or refused in one line, before the terminal is
//! touched; the place wins over the saved reading position.

use anyhow::Result;

use super::{Data, Linked, open_reader};
use crate::app::keymap::Keymap;
use crate::cli::Args;
use crate::cli::address::Asked;
use crate::transcript::LoadOptions;
use crate::tty::run::Exit;

/// The reader on the input the arguments name, at the place they ask for
/// (`FILE@PLACE`, `--at`); `stream`: standard input is to be followed,
/// which a place cannot be.
pub(super) fn open_placed(
    args: &Args,
    asked: &Asked,
    stream: bool,
    options: &LoadOptions,
    (keymap, clipboard): (Keymap, Option<Vec<String>>),
) -> Result<Exit> {
    use std::io::IsTerminal;
    if stream {
        anyhow::bail!(crate::cli::FlagError(
            "a place (FILE@PLACE, --at) cannot be opened while following standard input".into()
        ));
    }
    let input = crate::cli::read_input(args, std::io::stdin().is_terminal())?;
    let (name, doc) = crate::cli::load(input, options.clone())?;
    let linked = Linked {
        at: Some(asked.anchor(&doc)?),
        link: None,
    };
    let data = Data::open(args, linked);
    open_reader(args, (doc, name), options, (keymap, clipboard), data)
}

/// How addresses name the document: the path as given (a relative one
/// stays relative, as the user would type it again); the sample and
/// standard input by their names.
pub fn address_file(args: &Args) -> Option<String> {
    let path = args.file.as_deref().filter(|p| p.as_os_str() != "-")?;
    Some(path.to_string_lossy().into_owned())
}
