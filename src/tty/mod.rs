//! The reader's edge: the real terminal ([`terminal`]: screen modes,
//! signals), copying out ([`clipboard`]), the run loop over any backend and event source
//! ([`run`]), and terminal input turned into the app's actions ([`keys`]).
//! It points down at `ui` and `app`; nothing below imports it.

pub mod clipboard;
pub mod keys;
pub mod run;
pub mod terminal;
