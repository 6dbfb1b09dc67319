//! The bad-input matrix: files nobody should have to trust, run through the
//! built binary. Each case renders (exit 0, output that makes sense) or
//! fails with one `tread: …` line on standard error and exit 1; never a
//! panic, a hang or bytes that could drive a terminal.
//!
//! Big inputs are generated in temporary directories, never committed.

use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::hostile::hostile_transcript;

mod support;

/// Generous: CI machines are small, and the test binary is a debug build.
const LIMIT: Duration = Duration::from_secs(60);

struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
    took: Duration,
}

impl Run {
    fn out(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.stdout).expect("stdout is JSON")
    }

    /// Exit 0, no panic, and every stderr line a `tread: warning:`.
    fn assert_ok(&self) -> &Self {
        assert_eq!(self.code, Some(0), "stderr: {}", self.stderr);
        for line in self.stderr.lines() {
            assert!(line.starts_with("tread: warning: "), "{:?}", self.stderr);
        }
        self
    }

    /// Exit 1, one line on stderr containing `needle`, nothing on stdout.
    fn assert_error(&self, needle: &str) {
        assert_eq!(self.code, Some(1), "stderr: {}", self.stderr);
        assert_eq!(self.stderr.lines().count(), 1, "{:?}", self.stderr);
        assert!(self.stderr.starts_with("tread: "), "{:?}", self.stderr);
        assert!(
            self.stderr.contains(needle),
            "{:?} lacks {needle:?}",
            self.stderr
        );
        assert!(self.stdout.is_empty());
    }
}

fn spawn(args: &[&std::ffi::OsStr]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tread runs")
}

