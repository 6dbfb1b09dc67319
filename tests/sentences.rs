//! Sentence segmentation: CJK, English abbreviations, decimals, quotes, and
//! the invariants the reader's cursor relies on.

use proptest::prelude::*;
use tread::transcript::sentences::split;

fn parts(text: &str) -> Vec<&str> {
    split(text).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn chinese_terminators_and_ascii_question_marks() {
    assert_eq!(
        parts("大模型的竞争远远没有结束。就在刚刚过去的4月!你能具体谈谈吗?当然。"),
        [
            "大模型的竞争远远没有结束。",
            "就在刚刚过去的4月!",
            "你能具体谈谈吗?",
            "当然。"
        ]
    );
    assert_eq!(
        parts("然后呢?AI写代码还处于早期阶段"),
        ["然后呢?", "AI写代码还处于早期阶段"]
    );
    assert_eq!(parts("真的吗？！太好了"), ["真的吗？！", "太好了"]);
}

#[test]
fn semicolons_and_commas_do_not_split() {
    let t = "先是有阿里发布开源模型Qwen,并官宣登顶全球开源模型榜首;后又有Meta举办大会。";
    assert_eq!(parts(t), [t]);
}

#[test]
fn closing_quotes_and_brackets_stay_with_their_sentence() {
    assert_eq!(
        parts("大家都在问:“接下来该怎么办?”但现在,我们进入了新时代。"),
        ["大家都在问:“接下来该怎么办?”", "但现在,我们进入了新时代。"]
    );
    assert_eq!(
        parts("He said \"it works.\" Then he left. (It did.) Fine."),
        [
            "He said \"it works.\"",
            "Then he left.",
            "(It did.)",
            "Fine."
        ]
    );
    // Japanese quotes a question with と: one sentence.
    assert_eq!(
        parts("「本当ですか？」と聞いた。次。"),
        ["「本当ですか？」と聞いた。", "次。"]
    );
}

#[test]
fn english_abbreviations_decimals_and_ellipses() {
    assert_eq!(
        parts("Mr. Smith met Dr. Jones in the U.S. last year. GDP grew 3.7% e.g. in Ohio."),
        [
            "Mr. Smith met Dr. Jones in the U.S. last year.",
            "GDP grew 3.7% e.g. in Ohio."
        ]
    );
    assert_eq!(
        parts("See No. 5 and Fig. 3 for details. Apple Inc. The end."),
        [
            "See No. 5 and Fig. 3 for details.",
            "Apple Inc.",
            "The end."
        ]
    );
    assert_eq!(
        parts("Well... I think so. And then"),
        ["Well...", "I think so.", "And then"]
    );
    assert_eq!(
        parts("I was... thinking. \"Why?\" she asked."),
        ["I was... thinking.", "\"Why?\" she asked."]
    );
    assert_eq!(
        parts("Visit example.com today. Ok"),
        ["Visit example.com today.", "Ok"]
    );
}

#[test]
fn cjk_ellipsis_pauses_mid_sentence_but_ends_at_the_end() {
    assert_eq!(parts("我想……也许吧。好吧……"), ["我想……也许吧。", "好吧……"]);
    assert_eq!(parts("等等…… 我们继续。"), ["等等……", "我们继续。"]);
}

#[test]
fn mixed_scripts_and_full_width_periods() {
    assert_eq!(
        parts("Qwen模型很强.然后我们测试了3.5版本。It works! 好的"),
        [
            "Qwen模型很强.",
            "然后我们测试了3.5版本。",
            "It works!",
            "好的"
        ]
    );
    assert_eq!(
        parts("成長率は３．５％です．次へ"),
        ["成長率は３．５％です．", "次へ"]
    );
}

#[test]
fn whitespace_is_trimmed_and_empty_text_has_no_sentences() {
    assert!(split("").is_empty());
    assert!(split(" \u{a0}\u{3000}\n").is_empty());
    assert_eq!(parts("  你好。 \u{a0} 再见!  "), ["你好。", "再见!"]);
}

fn text_strategy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "。", "！", "？", "?", "!", ".", "...", "…", "……", "．", "”", "“", "\"", "'", ")", "」",
        " ", "\u{a0}", "\u{3000}", "\n", "Mr.", "U.S.", "e.g.", "etc.", "No.", "3.7", "１", "a",
        "A", "的", "か", ";", "，",
    ]);
    let piece = prop_oneof![
        pieces.prop_map(str::to_string),
        any::<char>().prop_map(String::from)
    ];
    prop::collection::vec(piece, 0..48).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn ranges_are_ordered_trimmed_and_cover_every_visible_char(text in text_strategy()) {
        let ranges = split(&text);
        let mut covered = vec![false; text.len()];
        let mut last_end = 0;
        for r in &ranges {
            prop_assert!(r.start >= last_end && r.start < r.end, "{ranges:?}");
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let s = &text[r.clone()];
            prop_assert_eq!(s, s.trim());
            covered[r.clone()].iter_mut().for_each(|c| *c = true);
            last_end = r.end;
        }
        for (i, c) in text.char_indices() {
            prop_assert!(c.is_whitespace() || covered[i], "{c:?} at {i} not covered");
        }
    }
}

#[test]
fn unpunctuated_cjk_breaks_at_the_spaces_between_phrases() {
    assert_eq!(
        parts("大家好欢迎收听本期节目 今天我们请到了一位嘉宾 他在人工智能领域工作"),
        [
            "大家好欢迎收听本期节目",
            "今天我们请到了一位嘉宾",
            "他在人工智能领域工作"
        ]
    );
    // After the last full stop only; Latin words keep their spaces.
    assert_eq!(
        parts("我们用 Python 写代码。然后呢 再说"),
        ["我们用 Python 写代码。", "然后呢", "再说"]
    );
    // A comma means the text is punctuated: the space is just a space.
    assert_eq!(parts("你好，我是 小明"), ["你好，我是 小明"]);
}
