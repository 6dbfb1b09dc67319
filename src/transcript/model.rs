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
    /// Where each source line's text starts in the paragraphs, in document
    /// order: how a quote is cited by the line it starts on. Empty for a
    /// document no reader built (then a turn's own line is all there is).
    #[serde(skip)]
    pub line_starts: Vec<LineStart>,
    /// Where each cue starts, with its time (timed formats, whose turns
    /// merge several cues).
    #[serde(skip)]
    pub cue_starts: Vec<CueStart>,
    /// Where the last cue ends (seconds), for timed formats: how long the
    /// transcript runs, which decides how its times are written.
    #[serde(skip)]
    pub duration: Option<f64>,
    /// The format the text was read as (after any fallback to plain text);
    /// `None` for a document no `load` built.
    #[serde(skip)]
    pub format: Option<super::formats::Format>,
}

/// A byte in a paragraph, with the turn counted over the whole document
/// (sections are cut after turns are built, so readers know only this).
/// `u32`s: inputs are capped well below 4 GiB, and one is kept per line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextPos {
    pub turn: u32,
    pub paragraph: u32,
    pub byte: u32,
}

impl TextPos {
    pub fn new(turn: usize, paragraph: usize, byte: usize) -> TextPos {
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        TextPos {
            turn: n(turn),
            paragraph: n(paragraph),
            byte: n(byte),
        }
    }
}

/// The source line (1-based) whose text starts at `at`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineStart {
    pub at: TextPos,
    pub line: u32,
}

/// The start time (seconds) of the cue whose text starts at `at`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CueStart {
    pub at: TextPos,
    pub time: f64,
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
    /// Which cue made the sentence a claim, so the user can see why it is listed.
    pub reason: Reason,
    /// The figure parsed into a value, for a magnitude (`2.1亿元`, `$4.5B`,
    /// `a million users`); `None` for the other claims.
    pub quantity: Option<Quantity>,
}

/// The cue that made a sentence a claim; `Display` gives its words
/// (`percentage`, `forecast cue "预计"`). Keywords are the table's spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reason {
    Percentage,
    Money,
    Magnitude,
    /// `a third`, `一半`, `七八成`, `nine in ten`.
    Fraction,
    /// `10倍`, `3x`, `twice`, `doubled`.
    Multiple,
    /// A number with a unit of time, size or count: `35 minutes`, `三个月`.
    Measure,
    /// `three to five days`, `dozens of`, `上千`: numbers in words.
    SpelledOut,
    /// A plain number, which is the weakest cue.
    #[default]
    Number,
    Forecast(&'static str),
    /// An explicit future time (`明年`, `by 2035`); empty when written in digits.
    Horizon(&'static str),
    Comparison(&'static str),
    Superlative(&'static str),
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let cue = |f: &mut std::fmt::Formatter<'_>, what: &str, word: &str| match word {
            "" => f.write_str(what),
            w => write!(f, "{what} \"{w}\""),
        };
        match *self {
            Self::Percentage => f.write_str("percentage"),
            Self::Money => f.write_str("money"),
            Self::Magnitude => f.write_str("magnitude"),
            Self::Fraction => f.write_str("fraction"),
            Self::Multiple => f.write_str("multiple"),
            Self::Measure => f.write_str("number with a unit"),
            Self::SpelledOut => f.write_str("spelled-out number"),
            Self::Number => f.write_str("number"),
            Self::Forecast(w) => cue(f, "forecast cue", w),
            Self::Horizon(w) => cue(f, "future time", w),
            Self::Comparison(w) => cue(f, "comparison cue", w),
            Self::Superlative(w) => cue(f, "superlative", w),
        }
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A figure's value (`2.1e8`) and the unit written after it (`千瓦`, `dollars`)
/// or the currency sign before it (`$`), when there is one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quantity {
    pub value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'static str>,
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

    /// The position of a paragraph's byte, with the turn counted over the
    /// whole document; `None` if there is no such turn.
    pub fn text_pos(
        &self,
        section: usize,
        turn: usize,
        paragraph: usize,
        byte: usize,
    ) -> Option<TextPos> {
        let before: usize = self
            .sections
            .get(..section)?
            .iter()
            .map(|s| s.turns.len())
            .sum();
        self.sections.get(section)?.turns.get(turn)?;
        Some(TextPos::new(before + turn, paragraph, byte))
    }

    /// The source line the text at `at` is on: the last line that started
    /// at or before it in the same turn, or the turn's own line when the
    /// reader recorded none (or recorded one outside the turn).
    pub fn line_at(&self, at: TextPos, turn: &Turn) -> usize {
        let i = self.line_starts.partition_point(|s| s.at <= at);
        i.checked_sub(1)
            .map(|i| self.line_starts[i])
            .filter(|s| s.at.turn == at.turn)
            .map(|s| s.line as usize)
            .filter(|l| (turn.line..=turn.end_line.max(turn.line)).contains(l))
            .unwrap_or(turn.line)
    }

    /// The start time of the cue the text at `at` is in, else the turn's.
    pub fn time_at(&self, at: TextPos, turn: &Turn) -> Option<f64> {
        let i = self.cue_starts.partition_point(|s| s.at <= at);
        i.checked_sub(1)
            .map(|i| self.cue_starts[i])
            .filter(|s| s.at.turn == at.turn)
            .map(|s| s.time)
            .or(turn.time)
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

    /// `§N`: the section's number as written, or else its position
    /// (1-based) in the document, which is section `index`.
    pub fn mark(&self, index: usize) -> String {
        section_mark(index, self.number.as_deref())
    }

    /// [`section_label`] of this section, section `index`.
    pub fn cite_label(&self, index: usize) -> String {
        section_label(index, self.number.as_deref(), self.title.as_deref())
    }
}

/// `§N`: a section's number as written, or else its position (1-based)
/// in the document, for section `index`.
pub fn section_mark(index: usize, number: Option<&str>) -> String {
    match number {
        Some(n) => format!("§{n}"),
        None => format!("§{}", index + 1),
    }
}

/// `§N Title`, `§N`, or `§1 Preamble` for an untitled first section: the
/// one way citations, exports and the reader's lists name a section (also
/// from a saved bookmark's number and title, with no document at hand).
pub fn section_label(index: usize, number: Option<&str>, title: Option<&str>) -> String {
    let mark = section_mark(index, number);
    match title {
        Some(t) => format!("{mark} {t}"),
        None if index == 0 && number.is_none() => format!("{mark} Preamble"),
        None => mark,
    }
}
