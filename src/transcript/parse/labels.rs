//! Speaker labels: spotting `Name:` and its variants on a line, and deciding
//! which names are speakers (strong forms at once, the rest when they recur).

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::paragraphs::is_wide;

/// A label as written at the start of a line.
#[derive(Debug, Clone, Copy)]
pub(super) struct Label<'a> {
    pub name: &'a str,
    /// Text after the label, trimmed; empty for an own-line label.
    pub rest: &'a str,
    /// Bold, honorific, Q/A or timestamped: a speaker even if used once.
    pub strong: bool,
    pub time: Option<f64>,
}

/// Names are short; a colon further in than this is prose.
const MAX_NAME_CHARS: usize = 48;
const MAX_NAME_BYTES: usize = 120;

/// Abbreviated honorifics that make a label strong in any case.
const ABBREVIATIONS: &str =
    "mr. mrs. ms. mx. dr. prof. rev. sen. rep. gov. gen. col. capt. lt. sgt. hon.";

/// Titles that make an ALL-CAPS label strong (`CHIEF JUDGE HALVORSEN:`).
const TITLES: &str = "mr mrs ms dr the chief judge justice chair chairman chairwoman chairperson commissioner senator representative congressman congresswoman mayor councilmember councilman councilwoman secretary president vice madam officer detective agent ambassador minister speaker witness clerk moderator professor";

/// Lower-case words allowed inside a Latin name.
const PARTICLES: &str =
    "de da di del della der den van von le la du bin al el y dos das ten ter of";

/// Words that precede a colon in prose or headers but never name a speaker.
const NOT_NAMES: &str = "note|notes|example|examples|update|source|sources|photo|image|caption|warning|summary|tip|step|ps|p.s.|re|subject|transcript|url|link|links|watch|listen|related|disclaimer|date|time|location|venue|author|by|tags|http|https|editor's note|see also|例如|比如|其次|首先|然后|最后|注|注意|备注|提示|总结|结论|原因|答案|问题|摘要|导语|编者按|图|来源|说明|关键词|标签|题目|原文|链接|地址|电话|邮箱|网址|时间|日期|作者|地点|人气|编辑|责任编辑|责编|记者|整理";

/// Verbs that turn `Name说:` into narration about a speaker.
const SPEECH_VERBS: &[&str] = &[
    "说", "表示", "指出", "认为", "称", "谈到", "提到", "强调", "如下",
];

/// Recognise a label at the start of a trimmed line, without judging recurrence.
pub(super) fn split(line: &str) -> Option<Label<'_>> {
    bold(line)
        .or_else(|| time_first(line))
        .or_else(|| q_spaced(line))
        .or_else(|| plain(line))
}

/// `**Name:** rest`, `**Name：** rest` and `**Name**: rest`.
fn bold(line: &str) -> Option<Label<'_>> {
    let inner = line.strip_prefix("**")?;
    let close = inner.find("**")?;
    let (name, after) = (&inner[..close], &inner[close + 2..]);
    let (name, rest) = match strip_colon(name.trim_end()) {
        Some(n) => (n, after),
        None => (name, strip_colon_start(after)?),
    };
    let name = name.trim();
    classify(name)?;
    Some(Label {
        name,
        rest: rest.trim(),
        strong: true,
        time: None,
    })
}

/// `[00:01:02] Name: rest` and `(00:01:02) Name:`.
fn time_first(line: &str) -> Option<Label<'_>> {
    if !line.starts_with(['[', '(']) {
        return None;
    }
    let close = line.bytes().take(16).position(|b| b == b']' || b == b')')?;
    let time = timestamp(&line[1..close])?;
    let after = line[close + 1..].trim_start();
    let colon = colon_in_name_range(after)?;
    let name = after[..colon].trim_end();
    classify(name)?;
    Some(Label {
        name,
        rest: after[colon..].trim_start_matches([':', '：']).trim(),
        strong: true,
        time: Some(time),
    })
}

/// Press briefings: `Q    What about…` with a wide gap instead of a colon.
fn q_spaced(line: &str) -> Option<Label<'_>> {
    let name = line.get(..1).filter(|n| *n == "Q" || *n == "A")?;
    let after = &line[1..];
    let mut gap = after.chars().take_while(|c| c.is_whitespace());
    if gap.next().is_none() || gap.next().is_none() {
        return None;
    }
    let rest = after.trim_start();
    (!rest.is_empty()).then_some(Label {
        name,
        rest,
        strong: true,
        time: None,
    })
}

