//! Opening a claim's source (`o`) with the system's opener, never waited for.

use crate::app::status::Message;

/// Open a web address with the system's opener (`open` on macOS,
/// `xdg-open` elsewhere), detached: the reader never waits for it, and its
/// output cannot reach the screen. A thread reaps it. Only `http(s)` goes:
/// a source is text the user typed, and the opener would run a file.
pub fn open_url(url: &str) -> Option<Message> {
    use std::process::{Command, Stdio};
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Some(Message::warning("only http and https addresses are opened"));
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let child = Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match child {
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
            None
        }
        Err(e) => Some(Message::warning(format!("could not run {opener}: {e}"))),
    }
}
