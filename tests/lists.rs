//! Every list in the reader, through the real run loop: a click lands on
//! the item drawn under the pointer (found in the rendered frame), also
//! after the list has scrolled; headers, borders and blank rows take no
//! clicks; selections stop at both ends; the wheel moves an overlay's.

mod cite_support;
mod support;

use ratatui::crossterm::event::{MouseButton, MouseEventKind};
use ratatui::layout::Rect;
use support::app::{Reader, mouse};
use tread::app::Pane;
use tread::app::keymap::Keymap;
use tread::app::state::Overlay;

const CLICK: MouseEventKind = MouseEventKind::Down(MouseButton::Left);
const DOWN: MouseEventKind = MouseEventKind::ScrollDown;
const UP: MouseEventKind = MouseEventKind::ScrollUp;

fn click(r: &mut Reader, at: (u16, u16)) {
    r.input(vec![mouse(CLICK, at)]);
}

/// Row `y` within `area`'s columns as the terminal shows it, with the
/// byte offset in it where each cell starts.
fn row_in(r: &Reader, area: Rect, y: u16) -> (String, Vec<(usize, u16)>) {
    let (mut row, mut starts) = (String::new(), Vec::new());
    for x in r.cells(y).filter(|&x| x >= area.left() && x < area.right()) {
        starts.push((row.len(), x));
        row.push_str(r.buffer()[(x, y)].symbol());
    }
    (row, starts)
}

/// The cell where `needle` is first drawn inside `area`.
fn find_in(r: &Reader, area: Rect, needle: &str) -> Option<(u16, u16)> {
    (area.top()..area.bottom()).find_map(|y| {
        let (row, starts) = row_in(r, area, y);
        let at = row.find(needle)?;
        starts.iter().find(|(b, _)| *b == at).map(|&(_, x)| (x, y))
    })
}

fn found(r: &Reader, area: Rect, needle: &str) -> (u16, u16) {
    find_in(r, area, needle).unwrap_or_else(|| panic!("{needle:?} not drawn:\n{}", r.screen()))
}

/// Click where `needle` is drawn inside `area`.
fn click_on(r: &mut Reader, area: Rect, needle: &str) {
    let at = found(r, area, needle);
    click(r, at);
}

/// The box of the open overlay, found by its corners.
fn popup(r: &Reader) -> Rect {
    let screen = r.buffer().area;
    let (x, y) = found(r, screen, "┌");
    let (right, _) = found(r, Rect::new(x, y, screen.width - x, 1), "┐");
    let (_, bottom) = found(r, Rect::new(x, y, 1, screen.height - y), "└");
    Rect::new(x, y, right - x + 1, bottom - y + 1)
}

fn inner(b: Rect) -> Rect {
    Rect::new(b.x + 1, b.y + 1, b.width - 2, b.height - 2)
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect()
}

fn overlay_selected(r: &Reader) -> Option<usize> {
    match r.state.overlay() {
        Some(Overlay::Bookmarks { selected } | Overlay::Speakers { selected }) => Some(*selected),
        _ => None,
    }
}

/// Everything a click could change, the frame included.
fn snapshot(r: &Reader) -> String {
    let s = &r.state;
    let place = (s.cursor(), s.section(), s.focus());
    let lists = (s.contents().selected(), s.claims().selected());
    let shown = (s.overlay(), s.view().speaker_filter(), s.message());
    format!("{place:?} {lists:?} {shown:?}\n{}", r.screen())
}

fn assert_inert(r: &mut Reader, at: (u16, u16), what: &str) {
    let before = snapshot(r);
    click(r, at);
    assert_eq!(snapshot(r), before, "a click on {what} at {at:?}");
}

fn focus(r: &mut Reader, pane: Pane) {
    while r.state.focus() != pane {
        r.keys("<tab>");
    }
}

/// The start of section `i`'s label, as the contents pane shows it.
fn label(r: &Reader, i: usize) -> String {
    r.state.doc().sections[i].label().chars().take(5).collect()
}

