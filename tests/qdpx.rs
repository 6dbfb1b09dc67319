//! REFI-QDA projects (`--format qdpx`): the zip's structure, the project
//! valid against `Project-mrt2019.xsd`, and for every selection the
//! exported text at `startPosition..endPosition` equal to the bookmark's
//! quote, on Chinese, English, caption and CRLF transcripts, several in
//! one project; speaker codes; stable GUIDs; changed and detached
//! bookmarks; hostile notes.

#[path = "cite_support/mod.rs"]
mod cite_support;
#[path = "refi/support.rs"]
mod project_support;
#[path = "refi/validate.rs"]
mod validate;

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use cite_support::{mixed, parse};
use project_support::{book, export, marks_everywhere, options, read, selections, unzip, valid};
use tread::store::anchor::{Anchor, Span};
use tread::store::codes::{Codebook, guid_for};
use tread::store::documents::{Documents, Identity};
use tread::store::refi::ExportDoc;
use tread::store::{Bookmark, DataDirs, Store};
use tread::transcript::Document;

#[test]
fn every_selection_holds_its_quote_in_chinese_english_captions_and_crlf() {
    let codes = book(&["pricing/discounts", "价格", "timing"]);
    let ids: Vec<String> = codes.codes().iter().map(|c| c.id.clone()).collect();
    let crlf = read("citations", "hardwrap.txt").replace('\n', "\r\n");
    let docs: Vec<(&str, Document)> = vec![
        ("qa-zh.txt", parse(&read("parse", "qa-zh.txt"), "txt")),
        ("hearing.txt", parse(&read("parse", "hearing.txt"), "txt")),
        ("hardwrap-crlf.txt", parse(&crlf, "txt")),
        (
            "captions.srt",
            parse(&read("citations", "captions.srt"), "srt"),
        ),
        (
            "captions.vtt",
            parse(&read("citations", "captions.vtt"), "vtt"),
        ),
        (
            "wrapped-subs-zh.srt",
            parse(&read("attribution", "wrapped-subs-zh.srt"), "srt"),
        ),
    ];
    let marks: Vec<Vec<Bookmark>> = docs
        .iter()
        .map(|(_, d)| marks_everywhere(d, &ids))
        .collect();
    let export_docs: Vec<ExportDoc> = docs
        .iter()
        .zip(&marks)
        .map(|((name, doc), bookmarks)| ExportDoc {
            name,
            file: name,
            doc,
            bookmarks,
        })
        .collect();
    let (bytes, exported) = export(&export_docs, &codes, &options(false));
    assert!(exported.warnings.is_empty(), "{:?}", exported.warnings);
    let p = unzip(&bytes);
    valid(&p.xml);
    assert_eq!(p.entries[0], "project.qde");
    assert_eq!(p.texts.len(), docs.len(), "a source per document");
    assert!(
        p.texts.values().all(|t| !t.contains('\r')),
        "line ends are \\n"
    );
    let quotes: HashMap<String, &Bookmark> = marks
        .iter()
        .flatten()
        .map(|b| (guid_for("bookmark", &b.id), b))
        .collect();
    let found = selections(&p);
    assert_eq!(found.len(), quotes.len(), "a selection per bookmark");
    for (guid, _, text) in &found {
        assert_eq!(*text, quotes[guid].quote, "selection {guid}");
    }
    let xml = roxmltree::Document::parse(&p.xml).unwrap();
    let coded = xml
        .descendants()
        .filter(|n| n.has_tag_name("CodeRef"))
        .count();
    assert_eq!(
        coded,
        marks.iter().flatten().map(|b| b.codes.len()).sum::<usize>()
    );
    for r in xml.descendants().filter(|n| n.has_tag_name("CodeRef")) {
        let target = r.attribute("targetGUID").unwrap();
        assert!(
            codes.get(target).is_some(),
            "{target} is a code of the codebook"
        );
    }
}

#[test]
fn a_quote_across_turns_spans_the_heading_between() {
    let text =
        "Ana: Hello there.\nBen: Hi.\n\n## Later\n\nBen: Still me. And more words.\nAna: Bye.\n";
    let doc = parse(text, "md");
    let (a, b) = (&doc.sections[0].turns[1], &doc.sections[1].turns[0]);
    assert_eq!(
        (a.speaker.as_deref(), b.speaker.as_deref()),
        (Some("Ben"), Some("Ben"))
    );
    let span = Span {
        start: Anchor {
            section: 0,
            turn: 1,
            paragraph: 0,
            offset: 0,
        },
        end: Anchor {
            section: 1,
            turn: 0,
            paragraph: 0,
            offset: 9,
        },
    };
    let mark = Bookmark::fresh(&doc, span, "").unwrap();
    assert_eq!(mark.quote, "Hi.\nStill me.");
    let docs = [ExportDoc {
        name: "t.md",
        file: "t.md",
        doc: &doc,
        bookmarks: std::slice::from_ref(&mark),
    }];
    let p = unzip(&export(&docs, &Codebook::default(), &options(false)).0);
    valid(&p.xml);
    let (_, _, selected) = &selections(&p)[0];
    assert_eq!(selected, "Hi.\n\nLater\n\nBen: Still me.");
}

