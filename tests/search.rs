//! The search engine: folding, smart case, CJK, regexes, wrap-around and incremental scanning.

use proptest::prelude::*;
use tread::transcript::search::{Hit, Lookup, Matcher, Pos, Search, SearchError, search_all};
use tread::transcript::{Document, Section, Turn};

/// The original text of each match of `query` in `text`.
fn matches<'t>(query: &str, text: &'t str) -> Vec<&'t str> {
    let m = Matcher::new(query, false).expect("valid query");
    m.find_iter(text)
        .into_iter()
        .map(|r| text.get(r).expect("char boundaries"))
        .collect()
}

/// A document of sections of turns `(speaker, paragraphs)`.
fn doc(sections: &[&[(Option<&str>, &[&str])]]) -> Document {
    Document {
        sections: sections
            .iter()
            .map(|turns| Section {
                turns: turns
                    .iter()
                    .map(|(speaker, paras)| Turn {
                        speaker: speaker.map(str::to_string),
                        paragraphs: paras.iter().map(|p| p.to_string()).collect(),
                        ..Turn::default()
                    })
                    .collect(),
                ..Section::default()
            })
            .collect(),
        ..Document::default()
    }
}

#[test]
fn full_width_and_half_width_forms_are_equal() {
    let table: &[(&str, &str, &[&str])] = &[
        ("AI", "Meta ＡＩ App", &["ＡＩ"]),
        ("ＡＩ", "Meta AI App", &["AI"]),
        ("ai", "ＡＩ与ai", &["ＡＩ", "ai"]),
        ("10%", "占比１０％左右", &["１０％"]),
        ("１０％", "占比10%左右", &["10%"]),
        ("2026", "到２０２６年", &["２０２６"]),
        (",", "你好，世界", &["，"]),
        ("，", "a, b", &[","]),
        ("%", "２０％-３０％", &["％", "％"]),
        ("a b", "a\u{3000}b", &["a\u{3000}b"]),
        ("　", "x y", &[" "]),
        ("カタカナ", "ｶﾀｶﾅ", &["ｶﾀｶﾅ"]),
        ("ガ", "ｶﾞ", &["ｶﾞ"]),
        ("株式会社", "㍿", &["㍿"]),
        ("fi", "ﬁnd", &["ﬁ"]),
        ("é", "cafe\u{301}", &["e\u{301}"]),
    ];
    for (query, text, want) in table {
        assert_eq!(&matches(query, text), want, "{query:?} in {text:?}");
    }
}

#[test]
fn smart_case() {
    assert_eq!(matches("ai", "AI Ai aI ai"), ["AI", "Ai", "aI", "ai"]);
    assert_eq!(matches("AI", "AI Ai aI ai"), ["AI"]);
    assert_eq!(matches("ＡＩ", "ai"), Vec::<&str>::new());
    assert_eq!(matches("école", "ÉCOLE"), ["ÉCOLE"]);
    assert!(Matcher::new("Llama", false).unwrap().is_case_sensitive());
    assert!(
        !Matcher::new("llama 模型", false)
            .unwrap()
            .is_case_sensitive()
    );
    // In a regex, escapes are not upper-case letters.
    assert!(
        !Matcher::new(r"\v\Sai\D", false)
            .unwrap()
            .is_case_sensitive()
    );
    assert!(Matcher::new(r"\vA.", false).unwrap().is_case_sensitive());
}

#[test]
fn cjk_substrings_need_no_word_boundaries() {
    assert_eq!(matches("蒸馏", "把大模型蒸馏成更小的模型"), ["蒸馏"]);
    assert_eq!(matches("模型", "大模型蒸馏成更小的模型"), ["模型", "模型"]);
    assert_eq!(matches("llama", "Meta的Llama 4系列模型"), ["Llama"]);
    assert_eq!(matches("的Llama 4", "Meta的Llama 4系列"), ["的Llama 4"]);
}

#[test]
fn offsets_slice_the_original_text() {
    let text = "纳德拉说，代码可能有２０％-３０％是由ＡＩ编写；㍿与ﬁne、ｶﾞ。AI";
    for query in [
        "ai",
        "ＡＩ",
        "20%",
        "％",
        "株式",
        "fi",
        "ガ",
        "，代码",
        "编写;",
    ] {
        let m = Matcher::new(query, false).unwrap();
        let ranges = m.find_iter(text);
        assert!(!ranges.is_empty(), "{query:?}");
        for r in ranges {
            let slice = text.get(r.clone()).expect("char boundaries");
            assert!(m.is_match(slice), "{query:?} at {r:?} is {slice:?}");
        }
    }
}