/// The claims drawn in the pane: each one's tag row and its text lines.
fn drawn_claims(r: &Reader) -> Vec<(u16, Vec<String>)> {
    let pane: Rect = r.state.viewport().claims.into();
    // Right of the rule and the selection bar.
    let text = Rect::new(pane.x + 3, pane.y, pane.width - 3, pane.height);
    let kinds = ["statistic · ", "forecast · ", "comparison · "];
    let mut claims: Vec<(u16, Vec<String>)> = Vec::new();
    // Below the header, above the footer (the ledger's progress).
    for y in pane.top() + 1..pane.bottom() - 1 {
        let row = row_in(r, pane, y).0;
        let row = row.trim_start_matches(['│', ' ']);
        if kinds.iter().any(|k| row.starts_with(k)) {
            claims.push((y, Vec::new()));
        } else if row.trim_start_matches(['▌', ' ']).starts_with("why: ") {
            // The selected claim's reason, below its text.
        } else if let Some((_, lines)) = claims.last_mut().filter(|_| !row.is_empty()) {
            lines.push(row_in(r, text, y).0);
        }
    }
    claims
}

/// Click the 2nd row of the 3rd claim drawn: the claim whose text is shown
/// there is selected and the cursor on its sentence.
fn click_third_claim(r: &mut Reader) {
    let (y, shown) = drawn_claims(r).swap_remove(2);
    let (n, want) = (r.state.claims().view().len(), squeeze(&shown.concat()));
    let row = (0..n).find(|&i| claim_text(r, i) == want);
    let row = row.unwrap_or_else(|| panic!("no claim reads {want}"));
    let pane: Rect = r.state.viewport().claims.into();
    click(r, (pane.x + 5, y + 1));
    let claims = r.state.claims();
    assert_eq!(claims.selected(), row, "{}", r.screen());
    let sentence = claims.sentence_of(claims.view()[row]);
    assert_eq!(Some(r.state.cursor()), sentence);
}

/// The text of the claim on row `i` of the list, without white space.
fn claim_text(r: &Reader, i: usize) -> String {
    let doc = r.state.doc();
    squeeze(doc.claim_text(&doc.claims[r.state.claims().view()[i]]))
}

/// Bookmarks on the first sentence of the preamble, of §01 and of §02,
/// and on 纳德拉's first sentence in §02.
fn four_bookmarks(w: u16, h: u16) -> Reader {
    let mut r = Reader::new(w, h);
    r.keys("m]m]mJm");
    assert_eq!(r.state.marks().len(), 4);
    r
}

fn quote_head(r: &Reader, i: usize) -> String {
    let quote = squeeze(&r.state.marks()[i].bookmark.quote);
    quote.chars().take(8).collect()
}

#[test]
fn clicking_a_section_in_the_contents_goes_there() {
    let mut r = Reader::new(120, 30);
    r.keys("");
    let toc: Rect = r.state.viewport().contents.into();
    let third = label(&r, 3);
    click_on(&mut r, toc, &third);
    assert_eq!((r.state.section(), r.state.contents().selected()), (3, 3));
    let (_, last) = found(&r, toc, &label(&r, 4));
    assert_eq!(row_in(&r, toc, last + 1).0.trim(), "│", "{}", r.screen());
    assert_inert(&mut r, (3, last + 1), "a blank row below");
    let header = found(&r, toc, "Contents");
    assert_inert(&mut r, header, "the header");
    assert_inert(&mut r, (toc.right() - 1, 2), "the rule");
}

#[test]
fn clicking_the_second_row_of_the_third_claim_selects_it_and_goes_there() {
    let mut r = Reader::new(120, 30);
    r.keys("");
    click_third_claim(&mut r);
    let pane: Rect = r.state.viewport().claims.into();
    let header = found(&r, pane, "Claims 13");
    assert_inert(&mut r, header, "the header");
    assert_inert(&mut r, (pane.x, 5), "the rule");

    // Comparisons only: a short list, with blank rows after its last
    // claim's tag row, text and gap.
    r.keys("<tab>fff");
    let (y, lines) = drawn_claims(&r).pop().unwrap();
    let below = y + lines.len() as u16 + 2;
    assert_eq!(row_in(&r, pane, below).0.trim(), "│", "{}", r.screen());
    assert_inert(&mut r, (pane.x + 5, below), "a blank row below");
}