/// `Name: rest`, `Name：rest`, and `Name (00:01:02):` with the text below.
fn plain(line: &str) -> Option<Label<'_>> {
    // Bytes, not chars: this runs on every line. `：` is EF BC 9A, `（` EF BC 88.
    let bytes = line.as_bytes();
    let mut from = 0;
    while let Some(i) = next_mark(bytes, from) {
        let colon = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b':', ..) => 1,
            (0xEF, Some(0xBC), Some(0x9A)) => 3,
            (b'(' | b'[', ..) | (0xEF, Some(0xBC), Some(0x88)) => return time_after(line, i),
            _ => {
                from = i + 1;
                continue;
            }
        };
        let name = line[..i].trim_end();
        let rest = line[i + colon..].trim_start();
        let clock = name.ends_with(|c: char| c.is_ascii_digit())
            && rest.starts_with(|c: char| c.is_ascii_digit());
        if clock || rest.starts_with("//") || name.starts_with(['-', '*', '#', '>']) {
            return None;
        }
        let strong = classify(name)?;
        return Some(Label {
            name,
            rest,
            strong,
            time: None,
        });
    }
    None
}

/// The first byte at or after `from`, within the name range, that may start
/// a colon or an opening bracket. Most lines have none, so 16-byte blocks
/// are tested without branches first.
fn next_mark(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..bytes.len().min(MAX_NAME_BYTES))?;
    let mark = |c: u8| (c == b':') | (c == b'(') | (c == b'[') | (c == 0xEF);
    let (blocks, _) = rest.as_chunks::<16>();
    let clean = blocks
        .iter()
        .take_while(|block| !block.iter().fold(false, |hit, &c| hit | mark(c)))
        .count();
    let k = rest[clean * 16..].iter().position(|&c| mark(c))?;
    Some(from + clean * 16 + k)
}

/// `Name (00:01:02):` or `Name [00:01:02]` ending the line or followed by a colon.
fn time_after(line: &str, open: usize) -> Option<Label<'_>> {
    let name = line[..open].trim_end();
    let inner_start = open + line[open..].chars().next()?.len_utf8();
    let inner = line.get(inner_start..).unwrap_or("");
    let close = inner_start
        + inner
            .char_indices()
            .take(16)
            .find(|(_, c)| matches!(c, ')' | ']' | '）'))?
            .0;
    let time = timestamp(&line[inner_start..close])?;
    let mut after = line[close..].chars();
    after.next();
    let after = after.as_str().trim_start();
    let rest = match strip_colon_start(after) {
        Some(r) => r.trim(),
        None if after.is_empty() => after,
        None => return None,
    };
    classify(name)?;
    Some(Label {
        name,
        rest,
        strong: true,
        time: Some(time),
    })
}

fn colon_in_name_range(s: &str) -> Option<usize> {
    s.char_indices()
        .take(MAX_NAME_CHARS)
        .find(|&(_, c)| c == ':' || c == '：')
        .map(|(i, _)| i)
}

fn strip_colon(s: &str) -> Option<&str> {
    s.strip_suffix(':').or_else(|| s.strip_suffix('：'))
}

fn strip_colon_start(s: &str) -> Option<&str> {
    s.strip_prefix(':').or_else(|| s.strip_prefix('：'))
}

/// `h:mm:ss`, `mm:ss`, optionally with a fraction, as seconds.
pub(super) fn timestamp(s: &str) -> Option<f64> {
    let s = s.trim();
    let parts = s.split(':').count();
    if !(2..=3).contains(&parts) {
        return None;
    }
    let digits = |d: &str| !d.is_empty() && d.len() <= 3 && d.bytes().all(|b| b.is_ascii_digit());
    let mut total = 0.0;
    for (n, part) in s.split(':').enumerate() {
        let (whole, frac) = match part.split_once(['.', ',']) {
            Some((w, f)) if n + 1 == parts => (w, Some(f)),
            _ => (part, None),
        };
        if !digits(whole) || frac.is_some_and(|f| !digits(f)) {
            return None;
        }
        let mut value: f64 = whole.parse().ok()?;
        if let Some(f) = frac {
            value += f.parse::<f64>().ok()? / 10f64.powi(f.len() as i32);
        }
        total = total * 60.0 + value;
    }
    Some(total)
}

/// Whether `name` can be a speaker label: `Some(strong)` or `None`.
pub(super) fn classify(name: &str) -> Option<bool> {
    if name.is_empty() || name.len() > 160 || name.chars().count() > 40 {
        return None;
    }
    if matches!(name, "Q" | "A" | "问" | "答") {
        return Some(true);
    }
    let strong = if name.chars().any(is_wide) {
        cjk_name(name).then_some(false)
    } else {
        latin_name(name)
    }?;
    (!is_stop(name)).then_some(strong)
}

