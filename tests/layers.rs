//! Layers point one way: the edge (`cli`, `tty`) → `ui` → `app` →
//! `transcript`, `store` and `shelf`, with `text` below them all. Every
//! source file of a lower layer is read and each path it names (in `use`
//! items and fully qualified in code, `crate::`/`super::` resolved, brace groups
//! expanded) is checked against what that layer may reach. Comments and
//! string literals are skipped, so prose may still name a crate.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use support::rust_paths::{ROOT, paths};

/// What files under a directory of `src/` must not name: modules of this
/// crate (by their top-level name) and external crates.
struct Rule {
    dir: &'static str,
    /// Crate modules that are off limits; `None` in `only` mode.
    banned_modules: &'static [&'static str],
    /// When set, the only crate module the files may name.
    only: Option<&'static str>,
    banned_crates: &'static [&'static str],
}

const TERMINAL: &[&str] = &["ratatui", "crossterm"];

const RULES: &[Rule] = &[
    Rule {
        dir: "app",
        banned_modules: &["ui", "tty", "cli"],
        only: None,
        banned_crates: TERMINAL,
    },
    Rule {
        dir: "transcript",
        banned_modules: &["app", "ui", "tty", "cli"],
        only: None,
        banned_crates: TERMINAL,
    },
    Rule {
        dir: "store",
        banned_modules: &["app", "ui", "tty", "cli"],
        only: None,
        banned_crates: TERMINAL,
    },
    Rule {
        dir: "shelf",
        banned_modules: &["app", "ui", "tty", "cli"],
        only: None,
        banned_crates: TERMINAL,
    },
    Rule {
        dir: "text",
        banned_modules: &[],
        only: Some("text"),
        banned_crates: TERMINAL,
    },
    Rule {
        dir: "ui",
        banned_modules: &["tty", "cli"],
        only: None,
        banned_crates: &[],
    },
];

/// Why the source of module `module` breaks `rule`, one line per path.
fn violations(src: &str, module: &[String], rule: &Rule) -> Vec<String> {
    let mut out = Vec::new();
    for p in paths(src, module) {
        let shown = p.join("::");
        match (p.first().map(String::as_str), p.get(1)) {
            (Some(ROOT), Some(top)) => {
                // A glob of the crate root (`use super::*` from a top
                // module) brings every layer into scope unnamed.
                let banned = top == "*"
                    || match rule.only {
                        Some(only) => top != only,
                        None => rule.banned_modules.contains(&top.as_str()),
                    };
                if banned {
                    out.push(shown);
                }
            }
            (Some(first), _) if rule.banned_crates.contains(&first) => out.push(shown),
            // `pub(crate)`, and names in scope: not a layer.
            _ => {}
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/app/lines.rs` → `["app", "lines"]`; `mod.rs` names its directory.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

#[test]
fn lower_layers_do_not_import_upper_ones() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    for rule in RULES {
        let mut files = Vec::new();
        let dir = src.join(rule.dir);
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        }
        let single = src.join(format!("{}.rs", rule.dir));
        if single.is_file() {
            files.push(single);
        }
        assert!(!files.is_empty(), "no sources for src/{}", rule.dir);
        for file in files {
            let text = fs::read_to_string(&file).unwrap();
            for v in violations(&text, &module_of(&src, &file), rule) {
                problems.push(format!("{}: names {v}", file.display()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn app_rule() -> &'static Rule {
    &RULES[0]
}

fn module(path: &str) -> Vec<String> {
    path.split("::").map(str::to_string).collect()
}

#[test]
fn the_check_finds_every_way_of_naming_a_layer() {
    let here = module("app::lines");
    let caught = |src: &str| violations(src, &here, app_rule());
    assert_eq!(caught("use crate::ui::wrap;"), ["crate::ui::wrap"]);
    assert_eq!(caught("use crate::{text, ui::fit};"), ["crate::ui::fit"]);
    assert_eq!(
        caught("use crate::{app::{flow, state}, tty::{run, keys}};"),
        ["crate::tty::run", "crate::tty::keys"]
    );
    assert_eq!(caught("use super::super::ui;"), ["crate::ui"]);
    assert_eq!(
        caught("fn f() { crate::ui::fit(\"x\", 3); }"),
        ["crate::ui::fit"]
    );
    assert_eq!(
        caught("use ratatui::layout::Rect;"),
        ["ratatui::layout::Rect"]
    );
    assert_eq!(
        caught("struct V { a: ratatui::layout::Rect }"),
        ["ratatui::layout::Rect"]
    );
    assert_eq!(
        caught("fn k(e: &::crossterm::event::KeyEvent) {}"),
        ["crossterm::event::KeyEvent"]
    );
    assert_eq!(caught("use {crossterm as c};"), ["crossterm"]);
    assert_eq!(
        violations("use super::*;", &module("app"), app_rule()),
        ["crate::*"]
    );
    // From inside an inline module, `super::super` is one level less far up.
    assert_eq!(
        caught("mod tests { use super::super::super::ui; }"),
        ["crate::ui"]
    );
}

#[test]
fn the_check_ignores_prose_and_allowed_paths() {
    let here = module("app::lines");
    let caught = |src: &str| violations(src, &here, app_rule());
    let fine = [
        "//! Drawn by `crate::ui`, with ratatui.\nuse crate::text::wrap;",
        "/* crossterm::event */ use super::flow::Flow;",
        "const S: &str = \"crate::ui::fit and ratatui\";",
        "const R: &str = r#\"use crossterm;\"#;",
        "fn f<'a>(c: char) -> bool { c == '\"' || c == '{' }\nuse crate::store::cite;",
        "mod tests { use super::*; }",
        "use super::super::transcript::Document;",
        "pub(crate) fn f(x: &[u8]) -> usize { x.len() * 2 }",
        "const B: &[u8] = br#\"ratatui::\"#;",
        "use super::*;",
    ];
    for src in fine {
        assert_eq!(caught(src), Vec::<String>::new(), "{src}");
    }
    let text = RULES.iter().find(|r| r.dir == "text").unwrap();
    assert_eq!(
        violations("use crate::app::flow;", &module("text::wrap"), text),
        ["crate::app::flow"]
    );
    assert_eq!(
        violations(
            "use super::cells::width; use crate::text::sanitise;",
            &module("text::wrap"),
            text
        ),
        Vec::<String>::new()
    );
}
