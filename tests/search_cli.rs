//! `tread --search` end to end on the fixture shelf (`tests/fixtures/shelf`):
//! several formats and encodings, a `.gitignore`d file, a hidden one, a
//! binary one, a folder named like a transcript and a subfolder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tread::store::codes::{CodeChange, CodebookFile};
use tread::store::{Anchor, Bookmark, DataDirs, DocKey, Span, Store};
use tread::transcript::{LoadOptions, load};

const NO_CONFIG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/no-config-home");
const SHELF: &str = "tests/fixtures/shelf";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run tread in `dir` with an empty data directory unless `data` names one.
fn tread_in(dir: &Path, args: &[&str], data: Option<&Path>) -> Output {
    let empty = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", NO_CONFIG)
        .env("TREAD_DATA_DIR", data.unwrap_or(empty.path()))
        .output()
        .expect("tread runs")
}

fn search(query: &str) -> Output {
    tread_in(root(), &["--search", query, SHELF], None)
}

fn lines(o: &Output) -> Vec<String> {
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const LOGO_WARNING: &str = "tread: warning: tests/fixtures/shelf/logo.png: \
    this looks like a binary file (PNG image), not a transcript\n";

#[test]
fn every_hit_one_line_in_path_order_with_the_binary_file_warned() {
    let o = search("pricing");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        lines(&o),
        [
            "tests/fixtures/shelf/call.srt:7: §1 BEN [0:05]: The pricing page goes live on Monday.",
            "tests/fixtures/shelf/call.srt:11: §1 ANNA [1:10]: Send me the pricing draft.",
            "tests/fixtures/shelf/captions.vtt:7: §1 Dev [0:03]: Today: open models and their pricing.",
            "tests/fixtures/shelf/interview.txt:8: §1 BEN: Pricing is the question everyone asks me.",
            "tests/fixtures/shelf/notes.txt/inner.txt:3: §1 YUSUF: And the pricing is still discussed here.",
            "tests/fixtures/shelf/otter.txt:8: §1 Mia Chen [1:03]: Then pricing has to change too.",
            "tests/fixtures/shelf/sub/later.md:3: §1 Anna: We said we would revisit pricing in June.",
            "tests/fixtures/shelf/sub/later.md:5: §1 Ben: Pricing stays.",
            "tests/fixtures/shelf/utf16.txt:3: §1 Guest: Glad to be here, and to talk about pricing.",
        ]
    );
    // The ignored draft and the hidden file are not searched.
    assert_eq!(stderr(&o), LOGO_WARNING);
}

#[test]
fn legacy_encodings_and_chinese_sections_are_searched() {
    let o = search("定价");
    assert_eq!(
        lines(&o),
        [
            "tests/fixtures/shelf/gb18030.txt:3: §1 嘉宾: 我们今天谈谈模型的定价。",
            "tests/fixtures/shelf/gb18030.txt:5: §1 主持人: 定价为什么这么难？",
        ]
    );
    let o = search("定價");
    assert_eq!(
        lines(&o),
        ["tests/fixtures/shelf/sub/big5.txt:3: §1 來賓: 今天談談模型的定價。"]
    );
    let o = search("价格还会");
    assert_eq!(
        lines(&o),
        ["tests/fixtures/shelf/talk.md:16: §2 嘉宾: 我认为价格还会继续下降。"]
    );
}

#[test]
fn no_path_searches_the_current_directory() {
    let o = tread_in(
        &root().join(SHELF),
        &["--search", "spk:yusuf pricing"],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        lines(&o),
        ["notes.txt/inner.txt:3: §1 YUSUF: And the pricing is still discussed here."]
    );
    assert_eq!(
        stderr(&o),
        "tread: warning: logo.png: this looks like a binary file (PNG image), not a transcript\n"
    );
}

