//! The store under faults, end to end in a real pseudo-terminal: a disk
//! that refuses writes (`RLIMIT_FSIZE`, which needs no root and hits every
//! write the process makes), another process holding the store's lock, and
//! a second instance whose bookmarks show up in the first.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use support::pty::{Pty, TIMEOUT};

const TALK: &str = "\
Harbour talk

Anna: The harbour opens in May. Not yet.
Ben: We will see about that. It opens in June.
Anna: Then June it is.
Ben: Or July.
";

struct Setup {
    _dir: tempfile::TempDir,
    data: PathBuf,
    file: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("talk.txt");
    std::fs::write(&file, TALK).unwrap();
    Setup {
        _dir: dir,
        data,
        file,
    }
}

impl Setup {
    fn args(&self) -> Vec<String> {
        vec![
            "--data-dir".into(),
            self.data.display().to_string(),
            "--no-resume".into(),
            self.file.display().to_string(),
        ]
    }

    fn open(&self) -> Pty {
        let args = self.args();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let pty = Pty::spawn(&args, &[], 100, 24);
        pty.wait_text("[dialogue]").unwrap();
        pty
    }

    /// tread in a shell that forbids writing any byte to any file (as a
    /// full disk does) but can be lifted later with `prlimit`.
    fn open_on_a_full_disk(&self) -> Pty {
        let quoted: Vec<String> = self.args().iter().map(|a| format!("'{a}'")).collect();
        let script = format!(
            "trap '' XFSZ; ulimit -S -f 0; exec {} {}",
            env!("CARGO_BIN_EXE_tread"),
            quoted.join(" ")
        );
        let pty = Pty::spawn_program("sh", &["-c", &script], &[], 100, 24);
        pty.wait_text("[dialogue]").unwrap();
        pty
    }

    fn bookmarks(&self) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_tread"))
            .arg("--data-dir")
            .arg(&self.data)
            .arg("--bookmarks")
            .arg(&self.file)
            .env("XDG_CONFIG_HOME", self.data.join("no-config"))
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    }

    fn log(&self) -> PathBuf {
        let key = tread::store::DocKey::for_path(&self.file).key;
        self.data.join("bookmarks").join(format!("{key}.log"))
    }
}

/// Lift the file size limit of the running process: the disk has room again.
fn free_the_disk(pty: &Pty) {
    let pid = pty.pid().expect("a pid") as libc::pid_t;
    let unlimited = libc::rlimit {
        rlim_cur: libc::RLIM_INFINITY,
        rlim_max: libc::RLIM_INFINITY,
    };
    // SAFETY: prlimit reads `unlimited` and writes nothing through the null pointer.
    let rc = unsafe { libc::prlimit(pid, libc::RLIMIT_FSIZE, &unlimited, std::ptr::null_mut()) };
    assert_eq!(rc, 0, "prlimit: {}", std::io::Error::last_os_error());
}

fn mark_anna(pty: &mut Pty) {
    pty.send("j");
    pty.wait_text("Anna").unwrap();
    pty.send("m");
}

#[test]
fn a_bookmark_made_on_a_full_disk_is_kept_and_saved_when_room_comes_back() {
    let s = setup();
    let mut pty = s.open_on_a_full_disk();
    mark_anna(&mut pty);
    pty.wait_text("kept, not saved yet").unwrap();
    free_the_disk(&pty);
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0), "{}", pty.screen_text());
    pty.terminal_restored().unwrap();
    assert!(s.bookmarks().starts_with("> Not yet."), "{}", s.bookmarks());
}

#[test]
fn quitting_while_the_disk_stays_full_asks_then_exits_non_zero() {
    let s = setup();
    let mut pty = s.open_on_a_full_disk();
    mark_anna(&mut pty);
    pty.wait_text("kept, not saved yet").unwrap();
    pty.send("q");
    pty.wait_text("Unsaved bookmarks").unwrap();
    pty.wait_text("1 bookmark change is not saved.").unwrap();
    pty.send("Q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(1));
    pty.terminal_restored().unwrap();
    let screen = pty.screen_text();
    assert!(screen.contains("not saved in the store"), "{screen}");
}

#[test]
fn a_lock_held_elsewhere_delays_the_save_without_losing_it() {
    let s = setup();
    // The log exists once something was saved; then hold its lock, as an
    // instance stopped mid-save would.
    let mut pty = s.open();
    pty.send("jjm");
    pty.wait_text("bookmarked").unwrap();
    let holder = std::fs::File::open(s.log()).unwrap();
    holder.lock().unwrap();

    pty.send("k");
    pty.wait_text("Anna").unwrap();
    pty.send("m");
    pty.wait_text("kept, not saved yet").unwrap();
    drop(holder);
    // The idle retry saves it, without a key press.
    pty.wait_for(|sc| sc.contents().contains("saved 1"), TIMEOUT)
        .unwrap();
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    let md = s.bookmarks();
    assert_eq!(
        md.matches("\n> ").count() + usize::from(md.starts_with("> ")),
        2,
        "{md}"
    );
}

#[test]
fn a_second_instance_shows_the_first_ones_bookmarks_while_open() {
    let s = setup();
    let mut first = s.open();
    let second = s.open();
    let marked = |p: &Pty| p.screen_text().lines().any(|l| l.contains('▍'));
    mark_anna(&mut first);
    first.wait_text("bookmarked").unwrap();
    assert!(marked(&first));
    second
        .wait_for(|sc| sc.contents().contains('▍'), TIMEOUT)
        .unwrap();
    std::thread::sleep(Duration::from_millis(10));
    assert!(marked(&second));
    drop(first);
    drop(second);
    assert!(Path::new(&s.log()).exists());
}
