//! Properties of the line wrapper on the bundled sample and on arbitrary text.

use std::ops::Range;
use std::time::Instant;

use proptest::prelude::*;
use tread::text::wrap::{width, wrap};
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};
use unicode_width::UnicodeWidthStr;

/// What blank text wraps to: one empty line.
const EMPTY_LINE: Range<usize> = 0..0;

const SAMPLE: &str = include_str!("../assets/llamacon-2025.txt");

/// Must not start a line (the wrapper's list, restated so a change there
/// is a visible decision).
const CLOSING: &str = "，。、：？！”）》」』】；…,.:;?!)]}'\"";

fn paragraphs() -> Vec<&'static str> {
    SAMPLE
        .lines()
        .map(|l| l.trim_matches(char::is_whitespace))
        .collect()
}

fn is_grapheme_boundary(text: &str, pos: usize) -> bool {
    GraphemeCursor::new(pos, text.len(), true)
        .is_boundary(text, 0)
        .unwrap()
}

/// The invariants every call must satisfy, whatever the text.
fn check_structure(text: &str, w: usize, ranges: &[Range<usize>]) -> Result<(), String> {
    if ranges.is_empty() {
        return Err("no lines".into());
    }
    if text.trim().is_empty() {
        return if ranges == [EMPTY_LINE] {
            Ok(())
        } else {
            Err(format!("blank text gave {ranges:?}"))
        };
    }
    let mut prev = 0;
    for r in ranges {
        if r.start < prev || r.end < r.start || r.end > text.len() {
            return Err(format!("bad range {r:?} after {prev}"));
        }
        if !is_grapheme_boundary(text, r.start) || !is_grapheme_boundary(text, r.end) {
            return Err(format!("range {r:?} splits a grapheme"));
        }
        let gap = &text[prev..r.start];
        if !gap.chars().all(char::is_whitespace) {
            return Err(format!("text lost between lines: {gap:?}"));
        }
        let line = &text[r.clone()];
        if line.is_empty() {
            return Err(format!("empty line {r:?} in non-blank text"));
        }
        // A grapheme wider than the line may stand alone; otherwise fit.
        let single = line.chars().count() == 1 || is_single_grapheme(line);
        if width(line) > w.max(1) && !single {
            return Err(format!("line {line:?} is {} wide > {w}", width(line)));
        }
        prev = r.end;
    }
    let tail = &text[prev..];
    if !tail.chars().all(char::is_whitespace) {
        return Err(format!("text lost at the end: {tail:?}"));
    }
    Ok(())
}

fn is_single_grapheme(s: &str) -> bool {
    s.graphemes(true).count() == 1
}

/// The typographic promise, checked where the width allows keeping it: a
/// line may start with closing punctuation only if the previous line's last
/// character cannot come down with it (together with the whole run of
/// closing punctuation they are wider than the line), or the previous line is nothing but closing punctuation after its
/// first character.
fn check_punctuation(text: &str, w: usize, ranges: &[Range<usize>]) -> Result<(), String> {
    for (i, r) in ranges.iter().enumerate().skip(1) {
        let line = &text[r.clone()];
        let first = line.chars().next().unwrap();
        let after_space = text[..r.start].ends_with(char::is_whitespace);
        let quote_opens = matches!(first, '"' | '\'') && after_space;
        if !CLOSING.contains(first) || quote_opens {
            continue;
        }
        let prev = &text[ranges[i - 1].clone()];
        let prev_last = prev.graphemes(true).next_back().unwrap();
        let run: String = text[r.start..]
            .chars()
            .take_while(|&c| CLOSING.contains(c))
            .collect();
        let cannot_carry = width(prev_last) + width(&run) > w;
        let only_closing = prev
            .graphemes(true)
            .skip(1)
            .all(|g| g.chars().all(|c| CLOSING.contains(c) || c.is_whitespace()));
        if !cannot_carry && !only_closing {
            return Err(format!(
                "line {i} starts with {first:?}: {prev:?} / {line:?}"
            ));
        }
    }
    Ok(())
}

fn check_all(text: &str, w: usize) {
    let ranges = wrap(text, w);
    let lines: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
    check_structure(text, w, &ranges)
        .and_then(|()| check_punctuation(text, w, &ranges))
        .unwrap_or_else(|e| panic!("width {w}: {e}\n{lines:#?}"));
    // unicode-width's whole-string measure agrees (it can only be smaller).
    for l in &lines {
        assert!(UnicodeWidthStr::width(*l) <= w, "{l:?} at {w}");
    }
}

#[test]
fn sample_at_reading_widths() {
    for p in paragraphs() {
        for w in [20, 37, 80] {
            check_all(p, w);
        }
    }
}

#[test]
fn sample_at_every_width() {
    for p in paragraphs() {
        for w in 2..=100 {
            check_all(p, w);
        }
    }
}

#[test]
fn sample_lines_are_full() {
    // First fit: a line ends early only when the next word would not fit
    // or the punctuation rules pulled a character down, so lines of a long
    // Chinese paragraph stay close to the width.
    let p = paragraphs().into_iter().max_by_key(|p| p.len()).unwrap();
    let ranges = wrap(p, 37);
    for r in &ranges[..ranges.len() - 1] {
        let w = width(&p[r.clone()]);
        assert!(w >= 37 - 6, "short line {:?} ({w})", &p[r.clone()]);
    }
}

