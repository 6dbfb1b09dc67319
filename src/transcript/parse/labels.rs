//! Speaker labels as written: spotting `Name:` and its variants at the start
//! of a line, with a bracketed note after the name (`ANNA (laughing):`,
//! `王小明（XM）：`) split off. Whether a label names a speaker is decided
//! elsewhere, with the whole document as evidence.

pub(super) use super::names::classify;
use super::rules::SpeakerRules;

/// A label as written at the start of a line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Label<'a> {
    /// The name, without its bracketed note.
    pub name: &'a str,
    /// A bracketed note between the name and the colon: a stage direction
    /// or role note, or a short form the name is known by.
    pub note: Option<Note<'a>>,
    /// Text after the label, trimmed; empty for an own-line label.
    pub rest: &'a str,
    /// Bold, honorific, Q/A or timestamped: a speaker even if used once.
    pub strong: bool,
    pub time: Option<f64>,
    /// A word that precedes colons in prose (`Note:`, `日期：`): listed for
    /// `--speakers`, never a speaker unless the user says so.
    pub common: bool,
}

/// A bracketed note after a label's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Note<'a> {
    /// Inside the brackets: `laughing`, `XM`.
    pub inner: &'a str,
    /// With its brackets: `(laughing)`, `（XM）`.
    pub written: &'a str,
    /// The name and the note as written: `王小明（XM）`.
    pub full: &'a str,
}

impl Note<'_> {
    /// A stage direction by its words or brackets: `[crosstalk]`,
    /// `(off mic)`, `（笑）`. Other notes may be a role or a short name.
    pub fn is_stage(&self) -> bool {
        let lower = self.inner.to_lowercase();
        self.written.starts_with('[')
            || self.inner.starts_with(|c: char| c.is_lowercase())
            || STAGE_WORDS
                .split('|')
                .any(|w| lower == w || lower.starts_with(&format!("{w} ")))
    }
}

/// Words of a stage direction written between a name and its colon.
const STAGE_WORDS: &str = "laughing|laughs|laughter|crosstalk|cross-talk|off mic|off-mic|inaudible|overlapping|overtalk|pause|pauses|pausing|sighs|sighing|chuckles|chuckling|interrupting|interposing|continuing|cont'd|contd|through interpreter|via interpreter|in english|in chinese|translated|reading|whispering|shouting|applause|smiling|crying|voice-over|v.o.|o.s.|笑|大笑|笑着|微笑|停顿|叹气|沉默|掌声|苦笑|插话|打断|继续|画外音|笑声|哽咽|鼓掌|英文|翻译";

/// Split a bracketed note off the end of a name: `ANNA (laughing)`.
pub(super) fn split_note(full: &str) -> (&str, Option<Note<'_>>) {
    let pairs = [('(', ')'), ('（', '）'), ('[', ']')];
    for (open, close) in pairs {
        let Some(body) = full.strip_suffix(close) else {
            continue;
        };
        let Some(at) = body.rfind(open) else {
            continue;
        };
        let (name, inner) = (body[..at].trim_end(), body[at + open.len_utf8()..].trim());
        if name.is_empty() || inner.is_empty() || inner.chars().count() > 40 {
            continue;
        }
        let note = Note {
            inner,
            written: &full[at..],
            full,
        };
        return (name, Some(note));
    }
    (full, None)
}

/// Names are short; a colon further in than this is prose.
const MAX_NAME_CHARS: usize = 48;
const MAX_NAME_BYTES: usize = 160;

/// [`split`], and labels the user named with `--speaker` whatever their shape.
pub(crate) fn split_with<'a>(line: &'a str, rules: &SpeakerRules) -> Option<Label<'a>> {
    split(line).or_else(|| forced(line, rules))
}

