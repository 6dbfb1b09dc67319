//! Summaries of each format, of what is not a transcript, and of heads.

use super::*;
use std::fs;
use std::path::PathBuf;

fn file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn summary_of(name: &str, bytes: &[u8]) -> Summary {
    let dir = tempfile::tempdir().unwrap();
    Summary::read(&file(&dir, name, bytes))
}

const TEXT: &str = "Title: Pricing panel\nDate: 2024-03-05\n\n\
    ANNA: Welcome, everyone, to the panel about pricing and more.\n\n\
    BEN: Thanks.\n\nANNA: Let us begin with the first question today.\n";

#[test]
fn plain_text_with_a_header() {
    let s = summary_of("panel.txt", TEXT.as_bytes());
    assert_eq!(s.title, "Pricing panel");
    assert_eq!(s.date.as_deref(), Some("2024-03-05"));
    assert_eq!(s.dated_by, DatedBy::Meta);
    assert_eq!(s.format, "text");
    assert_eq!(s.speakers, ["ANNA", "BEN"]);
    assert_eq!(s.turns, 3);
    assert_eq!(s.duration, None);
    assert_eq!(s.bytes, TEXT.len() as u64);
    assert!(s.complete);
    assert_eq!(s.problem, None);
}

#[test]
fn markdown_front_matter_and_speakers_by_words() {
    let md = "---\ntitle: 访谈\ndate: 2023年7月1日\n---\n\n**王小明：** 你好。\n\n\
              **李华：** 我们今天聊一聊开源模型的未来和它的价格。\n";
    let s = summary_of("talk.md", md.as_bytes());
    assert_eq!(s.title, "访谈");
    assert_eq!(s.date.as_deref(), Some("2023-07-01"));
    assert_eq!(s.format, "markdown");
    assert_eq!(s.speakers, ["李华", "王小明"]);
    assert_eq!(s.turns, 2);
}

#[test]
fn captions_have_a_duration_and_the_file_time() {
    let srt = "1\n00:00:01,000 --> 00:00:04,000\nANNA: Hello there.\n\n\
               2\n00:01:05,000 --> 00:01:09,500\nBEN: Hi, Anna.\n";
    let s = summary_of("call.srt", srt.as_bytes());
    assert_eq!(s.title, "call");
    assert_eq!(s.format, "srt");
    assert_eq!(s.duration, Some(69));
    assert_eq!(s.dated_by, DatedBy::FileTime);
    assert_eq!(s.date.as_deref().map(str::len), Some(10));
    let vtt = "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Anna>Hi.\n\n\
               00:02.000 --> 00:07.000\n<v Ben>Hello, how are you?\n";
    let s = summary_of("call.vtt", vtt.as_bytes());
    assert_eq!((s.format.as_str(), s.duration), ("vtt", Some(7)));
    assert_eq!(s.speakers, ["Ben", "Anna"]);
}

#[test]
fn speech_to_text_json() {
    let json = r#"{"segments": [{"start": 0.0, "end": 2.5, "text": " Hello there.", "speaker": "SPEAKER_00"},
        {"start": 2.5, "end": 95.0, "text": " Hi, and welcome back.", "speaker": "SPEAKER_01"}]}"#;
    let s = summary_of("asr.json", json.as_bytes());
    assert_eq!(
        (s.format.as_str(), s.turns, s.duration),
        ("json", 2, Some(95))
    );
    assert_eq!(s.speakers, ["SPEAKER_01", "SPEAKER_00"]);
}

#[test]
fn diarized_lines() {
    let otter = "Anna Lee  0:00\nWelcome to the show, today we talk about maps.\n\n\
                 Ben Ode  0:12\nThanks for having me.\n\nAnna Lee  1:02\nLet us start.\n";
    let s = summary_of("show.txt", otter.as_bytes());
    assert_eq!(s.format, "diarized");
    assert_eq!(s.speakers, ["Anna Lee", "Ben Ode"]);
    assert_eq!(s.turns, 3);
    assert!(s.duration.is_some_and(|d| d >= 62));
}

#[test]
fn legacy_and_utf16_encodings() {
    let (gb, _, _) = encoding_rs::GB18030
        .encode("主持人：大家好，欢迎收看节目。\n嘉宾：谢谢主持人。\n主持人：我们开始吧。\n");
    let s = summary_of("gb.txt", &gb);
    assert_eq!(s.speakers, ["主持人", "嘉宾"]);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "ANNA: Hello.\nBEN: Hi there, Anna.\nANNA: Bye.\n".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let s = summary_of("u16.txt", &utf16);
    assert_eq!((s.turns, s.problem), (3, None));
}

#[test]
fn what_is_not_a_transcript_says_why() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
    let s = summary_of("logo.png", png);
    assert!(s.problem.as_deref().unwrap().contains("binary"), "{s:?}");
    assert_eq!((s.title.as_str(), s.format.as_str()), ("logo", ""));
    let s = summary_of("empty.txt", b"");
    assert_eq!(s.problem.as_deref(), Some("empty file"));
    assert_eq!(s.bytes, 0);
    let s = summary_of("blank.txt", b" \n\n");
    assert_eq!(s.problem.as_deref(), Some("empty file"));
}

#[test]
fn a_missing_file_or_a_folder_is_a_problem_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let s = Summary::read(&dir.path().join("gone.txt"));
    assert!(s.problem.unwrap().contains("No such file"));
    fs::create_dir(dir.path().join("notes.txt")).unwrap();
    let s = Summary::read(&dir.path().join("notes.txt"));
    assert_eq!(s.problem.as_deref(), Some("a folder"));
}

#[test]
fn a_head_is_complete_only_when_it_is_the_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir, "panel.txt", TEXT.as_bytes());
    let meta = fs::metadata(&path).unwrap();
    let whole = Summary::of_head(&path, TEXT.as_bytes(), &meta);
    assert_eq!(whole, Summary::read(&path));
    // Cut inside the last turn: that partial line is dropped.
    let cut = &TEXT.as_bytes()[..TEXT.len() - 10];
    let head = Summary::of_head(&path, cut, &meta);
    assert!(!head.complete);
    assert_eq!((head.turns, head.bytes), (2, TEXT.len() as u64));
    assert_eq!(head.title, "Pricing panel");
}

#[test]
fn a_utf16_head_cut_mid_line_keeps_whole_characters() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "主持人：你好。\n嘉宾：谢谢。\n主持人：再见".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    assert_eq!(whole_lines(&bytes).len() % 2, 0);
    assert!(whole_lines(&bytes).ends_with(&[b'\n', 0]));
}
