//! Markdown transcripts: the plain-text parser (which already knows YAML
//! front matter, `#` headings and `**Name:**` labels) after a pre-pass that
//! keeps line numbers: images and links become their alt text or label, and
//! the dialogue ends at a horizontal rule with no dialogue after it or at a
//! trailing block of links (show notes), which go to the trailer.

use std::borrow::Cow;

use crate::transcript::model::{Document, SourceLine};
use crate::transcript::parse::{self, is_structure};

fn is_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && line[hashes..].starts_with(' ')
}

/// Detection: front matter, a `#` heading, a bold label, a link or an
/// escaped bracket in the first lines.
pub(super) fn looks_like(lines: &[&str]) -> bool {
    lines.first() == Some(&"---")
        || lines
            .iter()
            .any(|l| is_heading(l) || l.starts_with("**") || l.contains("](") || l.contains("\\["))
}

/// `---`, `***`, `___`, `- - -`: three or more of one mark, nothing else.
fn is_rule(line: &str) -> bool {
    let marks: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && matches!(marks[0], '-' | '*' | '_') && marks.iter().all(|&c| c == marks[0])
}

/// Links and images as their label or alt text: `[label](url)` → `label`.
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

/// A line of a links block: a (listed) link, a bare URL, or a short label
/// with a link.
fn is_link_line(line: &str) -> bool {
    let item = line
        .trim_start_matches(['-', '*', '+'])
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches('.')
        .trim();
    if item.starts_with("http://") || item.starts_with("https://") || item.starts_with('<') {
        return true;
    }
    item.contains("](") && strip_links(item).chars().count() <= 80
}

/// A short line that introduces a links block: `## Links`, `**Show notes**`, `Links:`.
fn is_links_intro(line: &str) -> bool {
    let short = line.chars().count() <= 40;
    short
        && (is_heading(line)
            || line.ends_with(':')
            || (line.starts_with("**") && line.ends_with("**")))
}

/// Index of the first line after the dialogue.
fn dialogue_end(lines: &[&str], start: usize) -> usize {
    let n = lines.len();
    let mut end = n;
    let mut links = 0;
    let mut k = n;
    while k > start {
        let l = lines[k - 1].trim();
        if l.is_empty() {
            k -= 1;
        } else if is_link_line(l) {
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

pub(super) fn read(text: &str, rules: &parse::SpeakerRules) -> Document {
    let lines: Vec<&str> = text.lines().collect();
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
    let mut body = String::with_capacity(text.len());
    for l in &lines[..end] {
        body.push_str(&label_first(&strip_links(l)));
        body.push('\n');
    }
    let mut doc = parse::parse_with(&body, rules);
    for (i, l) in lines.iter().enumerate().skip(end) {
        let l = l.trim();
        if !is_structure(l) {
            doc.trailer.push(SourceLine {
                line: i + 1,
                text: strip_links(l).into_owned(),
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
            strip_links("See ![a chart](c.png) and [the paper](https://x.org/p) [sic]."),
            "See a chart and the paper [sic]."
        );
        assert_eq!(strip_links("\\[laughs\\] ok"), "\\[laughs\\] ok");
    }

    #[test]
    fn rules() {
        assert!(is_rule("---") && is_rule("* * *") && is_rule("___"));
        assert!(!is_rule("--") && !is_rule("-*-"));
    }
}
