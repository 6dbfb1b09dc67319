//! The claims ledger as the claims pane knows it: every entry (as the
//! shell last reported them, this session's edits applied), each detected
//! claim's entry and status, the entries that match no detected claim
//! (added by hand, or no longer detected) as rows of their own, the
//! progress, and the status filter. The shell saves; this only shows.

use super::super::flow::Flow;
use super::super::marks::anchor_sentence;
use crate::store::ledger::{Edit, Entries, Entry, Found, Progress, Status, rows};
use crate::transcript::Document;

/// An entry the detector does not find now: a row of its own in the list.
#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    pub id: String,
    pub status: Status,
    /// Its words as the document has them now, else as saved.
    pub text: String,
    pub speaker: Option<String>,
    /// `§2`-style label of the section it is in.
    pub section: String,
    /// The sentence it starts in; `None` when it is found nowhere now.
    pub sentence: Option<usize>,
    pub found: Found,
}

/// What the pane lists a status by: all claims (those marked not a claim
/// hidden), or only the claims of one status (not a claim shows the
/// hidden ones).
#[derive(Debug, Default)]
pub struct Book {
    entries: Entries,
    /// Per detected claim (index into `doc.claims`): its entry's id, if
    /// the user touched it, and its status.
    of_claim: Vec<(Option<String>, Status)>,
    extra: Vec<Extra>,
    progress: Progress,
    only: Option<Status>,
    /// The clock of the current input, Unix milliseconds: what entries
    /// made here are dated with (the shell stamps the saved edit itself).
    now: u64,
}

impl Book {
    /// Place the entries in the document as it is now. Cheap without any
    /// entry; with some, one join over the claims (`store::ledger::rows`).
    pub fn renew(&mut self, doc: &Document, flow: &Flow) {
        self.of_claim = vec![(None, Status::Unchecked); doc.claims.len()];
        self.extra.clear();
        if !self.entries.is_empty() {
            for row in rows(doc, &self.entries) {
                let status = row.status();
                let id = row.entry.map(|e| e.id.clone());
                match (row.claim, id) {
                    (Some(c), id) => {
                        if let Some(slot) = self.of_claim.get_mut(c) {
                            *slot = (id, status);
                        }
                    }
                    (None, Some(id)) => {
                        let sentence =
                            (row.citation.span).and_then(|s| anchor_sentence(doc, flow, &s.start));
                        self.extra.push(Extra {
                            id,
                            status,
                            text: row.text().to_string(),
                            speaker: row.citation.speaker.clone(),
                            section: row.citation.section.label.clone(),
                            sentence,
                            found: row.found,
                        });
                    }
                    (None, None) => {}
                }
            }
        }
        self.count();
    }

    /// The ledger as the shell now has it (another instance saved, or it
    /// was opened).
    pub fn set_entries(&mut self, entries: Entries, doc: &Document, flow: &Flow) {
        self.entries = entries;
        self.renew(doc, flow);
    }

    /// Apply an edit made here, before the shell saves it: the list shows
    /// it at once. A new entry for a detected claim `claim` (or an edit of
    /// an entry shown) is placed where it is; one added by hand is placed
    /// by a join.
    pub fn apply(&mut self, edit: &Edit, claim: Option<usize>, doc: &Document, flow: &Flow) {
        self.entries.apply(edit, self.now);
        let id = edit.id().to_string();
        let status = self
            .entries
            .get(&id)
            .map_or(Status::Unchecked, Entry::status);
        if let Some(c) = claim.filter(|&c| c < self.of_claim.len()) {
            self.of_claim[c] = (Some(id), status);
        } else if let Some(e) = self.extra.iter_mut().find(|e| e.id == id) {
            e.status = status;
        } else if let Some(slot) = self.of_claim.iter_mut().find(|s| s.0.as_ref() == Some(&id)) {
            slot.1 = status;
        } else {
            self.renew(doc, flow);
            return;
        }
        self.count();
    }

    fn count(&mut self) {
        let mut p = Progress::default();
        let statuses = self.of_claim.iter().map(|s| s.1);
        for s in statuses.chain(self.extra.iter().map(|e| e.status)) {
            let i = Status::ALL.iter().position(|x| *x == s).unwrap_or(0);
            p.by_status[i] += 1;
        }
        self.progress = p;
    }

    pub fn set_now(&mut self, now_ms: u64) {
        self.now = now_ms;
    }

    pub fn now(&self) -> u64 {
        self.now
    }

    pub fn entries(&self) -> &Entries {
        &self.entries
    }

    /// The entry with this id, if it is in force.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.get(id).filter(|e| !e.is_removed())
    }

    /// The entry id and status of detected claim `c`.
    pub fn of_claim(&self, c: usize) -> (Option<&str>, Status) {
        self.of_claim
            .get(c)
            .map_or((None, Status::Unchecked), |(id, s)| (id.as_deref(), *s))
    }

    pub fn extra(&self) -> &[Extra] {
        &self.extra
    }

    pub fn progress(&self) -> Progress {
        self.progress
    }

    /// The status shown only, if the list is filtered by one.
    pub fn only(&self) -> Option<Status> {
        self.only
    }

    /// The next status filter: all, then each status in turn (not a claim
    /// last: it shows the claims hidden), then all again.
    pub fn cycle(&mut self) -> String {
        let all = Status::ALL;
        self.only = match self.only {
            None => Some(all[0]),
            Some(s) => all
                .iter()
                .position(|x| *x == s)
                .and_then(|i| all.get(i + 1).copied()),
        };
        match self.only {
            None => "claims: every status (not-a-claim hidden)".to_string(),
            Some(s) => format!("claims: only {}", s.label()),
        }
    }

    /// Whether a claim of status `s` is listed under the filter.
    pub fn shows(&self, s: Status) -> bool {
        match self.only {
            None => s != Status::NotAClaim,
            Some(only) => s == only,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_cycles_through_every_status_and_back() {
        let mut b = Book::default();
        let mut seen = Vec::new();
        for _ in 0..Status::ALL.len() {
            b.cycle();
            seen.push(b.only().unwrap());
        }
        assert_eq!(seen, Status::ALL.to_vec());
        b.cycle();
        assert_eq!(b.only(), None);
        assert!(!b.shows(Status::NotAClaim), "hidden unless asked for");
        assert!(b.shows(Status::Disputed));
    }
}
