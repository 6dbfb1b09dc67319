//! Court and hearing transcripts laid out by pdftotext: margin line numbers,
//! running page headers and footers and form feeds, removed before parsing
//! while every line keeps its number.
//!
//! The layout is a page of numbered lines (1 to 25, some courts 28 or 32)
//! after page furniture: a caption, `Page 12 of 80`, the reporter's name.
//! Only a document made of such pages is touched; anything else is returned
//! as it is, after two SIMD scans and a look at its first 64 KiB.

use std::borrow::Cow;

/// A form feed, as pdftotext writes it between pages.
const FEED: char = '\u{c}';
/// A form feed as the decoder shows it (Control Pictures).
const FEED_PICTURE: char = '\u{240c}';
/// The highest margin number of a page.
const MAX_NUMBER: u32 = 32;
/// Margin numbers sit at the left edge: at most this much indentation.
const MAX_INDENT: usize = 10;
/// A page whose numbering reaches this is a full page of the layout.
const FULL_PAGE: u32 = 20;
/// Fewer numbered lines than this are no page (a stray `1 …` and `2 …`).
const MIN_RUN: usize = 3;
/// Without form feeds, the numbered page is looked for in this prefix.
const PREFIX: usize = 64 * 1024;
/// Between numbered pages, at most this many lines are page furniture; a
/// longer stretch is a page of its own (a cover, an index).
const MAX_FURNITURE: usize = 8;
/// Furniture found on this many stretches between pages is running.
const RUNNING: usize = 3;

/// The text with page furniture blanked and margin numbers removed; the
/// same lines (pieces between `\n`) as `text`. Other text is returned as it is.
pub(super) fn strip(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let feeds = memchr::memchr(0x0C, b).is_some()
        || memchr::memmem::find(b, "\u{240c}".as_bytes()).is_some();
    if !feeds && !has_full_page(head(text, PREFIX)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let Some(actions) = plan(&lines) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    for (i, (line, action)) in lines.iter().zip(actions).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        apply(&mut out, line, action);
    }
    Cow::Owned(out)
}

/// The longest prefix of at most `max` bytes, on a char boundary.
fn head(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// What becomes of one line.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Action {
    Keep,
    /// Page furniture: the line is left empty.
    Blank,
    /// A numbered line: its margin number goes.
    Unnumber,
}

/// What the layout needs to know about a line.
struct Facts {
    /// A form feed is on the line: a page starts here.
    feed: bool,
    blank: bool,
    number: Option<u32>,
}

impl Facts {
    fn of(line: &str) -> Facts {
        let body = without_feeds(line);
        Facts {
            feed: line.contains([FEED, FEED_PICTURE]),
            blank: body.trim().is_empty(),
            number: margin(body).map(|(n, _)| n),
        }
    }
}

fn without_feeds(line: &str) -> &str {
    line.trim_start_matches([FEED, FEED_PICTURE])
}

/// A line's margin number and the byte range of its digits: one or two
/// digits near the left edge, then white space or the end of the line.
fn margin(line: &str) -> Option<(u32, std::ops::Range<usize>)> {
    let b = line.as_bytes();
    let lead = b.iter().take_while(|&&c| c == b' ').count();
    let digits = b[lead..].iter().take_while(|c| c.is_ascii_digit()).count();
    if lead > MAX_INDENT || !(1..=2).contains(&digits) {
        return None;
    }
    let end = lead + digits;
    if b.get(end).is_some_and(|c| !c.is_ascii_whitespace()) {
        return None;
    }
    let n: u32 = line[lead..end].parse().ok()?;
    (1..=MAX_NUMBER).contains(&n).then_some((n, lead..end))
}

/// One page's numbered lines: 1, 2, 3, … (a number or two may be missing).
struct Run {
    lines: Vec<usize>,
    top: u32,
}

impl Run {
    fn span(&self) -> std::ops::RangeInclusive<usize> {
        self.lines[0]..=self.lines[self.lines.len() - 1]
    }
}

/// The numbered pages of a document, in order. A page ends at a form feed
/// or where the numbering starts again.
fn runs(facts: &[Facts]) -> Vec<Run> {
    fn close(open: &mut Option<Run>, done: &mut Vec<Run>) {
        if let Some(run) = open.take().filter(|r| r.lines.len() >= MIN_RUN) {
            done.push(run);
        }
    }
    let mut done = Vec::new();
    let mut open: Option<Run> = None;
    for (i, f) in facts.iter().enumerate() {
        if f.feed {
            close(&mut open, &mut done);
        }
        let Some(n) = f.number else { continue };
        match &mut open {
            Some(run) if n > run.top && n <= run.top + 3 => {
                run.lines.push(i);
                run.top = n;
            }
            _ if n <= 2 => {
                close(&mut open, &mut done);
                open = Some(Run {
                    lines: vec![i],
                    top: n,
                });
            }
            _ => {}
        }
    }
    close(&mut open, &mut done);
    done
}

