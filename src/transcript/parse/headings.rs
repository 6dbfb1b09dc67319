//! Section headings: recognising heading lines, and telling numbered headings
//! from numbered lists by where they sit in the document.

use super::paragraphs::width;

/// How a heading is written. Numbered families are only headings when the
/// document uses them like headings (see [`Gate`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Family {
    /// `01 Title`
    Padded,
    /// `1. Title`
    Dot,
    /// `1、Title`
    Dun,
    /// `一、标题`
    CjkNumeral,
    /// `第一部分 …`
    Chapter,
    /// `# Title`, with its level.
    Markdown(usize),
    /// `■ Title`
    Marker,
    /// `PUBLIC COMMENT`
    Caps,
}

impl Family {
    fn gated(self) -> Option<usize> {
        match self {
            Family::Padded => Some(0),
            Family::Dot => Some(1),
            Family::Dun => Some(2),
            Family::CjkNumeral => Some(3),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Heading<'a> {
    pub number: Option<&'a str>,
    pub title: Option<&'a str>,
    pub family: Family,
    value: u32,
}

const CJK_DIGITS: &str = "零〇一二三四五六七八九十百两";
const CHAPTER_WORDS: &[&str] = &["部分", "章", "节", "篇", "讲", "回", "幕", "场"];
const MARKERS: &[char] = &['■', '◆', '▍', '▌', '●', '▶'];

/// Recognise a heading line (trimmed, not a speaker label).
pub(super) fn split(line: &str) -> Option<Heading<'_>> {
    if let Some(h) = markdown(line) {
        return Some(h);
    }
    if let Some(rest) = line.strip_prefix(MARKERS) {
        return short(rest.trim(), 120).map(|t| heading(None, Some(t), Family::Marker, 0));
    }
    if let Some(rest) = line.strip_prefix('第') {
        return chapter(line, rest);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let (number, after) = line.split_at(digits);
        let value = number.parse().ok()?;
        let mut chars = after.chars();
        let (family, title) = match chars.next()? {
            '.' | '．' if !chars.as_str().starts_with(|c: char| c.is_ascii_digit()) => {
                (Family::Dot, chars.as_str())
            }
            '、' => (Family::Dun, chars.as_str()),
            c if c.is_whitespace() && digits >= 2 => (Family::Padded, chars.as_str()),
            _ => return None,
        };
        return numbered(title).map(|t| heading(Some(number), Some(t), family, value));
    }
    let numeral_len: usize = line
        .chars()
        .take_while(|c| CJK_DIGITS.contains(*c))
        .map(char::len_utf8)
        .sum();
    if numeral_len > 0 && numeral_len <= 12 {
        let (number, after) = line.split_at(numeral_len);
        let title = after.strip_prefix(['、', '．'])?;
        let value = cjk_value(number)?;
        return numbered(title).map(|t| heading(Some(number), Some(t), Family::CjkNumeral, value));
    }
    None
}

/// A `# Title` line; the caller decides whether an H1 is the document title.
pub(super) fn markdown(line: &str) -> Option<Heading<'_>> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    let rest = line.get(level..)?;
    if !(1..=6).contains(&level) || !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let title = rest.trim().trim_end_matches('#').trim();
    let title = title
        .strip_prefix("**")
        .and_then(|t| t.strip_suffix("**"))
        .unwrap_or(title);
    short(title, 160).map(|t| heading(None, Some(t), Family::Markdown(level), 0))
}

/// A standalone ALL-CAPS line such as `PUBLIC COMMENT`.
pub(super) fn caps(line: &str) -> Option<Heading<'_>> {
    let ok = line.len() <= 60
        && line.is_ascii()
        && line
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b" &-',/".contains(&b))
        && line.bytes().filter(u8::is_ascii_uppercase).count() >= 3
        && line.split_whitespace().count() <= 8;
    ok.then(|| heading(None, Some(line), Family::Caps, 0))
}

fn chapter<'a>(line: &'a str, rest: &'a str) -> Option<Heading<'a>> {
    let numeral_len: usize = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || CJK_DIGITS.contains(*c))
        .take(4)
        .map(char::len_utf8)
        .sum();
    let after = &rest[numeral_len..];
    let word = CHAPTER_WORDS.iter().find(|w| after.starts_with(**w))?;
    if numeral_len == 0 {
        return None;
    }
    let split = line.len() - after.len() + word.len();
    let number = &line[..split];
    let title = line[split..]
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '：' | '、'));
    let title = if title.is_empty() {
        None
    } else {
        Some(short(title, 80)?)
    };
    Some(heading(Some(number), title, Family::Chapter, 0))
}

