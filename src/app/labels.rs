//! The `[labels]` table of the config file: speaker labels the user has
//! decided on (`speaker = [...]`, `not-speaker = [...]`), with their lines.

use serde::Deserialize;
use toml::Spanned;

use super::keymap::line_at;

/// A problem in the `[labels]` table, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}:{line}: {problem}")]
pub struct LabelsError {
    pub source_name: String,
    pub line: usize,
    pub problem: String,
}

/// A name from the config file and the line it is written on, so a
/// conflict with a flag can point at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub name: String,
    pub line: usize,
}

/// The user's label lists from one config file (empty without one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    /// The file they came from, as errors name it.
    pub source_name: String,
    /// Always speakers.
    pub speaker: Vec<Label>,
    /// Never speakers: such lines stay text.
    pub not_speaker: Vec<Label>,
}

impl Labels {
    /// Where `label` is written, as `file:line`.
    pub fn place(&self, label: &Label) -> String {
        format!("{}:{}", self.source_name, label.line)
    }
}

/// The whole file as this module sees it: other tables belong to the
/// keymap loader, which also rejects unknown top-level tables (serde skips
/// them here).
#[derive(Deserialize)]
struct File {
    #[serde(default)]
    labels: Option<Table>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Table {
    #[serde(default)]
    speaker: Vec<Spanned<String>>,
    #[serde(default)]
    not_speaker: Vec<Spanned<String>>,
}

/// Read the `[labels]` table of a config file. An unknown key or an empty
/// name is an error at its line. A name in both lists is left for the
/// caller, which weighs the flags too.
pub fn parse(text: &str, source_name: &str) -> Result<Labels, LabelsError> {
    let err = |offset: usize, problem: String| LabelsError {
        source_name: source_name.to_string(),
        line: line_at(text, offset),
        problem,
    };
    let file: File = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        err(at, format!("in [labels]: {}", e.message()))
    })?;
    let Some(table) = file.labels else {
        return Ok(Labels {
            source_name: source_name.to_string(),
            ..Labels::default()
        });
    };
    let list = |names: Vec<Spanned<String>>, key: &str| {
        names
            .into_iter()
            .map(|n| {
                if n.get_ref().trim().is_empty() {
                    return Err(err(n.span().start, format!("empty name in labels.{key}")));
                }
                Ok(Label {
                    line: line_at(text, n.span().start),
                    name: n.into_inner(),
                })
            })
            .collect::<Result<Vec<_>, _>>()
    };
    Ok(Labels {
        source_name: source_name.to_string(),
        speaker: list(table.speaker, "speaker")?,
        not_speaker: list(table.not_speaker, "not-speaker")?,
    })
}
