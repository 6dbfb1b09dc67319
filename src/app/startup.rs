//! What the shell knows at start-up (colour, saved bookmarks, the
//! codebook, where to resume, warnings, the document's hash, the session's
//! id prefix and the clock), handed to [`super::State::start`], the one place besides
//! `update` that sets state; and the ids that new bookmarks take from it
//! without reading the world.

use crate::store::anchor::Anchor;
use crate::store::bookmarks::{Bookmark, Origin};
use crate::store::codes::Codebook;
use crate::store::{doc_hash, rfc3339};
use crate::transcript::Document;

/// What the shell hands the reader when it opens a document.
#[derive(Debug, Clone)]
pub struct Startup {
    /// Whether styles may use colour (false under `NO_COLOR`).
    pub color: bool,
    /// The document's saved bookmarks.
    pub bookmarks: Vec<Bookmark>,
    /// The user's codebook, shared by every document.
    pub codebook: Codebook,
    /// Where the reader left the document last time.
    pub resume: Option<Anchor>,
    /// The first problem met opening the document's data, for the status line.
    pub warning: Option<String>,
    /// [`doc_hash`] of the document, computed once at load: bookmarks
    /// record it, and `m` must not pay a pass over the document for it.
    pub doc_hash: String,
    /// A prefix unique to this session ([`crate::store::bookmarks::new_session`]);
    /// bookmark ids number on from it, and new codes' ids are made from it.
    pub session: String,
    /// Seconds since the epoch when the reader opened; [`super::Action::Clock`]
    /// moves it on.
    pub now: u64,
    /// Whether the document is a file `F` can follow (`Some`), and whether
    /// it is followed from the start (`Some(true)`, `-f`).
    pub follow: Option<bool>,
    /// The document is the first part of an input still being read in the
    /// background ([`super::live::Loading`]).
    pub loading: bool,
    /// How addresses (`Y`) name the document: the path as given on the
    /// command line; `None`, its name (the sample, standard input).
    pub file: Option<String>,
    /// Opened from the library: how it goes back, and the cross-shelf
    /// search it was opened at, if any.
    pub link: Option<super::library::Link>,
}

impl Startup {
    /// Defaults for `doc`: colour, nothing saved, a fixed session prefix
    /// and the epoch as the time. Deterministic, for tests and tools; the
    /// binary fills in the real session and clock.
    pub fn new(doc: &Document) -> Startup {
        Startup {
            color: true,
            bookmarks: Vec::new(),
            codebook: Codebook::default(),
            resume: None,
            warning: None,
            doc_hash: doc_hash(doc),
            session: "local".into(),
            now: 0,
            follow: None,
            loading: false,
            file: None,
            link: None,
        }
    }
}

/// Where new bookmarks get their id and creation time: the session's
/// prefix and a counter, and the last time the run loop reported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ids {
    session: String,
    next: u64,
    now: u64,
}

impl Ids {
    pub fn new(session: String, now: u64) -> Ids {
        Ids {
            session,
            next: 0,
            now,
        }
    }

    /// The clock as the run loop read it for the current input.
    pub fn set_now(&mut self, now: u64) {
        self.now = now;
    }

    /// The origin of the next bookmark: `<session>-<n>`, made now.
    pub fn next(&mut self, doc_hash: &str) -> Origin {
        let id = format!("{}-{:x}", self.session, self.next);
        self.next += 1;
        Origin {
            id,
            created: rfc3339(self.now),
            doc_hash: doc_hash.to_string(),
        }
    }
}
