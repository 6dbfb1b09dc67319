//! The parts before the dialogue: YAML front matter, the title and header
//! metadata.

use std::borrow::Cow;

use super::headings;
use super::lossless::is_structure;
use super::paragraphs::{ends_sentence, is_stage, width};
use crate::transcript::model::{Document, Meta};
use yaml::{block_scalar, block_style};

mod yaml;

/// Keys that are metadata in a header block, never speakers.
const META_KEYS: &[&str] = &[
    "date",
    "time",
    "location",
    "venue",
    "place",
    "source",
    "author",
    "authors",
    "publisher",
    "published",
    "updated",
    "recorded",
    "duration",
    "length",
    "url",
    "link",
    "tags",
    "category",
    "event",
    "episode",
    "language",
    "transcribed by",
    "transcript by",
    "日期",
    "时间",
    "来源",
    "作者",
    "人气",
    "地点",
    "发布时间",
    "发布日期",
    "编辑",
    "责任编辑",
    "责编",
    "记者",
    "整理",
    "撰文",
    "文",
    "出品",
    "阅读",
    "阅读量",
    "标签",
    "关键词",
    "原标题",
    "链接",
    "字数",
    "栏目",
    "分类",
    "发布",
    "发表",
    "更新",
    "日時",
    "場所",
    "取材",
    "構成",
    "写真",
    "air date",
    "interview date",
    "recording date",
    "date of interview",
    "date recorded",
    "station",
    "network",
    "program",
    "programme",
    "show",
    "series",
    "producer",
    "producers",
    "transcriber",
    "transcription",
    "participants",
    "attendees",
    "present",
    "speakers",
    "panelists",
    "case",
    "docket",
    "court",
    "interviewee",
    "collection",
    "主播",
    "嘉宾",
    "出席",
    "参会人员",
    "与会",
    "聞き手",
    "聞き手・構成",
    "インタビュアー",
    "司会",
    "取材・文",
    "文・構成",
    "interviewer",
];

/// Whether `key` is a header key (`日期`, `记者`, `Location`).
pub(super) fn is_meta_key(key: &str) -> bool {
    META_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
}

/// Read YAML front matter (`---` … `---` at the very top) into metadata;
/// `title:` becomes the title. Returns the index of the first line after it.
///
/// A block scalar (`key: >-` or `key: |` and the lines under it) is one
/// entry: folded (`>`) lines are joined with spaces, literal (`|`) lines
/// with line breaks, and a blank line inside either is a line break. The
/// lines come here trimmed, so the block ends at the next `key:` line.
pub(super) fn front_matter(lines: &[&str], doc: &mut Document) -> usize {
    if lines.first() != Some(&"---") {
        return 0;
    }
    let Some(close) = lines
        .iter()
        .skip(1)
        .position(|l| *l == "---" || *l == "...")
    else {
        return 0;
    };
    let end = close + 1;
    let mut key = String::new();
    let mut i = 1;
    while i < end {
        let (line, no) = (lines[i], i + 1);
        i += 1;
        if is_structure(line) {
            continue;
        }
        let item = line.strip_prefix("- ").or_else(|| line.strip_prefix("* "));
        let pair = line
            .split_once(':')
            .filter(|(k, _)| item.is_none() && !k.is_empty() && k.len() <= 40 && !k.contains(' '));
        let (k, value) = match (item, pair) {
            (Some(item), _) => (key.clone(), Cow::Borrowed(item.trim())),
            (None, Some((k, v))) => {
                key = k.trim().to_string();
                match block_style(v) {
                    Some(folded) => {
                        let (value, next) = block_scalar(&lines[i..end], folded);
                        i += next;
                        (key.clone(), Cow::Owned(value))
                    }
                    None => (key.clone(), Cow::Borrowed(v.trim())),
                }
            }
            (None, None) => (key.clone(), Cow::Borrowed(line)),
        };
        let value = unquote(&value);
        // The title stays in the metadata too: front matter is not body text,
        // so `title_line` is left unset.
        if k.eq_ignore_ascii_case("title") && doc.title.is_none() && !value.is_empty() {
            doc.title = Some(value.to_string());
        }
        doc.metadata.push(meta(k, value, no));
    }
    close + 2
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

fn meta(key: impl Into<String>, value: &str, line: usize) -> Meta {
    Meta {
        key: key.into(),
        value: value.to_string(),
        line,
    }
}

/// What the header needs to know about each line from the label pass.
pub(super) struct LineFacts<'f> {
    /// The line starts with a label naming a speaker.
    pub is_speaker: &'f dyn Fn(usize) -> bool,
    /// A key that is not a speaker anywhere in the document.
    pub is_free_key: &'f dyn Fn(&str) -> bool,
}

