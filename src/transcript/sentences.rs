//! Sentence segmentation for Chinese, Japanese and English paragraphs.
//!
//! The reader's cursor moves by sentence, so this favours keeping a sentence
//! whole over splitting at every dot: an unsure `.` does not break.
//! `；;` are clause boundaries, not sentence ends; claims split on them.

use std::ops::Range;

/// Titles that always precede a name or a number, so never end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "st", "hon",
    "rev", "fr", "vs", "cf", "approx", "fig", "figs", "vol", "ch", "pp", "dept", "est", "mt",
];

/// Abbreviations that often end a sentence too: they break only before a
/// capital letter or CJK text.
const SOFT_ABBREVIATIONS: &[&str] = &["etc", "inc", "ltd", "co", "corp", "jr", "sr", "al"];

/// Byte ranges of the sentences in `text`, in order, without surrounding
/// whitespace. Every non-whitespace character belongs to exactly one range.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_quote = false;
    let mut i = 0;
    let bytes = text.as_bytes();
    while let Some(&lead) = bytes.get(i) {
        // Only these lead bytes can start a terminator or a quote: skip the
        // rest (most CJK text) without decoding.
        if !matches!(lead, b'"' | b'!' | b'?' | b'.' | 0xE2 | 0xE3 | 0xEF) {
            i += match lead {
                0..0xC0 => 1,
                0xC0..0xE0 => 2,
                0xE0..0xF0 => 3,
                _ => 4,
            };
            continue;
        }
        let Some(c) = char_at(text, i) else { break };
        let n = c.len_utf8();
        let breaks = match c {
            '"' => {
                in_quote = !in_quote;
                false
            }
            '。' | '！' | '？' | '｡' | '‼' | '⁇' | '⁈' | '⁉' => true,
            '!' | '?' => ascii_mark_ends(text, i, n, in_quote),
            '.' | '．' | '…' => {
                let run = dots_end(text, i);
                let ends = if run - i > n || c == '…' {
                    ellipsis_ends(text, run, in_quote)
                } else {
                    period_ends(text, i, in_quote)
                };
                if !ends {
                    i = run;
                    continue;
                }
                true
            }
            _ => false,
        };
        i += n;
        if breaks {
            let closed = absorb_closers(text, i, &mut in_quote);
            // 「…？」と言った: a quoted question inside a Japanese sentence.
            if closed > i && char_at(text, closed) == Some('と') {
                i = closed;
                continue;
            }
            i = closed;
            push_trimmed(text, start..i, &mut out);
            start = i;
        }
    }
    phrase_breaks(text, start, &mut out);
    out
}

