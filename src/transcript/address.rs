//! Addresses of places in a transcript, `FILE@PLACE`: the words a person
//! types to open the reader somewhere (`tread talk.txt@§3.t12`), what `Y`
//! copies and what every export gives each item. Pure: parsed and
//! resolved on strings and a [`Document`], no file is read here.
//!
//! The places, every number 1-based as a person counts:
//!
//! - `§3`: the third section in document order, the untitled preamble
//!   included when there is one, whatever number its heading carries (a
//!   heading's own numbers may skip, repeat or be `三`, so the address
//!   counts instead); `s3` for a keyboard without `§`.
//! - `§3.t12`: the twelfth turn of the third section (turns are counted
//!   within their section); `s3.t12`.
//! - `00:12:31`, `12:31`, `1:02:03.5`: the turn or cue being spoken at that
//!   time, for timed formats (`h:mm:ss` or `m:ss`, a fraction allowed).
//! - `L120`: line 120 of the decoded file (`l120` too), as `--outline`,
//!   citations and editors number lines.
//!
//! A position's own address ([`Place::of`]) is the turn form, `§3.t12`:
//! it names a turn of the document as parsed, so it stays right when the
//! file is re-wrapped or its times shift, and it reads the same in every
//! format.

mod resolve;
#[cfg(test)]
mod tests;

use std::fmt;

pub use resolve::{Spot, last_line};

/// A place in a transcript; see the module's documentation for the forms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Place {
    /// The `n`th section (1-based, in document order).
    Section(u32),
    /// The `turn`th turn (1-based) of the `section`th section.
    Turn { section: u32, turn: u32 },
    /// Seconds from the start.
    Time(f64),
    /// A 1-based line of the decoded text.
    Line(u32),
}

/// A file and a place in it: `FILE@PLACE`.
#[derive(Debug, Clone, PartialEq)]
pub struct Address {
    pub file: String,
    pub place: Place,
}

/// Why words are not an address, or name no place of the document.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Why {
    #[error("sections are numbered from 1")]
    SectionZero,
    #[error("turns are numbered from 1")]
    TurnZero,
    #[error("lines are numbered from 1")]
    LineZero,
    #[error("expected a section number after §, as in §3 or §3.t12 (s3, s3.t12)")]
    Section,
    #[error("expected a turn number after .t, as in §3.t12")]
    Turn,
    #[error("expected a line number after L, as in L120")]
    Line,
    #[error("a time is h:mm:ss or m:ss, a fraction allowed, as in 1:02:03.5 or 12:31")]
    Time,
    #[error("minutes and seconds in a time go up to 59")]
    Sixty,
    #[error("the number is too large")]
    TooLarge,
    #[error("the transcript has {0}")]
    NoSection(Count),
    #[error("section {section} has {turns}")]
    NoTurn { section: u32, turns: Count },
    #[error("the transcript has no times (it is not a timed format)")]
    Untimed,
    #[error("the transcript ends at {0}")]
    PastEnd(String),
    #[error("the transcript has {0}")]
    NoLine(Count),
    #[error("the transcript has no turns")]
    Empty,
}

/// A number of things, written with its noun: `1 section`, `7 sections`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count(pub usize, pub &'static str);

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Count(n, noun) = *self;
        match n {
            1 => write!(f, "1 {noun}"),
            n => write!(f, "{n} {noun}s"),
        }
    }
}

/// Words that are not an address, with why: one line,
/// `bad address "x@§0": sections are numbered from 1`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("bad address \"{text}\": {why}")]
pub struct AddressError {
    pub text: String,
    pub why: Why,
}

impl AddressError {
    pub fn new(text: &str, why: Why) -> AddressError {
        AddressError {
            text: crate::text::sanitise(text).into_owned(),
            why,
        }
    }
}

impl Place {
    /// Whether `s` is meant as a place (so a bad one is an error, not a
    /// file name): it starts with `§`, `s` or `L` and a digit, or is
    /// digits and a colon.
    pub fn looks_like(s: &str) -> bool {
        let mut chars = s.chars();
        match chars.next() {
            Some('§') => true,
            Some('s' | 'S' | 'l' | 'L') => chars.next().is_some_and(|c| c.is_ascii_digit()),
            Some(c) if c.is_ascii_digit() => {
                let digits = s.trim_start_matches(|c: char| c.is_ascii_digit());
                digits.starts_with(':')
            }
            _ => false,
        }
    }

