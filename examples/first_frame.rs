//! Time to the first frame of a command in a pseudo-terminal: how long from
//! spawning until the screen shows `MARKER`, the median of several runs.
//! `cargo run --release --example first_frame -- RUNS MARKER CMD ARGS…`,
//! e.g. `… 5 "Reading" less big.txt` against `… 5 "§" target/release/tread big.txt`.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [runs, marker, cmd @ ..] = args.as_slice() else {
        eprintln!("usage: first_frame RUNS MARKER CMD [ARGS…]");
        std::process::exit(2);
    };
    let runs: usize = runs.parse().expect("RUNS is a number");
    let mut times: Vec<Duration> = (0..runs).map(|_| once(marker, cmd)).collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{}: median {:.1} ms (min {:.1}, max {:.1}, {runs} runs)",
        cmd.join(" "),
        ms(times[runs / 2]),
        ms(times[0]),
        ms(times[runs - 1])
    );
}

/// One run: spawn at 120×40, feed the output to a vt100 screen until it
/// shows `marker`, then quit with `q` and wait.
fn once(marker: &str, cmd: &[String]) -> Duration {
    let size = PtySize {
        rows: 40,
        cols: 120,
        pixel_width: 0,
        pixel_height: 0,
    };
    let pair = native_pty_system().openpty(size).expect("a pty");
    let mut builder = CommandBuilder::new(&cmd[0]);
    builder.args(&cmd[1..]);
    builder.env("TERM", "xterm-256color");
    builder.env(
        "TREAD_DATA_DIR",
        std::env::temp_dir().join("first-frame-data"),
    );
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(builder).expect("spawns");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("a reader");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(40, 120, 0);
    let took = loop {
        let bytes = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("output within 30 s");
        parser.process(&bytes);
        if parser.screen().contents().contains(marker) {
            break start.elapsed();
        }
    };
    let mut writer = pair.master.take_writer().expect("a writer");
    let _ = writer.write_all(b"q");
    let _ = child.wait();
    took
}
