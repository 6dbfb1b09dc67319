//! SubRip (SRT) captions, read leniently: a numeric index, then
//! `00:00:01,000 --> 00:00:02,000`, then the text up to a blank line.
//! Malformed times (`00:01:02,50`, `0:0:1,5`, `.` for `,`, no hours,
//! full-width digits and colons), missing blank lines between cues, extra
//! spaces and a BOM are tolerated; formatting tags (`<i>`, `<font …>`) and
//! `{\an8}` are stripped, `<br>` breaks the line, and other angle brackets
//! (`<Laughter>`) are text.
//! Speakers come from `Name:` in the text.
//!
//! Structure: indices and timing lines. Every other non-blank line is text
//! of a cue, so every cue's text ends up in a turn; a `-->` line that is not
//! understood stays text, and a warning says so.

use std::borrow::Cow;

use super::FormatError;
use super::cues::{Cue, assemble};
use super::vtt::LineTally;
use crate::transcript::model::Document;
use crate::transcript::parse;

/// The start and end of a timing line, if it is one.
pub(super) fn timing(line: &str) -> Option<(f64, f64)> {
    let line = half_width(line);
    let arrow = arrow(line.as_bytes())?;
    let (a, b) = (&line[..arrow], &line[arrow + 3..]);
    let start = time(a.trim())?;
    // Coordinates (`X1:…`) may follow the end time.
    let end = time(b.split_whitespace().next()?)?;
    Some((start, end))
}

/// Where `-->` starts. Asked of every line, so a byte search for its `>`
/// rather than a substring searcher built for each line.
fn arrow(b: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'>', b)
        .find(|&k| k >= 2 && &b[k - 2..k] == b"--")
        .map(|k| k - 2)
}

fn time(s: &str) -> Option<f64> {
    let s = s.trim();
    // A fourth field written with `:` for the milliseconds: `00:00:01:000`.
    if s.bytes().filter(|&b| b == b':').count() == 3 {
        let (hms, ms) = s.rsplit_once(':')?;
        return parse::clock(&format!("{hms},{ms}"));
    }
    parse::clock(s)
}

