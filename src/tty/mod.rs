//! The reader's edge: the real terminal ([`terminal`]: screen modes,
//! signals), copying out ([`clipboard`]), the run loop over any backend and event source
//! ([`run`]) and the library's ([`library`]), terminal input turned into the
//! app's actions ([`keys`]), and
//! the thread that watches a followed file ([`follow`]) and the one that
//! reads a large or slow input in the background ([`loader`]); a claim's
//! source opened with the system's opener ([`opener`]).
//! It points down at `ui` and `app`; nothing below imports it.

pub mod clipboard;
pub mod follow;
pub mod keys;
pub mod library;
pub mod loader;
pub mod opener;
pub mod run;
pub mod terminal;
