//! Time to the first frame of a command in a pseudo-terminal: how long from
//! spawning until the screen shows `MARKER`, the median of several runs.
//! `cargo run --release --example first_frame -- RUNS MARKER CMD ARGS…`,
//! e.g. `… 7 "INTERVIEWER" less big.txt` against `… 7 "INTERVIEWER"
//! target/release/tread big.txt`. With `KEYS=N` in the environment it also
//! times N presses of `j` (key to changed screen), split by whether the
//! screen still said `loading`: keys while a large file loads against keys
//! once it has. With `APPEND=N` (for `tread -f FILE`, FILE last) it appends
//! N turns to FILE, one every 200 ms, and times each until it is on screen.

use std::io::{Read, Write};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [runs, marker, cmd @ ..] = args.as_slice() else {
        eprintln!("usage: first_frame RUNS MARKER CMD [ARGS…]");
        std::process::exit(2);
    };
    let runs: usize = runs.parse().expect("RUNS is a number");
    let keys: usize = std::env::var("KEYS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(0);
    let appends: usize = std::env::var("APPEND")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(0);
    let (mut first, mut loading, mut loaded) = (Vec::new(), Vec::new(), Vec::new());
    let mut appeared = Vec::new();
    for _ in 0..runs {
        let mut s = Session::spawn(cmd);
        first.push(s.wait_for(|screen| screen.contains(marker)));
        for _ in 0..keys {
            let was_loading = s.screen().contains("loading");
            let took = s.key(b"j");
            if was_loading {
                loading.push(took)
            } else {
                loaded.push(took)
            }
        }
        for i in 0..appends {
            std::thread::sleep(Duration::from_millis(200));
            let mark = format!("appended-{}-{i}", appeared.len());
            let mut file = std::fs::OpenOptions::new()
                .append(true)
                .open(cmd.last().expect("a file"))
                .expect("FILE opens for appending");
            s.start = Instant::now();
            writeln!(file, "\nREPORTER: {mark} is the newest line.").expect("appends");
            appeared.push(s.wait_for(|screen| screen.contains(&mark)));
        }
        s.quit();
    }
    println!("{}:", cmd.join(" "));
    summary("first frame", first);
    summary("key while loading", loading);
    summary("key once loaded", loaded);
    summary("appended turn on screen", appeared);
}

fn summary(what: &str, mut times: Vec<Duration>) {
    if times.is_empty() {
        return;
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let n = times.len();
    println!(
        "  {what}: median {:.1} ms (min {:.1}, max {:.1}, n {n})",
        ms(times[n / 2]),
        ms(times[0]),
        ms(times[n - 1])
    );
}

/// A command on a 120×40 pty, its output fed to a vt100 screen.
struct Session {
    // Kept open: dropping it would hang the pty up.
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    out: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    start: Instant,
}

impl Session {
    fn spawn(cmd: &[String]) -> Session {
        let size = PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system().openpty(size).expect("a pty");
        let mut builder = CommandBuilder::new(&cmd[0]);
        builder.args(&cmd[1..]);
        builder.cwd(std::env::current_dir().expect("a working directory"));
        builder.env("TERM", "xterm-256color");
        builder.env(
            "TREAD_DATA_DIR",
            std::env::temp_dir().join("first-frame-data"),
        );
        let start = Instant::now();
        let child = pair.slave.spawn_command(builder).expect("spawns");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let (tx, out) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let writer = pair.master.take_writer().expect("a writer");
        let parser = vt100::Parser::new(40, 120, 0);
        Session {
            _master: pair.master,
            writer,
            child,
            out,
            parser,
            start,
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Time from `self.start` until the screen satisfies `done`.
    fn wait_for(&mut self, done: impl Fn(&str) -> bool) -> Duration {
        loop {
            if done(&self.screen()) {
                return self.start.elapsed();
            }
            let bytes = self
                .out
                .recv_timeout(Duration::from_secs(30))
                .expect("output in 30 s");
            self.parser.process(&bytes);
        }
    }

    /// Press `key` and time it until the screen changes.
    fn key(&mut self, key: &[u8]) -> Duration {
        std::thread::sleep(Duration::from_millis(30));
        while let Ok(bytes) = self.out.try_recv() {
            self.parser.process(&bytes);
        }
        let before = self.parser.screen().contents_formatted();
        self.start = Instant::now();
        self.writer.write_all(key).expect("writes");
        loop {
            let bytes = self
                .out
                .recv_timeout(Duration::from_secs(30))
                .expect("output in 30 s");
            self.parser.process(&bytes);
            if self.parser.screen().contents_formatted() != before {
                return self.start.elapsed();
            }
        }
    }

    fn quit(mut self) {
        let _ = self.writer.write_all(b"q");
        let _ = self.child.wait();
    }
}