#[test]
fn files_given_are_taken_even_when_hidden_or_ignored() {
    let args = [
        "--search",
        "pricing",
        "tests/fixtures/shelf/.hidden.txt",
        "tests/fixtures/shelf/draft.txt",
    ];
    let o = tread_in(root(), &args, None);
    assert_eq!(
        lines(&o),
        [
            "tests/fixtures/shelf/.hidden.txt:1: §1 ANNA: A hidden file about pricing.",
            "tests/fixtures/shelf/draft.txt:1: §1 ANNA: This draft is ignored, and mentions pricing.",
        ]
    );
}

#[test]
fn each_filter() {
    let paths = |o: &Output| -> Vec<String> {
        lines(o)
            .iter()
            .map(|l| l.split(':').next().unwrap().to_string())
            .collect()
    };
    let o = search("spk:ben pricing");
    assert_eq!(
        paths(&o),
        [
            "tests/fixtures/shelf/call.srt",
            "tests/fixtures/shelf/interview.txt",
            "tests/fixtures/shelf/sub/later.md"
        ]
    );
    let o = search("spk:\"mia chen\" pricing");
    assert_eq!(paths(&o), ["tests/fixtures/shelf/otter.txt"]);
    let o = search("in:*.srt in:*.vtt pricing");
    assert_eq!(
        paths(&o),
        [
            "tests/fixtures/shelf/call.srt",
            "tests/fixtures/shelf/call.srt",
            "tests/fixtures/shelf/captions.vtt"
        ]
    );
    let o = search("in:sub/*.md pricing");
    assert_eq!(paths(&o), ["tests/fixtures/shelf/sub/later.md"; 2]);
    // Dated by metadata: the interview 2024-03-05, the talk 2023-11-20.
    assert_eq!(lines(&search("in:talk.md 价格")).len(), 3);
    assert_eq!(lines(&search("after:2023-11-20 in:talk.md 价格")).len(), 3);
    assert_eq!(
        search("after:2023-11-21 in:talk.md 价格").status.code(),
        Some(1)
    );
    let o = search("after:2024-03-05 in:*.txt serving");
    assert_eq!(
        lines(&o),
        [
            "tests/fixtures/shelf/interview.txt:14: §2 BEN: Serving costs fell by half.",
            // Undated: the file's time, which is later.
            "tests/fixtures/shelf/otter.txt:5: §1 Omar Ali [0:12]: The hosting budget doubled, mostly for model serving.",
        ]
    );
    let o = search("after:2099-01-01 pricing");
    assert_eq!(o.status.code(), Some(1));
    let o = search("\\vpric(e|ing) (page|draft)");
    assert_eq!(paths(&o), ["tests/fixtures/shelf/call.srt"; 2]);
}

