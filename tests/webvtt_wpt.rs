//! The WebVTT parser against the W3C web-platform-tests file-parsing cases
//! (`webvtt/parsing/file-parsing/support/*.test` in web-platform-tests/wpt):
//! each input transcribed from the test source, with its expected cue count
//! and the ids, texts and times it asserts. Cue settings are parsed past
//! but not kept, so the settings cases check the cue count and text only.

use tread::transcript::formats::vtt::{VttCue, parse};

fn cues(input: &str) -> Vec<VttCue> {
    parse(input)
        .unwrap_or_else(|e| panic!("{e}: {input:?}"))
        .cues
}

fn texts(cues: &[VttCue]) -> Vec<&str> {
    cues.iter().map(|c| c.text.as_str()).collect()
}

fn ids(cues: &[VttCue]) -> Vec<&str> {
    cues.iter().map(|c| c.id.as_str()).collect()
}

const T: &str = "00:00:00.000 --> 00:00:01.000";

#[test]
fn ids_case() {
    let input = format!(
        "WEBVTT\n\n leading space\n{T}\ntext1\n\ntrailing space \n{T}\ntext2\n\n-- >\n{T}\ntext3\n\n->\n{T}\ntext4\n\n \n{T}\ntext5"
    );
    let c = cues(&input);
    assert_eq!(
        ids(&c),
        [" leading space", "trailing space ", "-- >", "->", " "]
    );
}

#[test]
fn newlines() {
    // The current version of newlines.test (CR, LF, CRLF and LF CR).
    let input = format!(
        "WEBVTT\r\rcr\r{T}\rtext1\n\nlf\n{T}\ntext2\r\n\r\ncrlf\r\n{T}\r\ntext3\n\rlfcr\r{T}\ntext4\n\r"
    );
    let c = cues(&input);
    assert_eq!(ids(&c), ["cr", "lf", "crlf", "lfcr"]);
    assert_eq!(texts(&c), ["text1", "text2", "text3", "text4"]);
}

#[test]
fn arrows() {
    let input = format!(
        "WEBVTT\n\n-->\n{T}\ntext1\nfoo-->\n{T}\ntext2\n-->foo\n{T}\ntext3\n--->\n{T}\ntext4\n-->-->\n{T}\ntext5\n{T}\ntext6\n\n00:00:00.000 -a -->\n\n00:00:00.000 --a -->\n\n00:00:00.000 - -->\n\n00:00:00.000 -- -->\n"
    );
    let c = cues(&input);
    assert_eq!(
        texts(&c),
        ["text1", "text2", "text3", "text4", "text5", "text6"]
    );
}

#[test]
fn timings_omitted_hours() {
    let input = "WEBVTT\n\n00:00.000 --> 00:00:01.000\ntext1\n\n00:00:00.000 --> 00:01.000\ntext2\n\n00:00.000 --> 00:01.000\ntext3\n";
    let c = cues(input);
    assert_eq!(texts(&c), ["text1", "text2", "text3"]);
    assert!(c.iter().all(|c| (c.start, c.end) == (0.0, 1.0)));
}

/// Bad start or end timestamps, each followed by an `invalid` cue that must
/// not be read.
fn invalid_between(first: &str, bad: &[&str], last: &str) -> String {
    let mut s = format!("WEBVTT\n\n{first}\ntext1\n\n");
    for b in bad {
        s += &format!("{b}\ninvalid\n\n");
    }
    s + &format!("{last}\ntext2\n")
}

#[test]
fn timings_too_short() {
    let bad = [
        "0000:00.000 --> 00:00:01.000",
        "00:0:00.000 --> 00:00:01.000",
        "00:0000.000 --> 00:00:01.000",
        "00:00:0.000 --> 00:00:01.000",
        "00:00:00000 --> 00:00:01.000",
        "00:00:00.00 --> 00:00:01.000",
        "00:00:00.0 --> 00:00:01.000",
        "00:00:00. --> 00:00:01.000",
        "00:00:00 --> 00:00:01.000",
        "00:00:0 --> 00:00:01.000",
        "00:00: --> 00:00:01.000",
        "00:00 --> 00:00:01.000",
        "00:0 --> 00:00:01.000",
        "00: --> 00:00:01.000",
        "00 --> 00:00:01.000",
        "0 --> 00:00:01.000",
        " --> 00:00:01.000",
        "0:00.000 --> 00:01.000",
        "0000.000 --> 00:01.000",
        "00:0.000 --> 00:01.000",
        "00:00000 --> 00:01.000",
        "00:00.00 --> 00:01.000",
        "00:00.0 --> 00:01.000",
        "00:00. --> 00:01.000",
        "0:00. --> 00:01.000",
        ":00. --> 00:01.000",
        "00. --> 00:01.000",
        "0. --> 00:01.000",
        ". --> 00:01.000",
        "00:00.000 --> 0:01.000",
    ];
    let input = invalid_between(
        "0:00:00.000 --> 00:00:01.000",
        &bad,
        "00:00:00.000 --> 0:00:01.000",
    );
    let c = cues(&input);
    assert_eq!(texts(&c), ["text1", "text2"]);
    assert!(c.iter().all(|c| (c.start, c.end) == (0.0, 1.0)));
}

