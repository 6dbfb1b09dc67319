//! The command line, end to end: the built binary run on files and pipes,
//! plus the printers on hand-built documents.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tread::cli::{JsonDocument, print_claims, print_outline};
use tread::transcript::{Claim, ClaimKind, Document, Meta, Quantity, Reason, Section, Turn};

const SECTION_TITLES: [&str; 4] = [
    "“深度应用”,即将到来",
    "大模型颠覆平台型企业",
    "生产模式将加速转变",
    "造一座“蒸馏工厂”,让模型能混合应用",
];

fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/llamacon-2025.txt")
}

/// A config home with no config in it: print modes read the config, and a
/// developer's own must not change what these tests see.
const NO_CONFIG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/no-config-home");

/// Run tread with `args`, feeding `stdin` (or nothing: /dev/null).
fn tread(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(args)
        .env("XDG_CONFIG_HOME", NO_CONFIG)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tread runs");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        // A writer thread, so a full stdout pipe cannot deadlock us.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    child.wait_with_output().expect("tread finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// Exit 1 and exactly one line on stderr, containing `needle`.
fn assert_one_line_error(o: &Output, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "stderr: {err:?}");
    assert!(err.starts_with("tread: "), "{err:?}");
    assert!(err.contains(needle), "{err:?} lacks {needle:?}");
    assert!(o.stdout.is_empty());
}

fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("Uid:"))?.to_string();
            // Real, effective, saved, filesystem: the effective one decides.
            line.split_whitespace().nth(2).map(|euid| euid == "0")
        })
        .unwrap_or(false)
}

// --- outputs on the sample ---

#[test]
fn outline_of_the_sample_lists_its_four_sections() {
    let o = tread(&["--outline", sample_path().to_str().unwrap()], None);
    assert!(o.status.success());
    let text = stdout(&o);
    for title in SECTION_TITLES {
        assert!(text.contains(title), "outline lacks {title:?}:\n{text}");
    }
    assert!(text.contains(" turns"), "{text}");
}