#[test]
fn code_keeps_hits_inside_bookmarks_with_the_code_or_a_child() {
    let data = tempfile::tempdir().unwrap();
    let dirs = DataDirs::under(data.path());
    let (mut book, _) = CodebookFile::open(&dirs);
    let create = |id: &str, name: &str, parent: Option<&str>| CodeChange::Create {
        id: id.into(),
        name: name.into(),
        parent: parent.map(String::from),
        color: None,
    };
    book.change(&[
        create("c-money", "money", None),
        create("c-price", "price", Some("c-money")),
    ])
    .unwrap();
    let file = root().join(SHELF).join("call.srt");
    let doc = load(
        &std::fs::read(&file).unwrap(),
        &LoadOptions {
            extension: Some("srt".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let turn = doc.sections[0]
        .turns
        .iter()
        .position(|t| t.speaker.as_deref() == Some("BEN"))
        .unwrap();
    let at = |offset| Anchor {
        section: 0,
        turn,
        paragraph: 0,
        offset,
    };
    let end = doc.sections[0].turns[turn].paragraphs[0].chars().count();
    let mark = Bookmark::fresh(
        &doc,
        Span {
            start: at(0),
            end: at(end),
        },
        "",
    )
    .unwrap();
    let id = mark.id.clone();
    let (mut store, _) = Store::open(&dirs, &DocKey::for_path(&file)).unwrap();
    store.add(mark).unwrap();
    store.set_code(&id, "c-price", true).unwrap();
    drop(store);
    let o = tread_in(
        root(),
        &["--search", "code:money pricing", SHELF],
        Some(data.path()),
    );
    assert_eq!(
        lines(&o),
        ["tests/fixtures/shelf/call.srt:7: §1 BEN [0:05]: The pricing page goes live on Monday."]
    );
    let o = tread_in(
        root(),
        &["--search", "code:money/price pricing", SHELF],
        Some(data.path()),
    );
    assert_eq!(lines(&o).len(), 1);
    let o = tread_in(
        root(),
        &["--search", "code:nope pricing", SHELF],
        Some(data.path()),
    );
    assert_eq!(
        (o.status.code(), stderr(&o).as_str()),
        (Some(2), "tread: --search: no code \"nope\"\n")
    );
}

#[test]
fn exit_status_is_greps() {
    assert_eq!(search("pricing").status.code(), Some(0));
    let none = search("nowhere-to-be-found");
    assert_eq!(none.status.code(), Some(1));
    assert!(none.stdout.is_empty());
    for (query, message) in [
        (
            "after:someday x",
            "tread: --search: after: takes a date as YYYY-MM-DD, not \"someday\"\n",
        ),
        ("spk:anna", "tread: --search: nothing to search for\n"),
        ("\"open", "tread: --search: unbalanced quote in the query\n"),
    ] {
        let o = search(query);
        assert_eq!(
            (o.status.code(), stderr(&o).as_str()),
            (Some(2), message),
            "{query}"
        );
        assert!(o.stdout.is_empty());
    }
    let o = search("\\v(unclosed");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("tread: --search: invalid regex: "));
    assert_eq!(stderr(&o).lines().count(), 1);
    let o = tread_in(root(), &["--search", "x", "--outline"], None);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_missing_path_is_warned_and_the_rest_searched() {
    let o = tread_in(
        root(),
        &[
            "--search",
            "pricing",
            "no/such/dir",
            "tests/fixtures/shelf/interview.txt",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stderr(&o),
        "tread: warning: no/such/dir: No such file or directory\n"
    );
    assert_eq!(lines(&o).len(), 1);
}

#[test]
fn json_lines_parse_back() {
    let o = tread_in(root(), &["--search", "pricing", "--json", SHELF], None);
    assert_eq!(o.status.code(), Some(0));
    let hits: Vec<Value> = lines(&o)
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(hits.len(), 9);
    let first = &hits[0];
    assert_eq!(first["path"], "tests/fixtures/shelf/call.srt");
    assert_eq!(
        (
            first["line"].as_u64(),
            first["section"].as_u64(),
            first["turn"].as_u64()
        ),
        (Some(7), Some(1), Some(2))
    );
    assert_eq!(
        (
            first["speaker"].as_str(),
            first["time"].as_u64(),
            first["clock"].as_str()
        ),
        (Some("BEN"), Some(5), Some("0:05"))
    );
    let text = first["text"].as_str().unwrap();
    let (start, end) = (
        first["start"].as_u64().unwrap() as usize,
        first["end"].as_u64().unwrap() as usize,
    );
    let matched: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(matched, "pricing");
    assert_eq!(first["anchor"]["turn"], 1);
    assert!(hits[3]["time"].is_null() && hits[3]["clock"].is_null());
}

#[test]
fn hostile_text_is_sanitised_in_lines_and_escaped_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let file: PathBuf = dir.path().join("evil.txt");
    std::fs::write(
        &file,
        "ANNA: pricing \u{202e}gnicirp \u{9b}2J now.\n\nBEN: fine.\n",
    )
    .unwrap();
    let o = tread_in(dir.path(), &["--search", "pricing"], None);
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(
        !out.contains('\u{202e}') && !out.contains('\u{9b}'),
        "{out:?}"
    );
    let o = tread_in(dir.path(), &["--search", "pricing", "--json"], None);
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(!out.contains('\u{9b}'), "{out:?}");
}
