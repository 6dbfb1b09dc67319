//! The codebook's side of [`Persist`]: saving code changes as they happen
//! (a change that cannot be saved is kept and retried, and told at quit,
//! never dropped without a word), answering with the book as saved, and
//! recoding quotes when another instance had made the same code first.

use std::path::Path;

use super::Persist;
use crate::app::action::{Effect, Report};
use crate::app::status::Message;
use crate::store::codes::{CodeChange, CodebookFile, Saved};
use crate::store::{StoreError, unix_now};

impl Persist {
    /// Save codebook changes: the book as saved, and a word when the save
    /// failed or found the code made elsewhere.
    pub(super) fn change_codes(&mut self, changes: Vec<CodeChange>) -> Vec<Report> {
        let changes: Vec<CodeChange> = changes.into_iter().map(|c| self.recode(c)).collect();
        let mut out = Vec::new();
        if let (None, Some(path)) = (&self.codebook, &self.codebook_at) {
            let (file, warnings) = CodebookFile::open_file(path.clone());
            out.extend(warnings.iter().map(|w| warning(w.to_string())));
            self.codebook = Some(file);
        }
        let Some(file) = self.codebook.as_mut() else {
            return vec![warning("codes are kept for this session only".into())];
        };
        let saved = file.change(&changes);
        out.extend(self.after_save(saved));
        out
    }

    /// Save codebook changes that could not be saved before: the book and a
    /// line once they are. While it still fails, a line only if `tell`
    /// (the prompt at quit asked; a timer's retry was told already).
    pub(super) fn flush_codes(&mut self, tell: bool) -> Vec<Report> {
        let Some(file) = self.codebook.as_mut().filter(|f| f.pending_count() > 0) else {
            return Vec::new();
        };
        let n = file.pending_count();
        let saved = match file.flush() {
            Ok(saved) => saved,
            Err(e) if tell => return vec![warning(format!("codebook still not saved: {e}"))],
            Err(_) => return Vec::new(),
        };
        self.codes_kept = None;
        let mut out = self.after_save(Ok(saved));
        let changes = if n == 1 {
            "change that was"
        } else {
            "changes that were"
        };
        out.push(info(format!("saved {n} codebook {changes} waiting")));
        out
    }

    /// Write the codebook, unsaved changes applied, to a new file the user
    /// named: a line saying where and how to bring it back, or why not.
    pub(super) fn keep_codes_in(&mut self, path: &Path) -> Result<String, String> {
        let file = self.codebook.as_ref().ok_or("there is no codebook")?;
        let n = file.pending_count();
        file.keep_in(path)
            .map_err(|e| format!("the codebook was not written: {e}"))?;
        self.codes_kept = Some(n);
        let line = kept_line(n, path);
        self.told.push(line.clone());
        Ok(line)
    }

    /// The codebook again if another instance saved it since: new codes
    /// reach the picker, and renamed ones the list, without a save here.
    /// A codebook another instance made first is opened here too.
    pub(super) fn refresh_codes(&mut self) -> Option<Report> {
        if self.codebook.is_none() {
            let path = self.codebook_at.clone().filter(|p| p.exists())?;
            let (file, _) = CodebookFile::open_file(path);
            let book = file.book().clone();
            self.codebook = Some(file);
            return Some(Report::Codebook(book));
        }
        let file = self.codebook.as_mut()?;
        file.refresh()
            .then(|| Report::Codebook(file.book().clone()))
    }

