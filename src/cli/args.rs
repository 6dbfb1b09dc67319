//! The command-line flags (`Args`), which output they ask for, and the
//! checks of their values that clap cannot make alone ([`FlagError`]).

use std::path::PathBuf;

use clap::Parser;

use super::manual;
use super::stats::StatsFormat;
use crate::store::export::Group;
use crate::store::query::Query;
use crate::transcript::formats::Format as InputFormat;

/// A terminal reader for conversation transcripts.
#[derive(Debug, Clone, Parser)]
#[command(version, about, long_about = manual::LONG_ABOUT)]
#[command(group(clap::ArgGroup::new("listing").args(["bookmarks", "codes"])))]
pub struct Args {
    /// Transcript to open; `-` reads standard input. Without it, piped
    /// standard input is read, or else the bundled sample opens.
    pub file: Option<PathBuf>,

    /// Further files or folders: several files, or a folder, make a shelf.
    #[arg(value_name = "MORE", value_hint = clap::ValueHint::AnyPath)]
    pub more: Vec<PathBuf>,

    /// Search the transcripts under the paths (or `.`): one hit a line,
    /// `path:line: §section speaker [time]: text` (--json: JSON lines).
    /// Filters: spk:NAME code:PATH in:GLOB after:YYYY-MM-DD.
    #[arg(long, value_name = "QUERY", allow_hyphen_values = true,
          conflicts_with_all = ["outline", "claims", "bookmarks", "codes", "speakers", "stats", "import_codes", "all", "query", "follow"])]
    pub search: Option<String>,

    /// Print the table of contents: sections, turn counts and speakers.
    #[arg(long)]
    pub outline: bool,

    /// Print the document model as JSON (with --search, the hits).
    #[arg(long, conflicts_with = "outline")]
    pub json: bool,

    /// Print one claim per line: `§<section> <speaker>: <text> [kind]`,
    /// with its status in the claims ledger when not unchecked; with
    /// --format csv, json or markdown, export the ledger joined with the
    /// claims detected.
    #[arg(long, conflicts_with_all = ["outline", "json"])]
    pub claims: bool,

    /// Print the document's bookmarks, as Markdown (the default), JSON or
    /// CSV (`--format`).
    #[arg(long, conflicts_with_all = ["outline", "json", "claims"])]
    pub bookmarks: bool,

    /// Print each code with its number of quotes, in all, per speaker and
    /// per document.
    #[arg(long, conflicts_with_all = ["outline", "json", "claims", "bookmarks"])]
    pub codes: bool,

    /// With --bookmarks or --codes: every bookmark in the store, grouped by
    /// document.
    #[arg(long, requires = "listing", conflicts_with = "file")]
    pub all: bool,

    /// With --bookmarks or --codes: only the quotes matching QUERY, e.g.
    /// `code:pricing spk:Ana §3 -note:todo "open source"`.
    #[arg(
        long,
        value_name = "QUERY",
        requires = "listing",
        allow_hyphen_values = true
    )]
    pub query: Option<String>,

    /// With --bookmarks (Markdown): the quotes under a heading per code or
    /// per speaker.
    #[arg(long, value_name = "code|speaker", requires = "bookmarks")]
    pub group: Option<String>,

    /// With --bookmarks --format qdpx: a code per speaker (under a code
    /// `Speakers`), and every turn coded with its speaker.
    #[arg(long, requires = "bookmarks")]
    pub speaker_codes: bool,

    /// Merge a REFI-QDA codebook made elsewhere (a `.qdc`, or the codebook
    /// of a `.qdpx` project) into yours, print what changed, and exit.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath,
          conflicts_with_all = ["outline", "json", "claims", "bookmarks", "speakers", "codes"])]
    pub import_codes: Option<PathBuf>,

    /// With --bookmarks: write the export to FILE (replaced atomically)
    /// instead of standard output; `-` is standard output.
    #[arg(short, long, value_name = "FILE", requires = "bookmarks", value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,

    /// Print every speaker label considered: its count, whether it was
    /// taken as a speaker, metadata or text, and why.
    #[arg(long, conflicts_with_all = ["outline", "json", "claims", "bookmarks", "codes"])]
    pub speakers: bool,

    /// Print who talked how much: per speaker words, share, turns, the
    /// longest turn, talk time and words per minute; per section who spoke;
    /// a timeline for timed transcripts. As text, or JSON (`--format json`).
    #[arg(long, conflicts_with_all = ["outline", "json", "claims", "bookmarks", "codes", "speakers", "import_codes"])]
    pub stats: bool,

    /// Take NAME as a speaker wherever it labels a line (repeatable; adds
    /// to the config file's `labels.speaker`).
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,

    /// Never take NAME as a speaker: its lines stay text (repeatable; adds
    /// to the config file's `labels.not-speaker`).
    #[arg(long, value_name = "NAME")]
    pub not_speaker: Vec<String>,

    /// The input format: text, markdown, vtt, srt, json, jsonl, diarized or auto
    /// (the default: detect from the content). With --bookmarks it is the
    /// export format instead: markdown (the default), json, csv, qdpx (a REFI-QDA
    /// project) or qdc (the REFI-QDA codebook); with --claims, the ledger's
    /// export format: csv, json or markdown; with --stats, text (the
    /// default) or json.
    #[arg(long, value_name = "NAME")]
    pub format: Option<String>,

    /// The input format, with or without --bookmarks: text, markdown, vtt,
    /// srt, json, jsonl, diarized or auto.
    #[arg(long, value_name = "NAME")]
    pub input_format: Option<String>,

    /// Keep bookmarks and reading positions under DIR instead of
    /// `$XDG_DATA_HOME/tread` and `$XDG_STATE_HOME/tread` (also `TREAD_DATA_DIR`).
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub data_dir: Option<PathBuf>,

    /// Start at the top instead of where you last left this document.
    #[arg(long)]
    pub no_resume: bool,

    /// Follow FILE as it grows (a live transcript), from its end, as
    /// `less +F` does; `F` in the reader starts and stops following.
    #[arg(short, long)]
    pub follow: bool,

    /// Decode the file with this encoding instead of detecting it
    /// (e.g. `gbk`, `big5`, `shift_jis`, `utf-16le`).
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,

    /// Read key bindings and speaker labels from this file instead of
    /// `$XDG_CONFIG_HOME/tread/config.toml`.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub config: Option<PathBuf>,

    /// Print the completion script for SHELL to standard output and exit.
    #[arg(long, value_name = "SHELL", exclusive = true)]
    pub completions: Option<clap_complete::Shell>,
}

