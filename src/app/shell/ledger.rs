//! The claims ledger's side of the shell: each edit applied and saved at
//! once (`Ledger::apply`), what could not be saved retried while idle,
//! another instance's save read back, and at quit what is still unsaved
//! written to a recovery file beside the ledger (joined at the next
//! opening). Without a ledger (no data directory, or it could not be
//! opened) edits live in the reader only, and each is counted unsaved so
//! the user is told at quit.

use super::Persist;
use crate::app::action::Report;
use crate::app::status::Message;
use crate::store::StoreError;
use crate::store::ledger::{Edit, Entries, Ledger};

/// The ledger of the document, or why there is none.
#[derive(Default)]
pub struct Claims {
    ledger: Option<Ledger>,
    /// Why there is no ledger: said with the first edit.
    why: Option<String>,
    /// Edits made without a ledger: kept in the reader only.
    lost: usize,
    /// The lost edits were told (at the first close).
    told: bool,
}

impl Claims {
    pub fn new(ledger: Option<Ledger>, why: Option<String>) -> Claims {
        Claims {
            ledger,
            why,
            lost: 0,
            told: false,
        }
    }

    /// The entries as opened, for the reader.
    pub fn entries(&self) -> Option<Entries> {
        self.ledger.as_ref().map(|l| l.entries().clone())
    }

    pub fn pending(&self) -> usize {
        self.lost + self.ledger.as_ref().map_or(0, Ledger::pending_count)
    }
}

impl Persist {
    /// The document's ledger (opened once the whole document is known,
    /// for an input read in the background); what the reader is to know.
    pub fn set_ledger(&mut self, ledger: Option<Ledger>, why: Option<String>) -> Vec<Report> {
        self.claims = Claims::new(ledger, why);
        self.claims
            .entries()
            .map(Report::Ledger)
            .into_iter()
            .collect()
    }

    /// Apply and save a ledger edit; a line for the status bar when it was
    /// not saved or something needs the user's attention.
    pub(super) fn ledger_edit(&mut self, edit: Edit) -> Option<Message> {
        let claims = &mut self.claims;
        let Some(ledger) = claims.ledger.as_mut() else {
            claims.lost += 1;
            let why = claims.why.as_deref().unwrap_or("no data directory");
            return Some(Message::warning(format!(
                "claims ledger unavailable ({why}): kept for this session only"
            )));
        };
        let earlier = ledger.pending_count();
        let saved = ledger.apply(edit);
        let warning = ledger.take_warnings().into_iter().next();
        match saved {
            Err(e) => Some(Message::warning(not_saved(&e))),
            Ok(_) => warning
                .map(|w| Message::warning(w.to_string()))
                .or_else(|| {
                    (earlier > 0).then(|| {
                        Message::info(format!("ledger saved, with {earlier} earlier unsaved"))
                    })
                }),
        }
    }

    /// While idle: save what waits, and read another instance's save.
    pub(super) fn ledger_idle(&mut self) -> Vec<Report> {
        let Some(ledger) = self.claims.ledger.as_mut() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if ledger.has_unsaved() && ledger.read_only().is_none() {
            let n = ledger.pending_count();
            if ledger.retry().is_ok() {
                let line = format!("saved {n} claims ledger change(s) that were waiting");
                out.push(Report::Status(Some(Message::info(line))));
            }
        }
        if let Ok(true) = ledger.refresh() {
            out.insert(0, Report::Ledger(ledger.entries().clone()));
        }
        out
    }

    /// Save now, for the prompt at quit: a line if something was waiting.
    pub(super) fn ledger_retry_now(&mut self) -> Option<Message> {
        let ledger = self.claims.ledger.as_mut()?;
        if !ledger.has_unsaved() {
            return None;
        }
        Some(match ledger.retry() {
            Ok(()) => Message::info("claims ledger saved"),
            Err(e) => Message::warning(format!("claims ledger still not saved: {e}")),
        })
    }

    /// At quit (or when the user asks to write what is unsaved): what is
    /// still unsaved goes to a recovery file; lines saying so.
    pub(super) fn close_ledger(&mut self) -> Vec<String> {
        let claims = &mut self.claims;
        let mut lines = Vec::new();
        if claims.lost > 0 && !claims.told {
            lines.push(format!(
                "{} claims ledger change(s) not saved: the ledger was unavailable ({})",
                claims.lost,
                claims.why.as_deref().unwrap_or("no data directory")
            ));
            claims.told = true;
        }
        if let Some(ledger) = claims.ledger.as_mut() {
            let n = ledger.pending_count();
            match ledger.close() {
                Ok(Some(path)) => lines.push(format!(
                    "{n} claims ledger change(s) not saved; kept in {} (joined when the document is next opened)",
                    path.display()
                )),
                Ok(None) => {}
                Err(e) => lines.push(format!("{n} claims ledger change(s) lost: {e}")),
            }
        }
        lines
    }
}

fn not_saved(e: &StoreError) -> String {
    match e {
        StoreError::ReadOnly { .. } => {
            format!("ledger kept for this session, not saved (a recovery file at quit): {e}")
        }
        _ => format!("ledger change kept, not saved yet; will retry: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::action::Effect;
    use crate::store::ledger::{Entry, Status};
    use crate::transcript::{LoadOptions, load};

    fn edit() -> Edit {
        let doc = load(b"ANNA: Sales grew 40% last year.", &LoadOptions::default()).unwrap();
        let mut e = Entry::for_claim(&doc, &doc.claims[0], "hash", 1).unwrap();
        e.status.value = Status::Checked;
        Edit::Add(Box::new(e))
    }

    #[test]
    fn an_edit_is_saved_at_once_and_read_by_the_next_opening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.json");
        let (ledger, _) = Ledger::open_file(path.clone(), "talk").unwrap();
        let mut p = Persist::new(None);
        assert_eq!(
            p.set_ledger(Some(ledger), None).len(),
            1,
            "the entries, to the reader"
        );
        let said = p.perform(Effect::Ledger(edit()));
        assert!(said.is_empty(), "{said:?}");
        assert_eq!(p.unsaved().claims, 0);
        let (again, _) = Ledger::open_file(path, "talk").unwrap();
        assert_eq!(again.list()[0].status(), Status::Checked);
    }

    #[test]
    fn without_a_ledger_edits_are_kept_counted_and_told_at_quit() {
        let mut p = Persist::new(None);
        p.set_ledger(None, Some("no data directory".into()));
        let said = p.perform(Effect::Ledger(edit()));
        let [Report::Status(Some(m))] = said.as_slice() else {
            panic!("{said:?}");
        };
        assert!(m.text.contains("kept for this session only"), "{m:?}");
        assert_eq!(p.unsaved().claims, 1);
        assert_eq!(p.unsaved().describe(), "1 claims ledger change");
        let lines = p.close();
        assert!(lines.iter().any(|l| l.contains("not saved")), "{lines:?}");
        assert!(p.close().is_empty(), "told once");
    }
}