/// The cheap sign: a full numbered page in `text`.
fn has_full_page(text: &str) -> bool {
    let facts: Vec<Facts> = text.split('\n').map(Facts::of).collect();
    runs(&facts).iter().any(|r| r.top >= FULL_PAGE)
}

/// Whether the document is made of numbered pages: two full ones at least,
/// numbered lines are half its lines, and (with form feeds) most pages are
/// numbered.
fn is_layout(facts: &[Facts], runs: &[Run]) -> bool {
    let full = runs.iter().filter(|r| r.top >= FULL_PAGE).count();
    let numbered: usize = runs.iter().map(|r| r.lines.len()).sum();
    let written = facts.iter().filter(|f| !f.blank).count();
    if full < 2 || numbered * 2 < written {
        return false;
    }
    if !facts.iter().any(|f| f.feed) {
        return true;
    }
    let mut run_of = vec![false; facts.len()];
    for run in runs {
        for &i in &run.lines {
            run_of[i] = true;
        }
    }
    let (mut pages, mut with_run) = (0, 0);
    let mut start = 0;
    for end in (1..=facts.len()).filter(|&e| e == facts.len() || facts[e].feed) {
        if facts[start..end].iter().any(|f| !f.blank) {
            pages += 1;
            with_run += usize::from(run_of[start..end].iter().any(|&r| r));
        }
        start = end;
    }
    with_run * 5 >= pages * 3
}

/// What to do with each line, or `None` when the text is not the layout.
fn plan(lines: &[&str]) -> Option<Vec<Action>> {
    let facts: Vec<Facts> = lines.iter().map(|l| Facts::of(l)).collect();
    let runs = runs(&facts);
    if !is_layout(&facts, &runs) {
        return None;
    }
    let mut actions = vec![Action::Keep; lines.len()];
    let mut in_page = vec![false; lines.len()];
    for run in &runs {
        for i in run.span() {
            in_page[i] = true;
        }
        for &i in &run.lines {
            actions[i] = Action::Unnumber;
        }
    }
    let stretches = stretches(&facts, &in_page);
    let running = furniture::running(lines, &facts, &stretches);
    for s in &stretches {
        let written = s.clone().filter(|&i| !facts[i].blank).count();
        for i in s.clone() {
            if written <= MAX_FURNITURE || running.contains(&i) {
                actions[i] = Action::Blank;
            }
        }
    }
    Some(actions)
}

/// The stretches of lines outside the numbered pages, split at form feeds:
/// a page's header, its footer, or an unnumbered page.
fn stretches(facts: &[Facts], in_page: &[bool]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for i in 0..=facts.len() {
        let outside = i < facts.len() && !in_page[i];
        let breaks = i == facts.len() || !outside || facts[i].feed;
        if breaks && let Some(s) = start.take() {
            out.push(s..i);
        }
        if outside && start.is_none() {
            start = Some(i);
        }
    }
    out
}

fn apply(out: &mut String, line: &str, action: Action) {
    let body = without_feeds(line);
    let body: Cow<str> = if body.contains([FEED, FEED_PICTURE]) {
        Cow::Owned(body.replace([FEED, FEED_PICTURE], ""))
    } else {
        Cow::Borrowed(body)
    };
    match action {
        Action::Blank => {}
        Action::Keep => push_content(out, &body),
        Action::Unnumber => match margin(&body) {
            Some((_, digits)) => {
                let mut content = String::with_capacity(body.len());
                content.push_str(&body[..digits.start]);
                content.extend(std::iter::repeat_n(' ', digits.len()));
                content.push_str(&body[digits.end..]);
                push_content(out, &content);
            }
            None => push_content(out, &body),
        },
    }
}

/// A content line, with spaced capitals (`P R O C E E D I N G S`) made a
/// heading: the marker `## ` is one the parser never gates, so the heading
/// holds even with dialogue right under it.
fn push_content(out: &mut String, content: &str) {
    match furniture::spaced_caps(content) {
        Some(word) => {
            let indent = content.len() - content.trim_start().len();
            out.push_str(&content[..indent]);
            out.push_str("## ");
            out.push_str(&word);
        }
        None => out.push_str(content),
    }
}

mod furniture;

#[cfg(test)]
mod tests;