#[test]
fn speaker_codes_code_every_turn_with_its_speaker() {
    let doc = parse(&read("parse", "qa-zh.txt"), "txt");
    let docs = [ExportDoc {
        name: "qa-zh.txt",
        file: "qa-zh.txt",
        doc: &doc,
        bookmarks: &[],
    }];
    let (bytes, _) = export(&docs, &Codebook::default(), &options(true));
    let p = unzip(&bytes);
    valid(&p.xml);
    let xml = roxmltree::Document::parse(&p.xml).unwrap();
    let group = xml
        .descendants()
        .find(|n| n.has_tag_name("Code") && n.attribute("name") == Some("Speakers"))
        .unwrap();
    let speakers: HashMap<&str, &str> = group
        .children()
        .filter(|n| n.has_tag_name("Code"))
        .map(|n| (n.attribute("guid").unwrap(), n.attribute("name").unwrap()))
        .collect();
    let names: Vec<String> = doc.speakers().into_iter().map(|s| s.name).collect();
    assert_eq!(speakers.len(), names.len());
    let turns: Vec<_> = doc.turns().filter(|t| t.speaker.is_some()).collect();
    let found = selections(&p);
    assert_eq!(found.len(), turns.len(), "a selection per turn");
    for ((guid, _, text), turn) in found.iter().zip(&turns) {
        assert_eq!(*text, turn.paragraphs.join("\n"));
        let sel = xml
            .descendants()
            .find(|n| n.attribute("guid") == Some(guid))
            .unwrap();
        let target = sel
            .descendants()
            .find(|n| n.has_tag_name("CodeRef"))
            .unwrap();
        assert_eq!(
            Some(&speakers[target.attribute("targetGUID").unwrap()]),
            turn.speaker.as_deref().as_ref()
        );
    }
}

#[test]
fn two_exports_are_the_same_bytes_and_guids() {
    let doc = parse(&read("parse", "hearing.txt"), "txt");
    let codes = book(&["a/b", "c"]);
    let ids: Vec<String> = codes.codes().iter().map(|c| c.id.clone()).collect();
    let marks = marks_everywhere(&doc, &ids);
    let docs = [ExportDoc {
        name: "hearing.txt",
        file: "hearing.txt",
        doc: &doc,
        bookmarks: &marks,
    }];
    let (one, _) = export(&docs, &codes, &options(true));
    let (two, _) = export(&docs, &codes, &options(true));
    assert_eq!(one, two);
    let again = doc.clone();
    let moved = [ExportDoc {
        name: "renamed.txt",
        file: "renamed.txt",
        doc: &again,
        bookmarks: &marks,
    }];
    let guids = |bytes: &[u8]| -> Vec<String> {
        selections(&unzip(bytes))
            .into_iter()
            .map(|(g, s, _)| format!("{s}/{g}"))
            .collect()
    };
    assert_eq!(
        guids(&one),
        guids(&export(&moved, &codes, &options(true)).0)
    );
}

#[test]
fn changed_and_detached_bookmarks_are_exported_and_counted() {
    let (doc, mut marks) = mixed();
    marks[3].note = "Check the budget & <date>".into();
    let codes = book(&["money"]);
    marks[3].codes.push(codes.codes()[0].id.clone());
    marks[0].codes.push("not-a-code-any-more".into());
    let docs = [ExportDoc {
        name: "mixed.txt",
        file: "mixed.txt",
        doc: &doc,
        bookmarks: &marks,
    }];
    let (bytes, exported) = export(&docs, &codes, &options(false));
    let p = unzip(&bytes);
    valid(&p.xml);
    assert_eq!(exported.notes, 1);
    let w = exported.warnings.join("\n");
    assert!(w.contains("a detached bookmark has no place"), "{w}");
    assert!(
        w.contains("a bookmark whose words changed is exported"),
        "{w}"
    );
    assert!(
        w.contains("a bookmark's code is not in the codebook"),
        "{w}"
    );
    let found = selections(&p);
    assert_eq!(found.len(), 3);
    let changed = guid_for("bookmark", &marks[1].id);
    let (_, _, now) = found.iter().find(|(g, _, _)| *g == changed).unwrap();
    assert_eq!(now, "The installer still fails on older laptops.");
    let xml = roxmltree::Document::parse(&p.xml).unwrap();
    let sel = xml
        .descendants()
        .find(|n| n.attribute("guid") == Some(&changed))
        .unwrap();
    let desc = sel
        .children()
        .find(|n| n.has_tag_name("Description"))
        .unwrap();
    assert!(
        desc.text()
            .unwrap()
            .contains("saved as “The installer stil fails")
    );
    let note = xml.descendants().find(|n| n.has_tag_name("Note")).unwrap();
    let body = note
        .children()
        .find(|n| n.has_tag_name("PlainTextContent"))
        .unwrap()
        .text()
        .unwrap();
    assert!(
        body.contains("The budget is gone by June.") && body.contains("Codes: money"),
        "{body}"
    );
    assert!(body.contains("Check the budget & <date>"), "{body}");
    let referenced = xml
        .descendants()
        .any(|n| n.has_tag_name("NoteRef") && n.attribute("targetGUID") == note.attribute("guid"));
    assert!(referenced, "the note hangs off its document");
}

