//! tread: a terminal reader for conversation transcripts.
//!
//! `transcript` is the pure core (bytes to model), `app` the Elm-style state
//! machine and run loop, `ui` the widgets, and `cli` the command-line edge.
//! `text` is below them all: the one sanitiser every output goes through.

pub mod app;
pub mod cli;
pub mod store;
pub mod text;
pub mod transcript;
pub mod ui;

/// The bundled sample transcript, opened when no file is given.
pub const SAMPLE: &[u8] = include_bytes!("../assets/llamacon-2025.txt");
/// Display name of the bundled sample.
pub const SAMPLE_NAME: &str = "llamacon-2025.txt";
