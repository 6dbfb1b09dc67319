//! Addresses on the command line: `tread FILE@PLACE` (the argument is not
//! a file, but its part before the last `@` that a place follows is) and
//! `--at PLACE` (for a file whose own name that would misread), turned
//! into the file to read and the place to open the reader at; and a
//! place found in the document as the store's [`Anchor`] the reader
//! resumes at. A bad place is one line: exit 2 for `--at`, 1 otherwise.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::{Args, FlagError};
use crate::store::anchor::Anchor;
use crate::transcript::Document;
use crate::transcript::address::{Address, Place, Spot};

/// A place the command line asked for, with how a message names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Asked {
    pub place: Place,
    /// `bad address "talk.txt@§9"` or `invalid value '§9' for --at`.
    what: String,
}

impl Asked {
    /// The place in `doc` as an anchor, or the one-line reason it has none.
    pub fn anchor(&self, doc: &Document) -> Result<Anchor> {
        let spot =
            (self.place.resolve(doc)).map_err(|why| anyhow::anyhow!("{}: {why}", self.what))?;
        Ok(anchor_of(doc, spot))
    }
}

/// `--at PLACE` checked alone (before anything is read): its syntax.
pub fn check_at(at: &str) -> Result<Place, String> {
    if at.contains('@') {
        return Err(format!(
            "invalid value '{at}' for --at: it takes a place alone (§3, §3.t12, 12:31, L120); \
             name the file as FILE"
        ));
    }
    Place::parse(at).map_err(|why| format!("invalid value '{at}' for --at: {why}"))
}

/// Read the place out of the arguments: `--at`, or `FILE@PLACE` when
/// FILE is not itself a file. `FILE@PLACE`'s file becomes `args.file`
/// (none when it is empty, `@§2`, or the bundled sample's name, which
/// need not exist as a file).
pub fn take(args: &mut Args) -> Result<()> {
    if let Some(at) = &args.at {
        let place = check_at(at).map_err(FlagError)?;
        let what = format!("invalid value '{}' for --at", super::printable(at));
        args.place = Some(Asked { place, what });
    }
    let Some(text) = args.file.as_deref().and_then(address_words) else {
        return Ok(());
    };
    let address = match Address::parse(&text) {
        Ok(Some(address)) => address,
        Ok(None) => return Ok(()),
        // No file of that name either: a mistyped name, which reading it
        // will say (`cannot open notes@s1.txt`) better than the place could.
        Err(_) if Address::split(&text).is_some_and(|(f, _)| !names_input(f)) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if args.place.is_some() {
        anyhow::bail!(FlagError(format!(
            "{} names a place and so does --at: give one",
            super::printable(&text)
        )));
    }
    let what = super::printable(&text);
    args.file = match address.file.as_str() {
        f if !Path::new(f).exists() && names_input(f) => None,
        f => Some(PathBuf::from(f)),
    };
    args.place = Some(Asked {
        place: address.place,
        what: format!("bad address \"{what}\""),
    });
    Ok(())
}

/// Whether an address's file part names an input, a file or not: a file
/// that exists, nothing (`@§2`, the input read without a FILE), or the
/// bundled sample by its name.
fn names_input(file: &str) -> bool {
    file.is_empty() || file == crate::SAMPLE_NAME || Path::new(file).exists()
}

/// The argument as words an address may be: when no file (nor link, nor
/// anything else) has that name, and it is UTF-8.
fn address_words(path: &Path) -> Option<String> {
    if path.as_os_str() == "-" || std::fs::symlink_metadata(path).is_ok() {
        return None;
    }
    path.to_str().map(str::to_string)
}

/// A position as the store anchors it: characters, not bytes, into the
/// paragraph.
pub fn anchor_of(doc: &Document, spot: Spot) -> Anchor {
    let paragraph = doc
        .sections
        .get(spot.section)
        .and_then(|s| s.turns.get(spot.turn))
        .and_then(|t| t.paragraphs.get(spot.paragraph));
    let offset = paragraph
        .and_then(|p| p.get(..spot.byte))
        .map_or(0, |p| p.chars().count());
    Anchor {
        section: spot.section,
        turn: spot.turn,
        paragraph: spot.paragraph,
        offset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn args(argv: &[&str]) -> Args {
        let mut a = Args::parse_from(std::iter::once("tread").chain(argv.iter().copied()));
        take(&mut a).unwrap();
        a
    }

    #[test]
    fn an_argument_that_is_no_file_is_read_as_an_address() {
        let a = args(&["/nonexistent/talk.txt@§2.t3"]);
        assert_eq!(a.file.as_deref(), Some(Path::new("/nonexistent/talk.txt")));
        let place = Place::Turn {
            section: 2,
            turn: 3,
        };
        assert_eq!(a.place.map(|p| p.place), Some(place));
        // The sample by its name, and no file at all.
        assert_eq!(args(&["llamacon-2025.txt@§2"]).file, None);
        assert_eq!(args(&["@L3"]).file, None);
        // A bad place after the name of no file: a mistyped file name.
        let a = args(&["/nonexistent/notes@s1.txt"]);
        assert_eq!(a.place, None);
        assert_eq!(
            a.file.as_deref(),
            Some(Path::new("/nonexistent/notes@s1.txt"))
        );
        // Words with no place after an `@` stay a file name.
        let a = args(&["/nonexistent/me@home.txt"]);
        assert_eq!(a.place, None);
        assert_eq!(
            a.file.as_deref(),
            Some(Path::new("/nonexistent/me@home.txt"))
        );
    }

    #[test]
    fn at_is_checked_alone_and_not_with_an_address() {
        let a = args(&["--at", "s2", "x.txt"]);
        assert_eq!(a.place.map(|p| p.place), Some(Place::Section(2)));
        assert_eq!(
            check_at("§0").unwrap_err(),
            "invalid value '§0' for --at: sections are numbered from 1"
        );
        assert!(check_at("x@§1").unwrap_err().contains("a place alone"));
        let mut both = Args::parse_from(["tread", "--at", "§1", "/nonexistent/x@§2"]);
        let e = take(&mut both).unwrap_err();
        assert!(e.is::<FlagError>());
    }

    #[test]
    fn a_spot_is_anchored_in_characters() {
        let doc = crate::transcript::load(
            "甲: 你好。再见。\n\n乙: 好。\n".as_bytes(),
            &Default::default(),
        )
        .unwrap();
        let p = &doc.sections[0].turns[0].paragraphs[0];
        let byte = p.find("再见").unwrap();
        let spot = Spot {
            byte,
            ..Spot::default()
        };
        assert_eq!(anchor_of(&doc, spot).offset, p[..byte].chars().count());
    }
}
