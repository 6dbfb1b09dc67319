//! The user's data around one document: which document it is, its
//! bookmarks and its reading position, for the reader, `--bookmarks` and
//! `--codes`.

use anyhow::Result;

use super::Args;
use crate::app::keymap::Keymap;
use crate::app::marks::sentence_anchor;
use crate::app::shell::Persist;
use crate::app::{Startup, State};
use crate::store::anchor::Anchor;
use crate::store::bookmarks::{Bookmark, Store, new_session};
use crate::store::codes::CodebookFile;
use crate::store::documents::{Documents, Identity};
use crate::store::identity::DocKey;
use crate::store::identity::doc_hash;
use crate::store::paths::DataDirs;
use crate::store::positions::{Positions, ReadingPosition};
use crate::store::unix_now;
use crate::transcript::Document;
use crate::transcript::LoadOptions;
use crate::tty::loader::Job;
use crate::tty::run::Exit;
use crate::tty::{follow, terminal};

use super::start::Start;

mod at;
mod ledger;
mod partly;
pub use at::address_file;
use ledger::open_ledger;
pub use ledger::stored_ledger;
use std::sync::Arc;

/// Which store the document uses (see [`crate::store::documents`]): found
/// by content, then by path. The bundled sample is the sample however it
/// was opened, so it has one store whether named or not.
fn identity(args: &Args, dirs: Option<&DataDirs>, name: &str, doc: &Document) -> Identity {
    identity_hashed(args, dirs, name, doc, doc_hash(doc))
}

/// [`identity`] of a document whose hash is known.
fn identity_hashed(
    args: &Args,
    dirs: Option<&DataDirs>,
    name: &str,
    doc: &Document,
    hash: String,
) -> Identity {
    let index = dirs.map(Documents::read).unwrap_or_default();
    let (path, derived) = match args.file.as_deref() {
        Some(p) if p.as_os_str() != "-" && !is_sample(p) => (Some(p), DocKey::for_path(p)),
        Some(p) if p.as_os_str() != "-" => (Some(p), DocKey::for_hash(crate::SAMPLE_NAME, &hash)),
        _ => (None, DocKey::for_hash(name, &hash)),
    };
    Identity::find_hashed(&index, path, derived, name, doc, hash)
}

/// Add the document's place and content to the index once it has
/// bookmarks, so a copy, a move or an edit of it finds them.
fn remember(dirs: &DataDirs, id: &Identity, store: &Store) {
    if store.list().is_empty() || Documents::read(dirs).knows(&id.seen) {
        return;
    }
    if let Err(e) = Documents::record(dirs, &id.seen) {
        super::warn(&format!("the document index was not updated: {e}"));
    }
}

/// A file holding exactly the bundled sample's bytes.
fn is_sample(path: &std::path::Path) -> bool {
    let same_size = std::fs::metadata(path).is_ok_and(|m| m.len() == crate::SAMPLE.len() as u64);
    same_size && std::fs::read(path).is_ok_and(|b| b == crate::SAMPLE)
}

/// The bookmark store, or why there is none. Problems are warnings: the
/// reader works without saved bookmarks. `read_only` for the print modes,
/// which must write nothing.
fn open_store(
    dirs: &Option<DataDirs>,
    key: &DocKey,
    read_only: bool,
    warnings: &mut Vec<String>,
) -> Option<Store> {
    let dirs = dirs.as_ref()?;
    let opened = match read_only {
        true => Store::open_read_only(dirs, key),
        false => Store::open(dirs, key),
    };
    match opened {
        Ok((store, w)) => {
            warnings.extend(w.iter().map(ToString::to_string));
            Some(store)
        }
        Err(e) => {
            warnings.push(format!("bookmarks unavailable: {e}"));
            None
        }
    }
}

fn data_dirs(args: &Args, warnings: &mut Vec<String>) -> Option<DataDirs> {
    DataDirs::resolve(args.data_dir.as_deref())
        .map_err(|e| warnings.push(format!("bookmarks and positions unavailable: {e}")))
        .ok()
}

/// The document's saved bookmarks, for `--bookmarks` and `--codes` (none,
/// with a warning, without a data directory). The store is opened
/// read-only: printing writes nothing.
pub fn stored_bookmarks(args: &Args, doc: &Document, name: &str) -> Vec<Bookmark> {
    let mut warnings = Vec::new();
    let dirs = data_dirs(args, &mut warnings);
    let key = identity(args, dirs.as_ref(), name, doc).key;
    let store = open_store(&dirs, &key, true, &mut warnings);
    for w in &warnings {
        super::warn(w);
    }
    store.map_or_else(Vec::new, |s| s.list().to_vec())
}

