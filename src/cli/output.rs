//! Where an export goes: standard output, or `-o FILE` replaced atomically
//! (a temporary file beside it, fsync, rename, fsync of the directory), so
//! a reader of FILE sees the old export or the new one, never half of one.
//!
//! Not `store::atomic::write`: its temporary files are private (0600),
//! right for the store and wrong for an export made to be shared. Here the
//! file gets the mode the one it replaces had, or else what the umask
//! gives a new file, as `tread … > FILE` would.

use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::{FlagError, Format, printable};
use crate::store::atomic::sync_dir;

/// Refuse to write a binary format to a terminal.
pub fn check_binary(format: Format, to_file: bool, stdout_is_terminal: bool) -> Result<()> {
    if format.is_binary() && !to_file && stdout_is_terminal {
        return Err(FlagError(format!(
            "{} is a binary format and standard output is a terminal; write it to a file with -o FILE",
            Format::name(format)
        ))
        .into());
    }
    Ok(())
}

/// `-o -` is standard output, as is no `-o`.
pub fn file_of(output: Option<&Path>) -> Option<&Path> {
    output.filter(|p| p.as_os_str() != "-")
}

/// Write `bytes` where `-o` says. `inputs` are the files the export was
/// read from: writing over one of them is refused.
pub fn emit<'a>(
    output: Option<&Path>,
    bytes: &[u8],
    inputs: impl IntoIterator<Item = &'a Path>,
) -> Result<()> {
    let Some(path) = file_of(output) else {
        let mut out = io::stdout().lock();
        return match out.write_all(bytes).and_then(|()| out.flush()) {
            // `tread --bookmarks … | head`: the reader of the pipe is done.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => Ok(other?),
        };
    };
    let label = printable(&path.display().to_string());
    for input in inputs {
        if same_file(path, input) {
            bail!(FlagError(format!(
                "-o {label} is the transcript being exported; choose another file"
            )));
        }
    }
    write_atomically(path, bytes).with_context(|| format!("cannot write {label}"))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

/// Replace `path` with `bytes`, all or nothing.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mode = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => return Err(io::Error::other("it is a directory")),
        Ok(m) => m.permissions().mode() & 0o7777,
        // The OS takes the umask off, as for any new file.
        Err(_) => 0o666,
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(mode))
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // On failure the temporary file is removed when `tmp` drops.
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_and_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_atomically(&path, b"one").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left");
        assert!(write_atomically(dir.path(), b"x").is_err());
    }
}
