//! The config loader on arbitrary text (the stable-Rust twin of the
//! `keymap` fuzz target): it merges, or fails with one line naming the file
//! and a line that exists in it.

use proptest::prelude::*;
use tread::app::keymap::Keymap;

/// Text made of the pieces a keymap file is made of, plus noise.
fn config_text() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "[keys.global]\n",
        "[keys.help]\n",
        "[keys.contents]\n",
        "[keys.nowhere]\n",
        "[keys]\n",
        "[[keys.global]]\n",
        "j",
        "\"j\"",
        "\"ctrl-d\"",
        "\"ctrl-D\"",
        "\"shift-tab\"",
        "\"hyper-q\"",
        "\"\\u001b]0;x\\u0007\"",
        " = ",
        "=",
        "\"quit\"",
        "\"next-sentence\"",
        "\"noop\"",
        "\"fly\"",
        "1",
        "[1, 2]",
        "{ a = 1 }",
        "\n",
        "\r\n",
        "# comment\n",
        "\"",
        "'",
        "'''",
        "\"\"\"",
        "\\",
        "中文",
        "\u{feff}",
        " ",
    ]);
    prop::collection::vec(atoms, 0..40).prop_map(|v| v.concat())
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let mut keymap = Keymap::default_keymap();
    match keymap.merge_str(text, "c.toml") {
        Ok(()) => {
            let _ = keymap.describe();
        }
        Err(e) => {
            let lines = text.split('\n').count();
            prop_assert!(
                e.line >= 1 && e.line <= lines,
                "line {} of {lines}: {e}",
                e.line
            );
            let msg = e.to_string();
            prop_assert!(msg.starts_with("c.toml:"), "{msg}");
            prop_assert!(!msg.contains('\n'), "not one line: {msg:?}");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn config_errors_are_one_line_at_a_real_line(text in config_text()) {
        check(&text)?;
    }

    #[test]
    fn arbitrary_text_never_panics_the_loader(text in "\\PC{0,200}") {
        check(&text)?;
    }
}
