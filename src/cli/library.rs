//! `tread DIR` (or several files): the library at the edge. The files are
//! walked and each shown at once from its head; a worker thread reads the
//! rest in full (its progress in the status line) and counts bookmarks
//! and codes; searches run in a thread each, a new one stopping the last;
//! `Enter` opens the reader through the session exactly as `tread FILE`
//! does, on the same alternate screen, and it comes back here.

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};

use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::Args;
use super::session::{self, Linked};
use crate::app::keymap::Keymap;
use crate::app::library::{Library, Opening, Row, Shelved, keep_hits};
use crate::app::status::Message;
use crate::shelf::{self, Cache, Found, Summary};
use crate::store::documents::Documents;
use crate::store::paths::DataDirs;
use crate::transcript::LoadOptions;
use crate::tty::library::{LibShell, TerminalLibEvents, run};
use crate::tty::run::Exit;
use crate::tty::terminal::Screen;

/// Whether the arguments name a shelf: a folder, or more than one file.
pub fn is_shelf(args: &Args) -> bool {
    let paths = args.paths();
    paths.len() > 1 || paths.first().is_some_and(|p| p.is_dir())
}

/// Why a shelf cannot open here (standard output is not a terminal).
pub fn needs_a_terminal(args: &Args) -> String {
    let what = match args.paths().as_slice() {
        [dir] => format!("{} is a directory: a folder", dir.display()),
        _ => "several files".to_string(),
    };
    let what = super::printable(&what);
    format!("{what} opens the library, which needs a terminal (--search QUERY prints hits)")
}

/// A file's path as the library shows it: under a folder given, relative
/// to it; a file given, as it was given.
fn shown(path: &Path, roots: &[PathBuf]) -> String {
    let under = roots
        .iter()
        .filter(|r| r.is_dir())
        .find_map(|r| path.strip_prefix(r).ok());
    under.unwrap_or(path).display().to_string()
}

/// What the cache knows of a file from its stamp alone, else what its
/// first bytes tell, cheaply; a walk's problem as it is.
fn first_summary(found: &Found, cache: &Cache, options: &LoadOptions) -> Summary {
    let path = &found.path;
    if let Some(why) = &found.problem {
        return Summary::failed(path, None, why.clone());
    }
    let read = std::fs::File::open(path).and_then(|f| {
        let meta = f.metadata()?;
        if !meta.is_file() {
            return Ok(Err(None));
        }
        if let Some(known) = cache.lookup(path, &meta, options) {
            return Ok(Err(Some(known)));
        }
        let mut head = Vec::new();
        f.take(shelf::HEAD_BYTES as u64).read_to_end(&mut head)?;
        Ok(Ok((meta, head)))
    });
    match read {
        Ok(Err(Some(known))) => known,
        Ok(Err(None)) => Summary::failed(path, None, "not a regular file".into()),
        Ok(Ok((meta, head))) => Summary::of_head_with(path, &head, &meta, options),
        Err(e) => Summary::failed(path, None, e.to_string()),
    }
}

/// The rows at start, from the cache or each file's head.
fn first_rows(
    found: &[Found],
    roots: &[PathBuf],
    cache: &Cache,
    options: &LoadOptions,
) -> Vec<Row> {
    (found.iter())
        .map(|f| Row {
            path: f.path.clone(),
            shown: shown(&f.path, roots),
            summary: first_summary(f, cache, options),
            counts: None,
        })
        .collect()
}

/// In the background: each file's whole summary through the cache (sent
/// when it tells more than the first did), its counts of bookmarks and
/// codes, the progress; then the cache saved for the next time.
fn fill_in(rows: Vec<Row>, found: Vec<Found>, cache: Arc<Cache>, background: Background) {
    let (options, dirs, to) = background;
    let index = dirs.as_ref().map(Documents::read).unwrap_or_default();
    let total = found.len();
    let scanned = shelf::scan_with(&found, Some(&cache), &options);
    for (done, (row, (_, summary))) in rows.into_iter().zip(scanned).enumerate() {
        let counts = (dirs.as_ref())
            .filter(|_| summary.problem.is_none())
            .map(|d| shelf::counts(d, &index, &row.path, summary.doc_hash.as_deref()));
        let path = row.path.clone();
        let mut sent = true;
        if summary != row.summary {
            sent &= to
                .send(Shelved::Row(Box::new(Row { summary, ..row })))
                .is_ok();
        }
        if let Some(counts) = counts {
            sent &= to.send(Shelved::Counts(path, counts)).is_ok();
        }
        if !sent || to.send(Shelved::Progress(done + 1, total)).is_err() {
            return;
        }
    }
    if let Err(e) = cache.save() {
        let text = format!("the summary cache was not saved: {e}");
        let _ = to.send(Shelved::Status(Message::warning(text)));
    }
}