/// A line starting with a name the user forces to be a speaker, then an
/// optional bracketed note and a colon.
fn forced<'a>(line: &'a str, rules: &SpeakerRules) -> Option<Label<'a>> {
    rules.force.iter().find_map(|f| {
        let f = f.trim();
        let head = line
            .get(..f.len())
            .filter(|h| !f.is_empty() && h.eq_ignore_ascii_case(f))?;
        let colon = colon_in_name_range(&line[f.len()..])? + f.len();
        let (name, note) = split_note(line[..colon].trim_end());
        (name == head).then_some(Label {
            name,
            note,
            rest: line[colon..].trim_start_matches([':', '：']).trim(),
            strong: true,
            time: None,
            common: false,
        })
    })
}

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
    let (name, note) = split_note(name.trim());
    classify(name)?;
    Some(Label {
        name,
        note,
        rest: rest.trim(),
        strong: true,
        time: None,
        common: false,
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
    let (name, note) = split_note(after[..colon].trim_end());
    classify(name)?;
    Some(Label {
        name,
        note,
        rest: after[colon..].trim_start_matches([':', '：']).trim(),
        strong: true,
        time: Some(time),
        common: false,
    })
}

/// Press briefings and depositions: `Q    What about…` with a wide gap
/// instead of a colon, and `Q. Did you…` / `A. Yes.`. The dotted form is
/// weak (`A. Lincoln wrote…` is prose): it must recur to be a speaker.
fn q_spaced(line: &str) -> Option<Label<'_>> {
    let name = line.get(..1).filter(|n| *n == "Q" || *n == "A")?;
    let (after, dotted) = match line[1..].strip_prefix('.') {
        Some(a) => (a, true),
        None => (&line[1..], false),
    };
    let gap = after.chars().take_while(|c| c.is_whitespace()).count();
    if gap < if dotted { 1 } else { 2 } {
        return None;
    }
    let rest = after.trim_start();
    (!rest.is_empty()).then_some(Label {
        name,
        note: None,
        rest,
        strong: !dotted,
        time: None,
        common: false,
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
            (b'(' | b'[', ..) | (0xEF, Some(0xBC), Some(0x88)) => {
                if let Some(label) = time_after(line, i) {
                    return Some(label);
                }
                // A note before the colon: skip past its closing bracket.
                from = close_of(bytes, i)? + 1;
                continue;
            }
            _ => {
                from = i + 1;
                continue;
            }
        };
        let (name, note) = split_note(line[..i].trim_end());
        let rest = line[i + colon..].trim_start();
        let clock = name.ends_with(|c: char| c.is_ascii_digit())
            && rest.starts_with(|c: char| c.is_ascii_digit());
        if clock || rest.starts_with("//") || name.starts_with(['-', '*', '#', '>']) {
            return None;
        }
        let Some(shape) = classify(name) else {
            return super::names::is_stop(name).then_some(Label {
                name,
                note,
                rest,
                strong: false,
                time: None,
                common: true,
            });
        };
        let strong = shape || note.is_some_and(|n| n.is_stage());
        return Some(Label {
            name,
            note,
            rest,
            strong,
            time: None,
            common: false,
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

/// The closing bracket of the one opening at `open`, within a note's reach.
fn close_of(bytes: &[u8], open: usize) -> Option<usize> {
    let (close, width): (&[u8], usize) = match bytes[open] {
        b'(' => (b")", 1),
        b'[' => (b"]", 1),
        _ => ("）".as_bytes(), 3),
    };
    let from = open + width;
    let reach = bytes.len().min(from + 120);
    let at = bytes
        .get(from..reach)?
        .windows(close.len())
        .position(|w| w == close)?;
    Some(from + at + close.len() - 1)
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
        note: None,
        rest,
        strong: true,
        time: Some(time),
        common: false,
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
    // One pass over the bytes: asked twice of every caption's timing line.
    let mut rest = s.trim().as_bytes();
    let digits = |d: &[u8]| !d.is_empty() && d.len() <= 3 && d.iter().all(u8::is_ascii_digit);
    // At most three ASCII digits each, checked: read as integers, which
    // `f64` holds exactly, so the result is what parsing the digits as
    // floats gave, without the float parser's cost per cue.
    let int = |d: &[u8]| d.iter().fold(0u32, |v, b| v * 10 + u32::from(b - b'0'));
    let (mut total, mut fields) = (0.0, 0);
    loop {
        let end = memchr::memchr(b':', rest).unwrap_or(rest.len());
        let (part, more) = (&rest[..end], end < rest.len());
        fields += 1;
        // A fraction only in the last field: `1:02.5`, `00:00:01,000`.
        let (whole, frac) = match part.iter().position(|&c| c == b'.' || c == b',') {
            Some(k) if !more => (&part[..k], Some(&part[k + 1..])),
            _ => (part, None),
        };
        if fields > 3 || !digits(whole) || frac.is_some_and(|f| !digits(f)) {
            return None;
        }
        let mut value = f64::from(int(whole));
        if let Some(f) = frac {
            value += f64::from(int(f)) / 10f64.powi(f.len() as i32);
        }
        total = total * 60.0 + value;
        if !more {
            break;
        }
        rest = &rest[end + 1..];
    }
    (fields >= 2).then_some(total)
}

#[cfg(test)]
mod tests;