fn is_stop(name: &str) -> bool {
    let mut buf = [0u8; 16];
    let Some(lower) = buf.get_mut(..name.len()) else {
        return false;
    };
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    // ASCII lowering keeps UTF-8 valid.
    let lower = std::str::from_utf8(lower).unwrap_or_default();
    static SET: OnceLock<HashSet<&str, BuildHasherDefault<Fnv>>> = OnceLock::new();
    SET.get_or_init(|| NOT_NAMES.split('|').collect())
        .contains(lower)
}

/// FNV-1a, for the fixed stop-word set: with keys that the input cannot
/// choose, an unkeyed hash is safe, and far cheaper than SipHash on the
/// label of every line.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

fn cjk_name(name: &str) -> bool {
    let mut n = 0;
    for c in name.chars() {
        if matches!(c, '·' | '・' | '•') {
            continue;
        }
        // Han ideographs are letters; the range test spares the Unicode
        // table lookup for nearly every character of a Chinese name.
        if !(is_han(c) || c.is_alphanumeric()) {
            return false;
        }
        n += 1;
    }
    (1..=8).contains(&n)
        && !SPEECH_VERBS
            .iter()
            .any(|v| name.len() > v.len() && name.ends_with(v))
}

/// CJK Unified Ideographs, every one of them alphabetic.
fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

fn latin_name(name: &str) -> Option<bool> {
    let mut words = name.split_whitespace();
    let first = words.next()?;
    let caps = name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase);
    let abbreviated = first.ends_with('.')
        && ABBREVIATIONS
            .split(' ')
            .any(|a| a.eq_ignore_ascii_case(first));
    let titled = caps
        && TITLES
            .split(' ')
            .any(|t| t.eq_ignore_ascii_case(first.trim_end_matches('.')));
    let honorific = abbreviated || titled;
    let mut count = 0;
    if !honorific {
        if !word_ok(first, true) {
            return None;
        }
        count = 1;
    }
    for w in words {
        count += 1;
        if count > 4 || !word_ok(w, false) {
            return None;
        }
    }
    if count == 0 && !titled {
        return None;
    }
    Some(honorific)
}

fn word_ok(w: &str, first: bool) -> bool {
    let Some(c0) = w.chars().next() else {
        return false;
    };
    let start_ok = c0.is_uppercase()
        || (!first && c0.is_ascii_digit())
        || (!first && PARTICLES.split(' ').any(|p| p.eq_ignore_ascii_case(w)));
    let dot_ok =
        !w.contains('.') || (w.ends_with('.') && w.len() <= 5 && w.matches('.').count() == 1);
    start_ok
        && dot_ok
        && w.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '&' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(line: &str) -> Option<(&str, bool)> {
        split(line).map(|l| (l.name, l.strong))
    }

    #[test]
    fn label_forms() {
        assert_eq!(name("Alice: hi"), Some(("Alice", false)));
        assert_eq!(name("张三：你好"), Some(("张三", false)));
        assert_eq!(name("**Host:** hi"), Some(("Host", true)));
        assert_eq!(name("**Host**: hi"), Some(("Host", true)));
        assert_eq!(name("**主持人：** 你好"), Some(("主持人", true)));
        assert_eq!(name("MR. DELACROIX: Yes."), Some(("MR. DELACROIX", true)));
        assert_eq!(
            name("CHIEF JUDGE HALVORSEN: Go."),
            Some(("CHIEF JUDGE HALVORSEN", true))
        );
        assert_eq!(name("Q    What about it?"), Some(("Q", true)));
        assert_eq!(name("问：为什么？"), Some(("问", true)));
        assert_eq!(split("Dana (00:01:02):").map(|l| l.time), Some(Some(62.0)));
        assert_eq!(
            split("[1:02:03.5] Dana: hi").map(|l| l.time),
            Some(Some(3723.5))
        );
    }

    #[test]
    fn han_ideographs_are_alphanumeric() {
        for c in ('\u{4E00}'..='\u{9FFF}').filter(|&c| is_han(c)) {
            assert!(c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn not_labels() {
        for line in [
            "The meeting starts at 10:30 sharp.",
            "会议于10:30开始",
            "See https://example.com",
            "纳德拉说:我们正处于",
            "我们将这次两大科技巨头值得回味的对话内容整理如下:",
            "Meta、微软掌门人巅峰对话:大模型如何改变世界?",
            "- 主讲：张三",
            "Note: this is important",
            "Well, here is the thing: no.",
            "A dog ran.",
        ] {
            assert_eq!(name(line), None, "{line}");
        }
    }
}
