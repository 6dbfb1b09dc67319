//! `--codes`: the code overview as a table, one code per line in tree
//! order (children indented), with its number of quotes, the speakers
//! quoted under it (most first) and, for the quote bank (`--all`), the
//! documents.
//!
//! ```text
//! code         quotes  speakers               documents
//! pricing           3  Ana 2, 张伟 1          a.txt 2, b.txt 1
//!   discounts       1  Ana 1                  a.txt 1
//! timing            0
//! (uncoded)         2  Ben 2                  a.txt 2
//! ```
//!
//! Columns are padded by display width, so CJK names line up.

use std::io::{self, Write};

use anyhow::Result;
use unicode_width::UnicodeWidthStr;

use super::Args;
use super::export::{Prepared, Source, gather};
use crate::store::overview::{Overview, Tally, overview};
use crate::text::sanitise;
use crate::transcript::LoadOptions;

/// The row of quotes with no code.
pub const UNCODED: &str = "(uncoded)";

/// Gather the quotes `args` asks for and print their overview.
pub fn run(args: &Args, prepared: Prepared, source: Source, options: &LoadOptions) -> Result<()> {
    let gathered = gather(args, prepared, source, options)?;
    if gathered.book.is_empty() {
        super::report("the codebook has no codes yet");
    }
    let table = overview(&gathered.book, &gathered.cited());
    let mut out = io::BufWriter::new(io::stdout().lock());
    let by_document = !gathered.single;
    match print_overview(&table, by_document, &mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Print `o` as the table above; the documents column when `by_document`
/// (the bank, even when a query left one document).
pub fn print_overview(o: &Overview, by_document: bool, out: &mut impl Write) -> io::Result<()> {
    let speakers: Vec<String> = o
        .speakers
        .iter()
        .map(|s| sanitise(s.as_deref().unwrap_or("narration")).into_owned())
        .collect();
    let documents: Vec<String> = o
        .documents
        .iter()
        .map(|d| sanitise(d).into_owned())
        .collect();
    let several = by_document;
    let mut rows = vec![[
        "code".to_string(),
        "quotes".to_string(),
        "speakers".to_string(),
        if several {
            "documents".into()
        } else {
            String::new()
        },
    ]];
    let mut push = |label: String, t: &Tally| {
        let docs = match several {
            true => listed(&documents, &t.by_document, false),
            false => String::new(),
        };
        rows.push([
            label,
            t.total.to_string(),
            listed(&speakers, &t.by_speaker, true),
            docs,
        ]);
    };
    for r in &o.rows {
        push(
            format!("{}{}", "  ".repeat(r.depth), sanitise(&r.name)),
            &r.tally,
        );
    }
    push(UNCODED.to_string(), &o.uncoded);
    let width = |col: usize| rows.iter().map(|r| r[col].width()).max().unwrap_or(0);
    let (w0, w1, w2) = (width(0), width(1), width(2));
    for r in &rows {
        let line = format!(
            "{}{}  {}{}  {}{}  {}",
            r[0],
            pad(w0, &r[0]),
            pad(w1, &r[1]),
            r[1],
            r[2],
            pad(w2, &r[2]),
            r[3]
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn pad(width: usize, text: &str) -> String {
    " ".repeat(width.saturating_sub(text.width()))
}

/// `Ana 2, Ben 1`: the columns with a count, most first when `by_count`,
/// else in column order.
fn listed(names: &[String], counts: &[usize], by_count: bool) -> String {
    let mut v: Vec<(usize, usize)> = counts
        .iter()
        .copied()
        .enumerate()
        .filter(|&(_, n)| n > 0)
        .collect();
    if by_count {
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    }
    v.iter()
        .map(|&(i, n)| format!("{} {n}", names[i]))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::overview::Row;

    fn tally(total: usize, by_speaker: &[usize], by_document: &[usize]) -> Tally {
        Tally {
            total,
            by_speaker: by_speaker.to_vec(),
            by_document: by_document.to_vec(),
        }
    }

    fn row(name: &str, depth: usize, t: Tally) -> Row {
        Row {
            id: name.into(),
            path: name.into(),
            name: name.into(),
            depth,
            tally: t,
        }
    }

    #[test]
    fn columns_line_up_by_display_width() {
        let o = Overview {
            speakers: vec![Some("Ana".into()), Some("张伟".into()), None],
            documents: vec!["a.txt".into(), "b.txt".into()],
            rows: vec![
                row("价格", 0, tally(3, &[1, 2, 0], &[2, 1])),
                row("discounts", 1, tally(1, &[1, 0, 0], &[1, 0])),
                row("timing", 0, tally(0, &[0, 0, 0], &[0, 0])),
            ],
            uncoded: tally(12, &[0, 0, 12], &[0, 12]),
            quotes: 15,
        };
        let mut out = Vec::new();
        print_overview(&o, true, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "code         quotes  speakers       documents\n\
             价格              3  张伟 2, Ana 1  a.txt 2, b.txt 1\n\
             \x20 discounts       1  Ana 1          a.txt 1\n\
             timing            0\n\
             (uncoded)        12  narration 12   b.txt 12\n"
        );
    }
}
