//! Where the dialogue ends: the quoted-body convention, and the footer of
//! author, copyright, contact and spam lines after the last turn.

use super::lossless::is_structure;

/// Keys that mark a line after the dialogue as trailer.
const TRAILER_KEYS: &[&str] = &[
    "作者",
    "来源",
    "编辑",
    "责编",
    "责任编辑",
    "校对",
    "审核",
    "撰文",
    "记者",
    "出品",
    "监制",
    "排版",
    "美编",
    "图片来源",
    "source",
    "author",
    "editor",
    "transcribed by",
    "transcript by",
    "produced by",
    "collection",
    "archive",
    "courtesy",
    "recorded by",
    "interviewed by",
];

/// Phrases that only occur in footers: copyright, contact and spam.
const TRAILER_PHRASES: &[&str] = &[
    "版权所有",
    "版权声明",
    "©",
    "copyright",
    "all rights reserved",
    "致电",
    "联系方式",
    "联系电话",
    "免责声明",
    "转载请",
    "未经授权",
    "未经许可",
    "扫码",
    "关注公众号",
    "原文链接",
    "阅读原文",
    "transcript by",
    "transcribed by",
];

/// Where the body ends. Returns the index one past the last body line, and
/// the index of the body's opening line when the body is wrapped in quotes
/// (its first line starts with `"` and a later line is a lone `"`).
pub(super) fn body_end(
    lines: &[&str],
    start: usize,
    is_speaker: &dyn Fn(usize) -> bool,
) -> (usize, Option<usize>) {
    let is_close = |i: usize| matches!(lines[i], "\"" | "”");
    let first = (start..lines.len()).find(|&i| !lines[i].is_empty());
    let opens = first.filter(|&f| lines[f].starts_with(['"', '“']));
    // A closing quote ends the body only when what follows looks like a
    // footer: a few lines and no dialogue. Otherwise (say, several quoted
    // transcripts in one file) the footer is found from the end instead.
    if let Some(first) = opens
        && let Some(close) = (first + 1..lines.len()).find(|&i| is_close(i))
    {
        let after: Vec<usize> = (close + 1..lines.len())
            .filter(|&i| !lines[i].is_empty() && !is_structure(lines[i]))
            .take(MAX_QUOTED_TRAILER + 1)
            .collect();
        let footer_like =
            after.len() <= MAX_QUOTED_TRAILER && !after.iter().any(|&i| is_speaker(i));
        if footer_like {
            return (close, Some(first));
        }
    }
    let mut end = lines.len();
    for i in (start..lines.len()).rev() {
        let line = lines[i];
        if is_structure(line) {
            continue;
        }
        if is_speaker(i) || !is_trailer(line) {
            break;
        }
        end = i;
    }
    // The footer found from the end may follow the body's closing quote.
    let last = (start..end).rev().find(|&i| !lines[i].is_empty());
    if let (Some(first), Some(last)) = (opens, last)
        && last > first
        && is_close(last)
    {
        return (last, Some(first));
    }
    (end, None)
}

/// Most non-blank lines a footer after a closing quote may have.
const MAX_QUOTED_TRAILER: usize = 12;

fn is_trailer(line: &str) -> bool {
    let lower = line.to_lowercase();
    TRAILER_PHRASES.iter().any(|p| lower.contains(p))
        || lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower
            .split_once([':', '：'])
            .is_some_and(|(k, _)| TRAILER_KEYS.contains(&k.trim()))
}
