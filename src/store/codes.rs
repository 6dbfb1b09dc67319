//! The codebook: named, coloured tags that quotes are coded with, one
//! level of nesting (`pricing/discounts`), and the changes made to it.
//!
//! A code's id is a GUID, the form REFI-QDA exchanges codes by, so a
//! codebook imported from a QDA tool and exported again keeps its ids.
//! Bookmarks name their codes by id, so renaming a code or moving it under
//! another touches no bookmark. Every change is a [`CodeChange`] applied to
//! the book as it is on disk at that moment (see `codes/file.rs`), so two
//! instances coding at once never lose each other's codes.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

mod file;
mod import;
mod keep;
pub use file::{CodebookFile, Saved};
pub use import::{Import, ImportReport};

/// One code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Code {
    /// A GUID (`8-4-4-4-12` hex digits).
    pub id: String,
    /// The code's own name, without its parent's: `discounts`.
    pub name: String,
    /// `#RRGGBB`, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The parent's id; a parent has no parent itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// When a quote was last coded with it (RFC 3339): recent codes come
    /// first in the picker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used: Option<String>,
    /// Fields written by a newer tread, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A change to the codebook. Each is applied to the book as it is then,
/// so changes from several instances combine.
#[derive(Debug, Clone, PartialEq)]
pub enum CodeChange {
    /// A new code `name` (no `/`) under `parent`, with this id.
    Create {
        id: String,
        name: String,
        parent: Option<String>,
        color: Option<String>,
    },
    Rename {
        id: String,
        name: String,
    },
    Recolor {
        id: String,
        color: Option<String>,
    },
    Describe {
        id: String,
        description: String,
    },
    /// Move under another code, or to the top with `None`.
    Reparent {
        id: String,
        parent: Option<String>,
    },
    /// A quote was coded with it at `when` (RFC 3339).
    Used {
        id: String,
        when: String,
    },
}

/// Why a change does not apply.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("a code needs a name")]
    EmptyName,
    #[error("there is already a code {0}")]
    Exists(String),
    #[error("no such code {0}")]
    Missing(String),
    #[error("codes nest one level: {0} is already under another code")]
    TooDeep(String),
    #[error("{0} has codes under it, so it cannot go under another")]
    HasChildren(String),
    #[error("not a colour: {0} (use #RRGGBB)")]
    BadColor(String),
}

/// The codes, in the order they were made.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Codebook {
    codes: Vec<Code>,
}

impl Codebook {
    pub fn new(codes: Vec<Code>) -> Codebook {
        Codebook { codes }
    }

