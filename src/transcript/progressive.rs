//! Loading a large input in stages: a first document from the input's
//! first part, drawn while the rest is read, then documents of longer
//! parts, then the whole. Pure: the caller reads the bytes.
//!
//! Only the last stage is the document: speaker labels are decided with
//! the whole text as evidence, so a part's document can differ from the
//! same lines in the whole one (a label seen once in the first part may be
//! a speaker by the end). Every stage is [`load`] of a prefix cut after a
//! line feed, and the last is [`load`] of every byte, so the model the
//! reader ends with is the one-shot parse's (`tests/progressive.rs`
//! compares them on every fixture through the loader's thread,
//! `tests/progressive_equality.rs` part by part without one). On a long
//! input a part is a prefix of the whole but for its last turn, except
//! that a body in quotes keeps its opening quote until the closing one is
//! seen, and a timed transcript's time-range sections depend on its end.
//!
//! A prefix is read as a document of its own only where that means
//! something: UTF-8 text (a legacy encoding is detected from the whole
//! input, and UTF-16 cannot be cut at a byte), in a format read line by
//! line. A whole-document JSON file has no document before its last byte.

use super::decode;
use super::formats::{self, Format};
use super::{Document, LoadOptions, load};

/// The first part: enough for the first screens, parsed in a few
/// milliseconds.
pub const FIRST: usize = 256 * 1024;

/// Each later part is this many times the one before.
pub const GROWTH: usize = 16;

/// Whether parts of the input that begins with `head` can be read as
/// documents of their own (see the module's documentation).
pub fn previewable(head: &[u8], options: &LoadOptions) -> bool {
    let utf8_named = (options.encoding.as_deref())
        .is_none_or(|label| decode::encoding_for_label(label).is_ok_and(|n| n == "UTF-8"));
    // A character the head cuts in two is no obstacle; a byte that is no
    // UTF-8 anywhere (a UTF-16 BOM, a legacy encoding) is.
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    // NULs are valid UTF-8, and BOM-less UTF-16 is full of them.
    if !utf8_named || memchr::memchr(0, head).is_some() {
        return false;
    }
    let format = options
        .format
        .unwrap_or_else(|| formats::detect(text, options.extension.as_deref()));
    format != Format::Json
}

/// Where `bytes` can be cut at or before `limit`: after the last line
/// feed there, or at the end when `limit` covers every byte. Zero when no
/// line ends before `limit`.
pub fn cut(bytes: &[u8], limit: usize) -> usize {
    if limit >= bytes.len() {
        return bytes.len();
    }
    memchr::memrchr(b'\n', &bytes[..limit]).map_or(0, |i| i + 1)
}

/// The document of the part of `bytes` up to `limit`, cut after a line
/// feed; `None` when no line ends there or it does not load.
pub fn part(bytes: &[u8], limit: usize, options: &LoadOptions) -> Option<Document> {
    let end = cut(bytes, limit);
    (end > 0)
        .then(|| load(&bytes[..end], options).ok())
        .flatten()
}

/// How parts grow: the length of the first and the factor between one
/// part and the next. The reader's is [`Growth::READER`]; tests take
/// smaller ones so that a small file is read in several parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Growth {
    pub first: usize,
    pub factor: usize,
}

impl Growth {
    /// [`FIRST`] and [`GROWTH`].
    pub const READER: Growth = Growth {
        first: FIRST,
        factor: GROWTH,
    };

    /// The length at which the next part is read after one of `done`
    /// bytes, if any: `factor` times longer, while that is at most an
    /// eighth of the input (`total`, when known; else at most `factor`
    /// times `first` times `factor`), so the parts cost little beside the
    /// whole and the reader never holds a large part while the whole is
    /// parsed.
    pub fn next_part(self, done: usize, total: Option<u64>) -> Option<usize> {
        let factor = self.factor.max(2);
        let next = done.max(self.first).saturating_mul(factor);
        let most = match total {
            Some(total) => usize::try_from(total / 8).unwrap_or(usize::MAX),
            None => self.first.saturating_mul(factor).saturating_mul(factor),
        };
        (next <= most).then_some(next)
    }

