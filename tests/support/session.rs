//! The built binary on a document with a data directory of its own: the
//! reader in a pseudo-terminal, or a print mode's output.

use std::path::Path;
use std::process::Command;

use super::pty::Pty;

/// The reader on `file` (100×24) keeping its data in `data`, from the top,
/// once its status line is drawn.
pub fn open_reader(data: &Path, file: &Path) -> Pty {
    let args = [
        "--data-dir",
        data.to_str().unwrap(),
        "--no-resume",
        file.to_str().unwrap(),
    ];
    let pty = Pty::spawn(&args, &[], 100, 24);
    pty.wait_text("[dialogue]").unwrap();
    pty
}

/// A print mode's standard output, with `data` as the data directory and
/// no config file; a non-zero exit fails the test with its stderr.
pub fn print(data: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_tread"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("XDG_CONFIG_HOME", data.join("no-config"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}
