use super::*;

/// The text after pushing each chunk in turn.
fn fed(chunks: &[&[u8]]) -> LiveText {
    let mut live = LiveText::new();
    for c in chunks {
        live.push(c);
    }
    live
}

#[test]
fn appended_lines_settle_and_count_generations() {
    let mut live = LiveText::new();
    assert_eq!((live.text(), live.generation()), ("", 0));
    assert!(live.push(b"Ana: hello\nLeo: hi"));
    assert_eq!(live.text(), "Ana: hello\nLeo: hi");
    assert_eq!(live.settled_lines(), "Ana: hello\n");
    assert_eq!(live.generation(), 1);
    assert!(live.append_only());
    assert!(live.push(b" there\n"));
    assert_eq!(live.text(), "Ana: hello\nLeo: hi there\n");
    assert_eq!((live.generation(), live.consumed()), (2, 25));
    // Nothing new, nothing changed.
    assert!(!live.push(b""));
    assert_eq!(live.generation(), 2);
}

#[test]
fn a_partial_rewritten_three_times_is_one_line() {
    let mut live = LiveText::new();
    live.push(b"Ana: text\r");
    assert_eq!(
        live.text(),
        "Ana: text",
        "a return alone changes nothing yet"
    );
    live.push(b"Ana: better text\r");
    assert_eq!(live.text(), "Ana: better text");
    assert!(!live.append_only());
    live.push(b"Ana: best text\nLeo: ok\n");
    assert_eq!(live.text(), "Ana: best text\nLeo: ok\n");
    assert!(!live.append_only());
    // The settled line is never rewritten again.
    live.push(b"\rLeo: again\n");
    assert_eq!(live.text(), "Ana: best text\nLeo: ok\nLeo: again\n");
    assert!(live.append_only());
}

#[test]
fn crlf_is_a_line_end_even_split_between_chunks() {
    assert_eq!(fed(&[b"a\r\nb\r\n"]).text(), "a\nb\n");
    let live = fed(&[b"a\r", b"\nb\r", b"\n"]);
    assert_eq!(live.text(), "a\nb\n");
    assert!(live.append_only());
    // A return before the line end leaves the line as it is, as a terminal does.
    assert_eq!(fed(&[b"text\r", b"\r", b"\n"]).text(), "text\n");
}

#[test]
fn whisper_stream_clears_the_line_with_escape_sequences() {
    let clear = format!("\x1b[2K\r{}\x1b[2K\r", " ".repeat(100));
    let mut out = Vec::new();
    for partial in [
        " And so",
        " And so my fellow",
        " And so my fellow Americans,",
    ] {
        out.extend_from_slice(clear.as_bytes());
        out.extend_from_slice(partial.as_bytes());
    }
    out.push(b'\n');
    assert_eq!(fed(&[&out]).text(), " And so my fellow Americans,\n");
    // The same one byte at a time.
    let bytes: Vec<&[u8]> = out.chunks(1).collect();
    assert_eq!(fed(&bytes).text(), " And so my fellow Americans,\n");
    // Colours are dropped too.
    assert_eq!(fed(&[b"\x1b[38;5;196mred\x1b[0m\n"]).text(), "red\n");
}

#[test]
fn an_escape_that_starts_no_sequence_stays_text() {
    let live = fed(&[b"a\x1b", b"b\n"]);
    assert_eq!(live.text(), "a\x1bb\n");
    // Held until its end comes, then dropped.
    let mut live = LiveText::new();
    live.push(b"a\x1b[2");
    assert_eq!(live.text(), "a");
    live.push(b"Kb");
    assert_eq!(live.text(), "ab");
    // Broken by a byte no sequence has.
    assert_eq!(fed(&[b"a\x1b[2\x01b"]).text(), "a\x1b[2\x01b");
    // Too long to be one.
    let long = format!("\x1b[{}x", "1".repeat(100));
    assert_eq!(fed(&[long.as_bytes()]).text(), long);
}

#[test]
fn utf8_split_at_any_boundary_waits_for_the_rest() {
    let text = "王小明：你好\n";
    for cut in 0..=text.len() {
        let live = fed(&[&text.as_bytes()[..cut], &text.as_bytes()[cut..]]);
        assert_eq!(live.text(), text, "cut at {cut}");
    }
    let mut live = LiveText::new();
    live.push(&"王".as_bytes()[..2]);
    assert_eq!((live.text(), live.generation()), ("", 0));
}

#[test]
fn invalid_utf8_is_a_replacement_character() {
    assert_eq!(fed(&[b"a\xffb\n"]).text(), "a\u{FFFD}b\n");
    // A held sequence broken by a bad byte is text.
    assert_eq!(fed(&[b"a\x1b[2", b"\xffb"]).text(), "a\x1b[2\u{FFFD}b");
}

#[test]
fn the_cheap_check_tells_appends_from_rewrites() {
    let mut live = LiveText::new();
    live.push(b"WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n");
    let n = live.consumed();
    let head = b"WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n";
    assert_eq!(live.check(n, head), Growth::Same);
    assert_eq!(live.check(n + 10, head), Growth::Appended);
    assert_eq!(live.check(n + 10, &head[..4]), Growth::Appended);
    assert_eq!(live.check(n - 1, head), Growth::Rewritten);
    assert_eq!(live.check(n + 10, b"1\n00:00:01,000"), Growth::Rewritten);
    live.reset();
    assert_eq!(
        (live.text(), live.consumed(), live.generation()),
        ("", 0, 2)
    );
    assert!(!live.append_only());
    assert_eq!(live.check(5, b"1\n00:"), Growth::Appended);
}

#[test]
fn the_head_is_the_first_bytes_only() {
    let mut live = LiveText::new();
    let long = vec![b'x'; HEAD + 100];
    live.push(&long[..10]);
    live.push(&long[10..]);
    assert_eq!(live.check(long.len() as u64, &long), Growth::Same);
    let mut other = long.clone();
    other[HEAD + 50] = b'y';
    // A change past the head is not seen: the check is cheap, not thorough.
    assert_eq!(live.check(long.len() as u64, &other), Growth::Same);
    other[HEAD - 1] = b'y';
    assert_eq!(live.check(long.len() as u64, &other), Growth::Rewritten);
}