#[test]
fn json_has_the_documented_shape() {
    let o = tread(&["--json", sample_path().to_str().unwrap()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert!(v["title"].is_string() || v["title"].is_null());
    assert_eq!(v["encoding"], "UTF-8");
    assert!(
        v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .all(Value::is_string)
    );
    assert!(
        v["trailer"]
            .as_array()
            .unwrap()
            .iter()
            .all(Value::is_string)
    );
    for m in v["metadata"].as_array().unwrap() {
        assert!(m["key"].is_string() && m["value"].is_string());
    }
    let speakers = v["speakers"].as_array().unwrap();
    assert!(!speakers.is_empty());
    for s in speakers {
        assert!(s["name"].is_string() && s["turns"].is_u64());
    }
    let sections = v["sections"].as_array().unwrap();
    assert!(!sections.is_empty());
    for s in sections {
        assert!(s["number"].is_string() || s["number"].is_null());
        assert!(s["title"].is_string() || s["title"].is_null());
        for t in s["turns"].as_array().unwrap() {
            assert!(t["speaker"].is_string() || t["speaker"].is_null());
            assert!(t["line"].is_u64());
            assert!(
                t["paragraphs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(Value::is_string)
            );
        }
    }
    assert!(v["claims"].is_array());
}

#[test]
fn claims_runs_and_prints_one_claim_per_line() {
    let o = tread(&["--claims", sample_path().to_str().unwrap()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    for line in stdout(&o).lines() {
        assert!(line.starts_with('§') && line.ends_with(']'), "{line}");
    }
}

#[test]
fn stdin_via_dash_and_via_pipe_match_the_file() {
    let path = sample_path();
    let from_file = tread(&["--json", path.to_str().unwrap()], None);
    let sample = std::fs::read(&path).unwrap();
    for args in [&["--json", "-"][..], &["--json"][..]] {
        let o = tread(args, Some(&sample));
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(o.stdout, from_file.stdout, "{args:?}");
    }
}

#[test]
fn outline_heading_falls_back_to_the_file_name() {
    let (_dir, path) = temp_file("talk.txt", "主持人：你好。\n嘉宾：你好！\n".as_bytes());
    let o = tread(&["--outline", path.to_str().unwrap()], None);
    assert!(o.status.success());
    let text = stdout(&o);
    let first = text.lines().next().unwrap();
    assert!(!first.is_empty());
    assert!(text.contains("turn"), "{text}");
}

// --- encodings ---

#[test]
fn gbk_file_is_read_with_and_without_the_flag() {
    let text = "主持人：欢迎来到今天的访谈，我们谈谈开源模型。\n嘉宾：谢谢，很高兴来到这里。\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let (_dir, path) = temp_file("gbk.txt", &gbk);
    for args in [&["--json", "--encoding", "gbk"][..], &["--json"][..]] {
        let mut args = args.to_vec();
        args.push(path.to_str().unwrap());
        let o = tread(&args, None);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["encoding"], "GBK");
        assert!(stdout(&o).contains("欢迎来到今天的访谈"));
    }
}

#[test]
fn unknown_encoding_is_exit_1() {
    let o = tread(
        &["--encoding", "klingon", sample_path().to_str().unwrap()],
        None,
    );
    assert_one_line_error(&o, "unknown encoding 'klingon'");
    // Reported before standard input is read.
    let o = tread(&["--encoding", "klingon"], Some(b"hello"));
    assert_one_line_error(&o, "unknown encoding");
}

#[test]
fn decoding_warnings_go_to_stderr_and_json() {
    let mut bytes = "主持人：欢迎来到今天的访谈。".as_bytes().to_vec();
    bytes.extend(b" \xff ok\n");
    let (_dir, path) = temp_file("bad.txt", &bytes);
    let o = tread(&["--outline", path.to_str().unwrap()], None);
    assert!(o.status.success());
    assert_eq!(
        stderr(&o),
        "tread: warning: invalid UTF-8 replaced (1 byte)\n"
    );
    let o = tread(&["--json", path.to_str().unwrap()], None);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["warnings"][0], "invalid UTF-8 replaced (1 byte)");
    assert!(o.stderr.is_empty());
}

// --- errors ---

#[test]
fn missing_file_is_one_line_and_exit_1() {
    let o = tread(&["--outline", "no-such-transcript.txt"], None);
    assert_one_line_error(
        &o,
        "cannot open no-such-transcript.txt: No such file or directory",
    );
}

#[test]
fn directory_is_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let o = tread(&[dir.path().to_str().unwrap()], None);
    assert_one_line_error(&o, "is a directory");
}

#[test]
fn binary_input_is_one_line_and_exit_1() {
    let (_dir, png) = temp_file("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    let o = tread(&["--outline", png.to_str().unwrap()], None);
    assert_one_line_error(
        &o,
        "image.png: this looks like a binary file (PNG image), not a transcript",
    );
    let elf = std::fs::read("/proc/self/exe").unwrap();
    let o = tread(&["--json", "-"], Some(&elf));
    assert_one_line_error(
        &o,
        "standard input: this looks like a binary file (ELF executable)",
    );
}

#[test]
fn unreadable_file_is_one_line_and_exit_1() {
    if running_as_root() {
        // Root reads a chmod-000 file, but a write-only sysctl refuses
        // reading even to root.
        let path = "/proc/sys/vm/compact_memory";
        let refused = std::fs::File::open(path)
            .is_err_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied);
        if !refused {
            eprintln!("skipped: running as root and {path} is readable or absent");
            return;
        }
        let o = tread(&[path], None);
        assert_one_line_error(
            &o,
            "cannot open /proc/sys/vm/compact_memory: Permission denied",
        );
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = temp_file("secret.txt", b"hello\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    let o = tread(&[path.to_str().unwrap()], None);
    assert_one_line_error(&o, "Permission denied");
}

#[test]
fn oversized_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).unwrap();
    // Sparse: no disk space, no time.
    file.set_len(tread::cli::MAX_INPUT_BYTES + 1).unwrap();
    let o = tread(&[path.to_str().unwrap()], None);
    assert_one_line_error(
        &o,
        "file is too large (257 MiB; tread reads at most 256 MiB)",
    );
}

#[test]
fn bad_flags_are_exit_2() {
    assert_eq!(tread(&["--no-such-flag"], None).status.code(), Some(2));
    assert_eq!(tread(&["--json", "--outline"], None).status.code(), Some(2));
    assert_eq!(tread(&["--encoding"], None).status.code(), Some(2));
}

#[test]
fn closed_output_pipe_exits_quietly() {
    let line = "扎克伯格：我们今天谈谈开源模型和人工智能的未来，这是一段很长的话。\n";
    let (_dir, path) = temp_file("big.txt", line.repeat(20_000).as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(["--json", path.to_str().unwrap()])
        .env("XDG_CONFIG_HOME", NO_CONFIG)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    assert_eq!(&first, b"{");
    drop(child.stdout.take()); // like `| head -c 1`
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}, stderr: {err}");
    assert_eq!(err, "");
}

// --- printers on hand-built documents ---

fn doc_with_claims() -> Document {
    let turn = |speaker: Option<&str>, text: &str| Turn {
        speaker: speaker.map(str::to_string),
        line: 3,
        end_line: 3,
        paragraphs: vec![text.to_string()],
        time: None,
    };
    let para = "他说：到2026年，一半的代码将由AI编写。";
    let start = para.find("到").unwrap();
    let end = para.find("。").unwrap() + "。".len();
    Document {
        title: Some("对话".into()),
        metadata: vec![Meta {
            key: "日期".into(),
            value: "2025-05-08".into(),
            line: 2,
        }],
        sections: vec![
            Section {
                turns: vec![turn(None, "开场白。")],
                ..Section::default()
            },
            Section {
                number: Some("01".into()),
                title: Some("深度应用".into()),
                line: Some(5),
                turns: vec![turn(Some("纳德拉"), para), turn(Some("扎克伯格"), "好。")],
            },
        ],
        encoding: "GBK".into(),
        claims: vec![
            Claim {
                section: 1,
                turn: 0,
                paragraph: 0,
                start,
                end,
                kind: ClaimKind::Forecast,
                score: 0.75,
                reason: Reason::Forecast("预计"),
                quantity: None,
            },
            Claim {
                section: 0,
                turn: 0,
                paragraph: 0,
                start: 0,
                end: "开场白。".len(),
                kind: ClaimKind::Statistic,
                score: 0.5,
                reason: Reason::Magnitude,
                quantity: Some(Quantity {
                    value: 2.1e8,
                    unit: Some("千瓦"),
                }),
            },
        ],
        ..Document::default()
    }
}

#[test]
fn json_claims_use_char_offsets() {
    let doc = doc_with_claims();
    let v = serde_json::to_value(JsonDocument::new(&doc)).unwrap();
    let c = &v["claims"][0];
    assert_eq!(c["start"], 3); // 他说： is three characters, nine bytes
    assert_eq!(
        c["end"],
        3 + "到2026年，一半的代码将由AI编写。".chars().count()
    );
    assert_eq!(c["text"], "到2026年，一半的代码将由AI编写。");
    assert_eq!(c["kind"], "forecast");
    assert_eq!(c["score"], 0.75);
    assert_eq!(c["reason"], "forecast cue \"预计\"");
    assert_eq!(c["quantity"], serde_json::Value::Null);
    let q = &v["claims"][1]["quantity"];
    assert_eq!(
        (q["value"].as_f64(), q["unit"].as_str()),
        (Some(2.1e8), Some("千瓦"))
    );
    assert_eq!(v["claims"][1]["reason"], "magnitude");
    assert_eq!(
        (c["section"].clone(), c["turn"].clone()),
        (1.into(), 0.into())
    );
    assert_eq!(v["speakers"][0]["name"], "纳德拉");
    assert_eq!(v["sections"][1]["line"], 5);
}

#[test]
fn claims_lines_name_section_and_speaker() {
    // An unnumbered section is named by its position, counted from 1, as
    // citations name it (`§1 Preamble`).
    let mut out = Vec::new();
    print_claims(&doc_with_claims(), &mut out).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "§01 纳德拉: 到2026年，一半的代码将由AI编写。 [forecast: forecast cue \"预计\"]\n\
         §1 (narration): 开场白。 [statistic: magnitude]\n"
    );
}

#[test]
fn outline_lists_title_metadata_and_sections() {
    let mut out = Vec::new();
    print_outline(&doc_with_claims(), "x.txt", &mut out).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "对话\n日期: 2025-05-08\nencoding: GBK\n\n\
         Preamble · 1 turn\n\
         01 深度应用 · 2 turns · 纳德拉 94%, 扎克伯格 6%\n"
    );
}

#[test]
fn outline_joins_a_front_matter_list_under_its_key() {
    let text = "---\ntitle: T\nchapters:\n  - One\n  - Two\n---\n\nA: hi\nB: yo\n";
    let doc = tread::transcript::parse::parse(text);
    let mut out = Vec::new();
    print_outline(&doc, "x.md", &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(
        out.lines().nth(1),
        Some("title: T · chapters: One, Two"),
        "{out}"
    );
}

/// An empty pipe or file reads as a document with nothing in it: said on
/// stderr, never silent (a script's `tread --bookmarks` with stdin closed).
#[test]
fn empty_input_is_said() {
    let out = tread(&["--outline"], Some(b""));
    assert!(out.status.success());
    assert_eq!(stderr(&out), "tread: warning: standard input is empty\n");
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, " \n\n").unwrap();
    let out = tread(&["--outline", empty.to_str().unwrap()], None);
    assert!(
        stderr(&out).ends_with("empty.txt is empty\n"),
        "{}",
        stderr(&out)
    );
}
