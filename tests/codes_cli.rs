//! `--codes` through the built binary (the overview of one document, of
//! the quote bank, filtered by a query), and the one-line error, exit 2,
//! for each bad value of the export flags.

mod export_support;

use export_support::{Lab, assert_flag_error, path_str, span_of, stderr, stdout};

const TALK: &str = "Ana: The list price is too high for schools.\n\n\
    张伟:价格太高了。\n\n\
    Ana: Discounts would help.\n\n\
    Ben: We ship in May.\n\n\
    张伟:好的。\n\n\
    Ben: Good.\n";

const OTHER: &str = "Cy: Discounts again.\n\nBen: Later, then.\n\nCy: Fine.\n";

fn lab() -> (Lab, std::path::PathBuf) {
    let lab = Lab::new();
    lab.codes(&["pricing/discounts", "pricing/list", "timing", "unused"]);
    let (talk, doc) = lab.document("talk.txt", TALK);
    lab.mark(
        &talk,
        &doc,
        span_of(&doc, "The list price"),
        "",
        &["pricing/list"],
    );
    lab.mark(
        &talk,
        &doc,
        span_of(&doc, "价格太高了。"),
        "",
        &["pricing/list", "pricing/discounts"],
    );
    lab.mark(
        &talk,
        &doc,
        span_of(&doc, "Discounts would help."),
        "",
        &["pricing/discounts"],
    );
    lab.mark(&talk, &doc, span_of(&doc, "We ship in May."), "", &[]);
    let (other, doc) = lab.document("other.txt", OTHER);
    lab.mark(
        &other,
        &doc,
        span_of(&doc, "Discounts again."),
        "",
        &["pricing/discounts"],
    );
    lab.mark(&other, &doc, span_of(&doc, "Later, then."), "", &["timing"]);
    (lab, talk)
}

#[test]
fn codes_lists_every_code_in_tree_order_with_its_quotes() {
    let (lab, talk) = lab();
    let out = stdout(&lab.tread(&["--codes", path_str(&talk)]));
    assert_eq!(
        out,
        "code         quotes  speakers\n\
         pricing           3  Ana 2, 张伟 1\n\
         \x20 discounts       2  Ana 1, 张伟 1\n\
         \x20 list            2  Ana 1, 张伟 1\n\
         timing            0\n\
         unused            0\n\
         (uncoded)         1  Ben 1\n"
    );
}

#[test]
fn codes_over_the_bank_count_per_document_and_a_query_narrows_them() {
    let (lab, _) = lab();
    let out = stdout(&lab.tread(&["--codes", "--all"]));
    // The bank lists documents in no promised order: each list sorted.
    let line = |out: &str, start: &str| -> String {
        let line = out
            .lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no {start} in {out}"));
        let mut cells: Vec<String> = line
            .split("  ")
            .filter(|c| !c.is_empty())
            .map(|c| {
                let mut items: Vec<&str> = c.trim().split(", ").collect();
                items.sort();
                items.join(", ")
            })
            .collect();
        cells.retain(|c| !c.is_empty());
        cells.join(" | ")
    };
    assert!(out.starts_with("code "), "{out}");
    assert!(out.lines().next().unwrap().ends_with("documents"), "{out}");
    assert_eq!(
        line(&out, "discounts"),
        "discounts | 3 | Ana 1, Cy 1, 张伟 1 | other.txt 1, talk.txt 2"
    );
    assert_eq!(line(&out, "timing"), "timing | 1 | Ben 1 | other.txt 1");
    let ana = stdout(&lab.tread(&["--codes", "--all", "--query", "spk:ana"]));
    assert_eq!(line(&ana, "pricing"), "pricing | 2 | Ana 2 | talk.txt 2");
    assert_eq!(line(&ana, "timing"), "timing | 0");
}

#[test]
fn an_empty_codebook_is_said_on_stderr() {
    let lab = Lab::new();
    let (talk, _) = lab.document("talk.txt", TALK);
    let o = lab.tread(&["--codes", path_str(&talk)]);
    assert_eq!(
        stdout(&o),
        "code       quotes  speakers\n(uncoded)       0\n"
    );
    assert_eq!(stderr(&o), "tread: the codebook has no codes yet\n");
}

#[test]
fn each_bad_export_flag_is_one_line_and_exit_2() {
    let (lab, talk) = lab();
    let file = path_str(&talk);
    for (args, needle) in [
        (
            &["--bookmarks", "--format", "xml"][..],
            "invalid value 'xml' for --format",
        ),
        (
            &["--bookmarks", "--group", "colour"],
            "invalid value 'colour' for --group",
        ),
        (
            &["--bookmarks", "--format", "csv", "--group", "code"],
            "--group groups the Markdown",
        ),
        (
            &["--bookmarks", "--query", "code:"],
            "invalid --query: \"code:\" needs a value",
        ),
        (
            &["--bookmarks", "--query", "foo:bar"],
            "unknown term \"foo:\"",
        ),
        (&["--bookmarks", "--query", "spk:\"Ana"], "unbalanced quote"),
        (
            &["--bookmarks", "--query", "code:pricng"],
            "no code \"pricng\"",
        ),
        (
            &["--codes", "--query", "code:discounts"],
            "did you mean \"pricing/discounts\"?",
        ),
    ] {
        let o = lab.tread(&[args, &[file]].concat());
        assert_flag_error(&o, needle);
    }
    // Without a document, as with one.
    assert_flag_error(
        &lab.tread(&["--bookmarks", "--all", "--query", "code:nope"]),
        "no code \"nope\"",
    );
}

#[test]
fn the_listing_flags_need_bookmarks_or_codes() {
    let (lab, talk) = lab();
    for args in [
        &["--query", "x"][..],
        &["--all"],
        &["--group", "code"],
        &["-o", "out.md"],
        &["--codes", "--group", "code"],
        &["--codes", "--bookmarks"],
    ] {
        let o = lab.tread(&[args, &[path_str(&talk)]].concat());
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}
