use super::*;
use crate::transcript::formats::{Format, detect};

fn doc(text: &str) -> Document {
    read(text, &SpeakerRules::default())
}

/// Each turn as `speaker: paragraphs`.
fn turns(doc: &Document) -> Vec<String> {
    doc.turns()
        .map(|t| {
            let who = t.speaker.as_deref().unwrap_or("-");
            format!("{who}: {}", t.paragraphs.join(" / "))
        })
        .collect()
}

#[test]
fn one_object_per_line_is_json_lines() {
    let lines = "{\"start\": 0, \"text\": \"a\"}\n{\"start\": 1, \"text\": \"b\"}\n";
    assert_eq!(detect(lines, None), Format::JsonLines);
    // One object alone, being written or not.
    assert_eq!(detect("{\"partial\": \"hel\"}", None), Format::JsonLines);
    // A whole document on one line, or pretty-printed, is JSON.
    let whole = "{\"segments\": [{\"start\": 0, \"text\": \"a\"}]}\n";
    assert_eq!(detect(whole, None), Format::Json);
    assert_eq!(detect("{\n  \"segments\": []\n}\n", None), Format::Json);
    assert_eq!(detect("[{\"text\": \"a\"}]", None), Format::Json);
    // Messages that each carry a segments list (WhisperLive), line after line.
    let messages = format!("{}{}", whole, whole);
    assert_eq!(detect(&messages, None), Format::JsonLines);
}