#[test]
fn clicking_a_bookmark_closes_the_list_on_its_sentence() {
    let mut r = four_bookmarks(120, 30);
    r.keys("'");
    let (boxed, list) = (popup(&r), inner(popup(&r)));
    let sentence = r.state.marks()[1].place.unwrap().sentence;
    assert_ne!(r.state.cursor(), sentence);
    let at = found(&r, list, &quote_head(&r, 1));
    assert_inert(&mut r, (boxed.x, at.1), "the left border");
    assert_inert(&mut r, (boxed.x + 4, boxed.y), "the title");
    let bottom = list.bottom() - 1;
    assert_eq!(row_in(&r, list, bottom).0.trim(), "", "{}", r.screen());
    assert_inert(&mut r, (list.x + 4, bottom), "a blank row below");
    click(&mut r, at);
    assert_eq!(r.state.overlay(), None, "the list closes");
    assert_eq!(r.state.cursor(), sentence);
}

#[test]
fn clicking_a_speaker_shows_only_them() {
    let mut r = Reader::new(100, 30);
    r.keys("s");
    let (boxed, list) = (popup(&r), inner(popup(&r)));
    let (x, bottom) = (boxed.x + 3, boxed.bottom());
    assert_inert(&mut r, (x, boxed.y), "the title");
    assert_inert(&mut r, (x, bottom - 1), "the bottom border");
    assert_inert(&mut r, (boxed.x, list.y + 1), "the left border");
    assert_inert(&mut r, (x, bottom), "the row below the picker");
    let speaker = r.state.flow().speakers.iter().position(|n| n == "纳德拉");
    click_on(&mut r, list, "纳德拉");
    assert_eq!(r.state.overlay(), None);
    assert_eq!(r.state.view().speaker_filter(), speaker.map(|s| s as u32));

    r.keys("s");
    let list = inner(popup(&r));
    click_on(&mut r, list, "All speakers");
    assert_eq!(r.state.view().speaker_filter(), None);
}

#[test]
fn scrolled_side_panes_click_what_they_draw() {
    // Four rows of contents for five sections: with the last selected,
    // the preamble is scrolled out of view and section 1 is drawn first.
    let mut r = Reader::new(120, 6);
    focus(&mut r, Pane::Contents);
    r.keys("jjjj");
    let toc: Rect = r.state.viewport().contents.into();
    assert_eq!(find_in(&r, toc, "Preamble"), None, "{}", r.screen());
    let at = found(&r, toc, &label(&r, 1));
    assert_eq!(at.1, toc.y + 1, "{}", r.screen());
    click(&mut r, at);
    assert_eq!(r.state.section(), 1);

    // The claims pane far down its list.
    let mut r = Reader::new(120, 30);
    focus(&mut r, Pane::Claims);
    r.keys("jjjjjjjjj");
    let top = squeeze(&drawn_claims(&r)[0].1.concat());
    assert_ne!(top, claim_text(&r, 0), "the list scrolled");
    click_third_claim(&mut r);
}

#[test]
fn scrolled_overlays_click_what_they_draw() {
    // Nine rows for four bookmarks: the first is scrolled out of view.
    let mut r = four_bookmarks(120, 12);
    r.keys("'jjjj");
    assert_eq!(overlay_selected(&r), Some(3));
    let list = inner(popup(&r));
    assert!(find_in(&r, list, &quote_head(&r, 0)).is_none());
    let top = (0..4).find_map(|i| find_in(&r, list, &quote_head(&r, i)).map(|at| (i, at)));
    let (i, at) = top.unwrap_or_else(|| panic!("no bookmark drawn:\n{}", r.screen()));
    click(&mut r, at);
    assert_eq!(r.state.overlay(), None);
    assert_eq!(r.state.cursor(), r.state.marks()[i].place.unwrap().sentence);

    // Two rows for three: with the last selected, 扎克伯格 is drawn first.
    let mut r = Reader::new(100, 5);
    r.keys("sjj");
    let list = inner(popup(&r));
    assert_eq!(find_in(&r, list, "All speakers"), None, "{}", r.screen());
    let at = found(&r, list, "扎克伯格");
    assert_eq!(at.1, list.y);
    click(&mut r, at);
    let speaker = r.state.flow().speakers.iter().position(|n| n == "扎克伯格");
    assert_eq!(r.state.view().speaker_filter(), speaker.map(|s| s as u32));
}