/// Run tread, killing it (and failing) if it is still running after `limit`.
fn run_within(args: &[&std::ffi::OsStr], limit: Duration) -> Run {
    let start = Instant::now();
    let mut child = spawn(args);
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let stdout = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let stderr = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        String::from_utf8(s).expect("stderr is UTF-8")
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("tread {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let run = Run {
        code: status.code(),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
        took: start.elapsed(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

fn tread(args: &[&str], file: &Path) -> Run {
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    all.push(file.as_os_str());
    run_within(&all, LIMIT)
}

fn file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Every paragraph of every turn in a `--json` document.
fn paragraphs(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for s in doc["sections"].as_array().unwrap() {
        for t in s["turns"].as_array().unwrap() {
            for p in t["paragraphs"].as_array().unwrap() {
                out.push(p.as_str().unwrap().to_string());
            }
        }
    }
    out
}

/// All the text of a `--json` document that could reach a terminal.
fn all_text(doc: &Value) -> String {
    let mut out = String::new();
    fn walk(v: &Value, out: &mut String) {
        match v {
            Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            Value::Object(o) => o.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    walk(doc, &mut out);
    out
}

/// No character that a terminal would act on.
fn assert_inert(text: &str) {
    for c in text.chars() {
        let control = c.is_control() && c != '\n';
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        assert!(!control && !bidi, "{c:?} reached the output");
    }
}

// --- small and empty ---

#[test]
fn empty_whitespace_and_bom_only_files_render_as_empty_documents() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", b" \n\t\n  \r\n\n"),
        ("bom.txt", b"\xEF\xBB\xBF"),
        ("bom16.txt", b"\xFF\xFE"),
    ] {
        let path = file(&dir, name, bytes);
        let json = tread(&["--json"], &path);
        json.assert_ok();
        assert!(paragraphs(&json.json()).is_empty(), "{name}");
        let outline = tread(&["--outline"], &path);
        outline.assert_ok();
        // The heading falls back to the file name.
        assert!(outline.out().starts_with(name), "{name}: {}", outline.out());
    }
}

// --- binary ---

#[test]
fn png_and_elf_files_are_refused_as_binary() {
    let dir = tempfile::tempdir().unwrap();
    let png = file(
        &dir,
        "image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89",
    );
    tread(&["--outline"], &png).assert_error("binary");
    // The tread executable itself is an ELF file.
    let elf = PathBuf::from(env!("CARGO_BIN_EXE_tread"));
    tread(&["--outline"], &elf).assert_error("binary");
}

#[test]
fn endless_devices_are_refused_quickly() {
    for dev in ["/dev/zero", "/dev/urandom"] {
        let run = tread(&["--json"], Path::new(dev));
        run.assert_error("binary");
        // Refused from the first 64 KiB, not after reading 256 MiB.
        assert!(run.took < Duration::from_secs(5), "{dev}: {:?}", run.took);
    }
}

#[test]
fn endless_text_is_refused_at_the_size_limit() {
    // `yes` never ends and is text: the bounded read stops at 256 MiB.
    let mut child = Command::new("sh")
        .args(["-c", "yes 'A: a line of text' | \"$0\" --json -"])
        .arg(env!("CARGO_BIN_EXE_tread"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            panic!("tread still reading an endless pipe after {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("input is too large"), "{err}");
}

// --- not a regular file ---

#[test]
fn fifo_without_a_writer_says_what_it_waits_for_then_reads() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("talk.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());

    let mut child = spawn(&["--outline".as_ref(), fifo.as_os_str()]);
    let mut err = child.stderr.take().unwrap();
    let mut notice = Vec::new();
    let start = Instant::now();
    // The notice comes while tread is still blocked in open(2).
    let mut byte = [0u8; 1];
    while !notice.ends_with(b"\n") {
        assert!(start.elapsed() < LIMIT, "no notice on stderr");
        if err.read(&mut byte).unwrap() == 0 {
            panic!("stderr closed: {}", String::from_utf8_lossy(&notice));
        }
        notice.push(byte[0]);
    }
    let notice = String::from_utf8(notice).unwrap();
    assert!(notice.starts_with("tread: "), "{notice}");
    assert!(
        notice.contains("FIFO") && notice.contains("waiting"),
        "{notice}"
    );
    assert!(child.try_wait().unwrap().is_none(), "tread gave up");

    // A writer arrives: tread reads the transcript as usual.
    std::fs::write(&fifo, "Q: Why?\nA: Because.\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 turn") || !out.stdout.is_empty());
}

#[test]
fn fifo_with_a_writer_opens_without_a_notice() {
    // Like `tread <(cmd)`: the writer is there first.
    let mut child = Command::new("sh")
        .args([
            "-c",
            "d=$(mktemp -d) && mkfifo \"$d/f\" && { printf 'Q: Hi?\\nA: Yes.\\n' > \"$d/f\" & } \
             && sleep 0.5 && \"$0\" --outline \"$d/f\"; s=$?; rm -r \"$d\"; exit $s",
        ])
        .arg(env!("CARGO_BIN_EXE_tread"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < LIMIT, "hung on a FIFO with a writer");
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn dangling_symlink_is_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("gone.txt");
    symlink(dir.path().join("nowhere.txt"), &link).unwrap();
    tread(&["--outline"], &link).assert_error("No such file");
}

#[test]
fn a_symlink_loop_is_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    symlink(dir.path().join("b.txt"), &a).unwrap();
    symlink(&a, dir.path().join("b.txt")).unwrap();
    tread(&["--outline"], &a).assert_error("cannot open");
}

#[test]
fn a_non_utf8_file_name_is_shown_lossily() {
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9 \x1b[2J.txt");
    let path = dir.path().join(name);
    std::fs::write(&path, "Q: Why?\nA: Because.\n").unwrap();
    let run = tread(&["--outline"], &path);
    run.assert_ok();
    let heading = run.out().lines().next().unwrap().to_string();
    assert!(heading.starts_with("caf\u{FFFD}"), "{heading:?}");
    assert_inert(&run.out());

    // Missing, the error names it in one line of valid UTF-8.
    let missing = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"nul\xff\x1b]0;pwned\x07.txt"));
    let run = tread(&["--outline"], &missing);
    run.assert_error("cannot open");
    assert_inert(&run.stderr);
}

// --- malformed text ---

#[test]
fn invalid_utf8_mid_file_is_replaced_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "Q: 第一个问题是什么？\nA: 答案很长，"
        .repeat(20)
        .into_bytes();
    bytes.extend_from_slice(b"\xff\xfe\xc3(\xe2\x82 broken ");
    bytes.extend_from_slice("结束。\n".as_bytes());
    let run = tread(&["--json"], &file(&dir, "bad.txt", &bytes));
    run.assert_ok();
    let doc = run.json();
    assert_eq!(doc["encoding"], "UTF-8");
    assert!(all_text(&doc).contains('\u{FFFD}'));
    assert!(!doc["warnings"].as_array().unwrap().is_empty());
}

#[test]
fn utf16_with_an_odd_byte_count_decodes() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Q: 为什么？\nA: 因为。\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    bytes.push(0x41); // half a code unit
    let run = tread(&["--json"], &file(&dir, "odd16.txt", &bytes));
    run.assert_ok();
    let doc = run.json();
    assert_eq!(doc["encoding"], "UTF-16LE");
    assert!(all_text(&doc).contains("因为"));
    // And without a BOM.
    let run = tread(&["--json"], &file(&dir, "odd16nobom.txt", &bytes[2..]));
    run.assert_ok();
}

#[test]
fn mixed_line_endings_are_one_kind() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Q: one?\r\nA: two.\rQ: three?\nA: four.\u{2028}Q: five?\r\n";
    let run = tread(&["--json"], &file(&dir, "mixed.txt", text.as_bytes()));
    run.assert_ok();
    let doc = run.json();
    let turns: usize = doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["turns"].as_array().unwrap().len())
        .sum();
    assert_eq!(turns, 5, "{doc}");
    assert_inert(&all_text(&doc));
}