const INPUT_FORMATS: &str = "text, markdown, vtt, srt, json, jsonl, diarized or auto";

fn input_format(flag: &str, name: &str) -> Result<Option<InputFormat>, String> {
    InputFormat::from_name(name).ok_or_else(|| {
        format!("invalid value '{name}' for {flag}: the input format is one of {INPUT_FORMATS}")
    })
}

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
    fn listed() -> String {
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

/// What to do with the loaded document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// No print flag: open the reader (or, when stdout is not a terminal,
    /// print the outline).
    Reader,
    Outline,
    Json,
    Claims,
    Speakers,
    Bookmarks,
    Codes,
    Stats,
    /// `--search`: hits across files, not one document.
    Search,
}

/// Flags that contradict each other (or the config file) in a way clap
/// cannot see: `main` exits 2 for it, as for clap's own errors.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct FlagError(pub String);

impl Args {
    /// Every path given: `file`, then `more`.
    pub fn paths(&self) -> Vec<PathBuf> {
        self.file.iter().chain(&self.more).cloned().collect()
    }

    /// The input format asked for (`None`: detect), or why the flags are wrong.
    /// `--format` names the input format except with `--bookmarks`, where it
    /// names the export format; `--input-format` always names the input format.
    pub fn input_format(&self) -> Result<Option<InputFormat>, String> {
        let from_input = match &self.input_format {
            Some(name) => Some(input_format("--input-format", name)?),
            None => None,
        };
        let from_format = match (&self.format, self.bookmarks || self.claims || self.stats) {
            (Some(name), false) => Some(input_format("--format", name)?),
            _ => None,
        };
        match (from_input, from_format) {
            (Some(a), Some(b)) if a != b => Err(format!(
                "--format {} and --input-format {} disagree",
                self.format.as_deref().unwrap_or_default(),
                self.input_format.as_deref().unwrap_or_default()
            )),
            (a, b) => Ok(a.or(b).flatten()),
        }
    }

