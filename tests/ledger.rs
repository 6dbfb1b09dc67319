//! The claims ledger from the outside: `--claims` with and without
//! `--format`, run as the built binary on a ledger written through the
//! library; and re-anchoring a ledger entry through random edits never
//! moves it to another speaker (proptest).

use std::path::PathBuf;
use std::process::{Command, Output};

use proptest::prelude::*;
use tread::store::DataDirs;
use tread::store::identity::{DocKey, doc_hash};
use tread::store::ledger::{Entry, Ledger, Status, rows};
use tread::transcript::{Document, LoadOptions, load, parse::parse};

const NO_CONFIG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/no-config-home");

const TEXT: &str = "Ana: Sales rose 20% in 2024. Nice weather today.\n\n\
                    Ben: Costs fell 35% in 2023, as =SUM(A1) shows.\n\n\
                    Ana: Exports grew 12% in 2022.\n";

struct Fixture {
    _dir: tempfile::TempDir,
    data: PathBuf,
    file: PathBuf,
}

/// A transcript and a ledger for it: the first claim checked with a note
/// and two sources, the second marked not a claim, and a sentence added
/// by hand as disputed.
fn fixture() -> (Fixture, Document) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("talk.txt");
    std::fs::write(&file, TEXT).unwrap();
    let data = dir.path().join("data");
    let doc = load(TEXT.as_bytes(), &LoadOptions::default()).unwrap();
    assert!(doc.claims.len() >= 3, "{:?}", doc.claims);
    let key = DocKey::for_path(&file);
    let (mut l, w) = Ledger::open(&DataDirs::under(&data), &key).unwrap();
    assert!(w.is_empty());
    let hash = doc_hash(&doc);
    let first = Entry::for_claim(&doc, &doc.claims[0], &hash, 1).unwrap();
    let second = Entry::for_claim(&doc, &doc.claims[1], &hash, 2).unwrap();
    let (a, b) = (first.id.clone(), second.id.clone());
    l.add(first).unwrap();
    l.set_status(&a, Status::Checked).unwrap();
    l.set_note(&a, "Annual report,\np. 4").unwrap();
    l.add_source(&a, "https://example.com/report").unwrap();
    l.add_source(&a, "the CFO\u{1b}[31m on air").unwrap();
    l.add(second).unwrap();
    l.not_a_claim(&b).unwrap();
    let mut span = tread::store::ledger::claim_span(&doc, &doc.claims[0]).unwrap();
    span.start.offset = span.end.offset + 1;
    span.end.offset = span.start.offset + "Nice weather today.".len();
    let origin = tread::store::bookmarks::Origin {
        id: "hand-1".into(),
        created: String::new(),
        doc_hash: hash,
    };
    l.add(Entry::by_hand(&doc, span, origin, 3).unwrap())
        .unwrap();
    l.set_status("hand-1", Status::Disputed).unwrap();
    let f = Fixture {
        _dir: dir,
        data,
        file,
    };
    (f, doc)
}

fn tread(f: &Fixture, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tread"))
        .arg("--data-dir")
        .arg(&f.data)
        .args(extra)
        .arg(&f.file)
        .env("XDG_CONFIG_HOME", NO_CONFIG)
        .output()
        .unwrap()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn plain_claims_keep_their_line_and_add_the_status() {
    let (f, _) = fixture();
    let out = ok(&tread(&f, &["--claims"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "§1 Ana: Sales rose 20% in 2024. [statistic] · checked",
            "§1 Ana: Nice weather today. [by hand] · disputed",
            "§1 Ben: Costs fell 35% in 2023, as =SUM(A1) shows. [statistic] · not a claim",
            "§1 Ana: Exports grew 12% in 2022. [statistic]",
        ],
        "{out}"
    );
}

#[test]
fn csv_has_a_row_per_claim_listed_sanitised() {
    let (f, _) = fixture();
    let o = tread(&f, &["--claims", "--format", "csv"]);
    let out = ok(&o);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, tread::store::ledger::export::HEADER);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3, "not-a-claim left out: {out}");
    let first = &rows[0];
    assert_eq!(&first[0], "talk.txt");
    assert_eq!(&first[2], "Ana");
    assert_eq!(&first[6], "Sales rose 20% in 2024.");
    assert_eq!(&first[7], "statistic");
    assert_eq!(&first[9], "checked");
    assert_eq!(&first[10], "Annual report,\np. 4");
    assert_eq!(
        &first[11],
        "https://example.com/report\nthe CFO␛[31m on air"
    );
    assert_eq!(&rows[1][12], "by hand");
    assert_eq!(&rows[2][9], "unchecked");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("1 marked not a claim left out"), "{err}");
}