    /// At quit: save what is unsaved, else a line saying what is lost.
    pub(super) fn close_codes(&mut self) -> Vec<String> {
        let Some(file) = self.codebook.as_mut().filter(|f| f.pending_count() > 0) else {
            return Vec::new();
        };
        let n = file.pending_count();
        match file.flush() {
            Ok(saved) => {
                self.settle(saved);
                Vec::new()
            }
            Err(e) => {
                let changes = if n == 1 { "change" } else { "changes" };
                let lost = format!(
                    "{n} codebook {changes} not saved in {}: {e}",
                    file.path().display()
                );
                if self.codes_kept == Some(n) {
                    // Kept where the user asked; that line was told.
                    return Vec::new();
                }
                let Some(dir) = &self.recovery else {
                    return vec![lost];
                };
                match file.keep_in_recovery(dir, unix_now()) {
                    Ok(path) => vec![format!("{lost}; {}", kept_line(n, &path))],
                    Err(e) => vec![format!("{lost}; no recovery file either: {e}")],
                }
            }
        }
    }

    /// The book first (so the reader can name the codes), then what the
    /// save found.
    fn after_save(&mut self, saved: Result<Saved, StoreError>) -> Vec<Report> {
        let more = match saved {
            Ok(saved) => self.settle(saved),
            Err(e) => vec![warning(format!(
                "codes kept, not saved yet; will retry: {e}"
            ))],
        };
        let book = self
            .codebook
            .as_ref()
            .map(|f| Report::Codebook(f.book().clone()));
        book.into_iter().chain(more).collect()
    }

    /// What a save found: codes another instance made first (their quotes
    /// recoded), and changes that no longer apply.
    fn settle(&mut self, saved: Saved) -> Vec<Report> {
        self.merged.extend(saved.merged.iter().cloned());
        // A use of a code merged away dates the code kept instead.
        let again: Vec<CodeChange> = saved
            .refused
            .iter()
            .filter_map(|(c, _)| match c {
                CodeChange::Used { id, .. } if self.merged_to(id).is_some() => {
                    Some(self.recode(c.clone()))
                }
                _ => None,
            })
            .collect();
        if let Some(file) = self.codebook.as_mut().filter(|_| !again.is_empty()) {
            // Failing, it stays queued with the next save.
            let _ = file.change(&again);
        }
        let mut out = Vec::new();
        // A use of a code deleted elsewhere matters to no one.
        let refused = (saved.refused.iter()).find(|(c, _)| !matches!(c, CodeChange::Used { .. }));
        if let Some((_, e)) = refused {
            out.push(warning(format!("a code change was not saved: {e}")));
        }
        if !saved.merged.is_empty() {
            out.extend(self.recode_store(&saved.merged));
        }
        out
    }

    /// Quotes coded with a code merged away take the code kept.
    fn recode_store(&mut self, pairs: &[(String, String)]) -> Vec<Report> {
        let names: Vec<String> = pairs
            .iter()
            .filter_map(|(_, kept)| self.codebook.as_ref()?.book().path(kept))
            .collect();
        let mut out = vec![info(format!(
            "{} was made in another window too: its quotes use that one",
            names.join(", ")
        ))];
        let Some(store) = self.store.as_mut() else {
            return out;
        };
        let (mut failed, mut recoded) = (None, false);
        for (ours, kept) in pairs {
            let coded: Vec<String> = (store.list().iter())
                .filter(|b| b.codes.contains(ours))
                .map(|b| b.id.clone())
                .collect();
            for id in coded {
                let off = store.set_code(&id, ours, false);
                let on = store.set_code(&id, kept, true);
                failed = failed.or(off.err()).or(on.err());
                recoded = true;
            }
        }
        if recoded {
            out.insert(0, Report::Bookmarks(store.list().to_vec()));
        }
        if let Some(e) = failed {
            out.push(warning(format!("kept, not saved yet; will retry: {e}")));
        }
        out
    }

    /// The code a merge kept in place of `id`, if it was merged away.
    fn merged_to(&self, id: &str) -> Option<&str> {
        let pair = self.merged.iter().find(|(ours, _)| ours == id);
        pair.map(|(_, kept)| kept.as_str())
    }

