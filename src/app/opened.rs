//! The opened document: the model, its flow (blocks, turns, sentences),
//! the name shown for it, its hash (computed by the shell, which read the
//! bytes) and what is derived from it on demand. Every part of the state
//! reads it; it changes only as a whole, when the file grows or finishes
//! loading ([`super::live`]).

use std::cell::OnceCell;

use super::flow::Flow;
use super::live::Live;
use crate::transcript::Document;
use crate::transcript::stats::{Analytics, SpeakerShare};

pub struct Opened {
    doc: Document,
    flow: Flow,
    name: String,
    /// How addresses name the document, when not by `name`.
    file: Option<String>,
    hash: String,
    /// Who talked how much (the analytics overlay), counted when first
    /// asked for, once per document.
    analytics: OnceCell<Analytics>,
    /// Each speaker's share of the words, from [`Opened::analytics`].
    shares: OnceCell<Vec<SpeakerShare>>,
    /// Whether the file is followed as it grows, and what arrived unseen.
    live: Live,
}

impl Opened {
    pub fn new(doc: Document, name: String, hash: String) -> Opened {
        let flow = Flow::new(&doc);
        Opened {
            doc,
            flow,
            name,
            file: None,
            hash,
            analytics: OnceCell::new(),
            shares: OnceCell::new(),
            live: Live::default(),
        }
    }

    /// Take `doc` in place of the document, under the same name.
    pub fn replace(&mut self, doc: Document, hash: String) {
        let (name, live) = (
            std::mem::take(&mut self.name),
            std::mem::take(&mut self.live),
        );
        let file = self.file.take();
        *self = Opened::new(doc, name, hash);
        (self.live, self.file) = (live, file);
    }

    pub(super) fn set_file(&mut self, file: Option<String>) {
        self.file = file;
    }

    /// How an address names the document: the path it was opened by,
    /// else its name.
    pub fn address_file(&self) -> &str {
        self.file.as_deref().unwrap_or(&self.name)
    }

    pub(super) fn start_live(&mut self, follow: Option<bool>, loading: bool) {
        self.live = Live::new(follow, loading);
    }

    pub fn live(&self) -> &Live {
        &self.live
    }

    pub(super) fn live_mut(&mut self) -> &mut Live {
        &mut self.live
    }

    pub fn doc(&self) -> &Document {
        &self.doc
    }

    pub fn flow(&self) -> &Flow {
        &self.flow
    }

    /// The file name shown in the status line.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// [`crate::store::doc_hash`] of the document.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The widest speaker name, in columns (compact mode's name column).
    pub fn widest_name(&self) -> usize {
        let width = |n: &String| crate::text::wrap::width(n);
        self.flow.speakers.iter().map(width).max().unwrap_or(0)
    }

    pub fn shares(&self) -> &[SpeakerShare] {
        self.shares.get_or_init(|| self.analytics().shares())
    }

    /// Who talked how much, computed the first time it is asked for.
    pub fn analytics(&self) -> &Analytics {
        self.analytics.get_or_init(|| Analytics::of(&self.doc))
    }

    /// The speaker of the turn holding sentence `s`, if it is not narration.
    pub fn speaker_of(&self, s: usize) -> Option<&str> {
        let t = self.flow.turns.get(self.flow.turn_of(s))?;
        self.doc.sections[t.section as usize].turns[t.index as usize]
            .speaker
            .as_deref()
    }

    /// The first sentence of the turn holding sentence `s`.
    pub fn turn_start(&self, s: usize) -> usize {
        let t = self.flow.turn_of(s);
        self.flow
            .turns
            .get(t)
            .map_or(0, |t| t.first_sentence as usize)
    }

    /// The last sentence of the document (0 when it has none).
    pub fn last_sentence(&self) -> usize {
        self.flow.sentences.len().saturating_sub(1)
    }
}
