//! The library's key hints, from the live keymap (as the reader's, in
//! `app/hints.rs`): a hint whose key is unbound is left out.

use crate::app::action::Action;
use crate::app::hints::{Piece, pieces};
use crate::app::keymap::{Keymap, Layer};

use super::Column;

const L: Layer = Layer::Library;

/// Over the rows: `Enter open · / search · f filter · 1…8 sort · ? help · q quit`.
pub fn rows(keymap: &Keymap) -> Vec<String> {
    let parts: &[Piece] = &[
        (&[(L, Action::Activate)], "open"),
        (&[(L, Action::Search)], "search"),
        (&[(L, Action::FilterRows)], "filter"),
    ];
    let mut out = pieces(keymap, parts);
    out.extend(sort(keymap));
    out.extend(pieces(
        keymap,
        &[
            (&[(L, Action::Help)], "help"),
            (&[(L, Action::Quit)], "quit"),
        ],
    ));
    out
}

/// Over the results: `Enter open · / edit · Esc rows`.
pub fn results(keymap: &Keymap) -> Vec<String> {
    let parts: &[Piece] = &[
        (&[(L, Action::Activate)], "open"),
        (&[(L, Action::Search)], "edit"),
        (&[(L, Action::CloseOverlay)], "rows"),
    ];
    pieces(keymap, parts)
}

/// `1…8 sort`: the first and last column's keys, if every column has one.
fn sort(keymap: &Keymap) -> Option<String> {
    let keys: Option<Vec<String>> = Column::ALL
        .iter()
        .map(|c| crate::app::hints::key(keymap, L, Action::SortBy(*c)))
        .collect();
    let keys = keys?;
    Some(format!("{}…{} sort", keys.first()?, keys.last()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_name_the_default_keys_and_follow_a_rebinding() {
        let k = Keymap::default_keymap();
        assert_eq!(
            rows(&k).join(" · "),
            "Enter open · / search · f filter · 1…8 sort · ? help · q quit"
        );
        assert_eq!(results(&k).join(" · "), "Enter open · / edit · Esc rows");
        let mut k = Keymap::default_keymap();
        k.merge_str(
            "[keys.library]\n\"f\" = \"noop\"\n\"F\" = \"filter-rows\"\n",
            "t",
        )
        .unwrap();
        assert!(rows(&k).contains(&"F filter".to_string()));
    }
}