#[test]
fn timings_too_long() {
    let bad = [
        "00::00:00.000 --> 00:00:01.000",
        "00:000:00.000 --> 00:00:01.000",
        "00:00::00.000 --> 00:00:01.000",
        "00:00:000.000 --> 00:00:01.000",
        "00:00:00..000 --> 00:00:01.000",
        "00:00:00.0000 --> 00:00:01.000",
        "00:00.0000 --> 00:00:01.000",
        "000:00.000 --> 00:01.000",
        "00::00.000 --> 00:01.000",
        "00:000.000 --> 00:01.000",
        "00:00..000 --> 00:01.000",
        "00:00.0000 --> 00:01.000",
        "00:00.000 --> 000:01.000",
    ];
    let input = invalid_between(
        "000:00:00.000 --> 00:00:01.000",
        &bad,
        "00:00:00.000 --> 000:00:01.000",
    );
    let c = cues(&input);
    assert_eq!(texts(&c), ["text1", "text2"]);
    assert!(c.iter().all(|c| (c.start, c.end) == (0.0, 1.0)));
}

#[test]
fn timings_negative() {
    let input = "WEBVTT\n\n00:00:00.000 --> 00:00:00.000\ntext1\n\n00:00:01.000 --> 00:00:00.999\ntext2\n\n00:01:00.000 --> 00:00:59.999\ntext3\n\n01:00:00.000 --> 00:59:59.999\ntext4\n";
    let c = cues(input);
    assert_eq!(texts(&c), ["text1", "text2", "text3", "text4"]);
    let times: Vec<(f64, f64)> = c.iter().map(|c| (c.start, c.end)).collect();
    let expected = [(0.0, 0.0), (1.0, 0.999), (60.0, 59.999), (3600.0, 3599.999)];
    for (got, want) in times.iter().zip(expected) {
        assert!(
            (got.0 - want.0).abs() < 1e-9 && (got.1 - want.1).abs() < 1e-9,
            "{got:?} {want:?}"
        );
    }
}

#[test]
fn whitespace_chars() {
    let input = "WEBVTT\n\nspaces\n   00:00:00.000    -->  00:00:01.000 \n   text1\n\ntabs\n\t\t\t00:00:00.000\t\t\t\t-->\t\t00:00:01.000\t\ntext2\n\nform feed\n\x0c\x0c\x0c00:00:00.000\x0c\x0c\x0c\x0c-->\x0c\x0c00:00:01.000\x0c\ntext3\n\nvertical tab\n\x0b\x0b\x0b00:00:00.000\x0b\x0b\x0b\x0b-->\x0b\x0b00:00:01.000\x0b\ntext4\n";
    let c = cues(input);
    assert_eq!(ids(&c), ["spaces", "tabs", "form feed"]);
    assert_eq!(texts(&c), ["   text1", "text2", "text3"]);
}

#[test]
fn nulls() {
    let mut input = String::from(
        "WEBVTT\n\0\n(null in previous line should make this line also part of the header)\n00:00:00.000 --> 00:00:01.000\ntext1\n\n\0 (null in id)\n00:00:00.000 --> 00:00:01.000\ntext2\n\n\u{fffd} (null in cue data)\n00:00:00.000 --> 00:00:01.000\n\u{fffd}text\u{0}3\n\n00:00:00.000 --> 00:00:01.000 align\0:end\ntext4\n\n00:00:00.000 --> 00:00:01.000 align:end\0\ntext5\n\n00:00:00.000 --> 00:00:01.000\0align:end\ntext6\n\n00:00:00.000 --> 00:00:01.000\0 align:end\ntext7\n",
    );
    // Then a NUL at every position of a timing line: none of these is a cue.
    let timing = "00:00:00.000 --> 00:00:01.000";
    for at in 0..timing.len() {
        input += &format!("\n{}\0{}\n\"FAIL\"\n", &timing[..at], &timing[at..]);
        input += &format!("\n{}\0{}\n\"FAIL\"\n", &timing[..at], &timing[at + 1..]);
    }
    let c = cues(&input);
    assert_eq!(
        texts(&c),
        [
            "text1",
            "text2",
            "\u{fffd}text\u{fffd}3",
            "text4",
            "text5",
            "text6",
            "text7"
        ]
    );
    assert_eq!(ids(&c)[1], "\u{fffd} (null in id)");
    assert_eq!(ids(&c)[2], "\u{fffd} (null in cue data)");
}