/// The unpunctuated rest of a paragraph, from `start`. Speech-to-text
/// output in Chinese or Japanese often has no punctuation at all; the
/// caption readers join its cues with a space, and a space between two CJK
/// characters is then where one sentence ends.
fn phrase_breaks(text: &str, mut start: usize, out: &mut Vec<Range<usize>>) {
    let tail = &text[start..];
    let wide = |c: Option<char>| c.is_some_and(super::parse::is_wide);
    if tail.contains(['，', '、']) {
        push_trimmed(text, start..text.len(), out);
        return;
    }
    let base = start;
    for (i, _) in tail.match_indices(' ') {
        let at = base + i;
        if at > start && wide(text[..at].chars().next_back()) && wide(text[at + 1..].chars().next())
        {
            push_trimmed(text, start..at, out);
            start = at + 1;
        }
    }
    push_trimmed(text, start..text.len(), out);
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// Skips repeated terminators and closing quotes or brackets, which belong to
/// the sentence they close.
fn absorb_closers(text: &str, mut i: usize, in_quote: &mut bool) -> usize {
    while let Some(c) = char_at(text, i) {
        let closes = match c {
            '。' | '！' | '？' | '!' | '?' | '.' | '…' | '”' | '’' | '」' | '』' | '）' | ')'
            | ']' | '】' | '》' | '〉' | '»' | '}' => true,
            '"' => std::mem::replace(in_quote, false),
            '\'' => char_at(text, i + 1).is_none_or(char::is_whitespace),
            _ => false,
        };
        if !closes {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// End of a run of `.`, `．` and `…` starting at `i`.
fn dots_end(text: &str, mut i: usize) -> usize {
    while let Some(c @ ('.' | '．' | '…')) = char_at(text, i) {
        i += c.len_utf8();
    }
    i
}

/// What follows a terminator once closing marks are skipped.
enum Next {
    End,
    /// Whitespace, then this character.
    Spaced(char),
    /// This character, with no space before it.
    Tight(char),
}

fn next_after(text: &str, i: usize, mut in_quote: bool) -> Next {
    let j = absorb_closers(text, i, &mut in_quote);
    let rest = &text[j..];
    let trimmed = rest.trim_start();
    match trimmed.chars().next() {
        None => Next::End,
        Some(c) if trimmed.len() < rest.len() => Next::Spaced(c),
        Some(c) => Next::Tight(c),
    }
}

/// `!` and `?` end a sentence unless the sentence plainly goes on in
/// lowercase (`"why?" she asked`) or they sit inside a word or URL
/// (`?q=1`); after CJK text they always end it (`然后呢?AI`).
fn ascii_mark_ends(text: &str, i: usize, n: usize, in_quote: bool) -> bool {
    let after_cjk = text[..i].chars().next_back().is_some_and(is_cjk);
    match next_after(text, i + n, in_quote) {
        Next::End => true,
        Next::Spaced(c) => !c.is_ascii_lowercase(),
        Next::Tight(c) => after_cjk || !c.is_ascii_alphanumeric() && !matches!(c, '=' | '&' | '/'),
    }
}

/// A single `.` ends a sentence before whitespace, CJK or the end, unless it
/// belongs to a number or an abbreviation.
fn period_ends(text: &str, i: usize, in_quote: bool) -> bool {
    let next = next_after(
        text,
        i + char_at(text, i).map_or(1, char::len_utf8),
        in_quote,
    );
    if let Next::Tight(c) = next
        && (c.is_alphanumeric() && !is_cjk(c) || matches!(c, '０'..='９' | ',' | '-' | '/'))
    {
        return false;
    }
    let word = word_before(text, i);
    let is = |list: &[&str]| list.iter().any(|a| a.eq_ignore_ascii_case(word));
    let capital_next = match next {
        Next::End => true,
        Next::Spaced(c) | Next::Tight(c) => c.is_uppercase() || is_cjk(c) || !c.is_alphabetic(),
    };
    if is(ABBREVIATIONS)
        || word.contains('.')
        || (word.len() == 1 && word.bytes().all(|b| b.is_ascii_uppercase()))
        || (word.eq_ignore_ascii_case("no")
            && matches!(next, Next::Spaced(c) if c.is_ascii_digit()))
    {
        return false;
    }
    if is(SOFT_ABBREVIATIONS) {
        return capital_next;
    }
    !matches!(next, Next::Spaced(c) if c.is_ascii_lowercase())
}

/// An ellipsis ends a sentence only where the text visibly starts afresh;
/// `……` followed straight by more words is a pause.
fn ellipsis_ends(text: &str, run_end: usize, in_quote: bool) -> bool {
    match next_after(text, run_end, in_quote) {
        Next::End => true,
        Next::Spaced(c) => c.is_uppercase() || is_cjk(c),
        Next::Tight(_) => false,
    }
}

/// The ASCII word (letters and inner dots, like `U.S` or `e.g`) ending at `i`.
fn word_before(text: &str, i: usize) -> &str {
    let bytes = &text.as_bytes()[..i];
    let start = bytes
        .iter()
        .rposition(|b| !(b.is_ascii_alphabetic() || *b == b'.'))
        .map_or(0, |p| p + 1);
    text[start..i].trim_start_matches('.')
}

/// Han, kana and CJK punctuation: text that needs no space after a full stop.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{20000}'..='\u{3FFFF}')
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}