#[test]
fn json_lists_claims_and_keeps_the_ones_marked_not_a_claim_apart() {
    let (f, _) = fixture();
    let out = ok(&tread(&f, &["--claims", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["document"], "talk.txt");
    assert_eq!(v["progress"]["checked"], 2);
    assert_eq!(v["progress"]["total"], 3);
    let claims = v["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 3);
    assert_eq!(claims[0]["status"], "checked");
    assert_eq!(claims[0]["sources"][1], "the CFO\u{1b}[31m on air");
    assert!(!out.contains('\u{1b}'), "escaped in the JSON text");
    assert_eq!(claims[0]["reason"], "");
    assert_eq!(claims[1]["found"], "by hand");
    assert_eq!(v["not_claims"][0]["status"], "not-a-claim");
}

#[test]
fn markdown_quotes_each_claim_with_its_status_note_and_sources() {
    let (f, _) = fixture();
    let out = ok(&tread(&f, &["--claims", "--format", "markdown"]));
    assert!(
        out.starts_with("# Claims: talk.txt\n\n2/3 checked\n"),
        "{out}"
    );
    let address = format!("Address: `{}@§1.t1`", f.file.display());
    assert!(out.contains(&format!("> Sales rose 20% in 2024.\n\n— Ana, §1 Preamble (line 1)\n\n{address}\n\n**checked** · statistic\n\nAnnual report,\np. 4\n\nSources:\n- https://example.com/report\n- the CFO␛[31m on air\n")), "{out}");
    assert!(out.contains("**disputed** · by hand"), "{out}");
    assert!(
        out.ends_with("\n1 claim marked not a claim left out.\n"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn an_unknown_claims_format_is_one_line_and_exit_2() {
    let (f, _) = fixture();
    for bad in ["srt", "qdpx", "nope"] {
        let o = tread(&f, &["--claims", "--format", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("with --claims"), "{err}");
    }
    let o = tread(&f, &["--claims", "--input-format", "text"]);
    assert!(o.status.success());
}

#[test]
fn printing_writes_nothing_to_the_store() {
    let (f, _) = fixture();
    let dir = f.data.join("ledger");
    let before: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    ok(&tread(&f, &["--claims", "--format", "json"]));
    let after: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(before, after);
}

fn speaker(d: &Document, s: &tread::store::anchor::Span) -> Option<String> {
    d.sections[s.start.section].turns[s.start.turn]
        .speaker
        .clone()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Turns of claims said by three speakers, an entry on one of them,
    /// then turns deleted, swapped, duplicated under another name or
    /// reworded: the row carrying the entry is its speaker's or detached.
    #[test]
    fn a_reanchored_entry_keeps_its_speaker(
        turns in prop::collection::vec((0..3usize, 0..4usize), 2..7),
        which in 0..7usize,
        edits in prop::collection::vec((0..4usize, 0..8usize, 0..3usize), 1..5),
    ) {
        let names = ["Ana", "Ben", "Cy"];
        let said = [
            "Sales rose 20% in 2024.",
            "Costs fell 35% in 2023.",
            "Exports grew 12% in 2022.",
            "Sales rose 21% in 2024.",
        ];
        let text = |ts: &[(usize, usize)]| {
            ts.iter().map(|(s, t)| format!("{}: {}\n\n", names[*s], said[*t])).collect::<String>()
        };
        let mut d = parse(&text(&turns));
        d.claims = tread::transcript::claims::detect(&d);
        prop_assume!(!d.claims.is_empty());
        let c = &d.claims[which % d.claims.len()];
        let entry = Entry::for_claim(&d, c, &doc_hash(&d), 1).unwrap();
        let mut es = tread::store::ledger::Entries::default();
        es.apply(&tread::store::ledger::Edit::Add(Box::new(entry.clone())), 1);
        let mut ts = turns.clone();
        for (op, i, n) in edits {
            let k = i % ts.len();
            match op {
                0 if ts.len() > 1 => { ts.remove(k); }
                1 => { let j = n % ts.len(); ts.swap(k, j); }
                2 => { let (_, t) = ts[k]; ts.insert(k, (n, t)); }
                _ => ts[k].1 = (ts[k].1 + n) % said.len(),
            }
        }
        let mut e = parse(&text(&ts));
        e.claims = tread::transcript::claims::detect(&e);
        let rows = rows(&e, &es);
        let mine: Vec<_> = rows.iter().filter(|r| r.entry.is_some()).collect();
        prop_assert_eq!(mine.len(), 1, "the entry is never dropped");
        if let Some(span) = mine[0].citation.span {
            prop_assert_eq!(speaker(&e, &span), entry.speaker.clone());
        }
    }
}