#[test]
fn regex_mode() {
    let m = Matcher::new(r"\v\d+%", false).unwrap();
    assert!(m.is_regex());
    let text = "有２０％-30%是";
    let found: Vec<_> = m.find_iter(text).into_iter().map(|r| &text[r]).collect();
    assert_eq!(found, ["２０％", "30%"]);
    // The toggle does the same as the prefix.
    assert_eq!(
        Matcher::new(r"\d+%", true).unwrap().find_iter(text).len(),
        2
    );
    // Full-width punctuation in a pattern is literal, not syntax.
    let m = Matcher::new(r"\v（笑）", false).unwrap();
    assert_eq!(m.find_iter("好（笑）"), vec![3..12]);
    // Case-insensitive through the regex engine.
    let m = Matcher::new(r"\vllama\s*\d", false).unwrap();
    assert_eq!(m.find_iter("Meta的LLAMA 4"), vec![7..14]);
}

#[test]
fn invalid_regex_reports_its_error() {
    let err = Matcher::new(r"\v(abc", false).unwrap_err();
    assert_eq!(err.to_string(), "invalid regex: unclosed group");
    let SearchError::Regex { detail, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(detail.contains("(abc"));
    assert!(Matcher::new("[z-a]", true).is_err());
    assert_eq!(Matcher::new("", false).unwrap_err(), SearchError::Empty);
    assert_eq!(Matcher::new(r"\v", false).unwrap_err(), SearchError::Empty);
    // A literal query is never a regex error.
    assert!(Matcher::new("(abc", false).is_ok());
}

#[test]
fn empty_regex_matches_are_skipped() {
    let m = Matcher::new(r"\va*", false).unwrap();
    assert_eq!(m.find_iter("baaab"), vec![1..4]);
    assert!(m.find_iter("模型").is_empty());
    assert!(
        Matcher::new(r"\v^", false)
            .unwrap()
            .find_iter("abc")
            .is_empty()
    );
    assert!(
        Matcher::new(r"\v\b", false)
            .unwrap()
            .find_iter("a b")
            .is_empty()
    );
}

fn sample_doc() -> Document {
    doc(&[
        &[(None, &["模型 one", "nothing"])],
        &[
            (Some("扎克伯格"), &["模型 two", "模型 three 模型"]),
            (Some("纳德拉"), &["none"]),
        ],
        &[(Some("纳德拉"), &["last 模型"])],
    ])
}

fn found(s: &Search, l: Lookup) -> (Hit, bool) {
    match l {
        Lookup::Found { index, wrapped } => (*s.get(index).unwrap(), wrapped),
        other => panic!("{other:?}"),
    }
}

#[test]
fn next_and_prev_wrap_around_the_document() {
    let d = sample_doc();
    let mut s = Search::new(Matcher::new("模型", false).unwrap(), &d, 0);
    assert!(s.step(&d, usize::MAX));
    assert_eq!(s.count(), 5);
    let last = *s.get(4).unwrap();
    assert_eq!((last.section, last.turn, last.paragraph), (2, 0, 0));
    let (next, wrapped) = found(&s, s.next_from(Pos::after(&last)));
    assert_eq!((next, wrapped), (*s.get(0).unwrap(), true));
    let (prev, wrapped) = found(&s, s.prev_from(next.pos()));
    assert_eq!((prev, wrapped), (last, true));
    // Inside the document, no wrap; two hits in one paragraph are distinct.
    let third = *s.get(3).unwrap();
    let (n, wrapped) = found(&s, s.next_from(Pos::after(s.get(2).unwrap())));
    assert_eq!((n, wrapped), (third, false));
    assert_eq!(s.index_of(&third), Some(3));
    assert_eq!(s.in_paragraph(third.para).count(), 2);
    // One hit: n wraps onto itself.
    let mut one = Search::new(Matcher::new("last", false).unwrap(), &d, 0);
    one.finish(&d);
    let only = *one.get(0).unwrap();
    assert_eq!(found(&one, one.next_from(Pos::after(&only))), (only, true));
    // No hit at all.
    let mut none = Search::new(Matcher::new("zzz", false).unwrap(), &d, 3);
    none.finish(&d);
    assert_eq!(none.next_from(Pos::default()), Lookup::None);
    assert_eq!(none.prev_from(Pos::default()), Lookup::None);
}

#[test]
fn the_first_hit_below_the_view_comes_before_the_full_count() {
    let d = sample_doc();
    // Start at flat paragraph 3 ("模型 three 模型") and scan one paragraph.
    let mut s = Search::new(Matcher::new("模型", false).unwrap(), &d, 3);
    assert!(!s.step(&d, 1));
    let (first, wrapped) = found(&s, s.first());
    assert_eq!((first.para, first.start, wrapped), (3, 0, false));
    // Above the view is not known yet.
    assert_eq!(s.prev_from(first.pos()), Lookup::Pending);
    while !s.step(&d, 1) {}
    assert_eq!(
        s.hits().copied().collect::<Vec<_>>(),
        search_all(s.matcher(), &d)
    );
    assert_eq!(found(&s, s.prev_from(first.pos())).0.para, 2);
}

#[test]
fn counts_by_section() {
    let d = sample_doc();
    let mut s = Search::new(Matcher::new("模型", false).unwrap(), &d, 2);
    s.finish(&d);
    assert_eq!(s.counts_by_section(), [1, 3, 1]);
    let empty = Document::default();
    let mut s = Search::new(Matcher::new("x", false).unwrap(), &empty, 9);
    assert!(s.step(&empty, 0));
    assert_eq!(s.counts_by_section(), Vec::<usize>::new());
    assert_eq!(s.first(), Lookup::None);
}

const PIECES: &[&str] = &[
    "a", "A", "ｂ", "Ｂ", "ai", "ＡＩ", "1", "１", "%", "％", ",", "，", " ", "\u{3000}", "模",
    "型", "蒸馏", "㍿", "ﬁ", "f", "i", "ｶ", "ﾞ", "\u{301}", "e", "İ", "ß", "\n",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..12).prop_map(|v| v.concat())
}

