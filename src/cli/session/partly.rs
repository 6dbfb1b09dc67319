//! Opening the reader on an input still being read: a large file or a
//! slow pipe shows its first part at once, and its bookmark store opens
//! once the whole document is known (a store is found by the document's
//! content); standard input followed as it grows (`-f -`) has a store of
//! its own from the start, named by the session, since its content keeps
//! changing.

use anyhow::Result;

use super::{Data, identity_hashed, open_ledger, open_store, persist};
use crate::app::State;
use crate::app::action::Report;
use crate::app::keymap::Keymap;
use crate::app::shell::Persist;
use crate::app::status::Message;
use crate::cli::{Args, Input};
use crate::store::documents::{Documents, Identity};
use crate::store::identity::{DocKey, doc_hash};
use crate::transcript::live::Live;
use crate::transcript::{Document, LoadOptions, progressive};
use crate::tty::loader::Job;
use crate::tty::run::Exit;
use crate::tty::terminal;

pub(super) fn open(
    args: &Args,
    input: Input,
    mut job: Job,
    (keymap, clipboard): (Keymap, Option<Vec<String>>),
    mut data: Data,
) -> Result<Exit> {
    if job.options.extension.is_none() {
        let ext = std::path::Path::new(&input.name).extension();
        job.options.extension = ext.map(|e| e.to_string_lossy().into_owned());
    }
    let first = first_document(&input.bytes, &job.options, job.live);
    let (name, stream) = (input.name, job.live);
    job.bytes = input.bytes;
    let mut startup = data.startup(None, doc_hash(&first));
    startup.file = super::address_file(args);
    let mut found = None;
    let mut store = None;
    let mut ledger = None;
    // Problems met opening the store: in the reader, and on stderr after.
    let mut told = Vec::new();
    if stream {
        let derived = DocKey::for_stream(&name, &startup.session);
        let id = Identity::find_hashed(
            &Documents::default(),
            None,
            derived,
            &name,
            &first,
            String::new(),
        );
        store = open_store(&data.dirs, &id.key, false, &mut told);
        ledger = Some(open_ledger(&data.dirs, &id.key, &mut told));
        startup.warning = startup.warning.or(told.first().cloned());
        found = Some(id);
        startup.follow = Some(true);
    } else {
        startup.loading = true;
    }
    let mut state = State::start(first, name.clone(), keymap, startup);
    let mut persist = persist(store, data.codebook.take(), data.dirs.as_ref());
    if let Some((ledger, why)) = ledger {
        for report in persist.set_ledger(ledger, why) {
            crate::app::update::update(&mut state, report);
        }
    }
    let on_load = |doc: &Document, hash: &str, persist: &mut Persist| {
        if stream {
            return Vec::new();
        }
        let id = identity_hashed(args, data.dirs.as_ref(), &name, doc, hash.to_string());
        let mut out = Vec::new();
        persist.store = open_store(&data.dirs, &id.key, false, &mut told);
        if let Some(store) = &persist.store {
            out.push(Report::Bookmarks(store.list().to_vec()));
        }
        let (ledger, why) = open_ledger(&data.dirs, &id.key, &mut told);
        out.extend(persist.set_ledger(ledger, why));
        out.extend(data.resume(args, &id.key, doc).map(Report::Resume));
        if let Some(w) = told.first() {
            out.push(Report::Status(Some(Message::warning(format!(
                "warning: {w}"
            )))));
        }
        found = Some(id);
        out
    };
    let inputs = terminal::Inputs {
        follow: None,
        load: Some(job),
        on_load: Some(Box::new(on_load)),
    };
    let exit = terminal::run_reader(&mut state, &mut persist, clipboard.as_deref(), inputs)?;
    // Said in the reader, and on stderr, so they are there after it closes.
    for w in &told {
        super::super::warn(w);
    }
    data.finish(&state, persist, found, exit)
}

/// The document of what has come: a followed stream's settled text, the
/// whole lines of a first part that can be read alone, else nothing yet
/// (the status line says how the reading goes). Its warnings are a part's,
/// not the whole's: those are told once all is read.
fn first_document(bytes: &[u8], options: &LoadOptions, stream: bool) -> Document {
    let mut doc = if stream {
        let mut live = Live::new();
        live.push(bytes);
        live.document(options).unwrap_or_default()
    } else if progressive::previewable(bytes, options) {
        let lines = memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1);
        progressive::part(bytes, lines, options).unwrap_or_default()
    } else {
        Document::default()
    };
    doc.warnings.clear();
    doc
}
