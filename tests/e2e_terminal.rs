//! End-to-end tests of the terminal's edge: the reader starts where the
//! terminal answers no query, every catchable terminating signal leaves the
//! terminal restored, and a stop (Ctrl-Z or SIGTSTP) hands it back and
//! redraws on `fg`.

mod support;

use support::pty::{Pty, TIMEOUT, keys};

/// The first section's title, drawn once the sample is open.
const FIRST: &str = "大模型的竞争远远没有结束";

/// Wait for a whole frame: the status line is its last row.
fn drawn(pty: &Pty) {
    pty.wait_text(FIRST).unwrap();
    pty.wait_text("[dialogue]").unwrap();
}

fn asked_for_the_cursor(pty: &Pty) -> bool {
    pty.raw_output().windows(4).any(|w| w == b"\x1b[6n")
}

/// Wait until the screen is the reader's again after a stop: back in the
/// alternate screen, the second section (where it was left) redrawn.
fn redrawn(pty: &Pty) {
    pty.wait_for(
        |s| s.alternate_screen() && s.contents().contains("§2/5"),
        TIMEOUT,
    )
    .unwrap();
    pty.wait_text("§ 01 “深度应用”,即将到来").unwrap();
}

#[test]
fn the_reader_starts_and_quits_where_the_terminal_answers_no_query() {
    let mut pty = Pty::spawn_silent(&[], &[], 100, 30);
    drawn(&pty);
    // Spawned directly, the stop is discarded: it comes straight back, and
    // a SIGCONT (what `fg` sends) changes nothing.
    pty.send("]");
    pty.wait_text("§2/5").unwrap();
    pty.send(keys::CTRL_Z);
    pty.signal("CONT");
    redrawn(&pty);
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
    assert!(!asked_for_the_cursor(&pty));
}

#[test]
fn ctrl_z_stops_the_job_and_fg_redraws_where_the_terminal_answers_no_query() {
    let mut pty = Pty::spawn_job(&[], &[], 100, 30, false);
    drawn(&pty);
    pty.send("]");
    pty.wait_text("§2/5").unwrap();
    pty.send(keys::CTRL_Z);
    pty.wait_job_stopped().unwrap();
    pty.terminal_restored().unwrap();
    pty.resume_job();
    redrawn(&pty);
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
    assert!(!asked_for_the_cursor(&pty));
}

#[test]
fn sigtstp_from_outside_stops_like_ctrl_z_and_fg_redraws() {
    let mut pty = Pty::spawn_job(&[], &[], 100, 30, true);
    drawn(&pty);
    pty.send("]");
    pty.wait_text("§2/5").unwrap();
    pty.signal_job("TSTP");
    pty.wait_job_stopped().unwrap();
    pty.terminal_restored().unwrap();
    pty.resume_job();
    redrawn(&pty);
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
}

#[test]
fn sigtstp_where_no_shell_could_resume_comes_straight_back() {
    // The reader leads its own session here: the kernel discards the stop,
    // and the reader hands the terminal back and takes it again at once.
    let mut pty = Pty::spawn(&[], &[], 100, 30);
    drawn(&pty);
    pty.send("]");
    pty.wait_text("§2/5").unwrap();
    let before = pty.raw_output().len();
    pty.signal("TSTP");
    pty.wait_for(|s| s.alternate_screen(), TIMEOUT).unwrap();
    let deadline = std::time::Instant::now() + TIMEOUT;
    while !String::from_utf8_lossy(&pty.raw_output()[before..]).contains("\x1b[?1049h") {
        assert!(std::time::Instant::now() < deadline, "not re-entered");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let tail = String::from_utf8_lossy(&pty.raw_output()[before..]).into_owned();
    assert!(
        tail.find("\x1b[?1049l") < tail.find("\x1b[?1049h"),
        "{tail:?}"
    );
    redrawn(&pty);
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
}

/// Send `sig` to the open reader: it exits with 128 + the signal's number,
/// by itself (not killed, so no core dump for SIGQUIT), terminal restored.
fn ends_restored(name: &str, number: i32) {
    let mut pty = Pty::spawn(&[], &[], 100, 30);
    drawn(&pty);
    assert!(pty.with_screen(|s| s.hide_cursor()));
    pty.signal(name);
    let code = u32::try_from(128 + number).unwrap();
    assert_eq!(pty.wait_exit(TIMEOUT), Some(code), "SIG{name}");
    assert_eq!(pty.exit_signal(), None, "SIG{name} killed it");
    pty.terminal_restored()
        .unwrap_or_else(|e| panic!("SIG{name}: {e}"));
}

#[test]
fn sigquit_restores_the_terminal_and_exits_without_a_core_dump() {
    ends_restored("QUIT", libc::SIGQUIT);
}

#[test]
fn sigusr1_restores_the_terminal() {
    ends_restored("USR1", libc::SIGUSR1);
}

#[test]
fn sigusr2_restores_the_terminal() {
    ends_restored("USR2", libc::SIGUSR2);
}

#[test]
fn sigalrm_restores_the_terminal() {
    ends_restored("ALRM", libc::SIGALRM);
}

#[test]
fn the_other_terminating_signals_restore_the_terminal() {
    let mut signals = vec![("VTALRM", libc::SIGVTALRM), ("XCPU", libc::SIGXCPU)];
    #[cfg(target_os = "linux")]
    signals.extend([("PWR", libc::SIGPWR), ("IO", libc::SIGIO)]);
    // In parallel: each is a reader of its own.
    let threads: Vec<_> = signals
        .into_iter()
        .map(|(name, number)| std::thread::spawn(move || ends_restored(name, number)))
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}

#[test]
fn sigxfsz_is_ignored_so_a_write_past_the_size_limit_fails_instead() {
    let mut pty = Pty::spawn(&[], &[], 100, 30);
    drawn(&pty);
    pty.signal("XFSZ");
    pty.send("]");
    pty.wait_text("§2/5").unwrap();
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
}
