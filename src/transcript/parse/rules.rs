//! The user's word on speaker labels (`--speaker`, `--not-speaker`, the
//! config file) and the parser's account of every label it considered, so
//! that `--speakers` can show each decision and why.

use serde::Serialize;

/// Labels the user has decided on. Names match a label as written, after
/// trimming; ASCII letters ignore case (`host` matches `HOST`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpeakerRules {
    /// Always a speaker, wherever the label appears.
    pub force: Vec<String>,
    /// Never a speaker: the line stays text.
    pub deny: Vec<String>,
}

impl SpeakerRules {
    /// Whether the user forces `name` to be a speaker.
    pub fn forces(&self, name: &str) -> bool {
        self.force.iter().any(|f| same_name(f, name))
    }

    /// Whether the user says `name` is never a speaker.
    pub fn denies(&self, name: &str) -> bool {
        self.deny.iter().any(|f| same_name(f, name))
    }

    pub fn is_empty(&self) -> bool {
        self.force.is_empty() && self.deny.is_empty()
    }
}

fn same_name(rule: &str, name: &str) -> bool {
    rule.trim().eq_ignore_ascii_case(name.trim())
}

/// What a label candidate was taken for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Speaker,
    Metadata,
    Text,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Speaker => "speaker",
            Decision::Metadata => "metadata",
            Decision::Text => "text",
        }
    }
}

/// One label as written, with how often it was taken one way and why.
/// A name taken two ways (say `记者` as a header key and as a speaker) has
/// one candidate per decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The label as written, stage direction removed.
    pub name: String,
    /// The speaker it is shown as, when folded into a fuller form.
    pub shown_as: Option<String>,
    /// How many lines (or cues) carry it with this decision.
    pub count: usize,
    /// First such line, 1-based.
    pub line: usize,
    pub decision: Decision,
    /// Why, in a few words: `recurs 13 times`, `role word`, `header key`.
    pub reason: String,
}
