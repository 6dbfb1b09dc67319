//! Merging a codebook made elsewhere (a REFI-QDA `.qdc`) into ours: what
//! changes it makes, planned without touching anything, and what to tell
//! the user about it.
//!
//! For each incoming code, parents before children:
//! - **Its GUID is ours:** the same code. The import wins for its name,
//!   colour and description where they differ, because importing a
//!   codebook is asking for it; but an import that has no colour or an
//!   empty description does not erase ours (many tools write neither).
//!   Where it sits in our book is kept.
//! - **Its path is ours under another GUID** (`pricing/discounts`, case
//!   ignored): the same code, made separately. Ours is kept as it is and
//!   the report says which.
//! - **Otherwise** it is created with its own GUID, so a later import of
//!   the same book finds it by GUID.
//!
//! tread nests one level; REFI nests freely. A code whose parent would be
//! a child itself goes under that child's parent, its name prefixed with
//! the levels in between: `A > B > C` becomes `A` and `A/B › C`. The
//! report lists every code flattened so, and every code left out (one
//! without a name), so nothing is dropped silently.

use std::collections::HashMap;

use super::{Code, CodeChange, Codebook, clean_name, same_name};

/// What an import will do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Import {
    /// In order: apply them all with `CodebookFile::change`.
    pub changes: Vec<CodeChange>,
    pub report: ImportReport,
}

/// What an import does, for the user.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportReport {
    /// Incoming codes read.
    pub read: usize,
    pub created: usize,
    pub updated: usize,
    /// Codes we had already, unchanged: (incoming path, our path).
    pub unchanged: Vec<(String, String)>,
    /// Codes nested deeper than one level, by the path they now have.
    pub flattened: Vec<String>,
    /// Codes not imported, with why.
    pub skipped: Vec<String>,
}

/// The text between the levels a flattened code's name keeps.
pub const LEVELS: &str = " › ";

impl ImportReport {
    /// `imported 12 codes: 9 new, 2 updated, 1 already there`.
    pub fn summary(&self) -> String {
        let codes = if self.read == 1 { "code" } else { "codes" };
        let mut s = format!(
            "imported {} {codes}: {} new, {} updated, {} already there",
            self.read,
            self.created,
            self.updated,
            self.unchanged.len()
        );
        if !self.skipped.is_empty() {
            s.push_str(&format!(", {} left out", self.skipped.len()));
        }
        s
    }
}

impl Codebook {
    /// The changes that merge `incoming` (parents before children, a
    /// child's `parent` its parent's id) into this book; see the module.
    pub fn plan_import(&self, incoming: &[Code]) -> Import {
        let mut plan = Planner {
            book: self.clone(),
            ours: HashMap::new(),
            import: Import::default(),
        };
        for code in incoming {
            plan.import.report.read += 1;
            plan.one(code);
        }
        plan.import
    }
}

struct Planner {
    /// Our book with the planned changes applied, so each code is planned
    /// against what the ones before it made.
    book: Codebook,
    /// Incoming GUID (lower case) → the id of our code it became.
    ours: HashMap<String, String>,
    import: Import,
}

impl Planner {
    fn one(&mut self, code: &Code) {
        let Ok(name) = clean_name(&code.name) else {
            let why = format!("a code with no name ({})", code.id);
            self.import.report.skipped.push(why);
            return;
        };
        let key = code.id.to_lowercase();
        if let Some(id) = self.find_guid(&code.id) {
            self.ours.insert(key, id.clone());
            self.update(&id, code);
            return;
        }
        let (parent, name) = self.place(code, name);
        let sibling = self
            .book
            .codes()
            .iter()
            .find(|c| c.parent == parent && same_name(&c.name, &name))
            .map(|c| c.id.clone());
        if let Some(id) = sibling {
            let ours = self.book.path(&id).unwrap_or_default();
            let theirs = self.path_of(parent.as_deref(), &name);
            self.ours.insert(key, id);
            self.import.report.unchanged.push((theirs, ours));
            return;
        }
        self.create(code, parent, name);
        self.ours.insert(key, code.id.clone());
    }

    fn find_guid(&self, id: &str) -> Option<String> {
        let bare = |s: &str| s.trim_matches(['{', '}']).to_lowercase();
        let want = bare(id);
        self.book
            .codes()
            .iter()
            .find(|c| bare(&c.id) == want)
            .map(|c| c.id.clone())
    }

