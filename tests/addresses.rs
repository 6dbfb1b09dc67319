//! Addresses on the command line, through the built binary: `FILE@PLACE`
//! and `--at` read the file (a name with `@` in it too), a bad address is
//! one line with exit 1 and a bad `--at` exit 2, before anything is drawn;
//! and every export gives each item's address.

mod export_support;

use std::path::Path;

use export_support::{Lab, path_str, span_of, stderr, stdout};
use serde_json::Value;
use tread::store::export::CSV_HEADER;

const TALK: &str = "\
Harbour talk

1. Opening

Anna: The harbour opens in May. The fees go up 20% in June.
Ben: We will see about that.

2. Later

Ben: Not yet, not yet.
Anna: Then June it is.
";

/// Exit `code` and exactly one line on stderr, containing `needle`.
fn assert_one_line(o: &std::process::Output, code: i32, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(code), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("tread: "), "{err}");
    assert!(err.contains(needle), "{err}");
    assert!(o.stdout.is_empty());
}

fn at(path: &Path, place: &str) -> String {
    format!("{}@{place}", path.display())
}

#[test]
fn a_print_mode_reads_the_file_of_an_address() {
    let lab = Lab::new();
    let (talk, _) = lab.document("talk.txt", TALK);
    let plain = lab.tread(&["--outline", path_str(&talk)]);
    for place in ["§2", "s2.t1", "L9"] {
        let o = lab.tread(&["--outline", &at(&talk, place)]);
        assert!(o.status.success(), "{place}: {}", stderr(&o));
        assert_eq!(stdout(&o), stdout(&plain));
    }
    let o = lab.tread(&["--outline", "--at", "§2.t2", path_str(&talk)]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_file_named_with_an_at_sign_is_a_file_and_the_last_place_is_split_off() {
    let lab = Lab::new();
    let (odd, _) = lab.document("notes@s1.txt", TALK);
    let (other, _) = lab.document("a@b.txt", TALK);
    // The file exists: its name is no address.
    let o = lab.tread(&["--outline", path_str(&odd)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Opening"));
    let o = lab.tread(&["--outline", &at(&other, "§2")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = lab.tread(&["--outline", "--at", "§2", path_str(&odd)]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_bad_address_is_one_line_and_exit_1() {
    let lab = Lab::new();
    let (talk, _) = lab.document("talk.txt", TALK);
    let cases = [
        ("§0", "sections are numbered from 1"),
        ("§9", "the transcript has 2 sections"),
        ("§2.t5", "section 2 has 2 turns"),
        ("L99", "the transcript has 11 lines"),
        ("0:30", "the transcript has no times"),
        ("12:75", "minutes and seconds in a time go up to 59"),
    ];
    for (place, why) in cases {
        let words = at(&talk, place);
        // The reader's way (no print flag) is refused the same, before
        // any terminal is touched: stdout is a pipe here, so it prints.
        for args in [vec![words.as_str()], vec!["--outline", words.as_str()]] {
            let o = lab.tread(&args);
            assert_one_line(&o, 1, &format!("bad address \"{words}\": {why}"));
        }
    }
}

#[test]
fn a_bad_at_is_a_flag_error_with_exit_2() {
    let lab = Lab::new();
    let (talk, _) = lab.document("talk.txt", TALK);
    let file = path_str(&talk);
    let o = lab.tread(&["--at", "§0", file]);
    assert_one_line(
        &o,
        2,
        "invalid value '§0' for --at: sections are numbered from 1",
    );
    let o = lab.tread(&["--at", "talk.txt@§1", file]);
    assert_one_line(&o, 2, "it takes a place alone");
    let o = lab.tread(&["--at", "§1", &at(&talk, "§2")]);
    assert_one_line(&o, 2, "names a place and so does --at");
    // A place out of range with --at is the document's fault: exit 1.
    let o = lab.tread(&["--outline", "--at", "§3", file]);
    assert_one_line(
        &o,
        1,
        "invalid value '§3' for --at: the transcript has 2 sections",
    );
}

#[test]
fn bookmark_exports_give_each_quote_its_address() {
    let lab = Lab::new();
    let (talk, doc) = lab.document("talk.txt", TALK);
    lab.mark(&talk, &doc, span_of(&doc, "Then June it is."), "", &[]);
    lab.mark(&talk, &doc, span_of(&doc, "The fees go up"), "", &[]);
    let file = path_str(&talk);
    let first = format!("{file}@§1.t1");
    let last = format!("{file}@§2.t2");

    let csv = stdout(&lab.tread(&["--bookmarks", "--format", "csv", file]));
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, CSV_HEADER);
    assert_eq!(header.last().map(String::as_str), Some("address"));
    let addresses: Vec<String> = r
        .records()
        .map(|rec| rec.unwrap().iter().next_back().unwrap().to_string())
        .collect();
    assert_eq!(addresses, [first.clone(), last.clone()]);

    let json: Value = serde_json::from_str(&stdout(&lab.tread(&[
        "--bookmarks",
        "--format",
        "json",
        file,
    ])))
    .unwrap();
    assert_eq!(json["bookmarks"][0]["address"], first.as_str());
    assert_eq!(json["bookmarks"][1]["address"], last.as_str());

    let md = stdout(&lab.tread(&["--bookmarks", file]));
    assert!(
        md.contains(&format!("(line 5)\n\nAddress: `{first}`\n")),
        "{md}"
    );
    let grouped = stdout(&lab.tread(&["--bookmarks", "--group", "speaker", file]));
    assert!(grouped.contains(&format!("Address: `{last}`")), "{grouped}");
    // An address exported opens the reader's place: the print modes take it.
    let o = lab.tread(&["--outline", &last]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn claims_exports_give_each_claim_its_address() {
    let lab = Lab::new();
    let (talk, _) = lab.document("talk.txt", TALK);
    let file = path_str(&talk);
    let address = format!("{file}@§1.t1");
    let csv = stdout(&lab.tread(&["--claims", "--format", "csv", file]));
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header.last().map(String::as_str), Some("address"));
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty(), "{csv}");
    assert_eq!(rows[0].iter().next_back(), Some(address.as_str()), "{csv}");
    let json: Value =
        serde_json::from_str(&stdout(&lab.tread(&["--claims", "--format", "json", file]))).unwrap();
    assert_eq!(json["claims"][0]["address"], address.as_str());
    let md = stdout(&lab.tread(&["--claims", "--format", "markdown", file]));
    assert!(md.contains(&format!("Address: `{address}`")), "{md}");
}
