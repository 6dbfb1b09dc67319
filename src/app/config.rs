//! Finding and loading the user's configuration: key bindings over the
//! defaults, and the `[labels]` speaker lists.

use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

use super::keymap::{Keymap, KeymapError};
use super::labels::{self, Labels, LabelsError};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The OS error is in the message and not a `source`, so a report
    /// that prints the chain (`{:#}`) says it once.
    #[error("cannot read config {}: {error}", path.display())]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error(transparent)]
    Keymap(#[from] KeymapError),
    #[error(transparent)]
    Labels(#[from] LabelsError),
}

/// Everything the config file sets.
#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: Keymap,
    pub labels: Labels,
}

/// `$XDG_CONFIG_HOME/tread/config.toml` (`~/.config/tread/config.toml`).
pub fn default_path() -> Option<PathBuf> {
    let dirs = etcetera::choose_base_strategy().ok()?;
    Some(dirs.config_dir().join("tread").join("config.toml"))
}

/// The configuration: defaults, then the user's file. An explicit
/// `--config` file must exist; the default location may not. The whole
/// file is checked in every mode, so a mistake in it shows at once rather
/// than only when the reader opens.
pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
    let mut config = Config {
        keymap: Keymap::default_keymap(),
        labels: Labels::default(),
    };
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match default_path() {
            Some(p) if p.exists() => p,
            _ => return Ok(config),
        },
    };
    let text = std::fs::read_to_string(&path).map_err(|error| ConfigError::Read {
        path: path.clone(),
        error,
    })?;
    let source_name = path.display().to_string();
    config.keymap.merge_str(&text, &source_name)?;
    config.labels = labels::parse(&text, &source_name)?;
    Ok(config)
}
