//! Terminal input as the app's actions: key events through the keymap's
//! active layer (or the line editor's keys), mouse events by the pane under
//! the pointer, pasted text as typed characters. The only place crossterm's
//! key and mouse types meet the app's.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::app::action::{Action, EditKey, Pane};
use crate::app::keymap::{self, Key, Layer};
use crate::app::line_edit;
use crate::app::state::{Overlay, State};
use crate::ui;
use ratatui::layout::Rect;

/// Lines one mouse wheel notch scrolls.
const WHEEL_LINES: i16 = 3;

/// The keymap's key for a terminal key event, if a keymap can name it.
pub fn key_of(ev: &KeyEvent) -> Option<Key> {
    let code = match ev.code {
        KeyCode::Char(c) => keymap::KeyCode::Char(c),
        KeyCode::F(n) => keymap::KeyCode::F(n),
        KeyCode::Enter => keymap::KeyCode::Enter,
        KeyCode::Esc => keymap::KeyCode::Esc,
        KeyCode::Tab => keymap::KeyCode::Tab,
        KeyCode::BackTab => keymap::KeyCode::BackTab,
        KeyCode::Backspace => keymap::KeyCode::Backspace,
        KeyCode::Up => keymap::KeyCode::Up,
        KeyCode::Down => keymap::KeyCode::Down,
        KeyCode::Left => keymap::KeyCode::Left,
        KeyCode::Right => keymap::KeyCode::Right,
        KeyCode::PageUp => keymap::KeyCode::PageUp,
        KeyCode::PageDown => keymap::KeyCode::PageDown,
        KeyCode::Home => keymap::KeyCode::Home,
        KeyCode::End => keymap::KeyCode::End,
        KeyCode::Insert => keymap::KeyCode::Insert,
        KeyCode::Delete => keymap::KeyCode::Delete,
        _ => return None,
    };
    Key::new(
        code,
        ev.modifiers.contains(KeyModifiers::CONTROL),
        ev.modifiers.contains(KeyModifiers::ALT),
    )
}

/// Pasted text as typed characters, filtered as typing is (bidi and other
/// controls dropped, line breaks one space each, a CRLF counting as one).
pub fn paste_actions(text: &str) -> Vec<Action> {
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(line_edit::typed)
        .map(|c| Action::Edit(EditKey::Char(c)))
        .collect()
}

/// The keymap layer that is active now.
pub fn active_layer(state: &State) -> Layer {
    match state.overlay() {
        Some(Overlay::Help { .. }) => return Layer::Help,
        Some(Overlay::Speakers { .. }) => return Layer::Speakers,
        Some(Overlay::Unsaved { .. }) => return Layer::Unsaved,
        Some(Overlay::Picker(_)) => return Layer::Picker,
        Some(Overlay::Codes(_)) => return Layer::Codes,
        Some(Overlay::Analytics { .. }) => return Layer::Analytics,
        // The note editor, the search line and the list's query line take
        // text, not bindings.
        Some(
            Overlay::Bookmarks { .. }
            | Overlay::Note { .. }
            | Overlay::Query(_)
            | Overlay::Claim(_),
        ) => {
            return Layer::Bookmarks;
        }
        None => {}
    }
    match state.focus() {
        Pane::Contents => Layer::Contents,
        Pane::Claims => Layer::Claims,
        Pane::Dialogue => Layer::Global,
    }
}

pub fn key_action(state: &State, key: &KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let list_query = matches!(state.overlay(), Some(Overlay::Bookmarks { .. }))
        && state.bookmark_filter().is_open();
    if list_query
        || matches!(
            state.overlay(),
            Some(
                Overlay::Note { .. }
                    | Overlay::Query(_)
                    | Overlay::Claim(_)
                    | Overlay::Unsaved { path: Some(_), .. }
            )
        )
    {
        return edit_key(key).map(Action::Edit);
    }
    // The code overview's line editor, while an edit is typed.
    if let Some(Overlay::Codes(p)) = state.overlay()
        && p.editing().is_some()
    {
        return edit_key(key).map(Action::Edit);
    }
    if let Some(Overlay::Picker(p)) = state.overlay() {
        return picker_key(state, p.line.text.is_empty(), key);
    }
    let key = key_of(key)?;
    let action = state.keymap().action(active_layer(state), key);
    Some(action.unwrap_or(Action::Unbound(key)))
}