    /// Every length at which a part is read after a first screen of
    /// `head` bytes, in order: the loader's steps, as a plain list so
    /// they can be followed without threads (`tests/progressive_equality.rs`).
    /// Each is handed to [`part`] once that many bytes have come; the
    /// whole follows the last.
    pub fn limits(self, head: usize, total: Option<u64>) -> Vec<usize> {
        std::iter::successors(self.next_part(head, total), |&n| self.next_part(n, total)).collect()
    }
}

/// [`Growth::next_part`] of the reader's growth.
pub fn next_part(done: usize, total: Option<u64>) -> Option<usize> {
    Growth::READER.next_part(done, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_falls_after_a_line_feed() {
        assert_eq!(cut(b"ab\ncd\nef", 7), 6);
        assert_eq!(cut(b"ab\ncd\nef", 6), 6);
        assert_eq!(cut(b"ab\ncd\nef", 5), 3);
        assert_eq!(cut(b"abcdef", 3), 0);
        assert_eq!(cut(b"ab\ncd", 100), 5, "all of it");
    }

    #[test]
    fn only_line_read_utf8_is_previewable() {
        let options = LoadOptions::default();
        assert!(previewable(b"Ana: hello.\nBen: hi.\n", &options));
        assert!(previewable("主持人：你好。\n".as_bytes(), &options));
        assert!(previewable(
            b"WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n",
            &options
        ));
        assert!(previewable(
            b"{\"id\":1,\"text\":\"hi\"}\n{\"id\":2,\"text\":\"yo\"}\n",
            &options
        ));
        assert!(!previewable(
            b"{\"segments\": [\n{\"text\": \"hi\"}\n",
            &options
        ));
        assert!(!previewable(b"\xff\xfeA\x00:\x00", &options), "UTF-16");
        assert!(
            !previewable(b"A\x00:\x00 \x00h\x00\n\x00", &options),
            "BOM-less UTF-16"
        );
        assert!(!previewable(b"\xd6\xf7\xb3\xd6\xc8\xcb\n", &options), "GBK");
        let gbk = LoadOptions {
            encoding: Some("gbk".into()),
            ..LoadOptions::default()
        };
        assert!(!previewable(b"Ana: hello.\n", &gbk));
    }

    #[test]
    fn a_character_split_at_the_end_of_the_head_is_no_obstacle() {
        let mut head = "Ana: 你好。\n".as_bytes().to_vec();
        head.extend_from_slice(&"好".as_bytes()[..2]);
        assert!(previewable(&head, &LoadOptions::default()));
    }

    #[test]
    fn parts_grow_and_stay_small_beside_the_whole() {
        let mb = 1024 * 1024;
        let of = |n: usize| Some(n as u64);
        assert_eq!(next_part(FIRST, of(160 * mb)), Some(4 * mb));
        assert_eq!(next_part(4 * mb, of(160 * mb)), None, "64 MiB > 20 MiB");
        assert_eq!(next_part(FIRST, of(16 * mb)), None, "4 MiB > 2 MiB");
        assert_eq!(next_part(FIRST, None), Some(4 * mb));
        assert_eq!(next_part(4 * mb, None), Some(64 * mb));
        assert_eq!(next_part(64 * mb, None), None);
    }

    #[test]
    fn the_limits_are_the_parts_in_order() {
        let mb = 1024 * 1024;
        let of = |n: usize| Some(n as u64);
        assert_eq!(Growth::READER.limits(64 << 10, of(160 * mb)), [4 * mb]);
        assert_eq!(Growth::READER.limits(64 << 10, None), [4 * mb, 64 * mb]);
        assert!(Growth::READER.limits(64 << 10, of(16 * mb)).is_empty());
        let small = Growth {
            first: 16,
            factor: 2,
        };
        assert_eq!(small.limits(10, of(1000)), [32, 64], "128 > 1000 / 8");
        assert_eq!(small.limits(40, of(1000)), [80]);
    }

    #[test]
    fn a_part_is_the_load_of_its_lines() {
        let bytes = b"Ana: one.\n\nBen: two.\n\nAna: thr";
        let options = LoadOptions::default();
        let doc = part(bytes, bytes.len() - 1, &options).unwrap();
        let lines = load(b"Ana: one.\n\nBen: two.\n\n", &options).unwrap();
        assert_eq!(doc, lines);
        assert!(part(b"no line end", 5, &options).is_none());
    }
}
