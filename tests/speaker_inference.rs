//! The speaker-label engine on small documents: which labels are speakers,
//! under which name, what the account for `--speakers` says, and how the
//! user's rules overrule it. The convention corpus is `tests/attribution.rs`.

use tread::transcript::parse::{Decision, SpeakerRules, parse_with};
use tread::transcript::{Document, LoadOptions, load};

fn turns(doc: &Document) -> Vec<(Option<&str>, Vec<&str>)> {
    doc.turns()
        .map(|t| {
            let paragraphs = t.paragraphs.iter().map(String::as_str).collect();
            (t.speaker.as_deref(), paragraphs)
        })
        .collect()
}

fn speakers(doc: &Document) -> Vec<Option<&str>> {
    doc.turns().map(|t| t.speaker.as_deref()).collect()
}

fn parse(text: &str) -> Document {
    parse_with(text, &SpeakerRules::default())
}

fn decision<'d>(doc: &'d Document, name: &str) -> Vec<(Decision, usize, &'d str)> {
    doc.candidates
        .iter()
        .filter(|c| c.name == name)
        .map(|c| (c.decision, c.count, c.reason.as_str()))
        .collect()
}

#[test]
fn a_reporter_is_a_speaker_not_a_header_key() {
    let doc = parse("记者：你好。\n答：你好。\n记者：再见。\n答：再见。\n");
    assert_eq!(
        speakers(&doc),
        [Some("记者"), Some("答"), Some("记者"), Some("答")]
    );
    assert!(doc.metadata.is_empty());
    // A byline at the top is still metadata.
    let doc = parse("专访\n\n记者：王芳\n\n问：您好。\n答：您好。\n问：再见。\n答：再见。\n");
    assert_eq!(doc.metadata.len(), 1);
    assert_eq!(
        decision(&doc, "记者"),
        [(Decision::Metadata, 1, "header key")]
    );
}

#[test]
fn stage_directions_are_asides_not_names() {
    let doc = parse(
        "HOST (laughing): Welcome back.\nLEE [crosstalk]: Thanks.\nHOST: Go on.\n李老师（笑）：好的。\n",
    );
    assert_eq!(
        turns(&doc),
        [
            (Some("HOST"), vec!["(laughing)", "Welcome back."]),
            (Some("LEE"), vec!["[crosstalk]", "Thanks."]),
            (Some("HOST"), vec!["Go on."]),
            (Some("李老师"), vec!["（笑）", "好的。"]),
        ]
    );
}

#[test]
fn titles_aliases_and_short_forms_fold_into_the_fullest_name() {
    let doc = parse(
        "新闻发言人 张伟：谢谢。\n主持人：请提问。\n张伟：好的。\n王小明（XM）：你好。\n主持人：嗯。\nXM：再见。\nDana Okoye-Smith: Hi.\n主持人：好。\nDana: Bye.\n",
    );
    assert_eq!(
        speakers(&doc),
        [
            Some("新闻发言人 张伟"),
            Some("主持人"),
            Some("新闻发言人 张伟"),
            Some("王小明（XM）"),
            Some("主持人"),
            Some("王小明（XM）"),
            Some("Dana Okoye-Smith"),
            Some("主持人"),
            Some("Dana Okoye-Smith"),
        ]
    );
    // The alias is part of the name, not an aside.
    assert_eq!(doc.sections[0].turns[3].paragraphs, ["你好。"]);
    let shown: Vec<_> = doc
        .candidates
        .iter()
        .filter_map(|c| c.shown_as.as_deref())
        .collect();
    assert!(
        shown.contains(&"新闻发言人 张伟") && shown.contains(&"王小明（XM）"),
        "{shown:?}"
    );
}

#[test]
fn role_labels_of_outlets_are_speakers_as_written() {
    let doc = parse(
        "主持人：请提问。\n新华社记者：请问就业？\n张伟：稳定。\n第一财经记者：房价呢？\n张伟：企稳。\n记者：再具体一点？\n张伟：好。\n",
    );
    assert_eq!(
        speakers(&doc)[..6],
        [
            Some("主持人"),
            Some("新华社记者"),
            Some("张伟"),
            Some("第一财经记者"),
            Some("张伟"),
            Some("记者")
        ]
    );
    assert_eq!(
        decision(&doc, "新华社记者"),
        [(Decision::Speaker, 1, "role word")]
    );
}

