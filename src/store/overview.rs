//! The code overview: how many quotes each code has, in all, per speaker
//! and per document. A table model, independent of how it is drawn:
//! `--codes` prints it, and the reader's overlay can draw the same.
//!
//! Codes come in tree order (a parent, then its children). A parent counts
//! the quotes coded with it or with a code under it, each once: the quotes
//! `code:parent` finds. Codes with no quote are listed with 0; a code id no
//! codebook entry names is listed by its id after the rest, and the quotes
//! with no code last.

use super::bookmarks::Bookmark;
use super::cite::Citation;
use super::codes::Codebook;
use super::export::tree_order;
use super::query::has_code_under;

/// The whole table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overview {
    /// The speaker columns, in the order first quoted; `None` is narration.
    pub speakers: Vec<Option<String>>,
    /// The document columns, in the order given.
    pub documents: Vec<String>,
    /// One row per code.
    pub rows: Vec<Row>,
    /// The quotes with no code.
    pub uncoded: Tally,
    /// Every quote counted.
    pub quotes: usize,
}

/// One code's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    /// `pricing/discounts`; a code the book does not know is named by its id.
    pub path: String,
    /// The code's own name (`discounts`), for an indented tree.
    pub name: String,
    /// 0 for a top code, 1 for one under it.
    pub depth: usize,
    pub tally: Tally,
}

/// Counts of quotes: in all, per speaker column, per document column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub total: usize,
    pub by_speaker: Vec<usize>,
    pub by_document: Vec<usize>,
}

impl Tally {
    fn zero(speakers: usize, documents: usize) -> Tally {
        Tally {
            total: 0,
            by_speaker: vec![0; speakers],
            by_document: vec![0; documents],
        }
    }

    fn add(&mut self, speaker: usize, document: usize) {
        self.total += 1;
        self.by_speaker[speaker] += 1;
        self.by_document[document] += 1;
    }

    /// The speaker columns with a quote, most quotes first (then in column
    /// order): `(column, count)`.
    pub fn speakers_by_count(&self) -> Vec<(usize, usize)> {
        let mut v: Vec<(usize, usize)> = self
            .by_speaker
            .iter()
            .copied()
            .enumerate()
            .filter(|&(_, n)| n > 0)
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }
}

/// Count the quotes of every document (its name, and its quotes as cited)
/// under every code of `book`.
pub fn overview(book: &Codebook, docs: &[(&str, Vec<(&Bookmark, Citation)>)]) -> Overview {
    let mut speakers: Vec<Option<String>> = Vec::new();
    for (_, c) in docs.iter().flat_map(|(_, q)| q) {
        if !speakers.contains(&c.speaker) {
            speakers.push(c.speaker.clone());
        }
    }
    let documents: Vec<String> = docs.iter().map(|(n, _)| n.to_string()).collect();
    let zero = || Tally::zero(speakers.len(), documents.len());
    let mut rows: Vec<Row> = tree_order(book)
        .into_iter()
        .filter_map(|id| book.get(id))
        .map(|code| Row {
            id: code.id.clone(),
            path: book.path(&code.id).unwrap_or_else(|| code.name.clone()),
            name: code.name.clone(),
            depth: usize::from(
                code.parent
                    .as_deref()
                    .is_some_and(|p| book.get(p).is_some()),
            ),
            tally: zero(),
        })
        .collect();
    for (_, quotes) in docs {
        for (b, _) in quotes {
            for id in &b.codes {
                if book.get(id).is_none() && !rows.iter().any(|r| r.id == *id) {
                    rows.push(Row {
                        id: id.clone(),
                        path: id.clone(),
                        name: id.clone(),
                        depth: 0,
                        tally: zero(),
                    });
                }
            }
        }
    }
    let mut uncoded = zero();
    let mut quotes = 0;
    for (d, (_, list)) in docs.iter().enumerate() {
        for (b, c) in list {
            quotes += 1;
            let s = speakers.iter().position(|x| *x == c.speaker).unwrap_or(0);
            if b.codes.is_empty() {
                uncoded.add(s, d);
            }
            for row in &mut rows {
                if has_code_under(b, &row.id, book) {
                    row.tally.add(s, d);
                }
            }
        }
    }
    Overview {
        speakers,
        documents,
        rows,
        uncoded,
        quotes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::cite::cite_all;
    use crate::store::{Anchor, Span};
    use crate::transcript::{LoadOptions, load};

    fn marks(text: &str) -> (crate::transcript::Document, Vec<Bookmark>) {
        let doc = load(text.as_bytes(), &LoadOptions::default()).unwrap();
        let mut out = Vec::new();
        for (ti, turn) in doc.sections[0].turns.iter().enumerate() {
            let at = |offset| Anchor {
                section: 0,
                turn: ti,
                paragraph: 0,
                offset,
            };
            let span = Span {
                start: at(0),
                end: at(turn.paragraphs[0].chars().count()),
            };
            out.push(Bookmark::fresh(&doc, span, "").unwrap());
        }
        (doc, out)
    }

    #[test]
    fn parents_count_their_childrens_quotes_once_and_empty_codes_show_zero() {
        let mut book = Codebook::default();
        let mut n = 0;
        let mut next = || {
            n += 1;
            format!("c{n}")
        };
        for p in ["pricing/discounts", "pricing/list", "timing", "unused"] {
            let id = next();
            for c in book.plan_create(p, id, &mut next).unwrap() {
                book.apply(&c).unwrap();
            }
        }
        let id = |p: &str| book.find(p).unwrap().id.clone();
        let (a, mut ma) = marks("Ana: One.\n\nBen: Two.\n\nAna: Three.\n");
        let (b, mut mb) = marks("张伟:四。\n\nAna: Five.\n");
        ma[0].codes = vec![id("pricing/discounts"), id("pricing/list")];
        ma[1].codes = vec![id("pricing"), id("timing")];
        mb[0].codes = vec![id("pricing/list"), "lost".into()];
        let docs = [("a.txt", cite_all(&a, &ma)), ("b.txt", cite_all(&b, &mb))];
        let o = overview(&book, &docs);
        assert_eq!(o.quotes, 5);
        let names = |o: &Overview| -> Vec<(String, usize, usize)> {
            o.rows
                .iter()
                .map(|r| (r.name.clone(), r.depth, r.tally.total))
                .collect()
        };
        assert_eq!(
            names(&o),
            [
                ("pricing".into(), 0, 3),
                ("discounts".into(), 1, 1),
                ("list".into(), 1, 2),
                ("timing".into(), 0, 1),
                ("unused".into(), 0, 0),
                ("lost".into(), 0, 1),
            ]
        );
        assert_eq!(
            o.speakers,
            [Some("Ana".into()), Some("Ben".into()), Some("张伟".into())]
        );
        let pricing = &o.rows[0].tally;
        assert_eq!(pricing.by_speaker, [1, 1, 1]);
        assert_eq!(pricing.by_document, [2, 1]);
        assert_eq!(pricing.speakers_by_count(), [(0, 1), (1, 1), (2, 1)]);
        assert_eq!(o.uncoded.total, 2);
        assert_eq!(o.uncoded.by_speaker, [2, 0, 0]);
        assert_eq!(o.uncoded.speakers_by_count(), [(0, 2)]);
    }
}
