//! Citations: a quote is cited by the source line it starts on (and ends
//! on), and in timed formats by its cue's time, in plain text, Markdown,
//! SRT and WebVTT with hard-wrapped turns; the reader's list and the
//! exports agree, being made from one `Citation`.

mod cite_support;

use cite_support::{fixture, mark, mixed, parse, span_of};
use tread::app::keymap::Keymap;
use tread::app::state::State;
use tread::store::Bookmark;
use tread::store::cite::{Citer, Status, cite_span, clock};
use tread::store::codes::Codebook;
use tread::store::export::{self, DETACHED_HEADING, ExportDoc, NOW_READS};
use tread::transcript::Document;

fn lines_of(doc: &Document, needle: &str) -> String {
    cite_span(doc, &span_of(doc, needle), needle)
        .unwrap()
        .lines_label()
}

const ON_21: &str = "Every one of them fails in the same driver step.";
const ON_22: &str = "Nobody has found a fix that does not break the newer machines.";

#[test]
fn plain_text_quotes_on_two_lines_of_one_wrapped_turn_cite_their_own_lines() {
    let doc = parse(&fixture("hardwrap.txt"), "txt");
    let turn = &doc.sections[0].turns[3];
    assert_eq!((turn.line, turn.speaker.as_deref()), (20, Some("Ben")));
    assert_eq!(
        turn.paragraphs.len(),
        1,
        "the wrapped lines are one paragraph"
    );
    assert_eq!(lines_of(&doc, ON_21), "lines 21–22");
    assert_eq!(lines_of(&doc, "Every one of them"), "line 21");
    assert_eq!(lines_of(&doc, ON_22), "lines 22–23");
    assert_eq!(lines_of(&doc, "Nobody has found a fix"), "line 22");
    assert_eq!(lines_of(&doc, &format!("{ON_21} {ON_22}")), "lines 21–23");
    // The turn's first line is cited as its own.
    assert_eq!(lines_of(&doc, "The older laptops"), "line 20");
    // Untimed: no time.
    let c = cite_span(&doc, &span_of(&doc, ON_21), ON_21).unwrap();
    assert_eq!((c.time, c.place()), (None, "lines 21–22".to_string()));
}

#[test]
fn markdown_quotes_cite_their_lines_past_headings_and_labels() {
    let doc = parse(&fixture("hardwrap.md"), "md");
    let c = cite_span(&doc, &span_of(&doc, "Support tickets"), "x").unwrap();
    assert_eq!(c.section.label, "§2 Laptops");
    assert_eq!(c.speaker.as_deref(), Some("Ben"));
    assert_eq!(c.lines_label(), "line 21");
    assert_eq!(lines_of(&doc, "Nobody has found a"), "line 22");
    assert_eq!(lines_of(&doc, "Nobody has found a fix"), "lines 22–23");
    assert_eq!(lines_of(&doc, "The older laptops are"), "line 20");
    let three = "Support tickets from them doubled over the summer. Every one of \
                 them fails in the same driver step. Nobody has found a fix";
    assert_eq!(lines_of(&doc, three), "lines 21–23");
    assert_eq!(lines_of(&doc, "the team still wants"), "line 7");
}

#[test]
fn srt_quotes_cite_the_cue_they_start_in_by_time_and_line() {
    let doc = parse(&fixture("captions.srt"), "srt");
    // Three cues, one turn (the long pause starts a paragraph).
    let turns = &doc.sections[0].turns;
    assert_eq!(turns.len(), 2);
    assert_eq!(turns[0].paragraphs.len(), 2);
    let c = cite_span(&doc, &span_of(&doc, ON_21), ON_21).unwrap();
    assert_eq!(c.speaker.as_deref(), Some("Ben"));
    assert_eq!(
        (c.lines_label(), c.time_label()),
        ("lines 13–14".into(), Some("1:10".into()))
    );
    assert_eq!(c.place(), "lines 13–14, 1:10");
    let c = cite_span(&doc, &span_of(&doc, "doubled over"), "x").unwrap();
    assert_eq!(
        (c.lines_label(), c.time_label()),
        ("line 9".into(), Some("0:04".into()))
    );
    let c = cite_span(&doc, &span_of(&doc, "The older"), "x").unwrap();
    assert_eq!(
        (c.lines_label(), c.time_label()),
        ("line 3".into(), Some("0:01".into()))
    );
    let c = cite_span(&doc, &span_of(&doc, "Then we ship"), "x").unwrap();
    assert_eq!(
        (c.speaker.as_deref(), c.lines_label()),
        (Some("Ana"), "line 18".into())
    );
}

