//! `update` on a synthetic document: cursor movement, scrolling, sections,
//! panes and claims, with no terminal involved.

use tread::app::action::Target;
use tread::app::area::Area;
use tread::app::keymap::Keymap;
use tread::app::state::{Overlay, Viewport, Visibility};
use tread::app::{Action, Effect, Pane, State, update};
use tread::transcript::{Claim, ClaimKind, Document, Reason, Section, Turn};

/// Sections: a preamble, then `n` numbered sections of 4 turns alternating
/// Ann and Bob, 2 paragraphs each, 3 sentences per paragraph.
fn doc(n: usize) -> Document {
    let mut sections = vec![Section {
        turns: vec![turn(None, "intro", 1)],
        ..Section::default()
    }];
    for s in 1..=n {
        let turns = (0..4)
            .map(|t| {
                turn(
                    Some(if t % 2 == 0 { "Ann" } else { "Bob" }),
                    &format!("s{s}t{t}"),
                    t + 1,
                )
            })
            .collect();
        sections.push(Section {
            number: Some(format!("{s:02}")),
            title: Some(format!("Part {s}")),
            line: Some(s * 10),
            turns,
        });
    }
    Document {
        sections,
        ..Document::default()
    }
}

fn turn(speaker: Option<&str>, tag: &str, line: usize) -> Turn {
    let para = |p: usize| {
        format!(
            "This is {tag} paragraph {p} sentence one. It has a second sentence here. And a third one to end."
        )
    };
    Turn {
        speaker: speaker.map(str::to_string),
        line,
        end_line: line,
        paragraphs: vec![para(0), para(1)],
        time: None,
    }
}

fn viewport(w: u16, h: u16) -> Viewport {
    let toc = if w >= 70 {
        Area::new(0, 0, 20, h)
    } else {
        Area::default()
    };
    let claims = if w >= 100 {
        Area::new(w - 30, 0, 30, h)
    } else {
        Area::default()
    };
    let left = toc.width;
    Viewport {
        dialogue: Area::new(left, 0, w - left - claims.width, h),
        contents: toc,
        claims,
    }
}

fn app(d: Document, w: u16, h: u16) -> State {
    let mut s = State::new(d, "test", Keymap::default_keymap());
    update(&mut s, Action::Viewport(viewport(w, h)));
    s
}

/// The current sentence's first line is on screen, and all of it when it fits.
fn cursor_visible(s: &State) -> bool {
    let lines = s.lines();
    let (first, last) = lines.sentence_lines(s.cursor());
    let top = s.top_pos();
    let h = s.viewport().height();
    let fits = lines.distance(first, last, h).is_some_and(|d| d < h);
    lines.distance(top, first, h - 1).is_some()
        && (!fits || lines.distance(top, last, h - 1).is_some())
}

fn press(s: &mut State, actions: &[Action]) -> Option<Effect> {
    let mut last = None;
    for a in actions {
        last = update(s, *a);
    }
    last
}

#[test]
fn sentences_move_and_stop_at_the_ends() {
    let mut s = app(doc(2), 120, 30);
    let n = s.flow().sentences.len();
    let expected: usize = s
        .doc()
        .turns()
        .flat_map(|t| &t.paragraphs)
        .map(|p| tread::transcript::sentences::split(p).len())
        .sum();
    assert_eq!(n, expected);
    press(&mut s, &[Action::PrevSentence]);
    assert_eq!(s.cursor(), 0);
    for _ in 0..n + 5 {
        update(&mut s, Action::NextSentence);
        assert!(cursor_visible(&s), "cursor {} out of view", s.cursor());
    }
    assert_eq!(s.cursor(), n - 1);
}

#[test]
fn turns_jump_to_their_first_sentence() {
    let mut s = app(doc(1), 120, 30);
    press(&mut s, &[Action::NextTurn, Action::NextTurn]);
    assert_eq!(s.turn(), 2);
    assert_eq!(s.speaker(), Some("Bob"));
    press(&mut s, &[Action::NextSentence, Action::PrevTurn]);
    assert_eq!(
        (s.turn(), s.cursor()),
        (2, s.flow().turns[2].first_sentence as usize)
    );
    press(&mut s, &[Action::PrevTurn]);
    assert_eq!(s.turn(), 1);
}

