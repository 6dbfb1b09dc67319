//! Finding and loading the user's configuration: key bindings over the
//! defaults, the `[labels]` speaker lists, and the `clipboard` command.

use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

use serde::Deserialize;

use super::keymap::{Keymap, KeymapError, line_at};
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
    #[error("{source_name}:{line}: {problem}")]
    Clipboard {
        source_name: String,
        line: usize,
        problem: String,
    },
}

/// Everything the config file sets.
#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: Keymap,
    pub labels: Labels,
    /// `clipboard = "command args"`: the program `y` pipes the text to,
    /// instead of the ways the reader finds itself. The words to run.
    pub clipboard: Option<Vec<String>>,
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
        clipboard: None,
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
    config.clipboard = clipboard(&text, &source_name)?;
    Ok(config)
}

/// The file as the `clipboard` setting sees it; the other loaders check the rest.
#[derive(Deserialize)]
struct File {
    clipboard: Option<toml::Spanned<toml::Value>>,
}

/// Read the `clipboard` setting: a command line split at spaces (no shell
/// quoting), or a list of words for arguments that hold spaces.
pub fn clipboard(text: &str, source_name: &str) -> Result<Option<Vec<String>>, ConfigError> {
    // A syntax error is the keymap loader's to report, with its line.
    let Ok(File {
        clipboard: Some(setting),
    }) = toml::from_str::<File>(text)
    else {
        return Ok(None);
    };
    let error = |problem: &str| ConfigError::Clipboard {
        source_name: source_name.to_string(),
        line: line_at(text, setting.span().start),
        problem: format!("clipboard: {problem}"),
    };
    let words: Vec<String> = match setting.get_ref() {
        toml::Value::String(line) => line.split_whitespace().map(str::to_string).collect(),
        toml::Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<_>>()
            .ok_or_else(|| error("every word of the list must be a string"))?,
        _ => {
            return Err(error(
                "expected a command, as \"xclip -selection clipboard\"",
            ));
        }
    };
    match words.first() {
        Some(program) if !program.is_empty() => Ok(Some(words)),
        _ => Err(error("the command is empty")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Option<Vec<String>>, String> {
        clipboard(text, "config.toml").map_err(|e| e.to_string())
    }

    #[test]
    fn no_setting_no_command() {
        assert_eq!(read(""), Ok(None));
        assert_eq!(read("[labels]\nspeaker = [\"A\"]\n"), Ok(None));
    }

    #[test]
    fn a_command_line_is_split_at_spaces() {
        let words = read("clipboard = \"xclip  -selection clipboard\"\n");
        assert_eq!(
            words,
            Ok(Some(vec![
                "xclip".into(),
                "-selection".into(),
                "clipboard".into()
            ]))
        );
    }

    #[test]
    fn a_list_keeps_words_with_spaces() {
        let words = read("clipboard = [\"sh\", \"-c\", \"cat > x\"]\n");
        assert_eq!(
            words,
            Ok(Some(vec!["sh".into(), "-c".into(), "cat > x".into()]))
        );
    }

    #[test]
    fn an_empty_or_mistyped_command_is_an_error_at_its_line() {
        let at_line_2 = |text: &str, problem: &str| {
            assert_eq!(
                read(text),
                Err(format!("config.toml:2: clipboard: {problem}"))
            );
        };
        at_line_2("\nclipboard = \"  \"\n", "the command is empty");
        at_line_2("\nclipboard = []\n", "the command is empty");
        at_line_2(
            "\nclipboard = [\"a\", 1]\n",
            "every word of the list must be a string",
        );
        at_line_2(
            "\nclipboard = 3\n",
            "expected a command, as \"xclip -selection clipboard\"",
        );
    }

    #[test]
    fn the_keymap_loader_lets_the_setting_through() {
        let mut keymap = Keymap::default_keymap();
        keymap
            .merge_str(
                "clipboard = \"pbcopy\"\n[keys.global]\n\"x\" = \"quit\"\n",
                "c",
            )
            .unwrap();
    }
}
