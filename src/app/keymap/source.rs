//! Errors in a keymap file that name the file and the line: unknown
//! layers (listing every valid one), keys bound twice (naming both lines),
//! and where a byte offset falls.

use super::{KeymapError, Layer};

/// A keymap file being merged, for errors that name it and a line in it.
pub(super) struct Source<'a> {
    pub(super) text: &'a str,
    pub(super) name: &'a str,
}

impl Source<'_> {
    /// `problem`, at the line where `span` starts.
    pub(super) fn error(&self, span: std::ops::Range<usize>, problem: String) -> KeymapError {
        KeymapError {
            source_name: self.name.to_string(),
            line: line_at(self.text, span.start),
            problem,
        }
    }

    /// An unknown `[keys.<layer>]` table, and every layer there is.
    pub(super) fn unknown_layer(&self, layer_name: &toml::Spanned<String>) -> KeymapError {
        let names: Vec<&str> = Layer::ALL.iter().map(|l| l.name()).collect();
        let (last, rest) = names.split_last().expect("there are layers");
        self.error(
            layer_name.span(),
            format!(
                "unknown key layer [keys.{}] (expected {} or {last})",
                layer_name.get_ref(),
                rest.join(", ")
            ),
        )
    }

    /// The same key written twice in one table, which TOML itself refuses
    /// (`span` is the second): the key, its table and the first line, if
    /// the lines above show them.
    pub(super) fn duplicate_key(&self, span: std::ops::Range<usize>) -> Option<KeymapError> {
        let name = key_of(&format!("{} = 0", self.text.get(span.clone())?))?;
        let line = line_at(self.text, span.start);
        let lines: Vec<&str> = self.text.lines().collect();
        let header = (0..line - 1)
            .rev()
            .find(|&i| lines[i].trim_start().starts_with('['))?;
        let first = (header + 1..line - 1).find(|&i| key_of(lines[i]).as_ref() == Some(&name))?;
        let table = lines[header].trim_start();
        let table = &table[..=table.find(']')?];
        let table: String = table.chars().filter(|c| !c.is_whitespace()).collect();
        let problem = format!(
            "key '{name}' is bound twice in {table} (first at line {})",
            first + 1
        );
        Some(self.error(span, problem))
    }

    /// One key spelled `a` and `b` in one layer's table.
    pub(super) fn bound_twice(
        &self,
        layer: Layer,
        a: &toml::Spanned<String>,
        b: &toml::Spanned<String>,
    ) -> KeymapError {
        // Tables come back sorted by name, not by line: blame the
        // later line, and name the earlier spelling.
        let (first, second) = if a.span().start < b.span().start {
            (a, b)
        } else {
            (b, a)
        };
        self.error(
            second.span(),
            format!(
                "key '{}' is bound twice in [keys.{}] (first at line {}, as '{}')",
                second.get_ref(),
                layer.name(),
                line_at(self.text, first.span().start),
                first.get_ref()
            ),
        )
    }
}

/// The key a one-line `key = value` sets, as TOML reads it.
fn key_of(line: &str) -> Option<String> {
    let table: toml::Table = toml::from_str(line).ok()?;
    let mut keys = table.keys();
    match (keys.next(), keys.next()) {
        (Some(key), None) => Some(key.clone()),
        _ => None,
    }
}

/// The 1-based line of byte `offset` in `text`, for errors that name it.
pub(in crate::app) fn line_at(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
