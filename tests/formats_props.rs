//! Properties of the format readers on arbitrary input: none panics, and
//! detection never picks a format whose reader then fails.

use proptest::prelude::*;
use tread::transcript::formats::{Format, detect, read, read_auto};

/// Text built from pieces every format cares about, so the readers see
/// signatures, timings, tags and labels in odd places.
fn pieces() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("WEBVTT\n".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("00:00:01,000 --> 00:00:02,000\n".to_string()),
        Just("00:01.000 --> 00:02.500 align:start\n".to_string()),
        Just("<v Ana Lima>".to_string()),
        Just("</v>".to_string()),
        Just("<c.x>".to_string()),
        Just("&amp;".to_string()),
        Just("[Speaker 1] [00:12] ".to_string()),
        Just("SPEAKER_00: ".to_string()),
        Just("[00:00.000 --> 00:04.000] ".to_string()),
        Just("Ana Lima  0:00\n".to_string()),
        Just("**Ana:** ".to_string()),
        Just("[link](http://x)".to_string()),
        Just("---\n".to_string()),
        Just("# T\n".to_string()),
        Just("{\"segments\":[{\"start\":1,\"text\":\"a\",\"speaker\":\"B\"}]}".to_string()),
        Just("[{\"speaker\":\"A\",\"start\":0,\"text\":\"x\"}]".to_string()),
        Just("{\"id\":1,\"start\":1,\"text\":\"a\",\"final\":false}\n".to_string()),
        Just("{\"partial\":\"b\"}".to_string()),
        Just("NOTE x\n".to_string()),
        Just("1\n".to_string()),
        Just("\0".to_string()),
        Just("\u{feff}".to_string()),
        "[a-zA-Z :\\[\\]<>{}\",.0-9\n-]{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_reader_panics(text in pieces()) {
        for format in Format::ALL {
            let _ = read(&text, format);
        }
        let _ = read_auto(&text, Some("vtt"));
    }

    #[test]
    fn detection_picks_a_format_that_reads(text in pieces(), ext in prop::sample::select(vec![None, Some("vtt"), Some("srt"), Some("md"), Some("json"), Some("txt")])) {
        let format = detect(&text, ext);
        let ok = read(&text, format).is_ok();
        // JSON is only known to be valid by parsing it all: detection says
        // JSON for anything that starts like it, and loading falls back to
        // plain text (with a warning) when it is not.
        if format != Format::Json {
            prop_assert!(ok, "{format} was detected but fails on {text:?}");
        }
        let (chosen, _) = read_auto(&text, ext);
        prop_assert!(read(&text, chosen).is_ok());
    }

    #[test]
    fn every_cue_text_ends_up_in_a_turn(words in prop::collection::vec("[a-z]{1,8}", 1..20)) {
        let mut vtt = String::from("WEBVTT\n\n");
        for (i, w) in words.iter().enumerate() {
            vtt += &format!("00:00:{:02}.000 --> 00:00:{:02}.500\n{w}\n\n", i % 60, i % 60);
        }
        prop_assert_eq!(detect(&vtt, None), Format::Vtt);
        let doc = read(&vtt, Format::Vtt).unwrap();
        let all: String = doc.turns().flat_map(|t| t.paragraphs.iter()).cloned().collect::<Vec<_>>().join(" ");
        for w in &words {
            prop_assert!(all.contains(w.as_str()), "{w} missing from {all:?}");
        }
    }

    #[test]
    fn generated_files_are_detected(lines in prop::collection::vec(("(Ana|Leo|SPEAKER_0[0-3])", "[A-Z][a-z]{1,8}( [a-z]{1,8}){0,5}\\."), 2..12)) {
        let mut srt = String::new();
        let mut json = Vec::new();
        let mut diarized = String::new();
        for (i, (who, text)) in lines.iter().enumerate() {
            srt += &format!("{}\n00:00:{:02},000 --> 00:00:{:02},500\n{who}: {text}\n\n", i + 1, i, i);
            json.push(serde_json::json!({"speaker": who, "start": i, "end": i as f64 + 0.5, "text": text}));
            diarized += &format!("[{who}] [00:{i:02}] {text}\n");
        }
        let json = serde_json::json!({"segments": json}).to_string();
        prop_assert_eq!(detect(&srt, None), Format::Srt);
        prop_assert_eq!(detect(&json, None), Format::Json);
        prop_assert_eq!(detect(&diarized, None), Format::Diarized);
        for (text, format) in [(&srt, Format::Srt), (&json, Format::Json), (&diarized, Format::Diarized)] {
            let doc = read(text, format).unwrap();
            prop_assert!(doc.turns().count() >= 1);
        }
    }
}
