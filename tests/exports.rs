//! The exports end to end through the built binary: CSV parsed back field
//! by field (commas, quotes, line breaks, CJK), codes in Markdown and JSON,
//! Markdown grouped by code and by speaker, `-o` replacing a file whole,
//! and `--all` with `--query` over two documents.

mod export_support;

use export_support::{Lab, assert_flag_error, path_str, span_of, stderr, stdout, turn_span};
use serde_json::Value;
use tread::store::export::CSV_HEADER;

const TALK: &str = "Ana: We said \"yes, maybe\", then we left.\n\n\
    王小明:价格,还是太高了。学校买不起。\n\n\
    Ben: First thought, on its own line.\n\n\
    Ben: And a second paragraph.\n\n\
    Ana: Nothing else to add.\n\n\
    王小明:好。\n";

const OTHER: &str = "# Follow-up\n\n## Timing\n\nCy: We ship in May.\n\nAna: Not before June.\n";

const ANA: &str = "We said \"yes, maybe\", then we left.";
const NOTE: &str = "=HYPERLINK(\"http://x\")\nsecond line, with a comma";

/// talk.txt with three quotes (one coded twice, one over two paragraphs)
/// and other.md with two.
fn lab() -> (Lab, std::path::PathBuf, std::path::PathBuf) {
    let lab = Lab::new();
    lab.codes(&["pricing/discounts", "timing", "价格"]);
    let (talk, doc) = lab.document("talk.txt", TALK);
    lab.mark(
        &talk,
        &doc,
        span_of(&doc, ANA),
        NOTE,
        &["pricing/discounts", "timing"],
    );
    lab.mark(
        &talk,
        &doc,
        span_of(&doc, "价格,还是太高了。"),
        "",
        &["价格"],
    );
    lab.mark(&talk, &doc, turn_span(&doc, "First thought"), "", &[]);
    let (other, doc) = lab.document("other.md", OTHER);
    lab.mark(
        &other,
        &doc,
        span_of(&doc, "We ship in May."),
        "",
        &["timing"],
    );
    lab.mark(&other, &doc, span_of(&doc, "Not before June."), "", &[]);
    (lab, talk, other)
}

