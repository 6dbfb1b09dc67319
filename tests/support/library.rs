//! Rows and hits the library's tests share.

use std::path::PathBuf;

use tread::app::library::Row;
use tread::shelf::ShelfHit;
use tread::shelf::{DatedBy, Summary};
use tread::store::anchor::Anchor;

pub fn summary(title: &str, date: Option<&str>, speakers: &[&str], turns: usize) -> Summary {
    Summary {
        title: title.into(),
        date: date.map(Into::into),
        dated_by: DatedBy::Meta,
        format: if turns.is_multiple_of(2) {
            "srt"
        } else {
            "text"
        }
        .into(),
        speakers: speakers.iter().map(|s| s.to_string()).collect(),
        turns,
        duration: (turns.is_multiple_of(2)).then_some(turns as u64 * 61),
        bytes: 100,
        complete: true,
        problem: None,
        doc_hash: None,
    }
}

/// a.srt, b.txt, c.bin (not a transcript) and d.vtt, under `/shelf`.
pub fn rows() -> Vec<Row> {
    let mut bin = summary("c", None, &[], 0);
    bin.problem = Some("binary file (contains NUL bytes)".into());
    bin.duration = None;
    let rows = [
        (
            "a.srt",
            summary("Annual review", Some("2023-11-20"), &["Carl Jung"], 12),
        ),
        (
            "b.txt",
            summary(
                "Budget hearing",
                Some("2024-03-01"),
                &["Anna", "Ben Okri"],
                37,
            ),
        ),
        ("c.bin", bin),
        (
            "d.vtt",
            summary("设计评审", None, &["王小明", "Anna", "Eve"], 4),
        ),
    ];
    rows.into_iter()
        .map(|(name, summary)| Row {
            path: PathBuf::from("/shelf").join(name),
            shown: name.into(),
            summary,
            counts: None,
        })
        .collect()
}

pub fn hit(path: &str, section: usize, text: &str) -> ShelfHit {
    ShelfHit {
        path: path.into(),
        line: 3,
        section,
        section_title: None,
        turn: 1,
        speaker: Some("Anna".into()),
        time: Some(75),
        clock: Some("1:15".into()),
        text: format!("So the {text} question again."),
        range: 7..7 + text.len(),
        anchor: Anchor {
            section,
            turn: 0,
            paragraph: 0,
            offset: 7,
        },
    }
}