    /// A place alone (`§3.t12`, `s3`, `L120`, `12:31`), as `--at` takes it.
    pub fn parse(s: &str) -> Result<Place, Why> {
        if let Some(rest) = s.strip_prefix('§') {
            return section(rest);
        }
        if let Some(rest) = s.strip_prefix(['s', 'S']) {
            return section(rest);
        }
        if let Some(rest) = s.strip_prefix(['L', 'l']) {
            return match number(rest, Why::Line)? {
                0 => Err(Why::LineZero),
                n => Ok(Place::Line(n)),
            };
        }
        time(s).map(Place::Time)
    }

    /// The address of a position ([`Spot`]): its turn, `§S.tT`.
    pub fn of(spot: Spot) -> Place {
        let n = |x: usize| u32::try_from(x + 1).unwrap_or(u32::MAX);
        Place::Turn {
            section: n(spot.section),
            turn: n(spot.turn),
        }
    }
}

impl Address {
    /// `FILE@PLACE`, split at the last `@` whose suffix is meant as a place
    /// ([`Place::looks_like`]), so `a@b.txt@§2` is `a@b.txt` at `§2`.
    /// `Ok(None)`: no suffix is meant as a place, the words are a file name.
    pub fn parse(text: &str) -> Result<Option<Address>, AddressError> {
        let Some((file, place)) = Address::split(text) else {
            return Ok(None);
        };
        let place = Place::parse(place).map_err(|why| AddressError::new(text, why))?;
        Ok(Some(Address {
            file: file.to_string(),
            place,
        }))
    }
}

impl Address {
    /// The file and the words meant as a place, split as [`Address::parse`]
    /// splits them, the place not yet parsed.
    pub fn split(text: &str) -> Option<(&str, &str)> {
        let at = text
            .rmatch_indices('@')
            .map(|(i, _)| i)
            .find(|&i| Place::looks_like(&text[i + 1..]))?;
        Some((&text[..at], &text[at + 1..]))
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Place::Section(n) => write!(f, "§{n}"),
            Place::Turn { section, turn } => write!(f, "§{section}.t{turn}"),
            Place::Line(n) => write!(f, "L{n}"),
            Place::Time(t) => write_time(f, t),
        }
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.file, self.place)
    }
}

/// `m:ss` below an hour, `h:mm:ss` from one, and a fraction when there is
/// one (to the millisecond), so the written time parses back to itself.
fn write_time(f: &mut fmt::Formatter<'_>, t: f64) -> fmt::Result {
    let ms = (t.max(0.0) * 1000.0).round() as u64;
    let (s, frac) = (ms / 1000, ms % 1000);
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    match h {
        0 => write!(f, "{m}:{s:02}")?,
        h => write!(f, "{h}:{m:02}:{s:02}")?,
    }
    match frac {
        0 => Ok(()),
        frac => {
            let digits = format!("{frac:03}");
            write!(f, ".{}", digits.trim_end_matches('0'))
        }
    }
}

/// `3` or `3.t12` after the `§`.
fn section(rest: &str) -> Result<Place, Why> {
    let (sec, turn) = match rest.split_once('.') {
        Some((s, t)) => (s, Some(t)),
        None => (rest, None),
    };
    let section = match number(sec, Why::Section)? {
        0 => return Err(Why::SectionZero),
        n => n,
    };
    let Some(turn) = turn else {
        return Ok(Place::Section(section));
    };
    let turn = turn.strip_prefix(['t', 'T']).ok_or(Why::Turn)?;
    match number(turn, Why::Turn)? {
        0 => Err(Why::TurnZero),
        turn => Ok(Place::Turn { section, turn }),
    }
}

/// ASCII digits, nothing else; `bad` when there are none or others.
fn number(s: &str, bad: Why) -> Result<u32, Why> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad);
    }
    s.parse().map_err(|_| Why::TooLarge)
}

/// `h:mm:ss`, `m:ss` (minutes may run past 59 only without hours, as
/// `75:00`), each with an optional fraction of a second.
fn time(s: &str) -> Result<f64, Why> {
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => (w, f),
        Some(_) => return Err(Why::Time),
        None => (s, ""),
    };
    let parts: Vec<&str> = whole.split(':').collect();
    let field = |p: &str| number(p, Why::Time).map(f64::from);
    let seconds = match parts.as_slice() {
        [m, s] if s.len() == 2 => sixty(field(s)?)? + field(m)? * 60.0,
        [h, m, s] if m.len() == 2 && s.len() == 2 => {
            sixty(field(s)?)? + sixty(field(m)?)? * 60.0 + field(h)? * 3600.0
        }
        _ => return Err(Why::Time),
    };
    let frac = match frac {
        "" => 0.0,
        f => format!("0.{f}").parse::<f64>().map_err(|_| Why::Time)?,
    };
    Ok(seconds + frac)
}

fn sixty(n: f64) -> Result<f64, Why> {
    match n < 60.0 {
        true => Ok(n),
        false => Err(Why::Sixty),
    }
}
