//! Inputs the progressive-loading tests share: every fixture file, and
//! generated dialogues with speakers, headings, Chinese and figures.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

/// Every file under `dir`, walked depth first.
pub fn fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            fixtures(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// A dialogue of up to forty turns, some after a Markdown heading.
pub fn dialogue() -> impl Strategy<Value = String> {
    let turn = (
        prop::sample::select(vec!["Ana", "Ben", "主持人", "INTERVIEWER", "Q"]),
        "[a-z0-9 ,.。，%]{0,40}",
        prop::bool::ANY,
    );
    prop::collection::vec(turn, 1..40).prop_map(|turns| {
        turns
            .into_iter()
            .map(|(who, said, heading)| match heading {
                true => format!("## {said}\n\n{who}: {said}\n\n"),
                false => format!("{who}: {said}\n\n"),
            })
            .collect()
    })
}