/// Full-width ASCII forms (`０１：０２，５００`, `－－＞`), which Chinese and
/// Japanese input methods put into hand-edited timings, as ASCII.
fn half_width(line: &str) -> Cow<'_, str> {
    let wide = |c: char| ('\u{ff01}'..='\u{ff5e}').contains(&c);
    // Every such form's UTF-8 starts with 0xEF: most lines have none.
    if !line.as_bytes().contains(&0xEF) || !line.contains(wide) {
        return Cow::Borrowed(line);
    }
    line.chars()
        .map(|c| {
            if wide(c) {
                char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

fn is_index(line: &str) -> bool {
    !line.is_empty() && line.len() <= 9 && line.bytes().all(|b| b.is_ascii_digit())
}

/// Detection: one of the first lines is an SRT timing line.
pub(super) fn looks_like(lines: &[&str]) -> bool {
    lines.iter().take(4).any(|l| timing(l).is_some())
}

/// The tag at the start of `rest` (`<i>`, `</font>`, `<font color="red">`,
/// `<br/>`, `{\an8}`), if it is one: its length and what replaces it.
/// Anything else in angle brackets (`<Laughter>`, `<i mean it>`) is what
/// was said or heard, and stays.
fn tag(rest: &str) -> Option<(usize, &'static str)> {
    let (close, inner) = match rest.as_bytes().first()? {
        b'<' => ('>', &rest[1..]),
        b'{' if rest[1..].starts_with('\\') => ('}', &rest[1..]),
        _ => return None,
    };
    let end = inner.find(close).filter(|&c| c <= 100)?;
    if close == '}' {
        return Some((end + 2, ""));
    }
    let bare = inner[..end].trim_start_matches('/').trim_end_matches('/');
    let (name, attributes) = bare.split_once([' ', '\t', '.']).unwrap_or((bare, ""));
    match name.to_ascii_lowercase().as_str() {
        "font" | "c" | "span" => Some((end + 2, "")),
        "i" | "b" | "u" | "s" if attributes.is_empty() => Some((end + 2, "")),
        "br" if attributes.trim().is_empty() => Some((end + 2, "\n")),
        _ => None,
    }
}

/// Remove formatting tags and `{\an8}`-style overrides; `<br>` breaks the line.
fn strip_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find(['<', '{']) {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        match tag(rest) {
            Some((len, replacement)) => {
                out.push_str(replacement);
                rest = &rest[len..];
            }
            None => {
                out.push_str(&rest[..1]);
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

pub(super) fn read(text: &str, rules: &parse::SpeakerRules) -> Result<Document, FormatError> {
    let lines: Vec<&str> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let l = l.trim();
            if i == 0 {
                l.trim_start_matches('\u{feff}').trim()
            } else {
                l
            }
        })
        .collect();
    let (cues, not_understood) = read_cues(&lines);
    let first = not_understood.first.as_ref();
    if !cues.iter().any(|c| c.start.is_some()) {
        return Err(FormatError::Srt(match first {
            Some((no, line)) => super::nothing_read(not_understood.count, *no, line),
            None => "no timing lines like `00:00:01,000 --> 00:00:02,000`".into(),
        }));
    }
    let mut doc = Document::default();
    if let Some((no, line)) = first {
        let n = not_understood.count;
        let what = if n == 1 {
            "timing line was not understood and is"
        } else {
            "timing lines were not understood and are"
        };
        doc.warnings.push(format!(
            "{n} {what} kept as text (first at line {no}: {})",
            super::quoted(line)
        ));
    }
    Ok(assemble(cues, doc, rules))
}

/// The cues of trimmed lines, and the `-->` lines that were not timings
/// (kept as text, so nothing is lost, but worth a warning).
fn read_cues(lines: &[&str]) -> (Vec<Cue>, LineTally) {
    let mut cues: Vec<Cue> = Vec::new();
    let mut open: Option<Cue> = None;
    let mut not_understood = LineTally::default();
    // Each line's timing read once: an index line looks at the next one's.
    let timings: Vec<Option<(f64, f64)>> = lines.iter().map(|l| timing(l)).collect();
    for (i, line) in lines.iter().enumerate() {
        let no = i + 1;
        if let Some((start, end)) = timings[i] {
            cues.extend(open.take());
            open = Some(Cue {
                start: Some(start),
                end: Some(end),
                speaker: None,
                text: String::new(),
                line: no,
                end_line: no,
                ..Cue::default()
            });
            continue;
        }
        // An index right before a timing line is structure, even without a
        // blank line before it.
        if is_index(line) && timings.get(i + 1).is_some_and(Option::is_some) {
            continue;
        }
        if line.is_empty() {
            cues.extend(open.take());
            continue;
        }
        if arrow(line.as_bytes()).is_some() {
            not_understood.note(no, line);
        }
        Cue::add_line(&mut open, no, &strip_tags(line), false);
    }
    cues.extend(open);
    (cues, not_understood)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_tags_go_and_bracketed_words_stay() {
        assert_eq!(strip_tags("<i>Hi</i> <b>there</b>"), "Hi there");
        assert_eq!(strip_tags(r#"<font color="red">Hi</font>"#), "Hi");
        assert_eq!(strip_tags(r"{\an8}Up<br/>here"), "Up\nhere");
        assert_eq!(
            strip_tags("<i mean it> <b>really</B>"),
            "<i mean it> really"
        );
        assert_eq!(strip_tags("<c.yellow>Hi</c>"), "Hi");
        assert_eq!(
            strip_tags("Hello <Laughter> there."),
            "Hello <Laughter> there."
        );
        assert_eq!(strip_tags("I <3 you {sic}"), "I <3 you {sic}");
        assert_eq!(strip_tags("<unclosed"), "<unclosed");
    }

    #[test]
    fn short_and_full_width_timings() {
        assert_eq!(timing("0:0:1,5 --> 0:0:2,0"), Some((1.5, 2.0)));
        assert_eq!(
            timing("００:００:０１，５００ －－＞ ００:００:０２，０００"),
            Some((1.5, 2.0))
        );
        assert_eq!(
            timing("00：00：03,000 --> 00：00：04,000"),
            Some((3.0, 4.0))
        );
    }
}
