//! The Elm-style application: state, actions, update, keymap and run loop.