#[test]
fn segments_merge_into_turns_by_speaker_with_times_and_lines() {
    let d = doc(concat!(
        "{\"id\": 0, \"start\": 0.0, \"end\": 1.5, \"text\": \" Hello there.\", \"speaker\": \"SPEAKER_00\"}\n",
        "{\"id\": 1, \"start\": 1.5, \"end\": 3.0, \"text\": \" How are you?\", \"speaker\": \"SPEAKER_00\"}\n",
        "{\"id\": 2, \"start\": 3.2, \"end\": 4.0, \"text\": \"Fine.\", \"speaker\": \"SPEAKER_01\"}\n",
    ));
    assert_eq!(
        turns(&d),
        ["SPEAKER_00: Hello there. How are you?", "SPEAKER_01: Fine."]
    );
    let t: Vec<_> = d.turns().map(|t| (t.line, t.end_line, t.time)).collect();
    assert_eq!(t, [(1, 2, Some(0.0)), (3, 3, Some(3.2))]);
    assert_eq!(d.duration, Some(4.0));
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn a_later_line_with_the_same_id_replaces_the_earlier_in_place() {
    let d = doc(concat!(
        "{\"id\": 1, \"start\": 0, \"text\": \"Frist try.\", \"speaker\": \"A\"}\n",
        "{\"id\": 2, \"start\": 5, \"text\": \"Second.\", \"speaker\": \"B\"}\n",
        "{\"id\": 1, \"start\": 0, \"text\": \"First try.\", \"speaker\": \"A\"}\n",
    ));
    assert_eq!(turns(&d), ["A: First try.", "B: Second."]);
    // The surviving version's own line.
    assert_eq!(d.turns().next().map(|t| t.line), Some(3));
}

#[test]
fn without_an_id_the_same_start_time_is_the_same_segment() {
    let d = doc(concat!(
        "{\"start\": 1.2, \"end\": 2.0, \"text\": \"hello\"}\n",
        "{\"start\": 1.2, \"end\": 3.4, \"text\": \"hello world\"}\n",
        "{\"start\": 3.5, \"end\": 4.0, \"text\": \"again\"}\n",
    ));
    assert_eq!(turns(&d), ["-: hello world again"]);
}

#[test]
fn a_partial_is_replaced_by_the_next_result_and_only_the_last_survives() {
    let d = doc(concat!(
        "{\"start\": 0, \"text\": \"the cat\", \"final\": false}\n",
        "{\"start\": 0, \"text\": \"the cat sat\", \"final\": false}\n",
        "{\"start\": 0.1, \"text\": \"The cat sat down.\", \"final\": true}\n",
        "{\"start\": 1.5, \"text\": \"It purred\", \"is_final\": false}\n",
    ));
    // The final replaced the partials even at another start; the last
    // partial is shown until its final comes.
    assert_eq!(turns(&d), ["-: The cat sat down. It purred"]);
}

#[test]
fn vosk_partials_and_results() {
    let d = doc(concat!(
        "{\"partial\" : \"\"}\n",
        "{\"partial\" : \"one\"}\n",
        "{\"partial\" : \"one two\"}\n",
        "{\"result\" : [{\"conf\": 1.0, \"end\": 0.9, \"start\": 0.3, \"word\": \"one\"}, {\"conf\": 1.0, \"end\": 1.5, \"start\": 1.0, \"word\": \"two\"}], \"text\" : \"one two\"}\n",
        "{\"text\" : \"\"}\n",
        "{\"partial\" : \"three\"}\n",
    ));
    assert_eq!(turns(&d), ["-: one two three"]);
    let first = d.turns().next().map(|t| t.time);
    assert_eq!(first, Some(Some(0.3)));
    assert_eq!(d.duration, Some(1.5));
}

#[test]
fn deepgram_results_with_interim_ones_and_diarized_words() {
    let result = |start: f64, text: &str, fin: bool| {
        format!(
            "{{\"type\": \"Results\", \"channel_index\": [0, 1], \"duration\": 1.5, \"start\": {start}, \"is_final\": {fin}, \"speech_final\": {fin}, \"channel\": {{\"alternatives\": [{{\"transcript\": \"{text}\", \"confidence\": 0.9, \"words\": [{{\"word\": \"x\", \"start\": {start}, \"end\": 1.0, \"speaker\": 1}}]}}]}}}}\n"
        )
    };
    let text = [
        "{\"type\": \"Metadata\", \"request_id\": \"r\", \"channels\": 1}\n".to_string(),
        result(0.0, "another", false),
        result(0.0, "another big", true),
        result(1.5, "step", false),
    ]
    .concat();
    let d = doc(&text);
    assert_eq!(turns(&d), ["Speaker 1: another big step"]);
    assert_eq!(d.duration, Some(3.0));
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn whisper_cpp_centiseconds_and_assemblyai_milliseconds() {
    let d = doc("{\"t0\": 150, \"t1\": 320, \"text\": \" Hi.\"}\n");
    let t = d.turns().next().map(|t| t.time);
    assert_eq!((t, d.duration), (Some(Some(1.5)), Some(3.2)));
    let d = doc(concat!(
        "{\"message_type\": \"PartialTranscript\", \"audio_start\": 2000, \"audio_end\": 2500, \"text\": \"so we\"}\n",
        "{\"message_type\": \"FinalTranscript\", \"audio_start\": 2000, \"audio_end\": 4100, \"text\": \"So we begin.\"}\n",
    ));
    assert_eq!(turns(&d), ["-: So we begin."]);
    let t = d.turns().next().map(|t| t.time);
    assert_eq!((t, d.duration), (Some(Some(2.0)), Some(4.1)));
}

#[test]
fn whisperlive_messages_repeat_their_window() {
    let d = doc(concat!(
        "{\"uid\": \"u\", \"segments\": [{\"start\": \"0.000\", \"end\": \"2.000\", \"text\": \"Good morning.\", \"completed\": true}, {\"start\": \"2.000\", \"end\": \"3.000\", \"text\": \"We\", \"completed\": false}]}\n",
        "{\"uid\": \"u\", \"segments\": [{\"start\": \"0.000\", \"end\": \"2.000\", \"text\": \"Good morning.\", \"completed\": true}, {\"start\": \"2.000\", \"end\": \"4.000\", \"text\": \"We start now.\", \"completed\": false}]}\n",
    ));
    assert_eq!(turns(&d), ["-: Good morning. We start now."]);
}

#[test]
fn bad_lines_are_skipped_with_one_warning_once_complete() {
    let good = "{\"start\": 0, \"text\": \"Hello.\"}\n";
    // A last line still being written is not a problem yet.
    let d = doc(&format!("{good}{{\"start\": 1, \"te"));
    assert_eq!(turns(&d), ["-: Hello."]);
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    // Once its line feed has come, it is.
    let d = doc(&format!("{good}{{\"start\": 1, \"te\n"));
    assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
    assert!(d.warnings[0].starts_with("line 2 is not a JSON object"));
    let later = "{\"start\": 1, \"text\": \"Hello.\"}\n";
    let d = doc(&format!("{good}garbage\n[1, 2]\n{later}"));
    assert_eq!(turns(&d), ["-: Hello. Hello."]);
    assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
    assert!(
        d.warnings[0].starts_with("2 lines are not JSON objects and were skipped (first at line 2"),
        "{:?}",
        d.warnings
    );
    // A last line that parses is read, line feed or not.
    let d = doc(&format!("{good}{{\"start\": 1, \"text\": \"Bye.\"}}"));
    assert_eq!(turns(&d), ["-: Hello. Bye."]);
}

#[test]
fn escapes_in_strings_are_sanitised() {
    let d = doc("{\"text\": \"a\\u001b[31mb\", \"speaker\": \"X\\u202eY\"}\n");
    assert_eq!(turns(&d), ["XY: a␛[31mb"]);
}