#[test]
fn hostile_notes_and_names_make_a_valid_file() {
    let text = "Ana <x&y>: Hello \u{202e}there, friend.\n\nBen: Hi, Ana.\n\nAna <x&y>: Bye now.\n";
    let doc = parse(text, "txt");
    let mut marks = marks_everywhere(&doc, &[]);
    marks[0].note = "]]> \u{1b}[31m \u{7} \u{ffff} \"quoted\" & done\r\n".into();
    marks[0].created = "not a date".into();
    let docs = [ExportDoc {
        name: "a \"name\" <with> & \u{9b}.txt",
        file: "a \"name\" <with> & \u{9b}.txt",
        doc: &doc,
        bookmarks: &marks,
    }];
    let (bytes, exported) = export(&docs, &Codebook::default(), &options(true));
    assert!(exported.warnings.is_empty(), "{:?}", exported.warnings);
    let p = unzip(&bytes);
    valid(&p.xml);
    assert!(!p.xml.contains('\u{1b}') && !p.xml.contains('\u{7}') && !p.xml.contains('\u{9b}'));
    for (guid, _, text) in selections(&p) {
        if let Some(b) = marks.iter().find(|b| guid_for("bookmark", &b.id) == guid) {
            let shown = tread::text::sanitise_lines(&b.quote);
            assert_eq!(text, shown, "the quote as every export shows it");
        }
    }
}

#[test]
fn the_validator_refuses_a_project_with_a_mistake() {
    let doc = parse(&read("parse", "qa-zh.txt"), "txt");
    let marks = marks_everywhere(&doc, &[]);
    let docs = [ExportDoc {
        name: "qa-zh.txt",
        file: "qa-zh.txt",
        doc: &doc,
        bookmarks: &marks,
    }];
    let xml = unzip(&export(&docs, &Codebook::default(), &options(false)).0).xml;
    valid(&xml);
    let broken = [
        xml.replacen(" startPosition=", " startposition=", 1),
        xml.replacen("<Users>", "<Users>\n<Bogus/>", 1),
        xml.replacen(
            "creationDateTime=\"2026-05-01T12:00:00Z\"",
            "creationDateTime=\"May 1\"",
            1,
        ),
        xml.replacen("urn:QDA-XML:project:1.0", "urn:QDA-XML:project:2.0", 1),
    ];
    for b in &broken {
        assert!(!validate::project().check(b).is_empty(), "accepted:\n{b}");
    }
}

fn tread(data: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tread"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("XDG_CONFIG_HOME", data.join("no-config"))
        .output()
        .unwrap()
}

#[test]
fn the_binary_writes_a_project_of_the_documents_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("qa-zh.txt");
    let text = read("parse", "qa-zh.txt");
    std::fs::write(&file, &text).unwrap();
    let doc = parse(&text, "txt");
    let dirs = DataDirs::under(&data);
    let key = Identity::find(&Documents::read(&dirs), Some(&file), "qa-zh.txt", &doc).key;
    let (mut store, _) = Store::open(&dirs, &key).unwrap();
    let marks = marks_everywhere(&doc, &[]);
    for b in &marks {
        store.add(b.clone()).unwrap();
    }
    let out_file = dir.path().join("out.qdpx");
    let f = file.to_str().unwrap();
    let args = [
        "--bookmarks",
        "--format",
        "qdpx",
        "--speaker-codes",
        "-o",
        out_file.to_str().unwrap(),
        f,
    ];
    let out = tread(&data, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p = unzip(&std::fs::read(&out_file).unwrap());
    valid(&p.xml);
    let found = selections(&p);
    let bookmarks = found
        .iter()
        .filter(|(g, _, _)| marks.iter().any(|b| guid_for("bookmark", &b.id) == *g));
    assert_eq!(bookmarks.count(), marks.len());
    // To a pipe it is the same zip.
    let piped = tread(&data, &["--bookmarks", "--format", "qdpx", f]);
    assert!(piped.status.success());
    assert!(piped.stdout.starts_with(b"PK\x03\x04"));
}
