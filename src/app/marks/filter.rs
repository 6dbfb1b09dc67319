//! The bookmarks list's filter, a small part kept by [`super::Marks`]: the
//! query in use (the last text of the query line that parsed, in the
//! language of `tread --bookmarks --query`), the query line while it is
//! open, and why the line's text does not parse; which marks the list
//! shows, and how its selection, always a row of the marks, steps over
//! the marks the filter hides.
//!
//! It lasts while the reader runs: closing and reopening the list keeps
//! it, and nothing of it is saved. Pure: matching reads only the marks and
//! the codebook it is given.

use super::super::action::EditKey;
use super::super::line_edit::{Edited, LineEdit};
use super::Mark;
use crate::store::codes::Codebook;
use crate::store::query::Query;

/// The filter: no query shows every bookmark.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// The query in use; never an empty one.
    query: Option<Query>,
    /// The query line, while it is open.
    line: Option<LineEdit>,
    /// Why the line's text does not parse; the list keeps `query` meanwhile.
    error: Option<String>,
}

/// What a key typed into the query line did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    /// The text changed (the filter too, if it parses).
    Changed,
    /// Only the cursor moved, or nothing happened.
    Moved,
    /// Enter: the line closed and the filter in use stays.
    Kept,
    /// Enter on a text that does not parse: the line stays open with it,
    /// so what was typed is not lost; why it does not parse.
    Refused(String),
    /// Esc: the filter is gone and the line closed.
    Cleared,
    /// A key the line does not take (Up and Down move the list).
    Other(EditKey),
}

impl Filter {
    /// The query in use, if any.
    pub fn query(&self) -> Option<&Query> {
        self.query.as_ref()
    }

    /// The text of the query in use; empty without one.
    pub fn text(&self) -> &str {
        self.query.as_ref().map_or("", Query::as_str)
    }

    /// Whether a query is in use.
    pub fn is_set(&self) -> bool {
        self.query.is_some()
    }

    /// The query line, while it is open.
    pub fn line(&self) -> Option<&LineEdit> {
        self.line.as_ref()
    }

    pub fn is_open(&self) -> bool {
        self.line.is_some()
    }

    /// What is wrong with the line's text, while it does not parse.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Open the query line on the text of the query in use.
    pub fn open(&mut self) {
        self.line = Some(LineEdit::new(self.text()));
        self.error = None;
    }

    /// Close the line; the query in use stays.
    pub fn close(&mut self) {
        self.line = None;
        self.error = None;
    }

    /// No query, and the line closed.
    pub fn clear(&mut self) {
        *self = Filter::default();
    }

    /// Use `text` as the query if it parses against `book` (empty text is
    /// no query); else keep the query in use and remember why not.
    pub fn set(&mut self, text: &str, book: &Codebook) {
        match Query::parse_for(text, book) {
            Ok(q) => {
                self.query = (!q.is_empty()).then_some(q);
                self.error = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// A key typed into the open line; the text is parsed again as it
    /// changes, so the list filters while the query is typed.
    pub fn key(&mut self, key: EditKey, book: &Codebook) -> Typed {
        let Some(line) = &mut self.line else {
            return Typed::Moved;
        };
        match line.apply(key) {
            Edited::Changed => {
                let text = line.text.clone();
                self.set(&text, book);
                Typed::Changed
            }
            Edited::Moved => Typed::Moved,
            Edited::Submit => match &self.error {
                Some(error) => Typed::Refused(error.clone()),
                None => {
                    self.close();
                    Typed::Kept
                }
            },
            Edited::Cancel => {
                self.clear();
                Typed::Cleared
            }
            Edited::Other(k) => Typed::Other(k),
        }
    }

    /// Whether the list shows `m`.
    pub fn shows(&self, m: &Mark, book: &Codebook) -> bool {
        self.query
            .as_ref()
            .is_none_or(|q| q.matches(&m.bookmark, &m.citation, book))
    }

    /// The rows of `marks` the list shows, in order.
    pub fn rows(&self, marks: &[Mark], book: &Codebook) -> Vec<usize> {
        (0..marks.len())
            .filter(|&i| self.shows(&marks[i], book))
            .collect()
    }

    /// The shown row the list's selection stands for when it is `row`:
    /// `row` itself if shown, else the next shown after it, else the last
    /// shown before it; none when nothing is shown.
    pub fn nearest(&self, marks: &[Mark], book: &Codebook, row: usize) -> Option<usize> {
        let shown = |i: &usize| self.shows(&marks[*i], book);
        (row.min(marks.len())..marks.len())
            .find(shown)
            .or_else(|| (0..row.min(marks.len())).rev().find(shown))
    }

    /// The first shown row.
    pub fn first(&self, marks: &[Mark], book: &Codebook) -> Option<usize> {
        self.nearest(marks, book, 0)
    }

    /// The shown row `n` shown rows away from `row` (stopping at either
    /// end), stepping over the rows the filter hides.
    pub fn step(&self, marks: &[Mark], book: &Codebook, row: usize, n: isize) -> Option<usize> {
        let rows = self.rows(marks, book);
        let at = rows.iter().position(|&r| r >= row).unwrap_or(rows.len());
        let at = at.min(rows.len().checked_sub(1)?);
        let to = at.saturating_add_signed(n).min(rows.len() - 1);
        Some(rows[to])
    }
}

#[cfg(test)]
#[path = "filter_tests.rs"]
pub(crate) mod tests;
