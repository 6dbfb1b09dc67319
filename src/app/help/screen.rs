//! Which screen a help is for (the reader's or the library's) and which
//! of a layer's rows it lists.

use crate::app::action::Action;
use crate::app::keymap::{Binding, Keymap, Layer};

/// Which screen a help is for: the reader lists every layer but the
/// library's; the library its own keys and the help's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Reader,
    Library,
}

impl Screen {
    pub(super) fn shows(self, layer: Layer) -> bool {
        match self {
            Screen::Reader => layer != Layer::Library,
            Screen::Library => matches!(layer, Layer::Library | Layer::Help),
        }
    }
}

/// The rows a layer's heading lists: a key that does here what it does
/// everywhere (Ctrl-c quits, Esc closes, `C` codes) is said once, among
/// the keys for everywhere (on the reader's help, which lists those); the
/// help's title names its scrolling keys (`j/k scroll`).
pub(super) fn said_here(
    keymap: &Keymap,
    screen: Screen,
    layer: Layer,
    mut rows: Vec<Binding>,
) -> Vec<Binding> {
    if layer != Layer::Global && screen == Screen::Reader {
        rows.retain(|(action, keys)| {
            !keys
                .iter()
                .all(|k| keymap.action(Layer::Global, *k) == Some(*action))
        });
    }
    if layer == Layer::Help {
        rows.retain(|(action, _)| !matches!(action, Action::SelectDown | Action::SelectUp));
    }
    rows
}
