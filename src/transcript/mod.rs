//! The pure core: bytes in, a [`Document`] of sections, turns and claims out.
//!
//! Nothing here knows about terminals, so every stage is testable on strings.

pub mod address;
pub mod claims;
pub mod decode;
pub mod formats;
pub mod live;
pub mod model;
pub mod parse;
pub mod progressive;
pub mod search;
pub mod sentences;
pub mod stats;

pub use model::*;

/// Why a transcript could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Decode(#[from] decode::DecodeError),
    #[error(transparent)]
    Format(#[from] formats::FormatError),
}

/// Choices the user can make about how bytes become a document.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// An encoding label (`gbk`, `big5`, `shift_jis`, `utf-16le`…) that
    /// overrides detection.
    pub encoding: Option<String>,
    /// The input format; `None` detects it from the content.
    pub format: Option<formats::Format>,
    /// The file's extension (without the dot): a hint for detection.
    pub extension: Option<String>,
    /// Labels the user forces to be, or not to be, speakers.
    pub speakers: parse::SpeakerRules,
}

/// Decode, parse and find claims: the whole pipeline from file bytes.
pub fn load(bytes: &[u8], options: &LoadOptions) -> Result<Document, LoadError> {
    let decoded = decode::decode(bytes, options.encoding.as_deref())?;
    build(decoded, options)
}

/// [`load`] that takes the file's bytes: UTF-8 that needs no cleaning
/// becomes the text in place, and other bytes are freed once decoded, so
/// the bytes, the text and the model are never all in memory at once.
pub fn load_owned(bytes: Vec<u8>, options: &LoadOptions) -> Result<Document, LoadError> {
    let decoded = decode::decode_owned(bytes, options.encoding.as_deref())?;
    build(decoded, options)
}

fn build(decoded: decode::Decoded, options: &LoadOptions) -> Result<Document, LoadError> {
    let reading = match options.format {
        Some(format) => Reading::Forced(format),
        None => {
            let ext = options.extension.as_deref();
            Reading::Detected(formats::detect(&decoded.text, ext))
        }
    };
    build_as(decoded, options, reading)
}

/// How the format of a text was chosen, which decides what happens when its
/// reader fails: a format the user named is an error, a detected one falls
/// back to plain text ([`formats::read_detected`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    Forced(formats::Format),
    Detected(formats::Format),
}

/// The pipeline after decoding, with the format already chosen.
pub(crate) fn build_as(
    decoded: decode::Decoded,
    options: &LoadOptions,
    reading: Reading,
) -> Result<Document, LoadError> {
    let mut doc = match reading {
        Reading::Forced(format) => {
            let mut doc = formats::read_with(&decoded.text, format, &options.speakers)?;
            doc.format = Some(format);
            doc
        }
        Reading::Detected(format) => {
            let (read_as, mut doc) =
                formats::read_detected(&decoded.text, format, &options.speakers);
            doc.format = Some(read_as);
            doc
        }
    };
    doc.encoding = decoded.encoding;
    doc.warnings.splice(0..0, decoded.warnings);
    doc.claims = claims::detect(&doc);
    Ok(doc)
}
