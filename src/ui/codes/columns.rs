//! The code overview's columns at a width: the code names', the quotes
//! in all, the speakers' (a column each, aligned by display width, while
//! they fit; else one list, most quotes first), and what is left for
//! descriptions.

use unicode_width::UnicodeWidthStr;

use super::UNCODED;
use crate::store::overview::{Overview, Tally};
use crate::ui::fit;

/// The widest a speaker's column heading gets.
const SPEAKER_WIDTH: usize = 12;
/// Descriptions show only with at least this many columns for them.
const DESCRIPTION_MIN: usize = 8;

/// Text padded with spaces to `width` display columns.
pub fn padded(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// Text right-aligned in `width` display columns.
fn right(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(text.width())))
}

/// The table's columns at a width: the code names', the quotes in all,
/// the speakers' (each its own, or one list), and room for descriptions.
#[derive(Debug, PartialEq, Eq)]
pub struct Columns {
    pub name: usize,
    pub total: usize,
    pub speakers: Speakers,
    pub description: Option<usize>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Speakers {
    /// A column per speaker, this wide each.
    Each(Vec<usize>),
    /// One column this wide listing them, most quotes first.
    Listed(usize),
}

/// The speakers' names as columns head them (`narration` for none).
fn speaker_names(table: &Overview) -> Vec<String> {
    let name = |s: &Option<String>| fit(s.as_deref().unwrap_or("narration"), SPEAKER_WIDTH);
    table.speakers.iter().map(name).collect()
}

impl Columns {
    pub fn new(table: &Overview, width: usize) -> Columns {
        let names = table
            .rows
            .iter()
            .map(|r| 2 * r.depth + 2 + fit(&r.name, width).width());
        let longest = names
            .chain([UNCODED.width(), "code".width()])
            .max()
            .unwrap_or(0);
        let name = longest.min((width * 2 / 5).max(16)).min(width);
        let digits = |t: &Tally| t.total.to_string().len();
        let total = (table.rows.iter().map(|r| digits(&r.tally)))
            .chain([digits(&table.uncoded), "quotes".len()])
            .max()
            .unwrap_or(0);
        let used = name + 2 + total;
        let left = width.saturating_sub(used);
        let each: Vec<usize> = speaker_names(table)
            .iter()
            .map(|n| n.width().max(3))
            .collect();
        let all: usize = each.iter().map(|w| w + 2).sum();
        let (speakers, left) = match all <= left {
            true => (Speakers::Each(each), left - all),
            false => {
                let widest = (table.rows.iter().map(|r| &r.tally))
                    .chain([&table.uncoded])
                    .map(|t| listed(&speaker_names(table), t).width())
                    .max()
                    .unwrap_or(0);
                let w = widest.max("speakers".len()).min(left.saturating_sub(2));
                (Speakers::Listed(w), left.saturating_sub(w + 2))
            }
        };
        let description = left.checked_sub(2).filter(|&d| d >= DESCRIPTION_MIN);
        Columns {
            name,
            total,
            speakers,
            description,
        }
    }

    /// The heading row.
    pub fn header(&self, table: &Overview) -> String {
        let mut out = padded("code", self.name);
        out += &format!("  {}", right("quotes", self.total));
        match &self.speakers {
            Speakers::Each(widths) => {
                for (n, w) in speaker_names(table).iter().zip(widths) {
                    out += &format!("  {}", right(n, *w));
                }
            }
            Speakers::Listed(w) if *w > 0 => out += "  speakers",
            Speakers::Listed(_) => {}
        }
        out
    }

    /// A tally's counts after the name: the total, then per speaker.
    pub fn counts(&self, table: &Overview, t: &Tally) -> String {
        let mut out = format!("  {}", right(&t.total.to_string(), self.total));
        match &self.speakers {
            Speakers::Each(widths) => {
                for (n, w) in t.by_speaker.iter().zip(widths) {
                    let shown = if *n == 0 {
                        String::new()
                    } else {
                        n.to_string()
                    };
                    out += &format!("  {}", right(&shown, *w));
                }
            }
            Speakers::Listed(w) if *w > 0 => {
                let list = fit(&listed(&speaker_names(table), t), *w);
                out += &format!("  {}", padded(&list, *w));
            }
            Speakers::Listed(_) => {}
        }
        out
    }
}

/// `Ana 2, 张伟 1`: the speakers with quotes in `t`, most first.
fn listed(names: &[String], t: &Tally) -> String {
    let v: Vec<String> = (t.speakers_by_count().into_iter())
        .map(|(i, n)| format!("{} {n}", names[i]))
        .collect();
    v.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::overview::Row;

    fn tally(total: usize, by_speaker: &[usize]) -> Tally {
        Tally {
            total,
            by_speaker: by_speaker.to_vec(),
            by_document: vec![total],
        }
    }

    fn table() -> Overview {
        let row = |name: &str, depth, t| Row {
            id: name.into(),
            path: name.into(),
            name: name.into(),
            depth,
            tally: t,
        };
        Overview {
            speakers: vec![Some("Ana".into()), Some("张伟".into()), None],
            documents: vec!["t.txt".into()],
            rows: vec![
                row("价格", 0, tally(3, &[1, 2, 0])),
                row("discounts", 1, tally(1, &[1, 0, 0])),
            ],
            uncoded: tally(12, &[0, 0, 12]),
            quotes: 15,
        }
    }

    #[test]
    fn speakers_are_columns_while_they_fit_then_one_list() {
        let t = table();
        let wide = Columns::new(&t, 76);
        assert_eq!(wide.speakers, Speakers::Each(vec![3, 4, 9]));
        // Each count ends under its speaker's name, by display width.
        let (header, counts) = (wide.header(&t), wide.counts(&t, &t.rows[0].tally));
        assert_eq!(counts, "       3    1     2           ");
        let end = |s: &str, what: &str| s[..s.find(what).unwrap() + what.len()].width();
        assert_eq!(end(&header, "张伟"), wide.name + end(&counts, "2"));
        assert!(wide.description.is_some());
        let narrow = Columns::new(&t, 40);
        assert_eq!(
            narrow.counts(&t, &t.rows[0].tally),
            "       3  张伟 2, Ana 1"
        );
        assert_eq!(narrow.description, None);
        let header = narrow.header(&t);
        assert!(header == "code           quotes  speakers", "{header}");
    }
}