    /// The export format of `--bookmarks`, or why `--format` is wrong for it.
    pub fn bookmark_format(&self) -> Result<Format, String> {
        match self.format.as_deref().filter(|_| self.bookmarks) {
            None => Ok(Format::Markdown),
            Some(name) => Format::from_name(name).ok_or_else(|| {
                format!(
                    "invalid value '{name}' for --format: with --bookmarks it is the export \
                     format, {} (use --input-format for the input's format)",
                    Format::listed()
                )
            }),
        }
    }

    /// The ledger export of `--claims` (`None`: the one-line list), or why
    /// `--format` is wrong for it: only the text formats are.
    pub fn claims_format(&self) -> Result<Option<Format>, String> {
        let Some(name) = self.format.as_deref().filter(|_| self.claims) else {
            return Ok(None);
        };
        match Format::from_name(name) {
            Some(f @ (Format::Markdown | Format::Json | Format::Csv)) => Ok(Some(f)),
            _ => Err(format!(
                "invalid value '{name}' for --format: with --claims it is the ledger's \
                 export format, csv, json or markdown (use --input-format for the input's format)"
            )),
        }
    }

    /// How `--stats` prints, or why `--format` is wrong for it.
    pub fn stats_format(&self) -> Result<StatsFormat, String> {
        match self.format.as_deref().filter(|_| self.stats) {
            None => Ok(StatsFormat::Text),
            Some(name) => StatsFormat::from_name(name).ok_or_else(|| {
                format!(
                    "invalid value '{name}' for --format: with --stats it is text or json \
                     (use --input-format for the input's format)"
                )
            }),
        }
    }

    /// What `--group` groups by, or why it cannot.
    pub fn group(&self) -> Result<Option<Group>, String> {
        let Some(name) = self.group.as_deref() else {
            return Ok(None);
        };
        let group = Group::from_name(name)
            .ok_or_else(|| format!("invalid value '{name}' for --group: it is {}", Group::NAMES))?;
        match self.bookmark_format()? {
            Format::Markdown => Ok(Some(group)),
            _ => Err(
                "--group groups the Markdown export; drop --format or use --format markdown".into(),
            ),
        }
    }

    /// The query of `--query`, its syntax checked (its codes are checked
    /// against the codebook once it is read).
    pub fn query(&self) -> Result<Option<Query>, String> {
        match self.query.as_deref() {
            None => Ok(None),
            Some(text) => Query::parse(text)
                .map(Some)
                .map_err(|e| format!("invalid --query: {e}")),
        }
    }

    /// Check the flags whose values clap cannot check alone.
    pub fn check(&self) -> Result<(), String> {
        // clap takes `requires = "bookmarks"` as met by `--codes`, its
        // fellow in the `listing` group.
        for (given, flag) in [
            (self.group.is_some(), "--group"),
            (self.output.is_some(), "-o"),
        ] {
            if given && !self.bookmarks {
                return Err(format!("{flag} goes with --bookmarks"));
            }
        }
        self.input_format()?;
        self.bookmark_format()?;
        self.claims_format()?;
        self.stats_format()?;
        self.group()?;
        self.query()?;
        Ok(())
    }

    pub fn output(&self) -> Output {
        if self.search.is_some() {
            Output::Search
        } else if self.json {
            Output::Json
        } else if self.claims {
            Output::Claims
        } else if self.speakers {
            Output::Speakers
        } else if self.bookmarks {
            Output::Bookmarks
        } else if self.codes {
            Output::Codes
        } else if self.stats {
            Output::Stats
        } else if self.outline {
            Output::Outline
        } else {
            Output::Reader
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
