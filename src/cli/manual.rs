//! What shells and `man` know about tread, made from the same clap [`Args`]:
//! `--completions SHELL` prints a completion script ([`write_completions`]);
//! the man page `assets/tread.1` is rendered by `tests/manual.rs` with
//! clap_mangen from `Args` plus the hand-written sections here
//! ([`MAN_SECTIONS`]), and that test fails when the committed page is stale.
//!
//! [`Args`]: super::Args

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell;

use super::Args;

/// The long description: `tread --help` and the man page's DESCRIPTION.
pub const LONG_ABOUT: &str = "\
A terminal reader for conversation transcripts: interviews, podcasts, hearings, \
often in Chinese or mixed Chinese and English. tread splits a transcript into \
sections and speaker turns and shows them in three panes: a table of contents, \
the dialogue wrapped correctly for CJK text, and a sidebar of claims worth \
checking (figures, forecasts, comparisons).

Plain text, Markdown, WebVTT, SubRip, Whisper-style JSON and diarized \
speech-to-text output are read; the format is detected from the content \
unless --format or --input-format names it.

Without a print flag tread opens the reader when standard output is a terminal, \
and prints the outline when it is not. Without FILE it reads standard input \
when that is not a terminal, or else opens the bundled sample transcript.";

/// Write the completion script for `shell` to `out`. The script is made in
/// memory first: clap_complete panics on a failed write, and a closed pipe
/// (`tread --completions bash | head`) is not worth a panic.
pub fn write_completions(shell: Shell, out: &mut impl Write) -> io::Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Args::command(), "tread", &mut script);
    out.write_all(&script)
}

/// A hand-written section of the man page: its heading, then entries
/// `(tag, text)`, laid out as the OPTIONS section lays out flags.
pub struct ManSection {
    pub heading: &'static str,
    pub entries: &'static [(&'static str, &'static str)],
}

/// The sections clap does not know about, after OPTIONS: the paths and
/// variables README documents, the exit status, examples.
pub const MAN_SECTIONS: &[ManSection] = &[
    ManSection {
        heading: "FILES",
        entries: &[
            (
                "$XDG_CONFIG_HOME/tread/config.toml",
                "The configuration (~/.config/tread/config.toml by default, or the file \
                 given with --config): key bindings in [keys.global], [keys.contents], \
                 [keys.claims], [keys.bookmarks], [keys.picker], [keys.codes], \
                 [keys.speakers], [keys.help] and [keys.unsaved], and speaker labels in \
                 [labels] (speaker and not-speaker lists).",
            ),
            (
                "$XDG_DATA_HOME/tread/bookmarks/",
                "Bookmarks: per document a snapshot <key>.json and an append-only log \
                 <key>.log, and documents.log, the places each document was seen.",
            ),
            (
                "$XDG_STATE_HOME/tread/positions.json",
                "Where each document was left, for resuming.",
            ),
            (
                "$XDG_STATE_HOME/tread/recovery/",
                "Bookmark changes the store could not take when the reader quit.",
            ),
            (
                "$XDG_CACHE_HOME/tread/shelf.json",
                "What a shelf of transcripts learnt of each file (title, date, speakers,                  length), by content, so a folder opens again without reading every file.                  Safe to delete.",
            ),
        ],
    },
    ManSection {
        heading: "ENVIRONMENT",
        entries: &[
            (
                "TREAD_DATA_DIR",
                "Keep bookmarks under DIR/bookmarks/ and reading positions under \
                 DIR/state/, as --data-dir does (which takes precedence).",
            ),
            (
                "TREAD_CACHE_DIR",
                "Keep the shelf's cache in DIR/shelf.json instead.",
            ),
            (
                "XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_STATE_HOME, XDG_CACHE_HOME",
                "The base directories of the files above (~/.config, ~/.local/share, \
                 ~/.local/state and ~/.cache when unset).",
            ),
            (
                "NO_COLOR",
                "Set and not empty: no colour; the current sentence is shown reversed, \
                 claims underlined and narration in italics.",
            ),
        ],
    },
    ManSection {
        heading: "EXIT STATUS",
        entries: &[
            ("0", "Success, including output cut short by a closed pipe."),
            (
                "1",
                "The input or the config file could not be read, or the reader closed \
                 with bookmark changes the store could not take.",
            ),
            (
                "2",
                "Bad command-line flags, a bad --query (an unknown code in it too), or -o \
                 naming the transcript being exported.",
            ),
            (
                "--search",
                "As grep: 0 when something was found, 1 when nothing was, 2 for a bad \
                 query or any other error.",
            ),
            (
                "128+N",
                "The reader was ended by signal N, after restoring the terminal.",
            ),
        ],
    },
    ManSection {
        heading: "EXAMPLES",
        entries: &[
            ("tread talk.txt", "Read a transcript."),
            (
                "tread --outline talk.vtt",
                "Print its sections, turn counts and speakers.",
            ),
            (
                "tread --json talk.srt | jq .speakers",
                "The document model as JSON.",
            ),
            (
                "tread --speaker 'VOICE FROM THE FLOOR' hearing.txt",
                "Take a label as a speaker that tread would not.",
            ),
            (
                "tread --bookmarks talk.txt",
                "Print the document's bookmarks as Markdown.",
            ),
            (
                "tread --bookmarks --all --format json",
                "Every bookmark in the store, grouped by document.",
            ),
            (
                "tread --bookmarks --all --format csv --query 'code:pricing -spk:-' -o quotes.csv",
                "Every quote coded pricing (or a code under it) that is not narration, as CSV.",
            ),
            (
                "tread --bookmarks --group code talk.txt",
                "The document's quotes as Markdown, under a heading per code.",
            ),
            (
                "tread --codes --all",
                "Each code with its number of quotes, per speaker and per document.",
            ),
            (
                "tread --search 'spk:anna after:2024-01-01 pricing' interviews/",
                "Every sentence Anna said about pricing in the transcripts under interviews/ \
                 dated 2024 or later, one per line as grep prints them.",
            ),
            (
                "tread --search '\\vopen[- ]source' --json . | jq -r .path | sort -u",
                "The transcripts that mention open source, from the hits as JSON lines.",
            ),
            (
                "tread --completions bash > ~/.local/share/bash-completion/completions/tread",
                "Install bash completions.",
            ),
        ],
    },
];
