use super::*;
use crate::transcript::load;

fn options() -> LoadOptions {
    LoadOptions::default()
}

#[test]
fn the_document_is_what_load_gives_on_the_settled_text() {
    let mut live = Live::new();
    live.push(b"Ana: Hello there.\r\nLeo: We grew 12% last year.\r\n");
    let doc = live.document(&options()).unwrap();
    assert_eq!(
        doc,
        load(live.text().text().as_bytes(), &options()).unwrap()
    );
    assert_eq!(doc.turns().count(), 2);
    assert_eq!(doc.claims.len(), 1);
}

#[test]
fn a_format_the_first_bytes_cannot_tell_yet_is_detected_again() {
    let mut live = Live::new();
    live.push(b"WEB");
    live.document(&options()).unwrap();
    assert_eq!(live.format(), None);
    live.push(b"VTT\n\n00:01.000 --> 00:02.000\n<v Ana>Hello.\n\n");
    let doc = live.document(&options()).unwrap();
    assert_eq!(
        doc.turns()
            .next()
            .and_then(|t| t.speaker.clone())
            .as_deref(),
        Some("Ana")
    );
    // Too short for detection to have seen all it reads: not kept yet.
    assert_eq!(live.format(), None);
}

#[test]
fn the_format_is_kept_once_detection_has_seen_its_sample() {
    let mut live = Live::new();
    let mut text = String::new();
    for i in 0..410 {
        text += &format!("{{\"start\": {i}, \"text\": \"Line {i}.\"}}\n");
    }
    live.push(text.as_bytes());
    live.document(&options()).unwrap();
    assert_eq!(live.format(), Some(Format::JsonLines));
    live.reset();
    assert_eq!(live.format(), None);
}

#[test]
fn a_named_format_is_read_as_named() {
    let mut live = Live::new();
    live.push(b"Ana: hi\n");
    let forced = LoadOptions {
        format: Some(Format::Srt),
        ..options()
    };
    assert!(live.document(&forced).is_err());
    // Detected JSON that is not JSON falls back to text, as `load` does.
    let mut live = Live::new();
    live.push(b"{\"segments\": [\n{\"text\": \"x\"}");
    let doc = live.document(&options()).unwrap();
    assert_eq!(
        doc,
        load(live.text().text().as_bytes(), &options()).unwrap()
    );
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.ends_with("read as plain text"))
    );
}