fn document() -> impl Strategy<Value = Document> {
    prop::collection::vec(
        prop::collection::vec(prop::collection::vec(text(), 0..4), 0..3),
        0..4,
    )
    .prop_map(|sections| Document {
        sections: sections
            .into_iter()
            .map(|turns| Section {
                turns: turns
                    .into_iter()
                    .map(|paragraphs| Turn {
                        paragraphs,
                        ..Turn::default()
                    })
                    .collect(),
                ..Section::default()
            })
            .collect(),
        ..Document::default()
    })
}

fn query() -> impl Strategy<Value = String> {
    prop_oneof![
        text(),
        Just(r"\va+".to_string()),
        Just(r"\v[ａ-ｚ]*".to_string()),
        Just(r"\v\d|模".to_string()),
        Just(r"\v(".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn incremental_search_equals_one_shot(
        d in document(),
        q in query(),
        budget in 0usize..64,
        origin in 0usize..16,
    ) {
        let Ok(m) = Matcher::new(&q, false) else { return Ok(()); };
        let all = search_all(&m, &d);
        let mut s = Search::new(m.clone(), &d, origin);
        let mut steps = 0;
        while !s.step(&d, budget) {
            steps += 1;
            prop_assert!(steps < 10_000);
            // What is known is always in order and never claims too much.
            let _ = (s.first(), s.next_from(Pos::default()), s.prev_from(Pos::new(99, 0)));
        }
        prop_assert_eq!(s.hits().copied().collect::<Vec<_>>(), all.clone());
        prop_assert_eq!(s.counts_by_section().iter().sum::<usize>(), all.len());
        for w in all.windows(2) {
            prop_assert!(w[0].pos() < w[1].pos());
            prop_assert!(w[0].para < w[1].para || w[0].end <= w[1].start);
        }
        for h in &all {
            let text = &d.sections[h.section].turns[h.turn].paragraphs[h.paragraph];
            let slice = text.get(h.range());
            prop_assert!(slice.is_some_and(|s| !s.is_empty()));
            if !m.is_regex() {
                prop_assert!(m.is_match(slice.unwrap()), "{:?} in {:?}", slice, text);
            }
            let is_found = |l: Lookup| matches!(l, Lookup::Found { .. });
            prop_assert!(is_found(s.next_from(Pos::after(h))));
            prop_assert!(is_found(s.prev_from(h.pos())));
        }
    }
}
