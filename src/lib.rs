//! tread: a terminal reader for conversation transcripts.
//!
//! Layers point one way: the edge (`cli`, `tty`: the run loop and the
//! terminal) → `ui` (the widgets) → `app` (the Elm-style state machine) →
//! `transcript` (the pure core, bytes to model), `store` (user data on
//! disk) and `shelf` (a folder of transcripts). `text` is below them all:
//! wrapping, widths and the one sanitiser every output goes through.
//! `tests/layers.rs` keeps the imports that way.

pub mod app;
pub mod cli;
pub mod shelf;
pub mod store;
pub mod text;
pub mod transcript;
pub mod tty;
pub mod ui;

/// The bundled sample transcript, opened when no file is given.
pub const SAMPLE: &[u8] = include_bytes!("../assets/llamacon-2025.txt");
/// Display name of the bundled sample.
pub const SAMPLE_NAME: &str = "llamacon-2025.txt";
