//! Coding end to end, in a real pseudo-terminal: two quotes coded from the
//! keyboard (a new code, a `parent/child` one, and a second code on a
//! quote already coded), then after quitting, the codebook and the
//! document's bookmark store on disk hold them, and the QDPX and CSV
//! exports of the built binary carry both quotes with their codes.

mod support;

use std::path::{Path, PathBuf};

use support::pty::{Pty, TIMEOUT};
use support::session::{self, open_reader as open};
use tread::store::bookmarks::Store;
use tread::store::codes::CodebookFile;

const TALK: &str = "\
Harbour talk

1. Opening

Anna: The harbour opens in May. The fees go up in June.
Ben: We will see about that.

2. Later

Ben: Not yet, not yet.
Anna: Then June it is.
";

/// `C`, the filter typed, Enter; waits for the status line to say so.
fn code(pty: &mut Pty, filter: &str, said: &str) {
    pty.send("C");
    pty.wait_text("Code ·").unwrap();
    pty.send(filter);
    pty.wait_text(&format!("code: {filter}")).unwrap();
    pty.enter();
    pty.wait_text(said).unwrap();
}

/// The document's bookmark snapshot path (its log beside it).
fn store_file(data: &Path) -> PathBuf {
    let dir = data.join("bookmarks");
    let log = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.extension().is_some_and(|e| e == "log")
                && p.file_name().is_none_or(|n| n != "documents.log")
        })
        .unwrap_or_else(|| panic!("no bookmark log in {}", dir.display()));
    log.with_extension("json")
}

#[test]
fn two_quotes_coded_in_a_terminal_are_on_disk_after_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("talk.txt");
    std::fs::write(&file, TALK).unwrap();
    let mut pty = open(&data, &file);
    pty.wait_text("· Anna · turn 1/4").unwrap();
    code(&mut pty, "pricing", "coded pricing (a new code)");
    pty.send("j");
    code(&mut pty, "fees/june", "coded fees/june (a new code)");
    // The same quote again: a second code, on the bookmark it is now.
    pty.send("C");
    pty.wait_text("Code · bookmark").unwrap();
    // Listed most recent first: fees/june, pricing, then fees.
    pty.send("2");
    pty.wait_text("coded pricing").unwrap();
    pty.wait_text("#fees/june #pricing").unwrap();
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();

    let (codebook, warnings) = CodebookFile::open_file(data.join("codebook.json"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let book = codebook.book();
    let paths: Vec<String> = book
        .codes()
        .iter()
        .map(|c| book.path(&c.id).unwrap())
        .collect();
    assert_eq!(paths, ["pricing", "fees", "fees/june"]);
    assert!(book.find("pricing").unwrap().used.is_some());

    let (store, warnings) = Store::open_file(store_file(&data), "talk").unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let coded: Vec<(&str, Vec<String>)> = store
        .list()
        .iter()
        .map(|b| {
            let codes = b.codes.iter().map(|c| book.path(c).unwrap()).collect();
            (b.quote.as_str(), codes)
        })
        .collect();
    assert_eq!(
        coded,
        [
            ("The harbour opens in May.", vec!["pricing".to_string()]),
            (
                "The fees go up in June.",
                vec!["fees/june".to_string(), "pricing".to_string()]
            ),
        ]
    );
    // Each code on a quote already saved is one `code` operation.
    let log = std::fs::read_to_string(store_file(&data).with_extension("log")).unwrap();
    assert_eq!(log.matches(r#""op":"code""#).count(), 1, "{log}");

    check_csv(&data, &file);
    check_qdpx(&data, &file, dir.path());
}

/// One row per quote, its codes by path.
fn check_csv(data: &Path, file: &Path) {
    let out = session::print(
        data,
        &["--bookmarks", "--format", "csv", file.to_str().unwrap()],
    );
    let mut rows = csv::Reader::from_reader(&out[..]);
    let headers = rows.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (quote, codes, speaker) = (col("quote"), col("codes"), col("speaker"));
    let got: Vec<(String, String, String)> = rows
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[quote].to_string(),
                r[codes].to_string(),
                r[speaker].to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "The harbour opens in May.".into(),
                "pricing".into(),
                "Anna".into()
            ),
            (
                "The fees go up in June.".into(),
                // In the codebook's order, as every export lists codes.
                "pricing; fees/june".into(),
                "Anna".into()
            ),
        ]
    );
}

/// A project whose two selections cover the quotes in its source text and
/// name the codes by their GUIDs.
fn check_qdpx(data: &Path, file: &Path, dir: &Path) {
    let path = dir.join("talk.qdpx");
    let file = file.to_str().unwrap();
    session::print(
        data,
        &[
            "--bookmarks",
            "--format",
            "qdpx",
            file,
            "-o",
            path.to_str().unwrap(),
        ],
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut project = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("project.qde").unwrap(), &mut project).unwrap();
    let xml = roxmltree::Document::parse(&project).unwrap();
    let source = xml
        .descendants()
        .find(|n| n.has_tag_name("TextSource"))
        .unwrap();
    let text_path = source.attribute("plainTextPath").unwrap();
    let name = text_path.trim_start_matches("internal://");
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name(&format!("sources/{name}")).unwrap(),
        &mut text,
    )
    .unwrap();
    let chars: Vec<char> = text.chars().collect();
    let code_guids: Vec<&str> = xml
        .descendants()
        .filter(|n| n.has_tag_name("Code"))
        .filter_map(|n| n.attribute("guid"))
        .collect();
    let selections: Vec<(String, usize)> = source
        .children()
        .filter(|n| n.has_tag_name("PlainTextSelection"))
        .map(|s| {
            let at = |a: &str| s.attribute(a).unwrap().parse::<usize>().unwrap();
            let quote: String = chars[at("startPosition")..at("endPosition")]
                .iter()
                .collect();
            let refs = s.descendants().filter(|n| n.has_tag_name("CodeRef"));
            let refs: Vec<&str> = refs.map(|r| r.attribute("targetGUID").unwrap()).collect();
            assert!(refs.iter().all(|g| code_guids.contains(g)), "{refs:?}");
            (quote, refs.len())
        })
        .collect();
    assert_eq!(
        selections,
        [
            ("The harbour opens in May.".to_string(), 1),
            ("The fees go up in June.".to_string(), 2),
        ]
    );
}
