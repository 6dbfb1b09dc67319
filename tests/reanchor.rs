//! Re-anchoring keeps the speaker: a bookmarked quote follows its words
//! through edits, but never moves to another speaker's words. The
//! similarity threshold (`FUZZY_THRESHOLD`, bigram Dice 0.6) is tested on
//! both sides. The same edits made to parsed text check the citation: the
//! line and section follow the quote, changed words are shown as changed.

mod cite_support;

use proptest::prelude::*;
use tread::store::anchor::{Anchor, FUZZY_THRESHOLD, Span, span_text};
use tread::store::cite::{Citer, Status};
use tread::store::{Bookmark, Resolution, resolve};
use tread::transcript::{Document, Section, Turn};

/// Sections of turns of paragraphs: `(speaker, paragraphs)`.
fn doc(sections: &[&[(Option<&str>, &[&str])]]) -> Document {
    let sections = sections
        .iter()
        .map(|turns| Section {
            turns: turns
                .iter()
                .enumerate()
                .map(|(i, (speaker, paras))| Turn {
                    speaker: speaker.map(str::to_string),
                    line: i + 1,
                    end_line: i + 1,
                    paragraphs: paras.iter().map(|p| p.to_string()).collect(),
                    time: None,
                })
                .collect(),
            ..Section::default()
        })
        .collect();
    Document {
        sections,
        ..Document::default()
    }
}

fn at(section: usize, turn: usize, paragraph: usize, offset: usize) -> Anchor {
    Anchor {
        section,
        turn,
        paragraph,
        offset,
    }
}

/// A bookmark on a whole paragraph.
fn mark(d: &Document, section: usize, turn: usize, paragraph: usize) -> Bookmark {
    let len = d.sections[section].turns[turn].paragraphs[paragraph]
        .chars()
        .count();
    let span = Span {
        start: at(section, turn, paragraph, 0),
        end: at(section, turn, paragraph, len),
    };
    Bookmark::fresh(d, span, "").unwrap()
}

fn speaker_at(d: &Document, r: &Resolution) -> Option<Option<String>> {
    let s = r.span()?;
    Some(
        d.sections[s.start.section].turns[s.start.turn]
            .speaker
            .clone(),
    )
}

fn base() -> Document {
    doc(&[&[
        (Some("Ana"), &["Are we shipping on Friday?"]),
        (
            Some("Ben"),
            &["Not yet.", "The installer still fails on older laptops."],
        ),
        (
            Some("Ana"),
            &["Then we wait until it works on older laptops."],
        ),
    ]])
}

#[test]
fn a_deleted_sentence_detaches_rather_than_moving_to_a_neighbour() {
    let d = base();
    let b = mark(&d, 0, 1, 0);
    let mut e = d.clone();
    e.sections[0].turns[1].paragraphs.remove(0);
    assert_eq!(resolve(&e, &b), Resolution::Detached);
}

#[test]
fn another_speakers_similar_words_are_no_match() {
    let d = base();
    let b = mark(&d, 0, 1, 1);
    let mut e = d.clone();
    // Ben's sentence is gone; Ana now says nearly the same words.
    e.sections[0].turns[1].paragraphs.remove(1);
    e.sections[0].turns[2].paragraphs[0] = "The installer still fails on older laptops.".into();
    assert_eq!(resolve(&e, &b), Resolution::Detached);
    // Even an exact copy in another turn of another speaker is not it.
    let mut e = d.clone();
    e.sections[0].turns[1].paragraphs[0] = "Yes.".into();
    e.sections[0].turns[0].paragraphs.push("Not yet.".into());
    let b = mark(&d, 0, 1, 0);
    assert_eq!(resolve(&e, &b), Resolution::Detached);
}

#[test]
fn a_typo_fixed_inside_the_quote_follows_as_changed() {
    let d = doc(&[&[
        (Some("Ana"), &["Why now?"]),
        (
            Some("Ben"),
            &["Because the installer stil fails on older laptops."],
        ),
    ]]);
    let b = mark(&d, 0, 1, 0);
    let mut e = d.clone();
    e.sections[0].turns[1].paragraphs[0] =
        "Because the installer still fails on older laptops.".into();
    let r = resolve(&e, &b);
    assert!(matches!(r, Resolution::Fuzzy(_)), "{r:?}");
    assert_eq!(speaker_at(&e, &r), Some(Some("Ben".into())));
    assert_eq!(
        span_text(&e, &r.span().unwrap()).unwrap(),
        "Because the installer still fails on older laptops."
    );
}