#[test]
fn latin_word_in_chinese_stays_whole() {
    let text = "我们用Hadoop之类的数据处理";
    for w in 6..=30 {
        check_all(text, w);
        let ranges = wrap(text, w);
        assert!(
            ranges.iter().any(|r| text[r.clone()].contains("Hadoop")),
            "width {w}: {:?}",
            ranges.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>()
        );
    }
    // Narrower than the word: it must be split, and nothing is lost.
    for w in 1..6 {
        let ranges = wrap(text, w);
        check_structure(text, w, &ranges).unwrap();
    }
}

#[test]
fn long_url_is_split_without_loss() {
    let text = "详见https://example.com/a/very/long/path/to/some/resource?id=12345，谢谢。";
    for w in 2..=60 {
        check_all(text, w);
    }
    // Without slashes the run is split at the width.
    let token = "详见0123456789abcdefghijklmnopqrstuvwxyz，好";
    let lines: Vec<&str> = wrap(token, 20).into_iter().map(|r| &token[r]).collect();
    assert_eq!(
        lines,
        ["详见", "0123456789abcdefghij", "klmnopqrstuvwxyz，好"]
    );
    let lines: Vec<&str> = wrap(token, 18).into_iter().map(|r| &token[r]).collect();
    // "，" would start the third line; "z" comes down with it.
    assert_eq!(
        lines,
        ["详见", "0123456789abcdefgh", "ijklmnopqrstuvwxy", "z，好"]
    );
    let lines: Vec<&str> = wrap(text, 20).into_iter().map(|r| &text[r]).collect();
    // UAX #14 allows breaks after "/" in a URL, so it splits at slashes.
    assert_eq!(
        lines,
        [
            "详见https://",
            "example.com/a/very/",
            "long/path/to/some/",
            "resource?id=12345，",
            "谢谢。"
        ]
    );
}

#[test]
fn narrow_widths() {
    let text = "你好，世界。Hi!";
    for w in 0..=4 {
        let ranges = wrap(text, w);
        check_structure(text, w, &ranges).unwrap();
    }
    let lines = |w| {
        wrap(text, w)
            .into_iter()
            .map(|r| &text[r])
            .collect::<Vec<_>>()
    };
    assert_eq!(
        lines(1),
        ["你", "好", "，", "世", "界", "。", "H", "i", "!"]
    );
    // "i" comes down with "!".
    // "好，" is four columns: the comma cannot avoid starting a line.
    assert_eq!(lines(2), ["你", "好", "，", "世", "界", "。", "H", "i!"]);
    assert_eq!(lines(3), ["你", "好", "，", "世", "界", "。", "Hi!"]);
    assert_eq!(lines(4), ["你", "好，", "世", "界。", "Hi!"]);
}

#[test]
fn empty_and_blank() {
    assert_eq!(wrap("", 40), [EMPTY_LINE]);
    assert_eq!(wrap(" \t\u{3000}\u{a0} ", 40), [EMPTY_LINE]);
}

fn text_strategy() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        6 => proptest::char::range('\u{4e00}', '\u{9fff}'),
        4 => proptest::char::range('a', 'z'),
        3 => prop::sample::select(
            "，。、：？！”“（）《》「」『』【】；…,.:;?!()[]{}'\"—-/".chars().collect::<Vec<_>>()
        ),
        3 => prop::sample::select(vec![' ', ' ', '\u{3000}', '\u{a0}', '\t', '\n']),
        1 => proptest::char::range('\u{300}', '\u{36f}'),
        1 => prop::sample::select(vec![
            '😀', '👨', '\u{200d}', '\u{fe0f}', '\u{1f3fb}', '🇨', '🇳', '\u{200b}', 'ｶ', 'ﾞ',
        ]),
        1 => any::<char>(),
    ];
    prop::collection::vec(ch, 0..160).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_wraps_losslessly(text in text_strategy(), w in 1usize..120) {
        let ranges = wrap(&text, w);
        let whole_string_width = ranges.iter().find(|r| {
            let line = &text[(*r).clone()];
            w >= 2 && UnicodeWidthStr::width(line) > w && !is_single_grapheme(line)
        });
        if let Some(r) = whole_string_width {
            return Err(TestCaseError::fail(format!("width {w}: {:?} wider by unicode-width", &text[r.clone()])));
        }
        if let Err(e) = check_structure(&text, w, &ranges) {
            let lines: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
            return Err(TestCaseError::fail(format!("width {w}: {e}\n{lines:?}")));
        }
    }
}

/// Throughput over the sample, for the report: `cargo test --release
/// --test wrap -- --ignored --nocapture throughput`.
#[test]
#[ignore]
fn throughput() {
    let paras = paragraphs();
    let bytes: usize = paras.iter().map(|p| p.len()).sum();
    for w in [20, 37, 80, 200] {
        let rounds = 200;
        let t = Instant::now();
        let mut lines = 0;
        for _ in 0..rounds {
            for p in &paras {
                lines += wrap(p, w).len();
            }
        }
        let secs = t.elapsed().as_secs_f64();
        let mbs = (bytes * rounds) as f64 / secs / 1e6;
        println!("width {w:>3}: {mbs:6.1} MB/s ({lines} lines)");
    }
}
