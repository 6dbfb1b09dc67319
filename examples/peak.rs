//! Peak memory and time of a load, on the input shapes that stress it.
//!
//! `cargo run --release --example peak -- gen SHAPE MB FILE` writes a
//! generated input; `cargo run --release --example peak -- load FILE
//! [--reader]` loads it as the command line does (`load_owned`, so the
//! file's bytes are freed once decoded), optionally opens the reader on it
//! (`State::new`: the flow, claims pane and search index), and prints the
//! time and the peak resident set (`VmHWM` from /proc/self/status, Linux).
//! Generating and loading are separate processes so the generator's
//! buffers never count towards the peak.
//!
//! Shapes: `zh` (the sample's body repeated), `en` (an English interview,
//! two speakers, paragraphs of a few sentences), `words` (one-word turns,
//! `A: x` / `B: y`), `line` (one line, no line break), `sections` (a
//! Markdown heading every few lines), `srt` (one-word captions), `md`
//! (Markdown with bold speaker labels), and the timed formats as
//! benches/parse.rs writes them: `cues` (SRT), `vtt`, `json`.

use std::io::Write;
use std::time::Instant;

use tread::app::State;
use tread::app::keymap::Keymap;
use tread::transcript::{LoadOptions, load_owned};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["gen", shape, mb, file] => {
            let bytes = mb.parse::<f64>().expect("a size in MB") * 1e6;
            generate(shape, bytes as usize, file);
        }
        ["load", file, ref rest @ ..] => measure(file, rest.contains(&"--reader")),
        _ => eprintln!("usage: peak gen SHAPE MB FILE | peak load FILE [--reader]"),
    }
}

fn measure(file: &str, reader: bool) {
    let bytes = std::fs::read(file).expect("a readable file");
    let size = bytes.len() as f64;
    let options = LoadOptions {
        extension: file.rsplit_once('.').map(|(_, e)| e.to_string()),
        ..LoadOptions::default()
    };
    let t = Instant::now();
    let doc = load_owned(bytes, &options).expect("loads");
    let loaded = t.elapsed().as_secs_f64();
    let turns = doc.turns().count();
    let sections = doc.sections.len();
    let mut open = 0.0;
    let state = reader.then(|| {
        let t = Instant::now();
        let s = State::new(doc, "peak", Keymap::default_keymap());
        open = t.elapsed().as_secs_f64();
        s
    });
    std::hint::black_box(&state);
    let hwm = status_kb("VmHWM:") as f64 * 1024.0;
    println!(
        "{file}: {:.1} MB, {sections} sections, {turns} turns; load {:.2} s ({:.0} MiB/s){}; peak {:.0} MB = {:.2}x",
        size / 1e6,
        loaded,
        size / loaded / (1 << 20) as f64,
        if reader {
            format!(", reader open {open:.2} s")
        } else {
            String::new()
        },
        hwm / 1e6,
        hwm / size
    );
}

/// A field of /proc/self/status, in kB.
fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn generate(shape: &str, size: usize, file: &str) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(file).expect("writable"));
    let mut written = 0;
    let mut i = 0usize;
    let mut put = |s: &str, written: &mut usize| {
        out.write_all(s.as_bytes()).expect("writes");
        *written += s.len();
    };
    let sample = std::str::from_utf8(tread::SAMPLE).expect("UTF-8");
    let body: String = sample.split_inclusive('\n').skip(4).collect();
    if shape == "zh" {
        put(&sample[..sample.find("\"大").unwrap_or(0)], &mut written);
    }
    while written < size {
        let chunk = match shape {
            "zh" => body.clone(),
            "en" => english(i),
            "words" => ["A: x\n", "B: y\n"][i % 2].to_string(),
            "line" => "word ".repeat(1000),
            "sections" => format!("# Part {i}\n\nA: one line here.\n\nB: and a reply.\n\n"),
            "srt" => format!(
                "{}\n00:{:02}:{:02},000 --> 00:{:02}:{:02},500\nx\n\n",
                i + 1,
                i / 60 % 60,
                i % 60,
                i / 60 % 60,
                i % 60
            ),
            "md" => format!("**{}:** {}\n\n", ["Ana", "Leo"][i % 2], english_text(i)),
            "vtt" if i == 0 => "WEBVTT\n\n".to_string(),
            "vtt" => format!(
                "{i}\n{} --> {}\n<v {}>{}</v>\n\n",
                clock(i, '.'),
                clock(i + 1, '.'),
                ["Ana Lima", "Leo Park"][i % 2],
                bench_text(i)
            ),
            "cues" => format!(
                "{i}\n{} --> {}\n{}: {}\n\n",
                clock(i, ','),
                clock(i + 1, ','),
                ["Ana Lima", "Leo Park"][i % 2],
                bench_text(i)
            ),
            "json" => format!(
                "{}{{\"start\": {}.5, \"end\": {}.0, \"text\": \" {}\", \"speaker\": \"{}\"}}\n",
                if i == 0 { "{\"segments\": [\n" } else { "," },
                i * 3,
                i * 3 + 2,
                bench_text(i),
                ["Ana Lima", "Leo Park"][i % 2],
            ),
            _ => panic!("unknown shape {shape}"),
        };
        put(&chunk, &mut written);
        i += 1;
    }
    if shape == "json" {
        put("]}\n", &mut written);
    }
}

/// `hh:mm:ss` and milliseconds for cue `i` (2.5 s apart), as benches/parse.rs writes them.
fn clock(i: usize, sep: char) -> String {
    let ms = i * 2500;
    let s = ms / 1000;
    format!(
        "{:02}:{:02}:{:02}{sep}{:03}",
        s / 3600,
        s / 60 % 60,
        s % 60,
        ms % 1000
    )
}

/// A cue's text as benches/parse.rs writes it.
fn bench_text(i: usize) -> String {
    format!(
        "We measured {i} samples and the error fell by {}% this week.",
        i % 40
    )
}

fn english_text(i: usize) -> String {
    format!(
        "We measured {i} samples last year, and the error fell by {}% after the change. \
         I think that is the part people miss. It was not one fix; it was forty small ones, \
         and each of them had to be checked against the old numbers before we shipped it.",
        i % 40
    )
}

fn english(i: usize) -> String {
    let who = ["INTERVIEWER", "DR. ANA LIMA"][i % 2];
    let text = english_text(i);
    if i.is_multiple_of(3) {
        format!("{who}: {text}\n\n{text}\n\n")
    } else {
        format!("{who}: {text}\n\n")
    }
}