/// Read the title and the header metadata starting at `start`; returns the
/// index of the first body line.
pub(super) fn title_and_meta(
    lines: &[&str],
    start: usize,
    facts: &LineFacts,
    doc: &mut Document,
) -> usize {
    let mut i = title(lines, skip_gaps(lines, start), facts, doc);
    let mut body = i;
    while let Some(line) = lines.get(i) {
        if line.is_empty() || is_structure(line) {
            i += 1;
            continue;
        }
        let Some(parts) = (!(facts.is_speaker)(i))
            .then(|| meta_parts(line, facts, false))
            .flatten()
        else {
            break;
        };
        doc.metadata
            .extend(parts.into_iter().map(|(k, v)| meta(k, v, i + 1)));
        i += 1;
        body = i;
    }
    body
}

/// A Markdown H1's title (`None` inside for an empty heading).
fn h1(line: &str) -> Option<Option<&str>> {
    headings::markdown(line)
        .filter(|h| h.family == headings::Family::Markdown(1))
        .map(|h| h.title)
}

/// Take the title at line `i`, if it is one; returns the next line to read.
fn title(lines: &[&str], mut i: usize, facts: &LineFacts, doc: &mut Document) -> usize {
    // Front matter gave the title; the body repeats it as its H1.
    if let Some(line) = lines.get(i)
        && doc.title.is_some()
        && h1(line).is_some_and(|t| t == doc.title.as_deref())
    {
        doc.title_line = Some(i + 1);
        return skip_gaps(lines, i + 1);
    }
    let Some(line) = lines.get(i).filter(|_| doc.title.is_none()) else {
        return i;
    };
    // A title stands alone, or heads a block of header keys.
    let next_blank = lines.get(i + 1).is_some_and(|l| {
        l.is_empty() || (!(facts.is_speaker)(i + 1) && meta_parts(l, facts, true).is_some())
    });
    let title = match h1(line) {
        Some(h) => h,
        None if next_blank
            && width(line) <= 120
            && !(facts.is_speaker)(i)
            && meta_parts(line, facts, true).is_none()
            && headings::split(line).is_none()
            && !is_stage(line) =>
        {
            Some(*line)
        }
        None => None,
    };
    if let Some(t) = title {
        doc.title = Some(t.to_string());
        doc.title_line = Some(i + 1);
        i += 1;
    }
    i
}

fn skip_gaps(lines: &[&str], mut i: usize) -> usize {
    while lines.get(i).is_some_and(|l| is_structure(l)) {
        i += 1;
    }
    i
}

/// A header line as metadata entries: `Key: value`, several joined by ` / `
/// or ` | `, or `By Name`.
/// With `known_only`, keys must be on the known list.
fn meta_parts<'a>(
    line: &'a str,
    facts: &LineFacts,
    known_only: bool,
) -> Option<Vec<(&'a str, &'a str)>> {
    // The key as written (`By` or `by`), so the model keeps every character.
    if let Some((key, by)) = line
        .split_at_checked(3)
        .filter(|(k, _)| matches!(*k, "By " | "by "))
    {
        let by = by.trim();
        let fits = by.split_whitespace().count() <= 6 && !ends_sentence(by) && !by.is_empty();
        return fits.then(|| vec![(key.trim_end(), by)]);
    }
    let split: Option<Vec<_>> = line
        .split(" / ")
        .flat_map(|p| p.split(" | "))
        .map(|p| meta_pair(p, facts, known_only))
        .collect();
    split.or_else(|| meta_pair(line, facts, known_only).map(|p| vec![p]))
}

fn meta_pair<'a>(part: &'a str, facts: &LineFacts, known_only: bool) -> Option<(&'a str, &'a str)> {
    let (key, value) = part.split_once([':', '：'])?;
    let (key, value) = (key.trim(), value.trim());
    let known = META_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key));
    let free = !known
        && !known_only
        && (facts.is_free_key)(key)
        && width(value) <= 80
        && !ends_sentence(value)
        && !value.starts_with("//");
    (known || free).then_some((key, value))
}
