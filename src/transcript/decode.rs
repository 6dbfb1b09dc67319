//! Bytes to clean text: encoding detection, line endings, and neutralising
//! characters that could control the terminal.
//!
//! Detection, first match wins:
//! 1. a byte order mark: UTF-8, UTF-16LE/BE, UTF-32LE/BE;
//! 2. a known binary signature (PNG, ELF, gzip, PDF, ZIP…): refused;
//! 3. UTF-16 without a BOM, by where the NUL bytes fall;
//! 4. many control bytes (NUL, BEL, DEL…): refused as binary;
//! 5. valid UTF-8;
//! 6. mostly valid UTF-8 with a few bad bytes: UTF-8, bad bytes replaced;
//! 7. otherwise chardetng's guess (GBK, Big5, Shift_JIS, windows-1252…);
//!    for a handful of non-ASCII bytes, hinted towards Chinese (GBK).
//!
//! A forced encoding (`--encoding`) skips all but the signature check. What
//! the text then goes through is described in the `clean` submodule.

mod clean;
mod sniff;

use std::borrow::Cow;

use chardetng::EncodingDetector;
use encoding_rs::{Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE};

/// How much of a file that is not UTF-8 chardetng looks at.
const DETECT_SAMPLE: usize = 1024 * 1024;
/// Fewer non-ASCII bytes than this is too little for chardetng alone.
const SHORT_NON_ASCII: usize = 16;

/// Text ready for parsing, and how it was obtained.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// LF-separated lines, with no control or bidi-override characters.
    pub text: String,
    /// Canonical encoding name, e.g. `UTF-8`, `GBK`, `UTF-16LE`.
    pub encoding: String,
    pub warnings: Vec<String>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DecodeError {
    #[error("this looks like a binary file ({0}), not a transcript")]
    Binary(String),
    #[error("unknown encoding '{0}' (try gbk, gb18030, big5, shift_jis, utf-16le or windows-1252)")]
    UnknownEncoding(String),
}

/// Decode `bytes`, detecting the encoding unless `forced` names one.
pub fn decode(bytes: &[u8], forced: Option<&str>) -> Result<Decoded, DecodeError> {
    let raw = match forced {
        Some(label) => decode_forced(bytes, lookup(label)?)?,
        None => detect(bytes)?,
    };
    let mut warnings = raw.warnings;
    let text = clean::clean(raw.text, &mut warnings);
    Ok(Decoded {
        text,
        encoding: raw.encoding.to_string(),
        warnings,
    })
}

/// [`decode`] that takes the bytes, so valid UTF-8 that needs no cleaning
/// (most files) becomes the text in place: the file is never in memory
/// twice, and the copy's time is saved.
pub fn decode_owned(bytes: Vec<u8>, forced: Option<&str>) -> Result<Decoded, DecodeError> {
    if forced.is_some() || !plain_utf8_candidate(&bytes) {
        return decode(&bytes, forced);
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            let mut warnings = Vec::new();
            let text = clean::clean(Cow::Owned(text), &mut warnings);
            Ok(Decoded {
                text,
                encoding: UTF_8.name().to_string(),
                warnings,
            })
        }
        Err(e) => decode(e.as_bytes(), None),
    }
}

/// Whether [`detect`] would reach its valid-UTF-8 test on these bytes:
/// no byte order mark, binary signature, UTF-16 or binary controls.
fn plain_utf8_candidate(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(sniff::SAMPLE)];
    !bytes.starts_with(&[0, 0, 0xFE, 0xFF])
        && Encoding::for_bom(bytes).is_none()
        && sniff::magic(bytes).is_none()
        && sniff::utf16_without_bom(sample).is_none()
        && sniff::binary_controls(sample).is_none()
}

/// The canonical name of the encoding an `--encoding` label stands for,
/// so a bad label can be reported before any input is read.
pub fn encoding_for_label(label: &str) -> Result<&'static str, DecodeError> {
    lookup(label).map(Encoding::name)
}

fn lookup(label: &str) -> Result<&'static Encoding, DecodeError> {
    Encoding::for_label(label.trim().as_bytes())
        // Labels such as `iso-2022-kr` map to the WHATWG replacement
        // encoding, which turns any input into a single U+FFFD.
        .filter(|e| *e != REPLACEMENT)
        .ok_or_else(|| DecodeError::UnknownEncoding(label.to_string()))
}

/// Decoded but not yet cleaned.
struct Raw<'a> {
    text: Cow<'a, str>,
    encoding: &'static str,
    warnings: Vec<String>,
}

fn binary(kind: &str) -> DecodeError {
    DecodeError::Binary(kind.to_string())
}

fn decode_forced<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> Result<Raw<'a>, DecodeError> {
    if let Some(kind) = sniff::magic(bytes) {
        return Err(binary(kind));
    }
    let bom = match Encoding::for_bom(bytes) {
        Some((e, len)) if e == encoding => len,
        _ => 0,
    };
    Ok(with_encoding(encoding, &bytes[bom..]))
}

fn detect(bytes: &[u8]) -> Result<Raw<'_>, DecodeError> {
    if let Some(raw) = utf32_with_bom(bytes) {
        return Ok(raw);
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return Ok(with_encoding(encoding, &bytes[bom..]));
    }
    if let Some(kind) = sniff::magic(bytes) {
        return Err(binary(kind));
    }
    let sample = &bytes[..bytes.len().min(sniff::SAMPLE)];
    if let Some(encoding) = sniff::utf16_without_bom(sample) {
        return Ok(with_encoding(encoding, bytes));
    }
    if let Some(kind) = sniff::binary_controls(sample) {
        return Err(binary(kind));
    }
    match valid_utf8(bytes) {
        Some(text) => Ok(Raw {
            text,
            encoding: UTF_8.name(),
            warnings: Vec::new(),
        }),
        None => Ok(legacy(bytes)),
    }
}

