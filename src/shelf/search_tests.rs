//! One file's hits: their places, sentences, filters and the prefilter.

use super::*;
use crate::store::codes::Code;
use crate::store::{Bookmark, DocKey, Store};
use std::fs;

fn q(text: &str) -> ShelfQuery {
    ShelfQuery::parse(text).unwrap()
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    fs::write(&path, text).unwrap();
    path
}

const PANEL: &str = "Pricing panel\n\n1. Opening\n\nANNA: Welcome to the panel. Pricing is our topic today.\n\n\
    BEN: Thanks. I think pricing will fall.\n\n2. Questions\n\nANNA: Any questions on pricing?\n";

#[test]
fn hits_carry_their_place_and_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "panel.txt", PANEL);
    let hits = search_file(&path, &q("pricing"), &Context::default()).unwrap();
    let brief: Vec<_> = (hits.iter())
        .map(|h| {
            (
                h.line,
                h.section,
                h.turn,
                h.speaker.as_deref(),
                &h.text[h.range.clone()],
                h.text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            (
                5,
                1,
                1,
                Some("ANNA"),
                "Pricing",
                "Pricing is our topic today."
            ),
            (
                7,
                1,
                2,
                Some("BEN"),
                "pricing",
                "I think pricing will fall."
            ),
            (
                11,
                2,
                1,
                Some("ANNA"),
                "pricing",
                "Any questions on pricing?"
            ),
        ]
    );
    assert_eq!(hits[2].section_title.as_deref(), Some("Questions"));
    assert_eq!(hits[1].anchor.offset, "Thanks. I think ".len());
    assert_eq!(hits[0].time, None);
    let only_ben = search_file(&path, &q("spk:ben pricing"), &Context::default()).unwrap();
    assert_eq!(only_ben.len(), 1);
    let none = search_file(&path, &q("in:*.srt pricing"), &Context::default()).unwrap();
    assert!(none.is_empty());
}

#[test]
fn timed_hits_have_the_cue_time() {
    let dir = tempfile::tempdir().unwrap();
    let srt = "1\n00:00:01,000 --> 00:00:04,000\nANNA: Hello there.\n\n\
               2\n00:01:05,000 --> 00:01:09,500\nBEN: Hello, Anna.\n";
    let path = write(&dir, "call.srt", srt);
    let hits = search_file(&path, &q("hello"), &Context::default()).unwrap();
    let times: Vec<_> = (hits.iter())
        .map(|h| (h.line, h.time, h.clock.as_deref()))
        .collect();
    assert_eq!(
        times,
        [(3, Some(1), Some("0:01")), (7, Some(65), Some("1:05"))]
    );
}

#[test]
fn after_uses_the_documents_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "d.txt", &format!("Date: 2023-05-01\n\n{PANEL}"));
    let ctx = Context::default();
    let all = search_file(&path, &q("pricing"), &ctx).unwrap().len();
    assert!(all > 0);
    assert_eq!(
        search_file(&path, &q("after:2023-05-01 pricing"), &ctx)
            .unwrap()
            .len(),
        all
    );
    assert!(
        search_file(&path, &q("after:2023-05-02 pricing"), &ctx)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn what_is_not_a_transcript_is_an_error_and_empty_is_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("a.png");
    fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let e = search_file(&png, &q("x"), &Context::default()).unwrap_err();
    assert!(e.contains("binary"), "{e}");
    let empty = write(&dir, "e.txt", "");
    assert_eq!(
        search_file(&empty, &q("x"), &Context::default()),
        Ok(Vec::new())
    );
    assert!(search_file(&dir.path().join("gone"), &q("x"), &Context::default()).is_err());
}

