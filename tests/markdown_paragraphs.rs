//! Markdown's soft line breaks: a line that follows a line of text with no
//! blank between continues its paragraph, as Markdown renders it, where
//! plain text keeps each line a paragraph (unless the file is hard-wrapped).
//! A list item, block quote or table row still starts a block of its own,
//! and each source line keeps its own citation line.

use tread::transcript::formats::{Format, markdown_text, read};
use tread::transcript::model::TextPos;
use tread::transcript::parse::check_lossless;
use tread::transcript::{Document, LoadOptions, load};

fn markdown(text: &str) -> Document {
    let doc = read(text, Format::Markdown).unwrap();
    check_lossless(&markdown_text(text), &doc).unwrap_or_else(|e| panic!("{e}"));
    doc
}

fn paragraphs(doc: &Document) -> Vec<Vec<&str>> {
    doc.turns()
        .map(|t| t.paragraphs.iter().map(String::as_str).collect())
        .collect()
}

const CJK: &str = "\
**Lily：** 先问一个问题：agent 能用吗？

**Kevin：** 我的答案是，在很窄的场景里真的能用。比如对账，规则清楚、数据结构化，
agent 的准确率可以做到 98% 以上。

但你让它去做开放式的决策，目前还不太行。

**Lily：** 好。
";

#[test]
fn a_line_break_without_a_blank_line_continues_the_paragraph() {
    let doc = markdown(CJK);
    assert_eq!(
        paragraphs(&doc)[1],
        [
            "我的答案是，在很窄的场景里真的能用。比如对账，规则清楚、数据结构化，agent 的准确率可以做到 98% 以上。",
            "但你让它去做开放式的决策，目前还不太行。",
        ]
    );
}

#[test]
fn the_same_lines_as_plain_text_stay_paragraphs() {
    let text = CJK.replace("**", "");
    let doc = load(text.as_bytes(), &LoadOptions::default()).unwrap();
    assert_eq!(paragraphs(&doc)[1].len(), 3, "{:?}", paragraphs(&doc));
}

#[test]
fn latin_lines_join_with_one_space_and_keep_their_lines() {
    let text = "# Talk\n\n**Ana:** We shipped the first\nversion in May.\n\n**Bo:** Good.\n";
    let doc = markdown(text);
    assert_eq!(
        paragraphs(&doc)[0],
        ["We shipped the first version in May."]
    );
    // "version" starts line 4 of the file: a quote from there cites line 4.
    let turn = doc.turns().next().unwrap();
    let at = TextPos::new(0, 0, "We shipped the first ".len());
    assert_eq!(doc.line_at(at, turn), 4);
}

#[test]
fn list_items_quotes_and_table_rows_are_blocks_of_their_own() {
    let text = "\
**Ana:** Three things:
- pricing
- timing
1. first
2) second
> a quote
| a | b |
";
    let doc = markdown(text);
    assert_eq!(
        paragraphs(&doc)[0],
        [
            "Three things:",
            "- pricing",
            "- timing",
            "1. first",
            "2) second",
            "> a quote",
            "| a | b |"
        ]
    );
}