#[test]
fn vtt_quotes_cite_the_cue_they_start_in_by_time_and_line() {
    let doc = parse(&fixture("captions.vtt"), "vtt");
    let c = cite_span(&doc, &span_of(&doc, ON_21), ON_21).unwrap();
    assert_eq!(c.speaker.as_deref(), Some("Ben"));
    assert_eq!(c.place(), "lines 12–13, 1:02:03");
    let c = cite_span(&doc, &span_of(&doc, "Support tickets"), "x").unwrap();
    assert_eq!(c.place(), "line 8, 0:00:04");
    let c = cite_span(&doc, &span_of(&doc, "the real problem"), "x").unwrap();
    assert_eq!(c.place(), "line 5, 0:00:01");
}

#[test]
fn clock_is_m_ss_under_an_hour_and_h_mm_ss_from_it() {
    assert_eq!(clock(false, 0.0), "0:00");
    assert_eq!(clock(false, 70.9), "1:10");
    assert_eq!(clock(true, 70.9), "0:01:10");
    assert_eq!(clock(true, 3723.0), "1:02:03");
    assert_eq!(clock(false, -3.0), "0:00");
}

#[test]
fn a_bookmark_saves_the_lines_and_time_it_was_made_at() {
    let doc = parse(&fixture("captions.srt"), "srt");
    let b = mark(&doc, ON_21);
    assert_eq!((b.line, b.last_line, b.time), (13, Some(14), Some(70.0)));
    // Older files have neither field; they still load.
    let mut v = serde_json::to_value(&b).unwrap();
    let o = v.as_object_mut().unwrap();
    o.remove("last_line");
    o.remove("time");
    o.insert("from_the_future".into(), serde_json::json!([1, 2]));
    let old: Bookmark = serde_json::from_value(v).unwrap();
    assert_eq!((old.last_line, old.time), (None, None));
    let again = serde_json::to_value(&old).unwrap();
    assert_eq!(again["from_the_future"], serde_json::json!([1, 2]));
}

