//! The key-binding config loader on arbitrary text: it either merges, or
//! fails with one line naming the file and a line inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tread::app::keymap::Keymap;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut keymap = Keymap::default_keymap();
    match keymap.merge_str(text, "fuzz.toml") {
        Ok(()) => {
            // Whatever was merged can still be described (the help overlay).
            let _ = keymap.describe();
        }
        Err(e) => {
            let lines = text.split('\n').count();
            assert!(e.line >= 1 && e.line <= lines, "line {} of {lines}", e.line);
            let msg = e.to_string();
            assert!(msg.starts_with("fuzz.toml:"), "{msg}");
            assert!(!msg.contains('\n'), "error is not one line: {msg:?}");
        }
    }
});
