//! Word counts for Chinese, English and both, and speakers' shares of them.

use tread::transcript::stats::{section_shares, speaker_shares, words};
use tread::transcript::{Document, Section, Turn};

fn turn(speaker: Option<&str>, paragraphs: &[&str]) -> Turn {
    Turn {
        speaker: speaker.map(str::to_string),
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        ..Turn::default()
    }
}

fn section(turns: Vec<Turn>) -> Section {
    Section {
        turns,
        ..Section::default()
    }
}

#[test]
fn chinese_counts_each_character() {
    assert_eq!(words("大模型的竞争远远没有结束。"), 12);
    assert_eq!(words("“深度应用”，即将到来"), 8);
    assert_eq!(words("ひらがなとカタカナ"), 9);
    assert_eq!(words("한국어"), 3);
}

#[test]
fn english_counts_runs_of_letters_and_digits() {
    assert_eq!(words("The quick brown fox."), 4);
    assert_eq!(words("  It's 2025, and GPT-4 costs $4.50!  "), 6);
    assert_eq!(words(""), 0);
    assert_eq!(words("— … ，。"), 0);
}

#[test]
fn mixed_text_counts_both() {
    // Meta, 的 (1), Llama, 4, 系列模型 (4).
    assert_eq!(words("Meta的Llama 4系列模型"), 8);
    // 代码 (2), 20, 30, 是由 (2), AI, 编写 (2).
    assert_eq!(words("代码20%-30%是由AI编写"), 9);
    assert_eq!(words("ＡＩ应用"), 3);
}

fn doc() -> Document {
    Document {
        sections: vec![
            section(vec![turn(None, &["主持人开场白，很长很长很长"])]),
            section(vec![
                turn(Some("扎克伯格"), &["你好", "AI is here"]),
                turn(Some("纳德拉"), &["谢谢你"]),
                turn(Some("扎克伯格"), &["好"]),
            ]),
            section(vec![turn(Some("纳德拉"), &["one two three four"])]),
        ],
        ..Document::default()
    }
}

#[test]
fn speaker_shares_sum_to_one_and_skip_narration() {
    let shares = speaker_shares(&doc());
    let names: Vec<_> = shares
        .iter()
        .map(|s| (s.name.as_str(), s.turns, s.words))
        .collect();
    assert_eq!(names, [("扎克伯格", 2, 6), ("纳德拉", 2, 7)]);
    let total: f32 = shares.iter().map(|s| s.share).sum();
    assert!((total - 1.0).abs() < 1e-5, "{total}");
    assert!((shares[0].share - 6.0 / 13.0).abs() < 1e-6);
}

#[test]
fn section_shares_follow_document_order() {
    let per = section_shares(&doc());
    assert_eq!(per.len(), 3);
    assert!(per[0].is_empty(), "narration only");
    let names: Vec<_> = per[1].iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["扎克伯格", "纳德拉"]);
    for shares in &per[1..] {
        let total: f32 = shares.iter().map(|s| s.share).sum();
        assert!((total - 1.0).abs() < 1e-5);
    }
    assert_eq!(per[2][0].share, 1.0);
}

#[test]
fn silent_speakers_have_zero_share_not_nan() {
    let d = Document {
        sections: vec![section(vec![turn(Some("A"), &["……"])])],
        ..Document::default()
    };
    let shares = speaker_shares(&d);
    assert_eq!((shares[0].words, shares[0].share), (0, 0.0));
    assert!(speaker_shares(&Document::default()).is_empty());
}

#[test]
fn the_sample_has_speakers_with_words() {
    let d = tread::transcript::load(tread::SAMPLE, &Default::default()).unwrap();
    let shares = speaker_shares(&d);
    if !shares.is_empty() {
        let total: f32 = shares.iter().map(|s| s.share).sum();
        assert!((total - 1.0).abs() < 1e-4);
    }
    let sections = section_shares(&d);
    assert_eq!(sections.len(), d.sections.len());
}