    /// Where a new code goes in our book: under its parent when that is at
    /// the top; under the parent's parent, with the parent's name before
    /// its own, when the parent is a child itself.
    fn place(&mut self, code: &Code, name: String) -> (Option<String>, String) {
        let (parent, name, flattened) = self.target(code, name);
        if flattened {
            let path = self.path_of(parent.as_deref(), &name);
            self.import.report.flattened.push(path);
        }
        (parent, name)
    }

    /// [`place`](Self::place) without the report: the parent, the name,
    /// and whether the levels in between went into the name.
    fn target(&self, code: &Code, name: String) -> (Option<String>, String, bool) {
        let Some(theirs) = code.parent.as_deref() else {
            return (None, name, false);
        };
        let Some(parent) = self.ours.get(&theirs.to_lowercase()).cloned() else {
            // Its parent was left out: it goes to the top.
            return (None, name, false);
        };
        let above = self
            .book
            .get(&parent)
            .and_then(|p| p.parent.clone().map(|g| (g, p.name.clone())));
        match above {
            None => (Some(parent), name, false),
            Some((grand, middle)) => (Some(grand), format!("{middle}{LEVELS}{name}"), true),
        }
    }

    fn path_of(&self, parent: Option<&str>, name: &str) -> String {
        match parent.and_then(|p| self.book.get(p)) {
            Some(p) => format!("{}/{name}", p.name),
            None => name.to_string(),
        }
    }

    fn create(&mut self, code: &Code, parent: Option<String>, name: String) {
        let mut changes = vec![CodeChange::Create {
            id: code.id.clone(),
            name,
            parent,
            color: code.color.clone(),
        }];
        if !code.description.is_empty() {
            changes.push(CodeChange::Describe {
                id: code.id.clone(),
                description: code.description.clone(),
            });
        }
        if self.apply(changes) {
            self.import.report.created += 1;
        }
    }

    fn update(&mut self, id: &str, code: &Code) {
        let Some(have) = self.book.get(id).cloned() else {
            return;
        };
        let mut changes = Vec::new();
        // The name it would be given here: a flattened code keeps the
        // levels above it in its name (where it still sits under them).
        let name = clean_name(&code.name).map(|n| match self.target(code, n.clone()) {
            (parent, flat, true) if parent == have.parent => flat,
            _ => n,
        });
        if let Ok(name) = name
            && name != have.name
        {
            changes.push(CodeChange::Rename {
                id: id.to_string(),
                name,
            });
        }
        if code.color.is_some() && code.color != have.color {
            changes.push(CodeChange::Recolor {
                id: id.to_string(),
                color: code.color.clone(),
            });
        }
        if !code.description.is_empty() && code.description != have.description {
            changes.push(CodeChange::Describe {
                id: id.to_string(),
                description: code.description.clone(),
            });
        }
        let path = self.book.path(id).unwrap_or_default();
        if changes.is_empty() {
            self.import.report.unchanged.push((path.clone(), path));
        } else if self.apply(changes) {
            self.import.report.updated += 1;
        }
    }

