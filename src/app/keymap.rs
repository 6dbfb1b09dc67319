//! Key bindings as data: the embedded default keymap, user overrides, and
//! the lookup from a key press to an [`Action`] in the active layer.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use super::action::Action;

mod source;
use source::Source;
pub(super) use source::line_at;

/// The default bindings, shipped in the binary.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// A binding layer. Pane layers win over `Global` while the pane has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Layer {
    Global,
    Contents,
    Claims,
    Bookmarks,
    Speakers,
    Help,
    /// The prompt shown when quitting with bookmark changes not saved.
    Unsaved,
    /// The code picker. Its filter takes the text typed: a character key
    /// bound here acts only while the filter is empty.
    Picker,
    /// The code overview; its line editor takes text, not bindings.
    Codes,
    /// The analytics overlay; it pages by the global keys, as the help.
    Analytics,
    /// The library (`tread DIR`), a screen of its own: no global keys.
    Library,
}

impl Layer {
    pub const ALL: [Layer; 11] = [
        Layer::Global,
        Layer::Contents,
        Layer::Claims,
        Layer::Bookmarks,
        Layer::Picker,
        Layer::Codes,
        Layer::Analytics,
        Layer::Speakers,
        Layer::Help,
        Layer::Unsaved,
        Layer::Library,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Layer::Global => "global",
            Layer::Contents => "contents",
            Layer::Claims => "claims",
            Layer::Bookmarks => "bookmarks",
            Layer::Speakers => "speakers",
            Layer::Help => "help",
            Layer::Unsaved => "unsaved",
            Layer::Picker => "picker",
            Layer::Codes => "codes",
            Layer::Analytics => "analytics",
            Layer::Library => "library",
        }
    }
}

/// A key with its modifiers, normalised so `J` and `shift-j` are one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    code: KeyCodeOrd,
    ctrl: bool,
    alt: bool,
}

/// A key as the keymap sees it, before modifiers: the edge (`tty::keys`)
/// turns the terminal's key events into these, so the keymap needs no
/// terminal type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyCode {
    Char(char),
    F(u8),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Insert,
    Delete,
}

/// The key codes a keymap can name, ordered so keys sort in a map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(&'static str),
}

const NAMED_KEYS: &[(&str, KeyCode, &str)] = &[
    ("space", KeyCode::Char(' '), "Space"),
    ("enter", KeyCode::Enter, "Enter"),
    ("esc", KeyCode::Esc, "Esc"),
    ("tab", KeyCode::Tab, "Tab"),
    ("shift-tab", KeyCode::BackTab, "Shift-Tab"),
    ("backspace", KeyCode::Backspace, "Backspace"),
    ("up", KeyCode::Up, "↑"),
    ("down", KeyCode::Down, "↓"),
    ("left", KeyCode::Left, "←"),
    ("right", KeyCode::Right, "→"),
    ("pgup", KeyCode::PageUp, "PgUp"),
    ("pgdn", KeyCode::PageDown, "PgDn"),
    ("home", KeyCode::Home, "Home"),
    ("end", KeyCode::End, "End"),
    ("insert", KeyCode::Insert, "Insert"),
    ("delete", KeyCode::Delete, "Delete"),
];

impl Key {
    /// The key pressed as `code` with these modifiers, if a keymap can name it.
    pub fn new(code: KeyCode, ctrl: bool, alt: bool) -> Option<Key> {
        let code = match code {
            KeyCode::Char(' ') => KeyCodeOrd::Named("space"),
            // Shift is already in the character (`J`), so it is not a modifier here.
            KeyCode::Char(c) if ctrl => KeyCodeOrd::Char(c.to_ascii_lowercase()),
            KeyCode::Char(c) => KeyCodeOrd::Char(c),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            code => KeyCodeOrd::Named(NAMED_KEYS.iter().find(|(_, c, _)| *c == code)?.0),
        };
        Some(Key { code, ctrl, alt })
    }

    /// Parse `j`, `J`, `ctrl-d`, `alt-x`, `space`, `shift-tab`, `f5`…
    pub fn parse(s: &str) -> Option<Key> {
        let mut rest = s;
        let (mut ctrl, mut alt) = (false, false);
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-").filter(|r| !r.is_empty()) {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-").filter(|r| !r.is_empty()) {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if ctrl => KeyCodeOrd::Char(c.to_ascii_lowercase()),
            (Some(c), None) => KeyCodeOrd::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                let alias = match lower.as_str() {
                    "pagedown" => "pgdn",
                    "pageup" => "pgup",
                    "escape" => "esc",
                    "return" => "enter",
                    "backtab" => "shift-tab",
                    other => other,
                };
                if let Some(n) = alias.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    KeyCodeOrd::F(n)
                } else {
                    KeyCodeOrd::Named(NAMED_KEYS.iter().find(|(n, _, _)| *n == alias)?.0)
                }
            }
        };
        Some(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "F{n}"),
            KeyCodeOrd::Named(n) => {
                let shown = NAMED_KEYS
                    .iter()
                    .find(|(k, _, _)| *k == n)
                    .map_or(n, |k| k.2);
                f.write_str(shown)
            }
        }
    }
}

/// A problem in a keymap file, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}:{line}: {problem}")]
pub struct KeymapError {
    pub source_name: String,
    pub line: usize,
    pub problem: String,
}

/// An action and every key bound to it in one layer.
pub type Binding = (Action, Vec<Key>);

#[derive(Debug, Default, Clone)]
pub struct Keymap {
    layers: BTreeMap<Layer, BTreeMap<Key, Action>>,
    /// When each binding was made: (which merge, where in its file). Maps
    /// come back sorted by key, and hints name the key a file lists first.
    order: BTreeMap<(Layer, Key), (usize, usize)>,
    merges: usize,
}

