//! HTML in Markdown from blogs and article mirrors, made plain text: comments
//! vanish, inline tags go and their text stays, `<br>` is a space within the
//! paragraph, images vanish (alt text is no one's words), code spans and
//! `~~` strikethrough read as their text, and character references are
//! decoded. Every line keeps its number.

use std::borrow::Cow;

use super::entities;
use crate::transcript::parse;

/// Tags that only style or wrap text: the tag goes, the text stays.
const WRAPPERS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "b",
    "big",
    "blockquote",
    "center",
    "cite",
    "code",
    "del",
    "dfn",
    "div",
    "em",
    "figcaption",
    "figure",
    "font",
    "i",
    "ins",
    "kbd",
    "mark",
    "p",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "time",
    "tt",
    "u",
    "var",
];

/// `text` without HTML comments (`<!-- more -->`, also over several lines);
/// the line breaks inside a comment stay. An unclosed `<!--` is text.
pub(super) fn drop_comments(text: &str) -> Cow<'_, str> {
    if memchr::memmem::find(text.as_bytes(), b"<!--").is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    while let Some(open) = text[pos..].find("<!--").map(|o| o + pos) {
        let Some(close) = text[open + 4..].find("-->").map(|c| c + open + 4) else {
            break;
        };
        out.push_str(&text[pos..open]);
        out.extend(text[open..close].matches('\n').map(|_| '\n'));
        pos = close + 3;
    }
    out.push_str(&text[pos..]);
    Cow::Owned(out)
}

/// One line as plain Markdown text. Links are left for the link pass.
pub(super) fn inline(line: &str) -> Cow<'_, str> {
    let b = line.as_bytes();
    // Most lines have none of these bytes: two SIMD scans and out.
    let marked = memchr::memchr3(b'<', b'&', b'`', b).is_some()
        || (memchr::memchr3(b'!', b'~', b'[', b).is_some()
            && (line.contains("![") || line.contains("~~") || line.contains("[caption")));
    if !marked {
        return Cow::Borrowed(line);
    }
    if is_lone_rule_tag(line.trim()) {
        return Cow::Borrowed("---");
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some((before, code, after)) = code_span(rest) {
        text(before, &mut out);
        out.push_str(code);
        rest = after;
    }
    text(rest, &mut out);
    Cow::Owned(out)
}

/// The first code span in `s`: the text before it, its content and the
/// text after. Backticks with no closing run of the same length are text.
fn code_span(s: &str) -> Option<(&str, &str, &str)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] != b'`' {
            i += 1;
            continue;
        }
        let n = b[i..].iter().take_while(|&&c| c == b'`').count();
        let body = i + n;
        let mut j = body;
        while let Some(k) = b[j..].iter().position(|&c| c == b'`').map(|k| k + j) {
            let m = b[k..].iter().take_while(|&&c| c == b'`').count();
            if m == n {
                let code = &s[body..k];
                // One space each side is padding (`` `x` ``), as CommonMark says.
                let code = match code.strip_prefix(' ').and_then(|c| c.strip_suffix(' ')) {
                    Some(inner) if !inner.trim().is_empty() => inner,
                    _ => code,
                };
                return Some((&s[..i], code, &s[k + m..]));
            }
            j = k + m;
        }
        i = body;
    }
    None
}

/// Text outside code spans: images and captions out, tags out, references
/// decoded, `~~` marks out.
fn text(s: &str, out: &mut String) {
    let s = drop_images(s);
    let s = drop_tags(&s);
    let s = entities::decode(&s);
    out.push_str(&drop_strike_marks(&s));
}

/// `<hr>`, `<hr/>`, `<hr />` alone on a line: a horizontal rule.
fn is_lone_rule_tag(line: &str) -> bool {
    tag_at(line).is_some_and(|(name, _, len)| name.eq_ignore_ascii_case("hr") && len == line.len())
}

/// A tag at the start of `s`: its name, whether it closes, and its length.
/// Only `<name …>` and `</name>` shapes count, so `a < b` and `<https://…>`
/// are text.
fn tag_at(s: &str) -> Option<(&str, bool, usize)> {
    let rest = s.strip_prefix('<')?;
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name_len = rest
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let name = &rest[..name_len];
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let after = &rest[name_len..];
    let end = match after.as_bytes().first()? {
        b'>' => 0,
        b'/' if after[1..].starts_with('>') => 1,
        b' ' | b'\t' => attributes_end(after)?,
        _ => return None,
    };
    Some((name, closing, s.len() - after.len() + end + 1))
}

/// Where a tag's attributes end (the index of its `>`), past quoted values.
fn attributes_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

