//! Every input format against a hand-written fixture: detection, the exact
//! speaker sequence, section titles and times.

use tread::transcript::formats::{Format, FormatError, detect, read, read_auto};
use tread::transcript::parse::check_lossless;
use tread::transcript::{Document, LoadOptions, load};

fn text(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/formats/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    String::from_utf8(bytes).expect("fixtures are UTF-8")
}

/// Detect (with the fixture's extension as the hint) and read.
fn fixture(name: &str, expected: Format) -> Document {
    let t = text(name);
    let ext = name.rsplit_once('.').map(|(_, e)| e);
    assert_eq!(detect(&t, ext), expected, "{name}");
    // Without the hint too: the content decides.
    assert_eq!(detect(&t, None), expected, "{name} without its extension");
    read(&t, expected).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn speakers(doc: &Document) -> Vec<Option<&str>> {
    doc.turns().map(|t| t.speaker.as_deref()).collect()
}

fn times(doc: &Document) -> Vec<Option<f64>> {
    doc.turns().map(|t| t.time).collect()
}

fn titles(doc: &Document) -> Vec<Option<&str>> {
    doc.sections.iter().map(|s| s.title.as_deref()).collect()
}

fn paragraphs(doc: &Document) -> Vec<Vec<&str>> {
    doc.turns()
        .map(|t| t.paragraphs.iter().map(String::as_str).collect())
        .collect()
}

#[test]
fn markdown_with_front_matter_rule_and_inline_timestamp() {
    let doc = fixture("episode.md", Format::Markdown);
    assert_eq!(doc.title.as_deref(), Some("Soil Stories, Episode 7"));
    let chapters: Vec<&str> = doc
        .metadata
        .iter()
        .filter(|m| m.key == "chapters")
        .map(|m| m.value.as_str())
        .collect();
    assert_eq!(chapters, ["", "1. Origins", "2. Worms"]);
    // The numbered list in the front matter is not a section; `#` is the
    // title, `##` and `###` are sections. The cover image is no one's words:
    // it leaves no narration turn, so no preamble either.
    assert_eq!(titles(&doc), [Some("Cold open"), Some("Why worms matter")]);
    let (m, t) = (Some("Margarethe Vogel"), Some("Tomás Ruiz"));
    assert_eq!(speakers(&doc), [m, t, m, t]);
    assert_eq!(
        paragraphs(&doc),
        [
            vec!["Welcome back. [laughter] Today: worms."],
            vec!["Thanks for having me. I read the paper twice."],
            vec!["So why worms?"],
            vec!["[00:12:31.07] Because they eat everything."],
        ]
    );
    let trailer: Vec<&str> = doc.trailer.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(trailer, ["Show notes written by the producer."]);
}

#[test]
fn markdown_with_own_line_timed_labels_and_a_links_block() {
    let doc = fixture("notes.md", Format::Markdown);
    assert_eq!(doc.title.as_deref(), Some("Board Meeting, June"));
    assert_eq!(titles(&doc), [Some("Opening"), Some("Questions")]);
    let (d, o) = (Some("Dana Whitfield"), Some("Omar Haddad"));
    assert_eq!(speakers(&doc), [d, o, d, o]);
    assert_eq!(
        times(&doc),
        [Some(5.0), Some(72.0), Some(630.0), Some(641.0)]
    );
    assert_eq!(
        paragraphs(&doc)[0],
        ["Okay, let's get started. [crosstalk]"]
    );
    let trailer: Vec<&str> = doc.trailer.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(trailer, ["## Links", "- Minutes", "- Budget sheet"]);
    // The part before the links is an ordinary lossless parse.
    let t = text("notes.md");
    let body: String = t.lines().take(19).map(|l| format!("{l}\n")).collect();
    check_lossless(&body, &tread::transcript::parse::parse(&body)).unwrap();
}

#[test]
fn webvtt_from_a_meeting_tool() {
    let doc = fixture("zoom.vtt", Format::Vtt);
    let meta: Vec<(&str, &str)> = doc
        .metadata
        .iter()
        .map(|m| (m.key.as_str(), m.value.as_str()))
        .collect();
    assert_eq!(meta, [("Kind", "captions"), ("Language", "en")]);
    // Voice spans (closed or not), a cue without a speaker continuing the
    // turn, `Name:` in the cue text, and `Ana` folded into `Ana Lima`.
    let (a, l) = (Some("Ana Lima"), Some("Leo Park"));
    assert_eq!(speakers(&doc), [a, l, a]);
    assert_eq!(times(&doc), [Some(0.0), Some(9.5), Some(15.0)]);
    assert_eq!(
        paragraphs(&doc),
        [
            vec!["Good morning, everyone. Let us begin. with the agenda & the numbers."],
            vec!["Thanks, Ana. Revenue grew by 12% this quarter."],
            vec!["Great news. Next item."],
        ]
    );
    assert_eq!(titles(&doc), [None]);
}

#[test]
fn webvtt_line_endings_do_not_matter() {
    let crlf = text("zoom.vtt");
    let lf = crlf.replace("\r\n", "\n");
    let cr = lf.replace('\n', "\r");
    let base = read(&crlf, Format::Vtt).unwrap();
    for variant in [lf, cr] {
        let doc = read(&variant, Format::Vtt).unwrap();
        assert_eq!(paragraphs(&doc), paragraphs(&base));
        assert_eq!(speakers(&doc), speakers(&base));
    }
}

#[test]
fn webvtt_with_hours_and_unclosed_voices() {
    let doc = fixture("teams.vtt", Format::Vtt);
    let (c, s) = (Some("Chen Wei"), Some("Sam Okafor"));
    assert_eq!(speakers(&doc), [c, s, c]);
    assert_eq!(times(&doc), [Some(0.0), Some(7.25), Some(3600.0)]);
    assert_eq!(
        paragraphs(&doc)[0],
        ["So we shipped the build on Friday, as planned."]
    );
    assert_eq!(paragraphs(&doc)[1], ["Any regressions?"]);
    // An hour long: sections by time.
    assert_eq!(
        titles(&doc),
        [Some("0:00:00–1:00:00"), Some("1:00:00–1:00:03")]
    );
}

#[test]
fn srt_with_malformed_times_and_two_speakers_per_cue() {
    let doc = fixture("show.srt", Format::Srt);
    let (m, t) = (Some("Margarethe Vogel"), Some("Tomas Ruiz"));
    assert_eq!(speakers(&doc), [m, t, m, t, m, t]);
    assert_eq!(
        times(&doc),
        [
            Some(1.0),
            Some(6.0),
            Some(6.0),
            Some(9.0),
            Some(12.0),
            Some(12.0)
        ]
    );
    assert_eq!(
        paragraphs(&doc),
        [
            vec!["Welcome to the show. [silence]"],
            vec!["Thanks."],
            vec!["Shall we start?"],
            vec!["Yes."],
            vec!["Good."],
            vec!["Great."],
        ]
    );
}

#[test]
fn whisper_json_without_speakers_splits_at_pauses() {
    let doc = fixture("whisper.json", Format::Json);
    assert_eq!(speakers(&doc), [None, None]);
    assert_eq!(times(&doc), [Some(0.0), Some(9.0)]);
    assert_eq!(
        paragraphs(&doc),
        [
            vec!["Hello and welcome. This is the news."],
            vec!["After the break, sport."]
        ]
    );
    assert_eq!(doc.turns().map(|t| t.line).collect::<Vec<_>>(), [5, 7]);
}

#[test]
fn whisperx_json_merges_by_speaker() {
    let doc = fixture("whisperx.json", Format::Json);
    let (a, b) = (Some("SPEAKER_00"), Some("SPEAKER_01"));
    assert_eq!(speakers(&doc), [a, b, a]);
    assert_eq!(times(&doc), [Some(0.5), Some(2.5), Some(6.5)]);
    assert_eq!(paragraphs(&doc)[1], ["Fine, thanks. And you?"]);
}

#[test]
fn podcast_json_lists() {
    let doc = fixture("podcast.json", Format::Json);
    let (a, b) = (Some("Alice Moreau"), Some("Bob"));
    assert_eq!(speakers(&doc), [a, b, a]);
    assert_eq!(times(&doc), [Some(0.0), Some(6.2), Some(8.5)]);
    let doc = fixture("podcasting20.json", Format::Json);
    assert_eq!(speakers(&doc), [Some("Dana"), Some("Omar")]);
    assert_eq!(times(&doc), [Some(0.5), Some(3.0)]);
    assert_eq!(paragraphs(&doc)[0], ["Hello there."]);
}

#[test]
fn diarized_speaker_and_time_tags() {
    let doc = fixture("speakers.txt", Format::Diarized);
    let (a, b) = (Some("Speaker 1"), Some("Speaker 2"));
    assert_eq!(speakers(&doc), [a, b, a]);
    assert_eq!(times(&doc), [Some(0.0), Some(4.0), Some(75.0)]);
    assert_eq!(
        paragraphs(&doc)[1],
        ["Happy to be here.", "It has been a busy year."]
    );
}

#[test]
fn diarized_speaker_ids() {
    let doc = fixture("pyannote.txt", Format::Diarized);
    let (a, b) = (Some("SPEAKER_00"), Some("SPEAKER_01"));
    assert_eq!(speakers(&doc), [a, b, a]);
    assert_eq!(
        paragraphs(&doc)[1],
        ["Yes. The first point is the budget. It is over by ten percent."]
    );
}

#[test]
fn timestamped_labels_with_text_below() {
    // The plain-text parser reads these; the diarized reader agrees.
    let t = text("timestamped.txt");
    assert_eq!(detect(&t, Some("txt")), Format::Text);
    for format in [Format::Text, Format::Diarized] {
        let doc = read(&t, format).unwrap();
        let (a, l) = (Some("Ana Lima"), Some("Leo Park"));
        assert_eq!(speakers(&doc), [a, l, a], "{format}");
        assert_eq!(
            times(&doc),
            [Some(2.0), Some(62.0), Some(130.0)],
            "{format}"
        );
        assert_eq!(
            paragraphs(&doc)[1],
            ["Thanks, Ana. Two updates today.", "First, hiring."],
            "{format}"
        );
    }
}

#[test]
fn otter_names_with_times_below() {
    let doc = fixture("otter.txt", Format::Diarized);
    let (m, t) = (Some("Margarethe Vogel"), Some("Tomas Ruiz"));
    assert_eq!(speakers(&doc), [m, t, m]);
    assert_eq!(times(&doc), [Some(0.0), Some(7.0), Some(3725.0)]);
    assert_eq!(titles(&doc), [Some("0:00:00–1:02:05"), Some("1:02:05")]);
}

#[test]
fn whisper_command_line_output() {
    let doc = fixture("whisper.txt", Format::Diarized);
    assert_eq!(speakers(&doc), [None, None]);
    assert_eq!(times(&doc), [Some(0.0), Some(12.0)]);
    assert_eq!(
        paragraphs(&doc),
        [
            vec!["The market opened higher this morning. Tech stocks led the gains."],
            vec!["In other news, rain is expected. Take an umbrella."],
        ]
    );
}

/// A 45-minute SRT with a long silence at 17:00 and no headings.
fn long_srt() -> String {
    let mut out = String::new();
    let mut t = 0u32;
    let mut i = 1;
    while t < 45 * 60 {
        let who = if i % 2 == 0 { "Ana" } else { "Leo" };
        let clock = |s: u32| format!("{:02}:{:02}:{:02},000", s / 3600, s / 60 % 60, s % 60);
        out += &format!(
            "{i}\n{} --> {}\n{who}: Line {i}.\n\n",
            clock(t),
            clock(t + 4)
        );
        i += 1;
        t += if t == 16 * 60 + 40 { 60 } else { 20 };
    }
    out
}

#[test]
fn long_captions_get_sections_by_time() {
    let doc = read(&long_srt(), Format::Srt).unwrap();
    assert_eq!(
        titles(&doc),
        [
            Some("0:00–10:00"),
            Some("10:00–17:40"),
            Some("17:40–27:40"),
            Some("27:40–37:40"),
            Some("37:40–44:44"),
        ]
    );
    let firsts: Vec<Option<f64>> = doc.sections.iter().map(|s| s.turns[0].time).collect();
    assert_eq!(
        firsts,
        [
            Some(0.0),
            Some(600.0),
            Some(1060.0),
            Some(1660.0),
            Some(2260.0)
        ]
    );
}

#[test]
fn the_extension_is_only_a_hint() {
    // Markdown-looking content in a .txt and plain content in a .md.
    assert_eq!(detect(&text("episode.md"), Some("txt")), Format::Markdown);
    assert_eq!(
        detect("Ana: Hi.\nLeo: Hello.\n", Some("md")),
        Format::Markdown
    );
    assert_eq!(detect("Ana: Hi.\nLeo: Hello.\n", Some("vtt")), Format::Text);
    assert_eq!(detect(&text("show.srt"), Some("vtt")), Format::Srt);
    // The bundled sample stays plain text.
    let sample = std::str::from_utf8(tread::SAMPLE).unwrap();
    assert_eq!(detect(sample, Some("txt")), Format::Text);
}

#[test]
fn invalid_input_gets_a_clear_error() {
    let err = read("Ana: hello\n", Format::Vtt).unwrap_err();
    assert_eq!(
        err.to_string(),
        "not a WebVTT file: it starts with \"Ana: hello\", not WEBVTT"
    );
    assert!(matches!(
        read("{\"segments\": 3}", Format::Json),
        Err(FormatError::Json(_))
    ));
    assert!(matches!(
        read("no times here", Format::Srt),
        Err(FormatError::Srt(_))
    ));
    assert!(matches!(
        read("Just prose.", Format::Diarized),
        Err(FormatError::Diarized)
    ));
    // Detected but broken JSON falls back to plain text with a warning.
    let (format, doc) = read_auto("{\"segments\": [", None);
    assert_eq!(format, Format::Text);
    assert!(
        doc.warnings[0].contains("read as plain text"),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn load_honours_the_format_option() {
    let bytes = text("zoom.vtt").into_bytes();
    let detected = load(&bytes, &LoadOptions::default()).unwrap();
    assert_eq!(
        speakers(&detected),
        [Some("Ana Lima"), Some("Leo Park"), Some("Ana Lima")]
    );
    let forced = LoadOptions {
        format: Some(Format::Json),
        ..LoadOptions::default()
    };
    assert!(load(&bytes, &forced).is_err());
}

#[test]
fn unpunctuated_chinese_whisper_breaks_sentences_at_cues() {
    let doc = fixture("whisper-zh.txt", Format::Diarized);
    let turn = doc.turns().next().unwrap();
    let sentences: Vec<&str> = turn
        .paragraphs
        .iter()
        .flat_map(|p| {
            tread::transcript::sentences::split(p)
                .into_iter()
                .map(move |r| &p[r])
        })
        .collect();
    assert_eq!(
        sentences,
        [
            "大家好欢迎收听本期节目",
            "今天我们请到了一位特别的嘉宾",
            "他在人工智能领域工作了二十年",
            "我们先请他做个自我介绍",
            "谢谢主持人大家好"
        ]
    );
}

#[test]
fn json_escapes_cannot_smuggle_controls_into_the_document() {
    // `\u001b` is decoded by the JSON reader, after the decoder cleaned the
    // file: the reader must clean those strings itself.
    let t = r#"{"title": "T\u001b]0;x\u0007", "segments": [
        {"start": 0, "speaker": "Ann\u202e", "text": "Hi \u001b[2J \u009b there."}]}"#;
    let doc = read(t, Format::Json).unwrap();
    let mut all = doc.title.clone().unwrap_or_default();
    for turn in doc.turns() {
        all.extend(turn.speaker.clone());
        all.extend(turn.paragraphs.iter().cloned());
    }
    assert!(
        !all.chars()
            .any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{9b}' || c == '\u{202e}'),
        "{all}"
    );
    assert_eq!(paragraphs(&doc)[0], ["Hi ␛[2J <9B> there."]);
    assert_eq!(speakers(&doc), [Some("Ann")]);
    assert_eq!(doc.title.as_deref(), Some("T␛]0;x␇"));
}
