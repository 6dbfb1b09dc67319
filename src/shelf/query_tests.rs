//! The shelf query: every filter, quoting, every error.

use super::*;
use crate::shelf::summary::DatedBy;
use crate::store::codes::Code;

fn q(text: &str) -> ShelfQuery {
    ShelfQuery::parse(text).unwrap()
}

fn err(text: &str) -> String {
    ShelfQuery::parse(text).unwrap_err().to_string()
}

#[test]
fn the_pattern_is_what_is_not_a_filter() {
    assert_eq!(q("open source").pattern(), "open source");
    assert_eq!(
        q("spk:Anna open  source in:*.txt").pattern(),
        "open  source"
    );
    assert_eq!(q("open spk:Anna source").pattern(), "open source");
    assert_eq!(q("\"spk:x y\"").pattern(), "spk:x y");
    assert_eq!(q("12:30 note:x").pattern(), "12:30 note:x");
    assert_eq!(q("say \"yes\" now").pattern(), "say \"yes\" now");
    assert_eq!(q("中文").pattern(), "中文");
    assert!(q("\\v\\d+%").matcher().is_regex());
    assert!(q("Open").matcher().is_case_sensitive());
    assert!(!q("SPK:Anna open").matcher().is_case_sensitive());
}

#[test]
fn speakers_by_whole_first_words_folded_and_narration() {
    let one = q("spk:satya x");
    assert!(one.admits_speaker(Some("Satya Nadella")));
    assert!(!one.admits_speaker(Some("Sat Nadella")));
    assert!(!one.admits_speaker(None));
    let full = q("spk:\"Satya Nadella\" x");
    assert!(full.admits_speaker(Some("SATYA  NADELLA")));
    assert!(!full.admits_speaker(Some("Satya")));
    let width = q("speaker:ＡＮＮＡ x");
    assert!(width.admits_speaker(Some("anna")));
    let cjk = q("spk:王小明 x");
    assert!(cjk.admits_speaker(Some("王小明")));
    assert!(!cjk.admits_speaker(Some("王小")));
    let either = q("spk:anna spk:- x");
    assert!(either.admits_speaker(Some("Anna")) && either.admits_speaker(None));
    assert!(!either.admits_speaker(Some("Ben")));
    assert!(q("x").admits_speaker(Some("anyone")));
}

#[test]
fn in_globs_match_the_name_or_the_end_of_the_path() {
    let srt = q("in:*.srt x");
    assert!(srt.admits_path(Path::new("a/b/call.srt")));
    assert!(srt.admits_path(Path::new("CALL.SRT")));
    assert!(!srt.admits_path(Path::new("a/call.srt.txt")));
    let sub = q("in:sub/*.txt x");
    assert!(sub.admits_path(Path::new("shelf/sub/a.txt")));
    assert!(!sub.admits_path(Path::new("shelf/sub/deeper/a.txt")));
    assert!(!sub.admits_path(Path::new("shelf/a.txt")));
    let upper = q("in:Notes* x");
    assert!(!upper.admits_path(Path::new("notes.txt")));
    assert!(upper.admits_path(Path::new("Notes.txt")));
    let either = q("in:*.srt in:*.vtt x");
    assert!(either.admits_path(Path::new("a.vtt")) && either.admits_path(Path::new("a.srt")));
}

#[test]
fn after_takes_that_day_and_later() {
    let after = q("after:2024-03-05 x");
    assert_eq!(after.after(), Some("2024-03-05"));
    assert!(after.admits_date(Some("2024-03-05")));
    assert!(after.admits_date(Some("2025-01-01")));
    assert!(!after.admits_date(Some("2024-03-04")));
    assert!(!after.admits_date(None));
    assert!(q("x").admits_date(None));
}

#[test]
fn codes_are_checked_against_the_book() {
    let query = q("code:pricing code:\"cost cuts\" x");
    assert_eq!(query.codes(), ["pricing", "cost cuts"]);
    let code = |name: &str| Code {
        id: name.into(),
        name: name.into(),
        color: None,
        description: String::new(),
        parent: None,
        used: None,
        extra: Default::default(),
    };
    assert_eq!(
        query.check(&Codebook::new(vec![code("Pricing")])),
        Err(QueryError::UnknownCode("cost cuts".into()))
    );
    assert_eq!(
        query.check(&Codebook::new(vec![code("pricing"), code("cost cuts")])),
        Ok(())
    );
}

#[test]
fn admits_decides_what_a_summary_can() {
    let summary = |speakers: &[&str], complete: bool| Summary {
        title: "t".into(),
        date: Some("2024-05-01".into()),
        dated_by: DatedBy::Meta,
        format: "text".into(),
        speakers: speakers.iter().map(|s| s.to_string()).collect(),
        turns: 3,
        duration: None,
        bytes: 10,
        complete,
        problem: None,
        doc_hash: None,
    };
    let path = Path::new("dir/a.txt");
    let query = q("spk:anna in:*.txt after:2024-01-01 x");
    assert!(query.admits(path, &summary(&["Anna Lee"], true)));
    assert!(!query.admits(path, &summary(&["Ben"], true)));
    // A head's speakers are not all the speakers.
    assert!(query.admits(path, &summary(&["Ben"], false)));
    assert!(!query.admits(Path::new("a.md"), &summary(&["Anna"], true)));
    assert!(!q("after:2024-06-01 x").admits(path, &summary(&[], true)));
    let mut broken = summary(&[], true);
    broken.problem = Some("binary".into());
    assert!(!q("x").admits(path, &broken));
}

#[test]
fn every_error_is_one_line() {
    for (text, want) in [
        ("", "nothing to search for"),
        ("spk:Anna", "nothing to search for"),
        ("\"\"", "nothing to search for"),
        ("spk: x", "spk: needs a value"),
        ("code:\"\" x", "code: needs a value"),
        ("\"open source", "unbalanced quote in the query"),
        (
            "after:2024-13-01 x",
            "after: takes a date as YYYY-MM-DD, not \"2024-13-01\"",
        ),
        (
            "after:yesterday x",
            "after: takes a date as YYYY-MM-DD, not \"yesterday\"",
        ),
        (
            "after:2024-1-01 x",
            "after: takes a date as YYYY-MM-DD, not \"2024-1-01\"",
        ),
        (
            "after:2024-01-01 after:2024-02-01 x",
            "after: is given twice",
        ),
    ] {
        assert_eq!(err(text), want, "{text}");
    }
    let glob = err("in:[a x");
    assert!(
        glob.starts_with("in: cannot use the glob \"[a\": "),
        "{glob}"
    );
    let regex = err("\\v(open");
    assert!(regex.starts_with("invalid regex: "), "{regex}");
    for text in [glob, regex] {
        assert!(!text.contains('\n'), "{text}");
    }
}
