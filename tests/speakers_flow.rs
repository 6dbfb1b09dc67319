//! One speaker at a time, turn-by-speaker moves, and the jump list.

mod support;

use support::app::Reader;

#[test]
fn picking_one_speaker_folds_every_other_turn_to_a_stub() {
    let mut r = Reader::new(100, 30);
    r.keys("s");
    let screen = r.screen();
    assert!(screen.contains("All speakers"), "{screen}");
    let row = screen
        .lines()
        .find(|l| l.contains("纳德拉") && l.contains("turns"))
        .unwrap();
    assert!(row.contains("13 turns") && row.contains('%'), "{row}");
    r.keys("jj<enter>");
    assert_eq!(r.state.view().speaker_filter(), Some(1));
    assert!(r.row(29).contains("only 纳德拉"), "{}", r.row(29));

    let zuck: Vec<String> = r
        .state
        .doc()
        .turns()
        .filter(|t| t.speaker.as_deref() == Some("扎克伯格"))
        .flat_map(|t| t.paragraphs.clone())
        .collect();
    let mut stubs = 0;
    let mut seen_top = None;
    loop {
        // The dialogue pane only: the claims sidebar may quote anyone.
        let d: ratatui::layout::Rect = r.state.viewport().dialogue.into();
        let pane: Vec<String> = (d.top()..d.bottom())
            .map(|y| {
                r.cells(y)
                    .filter(|&x| x >= d.left() && x < d.right())
                    .map(|x| r.buffer()[(x, y)].symbol().to_string())
                    .collect()
            })
            .collect();
        for line in &pane {
            assert!(!line.starts_with("扎克伯格"), "a full turn: {line}");
            stubs += usize::from(line.starts_with("… 扎克伯格 · "));
        }
        let text = pane.join("\n");
        for p in &zuck {
            let head: String = p.chars().take(12).collect();
            assert!(!text.contains(&head), "扎克伯格's text shows: {head}");
        }
        assert_eq!(r.state.speaker(), Some("纳德拉"));
        if seen_top == Some(r.state.top()) {
            break;
        }
        seen_top = Some(r.state.top());
        r.keys(" ");
    }
    assert!(stubs >= 10, "{stubs} stubs");

    // Sentence by sentence, the cursor never lands in a folded turn.
    r.keys("g");
    for _ in 0..200 {
        r.keys("j");
        assert_eq!(r.state.speaker(), Some("纳德拉"));
    }

    // `s` then Esc shows everyone again.
    r.keys("s<esc>");
    assert_eq!(r.state.view().speaker_filter(), None);
    assert!(r.screen().contains("扎克伯格"));
}

#[test]
fn w_and_capital_w_go_to_the_same_speakers_turns() {
    let mut r = Reader::new(100, 30);
    r.keys("]J");
    assert_eq!(r.state.speaker(), Some("纳德拉"));
    let t = r.state.turn();
    r.keys("w");
    assert_eq!(r.state.speaker(), Some("纳德拉"));
    assert_eq!(r.state.turn(), t + 2);
    r.keys("W");
    assert_eq!(r.state.turn(), t);
}

#[test]
fn ctrl_o_goes_back_through_jumps_and_ctrl_i_forward() {
    let mut r = Reader::new(100, 30);
    r.keys("]]");
    assert_eq!(r.state.section(), 2);
    r.keys("<c-o>");
    assert_eq!(r.state.section(), 1);
    r.keys("<c-o>");
    assert_eq!(r.state.section(), 0);
    r.keys("<c-o>");
    assert!(r.row(29).contains("oldest"), "{}", r.row(29));
    r.keys("<c-i>");
    assert_eq!(r.state.section(), 1);
    r.keys("<c-n>");
    assert_eq!(r.state.section(), 2);

    // A search and G are jumps too.
    r.keys("G/蒸馏<enter>");
    let found = r.state.cursor();
    r.keys("<c-o>");
    assert_eq!(r.state.cursor(), r.state.flow().sentences.len() - 1);
    r.keys("<c-i>");
    assert_eq!(r.state.cursor(), found);
}