/// A key in the code picker: its filter takes the text typed, and a
/// character key bound in the picker's layer (a digit) acts only while the
/// filter is empty; other keys go by the layer, then to the filter's line
/// editor.
fn picker_key(state: &State, empty: bool, ev: &KeyEvent) -> Option<Action> {
    let plain = !ev
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let text = match ev.code {
        KeyCode::Char(c) if plain => Some(c),
        _ => None,
    };
    let key = key_of(ev);
    let bound = key.and_then(|k| state.keymap().action(Layer::Picker, k));
    match (text, bound) {
        (Some(_), Some(action)) if empty => Some(action),
        (Some(c), _) => Some(Action::Edit(EditKey::Char(c))),
        (None, Some(action)) => Some(action),
        // As in the note editor, a key the line does not take does nothing.
        (None, None) => edit_key(ev).map(Action::Edit),
    }
}

/// The note editor takes text, not bindings.
pub(super) fn edit_key(key: &KeyEvent) -> Option<EditKey> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('a') => Some(EditKey::Home),
            KeyCode::Char('e') => Some(EditKey::End),
            KeyCode::Char('c') => Some(EditKey::Cancel),
            KeyCode::Char('r') => Some(EditKey::ToggleRegex),
            KeyCode::Char('u') => Some(EditKey::KillToStart),
            KeyCode::Char('k') => Some(EditKey::KillToEnd),
            KeyCode::Char('w') => Some(EditKey::KillWord),
            _ => None,
        };
    }
    Some(match key.code {
        KeyCode::Char(c) => EditKey::Char(c),
        KeyCode::Backspace => EditKey::Backspace,
        KeyCode::Delete => EditKey::Delete,
        KeyCode::Left => EditKey::Left,
        KeyCode::Right => EditKey::Right,
        KeyCode::Home => EditKey::Home,
        KeyCode::End => EditKey::End,
        KeyCode::Up => EditKey::Up,
        KeyCode::Down => EditKey::Down,
        KeyCode::Enter => EditKey::Submit,
        KeyCode::Esc => EditKey::Cancel,
        _ => return None,
    })
}

/// A mouse event on a frame of size `screen`: the wheel scrolls the pane
/// under the pointer (or moves an overlay's selection), a left click
/// selects and opens the list item under it.
pub fn mouse_action(state: &State, screen: Rect, m: &MouseEvent) -> Option<Action> {
    let (x, y) = (m.column, m.row);
    let click = || ui::hit::click(state, screen, x, y).map(Action::Click);
    if state.overlay().is_some() {
        return match m.kind {
            MouseEventKind::ScrollDown => Some(Action::SelectDown),
            MouseEventKind::ScrollUp => Some(Action::SelectUp),
            MouseEventKind::Down(MouseButton::Left) => click(),
            _ => None,
        };
    }
    let vp = state.viewport();
    // Side panes are drawn over the dialogue when they overlay it, so test them first.
    let pane = if vp.contents.contains(x, y) {
        Pane::Contents
    } else if vp.claims.contains(x, y) {
        Pane::Claims
    } else if vp.dialogue.contains(x, y) {
        Pane::Dialogue
    } else {
        return None;
    };
    let notch = if pane == Pane::Dialogue {
        WHEEL_LINES
    } else {
        1
    };
    match m.kind {
        MouseEventKind::ScrollDown => Some(Action::Scroll(pane, notch)),
        MouseEventKind::ScrollUp => Some(Action::Scroll(pane, -notch)),
        MouseEventKind::Down(MouseButton::Left) => click(),
        _ => None,
    }
}