#[test]
fn text_inserted_before_the_quote_moves_it_unchanged() {
    let d = base();
    let b = mark(&d, 0, 1, 1);
    let mut e = d.clone();
    e.sections[0].turns[1]
        .paragraphs
        .insert(0, "Let me think.".into());
    e.sections[0]
        .turns
        .insert(0, d.sections[0].turns[2].clone());
    let r = resolve(&e, &b);
    assert!(matches!(r, Resolution::Moved(_)), "{r:?}");
    assert_eq!(speaker_at(&e, &r), Some(Some("Ben".into())));
}

#[test]
fn a_turn_moved_to_another_section_is_followed() {
    let d = base();
    let b = mark(&d, 0, 1, 1);
    let mut e = d.clone();
    let turn = e.sections[0].turns.remove(1);
    e.sections.push(Section {
        title: Some("Later".into()),
        turns: vec![turn],
        ..Section::default()
    });
    let r = resolve(&e, &b);
    let s = r.span().expect("found");
    assert_eq!((s.start.section, s.start.turn), (1, 0));
    assert_eq!(speaker_at(&e, &r), Some(Some("Ben".into())));
}

#[test]
fn the_threshold_holds_on_both_sides() {
    assert!((FUZZY_THRESHOLD - 0.6).abs() < f64::EPSILON);
    let quote = "the installer still fails on older laptops";
    let d = doc(&[&[(Some("Ben"), &[quote])]]);
    let b = mark(&d, 0, 0, 0);
    // One word changed: well above the threshold, followed.
    let close = doc(&[&[(Some("Ben"), &["the installer still fails on old laptops"])]]);
    assert!(matches!(resolve(&close, &b), Resolution::Fuzzy(_)));
    // The same topic in other words: below it, detached.
    let far = doc(&[&[(
        Some("Ben"),
        &["older laptops cannot run the new setup tool"],
    )]]);
    assert_eq!(resolve(&far, &b), Resolution::Detached);
}

/// Ben's turn, hard-wrapped, with the quote on its second line.
const BEFORE: &str = "Ana: Are we shipping on Friday? The board keeps asking me\n\
                      and I would like to give them a straight answer today.\n\n\
                      Ben: Not yet, and I am sorry about that. The installer stil\n\
                      fails on older laptops. Every one of them stops in the same\n\
                      driver step, and nobody has found a fix for it so far.\n\n\
                      Ana: Then we wait until it works on the older laptops, and\n\
                      we tell the board exactly that when it meets next Monday.\n";

const QUOTE: &str = "Every one of them stops in the same driver step";

fn cited(before: &str, after: &str, quote: &str) -> tread::store::Citation {
    let d = cite_support::parse(before, "txt");
    let b = cite_support::mark(&d, quote);
    let e = cite_support::parse(after, "txt");
    Citer::new(&e).cite(&b)
}

#[test]
fn citation_of_a_deleted_sentence_is_detached_with_what_was_saved() {
    let after = BEFORE.replace(" Every one of them stops in the same\n", "\n");
    let after = after.replace("driver step, and nobody", "Nobody");
    let c = cited(BEFORE, &after, QUOTE);
    assert_eq!(c.status, Status::Detached);
    assert_eq!((c.speaker.as_deref(), c.first_line), (Some("Ben"), 5));
    assert_eq!((c.quote.as_str(), c.span), (QUOTE, None));
}

#[test]
fn citation_never_attaches_to_a_neighbours_similar_words() {
    let after = BEFORE
        .replace(" Every one of them stops in the same\n", "\n")
        .replace("driver step, and nobody", "Nobody")
        .replace(
            "Ana: Then we wait",
            "Ana: Every one of them stops in the same driver step. Then we wait",
        );
    let c = cited(BEFORE, &after, QUOTE);
    assert_eq!(
        (c.status, c.speaker.as_deref()),
        (Status::Detached, Some("Ben"))
    );
}