/// Input that is not valid UTF-8: a damaged UTF-8 file, or a legacy encoding.
fn legacy(bytes: &[u8]) -> Raw<'_> {
    let stats = Utf8Stats::of(bytes);
    // A GBK or Big5 file forms valid UTF-8 sequences only by accident, far
    // less often than it breaks the rules.
    if stats.multibyte >= 4 * stats.bad_sequences {
        return with_encoding(UTF_8, bytes);
    }
    let mut sample = &bytes[..bytes.len().min(DETECT_SAMPLE)];
    let whole = sample.len() == bytes.len();
    if !whole {
        // End the sample at a line break: in the CJK encodings LF is never
        // part of a multi-byte character, so none is cut in half.
        if let Some(nl) = memchr::memrchr(b'\n', sample) {
            sample = &sample[..=nl];
        }
    }
    let mut detector = EncodingDetector::new();
    detector.feed(sample, whole);
    // chardetng needs a few characters to tell the CJK encodings apart;
    // below that, favour Chinese (the `cn` hint means GBK) over its usual
    // guesses for a handful of bytes (EUC-KR, windows-1250).
    let non_ascii = sample.iter().filter(|b| !b.is_ascii()).count();
    let tld: Option<&[u8]> = (non_ascii < SHORT_NON_ASCII).then_some(b"cn");
    let (encoding, confident) = detector.guess_assess(tld, false);
    let mut raw = with_encoding(encoding, bytes);
    if !confident {
        raw.warnings.push(format!(
            "encoding guessed as {} with low confidence; use --encoding to choose another",
            encoding.name()
        ));
    }
    raw
}

fn with_encoding<'a>(encoding: &'static Encoding, bytes: &'a [u8]) -> Raw<'a> {
    let mut warnings = Vec::new();
    if encoding == UTF_8 {
        if let Some(text) = valid_utf8(bytes) {
            return Raw {
                text,
                encoding: encoding.name(),
                warnings,
            };
        }
        let text = String::from_utf8_lossy(bytes);
        if let Cow::Owned(_) = text {
            let n = Utf8Stats::of(bytes).bad_bytes;
            warnings.push(format!(
                "invalid UTF-8 replaced ({n} {})",
                plural(n, "byte")
            ));
        }
        return Raw {
            text,
            encoding: encoding.name(),
            warnings,
        };
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let utf16 = encoding == UTF_16LE || encoding == UTF_16BE;
    let odd = utf16 && bytes.len() % 2 == 1;
    if odd {
        warnings.push(format!(
            "{} input has an odd number of bytes; the last byte was replaced",
            encoding.name()
        ));
    }
    if had_errors {
        let n = text
            .matches('\u{FFFD}')
            .count()
            .saturating_sub(usize::from(odd));
        if n > 0 {
            warnings.push(format!(
                "malformed {} replaced ({n} {})",
                encoding.name(),
                plural(n, "character")
            ));
        }
    }
    Raw {
        text,
        encoding: encoding.name(),
        warnings,
    }
}

/// `bytes` as text if they are valid UTF-8, borrowed. encoding_rs validates
/// with SIMD, about ten times as fast as `std::str::from_utf8` on CJK text.
fn valid_utf8(bytes: &[u8]) -> Option<Cow<'_, str>> {
    UTF_8.decode_without_bom_handling_and_without_replacement(bytes)
}

/// UTF-32, which encoding_rs does not decode; only recognised by its BOM.
fn utf32_with_bom(bytes: &[u8]) -> Option<Raw<'static>> {
    let (big_endian, encoding) = if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        (false, "UTF-32LE")
    } else if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        (true, "UTF-32BE")
    } else {
        return None;
    };
    let body = &bytes[4..];
    let mut text = String::with_capacity(body.len() / 4);
    let mut bad = 0usize;
    for unit in body.chunks(4) {
        let c = <[u8; 4]>::try_from(unit).ok().and_then(|u| {
            let v = if big_endian {
                u32::from_be_bytes(u)
            } else {
                u32::from_le_bytes(u)
            };
            char::from_u32(v)
        });
        text.push(c.unwrap_or_else(|| {
            bad += 1;
            '\u{FFFD}'
        }));
    }
    let mut warnings = Vec::new();
    if bad > 0 {
        warnings.push(format!(
            "malformed {encoding} replaced ({bad} {})",
            plural(bad, "character")
        ));
    }
    Some(Raw {
        text: Cow::Owned(text),
        encoding,
        warnings,
    })
}

/// How well bytes fit UTF-8.
struct Utf8Stats {
    /// Valid characters of two or more bytes.
    multibyte: usize,
    bad_sequences: usize,
    bad_bytes: usize,
}

impl Utf8Stats {
    fn of(bytes: &[u8]) -> Self {
        let mut stats = Utf8Stats {
            multibyte: 0,
            bad_sequences: 0,
            bad_bytes: 0,
        };
        for chunk in bytes.utf8_chunks() {
            stats.multibyte += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
            if !chunk.invalid().is_empty() {
                stats.bad_sequences += 1;
                stats.bad_bytes += chunk.invalid().len();
            }
        }
        stats
    }
}

/// `word` or `words`, to agree with `n`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}