fn rows(csv: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_is_rfc_4180_and_parses_back_to_every_field() {
    let (lab, talk, _) = lab();
    let out = stdout(&lab.tread(&["--bookmarks", "--format", "csv", path_str(&talk)]));
    assert!(
        out.starts_with(&format!("{}\r\n", CSV_HEADER.join(","))),
        "{out}"
    );
    assert!(
        out.contains("\"We said \"\"yes, maybe\"\", then we left.\""),
        "{out}"
    );
    // Records end in CRLF; the line feeds inside a quoted field stay.
    assert!(out.ends_with("\r\n"));
    assert_eq!(out.matches("\r\n").count(), 4, "{out:?}");
    let (header, rows) = rows(&out);
    assert_eq!(header, CSV_HEADER);
    assert_eq!(rows.len(), 3);
    let field = |row: &[String], name: &str| {
        row[CSV_HEADER.iter().position(|h| *h == name).unwrap()].clone()
    };
    let ana = &rows[0];
    assert_eq!(field(ana, "document"), "talk.txt");
    assert_eq!(field(ana, "speaker"), "Ana");
    assert_eq!(field(ana, "section"), "§1 Preamble");
    assert_eq!(
        (field(ana, "line"), field(ana, "last_line")),
        ("1".into(), "1".into())
    );
    assert_eq!(field(ana, "time"), "");
    assert_eq!(field(ana, "codes"), "pricing/discounts; timing");
    assert_eq!(
        field(ana, "note"),
        NOTE,
        "a formula-like note is kept as it is"
    );
    assert_eq!(field(ana, "quote"), ANA);
    assert_eq!(field(ana, "current"), "");
    assert_eq!(field(ana, "status"), "exact");
    assert!(!field(ana, "id").is_empty());
    let zh = &rows[1];
    assert_eq!(field(zh, "speaker"), "王小明");
    assert_eq!(field(zh, "quote"), "价格,还是太高了。");
    assert_eq!(field(zh, "codes"), "价格");
    let ben = &rows[2];
    assert_eq!(
        field(ben, "quote"),
        "First thought, on its own line.\nAnd a second paragraph."
    );
    assert_eq!(
        (field(ben, "line"), field(ben, "last_line")),
        ("5".into(), "7".into())
    );
    assert_eq!(field(ben, "codes"), "");
}

#[test]
fn markdown_and_json_show_the_codes() {
    let (lab, talk, _) = lab();
    let md = stdout(&lab.tread(&["--bookmarks", path_str(&talk)]));
    assert!(
        md.starts_with(&format!(
            "> {ANA}\n\n— Ana, §1 Preamble (line 1)\n\nAddress: `{}@§1.t1`\n\n\
             Codes: pricing/discounts, timing\n\n=HYPERLINK",
            talk.display()
        )),
        "{md}"
    );
    assert_eq!(
        md.matches("Codes: ").count(),
        2,
        "the uncoded quote has no codes line"
    );
    let json: Value = serde_json::from_str(&stdout(&lab.tread(&[
        "--bookmarks",
        "--format",
        "json",
        path_str(&talk),
    ])))
    .unwrap();
    let first = &json["bookmarks"][0];
    assert_eq!(
        first["codes"],
        serde_json::json!(["pricing/discounts", "timing"])
    );
    assert_eq!(first["code_ids"].as_array().unwrap().len(), 2);
    assert_eq!(json["bookmarks"][2]["codes"], serde_json::json!([]));
}

/// The `##` headings of a Markdown export, in order.
fn headings(md: &str) -> Vec<&str> {
    md.lines().filter(|l| l.starts_with("## ")).collect()
}

#[test]
fn markdown_grouped_by_code_puts_a_quote_under_each_of_its_codes() {
    let (lab, talk, _) = lab();
    let md = stdout(&lab.tread(&["--bookmarks", "--group", "code", path_str(&talk)]));
    assert_eq!(
        headings(&md),
        ["## pricing/discounts", "## timing", "## 价格", "## Uncoded"],
        "{md}"
    );
    assert_eq!(md.matches(ANA).count(), 2, "{md}");
    let uncoded = &md[md.find("## Uncoded").unwrap()..];
    assert!(uncoded.contains("> First thought"), "{md}");
    // Each entry is the plain export's, attribution and codes included.
    let plain = stdout(&lab.tread(&["--bookmarks", path_str(&talk)]));
    let entry = &plain[..plain.find("\n\n> ").unwrap()];
    assert!(md.contains(entry), "{md}");
}

#[test]
fn markdown_grouped_by_speaker_and_across_documents() {
    let (lab, talk, _) = lab();
    let md = stdout(&lab.tread(&["--bookmarks", "--group", "speaker", path_str(&talk)]));
    assert_eq!(headings(&md), ["## Ana", "## 王小明", "## Ben"], "{md}");
    let all = stdout(&lab.tread(&["--bookmarks", "--all", "--group", "speaker"]));
    let ana = &all[all.find("## Ana").unwrap()..];
    let ana = &ana[..ana[3..].find("\n## ").map_or(ana.len(), |i| i + 3)];
    let docs: Vec<&str> = ana.lines().filter(|l| l.starts_with("### ")).collect();
    assert_eq!(docs.len(), 2, "Ana speaks in both documents: {all}");
}

#[test]
fn output_file_is_replaced_whole() {
    let (lab, talk, _) = lab();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("quotes.csv");
    std::fs::write(&out, "old export").unwrap();
    let args = ["--bookmarks", "--format", "csv", path_str(&talk)];
    let o = lab.tread(&[&args[..], &["-o", path_str(&out)]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        stdout(&lab.tread(&args))
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["quotes.csv"], "no temporary file is left behind");
    // `-o -` is standard output.
    let o = lab.tread(&[&args[..], &["--output", "-"]].concat());
    assert_eq!(stdout(&o), stdout(&lab.tread(&args)));
}

#[test]
fn output_file_refuses_a_directory_and_the_transcript_itself() {
    let (lab, talk, _) = lab();
    let dir = tempfile::tempdir().unwrap();
    let o = lab.tread(&["--bookmarks", path_str(&talk), "-o", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("cannot write"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let o = lab.tread(&["--bookmarks", path_str(&talk), "-o", path_str(&talk)]);
    assert_flag_error(&o, "is the transcript being exported");
    assert_eq!(std::fs::read_to_string(&talk).unwrap(), TALK);
}

#[test]
fn all_with_a_query_keeps_only_matching_quotes_and_documents() {
    let (lab, _, _) = lab();
    let csv = stdout(&lab.tread(&[
        "--bookmarks",
        "--all",
        "--format",
        "csv",
        "--query",
        "code:timing",
    ]));
    let (_, rows) = rows(&csv);
    let docs: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let mut sorted = docs.clone();
    sorted.sort();
    assert_eq!(sorted, ["other.md", "talk.txt"], "{csv}");
    let md = stdout(&lab.tread(&["--bookmarks", "--all", "--query", "spk:王小明"]));
    assert!(
        md.starts_with("1 of 5 quotes matches `spk:王小明`\n\n# "),
        "{md}"
    );
    assert!(md.contains("talk.txt") && !md.contains("other.md"), "{md}");
    let json: Value = serde_json::from_str(&stdout(&lab.tread(&[
        "--bookmarks",
        "--all",
        "--format",
        "json",
        "--query",
        "-code:-",
    ])))
    .unwrap();
    let counts: Vec<usize> = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["bookmarks"].as_array().unwrap().len())
        .collect();
    assert_eq!(counts.iter().sum::<usize>(), 3, "{json:#}");
}

/// A project of the whole quote bank: a source per document with a
/// matching quote, only the quotes the query matched as selections.
#[test]
fn a_qdpx_of_all_documents_takes_the_query_too() {
    let (lab, _, _) = lab();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("timing.qdpx");
    let args = [
        "--bookmarks",
        "--all",
        "--format",
        "qdpx",
        "--query",
        "code:timing",
        "-o",
    ];
    let o = lab.tread(&[&args[..], &[path_str(&out)]].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut project = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("project.qde").unwrap(), &mut project).unwrap();
    let xml = roxmltree::Document::parse(&project).unwrap();
    let mut sources: Vec<&str> = xml
        .descendants()
        .filter(|n| n.has_tag_name("TextSource"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    sources.sort();
    assert_eq!(sources, ["other.md", "talk.txt"]);
    let csv = stdout(&lab.tread(&[
        "--bookmarks",
        "--all",
        "--format",
        "csv",
        "--query",
        "code:timing",
    ]));
    let selections = xml
        .descendants()
        .filter(|n| n.has_tag_name("PlainTextSelection"))
        .count();
    assert_eq!(selections, rows(&csv).1.len());
}

#[test]
fn a_query_with_no_match_says_so_in_markdown_and_leaves_data_empty() {
    let (lab, talk, _) = lab();
    let md = stdout(&lab.tread(&["--bookmarks", "--query", "note:nothing", path_str(&talk)]));
    assert_eq!(md, "0 of 3 quotes match `note:nothing`\n");
    let csv = stdout(&lab.tread(&[
        "--bookmarks",
        "--format",
        "csv",
        "--query",
        "note:nothing",
        path_str(&talk),
    ]));
    assert_eq!(csv, format!("{}\r\n", CSV_HEADER.join(",")));
}

#[test]
fn every_csv_field_passes_the_sanitiser() {
    let lab = Lab::new();
    lab.codes(&["timing"]);
    let (talk, doc) = lab.document("talk.txt", TALK);
    let note = "\u{1b}]0;title\u{7}\u{202e}evil\nsecond";
    lab.mark(&talk, &doc, span_of(&doc, ANA), note, &["timing"]);
    let out = stdout(&lab.tread(&["--bookmarks", "--format", "csv", path_str(&talk)]));
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'));
    let (_, rows) = rows(&out);
    assert_eq!(rows[0][7], "␛]0;title␇evil\nsecond");
}