/// Open the reader on the document, with its bookmarks, where the user left
/// it; save where they leave it. `clipboard` is the config file's copy command, if it sets one.
fn open_positions(dirs: Option<&DataDirs>, warnings: &mut Vec<String>) -> Option<Positions> {
    match Positions::open(dirs?) {
        Ok((p, w)) => {
            warnings.extend(w.iter().map(ToString::to_string));
            Some(p)
        }
        Err(e) => {
            warnings.push(format!("reading positions unavailable: {e}"));
            None
        }
    }
}

/// One codebook for every document, beside the bookmarks; opened at the
/// first code made when there is none yet, so reading writes nothing.
fn open_codebook(at: Option<&std::path::Path>, warnings: &mut Vec<String>) -> Option<CodebookFile> {
    let at = at.filter(|p| p.exists())?;
    let (file, w) = CodebookFile::open_file(at.to_path_buf());
    warnings.extend(w.iter().map(ToString::to_string));
    Some(file)
}

/// Where the reader was left, for the next time the document opens.
fn save_position(state: &State, positions: Option<&mut Positions>, key: &DocKey) {
    let here = sentence_anchor(state.doc(), state.flow(), state.cursor())
        .and_then(|a| ReadingPosition::at(state.doc(), a));
    if let (Some(positions), Some(here)) = (positions, here)
        && let Err(e) = positions.set(key, here)
    {
        super::warn(&format!("reading position not saved: {e}"));
    }
}

/// The file the reader can follow (`-f`, `F`): the one named on the
/// command line. UTF-8 (what recognisers write) is read as it grows; any
/// other encoding is read and parsed again whole, as on the way in.
fn follow_source(
    args: &Args,
    options: &LoadOptions,
    doc: &Document,
    hash: &str,
) -> Option<follow::Source> {
    let path = args.file.clone().filter(|p| p.as_os_str() != "-")?;
    let mut options = options.clone();
    if options.extension.is_none() {
        options.extension = path.extension().map(|e| e.to_string_lossy().into_owned());
    }
    let reading = if doc.encoding == "UTF-8" {
        follow::Reading::Live(options)
    } else {
        let (at, encoding) = (path.clone(), args.encoding.clone());
        follow::Reading::Whole(Arc::new(move || {
            let read = super::read_file(&at, encoding.as_deref())
                .and_then(|input| super::load(input, options.clone()));
            let (_, doc) = read.map_err(|e| format!("{e:#}"))?;
            let hash = doc_hash(&doc);
            Ok((doc, hash))
        }))
    };
    Some(follow::Source {
        path,
        reading,
        hash: hash.to_string(),
        limit: super::MAX_INPUT_BYTES,
    })
}

/// Where the session's bookmark and code changes go.
fn persist(
    store: Option<Store>,
    codebook: Option<CodebookFile>,
    dirs: Option<&DataDirs>,
) -> Persist {
    let mut persist = Persist::new(store).with_codebook(codebook);
    if let Some(dirs) = dirs {
        persist = persist
            .with_codebook_at(CodebookFile::path_in(dirs))
            .with_recovery_dir(dirs.state.join("recovery"));
    }
    persist
}

/// What the reader's user data needs before any document: the data
/// directory, the reading positions, the codebook, and the problems met.
struct Data {
    dirs: Option<DataDirs>,
    positions: Option<Positions>,
    codebook: Option<CodebookFile>,
    warnings: Vec<String>,
    linked: Linked,
}

/// A reader opened from the library: where (a search hit's place, over the
/// saved position), and the link back ([`crate::app::library::Link`]).
#[derive(Debug, Clone, Default)]
pub struct Linked {
    pub at: Option<Anchor>,
    pub link: Option<crate::app::library::Link>,
}

impl Data {
    fn open(args: &Args, linked: Linked) -> Data {
        let mut warnings = Vec::new();
        let dirs = data_dirs(args, &mut warnings);
        let positions = open_positions(dirs.as_ref(), &mut warnings);
        let codebook_at = dirs.as_ref().map(CodebookFile::path_in);
        let codebook = open_codebook(codebook_at.as_deref(), &mut warnings);
        Data {
            dirs,
            positions,
            codebook,
            warnings,
            linked,
        }
    }

    /// Where the document was left last time, unless `--no-resume`.
    fn resume(&self, args: &Args, key: &DocKey, doc: &Document) -> Option<Anchor> {
        if let Some(at) = self.linked.at {
            return Some(at);
        }
        match args.no_resume {
            true => None,
            false => (self.positions.as_ref())
                .and_then(|p| p.get(key))
                .and_then(|p| p.resolve(doc)),
        }
    }

