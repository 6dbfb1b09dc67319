//! Live transcripts: the model of a file that grows while a recogniser
//! writes it (whisper.cpp's `stream`, WhisperX, a meeting bot writing SRT,
//! WebVTT or JSON lines).
//!
//! [`LiveText`] settles the bytes as they arrive (a line rewritten by a
//! carriage return is kept once, in its last version); [`Live`] makes the
//! [`Document`] of that text. JSON lines merge their own revisions as they
//! are read (`formats/jsonl.rs`), so a revised segment is replaced in place
//! there too. Pure: the caller reads the file (or standard input), notices
//! truncation with [`LiveText::check`], and decides when to ask for a
//! document.

mod text;

pub use text::{Growth, HEAD, LiveText};

use super::formats::{self, Format};
use super::{Document, LoadError, LoadOptions, Reading, build_as, decode};

/// A growing transcript: its settled text and the format it is read as.
///
/// [`document`](Live::document) parses the whole settled text again each
/// time. That is the simplest way to keep the model identical to a full
/// parse of the same text (`transcript::load`), which an incremental parser
/// would have to prove for every format: caption readers fold rolling
/// captions and speaker names over the whole file, sections by time depend
/// on the transcript's length, the text parser decides speakers with the
/// whole document as evidence. It is also fast enough: a two-hour session is
/// about 1 MB, which reparses in 50–130 ms (`benches/live.rs`:
/// 56 ms for JSON lines, 73 ms for text, 131 ms for SRT on a loaded
/// two-core machine, claims included). A reader that asks at most once a
/// second, for whatever lines arrived since, spends on average half of that
/// per second over a session that grows to 1 MB: 3–7% of one core as
/// measured, less on an idle one. Settling the bytes themselves is incremental
/// ([`LiveText`]: 1 MB pushed line by line in under 3 ms).
#[derive(Debug, Clone, Default)]
pub struct Live {
    text: LiveText,
    /// The format detected once detection has seen all it reads.
    format: Option<Format>,
}

impl Live {
    pub fn new() -> Live {
        Live::default()
    }

    /// Append bytes read from the file; whether the text changed.
    pub fn push(&mut self, bytes: &[u8]) -> bool {
        self.text.push(bytes)
    }

    /// Start again, for a file truncated or rewritten from the top; the
    /// format is detected again too.
    pub fn reset(&mut self) {
        self.text.reset();
        self.format = None;
    }

    /// The settled text and its generation.
    pub fn text(&self) -> &LiveText {
        &self.text
    }

    /// The format the text is read as, once it is known for good.
    pub fn format(&self) -> Option<Format> {
        self.format
    }

    /// The document of the settled text: what `transcript::load` gives on
    /// its bytes. The encoding option is not used (live text is UTF-8).
    ///
    /// The format (unless `options` names one) is detected as `load` does,
    /// on the start of the text, and kept once the settled lines hold all
    /// that detection reads (its 64 KiB prefix or first 400 lines), since
    /// nothing appended can change it then; until then it is detected again
    /// each time, so a file whose first lines do not tell yet (`WEB` of
    /// `WEBVTT`) is read as it will be once they do.
    pub fn document(&mut self, options: &LoadOptions) -> Result<Document, LoadError> {
        let decoded = decode::decode(self.text.text().as_bytes(), None)?;
        let reading = match (options.format, self.format) {
            (Some(forced), _) => Reading::Forced(forced),
            (None, Some(kept)) => Reading::Detected(kept),
            (None, None) => {
                let ext = options.extension.as_deref();
                let format = formats::detect(&decoded.text, ext);
                if self.detection_complete() {
                    self.format = Some(format);
                }
                Reading::Detected(format)
            }
        };
        build_as(decoded, options, reading)
    }

    /// Whether the settled lines, as the decoder cleans them, hold all that
    /// detection reads.
    fn detection_complete(&self) -> bool {
        let settled = self.text.settled_lines();
        decode::decode(settled.as_bytes(), None).is_ok_and(|d| formats::detection_complete(&d.text))
    }
}

#[cfg(test)]
mod tests;
