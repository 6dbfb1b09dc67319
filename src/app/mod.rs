//! The Elm-style application: state, actions, update, keymap and run loop.

pub mod action;
pub mod config;
pub mod find;
pub mod flow;
pub mod help;
pub mod hints;
pub mod history;
pub mod keymap;
pub mod labels;
pub mod line_edit;
pub mod lines;
pub mod marks;
pub mod quotes;
pub mod run;
pub mod scroll;
pub mod shell;
pub mod speakers;
pub mod startup;
pub mod state;
pub mod terminal;
pub mod unsaved;
pub mod update;

pub use action::{Action, Effect, Pane};
pub use startup::Startup;
pub use state::State;
pub use update::update;
