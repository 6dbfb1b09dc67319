//! Helpers of the project tests: fixtures, a codebook, bookmarks all over
//! a document, exporting, unzipping, validating and reading selections.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use tread::store::Bookmark;
use tread::store::anchor::{Anchor, Span};
use tread::store::codes::Codebook;
use tread::store::refi::{ExportDoc, Exported, QdpxOptions, write_qdpx};
use tread::transcript::Document;

use super::validate;

pub fn read(dir: &str, name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

pub fn options(speaker_codes: bool) -> QdpxOptions {
    QdpxOptions {
        user: "Ana Researcher".into(),
        now: "2026-05-01T12:00:00Z".into(),
        speaker_codes,
    }
}

pub fn book(paths: &[&str]) -> Codebook {
    let mut b = Codebook::default();
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("00000000-0000-4000-8000-{n:012}")
    };
    for p in paths {
        let id = next();
        for c in b.plan_create(p, id, &mut next).unwrap() {
            b.apply(&c).unwrap();
        }
    }
    b
}

/// Bookmarks all over a document: the middle of every paragraph, and in
/// every turn of two paragraphs or more one from the first into the last.
/// Every third is coded with one of `codes`.
pub fn marks_everywhere(doc: &Document, codes: &[String]) -> Vec<Bookmark> {
    let mut out = Vec::new();
    let at = |section, turn, paragraph, offset| Anchor {
        section,
        turn,
        paragraph,
        offset,
    };
    for (si, sec) in doc.sections.iter().enumerate() {
        for (ti, turn) in sec.turns.iter().enumerate() {
            let lens: Vec<usize> = turn.paragraphs.iter().map(|p| p.chars().count()).collect();
            for (pi, &n) in lens.iter().enumerate() {
                let (s, e) = (n / 4, n - n / 4);
                let span = Span {
                    start: at(si, ti, pi, s),
                    end: at(si, ti, pi, e),
                };
                out.extend(Bookmark::fresh(doc, span, "a note"));
            }
            if lens.len() > 1 {
                let last = lens.len() - 1;
                let span = Span {
                    start: at(si, ti, 0, lens[0] / 2),
                    end: at(si, ti, last, lens[last] / 2),
                };
                out.extend(Bookmark::fresh(doc, span, ""));
            }
        }
    }
    for (i, b) in out.iter_mut().enumerate() {
        if i % 3 == 0 && !codes.is_empty() {
            b.codes.push(codes[i / 3 % codes.len()].clone());
        }
    }
    assert!(!out.is_empty());
    out
}

/// A project unzipped: the XML and each source's text by GUID.
pub struct Unzipped {
    pub xml: String,
    pub entries: Vec<String>,
    pub texts: HashMap<String, String>,
}

pub fn export(docs: &[ExportDoc], book: &Codebook, options: &QdpxOptions) -> (Vec<u8>, Exported) {
    let mut out = Cursor::new(Vec::new());
    let exported = write_qdpx(docs, book, options, &mut out).unwrap();
    (out.into_inner(), exported)
}

pub fn unzip(bytes: &[u8]) -> Unzipped {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let entries: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    let mut xml = String::new();
    zip.by_name("project.qde")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut texts = HashMap::new();
    for name in entries.iter().filter(|n| n.starts_with("sources/")) {
        let mut raw = Vec::new();
        zip.by_name(name).unwrap().read_to_end(&mut raw).unwrap();
        let text = String::from_utf8(raw).expect("sources are UTF-8");
        let guid = name.trim_start_matches("sources/").trim_end_matches(".txt");
        texts.insert(guid.to_string(), text);
    }
    Unzipped {
        xml,
        entries,
        texts,
    }
}

pub fn valid(xml: &str) {
    let errors = validate::project().check(xml);
    assert!(errors.is_empty(), "{errors:#?}\n{xml}");
}

/// Each selection of the project: (its GUID, its source's GUID, the text
/// it selects).
pub fn selections(p: &Unzipped) -> Vec<(String, String, String)> {
    let doc = roxmltree::Document::parse(&p.xml).unwrap();
    let mut out = Vec::new();
    for src in doc.descendants().filter(|n| n.has_tag_name("TextSource")) {
        let guid = src.attribute("guid").unwrap();
        let path = src.attribute("plainTextPath").unwrap();
        assert_eq!(path, format!("internal://{guid}.txt"));
        let chars: Vec<char> = p.texts[guid].chars().collect();
        for sel in src
            .children()
            .filter(|n| n.has_tag_name("PlainTextSelection"))
        {
            let pos = |a| sel.attribute(a).unwrap().parse::<usize>().unwrap();
            let (s, e) = (pos("startPosition"), pos("endPosition"));
            assert!(s < e && e <= chars.len(), "{s}..{e} of {}", chars.len());
            let text: String = chars[s..e].iter().collect();
            out.push((
                sel.attribute("guid").unwrap().to_string(),
                guid.to_string(),
                text,
            ));
        }
    }
    out
}
