//! Markdown transcripts: the plain-text parser (which already knows YAML
//! front matter, `#` headings and `**Name:**` labels) after a pre-pass that
//! keeps line numbers: the HTML of blog and article mirrors made text
//! (`markdown/html.rs`), images dropped, links become their label, and the
//! dialogue ends at a horizontal rule with no dialogue after it or at a
//! trailing block of links (show notes, related reading), which go to the
//! trailer.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::transcript::model::{Document, SourceLine};
use crate::transcript::parse::{self, is_structure};

mod entities;
mod html;

fn is_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && line[hashes..].starts_with(' ')
}

/// What only HTML pasted into Markdown has: a blog mirror with no other sign.
const HTML_SIGNS: &[&str] = &["<br", "<!--", "&nbsp;", "&emsp;"];

/// Detection: front matter, a `#` heading, a bold label, a link, an
/// escaped bracket or a blog mirror's HTML in the first lines.
pub(super) fn looks_like(lines: &[&str]) -> bool {
    lines.first() == Some(&"---")
        || lines.iter().any(|l| {
            is_heading(l)
                || l.starts_with("**")
                || l.contains("](")
                || l.contains("\\[")
                || HTML_SIGNS.iter().any(|s| l.contains(s))
        })
}

/// `---`, `***`, `___`, `- - -`: three or more of one mark, nothing else.
fn is_rule(line: &str) -> bool {
    let marks: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && matches!(marks[0], '-' | '*' | '_') && marks.iter().all(|&c| c == marks[0])
}

