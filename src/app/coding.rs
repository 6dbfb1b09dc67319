//! The coding part: the codebook as the reader knows it (as last saved,
//! with this session's new codes applied), the ids new codes take, the
//! order the code picker lists codes in, and the clock that dates a use.
//!
//! New ids come from the session's prefix and a counter, as bookmark ids
//! do, so `update` stays a function of its state and messages; the shell
//! saves the changes and answers with the book as saved
//! ([`super::action::Report::Codebook`]), other instances' codes included.

use crate::store::codes::{Code, CodeChange, CodeError, Codebook, guid_for, parse_color};
use crate::store::rfc3339;

/// The colours of codes without one of their own, by their place in the
/// codebook, with the names a user may give one by (`c` in the code
/// overview): distinct hues, each readable (4.5:1) on black and on white
/// (`tests/highlights.rs`). The gutter draws them (`ui::theme`).
pub const PALETTE: [(&str, (u8, u8, u8)); 8] = [
    ("blue", (0, 115, 230)),
    ("orange", (184, 92, 0)),
    ("green", (7, 136, 50)),
    ("purple", (180, 31, 255)),
    ("teal", (0, 130, 130)),
    ("pink", (224, 0, 150)),
    ("olive", (130, 119, 0)),
    ("violet", (118, 94, 237)),
];

/// MAXQDA cuts code names longer than this (characters): one limit for
/// the reader's warning and the exports'.
pub use crate::store::refi::MAXQDA_NAME_CHARS;

/// A colour as typed: `#RRGGBB` (or `RRGGBB`), a name of the
/// [`PALETTE`] in any case, or nothing, which clears the code's own colour.
pub fn typed_colour(text: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Some((_, (r, g, b))) = PALETTE.iter().find(|(n, _)| n.eq_ignore_ascii_case(text)) {
        return Ok(Some(format!("#{r:02X}{g:02X}{b:02X}")));
    }
    parse_color(text).map(Some).map_err(|_| {
        let names: Vec<&str> = PALETTE.iter().map(|(n, _)| *n).collect();
        format!("not a colour: {text} (#RRGGBB, or {})", names.join(", "))
    })
}

/// The longest name these changes give a code, in characters, if it is
/// longer than MAXQDA keeps.
pub fn too_long_for_maxqda(changes: &[CodeChange]) -> Option<usize> {
    let names = changes.iter().filter_map(|c| match c {
        CodeChange::Create { name, .. } | CodeChange::Rename { name, .. } => Some(name),
        _ => None,
    });
    names
        .map(|n| n.trim().chars().count())
        .filter(|&n| n > MAXQDA_NAME_CHARS)
        .max()
}

/// The status line's word on a name MAXQDA would cut.
pub fn maxqda_warning(said: &str, chars: usize) -> String {
    format!(
        "{said}; MAXQDA cuts code names at {MAXQDA_NAME_CHARS} characters (this one has {chars})"
    )
}

mod fuzzy;
pub use fuzzy::{Score, score};

#[derive(Debug, Default)]
pub struct Coding {
    book: Codebook,
    /// The session's id prefix: new codes are `guid_for("code", "<session>-c<n>")`.
    session: String,
    next: u64,
    /// Codes used this session, the latest first. They lead the list ahead
    /// of the book's `used` times, which count whole seconds.
    recent: Vec<String>,
    /// The clock as the run loop last read it.
    now: u64,
}

impl Coding {
    pub fn new(book: Codebook, session: String, now: u64) -> Coding {
        Coding {
            book,
            session,
            now,
            ..Coding::default()
        }
    }

    pub fn book(&self) -> &Codebook {
        &self.book
    }

    /// The book as the shell saved it.
    pub fn replace(&mut self, book: Codebook) {
        self.book = book;
    }

    pub fn set_now(&mut self, now: u64) {
        self.now = now;
    }

    /// Every code, the most recently used first: this session's uses, then
    /// the book's order by recency.
    pub fn listed(&self) -> Vec<&Code> {
        let mut out: Vec<&Code> = self
            .recent
            .iter()
            .filter_map(|id| self.book.get(id))
            .collect();
        for code in self.book.by_recency() {
            if !self.recent.contains(&code.id) {
                out.push(code);
            }
        }
        out
    }

    /// A code's path (`pricing/discounts`).
    pub fn path(&self, id: &str) -> Option<String> {
        self.book.path(id)
    }

