//! `--search QUERY [PATH…]`: every hit in the transcripts under the paths,
//! one a line as grep prints them, `path:line: §section speaker [time]:
//! text`, or as JSON lines (`--json`); streamed file by file.
//!
//! Exit status as grep's: 0 when something was found, 1 when nothing was,
//! 2 for a bad query or any other error (so a script never reads an error
//! as "not found"). A file that is not a transcript is a warning and is
//! skipped.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Serialize;

use super::{Args, FlagError, write_json_line};
use crate::shelf::{self, Context, ShelfHit, ShelfQuery};
use crate::store::DataDirs;
use crate::text;
use crate::transcript::LoadOptions;

/// What a search found, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Some,
    None,
}

/// One hit as `--search --json` prints it: a line of its own. Offsets are
/// in characters of `text`; `anchor` is 0-based, as bookmarks store it.
#[derive(Debug, Serialize)]
struct JsonHit<'a> {
    path: String,
    line: usize,
    section: usize,
    section_title: Option<&'a str>,
    turn: usize,
    speaker: Option<&'a str>,
    time: Option<u64>,
    clock: Option<&'a str>,
    text: &'a str,
    start: usize,
    end: usize,
    anchor: &'a crate::store::Anchor,
}

/// Run the search the flags ask for, printing to standard output.
pub fn run(args: &Args, query: &str, options: LoadOptions) -> Result<Found> {
    let q = ShelfQuery::parse(query).map_err(|e| FlagError(format!("--search: {e}")))?;
    let data = DataDirs::resolve(args.data_dir.as_deref()).ok();
    let ctx = Context::new(options, data);
    if !q.codes().is_empty() {
        q.check(&ctx.book)
            .map_err(|e| FlagError(format!("--search: {e}")))?;
    }
    let given = args.paths();
    let roots = match given.is_empty() {
        true => vec![PathBuf::from(".")],
        false => given.clone(),
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    match search(&roots, given.is_empty(), &q, &ctx, args.json, &mut out) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Found::Some),
        other => Ok(other?),
    }
}

/// Search the files under `roots` in path order, writing each file's hits
/// as soon as it is searched.
pub fn search(
    roots: &[PathBuf],
    implicit_root: bool,
    q: &ShelfQuery,
    ctx: &Context,
    json: bool,
    out: &mut impl Write,
) -> io::Result<Found> {
    let mut found = Found::None;
    for entry in shelf::walk(roots) {
        let shown = shown(&entry.path, implicit_root);
        if let Some(problem) = &entry.problem {
            super::warn(&format!("{shown}: {problem}"));
            continue;
        }
        let hits = match shelf::search_file(&entry.path, q, ctx) {
            Ok(hits) => hits,
            Err(reason) => {
                super::warn(&format!("{shown}: {reason}"));
                continue;
            }
        };
        for hit in &hits {
            match json {
                true => write_json_line(out, &json_hit(&shown, hit))?,
                false => writeln!(out, "{}", line(&shown, hit))?,
            }
            found = Found::Some;
        }
        if !hits.is_empty() {
            out.flush()?;
        }
    }
    out.flush()?;
    Ok(found)
}

/// The path as printed: as walked, without the `./` of the implicit `.`.
fn shown(path: &Path, implicit_root: bool) -> String {
    let path = match implicit_root {
        true => path.strip_prefix(".").unwrap_or(path),
        false => path,
    };
    path.display().to_string()
}

/// `path:line: §section speaker [time]: text`, sanitised whole; the
/// speaker and the time only when there is one.
pub fn line(path: &str, hit: &ShelfHit) -> String {
    let mut line = format!("{path}:{}: §{}", hit.line, hit.section);
    if let Some(speaker) = &hit.speaker {
        line.push(' ');
        line.push_str(speaker);
    }
    if let Some(clock) = &hit.clock {
        line.push_str(&format!(" [{clock}]"));
    }
    line.push_str(": ");
    line.push_str(&hit.text);
    text::sanitise(&line).into_owned()
}

fn json_hit<'a>(path: &str, hit: &'a ShelfHit) -> JsonHit<'a> {
    let chars = |byte: usize| hit.text[..byte].chars().count();
    JsonHit {
        path: path.to_string(),
        line: hit.line,
        section: hit.section,
        section_title: hit.section_title.as_deref(),
        turn: hit.turn,
        speaker: hit.speaker.as_deref(),
        time: hit.time,
        clock: hit.clock.as_deref(),
        text: &hit.text,
        start: chars(hit.range.start),
        end: chars(hit.range.end),
        anchor: &hit.anchor,
    }
}