#[test]
fn sections_jump_by_bracket_and_by_number() {
    let mut s = app(doc(3), 120, 30);
    press(&mut s, &[Action::NextSection, Action::NextSection]);
    assert_eq!(s.section(), 2);
    assert_eq!(
        s.contents().selected(),
        2,
        "the contents follow the reading position"
    );
    assert_eq!(
        s.top().block,
        s.flow().sections[2].banner as usize,
        "the banner is at the top"
    );
    press(&mut s, &[Action::PrevSection]);
    assert_eq!(s.section(), 1);
    press(&mut s, &[Action::GotoSection(3)]);
    assert_eq!(s.doc().sections[s.section()].number.as_deref(), Some("03"));
    press(&mut s, &[Action::GotoSection(0)]);
    assert_eq!(s.section(), 0);
    press(&mut s, &[Action::GotoSection(7)]);
    assert_eq!(s.section(), 0);
    assert_eq!(
        s.message(),
        Some("there is no section 7: the last is 3, and 0 the preamble")
    );
}

#[test]
fn paging_moves_the_view_and_keeps_the_cursor_in_it() {
    let mut s = app(doc(4), 80, 12);
    let mut tops = vec![s.top_pos()];
    for _ in 0..200 {
        update(&mut s, Action::PageDown);
        assert!(cursor_visible(&s));
        tops.push(s.top_pos());
    }
    assert!(
        tops.windows(2).all(|w| w[0] <= w[1]),
        "paging down never goes up"
    );
    assert_eq!(
        s.cursor(),
        s.flow().sentences.len() - 1,
        "paging reaches the end"
    );
    let end_top = s.top_pos();
    update(&mut s, Action::HalfPageUp);
    assert!(s.top_pos() < end_top);
    assert!(cursor_visible(&s));
    press(&mut s, &[Action::Top]);
    assert_eq!((s.cursor(), s.top_pos().block, s.top_pos().line), (0, 0, 0));
    press(&mut s, &[Action::Bottom]);
    assert_eq!(s.cursor(), s.flow().sentences.len() - 1);
    assert!(cursor_visible(&s));
}

#[test]
fn the_view_never_scrolls_past_the_end() {
    let mut s = app(doc(1), 80, 12);
    for _ in 0..500 {
        update(&mut s, Action::Scroll(Pane::Dialogue, 3));
    }
    let lines = s.lines();
    let d = lines.distance(s.top_pos(), lines.end(), 100).unwrap();
    assert_eq!(d, 11, "the last line sits on the bottom row");
    assert!(cursor_visible(&s));
}

#[test]
fn resizing_keeps_the_current_sentence_visible() {
    let mut s = app(doc(4), 120, 40);
    for _ in 0..57 {
        update(&mut s, Action::NextSentence);
    }
    let cursor = s.cursor();
    for (w, h) in [(60, 20), (20, 5), (200, 60), (33, 7), (120, 40)] {
        update(&mut s, Action::Viewport(viewport(w, h)));
        assert_eq!(s.cursor(), cursor);
        assert!(cursor_visible(&s), "at {w}x{h}");
    }
}

#[test]
fn focus_cycles_through_visible_panes_only() {
    let mut s = app(doc(1), 120, 30);
    assert_eq!(s.focus(), Pane::Dialogue);
    press(&mut s, &[Action::FocusNext]);
    assert_eq!(s.focus(), Pane::Claims);
    press(&mut s, &[Action::FocusNext]);
    assert_eq!(s.focus(), Pane::Contents);
    press(&mut s, &[Action::FocusPrev, Action::FocusPrev]);
    assert_eq!(s.focus(), Pane::Dialogue);

    let mut narrow = app(doc(1), 60, 30);
    press(&mut narrow, &[Action::FocusNext]);
    assert_eq!(
        narrow.focus(),
        Pane::Dialogue,
        "no side pane fits at 60 columns"
    );
}

#[test]
fn toggling_panes_hides_them_or_asks_for_an_overlay() {
    let mut s = app(doc(1), 120, 30);
    press(&mut s, &[Action::ToggleToc]);
    assert_eq!(s.contents().shown(), Visibility::Hidden);
    press(&mut s, &[Action::ToggleToc]);
    assert_eq!(s.contents().shown(), Visibility::Shown);

    let mut narrow = app(doc(1), 60, 30);
    press(&mut narrow, &[Action::ToggleClaims]);
    assert_eq!(
        narrow.claims().shown(),
        Visibility::Shown,
        "a pane without room is shown as an overlay"
    );
}