/// Links as their label: `[label](url)` → `label`. (Images are gone by now;
/// one left here, say in a link's label, reads as its alt text.)
pub(super) fn strip_links(line: &str) -> Cow<'_, str> {
    if !line.contains("](") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            break;
        };
        let tail = &after[close + 1..];
        match tail
            .strip_prefix('(')
            .and_then(|t| t.find(')').map(|e| (t, e)))
        {
            Some((t, e)) => {
                let before = &rest[..open];
                out.push_str(before.strip_suffix('!').unwrap_or(before));
                out.push_str(&after[..close]);
                rest = &t[e + 1..];
            }
            None => {
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `\[00:12:31.07\] **Name:** text` as `**Name:** \[00:12:31.07\] text`:
/// the inline timestamp stays in the text, after the label.
fn label_first(line: &str) -> Cow<'_, str> {
    let trimmed = line.trim_start();
    let Some(inner) = trimmed.strip_prefix("\\[") else {
        return Cow::Borrowed(line);
    };
    let Some(close) = inner.find("\\]").filter(|&c| c <= 16) else {
        return Cow::Borrowed(line);
    };
    let after = inner[close + 2..].trim_start();
    match parse::label_name(after) {
        Some(_) if parse::clock(&inner[..close]).is_some() => {
            let stamp = &trimmed[..close + 4];
            // The label ends after its colon, and the bold mark closing it.
            let colon = after.find([':', '：']).unwrap_or(0);
            let mut cut = colon + after[colon..].chars().next().map_or(0, char::len_utf8);
            if after[cut..].starts_with("**") {
                cut += 2;
            }
            Cow::Owned(format!(
                "{} {stamp} {}",
                &after[..cut],
                after[cut..].trim_start()
            ))
        }
        _ => Cow::Borrowed(line),
    }
}

/// A list item's text (`- x`, `* x`, `+ x`, `1. x`, `1) x`), or the line.
/// Only a marker followed by a space counts: `**Name:**` is no list.
fn list_item(line: &str) -> &str {
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let marked = match t.strip_prefix(['-', '*', '+']) {
        Some(rest) => Some(rest),
        None if digits > 0 => t[digits..].strip_prefix(['.', ')']),
        None => None,
    };
    marked.filter(|r| r.starts_with(' ')).unwrap_or(t).trim()
}

/// A line of a links block: a (listed) link, a bare URL, a reference
/// definition, or a short label with a link.
fn is_link_line(line: &str) -> bool {
    let item = list_item(line);
    if item.starts_with("http://") || item.starts_with("https://") || item.starts_with('<') {
        return true;
    }
    // A reference definition: `[1]: https://…`.
    if let Some((label, url)) = item.split_once("]:")
        && label.starts_with('[')
        && url.trim_start().starts_with("http")
    {
        return true;
    }
    item.contains("](") && strip_links(item).chars().count() <= 80
}

/// Whether a link line is someone speaking: its label names a speaker, a
/// name that labels two lines or more (`GitHub: [repo](…)` labels one).
/// The names are counted once, when first needed.
fn is_speech<'a>(
    line: &str,
    lines: &[&'a str],
    counts: &mut Option<HashMap<&'a str, usize>>,
) -> bool {
    let Some(name) = parse::label_name(list_item(line)) else {
        return false;
    };
    let counts = counts.get_or_insert_with(|| {
        let mut counts = HashMap::new();
        for l in lines {
            if let Some(n) = parse::label_name(list_item(l)) {
                *counts.entry(n).or_insert(0) += 1;
            }
        }
        counts
    });
    counts.get(name).is_some_and(|&c| c >= 2)
}

/// What a links block is called when its intro is a bare line.
const LINKS_INTROS: &[&str] = &[
    "links",
    "show notes",
    "shownotes",
    "resources",
    "references",
    "further reading",
    "related",
    "related posts",
    "related reading",
    "mentioned",
    "相关阅读",
    "相关链接",
    "延伸阅读",
    "推荐阅读",
    "参考资料",
    "参考链接",
    "参考",
    "链接",
    "本期提到",
];

/// A short line that introduces a links block: `## Links`, `**Show notes**`,
/// `Links:`, `Show notes`, `## 相关阅读`.
fn is_links_intro(line: &str) -> bool {
    let short = line.chars().count() <= 40;
    let bare = line
        .trim_matches(|c: char| matches!(c, '#' | '*' | '_' | ':' | '：') || c.is_whitespace())
        .to_lowercase();
    short
        && (is_heading(line)
            || line.ends_with([':', '：'])
            || (line.starts_with("**") && line.ends_with("**"))
            || LINKS_INTROS.contains(&bare.as_str()))
}

/// Index of the first line after the dialogue.
fn dialogue_end(lines: &[&str], start: usize) -> usize {
    let n = lines.len();
    let mut end = n;
    let mut links = 0;
    let mut k = n;
    let mut counts = None;
    while k > start {
        let l = lines[k - 1].trim();
        if l.is_empty() {
            k -= 1;
        } else if is_link_line(l) && !is_speech(l, &lines[start..], &mut counts) {
            links += 1;
            k -= 1;
            end = k;
        } else {
            break;
        }
    }
    let intro = (start..end).rev().find(|&i| !lines[i].trim().is_empty());
    match intro {
        Some(i) if links > 0 && is_links_intro(lines[i].trim()) => end = i,
        _ if links >= 2 => {}
        _ => end = n,
    }
    let labelled = |i: usize| parse::label_name(lines[i].trim()).is_some();
    if let Some(r) = (start..end).find(|&i| is_rule(lines[i].trim()))
        && (start..r).any(labelled)
        && !(r + 1..end).any(labelled)
    {
        end = r;
    }
    end
}

/// The pre-passed text, line for line, and where its dialogue ends.
struct Prepared {
    text: String,
    /// Bytes of `text` up to the end of the dialogue.
    body: usize,
    /// Lines up to the end of the dialogue.
    body_lines: usize,
}

fn prepare(text: &str) -> Prepared {
    // One line out for every line in: comments keep their line breaks, and
    // `split` (unlike `lines`) keeps a line a comment has emptied at the end.
    let count = text.lines().count();
    let text = html::drop_comments(text);
    let cleaned: Vec<Cow<str>> = text
        .split('\n')
        .take(count)
        .map(|l| html::inline(l.strip_suffix('\r').unwrap_or(l)))
        .collect();
    let lines: Vec<&str> = cleaned.iter().map(|l| l.as_ref()).collect();
    let front = match lines
        .first()
        .map(|l| l.trim_start_matches('\u{feff}').trim())
    {
        Some("---") => lines
            .iter()
            .skip(1)
            .position(|l| matches!(l.trim(), "---" | "..."))
            .map_or(0, |p| p + 2),
        _ => 0,
    };
    let end = dialogue_end(&lines, front);
    let mut out = String::with_capacity(text.len());
    let mut body = 0;
    for (i, l) in lines.iter().enumerate() {
        if i == end {
            body = out.len();
        }
        if i < end {
            out.push_str(&label_first(&strip_links(l)));
        } else {
            out.push_str(&strip_links(l));
        }
        out.push('\n');
    }
    if end == lines.len() {
        body = out.len();
    }
    Prepared {
        text: out,
        body,
        body_lines: end,
    }
}

/// The text the plain-text parser reads for a Markdown file, every line
/// where it was: what `check_lossless` holds the document to.
pub(super) fn pre_pass(text: &str) -> String {
    prepare(text).text
}

pub(super) fn read(text: &str, rules: &parse::SpeakerRules) -> Document {
    let p = prepare(text);
    let mut doc = parse::parse_markdown(&p.text[..p.body], rules);
    for (i, l) in p.text[p.body..].lines().enumerate() {
        let l = l.trim();
        if !is_structure(l) {
            doc.trailer.push(SourceLine {
                line: p.body_lines + i + 1,
                text: l.to_string(),
            });
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_labels() {
        assert_eq!(
            strip_links("See [the paper](https://x.org/p) [sic]."),
            "See the paper [sic]."
        );
        assert_eq!(strip_links("\\[laughs\\] ok"), "\\[laughs\\] ok");
    }

    #[test]
    fn speakers_lines_with_links_are_dialogue() {
        let lines = [
            "**Ana:** See [this](https://x.org/1).",
            "**Leo:** And [that](https://x.org/2).",
            "**Ana:** Right, [here](https://x.org/3).",
            "",
            "- GitHub: [repo](https://x.org/r)",
            "- [Docs](https://x.org/d)",
        ];
        assert_eq!(dialogue_end(&lines, 0), 4);
        assert_eq!(list_item("**Ana:** x"), "**Ana:** x");
        assert_eq!(list_item("12. [a](b)"), "[a](b)");
    }

    #[test]
    fn rules() {
        assert!(is_rule("---") && is_rule("* * *") && is_rule("___"));
        assert!(!is_rule("--") && !is_rule("-*-"));
    }
}
