//! The parser against hand-written fixtures (one per convention) and the
//! bundled sample.

use tread::transcript::Document;
use tread::transcript::parse::{check_lossless, parse};

fn fixture(name: &str) -> (String, Document) {
    let path = format!("{}/tests/fixtures/parse/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc = parse(&text);
    if let Err(e) = check_lossless(&text, &doc) {
        panic!("{name} is not lossless: {e}");
    }
    (text, doc)
}

fn speakers(doc: &Document) -> Vec<Option<&str>> {
    doc.turns().map(|t| t.speaker.as_deref()).collect()
}

fn headings(doc: &Document) -> Vec<(Option<&str>, Option<&str>)> {
    doc.sections
        .iter()
        .map(|s| (s.number.as_deref(), s.title.as_deref()))
        .collect()
}

fn meta(doc: &Document) -> Vec<(&str, &str)> {
    doc.metadata
        .iter()
        .map(|m| (m.key.as_str(), m.value.as_str()))
        .collect()
}

#[test]
fn sample_parses_exactly() {
    let text = include_str!("../assets/llamacon-2025.txt");
    let doc = parse(text);
    check_lossless(text, &doc).unwrap();
    assert_eq!(
        doc.title.as_deref(),
        Some("Meta、微软掌门人巅峰对话:大模型如何改变世界?")
    );
    assert_eq!(doc.title_line, Some(1));
    assert_eq!(meta(&doc), [("日期", "2025-05-08 15:19:13"), ("人气", "2")]);

    let preamble = &doc.sections[0];
    assert_eq!(
        (preamble.number.as_ref(), preamble.title.as_ref()),
        (None, None)
    );
    let [intro] = preamble.turns.as_slice() else {
        panic!(
            "preamble should be one narration turn: {:?}",
            preamble.turns
        );
    };
    assert_eq!(
        (intro.speaker.as_ref(), intro.line, intro.end_line),
        (None, 5, 17)
    );
    assert_eq!(intro.paragraphs[0], "大模型的竞争远远没有结束。");
    assert!(
        intro
            .paragraphs
            .iter()
            .any(|p| p.starts_with("纳德拉说,我们正处于"))
    );
    assert!(intro.paragraphs.last().unwrap().ends_with("整理如下:"));

    assert_eq!(
        headings(&doc)[1..],
        [
            (Some("01"), Some("“深度应用”,即将到来")),
            (Some("02"), Some("大模型颠覆平台型企业")),
            (Some("03"), Some("生产模式将加速转变")),
            (Some("04"), Some("造一座“蒸馏工厂”,让模型能混合应用")),
        ]
    );
    let counts: Vec<usize> = doc.sections[1..].iter().map(|s| s.turns.len()).collect();
    assert_eq!(counts, [4, 4, 10, 8]);
    let dialogue: Vec<_> = doc.sections[1..].iter().flat_map(|s| &s.turns).collect();
    for (i, t) in dialogue.iter().enumerate() {
        let want = if i % 2 == 0 {
            "扎克伯格"
        } else {
            "纳德拉"
        };
        assert_eq!(t.speaker.as_deref(), Some(want), "turn at line {}", t.line);
    }
    let stats = doc.speakers();
    assert_eq!(stats.iter().map(|s| s.turns).collect::<Vec<_>>(), [13, 13]);
    // One paragraph per line, as in the source.
    assert_eq!(dialogue[1].paragraphs.len(), 4);
    assert!(dialogue[1].paragraphs[0].starts_with("我加入微软时"));

    let trailer: Vec<(usize, &str)> = doc
        .trailer
        .iter()
        .map(|t| (t.line, t.text.as_str()))
        .collect();
    assert_eq!(
        trailer,
        [
            (140, "作者:杏悦2娱乐"),
            (145, "现在致电 8888910 OR 查看更多联系方式 →"),
            (147, "杏悦2娱乐 版权所有"),
        ]
    );
}

#[test]
fn hearing_with_honorifics_and_caps_headings() {
    let (_, doc) = fixture("hearing.txt");
    assert_eq!(
        doc.title.as_deref(),
        Some("CITY OF BRANWICK PLANNING COMMISSION")
    );
    assert_eq!(
        meta(&doc),
        [
            ("Date", "March 4, 2024"),
            ("Location", "Council Chambers, 1 Civic Plaza")
        ]
    );
    assert_eq!(
        headings(&doc),
        [
            (None, Some("CALL TO ORDER")),
            (None, Some("PUBLIC COMMENT"))
        ]
    );
    let judge = Some("CHIEF JUDGE HALVORSEN");
    assert_eq!(
        speakers(&doc),
        [
            judge,
            Some("MR. DELACROIX"),
            Some("DR. OYELARAN"),
            judge,
            Some("MS. TRAN"),
            Some("MR. DELACROIX"),
            judge,
        ]
    );
    let t = &doc.sections[1].turns[0];
    assert_eq!(
        t.paragraphs,
        ["We will hear from the public first.", "(pause)"]
    );
}

#[test]
fn podcast_with_bold_labels_and_stage_directions() {
    let (_, doc) = fixture("podcast.md");
    assert_eq!(
        doc.title.as_deref(),
        Some("The Long Game, Episode 12: Compost")
    );
    assert_eq!(
        headings(&doc),
        [(None, None), (None, Some("Getting started"))]
    );
    let (host, priya) = (Some("Host"), Some("Priya Raman"));
    assert_eq!(speakers(&doc), [host, priya, host, priya, host, priya]);
    let turns: Vec<_> = doc.turns().collect();
    assert_eq!(
        turns[0].paragraphs,
        ["Welcome back to The Long Game. [laughter] Today we talk dirt."]
    );
    assert_eq!(
        turns[1].paragraphs,
        [
            "Thanks for having me.",
            "[laughs]",
            "It is my favourite subject."
        ]
    );
    assert_eq!(
        turns[3].paragraphs,
        ["Start small. A bucket is enough.", "(applause)"]
    );
}

#[test]
fn chinese_qa_with_numeral_headings() {
    let (_, doc) = fixture("qa-zh.txt");
    assert_eq!(doc.title.as_deref(), Some("人工智能与教育：专访李明教授"));
    assert_eq!(meta(&doc), [("来源", "某某日报"), ("记者", "王芳")]);
    assert_eq!(
        headings(&doc),
        [
            (Some("一"), Some("关于大模型")),
            (Some("二"), Some("关于未来"))
        ]
    );
    let (q, a) = (Some("问"), Some("答"));
    assert_eq!(speakers(&doc), [q, a, q, a, q, a]);
    assert_eq!(
        doc.sections[0].turns[1].paragraphs,
        ["影响是深远的。", "首先，学生获取知识的方式变了。"]
    );
    let trailer: Vec<_> = doc.trailer.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(trailer, ["作者：王芳", "版权所有 © 某某日报"]);
}

#[test]
fn press_briefing_q_without_colon() {
    let (_, doc) = fixture("briefing.txt");
    assert_eq!(meta(&doc), [("By", "Jordan Ellis")]);
    let (sec, q) = (Some("MS. ABERNATHY"), Some("Q"));
    assert_eq!(speakers(&doc), [sec, q, sec, q, sec]);
    assert_eq!(
        doc.sections[0].turns[1].paragraphs,
        ["What about the trade talks?"]
    );
    assert_eq!(doc.sections[0].turns[0].paragraphs.len(), 2);
}

#[test]
fn japanese_interview_with_dash_questions() {
    let (_, doc) = fixture("interview-ja.txt");
    assert_eq!(doc.title.as_deref(), Some("山田太郎インタビュー"));
    let (iv, yamada) = (Some("――"), Some("山田"));
    assert_eq!(speakers(&doc), [iv, yamada, iv, yamada, iv, yamada]);
    let turns: Vec<_> = doc.turns().collect();
    assert_eq!(
        turns[1].paragraphs,
        ["よろしくお願いします。きっかけは大学の先輩の誘いでした。"]
    );
    assert_eq!(turns[3].paragraphs.len(), 2);
    // A stage direction stays with the question it follows.
    assert_eq!(turns[4].paragraphs[1], "（笑）");
}

#[test]
fn hard_wrapped_english_is_rejoined() {
    let (_, doc) = fixture("wrapped-en.txt");
    let (mv, iv) = (Some("Margarethe Vogel"), Some("Interviewer"));
    assert_eq!(speakers(&doc), [mv, iv, mv, iv, mv]);
    let first = &doc.sections[0].turns[0];
    assert_eq!(
        first.paragraphs,
        [
            "When we started the lab in 1998 there were only three of us, and the \
          equipment was borrowed from the physics department down the hall. Nobody \
          expected it to last more than a year, least of all the dean."
        ]
    );
    assert_eq!((first.line, first.end_line), (3, 6));
    assert!(doc.turns().all(|t| t.paragraphs.len() == 1));
}

#[test]
fn hard_wrapped_chinese_is_rejoined_without_spaces() {
    let (_, doc) = fixture("wrapped-zh.txt");
    let (host, li, wang) = (Some("主持人"), Some("李医生"), Some("王工程师"));
    assert_eq!(speakers(&doc), [host, li, wang, host, wang, li]);
    let first = &doc.sections[0].turns[0];
    assert_eq!(
        first.paragraphs,
        [
            "欢迎各位来到今天的圆桌对话。我们今天讨论的话题是人工智能在医疗领域的应用，\
          以及它可能带来的机遇和挑战，请两位嘉宾先简单介绍一下自己。"
        ]
    );
    assert!(doc.turns().all(|t| t.paragraphs.len() == 1));
}

#[test]
fn own_line_labels_with_timestamps() {
    let (_, doc) = fixture("timestamps.txt");
    let (dana, omar) = (Some("Dana Whitfield"), Some("Omar Haddad"));
    assert_eq!(speakers(&doc), [dana, omar, dana, omar]);
    let times: Vec<_> = doc.turns().map(|t| t.time).collect();
    assert_eq!(times, [Some(5.0), Some(72.0), Some(150.0), Some(161.0)]);
    let first = &doc.sections[0].turns[0];
    assert_eq!((first.line, first.end_line), (3, 4));
    assert_eq!(
        first.paragraphs,
        ["Okay, let's get started. First item is the release."]
    );
}

#[test]
fn yaml_front_matter_with_a_numbered_list() {
    let (_, doc) = fixture("frontmatter.md");
    assert_eq!(doc.title.as_deref(), Some("Quarterly Town Hall"));
    assert_eq!(
        meta(&doc),
        [
            ("title", "Quarterly Town Hall"),
            ("date", "2024-06-30"),
            ("agenda", ""),
            ("agenda", "1. Results"),
            ("agenda", "2. Hiring"),
            ("agenda", "3. Questions"),
            ("speakers", ""),
            ("speakers", "Lena Ortiz"),
            ("speakers", "Sam Okafor"),
        ]
    );
    // The numbered lists (front matter and inside a turn) are not headings.
    assert_eq!(headings(&doc), [(None, None)]);
    let (lena, sam) = (Some("Lena Ortiz"), Some("Sam Okafor"));
    assert_eq!(speakers(&doc), [lena, sam, lena, sam]);
    assert_eq!(
        doc.sections[0].turns[2].paragraphs,
        [
            "Three things stood out:",
            "1. Retention improved.",
            "2. Costs fell.",
            "3. We shipped on time."
        ]
    );
}

#[test]
fn full_then_short_names_are_one_speaker() {
    let (_, doc) = fixture("names.txt");
    let (satya, mark, zh) = (
        Some("Satya Nadella"),
        Some("Mark Zuckerberg"),
        Some("萨提亚·纳德拉"),
    );
    // `萨提亚·纳德拉：` then `纳德拉：` is one speaker labelled twice in a
    // row: one turn of two paragraphs.
    assert_eq!(speakers(&doc), [satya, mark, satya, mark, zh]);
    assert_eq!(
        doc.sections[0].turns[4].paragraphs,
        ["开源很重要。", "确实如此。"]
    );
}

#[test]
fn colons_in_prose_bullets_times_and_said_are_not_speakers() {
    let (_, doc) = fixture("not-speakers.txt");
    assert_eq!(doc.title.as_deref(), Some("分享会记录"));
    let (zhang, li) = (Some("张三"), Some("李四"));
    assert_eq!(speakers(&doc), [None, zhang, li, zhang, li]);
    assert_eq!(
        doc.sections[0].turns[0].paragraphs,
        [
            "- 主讲：张三",
            "- 时间：10:30",
            "会议于10:30开始，详情见 https://example.com/a:b 。",
            "张三说：今天我们聊聊开源。",
        ]
    );
}

#[test]
fn chapter_marker_and_numbered_headings() {
    let (_, doc) = fixture("headings-zh.txt");
    assert_eq!(
        headings(&doc),
        [
            (Some("第一部分"), Some("开场")),
            (None, Some("技术趋势")),
            (Some("1"), Some("未来展望")),
            (Some("2"), Some("结语")),
        ]
    );
    assert_eq!(
        doc.sections
            .iter()
            .map(|s| s.turns.len())
            .collect::<Vec<_>>(),
        [2, 2, 2, 1]
    );
}

#[test]
fn trailer_after_dialogue() {
    let (_, doc) = fixture("trailer.txt");
    let (alex, jo) = (Some("Alex"), Some("Jo"));
    assert_eq!(speakers(&doc), [alex, jo, alex]);
    let trailer: Vec<_> = doc.trailer.iter().map(|t| t.line).collect();
    assert_eq!(trailer, [7, 8]);
}

#[test]
fn empty_and_blank_documents_have_one_empty_section() {
    for text in ["", "\n\n", " \u{a0}\u{3000}\n\t\n", "---\n\"\n"] {
        let doc = parse(text);
        assert_eq!(doc.sections.len(), 1, "{text:?}");
        assert!(doc.sections[0].turns.is_empty(), "{text:?}");
        check_lossless(text, &doc).unwrap();
    }
}

#[test]
fn a_lone_numbered_line_in_a_turn_is_not_a_heading() {
    let text =
        "Alice: There are three points.\n1. Cost is high\nBob: I agree.\nAlice: Good.\nBob: Yes.\n";
    let doc = parse(text);
    assert_eq!(headings(&doc), [(None, None)]);
    assert_eq!(doc.sections[0].turns[0].paragraphs[1], "1. Cost is high");
    check_lossless(text, &doc).unwrap();
}

#[test]
fn lossless_check_catches_dropped_lines() {
    let text = "Alice: hi\nBob: hello\nAlice: bye\n";
    let mut doc = parse(text);
    check_lossless(text, &doc).unwrap();
    doc.sections[0].turns.pop();
    assert!(check_lossless(text, &doc).is_err());
    let mut doc = parse(text);
    doc.sections[0].turns[1].paragraphs[0] = "hallo".into();
    assert!(check_lossless(text, &doc).is_err());
    let mut doc = parse(text);
    doc.sections[0].turns[1].line = 1;
    assert!(check_lossless(text, &doc).is_err());
}

#[test]
fn a_late_h1_after_text_is_a_heading_not_the_title() {
    // Found by proptest: the H1 used to become the title inside a turn's range.
    let text = "01 \"\n# 1\n:Alice:";
    let doc = parse(text);
    check_lossless(text, &doc).unwrap();
    assert_eq!(doc.title, None);
}

#[test]
fn several_quoted_transcripts_in_one_file_are_all_dialogue() {
    let sample = include_str!("../assets/llamacon-2025.txt");
    let text = [sample, sample, sample].join("\n");
    let doc = parse(&text);
    check_lossless(&text, &doc).unwrap();
    let speaking = doc.turns().filter(|t| t.speaker.is_some()).count();
    assert_eq!(speaking, 3 * 26, "every copy's turns are dialogue");
    let trailer: Vec<&str> = doc.trailer.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        trailer.len(),
        3,
        "only the last footer is trailer: {trailer:?}"
    );
    assert!(trailer[0].starts_with("作者"));
}
