//! Real-world captions against fixtures in `tests/fixtures/captions/`:
//! YouTube's rolling captions read once, Microsoft Teams exports with short
//! timings read with a warning, SubRip quirks, and every lost or empty
//! reading said in a warning rather than silently.

use std::process::Command;

use tread::transcript::Document;
use tread::transcript::formats::{Format, FormatError, read, read_auto};

fn path(name: &str) -> String {
    format!(
        "{}/tests/fixtures/captions/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Detect (with the extension as the hint) and read a fixture.
fn fixture(name: &str, expected: Format) -> Document {
    let text = std::fs::read_to_string(path(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let ext = name.rsplit_once('.').map(|(_, e)| e);
    let (format, doc) = read_auto(&text, ext);
    assert_eq!(format, expected, "{name}");
    doc
}

fn turns(doc: &Document) -> Vec<(Option<&str>, Vec<&str>)> {
    doc.turns()
        .map(|t| {
            let paragraphs = t.paragraphs.iter().map(String::as_str).collect();
            (t.speaker.as_deref(), paragraphs)
        })
        .collect()
}

fn all_text(doc: &Document) -> String {
    let paragraphs: Vec<&str> = doc
        .turns()
        .flat_map(|t| t.paragraphs.iter().map(String::as_str))
        .collect();
    paragraphs.join(" ")
}

const YOUTUBE_EN: [&str; 10] = [
    "so today we're going",
    "to talk about compost",
    "and why the worms matter",
    "most people think a heap",
    "just needs time but it",
    "really needs air and water",
    "turn it once a week",
    "and keep it as damp as",
    "a wrung out sponge",
    "that's the whole trick",
];

#[test]
fn youtube_rolling_captions_read_once() {
    let doc = fixture("youtube-en.vtt", Format::Vtt);
    assert_eq!(turns(&doc), [(None, vec![YOUTUBE_EN.join(" ").as_str()])]);
    let text = all_text(&doc);
    for line in YOUTUBE_EN {
        assert_eq!(text.matches(line).count(), 1, "{line:?} in {text:?}");
    }
    assert_eq!(doc.warnings, Vec::<String>::new());
    let meta: Vec<(&str, &str)> = doc
        .metadata
        .iter()
        .map(|m| (m.key.as_str(), m.value.as_str()))
        .collect();
    assert_eq!(meta, [("Kind", "captions"), ("Language", "en")]);
}

#[test]
fn youtube_chinese_rolling_captions_read_once() {
    let doc = fixture("youtube-zh.vtt", Format::Vtt);
    // Without punctuation, each caption line is a phrase: the cue
    // boundaries stay as spaces, which the sentence splitter breaks at.
    let expected = "大家好今天我们来聊一聊 人工智能对教育的影响 首先我想说的是 \
        技术本身并不是目的 关键在于老师怎么用 学生怎么学 这一点非常重要 \
        好我们先看第一个例子 这是一所乡村小学 他们从去年开始试点";
    assert_eq!(turns(&doc), [(None, vec![expected])]);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn youtube_rolling_starts_over_after_a_pause() {
    let doc = fixture("youtube-pause.vtt", Format::Vtt);
    let (before, after) = YOUTUBE_EN.split_at(5);
    assert_eq!(
        turns(&doc),
        [
            (None, vec![before.join(" ").as_str()]),
            (None, vec![after.join(" ").as_str()])
        ]
    );
    let times: Vec<Option<f64>> = doc.turns().map(|t| t.time).collect();
    assert_eq!(times, [Some(0.0), Some(17.8)]);
}

#[test]
fn a_plain_file_keeps_lines_said_twice() {
    let doc = fixture("plain-repeats.vtt", Format::Vtt);
    assert_eq!(
        turns(&doc),
        [
            (Some("Ana"), vec!["Are you ready?"]),
            (Some("Leo"), vec!["Yes."]),
            (Some("Ana"), vec!["Yes. Again. Again. And again."]),
            (Some("Leo"), vec!["Then we go."]),
        ]
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn teams_short_timings_are_read_with_a_warning() {
    let doc = fixture("teams-short.vtt", Format::Vtt);
    assert_eq!(
        turns(&doc),
        [
            (
                Some("Ana Lima"),
                vec!["Good morning, everyone. Let's start with the budget."]
            ),
            (
                Some("Tomás Ruiz"),
                vec!["Thanks, Ana. We're on track. Spending is 3% under plan."]
            ),
            (Some("Ana Lima"), vec!["Great. Any questions?"]),
            (Some("Priya Nair"), vec!["Just one: when is the review?"]),
        ]
    );
    let times: Vec<Option<f64>> = doc.turns().map(|t| t.time).collect();
    assert_eq!(times, [Some(0.0), Some(5.5), Some(12.0), Some(62.5)]);
    assert_eq!(
        doc.warnings,
        ["non-standard cue timings read leniently (first at line 4: 0:0:0.0 --> 0:0:2.5)"]
    );
}

#[test]
fn the_lenient_warning_names_the_first_non_standard_line() {
    let text = "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Ana>One.\n\n\
        00:01.000 --> 00:02.000\n<v Leo>Two.\n\nx-1\n0:0:2,5 --> 0:0:3\n<v Ana>Three.\n\n\
        0:0:3.0 --> 0:0:4.0\n<v Leo>Four.\n";
    let doc = read(text, Format::Vtt).unwrap();
    assert_eq!(all_text(&doc), "One. Two. Three. Four.");
    assert_eq!(
        doc.warnings,
        ["non-standard cue timings read leniently (first at line 10: 0:0:2,5 --> 0:0:3)"]
    );
}

#[test]
fn teams_standard_timings_need_no_warning() {
    let doc = fixture("teams.vtt", Format::Vtt);
    assert_eq!(
        turns(&doc),
        [
            (
                Some("Ana Lima"),
                vec!["Good morning, everyone. Let's start with the budget."]
            ),
            (Some("Tomás Ruiz"), vec!["Yes."]),
            (Some("Ana Lima"), vec!["Yes."]),
            (Some("Tomás Ruiz"), vec!["Spending is 3% under plan."]),
        ]
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn a_vtt_whose_timings_are_all_garbage_says_so() {
    let doc = fixture("garbage-timings.vtt", Format::Vtt);
    assert_eq!(doc.turns().count(), 0);
    assert_eq!(
        doc.warnings,
        [
            "no cue could be read: 3 timing lines were not understood (first at line 4: 00:00:xx.000 --> 00:00:yy.000)"
        ]
    );
}

#[test]
fn a_dropped_cue_among_good_ones_is_warned_about() {
    let doc = fixture("partly-garbage.vtt", Format::Vtt);
    assert_eq!(
        turns(&doc),
        [(Some("Ana"), vec!["First line.", "Last line."])]
    );
    assert_eq!(
        doc.warnings,
        [
            "1 cue dropped: its timing line was not understood (first at line 6: 00:00:xx.000 --> 00:00:04.000)"
        ]
    );
}

#[test]
fn srt_short_timings_and_bracketed_sounds() {
    let doc = fixture("short-timings.srt", Format::Srt);
    assert_eq!(
        turns(&doc),
        [
            (Some("Margarethe"), vec!["Welcome back."]),
            (
                Some("Tomas"),
                vec!["Thanks. <Laughter> It's good to be here."]
            ),
            (Some("Margarethe"), vec!["Let's begin."]),
            (Some("Tomas"), vec!["Sure."]),
        ]
    );
    let times: Vec<Option<f64>> = doc.turns().map(|t| t.time).collect();
    assert_eq!(times, [Some(1.5), Some(4.25), Some(8.0), Some(11.0)]);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn srt_full_width_timings() {
    let doc = fixture("fullwidth.srt", Format::Srt);
    assert_eq!(
        turns(&doc),
        [
            (Some("主持人"), vec!["欢迎收听本期节目。"]),
            (Some("嘉宾"), vec!["谢谢邀请。<笑>很高兴来这里。"]),
            (Some("主持人"), vec!["我们开始吧。"]),
        ]
    );
    let times: Vec<Option<f64>> = doc.turns().map(|t| t.time).collect();
    assert_eq!(times, [Some(1.0), Some(4.0), Some(7.0)]);
}

#[test]
fn an_srt_timing_line_not_understood_stays_text_with_a_warning() {
    let text = "1\n00:00:01,000 --> 00:00:02,000\nAna: Hi.\n\n2\n00:00:02 --> soon\nLeo: Hello.\n";
    let doc = read(text, Format::Srt).unwrap();
    assert!(all_text(&doc).contains("Hello."), "{:?}", turns(&doc));
    assert_eq!(
        doc.warnings,
        [
            "1 timing line was not understood and is kept as text (first at line 6: 00:00:02 --> soon)"
        ]
    );
}

#[test]
fn an_srt_with_no_understood_timing_is_an_error_naming_the_line() {
    let text = "1\nlater --> sooner\nHi.\n\n2\nnow --> then\nBye.\n";
    assert_eq!(
        read(text, Format::Srt),
        Err(FormatError::Srt(
            "no cue could be read: 2 timing lines were not understood (first at line 2: later --> sooner)"
                .into()
        ))
    );
}

#[test]
fn text_without_dialogue_is_warned_about_in_every_format() {
    for (text, format) in [
        ("WEBVTT\n\nNOTE only a note\n", Format::Vtt),
        ("1\n00:00:01,000 --> 00:00:02,000\n\n", Format::Srt),
        ("{\"segments\": []}", Format::Json),
        ("---\ntitle: Notes\n---\n", Format::Markdown),
        ("---\ntitle: Notes\n---\n", Format::Text),
    ] {
        let doc = read(text, format).unwrap();
        assert_eq!(doc.turns().count(), 0, "{format}: {text:?}");
        assert_eq!(doc.warnings.len(), 1, "{format}: {:?}", doc.warnings);
        assert!(
            doc.warnings[0].starts_with("no dialogue found: "),
            "{format}: {:?}",
            doc.warnings
        );
    }
    let doc = read("WEBVTT\n\nNOTE one\n\nNOTE two\n", Format::Vtt).unwrap();
    assert_eq!(
        doc.warnings,
        ["no dialogue found: none of the 3 non-blank lines is part of a turn (read as vtt)"]
    );
    // Nothing to read is nothing to warn about.
    assert!(read("\n  \n", Format::Text).unwrap().warnings.is_empty());
}

#[test]
fn normal_files_get_no_new_warning() {
    let dir = format!("{}/tests/fixtures/formats", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let ext = path.extension().and_then(|e| e.to_str());
        let (_, doc) = read_auto(&text, ext);
        assert!(doc.warnings.is_empty(), "{path:?}: {:?}", doc.warnings);
    }
}

#[test]
fn the_warning_reaches_stderr_when_printing() {
    let data = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(["--outline", &path("garbage-timings.vtt")])
        .env("TREAD_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("no cue could be read: 3 timing lines"),
        "{stderr}"
    );
}