#[test]
fn a_few_nul_bytes_in_text_become_visible() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = "Q: A question with some length to it?\nA: An answer, also long enough.\n"
        .repeat(10)
        .into_bytes();
    text.splice(40..40, *b"\0");
    let run = tread(&["--json"], &file(&dir, "nul.txt", &text));
    run.assert_ok();
    let doc = run.json();
    assert!(all_text(&doc).contains('\u{2400}'), "NUL not shown as ␀");
    assert_inert(&all_text(&doc));
}

// --- size ---

#[test]
fn one_20_mb_line_without_a_newline() {
    let dir = tempfile::tempdir().unwrap();
    let line = "字".repeat(20 * 1024 * 1024 / 3);
    let run = tread(&["--outline"], &file(&dir, "line.txt", line.as_bytes()));
    run.assert_ok();
}

#[test]
fn a_million_one_word_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text = "word\n".repeat(1_000_000);
    let run = tread(&["--outline"], &file(&dir, "words.txt", text.as_bytes()));
    run.assert_ok();
}

#[test]
fn a_2000_character_speaker_label() {
    let dir = tempfile::tempdir().unwrap();
    let name = "名".repeat(2000);
    let text = format!("{name}：你好。\n{name}：再见。\n");
    let run = tread(&["--json"], &file(&dir, "label.txt", text.as_bytes()));
    run.assert_ok();
    assert!(all_text(&run.json()).contains("你好"));
}

#[test]
fn a_5_mb_paragraph_full_of_claims() {
    // Every sentence holds a figure: once quadratic in --json, where
    // claim offsets are converted to characters (hours for this input).
    let dir = tempfile::tempdir().unwrap();
    let unit = "这是一句话，包含数字百分之十五。";
    let text = format!("甲：{}\n", unit.repeat(5 * 1024 * 1024 / unit.len()));
    let run = tread(&["--json"], &file(&dir, "para.txt", text.as_bytes()));
    run.assert_ok();
    let doc = run.json();
    let paragraph: Vec<char> = paragraphs(&doc)[0].chars().collect();
    let claims = doc["claims"].as_array().unwrap();
    assert!(claims.len() > 100_000, "{}", claims.len());
    for c in claims.iter().step_by(997).chain(claims.last()) {
        let (start, end) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        let slice: String = paragraph[start..end].iter().collect();
        assert_eq!(slice, c["text"].as_str().unwrap());
    }
}

// --- hostile characters ---

#[test]
fn hostile_characters_never_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir, "hostile.txt", hostile_transcript().as_bytes());
    let run = tread(&["--json"], &path);
    run.assert_ok();
    let doc = run.json();
    let text = all_text(&doc);
    assert_inert(&text);
    assert!(text.contains('\u{241B}'), "ESC shown as ␛");
    assert!(text.contains("<9B>"), "8-bit CSI shown as <9B>");
    assert!(text.contains("👨\u{200D}👩"), "ZWJ sequences kept");
    assert!(text.contains("——") && text.contains("……"));
    for out in ["--outline", "--claims"] {
        let run = tread(&[out], &path);
        run.assert_ok();
        assert_inert(&run.out());
        assert!(!run.stdout.contains(&0x1b));
        assert!(!run.stderr.contains('\x1b'), "{:?}", run.stderr);
    }
}
