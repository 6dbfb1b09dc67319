//! The transcript model: a document of sections, speaker turns and paragraphs.
//!
//! Every line number is 1-based and refers to the decoded source text, so any
//! element can be traced back to where it came from.

use serde::Serialize;

/// A parsed transcript.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    pub title: Option<String>,
    /// Source line of the title, when it came from a line of the body.
    pub title_line: Option<usize>,
    pub metadata: Vec<Meta>,
    /// Never empty after parsing: text before the first heading is an
    /// untitled first section (the preamble).
    pub sections: Vec<Section>,
    /// Lines after the body ends: author, copyright, contact and spam footers.
    pub trailer: Vec<SourceLine>,
    /// Name of the encoding the bytes were decoded from, e.g. `UTF-8`, `GBK`.
    pub encoding: String,
    /// Problems found while decoding or parsing that the reader should show.
    pub warnings: Vec<String>,
    /// Statements worth checking, in document order.
    pub claims: Vec<Claim>,
    /// Every speaker-label candidate the reader weighed, with its decision
    /// (for `--speakers`); not part of the JSON view.
    #[serde(skip)]
    pub candidates: Vec<super::parse::Candidate>,
}

/// One `key: value` pair from a header block or front matter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meta {
    pub key: String,
    pub value: String,
    pub line: usize,
}

/// A line kept verbatim (trimmed), with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceLine {
    pub line: usize,
    pub text: String,
}

/// A section of the conversation. The preamble has neither number nor title.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Section {
    /// The number as written in the heading (`01`, `3`, `三`), if any.
    pub number: Option<String>,
    pub title: Option<String>,
    /// Source line of the heading; `None` for the preamble.
    pub line: Option<usize>,
    pub turns: Vec<Turn>,
}

/// One speaker's turn, or a stretch of narration when `speaker` is `None`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Turn {
    pub speaker: Option<String>,
    /// Source line where the turn starts (its label, or its first paragraph).
    pub line: usize,
    /// Last source line that belongs to the turn.
    pub end_line: usize,
    pub paragraphs: Vec<String>,
    /// Start time in seconds, for formats that carry timestamps.
    pub time: Option<f64>,
}

/// What makes a claim worth checking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Statistic,
    Forecast,
    Comparison,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 3] = [Self::Statistic, Self::Forecast, Self::Comparison];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Statistic => "statistic",
            Self::Forecast => "forecast",
            Self::Comparison => "comparison",
        }
    }
}

/// A sentence (or clause) worth checking, located by paragraph and byte range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    pub section: usize,
    pub turn: usize,
    pub paragraph: usize,
    /// Byte offsets into the paragraph text; always on char boundaries.
    pub start: usize,
    pub end: usize,
    pub kind: ClaimKind,
    pub score: f32,
}

/// A speaker and how many turns they have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeakerStat {
    pub name: String,
    pub turns: usize,
}

impl Document {
    /// Speakers in order of first appearance, with their turn counts.
    pub fn speakers(&self) -> Vec<SpeakerStat> {
        let mut out: Vec<SpeakerStat> = Vec::new();
        for name in self.turns().filter_map(|t| t.speaker.as_deref()) {
            match out.iter_mut().find(|s| s.name == name) {
                Some(s) => s.turns += 1,
                None => out.push(SpeakerStat {
                    name: name.to_string(),
                    turns: 1,
                }),
            }
        }
        out
    }

    /// Every turn in document order.
    pub fn turns(&self) -> impl Iterator<Item = &Turn> {
        self.sections.iter().flat_map(|s| s.turns.iter())
    }

    /// The text of a claim.
    pub fn claim_text(&self, claim: &Claim) -> &str {
        self.sections
            .get(claim.section)
            .and_then(|s| s.turns.get(claim.turn))
            .and_then(|t| t.paragraphs.get(claim.paragraph))
            .and_then(|p| p.get(claim.start..claim.end))
            .unwrap_or("")
    }
}

impl Section {
    /// The label shown in tables of contents: `01 Title`, `Title`, or `Preamble`.
    pub fn label(&self) -> String {
        match (&self.number, &self.title) {
            (Some(n), Some(t)) => format!("{n} {t}"),
            (Some(n), None) => n.clone(),
            (None, Some(t)) => t.clone(),
            (None, None) => "Preamble".to_string(),
        }
    }
}