    /// Apply to the scratch book and keep for the real one; a change that
    /// does not apply (a rename onto a sibling's name) is reported, not
    /// planned.
    fn apply(&mut self, changes: Vec<CodeChange>) -> bool {
        let mut all = true;
        for c in changes {
            match self.book.apply(&c) {
                Ok(()) => self.import.changes.push(c),
                Err(e) => {
                    self.import.report.skipped.push(e.to_string());
                    all = false;
                }
            }
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Map;

    fn code(id: &str, name: &str, parent: Option<&str>) -> Code {
        Code {
            id: id.into(),
            name: name.into(),
            color: None,
            description: String::new(),
            parent: parent.map(str::to_string),
            used: None,
            extra: Map::new(),
        }
    }

    fn g(n: u32) -> String {
        format!("00000000-0000-4000-8000-{n:012}")
    }

    fn merged(book: &Codebook, incoming: &[Code]) -> (Codebook, ImportReport) {
        let plan = book.plan_import(incoming);
        let mut after = book.clone();
        for c in &plan.changes {
            after.apply(c).unwrap();
        }
        (after, plan.report)
    }

    fn paths(b: &Codebook) -> Vec<String> {
        b.codes().iter().map(|c| b.path(&c.id).unwrap()).collect()
    }

    #[test]
    fn new_codes_are_created_with_their_guids_under_their_parents() {
        let mut pricing = code(&g(1), "pricing", None);
        pricing.color = Some("#FF8800".into());
        pricing.description = "What things cost".into();
        let incoming = [pricing, code(&g(2), "折扣", Some(&g(1)))];
        let (after, report) = merged(&Codebook::default(), &incoming);
        assert_eq!(paths(&after), ["pricing", "pricing/折扣"]);
        let p = after.get(&g(1)).unwrap();
        assert_eq!(p.color.as_deref(), Some("#FF8800"));
        assert_eq!(p.description, "What things cost");
        assert_eq!(
            after.get(&g(2)).unwrap().parent.as_deref(),
            Some(g(1).as_str())
        );
        assert_eq!(
            report.summary(),
            "imported 2 codes: 2 new, 0 updated, 0 already there"
        );
    }

    #[test]
    fn a_known_guid_is_updated_where_the_import_says_something_new() {
        let mut book = Codebook::default();
        book.apply(&CodeChange::Create {
            id: g(1),
            name: "pricing".into(),
            parent: None,
            color: Some("#112233".into()),
        })
        .unwrap();
        let mut renamed = code(&g(1).to_uppercase(), "Prices", None);
        renamed.description = "new words".into();
        let (after, report) = merged(&book, &[renamed]);
        let c = after.get(&g(1)).unwrap();
        assert_eq!(c.name, "Prices");
        assert_eq!(c.color.as_deref(), Some("#112233"), "no colour erases none");
        assert_eq!(c.description, "new words");
        assert_eq!(report.updated, 1);
        let (_, again) = merged(&after, &[code(&g(1), "Prices", None)]);
        assert_eq!(
            again.summary(),
            "imported 1 code: 0 new, 0 updated, 1 already there"
        );
    }

    #[test]
    fn the_same_path_under_another_guid_is_our_code_kept() {
        let mut book = Codebook::default();
        book.apply(&CodeChange::Create {
            id: g(1),
            name: "Pricing".into(),
            parent: None,
            color: None,
        })
        .unwrap();
        let incoming = [
            code(&g(7), "pricing", None),
            code(&g(8), "discounts", Some(&g(7))),
        ];
        let plan = book.plan_import(&incoming);
        let (after, report) = merged(&book, &incoming);
        assert_eq!(
            report.unchanged,
            [("pricing".to_string(), "Pricing".to_string())]
        );
        assert_eq!(paths(&after), ["Pricing", "Pricing/discounts"]);
        assert_eq!(
            after.get(&g(8)).unwrap().parent.as_deref(),
            Some(g(1).as_str())
        );
        assert!(after.get(&g(7)).is_none());
        assert_eq!(plan.changes.len(), 1);
    }

    #[test]
    fn deeper_nesting_is_flattened_into_the_childs_name_and_reported() {
        let incoming = [
            code(&g(1), "A", None),
            code(&g(2), "B", Some(&g(1))),
            code(&g(3), "C", Some(&g(2))),
            code(&g(4), "D", Some(&g(3))),
            code(&g(5), "  ", Some(&g(1))),
        ];
        let (after, report) = merged(&Codebook::default(), &incoming);
        assert_eq!(paths(&after), ["A", "A/B", "A/B › C", "A/B › C › D"]);
        assert_eq!(report.flattened, ["A/B › C", "A/B › C › D"]);
        assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
        let again = after.plan_import(&incoming);
        assert!(again.changes.is_empty(), "{:?}", again.changes);
        assert_eq!(again.report.unchanged.len(), 4);
        assert_eq!(
            report.summary(),
            "imported 5 codes: 4 new, 0 updated, 0 already there, 1 left out"
        );
    }

    #[test]
    fn a_child_of_one_of_our_children_goes_under_its_parent() {
        let mut book = Codebook::default();
        for c in book.plan_create("topics/pricing", g(2), || g(1)).unwrap() {
            book.apply(&c).unwrap();
        }
        // Elsewhere `pricing` (same GUID) is at the top, with a child.
        let incoming = [
            code(&g(2), "pricing", None),
            code(&g(3), "discounts", Some(&g(2))),
        ];
        let (after, report) = merged(&book, &incoming);
        assert_eq!(
            paths(&after),
            ["topics", "topics/pricing", "topics/pricing › discounts"]
        );
        assert_eq!(report.flattened, ["topics/pricing › discounts"]);
    }
}