#[test]
fn signature_no_newline() {
    assert!(cues("WEBVTT").is_empty());
}

#[test]
fn settings_do_not_stop_cues() {
    // settings-multiple
    let input = "WEBVTT\n\nid1\n00:00:00.000 --> 00:00:01.000 align:start line:1% vertical:lr size:50% position:25%\ntext1\n\nid2\n00:00:00.000 --> 00:00:01.000 align:center line:1 vertical:rl size:0% position:100%\ntext2";
    let c = cues(input);
    assert_eq!(
        (ids(&c), texts(&c)),
        (vec!["id1", "id2"], vec!["text1", "text2"])
    );

    // settings-align: 13 cues, valid and invalid values alike.
    let mut input = String::from("WEBVTT\n");
    let settings = [
        "",
        "align:start",
        "align:center",
        "align:end",
        "align:left",
        "align:right",
        "align:start align:end",
        "align:end align:CENTER",
        "align:end align: center",
        "align:end align:",
        "align:end align:middle",
        "align:end align",
    ];
    for (i, s) in settings.iter().enumerate() {
        input += &format!("\n00:00:00.000 --> 00:00:01.000 {s}\ntext{}\n", i + 1);
    }
    input += &format!(
        "\n00:00:00.000 --> 00:00:01.000 {}align:center\ntext13",
        "align:end ".repeat(400)
    );
    assert_eq!(cues(&input).len(), 13);
}

/// A settings test: a timing line with each setting and a text line.
fn with_settings(settings: &[&str]) -> usize {
    let mut input = String::from("WEBVTT\n\nNOTE valid\n");
    for s in settings {
        input += &format!("\n00:00:00.000 --> 00:00:01.000 {s}\ntext\n");
    }
    cues(&input).len()
}

#[test]
fn settings_vertical_size_position_line_region() {
    let vertical = [
        "",
        "vertical:lr",
        "vertical:rl",
        "vertical:rl vertical:lr",
        "vertical:",
        "vertical:RL",
        "vertical: rl",
        "vertical:vertical-rl",
    ];
    assert_eq!(with_settings(&vertical), 8);
    let size = [
        "",
        "size:1xx size:2%",
        "size:0%",
        "size:00%",
        "size:50% size:100%",
        "size:50% size:101%",
        "size:1.5%",
        "size:",
        "size:x",
        "size:%",
        "size:%%",
        "size:1%%",
        "size:1%x",
        "size:101%",
        "size:-3%",
        "size:200%",
    ];
    assert_eq!(with_settings(&size), 16);
    let position = [
        "position:1%",
        "position:100%",
        "position:1% position:x",
        "position:1.5%",
        "position:1%,line-left",
        "position:1%,center",
        "position:1%,line-right",
        "position:1%,middle",
        "position:1% ,center",
        "position:1%, center",
        "position:-1%",
        "position:1",
        "position:1x",
        "position:1%x",
        "position:",
        "position: 1%",
        "position:101%",
        "position:65536%",
        "position:4294967296%",
        "position:101%,line-left",
        "position:101%,center",
        "position:101%,line-right",
    ];
    assert_eq!(with_settings(&position), 22);
    let line = [
        "line:-1",
        "line:0",
        "line:-0",
        "line:1",
        "line:100",
        "line:101",
        "line:65536",
        "line:4294967296",
        "line:18446744073709552000",
        "line:10000000000000000000000000000000000",
        "line:1.5",
        "line:65536%",
        "line:4294967296%",
        "line:18446744073709552000%",
        "line:10000000000000000000000000000000000%",
        "line:-0%",
        "line:101%",
        "line:1%-",
        "line:1-",
        "line:%1",
        "line:1%%",
        "line:0%0",
        "line: 0%",
        "line:0%x",
        "line:-",
        "line:%",
        "line:1..5",
        "line:.5",
        "line:5.",
        "line:0%",
        "line:00%",
        "line:100%",
        "line:100%,start",
        "line:100%,center",
        "line:100%,end",
        "line:100%,middle",
    ];
    assert_eq!(with_settings(&line), 36);
    // settings-region, with its REGION blocks (never cues).
    let input = "WEBVTT\n\nREGION\nid:foo\n\nREGION\nid:bar\n\nREGION\nid:foo\n\nREGION\nwidth:10%\n\n00:00:00.000 --> 00:00:01.000 region:foo\ntext1\n\n00:00:00.000 --> 00:00:01.000 region:bar\ntext2\n\n00:00:00.000 --> 00:00:01.000 region:foo region:bar\ntext3\n\n00:00:00.000 --> 00:00:01.000 region:invalid\ntext4\n\n00:00:00.000 --> 00:00:01.000 region:invalid region:foo\ntext5\n\n00:00:00.000 --> 00:00:01.000 region:\ninvalid\n\n00:00:00.000 --> 00:00:01.000 region: \ninvalid\n\n00:00:00.000 --> 00:00:01.000 region: foo\ninvalid\n\n00:00:00.000 --> 00:00:01.000 region :foo\ninvalid\n\n";
    assert_eq!(cues(input).len(), 9);
}

