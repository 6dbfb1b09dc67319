//! The app's state stays in parts: no struct in `src/app` grows past a
//! dozen fields, only `state.rs` assigns the fields of `State` (the parts
//! change through their own methods), and no function in `src/app` or
//! `src/ui` runs past about 60 lines. Read from the sources as rustfmt
//! lays them out: an item ends at the first `}` line at its own indent.

use std::fs;
use std::path::{Path, PathBuf};

const MAX_FIELDS: usize = 12;
const MAX_FN_LINES: usize = 62;

fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir),
        &mut out,
    );
    out.sort();
    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Items whose first line satisfies `starts`: their name and their lines
/// (from that line to the closing brace at its indent).
fn items(text: &str, starts: impl Fn(&str) -> Option<String>) -> Vec<(String, Vec<&str>)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(name) = starts(line.trim_start()) else {
            continue;
        };
        if !line.trim_end().ends_with('{') {
            continue;
        }
        let close = " ".repeat(indent(line)) + "}";
        let end = (i + 1..lines.len()).find(|&j| lines[j].trim_end() == close);
        let end = end.unwrap_or(lines.len() - 1);
        out.push((name, lines[i..=end].to_vec()));
    }
    out
}

/// The word after `keyword` in an item's first line, past visibility.
fn named(line: &str, keyword: &str) -> Option<String> {
    let rest = line.strip_prefix("pub ").or_else(|| {
        let after = line.strip_prefix("pub(")?;
        Some(&after[after.find(") ")? + 2..])
    });
    let rest = rest.unwrap_or(line);
    let rest = rest.strip_prefix("const ").unwrap_or(rest);
    let name = rest.strip_prefix(keyword)?.strip_prefix(' ')?;
    let end = name.find(|c: char| !c.is_alphanumeric() && c != '_')?;
    Some(name[..end].to_string())
}

#[test]
fn no_struct_in_the_app_has_more_than_a_dozen_fields() {
    for (path, text) in sources("app") {
        for (name, lines) in items(&text, |l| named(l, "struct")) {
            let depth = indent(lines[0]) + 4;
            let fields = lines[1..]
                .iter()
                .filter(|l| indent(l) == depth && !l.trim_start().starts_with("//"))
                .filter(|l| l.trim_end().ends_with(',') && l.contains(": "))
                .count();
            assert!(
                fields <= MAX_FIELDS,
                "{}: struct {name} has {fields} fields; split it into parts",
                path.display()
            );
        }
    }
}

#[test]
fn only_the_state_module_assigns_the_states_fields() {
    const FIELDS: &[&str] = &[
        "opened", "view", "contents", "claims", "marks", "finder", "jumps", "overlay", "focus",
        "message", "keymap", "color",
    ];
    for (path, text) in sources("app") {
        if path.ends_with("app/state.rs") {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            for field in FIELDS {
                let assign = format!("state.{field} =");
                let at = line.find(&assign);
                let compare = at.is_some_and(|i| line[i + assign.len()..].starts_with('='));
                assert!(
                    at.is_none() || compare,
                    "{}:{}: assigns State::{field}; change it through the part's methods",
                    path.display(),
                    n + 1
                );
            }
        }
    }
}

#[test]
fn no_function_in_the_app_or_the_widgets_is_longer_than_about_sixty_lines() {
    for dir in ["app", "ui"] {
        for (path, text) in sources(dir) {
            for (name, lines) in items(&text, |l| named(l, "fn")) {
                assert!(
                    lines.len() <= MAX_FN_LINES,
                    "{}: fn {name} is {} lines; split it",
                    path.display(),
                    lines.len()
                );
            }
        }
    }
}

#[test]
fn the_reader_finds_items_as_rustfmt_lays_them_out() {
    let src = "pub struct A {\n    pub x: u8,\n    y: u8,\n}\n\nfn f() {\n    g();\n}\n";
    let structs = items(src, |l| named(l, "struct"));
    assert_eq!(structs.len(), 1);
    assert_eq!(structs[0].0, "A");
    assert_eq!(structs[0].1.len(), 4);
    let fns = items(src, |l| named(l, "fn"));
    assert_eq!((fns[0].0.as_str(), fns[0].1.len()), ("f", 3));
    assert_eq!(
        named("pub(super) fn jump(&mut self)", "fn").as_deref(),
        Some("jump")
    );
    assert_eq!(named("pub const fn x() {", "fn").as_deref(), Some("x"));
}
