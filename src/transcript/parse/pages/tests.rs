//! Page furniture removal on hand-made layouts and on generated text.

use proptest::prelude::*;

use super::furniture::{is_page_number, spaced_caps};
use super::*;

/// A pdftotext-style page: a header, numbered lines, a footer, a form feed
/// before every page but the first.
fn page(no: usize, body: &[&str]) -> String {
    let mut out = String::new();
    if no > 1 {
        out.push('\u{c}');
    }
    out += &format!("Case 1:23-cr-00045   Document 12   Page {no} of 3\n\n");
    for n in 1..=25 {
        let text = body.get(n - 1).copied().unwrap_or("");
        out += format!("{n:>2}   {text}").trim_end();
        out.push('\n');
    }
    out += "\n          Rhonda Lee, RMR, CRR - Official Court Reporter\n";
    out
}

fn layout() -> String {
    let p1 = [
        "P R O C E E D I N G S",
        "     THE COURT: Good morning.",
        "Please be seated.",
    ];
    let p2 = ["     MR. SMITH: Thank you."];
    let p3 = ["     MS. JONES: Ready."];
    page(1, &p1) + &page(2, &p2) + &page(3, &p3)
}

fn lines_of(text: &str) -> Vec<&str> {
    text.split('\n').collect()
}

#[test]
fn numbers_headers_footers_and_feeds_go() {
    let text = layout();
    let out = strip(&text);
    assert_eq!(lines_of(&out).len(), lines_of(&text).len());
    let kept: Vec<&str> = lines_of(&out)
        .into_iter()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        kept,
        [
            "## PROCEEDINGS",
            "THE COURT: Good morning.",
            "Please be seated.",
            "MR. SMITH: Thank you.",
            "MS. JONES: Ready."
        ]
    );
    // Lines keep their places: line 4 was ` 2        THE COURT: …`.
    assert_eq!(lines_of(&out)[3].trim(), "THE COURT: Good morning.");
}

#[test]
fn a_decoded_form_feed_is_a_page_break_too() {
    let text = layout().replace('\u{c}', "\u{240c}");
    let out = strip(&text);
    assert!(!out.contains('\u{240c}') && !out.contains("Page 2 of 3"));
}

#[test]
fn pages_without_form_feeds_are_found_by_their_numbering() {
    let text = layout().replace('\u{c}', "");
    let out = strip(&text);
    assert!(!out.contains("Official Court Reporter"));
    assert_eq!(lines_of(&out).len(), lines_of(&text).len());
}

#[test]
fn one_numbered_page_is_not_the_layout() {
    let text = page(1, &["THE COURT: Hello."]);
    assert!(matches!(strip(&text), Cow::Borrowed(_)));
    let text = format!(
        "{}\u{c}\nAnd then the essay goes on for a while.\n",
        page(1, &[])
    );
    assert!(matches!(strip(&text), Cow::Borrowed(_)));
}

#[test]
fn a_long_unnumbered_page_keeps_its_text_but_not_its_furniture() {
    let mut cover = String::from("\u{c}Case 1:23-cr-00045   Document 12   Page 4 of 3\n");
    for k in 0..12 {
        cover += &format!("Index entry {k}\n");
    }
    let text = layout() + &cover;
    let out = strip(&text);
    assert!(out.contains("Index entry 11") && !out.contains("Page 4 of 3"));
}

#[test]
fn page_numbers_and_spaced_capitals() {
    for s in ["12", "- 12 -", "Page 12", "page 3 of 80", "3 of 80"] {
        assert!(is_page_number(s), "{s}");
    }
    for s in ["12 angry men", "Page one", "of 80", ""] {
        assert!(!is_page_number(s), "{s}");
    }
    assert_eq!(
        spaced_caps("  P R O C E E D I N G S").as_deref(),
        Some("PROCEEDINGS")
    );
    assert_eq!(
        spaced_caps("A F T E R N O O N   S E S S I O N").as_deref(),
        Some("AFTERNOON SESSION")
    );
    assert_eq!(spaced_caps("A B C"), None);
    assert_eq!(spaced_caps("PROCEEDINGS"), None);
    assert_eq!(spaced_caps("I N D E X (continued)"), None);
}

#[test]
fn margins() {
    assert_eq!(margin(" 1   THE COURT:"), Some((1, 1..2)));
    assert_eq!(margin("12        MR. SMITH: Yes."), Some((12, 0..2)));
    assert_eq!(margin("25"), Some((25, 0..2)));
    for s in [
        "1. Item",
        "100 people",
        "12:30",
        "              7",
        "0 zero",
        "40 more",
    ] {
        assert_eq!(margin(s), None, "{s}");
    }
}

/// Ordinary lines, some of them starting with a number.
fn ordinary() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        "[A-Za-z ,.:]{0,40}",
        (1u32..40, "[A-Za-z ]{0,20}").prop_map(|(n, t)| format!("{n} {t}")),
        (1u32..40).prop_map(|n| format!("  {n}")),
        Just("\u{c}".to_string()),
        Just("\u{240c}Page 2".to_string()),
        Just(String::new()),
    ];
    prop::collection::vec(line, 0..80).prop_map(|v| v.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_line_count_is_kept(text in any::<String>()) {
        let out = strip(&text);
        prop_assert_eq!(lines_of(&out).len(), lines_of(&text).len());
    }

    /// At most one full numbered page: never the layout, never changed.
    #[test]
    fn text_without_the_layout_is_untouched(text in ordinary(), at in 0usize..80) {
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let at = at.min(lines.len());
        let numbered: Vec<String> = (1..=25).map(|n| format!("{n:>2}   words")).collect();
        lines.splice(at..at, numbered);
        let text = lines.join("\n");
        let full = lines.iter().filter(|l| l.trim_start().starts_with("25")).count();
        prop_assume!(full <= 1);
        prop_assert!(matches!(strip(&text), Cow::Borrowed(_)));
    }

    /// Pages of the layout with arbitrary words: no margin number is left,
    /// and every line stays where it was.
    #[test]
    fn laid_out_pages_lose_their_numbers(words in prop::collection::vec("[a-z]{1,8}( [a-z]{1,8}){0,6}", 2..60)) {
        let chunks: Vec<Vec<&str>> = words.chunks(25).map(|c| c.iter().map(String::as_str).collect()).collect();
        let mut text = String::new();
        for (k, c) in chunks.iter().enumerate() {
            text += &page(k + 1, c);
        }
        text += &page(chunks.len() + 1, &["the end"]);
        let out = strip(&text);
        prop_assert_eq!(lines_of(&out).len(), lines_of(&text).len());
        for (a, b) in lines_of(&text).iter().zip(lines_of(&out)) {
            if let Some((_, digits)) = margin(without_feeds(a)) {
                prop_assert_eq!(b.trim(), without_feeds(a)[digits.end..].trim());
            } else {
                prop_assert_eq!(b.trim(), "");
            }
        }
    }
}
