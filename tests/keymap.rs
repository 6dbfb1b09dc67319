//! The keymap: key names, layers, user overrides and their errors, and the
//! README kept in step with the default bindings.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use tread::app::Action;
use tread::app::keymap::{Key, Keymap, Layer};

fn key(s: &str) -> Key {
    Key::parse(s).unwrap()
}

#[test]
fn default_keymap_binds_the_documented_keys() {
    let k = Keymap::default_keymap();
    assert_eq!(
        k.action(Layer::Global, key("j")),
        Some(Action::NextSentence)
    );
    assert_eq!(
        k.action(Layer::Global, key("down")),
        Some(Action::NextSentence)
    );
    assert_eq!(k.action(Layer::Global, key("J")), Some(Action::NextTurn));
    assert_eq!(
        k.action(Layer::Global, key("ctrl-d")),
        Some(Action::HalfPageDown)
    );
    assert_eq!(
        k.action(Layer::Global, key("shift-tab")),
        Some(Action::FocusPrev)
    );
    assert_eq!(
        k.action(Layer::Global, key("3")),
        Some(Action::GotoSection(3))
    );
    // Pane layers win, and fall back to global.
    assert_eq!(
        k.action(Layer::Contents, key("j")),
        Some(Action::SelectDown)
    );
    assert_eq!(
        k.action(Layer::Contents, key("]")),
        Some(Action::NextSection)
    );
    assert_eq!(
        k.action(Layer::Claims, key("f")),
        Some(Action::FilterClaims)
    );
    assert_eq!(k.action(Layer::Global, key("f")), Some(Action::PageDown));
    // The help overlay is modal.
    assert_eq!(k.action(Layer::Help, key("]")), None);
    assert_eq!(
        k.action(Layer::Help, key("esc")),
        Some(Action::CloseOverlay)
    );
}

#[test]
fn key_events_normalise_like_names() {
    use ratatui::crossterm::event::KeyEvent;
    let ev = |code, mods| tread::tty::keys::key_of(&KeyEvent::new(code, mods));
    assert_eq!(ev(KeyCode::Char('J'), KeyModifiers::SHIFT), Some(key("J")));
    assert_eq!(
        ev(KeyCode::Char('d'), KeyModifiers::CONTROL),
        Some(key("ctrl-d"))
    );
    assert_eq!(
        ev(KeyCode::BackTab, KeyModifiers::SHIFT),
        Some(key("shift-tab"))
    );
    assert_eq!(
        ev(KeyCode::Char(' '), KeyModifiers::NONE),
        Some(key("space"))
    );
    assert_eq!(
        ev(KeyCode::PageDown, KeyModifiers::NONE),
        Some(key("pagedown"))
    );
}

#[test]
fn user_bindings_override_and_unbind() {
    let mut k = Keymap::default_keymap();
    k.merge_str("[keys.global]\nx = \"quit\"\nq = \"noop\"\n", "user.toml")
        .unwrap();
    assert_eq!(k.action(Layer::Global, key("x")), Some(Action::Quit));
    assert_eq!(k.action(Layer::Global, key("q")), None);
    assert_eq!(
        k.action(Layer::Global, key("j")),
        Some(Action::NextSentence)
    );
}

#[test]
fn errors_name_the_file_line_and_problem() {
    let mut k = Keymap::default();
    let e = k
        .merge_str(
            "[keys.global]\nj = \"next-sentence\"\nx = \"fly\"\n",
            "c.toml",
        )
        .unwrap_err();
    assert_eq!(e.to_string(), "c.toml:3: unknown action 'fly'");

    let e = k
        .merge_str(
            "[keys.global]\n\"ctrl-d\" = \"quit\"\n\"ctrl-D\" = \"top\"\n",
            "c.toml",
        )
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "c.toml:3: key 'ctrl-D' is bound twice in [keys.global] (first at line 2, as 'ctrl-d')"
    );

    let e = k
        .merge_str("[keys.global]\nj = \"top\"\nj = \"top\"\n", "c.toml")
        .unwrap_err();
    assert_eq!(e.line, 3, "{e}");

    let e = k
        .merge_str("[keys.sidebar]\nj = \"top\"\n", "c.toml")
        .unwrap_err();
    assert!(e.to_string().contains("unknown key layer"), "{e}");

    let e = k
        .merge_str("[keys.global]\n\"hyper-q\" = \"top\"\n", "c.toml")
        .unwrap_err();
    assert_eq!(e.to_string(), "c.toml:2: unknown key name 'hyper-q'");

    let e = k.merge_str("[keys.global\n", "c.toml").unwrap_err();
    assert_eq!(e.line, 1);
}

#[test]
fn describe_lists_every_bound_action_with_its_keys() {
    let k = Keymap::default_keymap();
    let d = k.describe();
    let global = &d.iter().find(|(l, _)| *l == Layer::Global).unwrap().1;
    let (_, keys) = global
        .iter()
        .find(|(a, _)| *a == Action::NextSentence)
        .unwrap();
    let names: Vec<String> = keys.iter().map(ToString::to_string).collect();
    assert!(names.contains(&"j".to_string()) && names.contains(&"↓".to_string()));
}

#[test]
fn the_readme_documents_every_default_key() {
    let readme = include_str!("../README.md");
    for (layer, rows) in Keymap::default_keymap().describe() {
        for (action, keys) in rows {
            for key in keys {
                let shown = format!("`{key}`");
                assert!(
                    readme.contains(&shown),
                    "README lacks {shown} ({action:?} in [keys.{}])",
                    layer.name()
                );
            }
        }
    }
}
