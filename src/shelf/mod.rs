//! A shelf: a folder (or several files) of transcripts as one thing. Beside
//! `store` in the layers: it reads files and the store, names nothing of the
//! reader or the terminal.
//!
//! - [`walk`]: the files under the roots, in path order, as ripgrep walks
//!   them (`.gitignore`, `.ignore`, hidden files skipped; a root given as a
//!   file is taken as it is).
//! - [`Summary`]: what a library row shows of one file: title, date,
//!   format, speakers, turns, duration, size, or why it is not a
//!   transcript. [`Summary::of_head`] from the first [`HEAD_BYTES`] (cheap,
//!   `complete` only when that is the whole file), [`Summary::read`] from
//!   the whole file.

pub mod date;
pub mod summary;
pub mod walk;

pub use summary::{DatedBy, HEAD_BYTES, Summary};
pub use walk::{Found, walk};