#[test]
fn every_list_stops_at_its_ends() {
    let mut r = Reader::new(120, 30);
    let sections = r.state.doc().sections.len();
    focus(&mut r, Pane::Contents);
    r.keys(&"j".repeat(3 * sections));
    assert_eq!(r.state.contents().selected(), sections - 1);
    r.keys(&"k".repeat(3 * sections));
    assert_eq!(r.state.contents().selected(), 0);
    r.input(vec![mouse(DOWN, (3, 3)); 3 * sections]);
    assert_eq!(r.state.contents().selected(), sections - 1);
    r.input(vec![mouse(UP, (3, 3)); 3 * sections]);
    assert_eq!(r.state.contents().selected(), 0);

    let claims = r.state.claims().view().len();
    focus(&mut r, Pane::Claims);
    r.keys(&"j".repeat(3 * claims));
    assert_eq!(r.state.claims().selected(), claims - 1);
    let shown = drawn_claims(&r).pop().unwrap().1.concat();
    let last = claim_text(&r, claims - 1);
    assert!(last.starts_with(&squeeze(&shown)), "drawn last: {shown}");
    r.keys(&"k".repeat(3 * claims));
    assert_eq!(r.state.claims().selected(), 0);
}

#[test]
fn the_wheel_moves_an_open_overlays_selection() {
    for open in ["'", "s"] {
        let mut r = four_bookmarks(120, 30);
        r.keys(&format!("g{open}"));
        let rows = match open {
            "'" => r.state.marks().len(),
            _ => r.state.flow().speakers.len() + 1,
        };
        assert_eq!(overlay_selected(&r), Some(0));
        let over = popup(&r);
        let wheel = |kind, n| vec![mouse(kind, (over.x + 4, over.y + 1)); n];
        r.input(wheel(DOWN, 1));
        assert_eq!(overlay_selected(&r), Some(1), "{open}: down");
        r.input(wheel(UP, 1));
        assert_eq!(overlay_selected(&r), Some(0), "{open}: up");
        r.input(wheel(DOWN, 4 * rows));
        assert_eq!(overlay_selected(&r), Some(rows - 1), "{open}: last");
        r.input(wheel(UP, 4 * rows));
        assert_eq!(overlay_selected(&r), Some(0), "{open}: first");
        assert!(r.state.overlay().is_some(), "the wheel leaves it open");
    }
}

#[test]
fn the_blank_row_right_below_the_last_item_takes_no_click() {
    let mut r = Reader::new(120, 30);
    r.keys("<tab>fff");
    let pane: Rect = r.state.viewport().claims.into();
    let (y, lines) = drawn_claims(&r).pop().unwrap();
    let gap = y + lines.len() as u16 + 1;
    assert_eq!(row_in(&r, pane, gap).0.trim(), "│", "{}", r.screen());
    assert_inert(&mut r, (pane.x + 5, gap), "the row below the last");

    let mut r = four_bookmarks(120, 30);
    r.keys("'");
    let list = inner(popup(&r));
    let (_, y) = found(&r, list, &quote_head(&r, 3));
    let blank = |&y: &u16| row_in(&r, list, y).0.trim().is_empty();
    let gap = (y..list.bottom()).find(blank).unwrap();
    assert_inert(&mut r, (list.x + 4, gap), "the row below the last");
}

#[test]
fn the_detached_heading_takes_no_click() {
    let (doc, marks) = cite_support::mixed();
    let keymap = Keymap::default_keymap();
    let state = support::app::started(doc, "mixed.txt", keymap, |up| up.bookmarks = marks);
    let mut r = Reader::with_state(state, 90, 30);
    r.keys("'");
    let at = found(&r, inner(popup(&r)), "Detached bookmarks");
    assert_inert(&mut r, at, "the heading");
}
