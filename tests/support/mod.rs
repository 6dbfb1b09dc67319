//! Helpers shared by the integration tests.

// Each test binary compiles this module on its own and uses only some of
// the helpers; the rest would otherwise warn as dead code.
#![allow(dead_code)]

pub mod app;
pub mod corpus;
pub mod frames;
pub mod hostile;
pub mod library;
pub mod pty;
pub mod rust_paths;
pub mod session;
