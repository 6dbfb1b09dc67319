//! Whole screens of the reader on the sample, as a terminal would show
//! them. Styles are checked in `reader.rs` and `widgets.rs`; these pin the
//! layout and the text.

mod support;

use support::app::Reader;

fn screen(w: u16, h: u16, keys: &str) -> String {
    let mut r = Reader::new(w, h);
    r.keys(keys);
    r.screen()
}

#[test]
fn first_frame_three_panes() {
    insta::assert_snapshot!(screen(120, 30, ""));
}

#[test]
fn section_one_after_bracket() {
    insta::assert_snapshot!(screen(120, 30, "]"));
}

#[test]
fn two_panes_at_80_columns_mid_section() {
    insta::assert_snapshot!(screen(80, 24, "]]JJjj"));
}

#[test]
fn dialogue_alone_at_50_columns_with_claims_overlay() {
    insta::assert_snapshot!(screen(50, 20, "3c"));
}

#[test]
fn help_overlay() {
    insta::assert_snapshot!(screen(100, 50, "?"));
}

#[test]
fn too_small() {
    insta::assert_snapshot!(screen(19, 5, ""));
}

#[test]
fn claims_ledger_statuses_note_and_progress() {
    // Claims pane: the first checked, the second false, the third needing
    // a source with a note; the selected one shows its note.
    insta::assert_snapshot!(screen(120, 30, "<tab>cjxjseto ask for the table<enter>"));
}

#[test]
fn claims_ledger_filtered_by_status() {
    // Only the false ones (unchecked, checked, disputed, false).
    insta::assert_snapshot!(screen(120, 30, "<tab>cjxVVVV"));
}
