//! The pure core: bytes in, a [`Document`] of sections, turns and claims out.
//!
//! Nothing here knows about terminals, so every stage is testable on strings.

pub mod claims;
pub mod decode;
pub mod model;
pub mod parse;
pub mod search;
pub mod sentences;
pub mod stats;

pub use model::*;

/// Why a transcript could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Decode(#[from] decode::DecodeError),
}

/// Choices the user can make about how bytes become a document.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// An encoding label (`gbk`, `big5`, `shift_jis`, `utf-16le`…) that
    /// overrides detection.
    pub encoding: Option<String>,
}

/// Decode, parse and find claims: the whole pipeline from file bytes.
pub fn load(bytes: &[u8], options: &LoadOptions) -> Result<Document, LoadError> {
    let decoded = decode::decode(bytes, options.encoding.as_deref())?;
    Ok(build(decoded))
}

/// [`load`] that frees the file's bytes once they are decoded, so the bytes,
/// the text and the model are never all in memory at once.
pub fn load_owned(bytes: Vec<u8>, options: &LoadOptions) -> Result<Document, LoadError> {
    let decoded = decode::decode(&bytes, options.encoding.as_deref())?;
    drop(bytes);
    Ok(build(decoded))
}

fn build(decoded: decode::Decoded) -> Document {
    let mut doc = parse::parse(&decoded.text);
    doc.encoding = decoded.encoding;
    doc.warnings.splice(0..0, decoded.warnings);
    doc.claims = claims::detect(&doc);
    doc
}
