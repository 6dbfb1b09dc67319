//! The Elm-style application: state, actions, update and keymap. No
//! terminal or drawing type reaches here (`tests/layers.rs` checks): the
//! run loop and the terminal are in [`crate::tty`], the widgets in
//! [`crate::ui`].

pub mod action;
pub mod analytics;
pub mod area;
pub mod claims;
pub mod codes_pane;
pub mod coding;
pub mod config;
pub mod contents;
pub mod find;
pub mod flow;
pub mod help;
pub mod hints;
pub mod jumps;
pub mod keymap;
pub mod labels;
pub mod layout;
pub mod ledger;
pub mod library;
pub mod line_edit;
pub mod lines;
pub mod list;
pub mod live;
pub mod marks;
pub mod nav;
pub mod opened;
pub mod panes;
pub mod picker;
pub mod quotes;
pub mod shell;
pub mod speakers;
pub mod startup;
pub mod state;
pub mod status;
pub mod unsaved;
pub mod update;
pub mod view;

pub use action::{Action, Effect, Pane};
pub use startup::Startup;
pub use state::State;
pub use update::update;
