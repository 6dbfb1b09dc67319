//! Decoding: encodings, binary refusal, line ends, tabs, controls, bidi,
//! indentation, and properties on arbitrary bytes.

use encoding_rs::{BIG5, Encoding, GBK, SHIFT_JIS};
use proptest::prelude::*;
use tread::transcript::decode::{DecodeError, decode, encoding_for_label};
use tread::transcript::{LoadOptions, load};

const CN: &str = "主持人：欢迎来到今天的访谈。\n\
扎克伯格：谢谢，很高兴来到这里。我们今天谈谈开源模型和人工智能的未来。\n\
纳德拉：我认为，到二〇二六年，一半的代码将由人工智能编写，这是一个很大的变化。\n";

const TW: &str = "主持人：歡迎來到今天的訪談。\n\
扎克伯格：謝謝，很高興來到這裡。我們今天談談開源模型和人工智慧的未來。\n\
納德拉：我認為，到二〇二六年，一半的程式碼將由人工智慧編寫，這是一個很大的變化。\n";

const JA: &str = "司会：本日はお越しいただきありがとうございます。\n\
ザッカーバーグ：こちらこそ、ありがとうございます。今日はオープンソースのモデルについて話しましょう。\n\
ナデラ：私は、二〇二六年までにコードの半分はエーアイが書くようになると思います。\n";

fn ok(bytes: &[u8]) -> tread::transcript::decode::Decoded {
    decode(bytes, None).expect("decodes")
}

fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "test text must fit {}", encoding.name());
    bytes.into_owned()
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = (if bom { "\u{FEFF}" } else { "" }).encode_utf16();
    for u in units.chain(text.encode_utf16()) {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

fn binary_kind(bytes: &[u8]) -> String {
    match decode(bytes, None) {
        Err(DecodeError::Binary(kind)) => kind,
        other => panic!("expected a binary refusal, got {other:?}"),
    }
}

// --- UTF-8 ---

#[test]
fn utf8_plain_is_borrowed_through_unchanged() {
    let d = ok(CN.as_bytes());
    assert_eq!(d.text, CN);
    assert_eq!(d.encoding, "UTF-8");
    assert!(d.warnings.is_empty());
}

#[test]
fn utf8_bom_is_removed() {
    let d = ok(format!("\u{FEFF}{CN}").as_bytes());
    assert_eq!(d.text, CN);
    assert_eq!(d.encoding, "UTF-8");
}

#[test]
fn empty_input_is_empty_text() {
    let d = ok(b"");
    assert_eq!(d.text, "");
    assert_eq!(d.encoding, "UTF-8");
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning() {
    let mut bytes = CN.as_bytes().to_vec();
    bytes.insert(9, 0xFF);
    bytes.extend_from_slice(&"末尾".as_bytes()[..4]); // a cut character
    let d = ok(&bytes);
    assert_eq!(d.encoding, "UTF-8");
    assert!(d.text.contains('\u{FFFD}'));
    assert!(d.text.starts_with("主持人"));
    assert_eq!(d.warnings, ["invalid UTF-8 replaced (2 bytes)"]);
}

#[test]
fn the_sample_decodes_cleanly() {
    let d = ok(tread::SAMPLE);
    assert_eq!(d.encoding, "UTF-8");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    assert!(!d.text.lines().any(|l| l.starts_with('\u{A0}')));
    assert_eq!(d.text.matches('\n').count(), 146);
}

// --- UTF-16 and UTF-32 ---

#[test]
fn utf16_with_bom_both_orders() {
    for (big, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
        let d = ok(&utf16(CN, big, true));
        assert_eq!(d.text, CN);
        assert_eq!(d.encoding, name);
        assert!(d.warnings.is_empty());
    }
}

#[test]
fn utf16_without_bom_both_orders() {
    let text = "Host: Welcome to the show.\nGuest: Thanks for having me.\n";
    for (big, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
        let d = ok(&utf16(text, big, false));
        assert_eq!(d.text, text, "{name}");
        assert_eq!(d.encoding, name);
    }
}

#[test]
fn utf16_without_bom_mostly_chinese() {
    // Few NULs (newlines only), and some on the other side ("一" is U+4E00).
    let text = CN.repeat(20);
    for (big, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
        let d = ok(&utf16(&text, big, false));
        assert_eq!(d.encoding, name);
        assert_eq!(d.text, text);
    }
}

#[test]
fn utf8_with_a_few_nuls_stays_utf8() {
    let d = ok("Host: 你好\0 there\0\n".as_bytes());
    assert_eq!(d.encoding, "UTF-8");
    assert_eq!(d.text, "Host: 你好␀ there␀\n");
    let d = ok(b"ab\0cd\0ef\n");
    assert_eq!(d.encoding, "UTF-8");
}

#[test]
fn utf16_odd_length_warns_instead_of_panicking() {
    for bom in [true, false] {
        let mut bytes = utf16("Host: hello there, everyone.\n", false, bom);
        bytes.push(b'x');
        let d = ok(&bytes);
        assert_eq!(d.encoding, "UTF-16LE");
        assert!(d.text.starts_with("Host: hello"));
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        assert!(d.warnings[0].contains("odd number of bytes"));
    }
}

#[test]
fn utf16_crlf_becomes_lf() {
    let d = ok(&utf16("a\r\nb\r\n", true, true));
    assert_eq!(d.text, "a\nb\n");
}

#[test]
fn utf32_with_bom() {
    let mut bytes = vec![0xFF, 0xFE, 0, 0];
    for c in "访谈 ok\n".chars() {
        bytes.extend((c as u32).to_le_bytes());
    }
    let d = ok(&bytes);
    assert_eq!(d.encoding, "UTF-32LE");
    assert_eq!(d.text, "访谈 ok\n");
}

// --- legacy CJK encodings ---

#[test]
fn gbk_is_detected() {
    let d = ok(&encode(GBK, CN));
    assert_eq!(d.encoding, "GBK");
    assert_eq!(d.text, CN);
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn short_gbk_is_detected_with_the_chinese_hint() {
    let d = ok(&encode(GBK, "你好，世界"));
    assert_eq!(d.encoding, "GBK");
    assert_eq!(d.text, "你好，世界");
}

#[test]
fn big5_is_detected() {
    let d = ok(&encode(BIG5, TW));
    assert_eq!(d.encoding, "Big5");
    assert_eq!(d.text, TW);
}

#[test]
fn shift_jis_is_detected() {
    let d = ok(&encode(SHIFT_JIS, JA));
    assert_eq!(d.encoding, "Shift_JIS");
    assert_eq!(d.text, JA);
}

#[test]
fn gbk_crlf_is_text_not_binary() {
    let bytes = encode(GBK, &CN.replace('\n', "\r\n"));
    assert_eq!(ok(&bytes).text, CN);
}

// --- forced encodings ---

#[test]
fn forced_encoding_overrides_detection() {
    let bytes = encode(GBK, "你好");
    for label in ["gbk", "GBK", " gb2312 ", "gb18030"] {
        let d = decode(&bytes, Some(label)).unwrap();
        assert_eq!(d.text, "你好", "{label}");
    }
    assert_eq!(decode(&bytes, Some("gbk")).unwrap().encoding, "GBK");
    // Forcing a wrong one is obeyed.
    let d = decode(CN.as_bytes(), Some("windows-1252")).unwrap();
    assert_eq!(d.encoding, "windows-1252");
    assert_ne!(d.text, CN);
}

#[test]
fn forced_utf16_drops_its_own_bom() {
    let d = decode(&utf16("hi\n", false, true), Some("utf-16le")).unwrap();
    assert_eq!(d.text, "hi\n");
    assert_eq!(d.encoding, "UTF-16LE");
}

#[test]
fn unknown_encoding_is_an_error() {
    for label in ["klingon", "", "iso-2022-kr"] {
        assert_eq!(
            decode(b"hi", Some(label)),
            Err(DecodeError::UnknownEncoding(label.to_string()))
        );
        assert!(encoding_for_label(label).is_err());
    }
    assert_eq!(encoding_for_label("sjis"), Ok("Shift_JIS"));
}

// --- binary ---

#[test]
fn binary_signatures_are_refused() {
    let cases: [(&[u8], &str); 6] = [
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "PNG image"),
        (b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", "ELF executable"),
        (b"\x1f\x8b\x08\0\0\0\0\0", "gzip archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"PK\x03\x04\x14\0\0\0", "ZIP archive"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0",
            "Microsoft Office document",
        ),
    ];
    for (bytes, kind) in cases {
        assert_eq!(binary_kind(bytes), kind);
        // Forcing an encoding does not make a PNG a transcript.
        assert!(decode(bytes, Some("utf-8")).is_err());
    }
    let err = decode(b"\x89PNG\r\n\x1a\n", None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "this looks like a binary file (PNG image), not a transcript"
    );
}

#[test]
fn many_nuls_without_a_utf16_pattern_are_binary() {
    assert_eq!(binary_kind(&[0u8; 1000]), "contains NUL bytes");
    let mut bytes = b"header".to_vec();
    bytes.extend([0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0xff, 0xff, 0, 0].repeat(20));
    assert_eq!(binary_kind(&bytes), "contains NUL bytes");
}

#[test]
fn random_noise_is_binary() {
    // A fixed xorshift stream stands in for /dev/urandom.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    assert!(decode(&noise, None).is_err());
}

#[test]
fn text_that_merely_starts_like_a_signature_is_text() {
    for text in [
        "BZh, an opening line\n",
        "RIFF: a riff on a theme\n",
        "MZ said so\n",
    ] {
        assert_eq!(ok(text.as_bytes()).text, text);
    }
}

// --- line ends, tabs, controls, bidi, indentation ---

#[test]
fn line_endings_become_lf() {
    assert_eq!(ok(b"a\r\nb\rc\nd\r").text, "a\nb\nc\nd\n");
    assert_eq!(ok(b"\r\n\r\n").text, "\n\n");
    assert_eq!(ok("a\u{2028}b\u{2029}c".as_bytes()).text, "a\nb\nc");
}

#[test]
fn tabs_expand_to_multiples_of_eight_columns() {
    assert_eq!(ok(b"\tx").text, "        x");
    assert_eq!(ok(b"a\tb").text, "a       b");
    assert_eq!(ok(b"abcdefgh\tx").text, "abcdefgh        x");
    assert_eq!(ok(b"a\tb\tc").text, "a       b       c");
    // Display width, not chars: 中 is two columns wide.
    assert_eq!(ok("中\tb".as_bytes()).text, "中      b");
    // Columns restart on each line, whatever the line end.
    assert_eq!(ok(b"abc\r\n\tx").text, "abc\n        x");
}

#[test]
fn c0_controls_become_control_pictures() {
    let d = ok(b"Host: a \x1b[31mred\x07 word\x00 and\x7f more\x08z, in a longer line.\n");
    assert_eq!(
        d.text,
        "Host: a ␛[31mred␇ word␀ and␡ more␈z, in a longer line.\n"
    );
    assert_eq!(d.warnings, ["5 control characters shown as symbols"]);
    assert_eq!(ok(b"\x0c\x0b").text, "␌␋");
}

#[test]
fn c1_controls_are_shown_as_hex() {
    let d = ok("a\u{9b}31mb\u{85}c".as_bytes());
    assert_eq!(d.text, "a<9B>31mb<85>c");
    assert_eq!(d.warnings.len(), 1);
}

#[test]
fn bidi_controls_are_removed() {
    let text = "x\u{202E}evil\u{202C}y\u{2066}\u{2067}\u{2068}\u{2069}\u{202A}\u{202B}\u{202D}\u{200E}\u{200F}\u{061C}z";
    let d = ok(text.as_bytes());
    assert_eq!(d.text, "xevilyz");
    assert_eq!(
        d.warnings,
        ["12 bidirectional formatting characters removed"]
    );
    // Their neighbours in UTF-8 (U+2019, U+201C, U+2026, U+3001) stay.
    let keep = "’“…”、。";
    assert_eq!(ok(keep.as_bytes()).text, keep);
}

#[test]
fn leading_nbsp_and_ideographic_spaces_become_spaces() {
    assert_eq!(
        ok("\u{A0} 扎克伯格：你好".as_bytes()).text,
        "  扎克伯格：你好"
    );
    assert_eq!(ok("\u{3000}\u{3000}段落".as_bytes()).text, "    段落");
    assert_eq!(
        ok("a\n \u{A0}\t\u{3000}b".as_bytes()).text,
        "a\n          b"
    );
    // Inside a line they are content, and stay.
    assert_eq!(ok("a\u{A0}b\u{3000}c".as_bytes()).text, "a\u{A0}b\u{3000}c");
    assert_eq!(ok("x \u{A0}y\n\u{A0}z".as_bytes()).text, "x \u{A0}y\n z");
}

// --- properties ---

fn assert_clean(text: &str) {
    for c in text.chars() {
        let bad = (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
        assert!(!bad, "{c:?} left in {text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn load_never_panics_and_text_is_clean(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = load(&bytes, &LoadOptions::default());
        if let Ok(d) = decode(&bytes, None) {
            assert_clean(&d.text);
        }
        if let Ok(d) = decode(&bytes, Some("gbk")) {
            assert_clean(&d.text);
        }
    }

    #[test]
    fn text_with_controls_is_cleaned(text in "[a-z中 \u{A0}\u{3000}\t\r\n\u{0}-\u{1f}\u{7f}-\u{9f}\u{2028}-\u{202e}\u{2066}-\u{2069}]{0,80}") {
        let d = decode(text.as_bytes(), None);
        // Four or more C0 controls in a short text reads as binary; fine.
        if let Ok(d) = d {
            assert_clean(&d.text);
            let cut = text.replace("\r\n", "\n").replace(['\r', '\u{2028}', '\u{2029}'], "\n");
            prop_assert_eq!(d.text.matches('\n').count(), cut.matches('\n').count());
        }
    }

    #[test]
    fn utf16_round_trips(text in "[a-z中文：，。 \n]{1,60}", big in any::<bool>(), bom in any::<bool>()) {
        let d = decode(&utf16(&text, big, bom), None).unwrap();
        // Without a BOM, one NUL byte is too little to go on.
        if bom || text.chars().filter(|c| c.is_ascii()).count() >= 2 {
            prop_assert_eq!(d.text, text);
        }
    }
}

#[test]
fn specials_are_found_at_every_offset_of_long_lines() {
    for at in 0..48 {
        let mut line = "x".repeat(48);
        line.insert(at, '\x07');
        line.push_str("\r\n");
        let d = ok(line.as_bytes());
        let mut want = "x".repeat(48);
        want.insert(at, '␇');
        assert_eq!(d.text, want + "\n", "BEL at {at}");
    }
}