    /// What a code's colour comes from: its own `#RRGGBB` if it has one,
    /// and its place in the book, which picks a colour from a fixed palette
    /// for a code without one. `None` for a code the book does not have.
    pub fn colour(&self, id: &str) -> Option<(Option<&str>, usize)> {
        let at = self.book.codes().iter().position(|c| c.id == id)?;
        Some((self.book.codes()[at].color.as_deref(), at))
    }

    /// Make the code `path` (and its parent, if it is new too), here at
    /// once: its id and the changes for the shell to save.
    pub fn create(&mut self, path: &str) -> Result<(String, Vec<CodeChange>), CodeError> {
        let session = self.session.clone();
        let mut next = self.next;
        let mut fresh = || {
            let id = guid_for("code", &format!("{session}-c{next:x}"));
            next += 1;
            id
        };
        let id = fresh();
        let changes = self.book.plan_create(path, id.clone(), &mut fresh)?;
        self.next = next;
        for change in &changes {
            self.book.apply(change)?;
        }
        Ok((id, changes))
    }

    /// Apply an edit of the book (rename, recolour, describe, move) here
    /// at once; the shell saves it and answers with the book as saved.
    pub fn change(&mut self, change: &CodeChange) -> Result<(), CodeError> {
        self.book.apply(change)
    }

    /// The code `id` was used now: it goes first in the list, and the
    /// change records the use in the book.
    pub fn use_code(&mut self, id: &str) -> CodeChange {
        self.recent.retain(|r| r != id);
        self.recent.insert(0, id.to_string());
        let change = CodeChange::Used {
            id: id.to_string(),
            when: rfc3339(self.now),
        };
        // A code the book lost meanwhile: the shell's answer says so.
        let _ = self.book.apply(&change);
        change
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_codes_take_ids_from_the_session_and_a_parent_comes_first() {
        let mut a = Coding::new(Codebook::default(), "s1".into(), 0);
        let mut b = Coding::new(Codebook::default(), "s1".into(), 0);
        let (id, changes) = a.create("pricing/discounts").unwrap();
        assert_eq!(b.create("pricing/discounts").unwrap().0, id);
        assert_eq!(changes.len(), 2, "the parent, then the code");
        assert_eq!(a.path(&id).as_deref(), Some("pricing/discounts"));
        assert!(uuid::Uuid::parse_str(&id).is_ok());
        let (other, changes) = a.create("pricing/list price").unwrap();
        assert_ne!(other, id);
        assert_eq!(changes.len(), 1, "the parent is there already");
        assert!(a.create("PRICING").is_err());
    }

    #[test]
    fn the_latest_use_leads_the_list() {
        let mut c = Coding::new(Codebook::default(), "s".into(), 1_777_638_896);
        let (a, _) = c.create("a").unwrap();
        let (b, _) = c.create("b").unwrap();
        let names =
            |c: &Coding| -> Vec<String> { c.listed().iter().map(|x| x.name.clone()).collect() };
        assert_eq!(names(&c), ["a", "b"]);
        // Both in the same second: the order of use still tells.
        c.use_code(&b);
        c.use_code(&a);
        assert_eq!(names(&c), ["a", "b"]);
        let CodeChange::Used { when, .. } = c.use_code(&b) else {
            panic!()
        };
        assert_eq!(when, "2026-05-01T12:34:56Z");
        assert_eq!(names(&c), ["b", "a"]);
        assert_eq!(c.colour(&b), Some((None, 1)));
    }

    #[test]
    fn colours_are_typed_as_hex_or_by_the_palette_name() {
        assert_eq!(typed_colour(" #ff8800 "), Ok(Some("#FF8800".into())));
        assert_eq!(typed_colour("Teal"), Ok(Some("#008282".into())));
        assert_eq!(typed_colour(""), Ok(None));
        let e = typed_colour("mauve").unwrap_err();
        assert!(
            e.starts_with("not a colour: mauve (#RRGGBB, or blue, orange"),
            "{e}"
        );
        assert!(!e.contains('\n'));
    }

    #[test]
    fn names_longer_than_maxqda_keeps_are_found() {
        let long = "x".repeat(MAXQDA_NAME_CHARS + 1);
        let rename = |name: &str| CodeChange::Rename {
            id: "a".into(),
            name: name.into(),
        };
        assert_eq!(too_long_for_maxqda(&[rename(&"价".repeat(63))]), None);
        assert_eq!(too_long_for_maxqda(&[rename("a"), rename(&long)]), Some(64));
    }
}