fn drop_tags(s: &str) -> Cow<'_, str> {
    if !s.contains('<') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let at = &rest[lt..];
        let Some((name, _, len)) = tag_at(at) else {
            out.push('<');
            rest = &at[1..];
            continue;
        };
        let name = name.to_ascii_lowercase();
        rest = &at[len..];
        match name.as_str() {
            "br" => line_break(&mut out, rest),
            "img" | "hr" => {}
            n if WRAPPERS.contains(&n) => {}
            _ => out.push_str(&at[..len]),
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `<br>` within a line: the paragraph goes on, after a space between words
/// and nothing between CJK characters or at either end of the line.
fn line_break(out: &mut String, next: &str) {
    let (Some(prev), Some(next)) = (out.chars().next_back(), next.chars().next()) else {
        return;
    };
    let joined = prev.is_whitespace()
        || next.is_whitespace()
        || parse::is_wide(prev) && parse::is_wide(next);
    if !joined {
        out.push(' ');
    }
}

/// Images (`![alt](src)`, `![alt][ref]`) and WordPress `[caption]…[/caption]`
/// blocks removed: what they say describes a picture, nobody said it.
fn drop_images(s: &str) -> Cow<'_, str> {
    if !s.contains("![") && !s.contains("[caption") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    loop {
        let image = rest.find("![");
        let caption = rest.find("[caption");
        let Some(at) = image.into_iter().chain(caption).min() else {
            break;
        };
        out.push_str(&rest[..at]);
        let len = if caption == Some(at) {
            rest[at..]
                .find("[/caption]")
                .map(|e| e + "[/caption]".len())
        } else {
            image_len(&rest[at..])
        };
        match len {
            Some(len) => rest = &rest[at + len..],
            None => {
                // Not an image after all: keep the `!` (or `[`) and go on.
                out.push_str(&rest[at..at + 1]);
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The length of `![alt](src)` or `![alt][ref]` at the start of `s`.
fn image_len(s: &str) -> Option<usize> {
    let close = s.find(']')?;
    let tail = &s[close + 1..];
    let end = match tail.as_bytes().first()? {
        b'(' => tail.find(')')?,
        b'[' => tail.find(']')?,
        _ => return None,
    };
    Some(close + 1 + end + 1)
}

/// `~~struck~~` as `struck`: the marks go in pairs, an odd one stays.
fn drop_strike_marks(s: &str) -> Cow<'_, str> {
    let marks = s.matches("~~").count();
    if marks < 2 {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    for _ in 0..marks - marks % 2 {
        if let Some(at) = rest.find("~~") {
            out.push_str(&rest[..at]);
            rest = &rest[at + 2..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_vanish_and_keep_line_breaks() {
        assert_eq!(
            drop_comments("a<!-- more -->b\nc<!--\nx\n-->d"),
            "ab\nc\n\nd"
        );
        assert_eq!(
            drop_comments("a <!-- never closed\nb"),
            "a <!-- never closed\nb"
        );
    }

    #[test]
    fn tags_go_and_text_stays() {
        assert_eq!(
            inline(
                "<p><strong>Ana:</strong> I <s>was</s> <del>am</del> <em>so</em> <span class=\"x\">glad</span><sup>1</sup>.</p>"
            ),
            "Ana: I was am so glad1."
        );
        assert_eq!(
            inline("a < b and <https://x.org> <foo>"),
            "a < b and <https://x.org> <foo>"
        );
        assert_eq!(inline("&lt;b&gt; stays"), "<b> stays");
        assert_eq!(inline("<hr />"), "---");
    }

    #[test]
    fn line_breaks_join_the_paragraph() {
        assert_eq!(inline("one<br>two<br/>three<br />"), "one two three");
        assert_eq!(inline("你好<br>世界"), "你好世界");
        assert_eq!(inline("<br>"), "");
    }

    #[test]
    fn images_and_captions_vanish() {
        assert_eq!(inline("![photo of Ana](a.jpg)"), "");
        assert_eq!(
            inline("Hi ![x][1] there <img src=\"a.png\" alt=\"b\">"),
            "Hi  there "
        );
        assert_eq!(inline("[![badge](b.svg)](https://ci)"), "[](https://ci)");
        assert_eq!(
            inline("[caption id=\"a\"]<img src=\"x\"> Ana at the mic[/caption]"),
            ""
        );
        assert_eq!(inline("Wow! [sic]"), "Wow! [sic]");
    }

    #[test]
    fn code_spans_and_strikethrough_read_as_text() {
        assert_eq!(inline("## The `tread` tool"), "## The tread tool");
        assert_eq!(inline("``a ` b`` and `<br>` &amp;"), "a ` b and <br> &");
        assert_eq!(inline("a ` b"), "a ` b");
        assert_eq!(inline("~~old~~ new ~~"), "old new ~~");
    }
}