    pub fn codes(&self) -> &[Code] {
        &self.codes
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.id == id)
    }

    /// The code a path names (`pricing` or `pricing/discounts`), compared
    /// without regard to case.
    pub fn find(&self, path: &str) -> Option<&Code> {
        let (parent, name) = split_path(path);
        let parent = match parent {
            Some(p) => Some(self.find_top(p)?.id.as_str()),
            None => None,
        };
        self.codes
            .iter()
            .find(|c| c.parent.as_deref() == parent && same_name(&c.name, name))
    }

    fn find_top(&self, name: &str) -> Option<&Code> {
        self.codes
            .iter()
            .find(|c| c.parent.is_none() && same_name(&c.name, name))
    }

    /// A code's path: `pricing/discounts`, or its name at the top.
    pub fn path(&self, id: &str) -> Option<String> {
        let code = self.get(id)?;
        Some(match code.parent.as_deref().and_then(|p| self.get(p)) {
            Some(parent) => format!("{}/{}", parent.name, code.name),
            None => code.name.clone(),
        })
    }

    /// The codes under `id`.
    pub fn children<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Code> + 'a {
        self.codes
            .iter()
            .filter(move |c| c.parent.as_deref() == Some(id))
    }

    /// The codes most recently used first, then the rest in the order made.
    pub fn by_recency(&self) -> Vec<&Code> {
        let mut v: Vec<(usize, &Code)> = self.codes.iter().enumerate().collect();
        // RFC 3339 in UTC sorts as text.
        v.sort_by(|(i, a), (j, b)| b.used.cmp(&a.used).then(i.cmp(j)));
        v.into_iter().map(|(_, c)| c).collect()
    }

    /// The change that makes `path` (`name` or `parent/name`), creating the
    /// parent first if need be: the changes in order, with `id` for the
    /// code itself and `parent_id` for a parent made on the way.
    pub fn plan_create(
        &self,
        path: &str,
        id: String,
        parent_id: impl FnOnce() -> String,
    ) -> Result<Vec<CodeChange>, CodeError> {
        let (parent, name) = split_path(path);
        let name = clean_name(name)?;
        let mut out = Vec::new();
        let parent = match parent {
            None => None,
            Some(p) => Some(match self.find_top(p) {
                Some(code) => code.id.clone(),
                None => {
                    let pid = parent_id();
                    out.push(CodeChange::Create {
                        id: pid.clone(),
                        name: clean_name(p)?,
                        parent: None,
                        color: None,
                    });
                    pid
                }
            }),
        };
        if self.find(path).is_some() {
            return Err(CodeError::Exists(path.trim().to_string()));
        }
        out.push(CodeChange::Create {
            id,
            name,
            parent,
            color: None,
        });
        Ok(out)
    }

    /// Apply one change.
    pub fn apply(&mut self, change: &CodeChange) -> Result<(), CodeError> {
        match change {
            CodeChange::Create {
                id,
                name,
                parent,
                color,
            } => self.create(id, name, parent.as_deref(), color.as_deref()),
            CodeChange::Rename { id, name } => {
                let name = clean_name(name)?;
                let parent = self.code(id)?.parent.clone();
                let clash = self
                    .codes
                    .iter()
                    .any(|c| c.id != *id && c.parent == parent && same_name(&c.name, &name));
                if clash {
                    return Err(CodeError::Exists(name));
                }
                self.code_mut(id)?.name = name;
                Ok(())
            }
            CodeChange::Recolor { id, color } => {
                let color = color.as_deref().map(parse_color).transpose()?;
                self.code_mut(id)?.color = color;
                Ok(())
            }
            CodeChange::Describe { id, description } => {
                self.code_mut(id)?.description.clone_from(description);
                Ok(())
            }
            CodeChange::Reparent { id, parent } => self.reparent(id, parent.as_deref()),
            CodeChange::Used { id, when } => {
                let code = self.code_mut(id)?;
                if code.used.as_deref() < Some(when.as_str()) {
                    code.used = Some(when.clone());
                }
                Ok(())
            }
        }
    }

    fn create(
        &mut self,
        id: &str,
        name: &str,
        parent: Option<&str>,
        color: Option<&str>,
    ) -> Result<(), CodeError> {
        let name = clean_name(name)?;
        if self.get(id).is_some() {
            return Err(CodeError::Exists(name));
        }
        if let Some(p) = parent {
            self.check_parent(p)?;
        }
        let clash = self
            .codes
            .iter()
            .any(|c| c.parent.as_deref() == parent && same_name(&c.name, &name));
        if clash {
            return Err(CodeError::Exists(name));
        }
        let color = color.map(parse_color).transpose()?;
        self.codes.push(Code {
            id: id.to_string(),
            name,
            color,
            description: String::new(),
            parent: parent.map(str::to_string),
            used: None,
            extra: Map::new(),
        });
        Ok(())
    }

    fn reparent(&mut self, id: &str, parent: Option<&str>) -> Result<(), CodeError> {
        if let Some(p) = parent {
            self.check_parent(p)?;
            if p == id {
                return Err(CodeError::TooDeep(self.code(id)?.name.clone()));
            }
            if self.children(id).next().is_some() {
                return Err(CodeError::HasChildren(self.code(id)?.name.clone()));
            }
        }
        self.code_mut(id)?.parent = parent.map(str::to_string);
        Ok(())
    }

    /// A code that may take children: one at the top.
    fn check_parent(&self, parent: &str) -> Result<(), CodeError> {
        let p = self.code(parent)?;
        match p.parent {
            Some(_) => Err(CodeError::TooDeep(p.name.clone())),
            None => Ok(()),
        }
    }

    fn code(&self, id: &str) -> Result<&Code, CodeError> {
        self.get(id)
            .ok_or_else(|| CodeError::Missing(id.to_string()))
    }

    fn code_mut(&mut self, id: &str) -> Result<&mut Code, CodeError> {
        self.codes
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or_else(|| CodeError::Missing(id.to_string()))
    }
}

/// `parent/name` split at its first `/`; a bare name has no parent.
fn split_path(path: &str) -> (Option<&str>, &str) {
    match path.split_once('/') {
        Some((p, n)) => (Some(p.trim()), n.trim()),
        None => (None, path.trim()),
    }
}

fn clean_name(name: &str) -> Result<String, CodeError> {
    let name = crate::text::sanitise(name.trim()).into_owned();
    if name.is_empty() {
        return Err(CodeError::EmptyName);
    }
    Ok(name.replace('/', "∕"))
}

fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// A new code's id: a random GUID.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The GUID an export gives to something tread names by `id` (a bookmark,
/// a document, a speaker): the same every time, distinct for each `kind`.
/// A code's id is a GUID already and is kept as it is.
pub fn guid_for(kind: &str, id: &str) -> String {
    if kind == "code" && uuid::Uuid::parse_str(id).is_ok() {
        return id.to_string();
    }
    let name = format!("tread:{kind}:{id}");
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes()).to_string()
}

/// `#RRGGBB` (or `RRGGBB`, any case) as `#RRGGBB` in capitals, the form
/// REFI-QDA writes.
pub fn parse_color(text: &str) -> Result<String, CodeError> {
    let hex = text.trim().trim_start_matches('#');
    if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(format!("#{}", hex.to_ascii_uppercase()))
    } else {
        Err(CodeError::BadColor(text.to_string()))
    }
}

#[cfg(test)]
mod tests;