    /// The reader's start: `warnings` said on stderr too, so they are
    /// still there after the reader closes.
    fn startup(&mut self, store: Option<&Store>, hash: String) -> Startup {
        for w in &self.warnings {
            super::warn(w);
        }
        Startup {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            bookmarks: store.map_or_else(Vec::new, |s| s.list().to_vec()),
            codebook: (self.codebook.as_ref())
                .map(|f| f.book().clone())
                .unwrap_or_default(),
            resume: None,
            warning: self.warnings.drain(..).next(),
            doc_hash: hash,
            session: new_session(),
            now: unix_now(),
            follow: None,
            loading: false,
            file: None,
            link: self.linked.link.clone(),
        }
    }

    /// Once the reader has closed: record where the document is, save
    /// where it was left, and settle what is unsaved. `id` is `None` when
    /// the reader closed before the input was all read.
    fn finish(
        mut self,
        state: &State,
        mut persist: Persist,
        id: Option<Identity>,
        exit: Exit,
    ) -> Result<Exit> {
        if let Some(mut id) = id {
            // As it is now: a followed file may have grown.
            id.seen.hash = state.opened().hash().to_string();
            if let (Some(dirs), Some(store)) = (&self.dirs, &persist.store) {
                remember(dirs, &id, store);
            }
            save_position(state, self.positions.as_mut(), &id.key);
        }
        // What could not be saved, and where it went instead; then a
        // non-zero exit, so a script sees that the store is missing something.
        for line in persist.close() {
            super::warn(&line);
        }
        let left = persist.unsaved();
        if !left.is_empty() && !matches!(exit, Exit::Signal(_)) {
            anyhow::bail!(
                "{} {} not saved in the store (see above)",
                left.describe(),
                left.verb()
            );
        }
        Ok(exit)
    }
}

/// Open the reader on the input the arguments name: at once on what has
/// come of a large file or a slow pipe, the rest read in the background.
pub fn open(
    args: &Args,
    options: &LoadOptions,
    keymap: Keymap,
    clipboard: Option<Vec<String>>,
) -> Result<Exit> {
    open_linked(args, options, (keymap, clipboard), Linked::default())
}

/// [`open`], from the library: at `linked.at`, knowing the way back.
pub fn open_linked(
    args: &Args,
    options: &LoadOptions,
    (keymap, clipboard): (Keymap, Option<Vec<String>>),
    linked: Linked,
) -> Result<Exit> {
    use std::io::IsTerminal;
    let stdin_is_terminal = std::io::stdin().is_terminal();
    let stream = args.follow && args.file.as_ref().is_none_or(|p| p.as_os_str() == "-");
    if let Some(asked) = &args.place {
        return at::open_placed(args, asked, stream, options, (keymap, clipboard));
    }
    match super::start::start_input(args, stdin_is_terminal, stream)? {
        Start::Whole(input) => {
            let (name, doc) = super::load(input, options.clone())?;
            let data = Data::open(args, linked);
            open_reader(args, (doc, name), options, (keymap, clipboard), data)
        }
        Start::Partly {
            input,
            chunks,
            total,
        } => {
            let job = Job {
                chunks,
                bytes: Vec::new(),
                total,
                options: options.clone(),
                label: input.label.clone(),
                live: stream,
                limit: super::MAX_INPUT_BYTES,
            };
            partly::open(
                args,
                input,
                job,
                (keymap, clipboard),
                Data::open(args, linked),
            )
        }
    }
}

/// Open the reader on a document read whole, at `at` or else where it
/// was left.
fn open_reader(
    args: &Args,
    (doc, name): (Document, String),
    options: &LoadOptions,
    (keymap, clipboard): (Keymap, Option<Vec<String>>),
    mut data: Data,
) -> Result<Exit> {
    let id = identity(args, data.dirs.as_ref(), &name, &doc);
    let follow = follow_source(args, options, &doc, &id.seen.hash);
    let store = open_store(&data.dirs, &id.key, false, &mut data.warnings);
    let (ledger, why) = open_ledger(&data.dirs, &id.key, &mut data.warnings);
    let mut startup = data.startup(store.as_ref(), id.seen.hash.clone());
    startup.resume = data.resume(args, &id.key, &doc);
    startup.file = address_file(args);
    startup.follow = follow.as_ref().map(|_| args.follow);
    let mut state = State::start(doc, name, keymap, startup);
    let mut persist = persist(store, data.codebook.take(), data.dirs.as_ref());
    for report in persist.set_ledger(ledger, why) {
        crate::app::update::update(&mut state, report);
    }
    let inputs = terminal::Inputs {
        follow,
        ..terminal::Inputs::default()
    };
    let exit = terminal::run_reader(&mut state, &mut persist, clipboard.as_deref(), inputs)?;
    data.finish(&state, persist, Some(id), exit)
}
