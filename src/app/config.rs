//! Finding and loading the user's configuration (key bindings) over the defaults.

use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

use super::keymap::{Keymap, KeymapError};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Keymap(#[from] KeymapError),
}

/// `$XDG_CONFIG_HOME/tread/config.toml` (`~/.config/tread/config.toml`).
pub fn default_path() -> Option<PathBuf> {
    let dirs = etcetera::choose_base_strategy().ok()?;
    Some(dirs.config_dir().join("tread").join("config.toml"))
}

/// The keymap: defaults, then the user's file. An explicit `--config` file
/// must exist; the default location may not.
pub fn load_keymap(explicit: Option<&Path>) -> Result<Keymap, ConfigError> {
    let mut keymap = Keymap::default_keymap();
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match default_path() {
            Some(p) if p.exists() => p,
            _ => return Ok(keymap),
        },
    };
    let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
        path: path.clone(),
        source,
    })?;
    keymap.merge_str(&text, &path.display().to_string())?;
    Ok(keymap)
}