fn heading<'a>(
    number: Option<&'a str>,
    title: Option<&'a str>,
    family: Family,
    value: u32,
) -> Heading<'a> {
    Heading {
        number,
        title,
        family,
        value,
    }
}

fn short(title: &str, max_width: usize) -> Option<&str> {
    (!title.is_empty() && width(title) <= max_width).then_some(title)
}

/// Titles of numbered headings are short and do not end like a sentence.
fn numbered(title: &str) -> Option<&str> {
    let title = short(title.trim(), 80)?;
    let bad_end = title.ends_with(['。', '；', ';', '：', ':', '，', ',', '.']);
    (!bad_end && title.split_whitespace().count() <= 12).then_some(title)
}

fn cjk_value(numeral: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let mut total = 0;
    let mut current = 0;
    for c in numeral.chars() {
        match c {
            '十' => {
                total += current.max(1) * 10;
                current = 0;
            }
            '百' => {
                total += current.max(1) * 100;
                current = 0;
            }
            '两' => current = 2,
            '〇' => current = 0,
            c => current = digit(c)?,
        }
    }
    Some(total + current)
}

/// Decides which numbered heading candidates are headings. Candidates of one
/// family with no dialogue between them form a run; runs of two or more are
/// lists. The remaining candidates are headings when there are at least two
/// and their numbers increase.
#[derive(Default)]
pub(super) struct Gate {
    runs: [Vec<Vec<(usize, u32)>>; 4],
    separated: [bool; 4],
    content: [usize; 4],
}

/// Content lines that separate two candidates even without a label between.
const SEPARATING_LINES: usize = 3;

impl Gate {
    pub fn label(&mut self) {
        self.separated = [true; 4];
    }

    pub fn content(&mut self) {
        for n in &mut self.content {
            *n += 1;
        }
    }

    /// Returns whether the heading needs gating at all.
    pub fn candidate(&mut self, index: usize, h: &Heading) -> bool {
        let Some(slot) = h.family.gated() else {
            return false;
        };
        let runs = &mut self.runs[slot];
        let apart = self.separated[slot] || self.content[slot] >= SEPARATING_LINES;
        match runs.last_mut() {
            Some(run) if !apart => run.push((index, h.value)),
            _ => runs.push(vec![(index, h.value)]),
        }
        self.separated[slot] = false;
        self.content[slot] = 0;
        true
    }

    /// Indices of the candidates that are headings, in ascending order.
    pub fn accepted(self) -> Vec<usize> {
        let mut out = Vec::new();
        for runs in self.runs {
            let mut kept = Vec::new();
            let mut last = None;
            for run in runs.iter().filter(|r| r.len() == 1) {
                let (index, value) = run[0];
                if last.is_none_or(|l| value > l) {
                    kept.push(index);
                    last = Some(value);
                }
            }
            if kept.len() >= 2 {
                out.extend(kept);
            }
        }
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(line: &str) -> Option<(Option<&str>, Option<&str>, Family)> {
        split(line).map(|h| (h.number, h.title, h.family))
    }

    #[test]
    fn heading_forms() {
        assert_eq!(
            parts("01 “深度应用”,即将到来"),
            Some((Some("01"), Some("“深度应用”,即将到来"), Family::Padded))
        );
        assert_eq!(
            parts("1. Opening"),
            Some((Some("1"), Some("Opening"), Family::Dot))
        );
        assert_eq!(
            parts("1、未来展望"),
            Some((Some("1"), Some("未来展望"), Family::Dun))
        );
        assert_eq!(
            parts("十二、结语"),
            Some((Some("十二"), Some("结语"), Family::CjkNumeral))
        );
        assert_eq!(
            parts("第三部分 问答"),
            Some((Some("第三部分"), Some("问答"), Family::Chapter))
        );
        assert_eq!(
            parts("## Intro"),
            Some((None, Some("Intro"), Family::Markdown(2)))
        );
        assert_eq!(
            parts("■ 技术趋势"),
            Some((None, Some("技术趋势"), Family::Marker))
        );
        assert_eq!(cjk_value("十二"), Some(12));
        assert_eq!(cjk_value("二十"), Some(20));
    }

    #[test]
    fn not_headings() {
        for line in [
            "1.5 million people came",
            "2024 was a year.",
            "10 people came.",
            "#hashtag",
            "1. We agreed.",
        ] {
            assert!(split(line).is_none(), "{line}");
        }
    }
}
