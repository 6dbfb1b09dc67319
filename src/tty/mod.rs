//! The reader's edge: the real terminal ([`terminal`]: screen modes,
//! signals), copying out ([`clipboard`]), the run loop over any backend and event source
//! ([`run`]), terminal input turned into the app's actions ([`keys`]), and
//! the thread that watches a followed file ([`follow`]).
//! It points down at `ui` and `app`; nothing below imports it.

pub mod clipboard;
pub mod follow;
pub mod keys;
pub mod run;
pub mod terminal;