#[test]
fn the_list_and_both_exports_agree_on_every_status() {
    let (doc, marks) = mixed();
    let mut state = State::new(doc.clone(), "mixed.txt", Keymap::default_keymap());
    tread::app::update(
        &mut state,
        tread::app::action::Report::Bookmarks(marks.clone()),
    );
    let statuses: Vec<Status> = state.marks().iter().map(|m| m.citation.status).collect();
    use Status::*;
    assert_eq!(statuses, [Exact, Changed, Moved, Detached]);

    let json = export::json(&ExportDoc::new("c.txt", &doc, &marks), &Codebook::default());
    let list = json["bookmarks"].as_array().unwrap();
    assert_eq!(list.len(), state.marks().len());
    let md = export::markdown(&ExportDoc::new("c.txt", &doc, &marks), &Codebook::default());
    for (m, j) in state.marks().iter().zip(list) {
        let c = &m.citation;
        assert_eq!(j["id"], m.bookmark.id.as_str());
        assert_eq!(j["status"], c.status.as_str());
        assert_eq!(j["speaker"].as_str(), c.speaker.as_deref());
        assert_eq!(j["section"]["label"], c.section.label.as_str());
        assert_eq!(j["line"], c.first_line);
        assert_eq!(j["last_line"], c.last_line);
        assert_eq!(j["quote"], c.quote.as_str());
        assert_eq!(j["current"].as_str(), c.current.as_deref());
        // The Markdown entry carries the same words and attribution.
        assert!(md.contains(&format!("> {}", c.quote)), "{md}");
        assert!(md.contains(&c.attribution()), "{md}");
    }
    // The moved quote is cited at its new line; the changed one with both
    // its words; the detached one with what was saved, under its heading.
    let moved = &state.marks()[2].citation;
    assert_eq!(
        (moved.first_line, moved.speaker.as_deref()),
        (9, Some("Ben"))
    );
    let changed = &state.marks()[1].citation;
    assert_eq!(
        changed.current.as_deref(),
        Some("The installer still fails on older laptops.")
    );
    let block = format!(
        "> The installer stil fails on older laptops.\n\n{NOW_READS}\n\n\
         > The installer still fails on older laptops.\n\n\
         — Ben, §1 Preamble (line 3, text changed)\n"
    );
    assert!(md.contains(&block), "{md}");
    let detached = &state.marks()[3].citation;
    assert_eq!(
        (detached.speaker.as_deref(), detached.first_line),
        (Some("Cy"), 9)
    );
    let (attached, gone) = md.split_once(DETACHED_HEADING).unwrap();
    assert!(gone.contains("> The budget is gone by June."), "{md}");
    assert!(gone.contains("— Cy, §1 Preamble (line 9)"), "{md}");
    assert!(!attached.contains("budget"), "{md}");
}

#[test]
fn json_status_names_and_the_old_fuzzy_synonym() {
    assert_eq!("changed".parse::<Status>(), Ok(Status::Changed));
    assert_eq!("fuzzy".parse::<Status>(), Ok(Status::Changed));
    for s in [
        Status::Exact,
        Status::Moved,
        Status::Changed,
        Status::Detached,
    ] {
        assert_eq!(s.as_str().parse::<Status>(), Ok(s));
    }
    assert!("lost".parse::<Status>().is_err());
}

#[test]
fn a_citer_builds_no_index_for_bookmarks_that_hold() {
    let doc = parse(&fixture("hardwrap.txt"), "txt");
    let b = mark(&doc, ON_22);
    let c = Citer::new(&doc).cite(&b);
    assert_eq!(
        (c.status, c.lines_label()),
        (Status::Exact, "lines 22–23".into())
    );
    assert_eq!(c.current, None);
}

#[test]
fn accepting_new_words_is_saved_and_keeps_the_rest_of_the_bookmark() {
    use tread::app::Effect;
    use tread::app::shell::Persist;
    use tread::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.json");
    let (doc, marks) = mixed();
    let (mut store, _) = Store::open_file(path.clone(), "mixed.txt").unwrap();
    let mut typo = marks[1].clone();
    typo.note = "kept".into();
    store.add(typo.clone()).unwrap();
    let c = Citer::new(&doc).cite(&typo);
    let span = c.span.unwrap();
    let now = c.current.clone().unwrap();
    let mut persist = Persist::new(Some(store));
    let effect = Effect::AcceptQuote {
        id: typo.id.clone(),
        span,
        quote: now.clone(),
        doc_hash: tread::store::doc_hash(&doc),
    };
    assert_eq!(persist.apply(effect), None);
    let (again, _) = Store::open_file(path, "mixed.txt").unwrap();
    let b = again.get(&typo.id).unwrap();
    assert_eq!((b.quote.as_str(), b.span()), (now.as_str(), span));
    assert_eq!(
        (b.note.as_str(), &b.doc_hash),
        ("kept", &tread::store::doc_hash(&doc))
    );
    assert_eq!(Citer::new(&doc).cite(b).status, Status::Exact);
    let mut missing = again;
    assert!(!missing.accept("no-such-id", span, "x", "h").unwrap());
}