    /// A code change with merged ids replaced by the codes kept: a use,
    /// and an edit from the code overview of a code (or under a parent)
    /// that another window had made first.
    fn recode(&self, change: CodeChange) -> CodeChange {
        let kept = |id: String| self.merged_to(&id).map_or(id, str::to_string);
        match change {
            CodeChange::Used { id, when } => CodeChange::Used { id: kept(id), when },
            CodeChange::Rename { id, name } => CodeChange::Rename { id: kept(id), name },
            CodeChange::Recolor { id, color } => CodeChange::Recolor {
                id: kept(id),
                color,
            },
            CodeChange::Describe { id, description } => CodeChange::Describe {
                id: kept(id),
                description,
            },
            CodeChange::Reparent { id, parent } => CodeChange::Reparent {
                id: kept(id),
                parent: parent.map(kept),
            },
            CodeChange::Create {
                id,
                name,
                parent,
                color,
            } => CodeChange::Create {
                id,
                name,
                parent: parent.map(kept),
                color,
            },
        }
    }

    /// A bookmark effect with merged code ids replaced by the codes kept,
    /// and whether any was.
    pub(super) fn recode_effect(&self, effect: Effect) -> (Effect, bool) {
        match effect {
            Effect::AddBookmark(mut b) => {
                let changed = self.recode_all(&mut b.codes);
                (Effect::AddBookmark(b), changed)
            }
            Effect::RestoreBookmark(mut b) => {
                let changed = self.recode_all(&mut b.codes);
                (Effect::RestoreBookmark(b), changed)
            }
            Effect::SetCode { id, code, on } => match self.merged_to(&code) {
                Some(kept) => {
                    let code = kept.to_string();
                    (Effect::SetCode { id, code, on }, true)
                }
                None => (Effect::SetCode { id, code, on }, false),
            },
            other => (other, false),
        }
    }

    /// Replace merged ids in a bookmark's codes, each code once; whether any was.
    fn recode_all(&self, codes: &mut Vec<String>) -> bool {
        if !codes.iter().any(|c| self.merged_to(c).is_some()) {
            return false;
        }
        let mut out: Vec<String> = Vec::with_capacity(codes.len());
        for c in codes.iter() {
            let c = self.merged_to(c).unwrap_or(c).to_string();
            if !out.contains(&c) {
                out.push(c);
            }
        }
        *codes = out;
        true
    }
}

/// `1 codebook change kept in /abs/x.qdc; tread --import-codes /abs/x.qdc brings it back`.
fn kept_line(n: usize, path: &Path) -> String {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let (changes, it) = if n == 1 {
        ("change", "it")
    } else {
        ("changes", "them")
    };
    format!(
        "{n} codebook {changes} kept in {0}; `tread --import-codes {0}` brings {it} back",
        path.display()
    )
}

fn warning(text: String) -> Report {
    Report::Status(Some(Message::warning(text)))
}

fn info(text: String) -> Report {
    Report::Status(Some(Message::info(text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An edit from the code overview of a code this session made, which
    /// another window had made first: it applies to the code kept.
    #[test]
    fn an_edit_of_a_code_merged_away_edits_the_code_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (mut file, _) = CodebookFile::open_file(dir.path().join("codebook.json"));
        let create = |id: &str| CodeChange::Create {
            id: id.into(),
            name: "pricing".into(),
            parent: None,
            color: None,
        };
        file.change(&[create("kept")]).unwrap();
        let mut p = Persist::new(None).with_codebook(Some(file));
        p.merged.push(("ours".into(), "kept".into()));
        let rename = CodeChange::Rename {
            id: "ours".into(),
            name: "prices".into(),
        };
        let reports = p.perform(Effect::ChangeCodes(vec![rename]));
        let Some(Report::Codebook(book)) = reports.first() else {
            panic!("{reports:?}");
        };
        assert_eq!(book.get("kept").unwrap().name, "prices");
        assert!(reports.len() == 1, "no warning: {reports:?}");
    }
}
