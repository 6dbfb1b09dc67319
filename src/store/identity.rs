//! Naming a document: the key that names its files, and the hash of its content.
//!
//! Both use FNV-1a 64, written out here, because the values are stored on
//! disk and must not change between runs or Rust versions (`DefaultHasher`
//! promises neither).

use std::path::Path;

use crate::transcript::Document;

/// FNV-1a, 64 bits.
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    pub fn finish(self) -> u64 {
        self.0
    }
}

/// A stable hash of what bookmarks point into: the paragraphs, in their
/// sections and turns. Titles, speakers and metadata are left out, because
/// renaming them does not move any text.
pub fn doc_hash(doc: &Document) -> String {
    let mut h = Fnv::default();
    for section in &doc.sections {
        // Separators that cannot occur in decoded text keep
        // ["ab"] and ["a", "b"] apart.
        h.write(&[0x1d]);
        for turn in &section.turns {
            h.write(&[0x1e]);
            for p in &turn.paragraphs {
                h.write(&[0x1f]);
                h.write(p.as_bytes());
            }
        }
    }
    format!("{:016x}", h.finish())
}

/// What names a document's bookmark file and its reading position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocKey {
    /// Safe as a file name: a readable stem, a dash and a 16-digit hash.
    pub key: String,
    /// The name shown to the user and written into the file.
    pub display: String,
}

impl DocKey {
    /// A file on disk: the hash of its canonical path, so the key survives
    /// edits to the file (bookmarks then re-anchor) and differs between two
    /// files of the same name.
    pub fn for_path(path: &Path) -> DocKey {
        let full = std::fs::canonicalize(path)
            .or_else(|_| std::path::absolute(path))
            .unwrap_or_else(|_| path.to_path_buf());
        let mut h = Fnv::default();
        h.write(full.as_os_str().as_encoded_bytes());
        let display = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        DocKey {
            key: format!("{}-{:016x}", stem(&display), h.finish()),
            display: full.display().to_string(),
        }
    }

    /// Standard input or the bundled sample: there is no path, so the
    /// content is the identity.
    pub fn for_content(name: &str, doc: &Document) -> DocKey {
        DocKey::for_hash(name, &doc_hash(doc))
    }

    /// [`for_content`](Self::for_content) of a document hashed already.
    pub fn for_hash(name: &str, hash: &str) -> DocKey {
        DocKey {
            key: format!("{}-{hash}", stem(name)),
            display: name.to_string(),
        }
    }

    /// Standard input followed as it grows (`-f -`): no path, and content
    /// that changes while it is read, so the session names it. The index
    /// records its content at the end, so the same text opened later as a
    /// file finds its bookmarks.
    pub fn for_stream(name: &str, session: &str) -> DocKey {
        let mut h = Fnv::default();
        h.write(session.as_bytes());
        DocKey {
            key: format!("{}-{:016x}", stem(name), h.finish()),
            display: name.to_string(),
        }
    }
}

/// A short, file-name-safe version of a display name.
fn stem(name: &str) -> String {
    let base = name.rsplit_once('.').map_or(name, |(b, _)| b);
    let mut out: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    if out.is_empty() {
        out.push_str("doc");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::parse::parse;

    #[test]
    fn fnv_known_values() {
        let mut h = Fnv::default();
        h.write(b"a");
        assert_eq!(h.finish(), 0xaf63dc4c8601ec8c);
    }

    #[test]
    fn hash_sees_paragraph_boundaries() {
        let a = parse("A: one two");
        let mut b = a.clone();
        b.sections[0].turns[0].paragraphs = vec!["one".into(), "two".into()];
        assert_ne!(doc_hash(&a), doc_hash(&b));
        assert_eq!(doc_hash(&a), doc_hash(&a.clone()));
    }

    #[test]
    fn keys_are_file_safe() {
        let k = DocKey::for_path(Path::new("/nonexistent/对话 1/x y.txt"));
        assert!(k.key.starts_with("x_y-"), "{}", k.key);
        let k = DocKey::for_content("../..", &parse("A: b"));
        assert!(!k.key.contains('/') && !k.key.starts_with('.'), "{}", k.key);
    }
}