#[test]
fn regions_old_and_stylesheets_are_not_cues() {
    // regions-old
    let input = "WEBVTT\n\nREGION: id=foo width=40% lines=3 regionanchor=0%,100% viewportanchor=10%,90% scroll=up\n\nREGION: id=bar width=40% lines=3 regionanchor=100%,100% viewportanchor=90%,90% scroll=up\n\n00:00:00.000 --> 00:00:01.000 region:foo\ntext1\n\n00:00:00.000 --> 00:00:01.000 region:bar\ntext2\n";
    assert_eq!(texts(&cues(input)), ["text1", "text2"]);
    // stylesheets-newlines: a STYLE block with a NOTE and a broken arrow
    // inside a CSS comment, then two cues.
    let input = "WEBVTT\n\nSTYLE\n::cue(#foo) {\n    width: 20px;\n} /*\nNOTE hello\n00:00:00.000 -- > 00:00:01.000\n*/\n.foo {\n    width: 19px;\n}\n\n.bar {\n    width: 18px;\n}\n\nfoo\n00:00:00.000 --> 00:00:01.000\ntext\n\nSTYLE\n::cue(::bar) {\n    width: 18px;\n}\n\nbar\n00:00:00.000 --> 00:00:01.000\ntext\n";
    let c = cues(input);
    assert_eq!(ids(&c), ["foo", "bar"]);
    // stylesheets-none
    assert!(cues("WEBVTT\n").is_empty());
}

/// Header cases written from the spec (their `.vtt` inputs are not in the
/// test sources): the header ends at a blank line or a timing line, and
/// timings on the signature line are not a cue.
#[test]
fn header_and_signature() {
    let c = cues("WEBVTT\n00:00:00.000 --> 00:00:01.000\ntext");
    assert_eq!((texts(&c), c[0].start, c[0].end), (vec!["text"], 0.0, 1.0));
    let c = cues("WEBVTT header garbage\nKind: captions\n\n00:00:00.000 --> 00:00:01.000\ntext");
    assert_eq!(texts(&c), ["text"]);
    assert!(cues("WEBVTT 00:00:00.000 --> 00:00:01.000\ntext").is_empty());
    assert_eq!(
        cues("\u{feff}WEBVTT\tx\n\n00:00.000 --> 00:01.000\nhi").len(),
        1
    );
    for bad in [
        "",
        "WEBVT",
        "WEBVTTX\n\n00:00.000 --> 00:01.000\nhi",
        "webvtt\n",
        "1\n00:00:01,000 --> 00:00:02,000\nhi",
    ] {
        let err = parse(bad).expect_err(bad);
        assert!(err.to_string().starts_with("not a WebVTT file"), "{err}");
    }
}

#[test]
fn timings_sixty_and_eof() {
    let c = cues(
        "WEBVTT\n\n00:00:00.000 --> 60:00:01.000\ntext1\n\n60:00:00.000 --> 60:00:01.000\ntext2\n",
    );
    let times: Vec<(f64, f64)> = c.iter().map(|c| (c.start, c.end)).collect();
    assert_eq!(times, [(0.0, 216001.0), (216000.0, 216001.0)]);
    assert!(cues("WEBVTT\n\n00:00:00.000 --> 00:00:0").is_empty());
}

#[test]
fn voices_and_tags() {
    use tread::transcript::formats::vtt::voices;
    assert_eq!(
        voices("<v Ana>Hi <i>there</i></v>\n<v.loud Leo Park>Yo &amp; <00:17.500>go"),
        [
            (Some("Ana".to_string()), "Hi there".to_string()),
            (None, "\n".to_string()),
            (Some("Leo Park".to_string()), "Yo & go".to_string()),
        ]
    );
}
