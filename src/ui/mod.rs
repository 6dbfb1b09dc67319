//! Drawing: one widget per pane, all drawn from `&State`.

pub mod wrap;
