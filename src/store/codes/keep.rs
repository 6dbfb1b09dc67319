//! The codebook kept outside its file when it cannot be saved there: as a
//! REFI-QDA codebook (`.qdc`) in a file the user names at quit, or in a
//! recovery file when the reader quits anyway. `tread --import-codes`
//! brings either back, merging by code GUID, so nothing made in the
//! session is lost with the file it could not be written to.

use std::path::{Path, PathBuf};

use super::CodebookFile;
use crate::store::StoreError;
use crate::store::atomic;
use crate::store::refi::write_qdc;

impl CodebookFile {
    /// Write the book as it is here, unsaved changes applied, to `path`:
    /// a new file, never one that is there already.
    pub fn keep_in(&self, path: &Path) -> Result<(), StoreError> {
        let mut bytes = Vec::new();
        write_qdc(self.book(), &mut bytes).map_err(|e| StoreError::io("cannot write", path, e))?;
        atomic::write_new(path, &bytes)
    }

    /// Write the book to a new recovery file in `dir`,
    /// `codebook-<unix time>[-n].qdc`: where it went.
    pub fn keep_in_recovery(&self, dir: &Path, now: u64) -> Result<PathBuf, StoreError> {
        let mut last = None;
        for n in 0..20 {
            let name = match n {
                0 => format!("codebook-{now}.qdc"),
                n => format!("codebook-{now}-{n}.qdc"),
            };
            let path = dir.join(name);
            match self.keep_in(&path) {
                Ok(()) => return Ok(path),
                // Taken: try the next name; anything else will not get better.
                Err(StoreError::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::AlreadyExists =>
                {
                    last = Some(path);
                }
                Err(e) => return Err(e),
            }
        }
        let path = last.unwrap_or_else(|| dir.to_path_buf());
        let e = std::io::Error::new(std::io::ErrorKind::AlreadyExists, "every name is taken");
        Err(StoreError::io("cannot create", &path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::codes::CodeChange;
    use crate::store::refi::read_codes;
    use std::fs;

    #[test]
    fn a_book_that_cannot_be_saved_is_kept_as_a_codebook_that_imports() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("data");
        fs::write(&blocked, b"a file, not a directory").unwrap();
        let (mut file, _) = CodebookFile::open_file(blocked.join("codebook.json"));
        let create = CodeChange::Create {
            id: "c1".into(),
            name: "价格".into(),
            parent: None,
            color: None,
        };
        assert!(file.change(&[create]).is_err());
        assert_eq!(file.pending_count(), 1);

        let recovery = dir.path().join("state/recovery");
        let first = file.keep_in_recovery(&recovery, 7).unwrap();
        let second = file.keep_in_recovery(&recovery, 7).unwrap();
        assert_eq!(first, recovery.join("codebook-7.qdc"));
        assert_eq!(
            second,
            recovery.join("codebook-7-1.qdc"),
            "never overwritten"
        );
        let codes = read_codes(&fs::read(&first).unwrap()).unwrap();
        assert_eq!(codes.len(), 1);
        assert_eq!(codes[0].name, "价格");
        assert!(file.keep_in(&first).is_err(), "an existing file is kept");
    }
}