#[test]
fn citation_of_a_quote_with_a_typo_fixed_is_changed_with_both_words() {
    let quote = "The installer stil fails on older laptops.";
    let after = BEFORE.replace("installer stil\n", "installer still\n");
    let c = cited(BEFORE, &after, quote);
    assert_eq!(c.status, Status::Changed);
    assert_eq!(c.quote, quote);
    assert_eq!(
        c.current
            .as_deref()
            .map(tread::store::anchor::normalize)
            .as_deref(),
        Some("The installer still fails on older laptops.")
    );
    assert_eq!(
        (c.speaker.as_deref(), c.lines_label().as_str()),
        (Some("Ben"), "lines 4–5")
    );
}

#[test]
fn citation_follows_text_inserted_before_it_to_its_new_line() {
    let before_line = cited(BEFORE, BEFORE, QUOTE);
    assert_eq!(
        (before_line.status, before_line.first_line),
        (Status::Exact, 5)
    );
    let after = BEFORE.replace("Ben: Not yet", "Cy: One more thing.\n\nBen: Not yet");
    let c = cited(BEFORE, &after, QUOTE);
    assert_eq!((c.status, c.current.as_deref()), (Status::Moved, None));
    assert_eq!(
        (c.speaker.as_deref(), c.lines_label().as_str()),
        (Some("Ben"), "lines 7–8")
    );
}

#[test]
fn citation_follows_a_turn_moved_into_another_section() {
    let (head, rest) = BEFORE.split_once("Ben: ").unwrap();
    let (ben, tail) = rest.split_once("\n\n").unwrap();
    let after = format!("{head}{tail}\n## Laptops\n\nBen: {ben}\n");
    let c = cited(BEFORE, &after, QUOTE);
    assert_eq!(c.status, Status::Moved);
    assert_eq!(
        (c.section.index, c.section.label.as_str()),
        (1, "§2 Laptops")
    );
    assert_eq!((c.speaker.as_deref(), c.first_line), (Some("Ben"), 10));
}

/// An edit of a generated dialogue: delete, insert or replace a paragraph,
/// or swap two turns.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Insert(usize, String),
    Replace(usize, String),
    Swap(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let words = prop::sample::select(vec![
        "not yet.",
        "the installer fails.",
        "yes, ship it.",
        "older laptops",
        "we wait.",
    ]);
    prop_oneof![
        (0..12usize).prop_map(Edit::Delete),
        (0..12usize, words.clone()).prop_map(|(i, w)| Edit::Insert(i, w.into())),
        (0..12usize, words).prop_map(|(i, w)| Edit::Replace(i, w.into())),
        (0..6usize, 0..6usize).prop_map(|(a, b)| Edit::Swap(a, b)),
    ]
}

fn apply(d: &mut Document, e: &Edit) {
    let turns = &mut d.sections[0].turns;
    let n = turns.len();
    match e {
        Edit::Delete(i) => {
            let t = &mut turns[i % n];
            if !t.paragraphs.is_empty() {
                let k = i % t.paragraphs.len();
                t.paragraphs.remove(k);
            }
        }
        Edit::Insert(i, w) => turns[i % n].paragraphs.insert(0, w.clone()),
        Edit::Replace(i, w) => {
            let t = &mut turns[i % n];
            if let Some(p) = t.paragraphs.first_mut() {
                *p = w.clone();
            }
        }
        Edit::Swap(a, b) => turns.swap(a % n, b % n),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_reanchored_quote_keeps_its_speaker(
        lines in prop::collection::vec(
            (0..3usize, prop::sample::select(vec![
                "not yet.", "the installer fails.", "yes, ship it.", "we wait.",
                "older laptops still fail.", "then we wait.",
            ])),
            2..6,
        ),
        which in 0..6usize,
        edits in prop::collection::vec(edit(), 1..5),
    ) {
        let names = ["Ana", "Ben", "Cy"];
        let turns: Vec<(Option<&str>, Vec<&str>)> =
            lines.iter().map(|(s, t)| (Some(names[*s]), vec![*t])).collect();
        let parts: Vec<(Option<&str>, &[&str])> =
            turns.iter().map(|(s, p)| (*s, p.as_slice())).collect();
        let d = doc(&[&parts]);
        let t = which % parts.len();
        let b = mark(&d, 0, t, 0);
        let mut e = d.clone();
        for ed in &edits {
            apply(&mut e, ed);
        }
        let r = resolve(&e, &b);
        if let Some(found) = speaker_at(&e, &r) {
            prop_assert_eq!(found, b.speaker.clone(), "{:?}", r);
        }
    }
}
