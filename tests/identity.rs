//! Which store a document uses, end to end through the built binary: a copy
//! or a moved file finds its bookmarks by content, an edited file by its
//! path, the sample has one identity, and `--bookmarks --all` lists every
//! document, marking the ones that are gone.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tread::store::documents::{Documents, Identity};
use tread::store::{Anchor, Bookmark, DataDirs, Span, Store};
use tread::transcript::{Document, LoadOptions, load};

const NO_CONFIG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/no-config-home");

const TEXT: &str = "Anna: The harbour opens in May.\nBen: Not before June, I think.\n";

fn tread(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env("XDG_CONFIG_HOME", NO_CONFIG)
        .output()
        .expect("tread runs")
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Bookmark the start of the second turn of the document at `path` (Ben's
/// in `TEXT`), the way the reader does: in the store its identity names,
/// then the index updated.
fn bookmark_ben(dirs: &DataDirs, path: Option<&Path>, name: &str, doc: &Document) {
    let id = Identity::find(&Documents::read(dirs), path, name, doc);
    let (mut store, _) = Store::open(dirs, &id.key).unwrap();
    let section = doc.sections.iter().position(|s| s.turns.len() > 1).unwrap();
    let chars = doc.sections[section].turns[1].paragraphs[0].chars().count();
    let at = |offset| Anchor {
        section,
        turn: 1,
        paragraph: 0,
        offset,
    };
    let span = Span {
        start: at(0),
        end: at(chars.min(15)),
    };
    store.add(Bookmark::fresh(doc, span, "").unwrap()).unwrap();
    Documents::record(dirs, &id.seen).unwrap();
}

fn setup() -> (tempfile::TempDir, DataDirs, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let dirs = DataDirs::under(&dir.path().join("data"));
    let file = dir.path().join("a/talk.txt");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, TEXT).unwrap();
    let doc = load(TEXT.as_bytes(), &LoadOptions::default()).unwrap();
    bookmark_ben(&dirs, Some(&file), "talk.txt", &doc);
    (dir, dirs, file)
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_copy_elsewhere_finds_the_bookmarks() {
    let (dir, dirs, file) = setup();
    let copy = dir.path().join("b/copy of talk.txt");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    std::fs::copy(&file, &copy).unwrap();
    let out = stdout(&tread(&dirs.data, &["--bookmarks", path_str(&copy)]));
    assert!(out.contains("> Not before June"), "{out}");
    assert!(out.contains("— Ben"), "{out}");

    // Once the copy is recorded (the reader does it when it closes), the
    // quote bank lists both places under the one document.
    let doc = load(TEXT.as_bytes(), &LoadOptions::default()).unwrap();
    let id = Identity::find(
        &Documents::read(&dirs),
        Some(&copy),
        "copy of talk.txt",
        &doc,
    );
    Documents::record(&dirs, &id.seen).unwrap();
    let bank = stdout(&tread(&dirs.data, &["--bookmarks", "--all"]));
    assert_eq!(bank.matches("> Not before June").count(), 1, "{bank}");
    assert!(
        bank.contains(&format!("also seen at {}", file.display())),
        "{bank}"
    );
    assert!(bank.contains(path_str(&copy)), "{bank}");
}

#[test]
fn a_moved_file_finds_them_and_an_edited_one_keeps_them() {
    let (dir, dirs, file) = setup();
    let moved = dir.path().join("moved.txt");
    std::fs::rename(&file, &moved).unwrap();
    let out = stdout(&tread(&dirs.data, &["--bookmarks", path_str(&moved)]));
    assert!(out.contains("> Not before June"), "{out}");

    // Back at its first path and edited: found by the path.
    let edited = TEXT.replace("opens in May", "opens in early May");
    std::fs::write(&file, edited).unwrap();
    let out = stdout(&tread(&dirs.data, &["--bookmarks", path_str(&file)]));
    assert!(out.contains("> Not before June"), "{out}");
}

#[test]
fn a_different_document_does_not_share_the_store() {
    let (dir, dirs, _) = setup();
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "Cleo: Something else entirely.\n").unwrap();
    let out = stdout(&tread(&dirs.data, &["--bookmarks", path_str(&other)]));
    assert_eq!(out, "");
}

#[test]
fn the_sample_has_one_identity_named_or_not() {
    let dir = tempfile::tempdir().unwrap();
    let dirs = DataDirs::under(dir.path());
    let doc = load(tread::SAMPLE, &LoadOptions::default()).unwrap();
    bookmark_ben(&dirs, None, tread::SAMPLE_NAME, &doc);
    let by_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/llamacon-2025.txt");
    let named = stdout(&tread(&dirs.data, &["--bookmarks", path_str(&by_path)]));
    assert!(named.starts_with("> "), "{named}");
    // A copy of the sample elsewhere is still the sample.
    let copy = dir.path().join("sample-copy.txt");
    std::fs::copy(&by_path, &copy).unwrap();
    let copied = stdout(&tread(&dirs.data, &["--bookmarks", path_str(&copy)]));
    // The same bookmarks; only the addresses name the file as given.
    assert!(
        copied.contains(&format!("`{}@§", path_str(&copy))),
        "{copied}"
    );
    assert_eq!(copied.replace(path_str(&copy), path_str(&by_path)), named);
}

#[test]
fn the_quote_bank_lists_every_document_and_marks_missing_ones() {
    let (dir, dirs, file) = setup();
    let second = dir.path().join("second.txt");
    let text = "Cleo: Rates will fall by 2027.\nDan: They will not.\n";
    std::fs::write(&second, text).unwrap();
    let doc = load(text.as_bytes(), &LoadOptions::default()).unwrap();
    bookmark_ben(&dirs, Some(&second), "second.txt", &doc);
    std::fs::remove_file(&second).unwrap();

    let md = stdout(&tread(&dirs.data, &["--bookmarks", "--all"]));
    assert!(md.contains("# talk.txt"), "{md}");
    assert!(md.contains(path_str(&file)), "{md}");
    assert!(md.contains("> Not before June"), "{md}");
    assert!(md.contains("# second.txt"), "{md}");
    assert!(md.contains("(missing: "), "{md}");
    assert!(md.contains("> They will not."), "{md}");
    assert!(md.contains("— Dan"), "{md}");

    let json: Value = serde_json::from_str(&stdout(&tread(
        &dirs.data,
        &["--bookmarks", "--all", "--format", "json"],
    )))
    .unwrap();
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2, "{json:#}");
    let missing: Vec<bool> = docs.iter().map(|d| d["missing"] == true).collect();
    assert_eq!(missing.iter().filter(|m| **m).count(), 1, "{json:#}");
    for d in docs {
        assert_eq!(d["bookmarks"].as_array().unwrap().len(), 1, "{d:#}");
    }
}

#[test]
fn the_quote_bank_refuses_a_file_argument_and_needs_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let o = tread(dir.path(), &["--all", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let o = tread(dir.path(), &["--bookmarks", "--all"]);
    assert_eq!(stdout(&o), "", "an empty store lists nothing");
}