#[test]
fn a_one_off_label_in_dialogue_is_a_visible_guess() {
    let doc = parse(
        "CHAIR: Order.\nMR. SMITH: Thank you.\nDana Reyes: Shame on you!\nCHAIR: Order, please.\nVOICE FROM THE FLOOR: No!\n",
    );
    assert_eq!(
        speakers(&doc),
        [
            Some("CHAIR"),
            Some("MR. SMITH"),
            Some("Dana Reyes"),
            Some("CHAIR"),
            Some("VOICE FROM THE FLOOR")
        ]
    );
    assert_eq!(
        decision(&doc, "Dana Reyes"),
        [(Decision::Speaker, 1, "used once, in dialogue")]
    );
    assert_eq!(
        decision(&doc, "VOICE FROM THE FLOOR"),
        [(Decision::Speaker, 1, "role word")]
    );
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.contains("Dana Reyes (line 3)"))
    );
}

#[test]
fn a_label_not_taken_stays_its_own_paragraph() {
    let doc =
        parse("Alice: We started in May and\nBob: Right.\nAlice: It was cold.\nSo: here we are\n");
    let last = doc.sections[0].turns.last().unwrap();
    assert_eq!(last.paragraphs, ["It was cold.", "So: here we are"]);
}

#[test]
fn a_short_first_line_is_a_turn() {
    let doc = parse("Alice: Hi\nBob: Hello there.\nAlice: How are you?\n");
    assert_eq!(speakers(&doc), [Some("Alice"), Some("Bob"), Some("Alice")]);
    assert!(doc.metadata.is_empty() && doc.title.is_none());
    let doc = parse("张三：你好\n李四：你好，最近怎么样？\n张三：挺好的。\n");
    assert_eq!(speakers(&doc), [Some("张三"), Some("李四"), Some("张三")]);
}

#[test]
fn header_values_stay_metadata() {
    let doc = parse(
        "Town hall\n\nDate: May 8, 2025\nLocation: Berlin\nHost: Bob Stone\n\nBob Stone: Welcome.\nAna: Thanks.\nBob Stone: Let's begin.\nAna: Sure.\n",
    );
    let keys: Vec<_> = doc.metadata.iter().map(|m| m.key.as_str()).collect();
    assert_eq!(keys, ["Date", "Location", "Host"]);
    assert_eq!(
        speakers(&doc),
        [
            Some("Bob Stone"),
            Some("Ana"),
            Some("Bob Stone"),
            Some("Ana")
        ]
    );
}

#[test]
fn japanese_questions_belong_to_the_interviewer_role() {
    let doc = parse(
        "聞き手：山田太郎\n\n――いつ頃からですか。\n田中：三年前からです。\n――理由は？\n人物が増えたんです。\n",
    );
    assert_eq!(
        speakers(&doc),
        [Some("聞き手"), Some("田中"), Some("聞き手"), Some("田中")]
    );
}

#[test]
fn the_users_rules_overrule_the_engine() {
    let text = "Alice: Hi there.\nBob: Hello.\nAlice: Bye.\nNote: the tape ends here.\n";
    let rules = SpeakerRules {
        force: vec!["Note".into()],
        deny: vec!["bob".into()],
    };
    let doc = parse_with(text, &rules);
    assert_eq!(speakers(&doc), [Some("Alice"), Some("Note")]);
    // Bob's line stays, label and all; Alice goes on after it.
    assert_eq!(
        doc.sections[0].turns[0].paragraphs,
        ["Hi there.", "Bob: Hello.", "Bye."]
    );
    assert_eq!(
        decision(&doc, "Bob"),
        [(Decision::Text, 1, "--not-speaker")]
    );
    // The same rules reach the caption readers through `load`.
    let srt = "1\n00:00:01,000 --> 00:00:02,000\nAlice: Hi.\n\n2\n00:00:02,000 --> 00:00:03,000\nBob: Hey.\n";
    let options = LoadOptions {
        extension: Some("srt".into()),
        speakers: rules,
        ..LoadOptions::default()
    };
    let doc = load(srt.as_bytes(), &options).unwrap();
    assert_eq!(speakers(&doc), [Some("Alice")]);
}

#[test]
fn the_sample_keeps_its_two_speakers_and_header() {
    let doc = load(
        include_bytes!("../assets/llamacon-2025.txt"),
        &LoadOptions::default(),
    )
    .unwrap();
    let names: Vec<_> = doc
        .speakers()
        .into_iter()
        .map(|s| (s.name, s.turns))
        .collect();
    assert_eq!(
        names,
        [("扎克伯格".to_string(), 13), ("纳德拉".to_string(), 13)]
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    assert_eq!(
        decision(&doc, "纳德拉"),
        [(Decision::Speaker, 13, "recurs 13 times")]
    );
    assert_eq!(
        decision(&doc, "日期"),
        [(Decision::Metadata, 1, "header key")]
    );
}
