//! `Format`: the export formats `--format` names with `--bookmarks` (and
//! with `--claims`), their names and which are binary.

/// How `--bookmarks` prints. A new format is a variant, its names in
/// [`Format::NAMES`], and one arm in each match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Csv,
    /// A REFI-QDA project (`cli/refi.rs`).
    Qdpx,
    /// The REFI-QDA codebook alone (`cli/refi.rs`).
    Qdc,
}

impl Format {
    /// Every name `--format` takes with `--bookmarks`; the first of each
    /// format is the one its messages use.
    pub const NAMES: &'static [(&'static str, Format)] = &[
        ("markdown", Format::Markdown),
        ("md", Format::Markdown),
        ("json", Format::Json),
        ("csv", Format::Csv),
        ("qdpx", Format::Qdpx),
        ("qdc", Format::Qdc),
    ];

    pub fn from_name(name: &str) -> Option<Format> {
        Self::NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, f)| f)
    }

    /// The name messages give the format: its first in [`Format::NAMES`].
    pub fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(n, _)| n)
    }

    /// A format that must not be written to a terminal.
    pub fn is_binary(self) -> bool {
        match self {
            Format::Markdown | Format::Json | Format::Csv | Format::Qdc => false,
            Format::Qdpx => true,
        }
    }

    /// `markdown, json or csv`, from [`Format::NAMES`].
    pub(super) fn listed() -> String {
        let mut names: Vec<&str> = Vec::new();
        for &(_, f) in Self::NAMES {
            if !names.contains(&f.name()) {
                names.push(f.name());
            }
        }
        match names.split_last() {
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_listed_once_each_by_their_first_name() {
        assert_eq!(Format::listed(), "markdown, json, csv, qdpx or qdc");
        assert_eq!(Format::from_name("MD"), Some(Format::Markdown));
        assert_eq!(Format::from_name("CSV"), Some(Format::Csv));
        assert_eq!(Format::from_name("xml"), None);
    }
}