/// What the background reading needs: the load options, the data
/// directory (for the counts), and where to send what it finds.
type Background = (LoadOptions, Option<DataDirs>, Sender<Shelved>);

/// The real side of the library: the reader, the searches, the terminal.
struct Shell {
    args: Args,
    options: LoadOptions,
    keymap: Keymap,
    clipboard: Option<Vec<String>>,
    to: Sender<Shelved>,
    /// Set to stop the search running.
    stop: Arc<AtomicBool>,
    screen: Screen,
}

impl LibShell for Shell {
    fn open(&mut self, opening: &Opening) -> io::Result<Exit> {
        self.stop_search_keep();
        let mut args = self.args.clone();
        args.file = Some(opening.path.clone());
        args.more.clear();
        let linked = Linked {
            at: opening.at,
            link: Some(opening.link.clone()),
        };
        let with = (self.keymap.clone(), self.clipboard.clone());
        match session::open_linked(&args, &self.options, with, linked) {
            Ok(exit) => Ok(exit),
            Err(e) => {
                let mut text = format!("{}: {e:#}", opening.path.display());
                if super::reports_held() > 0 {
                    text.push_str("; the lines it means are printed when tread quits");
                }
                let _ = self.to.send(Shelved::Status(Message::warning(text)));
                Ok(Exit::Leave(crate::app::action::Leave::Library))
            }
        }
    }

    fn search(&mut self, id: u64, query: &str, paths: Vec<PathBuf>) {
        self.stop_search();
        let stop = Arc::new(AtomicBool::new(false));
        self.stop = Arc::clone(&stop);
        let (to, query, options) = (self.to.clone(), query.to_string(), self.options.clone());
        let data_dir = self.args.data_dir.clone();
        std::thread::spawn(move || search(id, &query, paths, (options, data_dir), &stop, &to));
    }

    fn stop_search(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    fn suspend(&mut self) -> io::Result<()> {
        self.screen.suspend()
    }
}

impl Shell {
    /// A search keeps its results while the reader is open: it is not
    /// stopped, so the next file's hits are there when `n` asks.
    fn stop_search_keep(&mut self) {}
}

/// Search the paths for `query` (as search `id`) on several threads,
/// sending each file's hits in path order, until done or stopped.
fn search(
    id: u64,
    query: &str,
    paths: Vec<PathBuf>,
    (options, data_dir): (LoadOptions, Option<PathBuf>),
    stop: &AtomicBool,
    to: &Sender<Shelved>,
) {
    let Ok(query) = shelf::ShelfQuery::parse(query) else {
        return;
    };
    let data = DataDirs::resolve(data_dir.as_deref()).ok();
    let ctx = Arc::new(shelf::Context::new(options, data));
    let threads = shelf::parallel::threads();
    // Dropped when stopped: its threads end after the file each is on.
    let searched = shelf::search_paths(paths, Arc::new(query), ctx, threads);
    let mut kept = 0;
    for (path, hits) in searched {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let (hits, keep) = (hits.unwrap_or_default(), keep_hits(kept));
        kept += hits.len().min(keep);
        if to.send(Shelved::cut(id, path, hits, keep)).is_err() {
            return;
        }
    }
    let _ = to.send(Shelved::Searched(id));
}

/// Open the library on the files and folders the arguments name, and run
/// it until the user quits (in the library or a reader opened from it).
pub fn open(
    args: &Args,
    options: &LoadOptions,
    keymap: Keymap,
    clipboard: Option<Vec<String>>,
) -> Result<Exit> {
    let roots = args.paths();
    let found = shelf::walk(&roots);
    let cache = Arc::new(Cache::open_default());
    let rows = first_rows(&found, &roots, &cache, options);
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut lib = Library::new(rows.clone(), keymap.clone(), color);
    let (to, found_rx) = mpsc::channel();
    let dirs = DataDirs::resolve(args.data_dir.as_deref()).ok();
    let background = (options.clone(), dirs, to.clone());
    std::thread::spawn(move || fill_in(rows, found, cache, background));
    let mut events = TerminalLibEvents::new(found_rx)?;
    // Declared before the screen, so dropped after it is given back.
    let _held = super::hold_reports();
    let screen = Screen::hold()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let mut shell = Shell {
        args: args.clone(),
        options: options.clone(),
        keymap,
        clipboard,
        to,
        stop: Arc::new(AtomicBool::new(false)),
        screen,
    };
    Ok(run(&mut terminal, &mut lib, &mut events, &mut shell)?)
}