#[test]
fn long_sentences_are_cut_around_the_match() {
    let long = format!("{} needle {}", "a".repeat(500), "b".repeat(500));
    let at = long.find("needle").unwrap();
    let (text, r) = sentence(&long, at..at + 6);
    assert_eq!(&text[r.clone()], "needle");
    assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
    assert!(text.len() < 2 * CONTEXT + 20);
    let cjk = "中".repeat(300) + "针" + &"文".repeat(300);
    let at = cjk.find('针').unwrap();
    let (text, r) = sentence(&cjk, at..at + 3);
    assert_eq!(&text[r], "针");
}

#[test]
fn the_prefilter_never_drops_a_file_that_matches() {
    let matches = |pattern: &str, text: &str, format: Format| {
        let doc = crate::transcript::load(text.as_bytes(), &LoadOptions::default()).unwrap();
        let query = q(pattern);
        let found = !search::search_all(query.matcher(), &doc).is_empty();
        (could_match(&query, text, format), found)
    };
    // A CJK phrase wrapped over two lines, and ASCII words over two.
    let wrapped = "嘉宾：你好。\n主持人：我们今天要讨论的话题非常重要大家都很关心这个问题所以我们请来了专家讨论开源\n\
                   模型的价格问题以及它对整个行业的影响还有未来几年的发展趋势和可能出现的变化情\n\
                   况。\n嘉宾：好的，谢谢。\n主持人：好。\n";
    assert_eq!(matches("开源模型", wrapped, Format::Text), (true, true));
    let english = "BEN: Hi.\nANNA: we talk about the many ways that models are priced, and about open\n\
                   source and what it means for the people who build on these models every day\n\
                   of the week.\nBEN: ok then.\nANNA: Good.\n";
    assert_eq!(matches("open source", english, Format::Text), (true, true));
    assert_eq!(
        matches("ｏｐｅｎ ｓｏｕｒｃｅ", english, Format::Text),
        (true, true)
    );
    assert_eq!(matches("ＯＰＥＮ", english, Format::Text), (false, false));
    assert_eq!(matches("pricing", english, Format::Text), (false, false));
    assert_eq!(matches("价格", english, Format::Text), (false, false));
    // JSON may spell letters as escapes: only ASCII runs are checked.
    assert!(could_match(
        &q("价格"),
        r#"{"text": "\u4ef7\u683c"}"#,
        Format::Json
    ));
    assert!(could_match(&q("\\vpric(e|ing)"), "nothing", Format::Text));
}

#[test]
fn code_filters_keep_hits_inside_coded_bookmarks_and_their_children() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "panel.txt", PANEL);
    let dirs = DataDirs::under(&dir.path().join("data"));
    let doc = crate::transcript::load(PANEL.as_bytes(), &LoadOptions::default()).unwrap();
    let (mut store, _) = Store::open(&dirs, &DocKey::for_path(&path)).unwrap();
    // Ben's whole turn is coded with a child of "money".
    let end = doc.sections[0].turns[1].paragraphs[0].chars().count();
    let at = |offset| Anchor {
        section: 0,
        turn: 1,
        paragraph: 0,
        offset,
    };
    let b = Bookmark::fresh(
        &doc,
        Span {
            start: at(0),
            end: at(end),
        },
        "",
    )
    .unwrap();
    let id = b.id.clone();
    store.add(b).unwrap();
    store.set_code(&id, "child", true).unwrap();
    let code = |id: &str, parent: Option<&str>| Code {
        id: id.into(),
        name: id.into(),
        color: None,
        description: String::new(),
        parent: parent.map(String::from),
        used: None,
        extra: Default::default(),
    };
    let ctx = Context {
        data: Some(dirs),
        book: Codebook::new(vec![code("money", None), code("child", Some("money"))]),
        ..Context::default()
    };
    let hits = search_file(&path, &q("code:money pricing"), &ctx).unwrap();
    assert_eq!(hits.iter().map(|h| h.line).collect::<Vec<_>>(), [7]);
    assert!(
        search_file(&path, &q("code:other pricing"), &ctx)
            .unwrap()
            .is_empty()
    );
}
