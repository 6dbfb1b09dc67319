//! The help overlay fits: at 120×40 every action of the default keymap is
//! on screen without scrolling, `q quit` included; on a smaller screen it
//! scrolls to its last row and no further, by the layout it is drawn with.

mod support;

use support::app::Reader;
use tread::app::action::Action;
use tread::app::help;
use tread::app::keymap::Keymap;
use tread::app::state::Overlay;

/// Each action of the default keymap with the text that shows it: its
/// keys and the first word of its description (`next / previous
/// sentence` shows both directions of a move on one row; a long
/// description wraps under itself).
fn actions() -> Vec<(Vec<String>, String)> {
    let keymap = Keymap::default_keymap();
    let mut out = Vec::new();
    // The library's keys are in its own help.
    let layers = keymap.describe().into_iter();
    for (_, rows) in layers.filter(|(l, _)| *l != tread::app::keymap::Layer::Library) {
        for (action, keys) in rows {
            let (keys, word) = match action {
                Action::GotoSection(n) if n > 0 => (vec!["1…9".to_string()], "N".to_string()),
                Action::CodeNth(_) => (vec!["1…9".to_string()], "apply".to_string()),
                _ => {
                    let desc = action.description().unwrap();
                    let keys = keys.iter().map(ToString::to_string).collect();
                    (keys, desc.split(' ').next().unwrap().to_string())
                }
            };
            out.push((keys, word));
        }
    }
    out
}

#[test]
fn at_120_by_40_the_whole_keymap_is_on_screen() {
    let mut r = Reader::new(120, 40);
    r.keys("?");
    let screen = r.screen();
    let rows: Vec<&str> = screen.lines().collect();
    for (keys, word) in actions() {
        // On one row (or two, where the keys wrap): the keys as words, then
        // the description's first word.
        let shown = rows.windows(2).any(|two| {
            let l = format!("{} {}", two[0], two[1]);
            let words: Vec<&str> = l.split_whitespace().collect();
            let at: Option<Vec<usize>> = keys
                .iter()
                .map(|k| words.iter().position(|w| w == k))
                .collect();
            at.and_then(|at| at.into_iter().min())
                .is_some_and(|last| words[last + 1..].iter().any(|w| w.contains(&word)))
        });
        assert!(shown, "{keys:?} {word:?} missing:\n{screen}");
    }
    assert!(
        rows.iter()
            .any(|l| l.contains("Ctrl-c q ") && l.contains(" quit ")),
        "{screen}"
    );
    assert!(!screen.contains('…') || screen.contains("1…9"), "{screen}");
    assert_eq!(help::max_scroll(&r.state), 0);
    // Nothing to scroll: `j` stays at the top.
    r.keys("j");
    assert_eq!(r.state.overlay(), Some(&Overlay::Help { scroll: 0 }));
}

#[test]
fn the_digits_are_one_row() {
    let lines = help::lines(&Keymap::default_keymap());
    let digits: Vec<_> = lines
        .iter()
        .filter(|(l, _)| l.contains("go to section"))
        .collect();
    assert_eq!(digits.len(), 1, "{digits:?}");
    assert!(digits[0].0.trim_start().starts_with("1…9 "), "{digits:?}");
}

#[test]
fn digits_bound_elsewhere_stay_rows_of_their_own() {
    let mut keymap = Keymap::default_keymap();
    keymap
        .merge_str(
            "[keys.global]\n\"5\" = \"noop\"\n\"x\" = \"goto-section-5\"\n",
            "c.toml",
        )
        .unwrap();
    let lines = help::lines(&keymap);
    let rows: Vec<&str> = lines
        .iter()
        .map(|(l, _)| l.trim())
        .filter(|l| l.contains("go to section"))
        .collect();
    assert_eq!(
        rows,
        [
            "1…4              go to section N (1 2: the 12th)",
            "x                go to section 5",
            "6…9              go to section N (1 2: the 12th)"
        ]
    );
}

#[test]
fn at_80_by_24_it_scrolls_to_the_last_row_and_no_further() {
    let mut r = Reader::new(80, 24);
    r.keys("?");
    let max = help::max_scroll(&r.state);
    assert!(max > 0);
    let layout = help::state_layout(&r.state);
    assert_eq!(layout.max_scroll(), max);
    r.keys(&"j".repeat(max + 10));
    assert_eq!(
        r.state.overlay(),
        Some(&Overlay::Help { scroll: max as u16 })
    );
    // The last row of the layout is the last row inside the popup.
    let last = &layout.rows.last().unwrap()[0].0;
    let screen = r.screen();
    assert!(screen.contains(last.trim()), "{last:?}\n{screen}");
    r.keys("k");
    assert!(!r.screen().contains(last.trim()), "{}", r.screen());
}

#[test]
fn two_columns_from_100_columns_one_below() {
    let keymap = Keymap::default_keymap();
    let wide = help::layout(&keymap, 120, 39);
    assert!(wide.rows.iter().any(|r| r.len() == 2));
    assert!(wide.width <= 120);
    let narrow = help::layout(&keymap, 99, 39);
    assert!(narrow.rows.iter().all(|r| r.len() == 1));
    assert!(narrow.max_scroll() > 0);
}

/// Keys never run into the descriptions' column: where a binding has more
/// keys than the column holds (`f Ctrl-f PgDn Space`), they wrap under
/// themselves, so every description of a column starts where the others do.
#[test]
fn descriptions_start_in_one_column_however_many_keys() {
    let keymap = Keymap::default_keymap();
    for (w, h) in [(120, 39), (80, 23), (60, 19)] {
        let layout = help::layout(&keymap, w, h);
        let offset = usize::from(layout.column_offset);
        for row in &layout.rows {
            for (i, (cell, heading)) in row.iter().enumerate() {
                let chars: Vec<char> = cell.chars().collect();
                if *heading || chars.len() < 20 {
                    continue;
                }
                // `  keys…(16)` then a space: the description at 19.
                assert_eq!(chars[18], ' ', "{w}×{h} column {i} (at {offset}): {cell:?}");
                assert_ne!(chars[19], ' ', "{w}×{h} column {i}: {cell:?}");
            }
        }
        let page = layout
            .rows
            .iter()
            .position(|r| r[0].0.contains("page down"));
        let page = page.unwrap_or_else(|| panic!("{w}×{h}: no page down"));
        assert!(
            layout.rows[page + 1][0].0.trim() == "Space",
            "{:?}",
            layout.rows[page + 1]
        );
    }
}

/// The help pages as a pager does, by the global keys for pages and ends,
/// which its title names; `G` is its last row, `g` its first.
#[test]
fn the_help_pages_and_goes_to_its_ends_by_the_global_keys() {
    let mut r = Reader::new(60, 20);
    r.keys("?");
    assert!(r.screen().contains("Space pages"), "{}", r.screen());
    let max = help::max_scroll(&r.state);
    assert!(max > 20, "{max}");
    let at = |r: &Reader| match r.state.overlay() {
        Some(Overlay::Help { scroll }) => usize::from(*scroll),
        other => panic!("{other:?}"),
    };
    r.keys(" ");
    let page = at(&r);
    assert!((10..20).contains(&page), "{page}");
    r.keys("b");
    assert_eq!(at(&r), 0);
    r.keys("G");
    assert_eq!(at(&r), max);
    r.keys("<c-f>");
    assert_eq!(at(&r), max, "never past the end");
    r.keys("g");
    assert_eq!(at(&r), 0);
    assert_eq!(r.state.message(), None, "no key went unbound");
}
