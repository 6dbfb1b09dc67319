//! The parser on arbitrary input: it must never panic, never return an empty
//! section list, and stay lossless.

use proptest::prelude::*;
use tread::transcript::parse::{check_lossless, parse};

/// Strings built from the characters and fragments the parser cares about.
fn interesting() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        ":",
        "：",
        "\n",
        "\n\n",
        "\"",
        "“",
        "#",
        "# ",
        "## ",
        "1",
        "01 ",
        "1. ",
        "1、",
        "、",
        "一、",
        "第一部分",
        "中文",
        "纳德拉",
        "说",
        "\u{a0}",
        "\u{3000}",
        "*",
        "**",
        "[",
        "]",
        "(",
        ")",
        "Q",
        "Q   ",
        "A:",
        "问：",
        "答:",
        "――",
        "---",
        "Alice",
        "MR. X",
        " ",
        "  ",
        "作者:",
        "©",
        "(00:01:02)",
        "[00:01:02]",
        "\\[",
        "-",
        "■ ",
        "PUBLIC COMMENT",
        "é",
        "\r",
        "\t",
        "\u{feff}",
        "…",
        "title: ",
        "By ",
        "by ",
        "Copyright",
        " / ",
        "――問",
    ]);
    prop::collection::vec(atoms, 0..80).prop_map(|v| v.concat())
}

/// Paragraphs hard-wrapped at a random width, to exercise the joiner.
fn wrapped() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "alpha",
        "beta",
        "中文字",
        "x",
        "Bob:",
        "longerword",
        "。",
        "1.",
    ]);
    (prop::collection::vec(word, 0..200), 10usize..90).prop_map(|(words, width)| {
        let mut out = String::new();
        let mut col = 0;
        for w in words {
            if col + w.len() > width {
                out.push('\n');
                col = 0;
            }
            out.push_str(w);
            out.push(' ');
            col += w.len() + 1;
        }
        out
    })
}

/// Real lines from the sample and fixtures, shuffled into new documents.
fn remixed() -> impl Strategy<Value = String> {
    let pool: Vec<&'static str> = [
        include_str!("../assets/llamacon-2025.txt"),
        include_str!("fixtures/parse/hearing.txt"),
        include_str!("fixtures/parse/podcast.md"),
        include_str!("fixtures/parse/interview-ja.txt"),
        include_str!("fixtures/parse/frontmatter.md"),
        include_str!("fixtures/parse/wrapped-en.txt"),
        include_str!("fixtures/parse/wrapped-zh.txt"),
        include_str!("fixtures/parse/timestamps.txt"),
        include_str!("fixtures/parse/headings-zh.txt"),
    ]
    .iter()
    .flat_map(|t| t.lines())
    .collect();
    prop::collection::vec(prop::sample::select(pool), 0..60).prop_map(|v| v.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_is_lossless(text in any::<String>()) {
        let doc = parse(&text);
        prop_assert!(!doc.sections.is_empty());
        if let Err(e) = check_lossless(&text, &doc) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn interesting_text_is_lossless(text in interesting()) {
        let doc = parse(&text);
        prop_assert!(!doc.sections.is_empty());
        if let Err(e) = check_lossless(&text, &doc) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn wrapped_text_is_lossless(text in wrapped()) {
        let doc = parse(&text);
        if let Err(e) = check_lossless(&text, &doc) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn remixed_lines_are_lossless(text in remixed()) {
        let doc = parse(&text);
        if let Err(e) = check_lossless(&text, &doc) {
            prop_assert!(false, "{}", e);
        }
    }
}
