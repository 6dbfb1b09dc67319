//! Properties of the Markdown pre-pass and of page furniture removal on
//! generated input: no panic, every line in its place, and the lossless
//! invariant against the text the parser reads.

use proptest::prelude::*;
use tread::transcript::decode::decode;
use tread::transcript::formats::{Format, markdown_text, read};
use tread::transcript::parse::{check_lossless, parse};
use tread::transcript::{LoadOptions, load};

/// Markdown built from the pieces blog mirrors are made of, in odd places.
fn blog_pieces() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("**Ana:** ".to_string()),
        Just("**Leo：** ".to_string()),
        Just("Ana: ".to_string()),
        Just("<br>".to_string()),
        Just("<br />".to_string()),
        Just("&emsp;".to_string()),
        Just("&amp;".to_string()),
        Just("&#8220;".to_string()),
        Just("&#x1b;".to_string()),
        Just("&bogus".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<!-- more -->".to_string()),
        Just("![alt](a.jpg)".to_string()),
        Just("[x](http://y)".to_string()),
        Just("<s>".to_string()),
        Just("</strong>".to_string()),
        Just("<span class=\"a>b\">".to_string()),
        Just("`".to_string()),
        Just("``".to_string()),
        Just("~~".to_string()),
        Just("---\n".to_string()),
        Just("## H `c`\n".to_string()),
        Just("- [a](http://b)\n".to_string()),
        Just("## Links\n".to_string()),
        Just("title: >-\n".to_string()),
        Just("notes: |\n".to_string()),
        Just("  folded\n".to_string()),
        Just("[caption id=\"1\"]".to_string()),
        Just("[/caption]".to_string()),
        Just("<hr />\n".to_string()),
        Just("<img src=x>".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        "[a-zA-Z :<>&;#!]{0,10}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// Pages laid out by pdftotext with arbitrary words, labels and furniture.
fn laid_out() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("          THE COURT: ".to_string()),
        Just("          MR. SMITH: ".to_string()),
        Just(String::new()),
        "[a-zA-Z ,.:?]{0,50}",
        any::<String>(),
    ];
    let page = (
        prop::collection::vec(line, 1..26),
        prop::sample::select(vec!["\u{c}", "\u{240c}", ""]),
        "[A-Za-z0-9 ]{0,30}",
    );
    prop::collection::vec(page, 2..5).prop_map(|pages| {
        let mut out = String::from("---\ntitle: >-\n  x\n---\n");
        for (k, (lines, feed, header)) in pages.iter().enumerate() {
            out += &format!("{feed}{header} Page {k}\n");
            for n in 1..=25 {
                let text = lines.get(n - 1).map_or("", String::as_str);
                out += &format!("{n:>2}   {text}\n");
            }
            out += "  Court Reporter\n";
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn markdown_is_lossless_against_its_pre_pass(text in blog_pieces()) {
        let doc = read(&text, Format::Markdown).unwrap();
        prop_assert!(!doc.sections.is_empty());
        let passed = markdown_text(&text);
        prop_assert_eq!(passed.lines().count(), text.lines().count());
        if let Err(e) = check_lossless(&passed, &doc) {
            prop_assert!(false, "{}\n{:?}", e, passed);
        }
        // The same text read as plain text, front matter and all.
        if let Err(e) = check_lossless(&text, &parse(&text)) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn laid_out_pages_are_lossless(text in laid_out()) {
        let doc = parse(&text);
        if let Err(e) = check_lossless(&text, &doc) {
            prop_assert!(false, "{}", e);
        }
        // Read as plain text: with its front matter the file would be
        // detected as Markdown, whose pre-pass (HTML tags such as a
        // generated `<P>` go) the first property checks against instead.
        let options = LoadOptions {
            format: Some(Format::Text),
            ..LoadOptions::default()
        };
        let loaded = load(text.as_bytes(), &options).unwrap();
        let decoded = decode(text.as_bytes(), None).unwrap().text;
        if let Err(e) = check_lossless(&decoded, &loaded) {
            prop_assert!(false, "{}", e);
        }
    }
}
