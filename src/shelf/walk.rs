//! The files of a shelf: its roots walked with ripgrep's walker (`ignore`),
//! in path order.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

use super::summary::io_reason;

/// A file found under the roots, in path order (roots given as files are
/// taken as they are, even hidden).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// Why the entry could not be walked or read (an unreadable folder, a
    /// root that does not exist); `None` for a file to look at.
    pub problem: Option<String>,
}

/// Every file under `roots`: each root in the order given, the files under
/// a folder sorted by path. `.gitignore` (inside a git repository or not,
/// so a folder copied out of one keeps its rules), `.ignore` and hidden
/// files and folders are left out, as ripgrep leaves them; a root named
/// directly is always taken. Folders are walked, never listed, so a folder
/// named `notes.txt` is looked into.
pub fn walk(roots: &[PathBuf]) -> Vec<Found> {
    let mut out = Vec::new();
    for root in roots {
        match std::fs::metadata(root) {
            Ok(meta) if meta.is_dir() => out.extend(walk_dir(root)),
            Ok(_) => out.push(found(root.clone(), None)),
            Err(e) => out.push(found(root.clone(), Some(io_reason(&e)))),
        }
    }
    out
}

fn found(path: PathBuf, problem: Option<String>) -> Found {
    Found { path, problem }
}

fn walk_dir(root: &Path) -> Vec<Found> {
    let mut files = Vec::new();
    let walker = WalkBuilder::new(root)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                // A symbolic link to a file is a file of the shelf; to a
                // folder, it is not followed (the walker's default).
                let is_file = entry.file_type().is_some_and(|t| t.is_file())
                    || (entry.path_is_symlink() && entry.path().is_file());
                if is_file {
                    files.push(found(entry.into_path(), None));
                }
            }
            Err(e) => {
                let path = error_path(&e).unwrap_or_else(|| root.to_path_buf());
                files.push(found(path, Some(error_text(&e))));
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The path an error of the walker is about, when it says.
fn error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

/// The error without the path (the path is the entry's own).
fn error_text(e: &ignore::Error) -> String {
    match e {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => error_text(err),
        ignore::Error::Io(io) => io_reason(io),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn names(found: &[Found], root: &Path) -> Vec<String> {
        found
            .iter()
            .map(|f| f.path.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        fs::create_dir_all(p.join("sub/deeper")).unwrap();
        fs::create_dir_all(p.join(".hidden-dir")).unwrap();
        fs::create_dir_all(p.join("notes.txt")).unwrap();
        for f in [
            "b.txt",
            "a.md",
            "sub/c.srt",
            "sub/deeper/d.vtt",
            ".secret.txt",
            ".hidden-dir/e.txt",
            "draft.txt",
            "notes.txt/inner.txt",
            "out/x.txt",
        ] {
            let path = p.join(f);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "A: hello\n").unwrap();
        }
        fs::write(p.join(".gitignore"), "draft.txt\nout/\n").unwrap();
        dir
    }

    #[test]
    fn walks_in_path_order_skipping_ignored_and_hidden_files() {
        let dir = tree();
        let found = walk(&[dir.path().to_path_buf()]);
        assert_eq!(
            names(&found, dir.path()),
            [
                "a.md",
                "b.txt",
                "notes.txt/inner.txt",
                "sub/c.srt",
                "sub/deeper/d.vtt"
            ]
        );
        assert!(found.iter().all(|f| f.problem.is_none()));
    }

    #[test]
    fn file_roots_are_taken_as_given_even_hidden_or_ignored() {
        let dir = tree();
        let roots = [
            dir.path().join(".secret.txt"),
            dir.path().join("draft.txt"),
            dir.path().join("sub"),
        ];
        let found = walk(&roots);
        assert_eq!(
            names(&found, dir.path()),
            [".secret.txt", "draft.txt", "sub/c.srt", "sub/deeper/d.vtt"]
        );
    }

    #[test]
    fn a_missing_root_is_a_found_entry_with_its_problem() {
        let dir = tree();
        let found = walk(&[dir.path().join("nope")]);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .problem
                .as_deref()
                .unwrap()
                .contains("No such file")
        );
    }
}
