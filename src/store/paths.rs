//! Where tread keeps user data: XDG data and state directories, or one override.
//!
//! Without an override, bookmarks go to `$XDG_DATA_HOME/tread/bookmarks/` and
//! reading positions to `$XDG_STATE_HOME/tread/positions.json` (the XDG layout
//! on macOS too, which is what command-line users expect there). With
//! `--data-dir D` or `TREAD_DATA_DIR=D`, bookmarks go to `D/bookmarks/` and
//! positions to `D/state/`, so one directory holds everything and tests
//! never touch the real home.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

use super::StoreError;
use super::identity::DocKey;

/// The environment variable that overrides both directories.
pub const ENV_VAR: &str = "TREAD_DATA_DIR";

/// The two roots: `data` for bookmarks, `state` for reading positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDirs {
    pub data: PathBuf,
    pub state: PathBuf,
}

impl DataDirs {
    /// `--data-dir` first, then `TREAD_DATA_DIR`, then the XDG directories.
    pub fn resolve(explicit: Option<&Path>) -> Result<DataDirs, StoreError> {
        Self::resolve_with(explicit, std::env::var_os(ENV_VAR))
    }

    /// [`resolve`](Self::resolve) with the environment passed in, for tests.
    pub fn resolve_with(
        explicit: Option<&Path>,
        env: Option<OsString>,
    ) -> Result<DataDirs, StoreError> {
        if let Some(dir) = explicit {
            return Ok(Self::under(dir));
        }
        // An empty variable is treated as unset, as the XDG spec does.
        if let Some(dir) = env.filter(|v| !v.is_empty()) {
            return Ok(Self::under(Path::new(&dir)));
        }
        let xdg = etcetera::base_strategy::Xdg::new().map_err(|_| StoreError::NoHome)?;
        let data = xdg.data_dir().join("tread");
        // Only the XDG strategy has a state directory; keep positions with
        // the data if there is none.
        let state = xdg
            .state_dir()
            .map(|d| d.join("tread"))
            .unwrap_or_else(|| data.join("state"));
        Ok(DataDirs { data, state })
    }

    /// The layout used for an override directory.
    pub fn under(dir: &Path) -> DataDirs {
        DataDirs {
            data: dir.to_path_buf(),
            state: dir.join("state"),
        }
    }

    /// The bookmark file of one document.
    pub fn bookmarks_file(&self, key: &DocKey) -> PathBuf {
        self.data
            .join("bookmarks")
            .join(format!("{}.json", key.key))
    }

    /// The file of reading positions, shared by all documents.
    pub fn positions_file(&self) -> PathBuf {
        self.state.join("positions.json")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_beats_env() {
        let d = DataDirs::resolve_with(Some(Path::new("/a")), Some("/b".into())).unwrap();
        assert_eq!(d.data, Path::new("/a"));
        assert_eq!(d.state, Path::new("/a/state"));
        let d = DataDirs::resolve_with(None, Some("/b".into())).unwrap();
        assert_eq!(d.data, Path::new("/b"));
    }

    #[test]
    fn empty_env_is_unset() {
        let d = DataDirs::resolve_with(None, Some("".into()));
        if let Ok(d) = d {
            assert!(d.data.ends_with("tread"));
        }
    }
}