/// One `[keys.<layer>]` table: key names to action names, with where each is.
type Table = BTreeMap<toml::Spanned<String>, toml::Spanned<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    keys: BTreeMap<toml::Spanned<String>, Table>,
    /// Speaker labels share the file; `app::labels` reads and checks them.
    #[serde(default, rename = "labels")]
    _labels: Option<serde::de::IgnoredAny>,
    /// So is the clipboard command; `app::config` reads it.
    #[serde(default, rename = "clipboard")]
    _clipboard: Option<serde::de::IgnoredAny>,
}

impl Keymap {
    /// The embedded defaults.
    pub fn default_keymap() -> Keymap {
        let mut k = Keymap::default();
        // The embedded file is tested; failing here would be a build defect.
        k.merge_str(DEFAULT_KEYMAP, "assets/keymap.toml")
            .expect("the embedded keymap is valid");
        k
    }

    /// Apply the bindings in `text` over the current ones. A key bound twice
    /// in one layer, an unknown layer, key name or action is an error.
    pub fn merge_str(&mut self, text: &str, source_name: &str) -> Result<(), KeymapError> {
        let source = Source {
            text,
            name: source_name,
        };
        let file: File = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            let duplicate = e.message().starts_with("duplicate key");
            duplicate
                .then(|| source.duplicate_key(span.clone()))
                .flatten()
                .unwrap_or_else(|| source.error(span, e.message().to_string()))
        })?;
        self.merges += 1;
        for (layer_name, bindings) in file.keys {
            let layer = Layer::ALL
                .into_iter()
                .find(|l| l.name() == layer_name.get_ref())
                .ok_or_else(|| source.unknown_layer(&layer_name))?;
            self.merge_layer(layer, &bindings, &source)?;
        }
        Ok(())
    }

    /// Apply one `[keys.<layer>]` table, binding by binding: those before
    /// an error stay applied.
    fn merge_layer(
        &mut self,
        layer: Layer,
        bindings: &Table,
        source: &Source<'_>,
    ) -> Result<(), KeymapError> {
        let mut seen: BTreeMap<Key, &toml::Spanned<String>> = BTreeMap::new();
        for (key_name, action_name) in bindings {
            let key = Key::parse(key_name.get_ref()).ok_or_else(|| {
                source.error(
                    key_name.span(),
                    format!("unknown key name '{}'", key_name.get_ref()),
                )
            })?;
            if let Some(other) = seen.insert(key, key_name) {
                return Err(source.bound_twice(layer, other, key_name));
            }
            let action: Action =
                action_name
                    .get_ref()
                    .parse()
                    .map_err(|e: super::action::UnknownAction| {
                        source.error(action_name.span(), e.to_string())
                    })?;
            self.layers.entry(layer).or_default().insert(key, action);
            let at = (self.merges, key_name.span().start);
            self.order.insert((layer, key), at);
        }
        Ok(())
    }

    /// The action bound to `key` in `layer`, falling back to global bindings
    /// for pane layers. Overlays are modal, but the help scrolls by the
    /// global keys for pages and ends (`Space`, `b`, `g`, `G`…), as a pager
    /// does, without listing them twice.
    pub fn action(&self, layer: Layer, key: Key) -> Option<Action> {
        let found = self.layers.get(&layer).and_then(|m| m.get(&key)).copied();
        let global = || {
            self.layers
                .get(&Layer::Global)
                .and_then(|m| m.get(&key))
                .copied()
        };
        let found = match (found, layer) {
            (Some(a), _) => Some(a),
            (None, Layer::Help | Layer::Analytics) => global().filter(|a| a.scrolls_a_page()),
            // Overlays are modal: no fallback to global bindings.
            (
                None,
                Layer::Bookmarks
                | Layer::Speakers
                | Layer::Unsaved
                | Layer::Picker
                | Layer::Codes
                | Layer::Library
                | Layer::Global,
            ) => None,
            (None, Layer::Contents | Layer::Claims) => global(),
        };
        found.filter(|a| *a != Action::Noop)
    }

    /// The first key bound to `action` in `layer` (or, for pane layers,
    /// globally), in the order the keymap files list them; `None` if no key
    /// is. Hints that name a key come from here, so rebinding it changes
    /// the hint.
    pub fn key_for(&self, layer: Layer, action: Action) -> Option<Key> {
        let find = |l: Layer| {
            self.layers
                .get(&l)?
                .iter()
                .filter(|(_, a)| **a == action)
                .min_by_key(|(k, _)| self.order.get(&(l, **k)))
                .map(|(k, _)| *k)
        };
        let inherited = match layer {
            Layer::Contents | Layer::Claims => true,
            Layer::Help | Layer::Analytics => action.scrolls_a_page(),
            _ => false,
        };
        // A global key the layer binds to something else does not inherit.
        find(layer).or_else(|| {
            find(Layer::Global).filter(|k| inherited && self.action(layer, *k) == Some(action))
        })
    }

    /// For the help overlay: each layer's actions with all their keys, in
    /// the order of [`super::action::NAMED`].
    pub fn describe(&self) -> Vec<(Layer, Vec<Binding>)> {
        let mut out = Vec::new();
        for layer in Layer::ALL {
            let Some(map) = self.layers.get(&layer) else {
                continue;
            };
            let mut rows: Vec<Binding> = Vec::new();
            for (action, _, _) in super::action::NAMED {
                if *action == Action::Noop {
                    continue;
                }
                let keys: Vec<Key> = map
                    .iter()
                    .filter(|(_, a)| *a == action)
                    .map(|(k, _)| *k)
                    .collect();
                if !keys.is_empty() {
                    rows.push((*action, keys));
                }
            }
            if !rows.is_empty() {
                out.push((layer, rows));
            }
        }
        out
    }
}