#[test]
fn contents_selection_jumps_on_activate() {
    let mut s = app(doc(3), 120, 30);
    press(&mut s, &[Action::FocusPrev]);
    assert_eq!(s.focus(), Pane::Contents);
    press(&mut s, &[Action::SelectDown, Action::SelectDown]);
    assert_eq!(s.section(), 0, "selecting does not move the reader");
    press(&mut s, &[Action::Activate]);
    assert_eq!(s.section(), 2);
    press(&mut s, &[Action::Click(Target::Section(3))]);
    assert_eq!(s.section(), 3);
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut s = app(doc(1), 120, 30);
    press(
        &mut s,
        &[Action::Help, Action::SelectDown, Action::SelectDown],
    );
    assert_eq!(s.overlay(), Some(&Overlay::Help { scroll: 2 }));
    assert_eq!(
        s.cursor(),
        0,
        "keys under the overlay do not move the reader"
    );
    press(&mut s, &[Action::CloseOverlay]);
    assert_eq!(s.overlay(), None);
}

#[test]
fn quit_and_suspend_are_effects() {
    let mut s = app(doc(1), 120, 30);
    assert_eq!(update(&mut s, Action::Quit), Some(Effect::Quit));
    assert_eq!(update(&mut s, Action::Suspend), Some(Effect::Suspend));
}

fn with_claims() -> State {
    let mut d = doc(2);
    let claim = |section, turn, paragraph, kind, score| Claim {
        section,
        turn,
        paragraph,
        start: 0,
        end: 10,
        kind,
        score,
        reason: Reason::Number,
        quantity: None,
    };
    d.claims = vec![
        claim(1, 0, 1, ClaimKind::Statistic, 1.0),
        claim(1, 2, 0, ClaimKind::Forecast, 3.0),
        claim(2, 3, 1, ClaimKind::Comparison, 2.0),
    ];
    app(d, 120, 30)
}

#[test]
fn claims_are_reached_from_anywhere_and_followed() {
    let mut s = with_claims();
    press(&mut s, &[Action::NextClaim]);
    assert_eq!(s.cursor(), s.claims().sentence_of(0).unwrap());
    assert_eq!(s.claims().selected(), 0);
    press(&mut s, &[Action::NextClaim, Action::NextClaim]);
    assert_eq!(s.cursor(), s.claims().sentence_of(2).unwrap());
    assert_eq!(s.claims().selected(), 2, "the sidebar follows the reader");
    press(&mut s, &[Action::PrevClaim]);
    assert_eq!(s.cursor(), s.claims().sentence_of(1).unwrap());
    press(&mut s, &[Action::Top, Action::PrevClaim]);
    assert_eq!(s.message(), Some("no claim before this point"));
}

#[test]
fn claims_sidebar_selects_previews_and_jumps() {
    let mut s = with_claims();
    press(&mut s, &[Action::FocusNext]);
    assert_eq!(s.focus(), Pane::Claims);
    press(&mut s, &[Action::SelectDown]);
    assert_eq!(
        s.cursor(),
        0,
        "selecting previews without moving the cursor"
    );
    assert!(s.top_pos().block > 0, "the preview scrolled the dialogue");
    press(&mut s, &[Action::Activate]);
    assert_eq!(s.cursor(), s.claims().sentence_of(1).unwrap());
    assert!(cursor_visible(&s));

    press(&mut s, &[Action::SortClaims]);
    assert_eq!(s.claims().view(), vec![1, 2, 0], "strongest first");
    press(&mut s, &[Action::SortClaims, Action::FilterClaims]);
    assert_eq!(s.claims().view(), vec![0]);
    press(&mut s, &[Action::FilterClaims]);
    assert_eq!(s.claims().view(), vec![1]);
    press(&mut s, &[Action::FilterClaims, Action::FilterClaims]);
    assert_eq!(s.claims().view().len(), 3);
}

#[test]
fn an_empty_document_is_safe_to_navigate() {
    let mut s = app(Document::default(), 80, 20);
    for a in [
        Action::NextSentence,
        Action::PrevTurn,
        Action::NextSection,
        Action::PageDown,
        Action::Bottom,
        Action::NextClaim,
        Action::FocusNext,
        Action::Activate,
        Action::Scroll(Pane::Contents, 3),
    ] {
        update(&mut s, a);
    }
    assert_eq!(s.cursor(), 0);
}
