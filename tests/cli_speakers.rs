//! Speaker labels on the command line: `--speakers`, `--speaker`,
//! `--not-speaker` and the config file's `[labels]`, run through the built
//! binary. The printer's own tests (padding, sanitising) are in
//! `src/cli/print.rs`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// A one-off label that reads like prose, after a short dialogue.
const TAPE: &str = "Alice: Hi there.\nBob: Hello.\nAlice: Bye.\nNote: the tape ends here.\n";

fn sample_path() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/llamacon-2025.txt")
        .display()
        .to_string()
}

/// Run tread with `args` and `stdin` (or /dev/null), with an empty config
/// home so the user's own config file plays no part.
fn tread(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let home = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(args)
        .env("XDG_CONFIG_HOME", home.path())
        .env("TREAD_DATA_DIR", home.path())
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

fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The exit code and exactly one `tread: ` line on stderr holding `needle`.
fn assert_one_line_error(o: &Output, code: i32, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(code), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "stderr: {err:?}");
    assert!(err.starts_with("tread: "), "{err:?}");
    assert!(err.contains(needle), "{err:?} lacks {needle:?}");
    assert!(o.stdout.is_empty(), "{}", stdout(o));
}

/// One `--speakers` row split into name, count, decision and reason.
fn row<'a>(text: &'a str, name: &str) -> Option<(usize, &'a str, String)> {
    text.lines().find_map(|line| {
        let mut words = line.split_whitespace();
        if words.next()? != name {
            return None;
        }
        let count = words.next()?.parse().ok()?;
        let decision = words.next()?;
        Some((count, decision, words.collect::<Vec<_>>().join(" ")))
    })
}

fn json(o: &Output) -> Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("valid JSON")
}

/// Every turn's speaker, in order (`None` for narration).
fn turn_speakers(v: &Value) -> Vec<Option<String>> {
    v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["turns"].as_array().unwrap())
        .map(|t| t["speaker"].as_str().map(str::to_string))
        .collect()
}

fn has_turn_of(v: &Value, name: &str) -> bool {
    turn_speakers(v).iter().any(|s| s.as_deref() == Some(name))
}

// --- `--speakers` ---

#[test]
fn speakers_of_the_sample_lists_both_speakers_and_the_date_key() {
    let o = tread(&["--speakers", &sample_path()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for name in ["扎克伯格", "纳德拉"] {
        let (count, decision, reason) = row(&text, name).unwrap_or_else(|| panic!("{text}"));
        assert_eq!((count, decision), (13, "speaker"), "{text}");
        assert!(!reason.is_empty(), "{text}");
    }
    let (count, decision, _) = row(&text, "日期").unwrap_or_else(|| panic!("{text}"));
    assert_eq!((count, decision), (1, "metadata"), "{text}");
}

#[test]
fn speakers_columns_line_up_by_display_width() {
    let o = tread(&["--speakers", &sample_path()], None);
    let text = stdout(&o);
    // The decision column starts at the same display column on every row,
    // though the names are CJK (two columns a character) of varied length.
    let starts: Vec<usize> = text
        .lines()
        .map(|line| {
            let at = [" speaker ", " metadata ", " text "]
                .iter()
                .filter_map(|d| line.find(d))
                .min()
                .unwrap_or_else(|| panic!("no decision in {line:?}"));
            line[..at].width()
        })
        .collect();
    assert!(starts.len() > 2, "{text}");
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{text}");
}

#[test]
fn speakers_of_an_inline_transcript_from_stdin() {
    let o = tread(&["--speakers"], Some(TAPE.as_bytes()));
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert_eq!(
        row(&text, "Alice").map(|r| (r.0, r.1)),
        Some((2, "speaker")),
        "{text}"
    );
    assert!(row(&text, "Bob").is_some(), "{text}");
    // Warnings are for stderr; every stdout line is a row.
    assert!(!text.contains("warning"), "{text}");
    assert!(
        text.lines().all(|l| l.split_whitespace().count() >= 3),
        "{text}"
    );
}

#[test]
fn speakers_without_any_label_says_so_on_stderr() {
    let (_dir, path) = temp_file("prose.txt", b"Just some prose.\nAnd a little more of it.\n");
    let o = tread(&["--speakers", s(&path)], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty(), "{}", stdout(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(
        err.starts_with("tread: no speaker labels found in prose.txt"),
        "{err:?}"
    );
}

#[test]
fn speakers_excludes_the_other_print_modes() {
    for other in ["--outline", "--json", "--claims", "--bookmarks"] {
        let o = tread(&["--speakers", other, &sample_path()], None);
        assert_eq!(o.status.code(), Some(2), "{other}: {}", stderr(&o));
    }
}

// --- overrides by flag ---

#[test]
fn not_speaker_leaves_no_turn_of_that_speaker() {
    let sample = sample_path();
    let v = json(&tread(
        &["--json", "--not-speaker", "纳德拉", &sample],
        None,
    ));
    assert!(!has_turn_of(&v, "纳德拉"), "{:?}", turn_speakers(&v));
    let names: Vec<&str> = v["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(!names.contains(&"纳德拉"), "{names:?}");
    // The lines are still there, as text of other turns or narration.
    let all = v["sections"].to_string();
    assert!(all.contains("我加入微软时"), "{all}");

    let o = tread(&["--speakers", "--not-speaker", "纳德拉", &sample], None);
    assert_eq!(row(&stdout(&o), "纳德拉").map(|r| r.1), Some("text"));
}

#[test]
fn speaker_flag_makes_a_one_off_label_a_speaker() {
    let (_dir, path) = temp_file("tape.txt", TAPE.as_bytes());
    let plain = json(&tread(&["--json", s(&path)], None));
    assert!(!has_turn_of(&plain, "Note"), "{:?}", turn_speakers(&plain));

    let v = json(&tread(&["--json", "--speaker", "Note", s(&path)], None));
    assert_eq!(
        turn_speakers(&v).last().cloned().flatten().as_deref(),
        Some("Note"),
        "{:?}",
        turn_speakers(&v)
    );
    let last_turn = v["sections"][0]["turns"]
        .as_array()
        .unwrap()
        .last()
        .unwrap();
    assert_eq!(last_turn["paragraphs"][0], "the tape ends here.");

    let o = tread(&["--outline", "--speaker", "Note", s(&path)], None);
    assert!(stdout(&o).contains("Note "), "{}", stdout(&o));
    let o = tread(&["--speakers", "--speaker", "Note", s(&path)], None);
    assert_eq!(row(&stdout(&o), "Note").map(|r| r.1), Some("speaker"));
}

#[test]
fn an_empty_speaker_name_is_exit_2() {
    let o = tread(&["--speaker", " ", "--outline", &sample_path()], None);
    assert_one_line_error(&o, 2, "need a name");
}

#[test]
fn speaker_and_not_speaker_for_one_name_is_exit_2_in_one_line() {
    let sample = sample_path();
    let o = tread(
        &["--speaker", "Note", "--not-speaker", "Note", &sample],
        None,
    );
    assert_one_line_error(&o, 2, "'Note' is given to both --speaker and --not-speaker");
    // Matched as labels are: ASCII case does not make them two names.
    let o = tread(
        &[
            "--speaker",
            "HOST",
            "--not-speaker",
            "host",
            "--json",
            &sample,
        ],
        None,
    );
    assert_one_line_error(&o, 2, "name the same label");
}

// --- the config file ---

fn config(toml: &str) -> (tempfile::TempDir, PathBuf) {
    temp_file("config.toml", toml.as_bytes())
}

#[test]
fn config_lists_force_and_deny_labels() {
    let (_d, tape) = temp_file("tape.txt", TAPE.as_bytes());
    let (_c, cfg) = config("[labels]\nspeaker = [\"Note\"]\nnot-speaker = [\"Bob\"]\n");
    let v = json(&tread(&["--config", s(&cfg), "--json", s(&tape)], None));
    assert!(has_turn_of(&v, "Note"), "{:?}", turn_speakers(&v));
    assert!(!has_turn_of(&v, "Bob"), "{:?}", turn_speakers(&v));
    let o = tread(&["--config", s(&cfg), "--outline", s(&tape)], None);
    assert!(stdout(&o).contains("Note "), "{}", stdout(&o));
    let o = tread(&["--config", s(&cfg), "--speakers", s(&tape)], None);
    let text = stdout(&o);
    assert_eq!(row(&text, "Note").map(|r| r.1), Some("speaker"), "{text}");
    assert_eq!(row(&text, "Bob").map(|r| r.1), Some("text"), "{text}");
}

#[test]
fn the_default_config_file_is_read_for_print_modes() {
    let (_d, tape) = temp_file("tape.txt", TAPE.as_bytes());
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("tread")).unwrap();
    std::fs::write(
        home.path().join("tread/config.toml"),
        "[labels]\nspeaker = [\"Note\"]\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(["--json", s(&tape)])
        .env("XDG_CONFIG_HOME", home.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(has_turn_of(&json(&o), "Note"));
}

#[test]
fn flags_add_to_the_config_lists() {
    let (_d, tape) = temp_file("tape.txt", TAPE.as_bytes());
    let (_c, cfg) = config("[labels]\nspeaker = [\"Note\"]\n");
    let args = [
        "--config",
        s(&cfg),
        "--not-speaker",
        "Bob",
        "--json",
        s(&tape),
    ];
    let v = json(&tread(&args, None));
    assert!(has_turn_of(&v, "Note"), "{:?}", turn_speakers(&v));
    assert!(!has_turn_of(&v, "Bob"), "{:?}", turn_speakers(&v));
}

#[test]
fn a_flag_contradicting_the_config_is_exit_2_naming_the_line() {
    let (_c, cfg) = config("[labels]\n\nnot-speaker = [\"Note\"]\n");
    let o = tread(
        &["--config", s(&cfg), "--speaker", "note", &sample_path()],
        None,
    );
    let want = format!("contradicts labels.not-speaker at {}:3", cfg.display());
    assert_one_line_error(&o, 2, &want);
}

#[test]
fn a_name_in_both_config_lists_is_one_line_at_the_later_line() {
    let (_c, cfg) =
        config("[labels]\nnot-speaker = [\"Note\"]\nspeaker = [\n  \"Alice\",\n  \"Note\",\n]\n");
    let o = tread(&["--config", s(&cfg), "--outline", &sample_path()], None);
    assert_one_line_error(&o, 1, &format!("{}:5: 'Note' is in both", cfg.display()));
}

#[test]
fn an_unknown_key_in_labels_is_one_line_naming_its_line() {
    let (_c, cfg) =
        config("[keys.global]\nx = \"quit\"\n\n[labels]\nspeaker = [\"A\"]\nspeakers = [\"B\"]\n");
    let o = tread(&["--config", s(&cfg), "--json", &sample_path()], None);
    assert_one_line_error(&o, 1, &format!("{}:6: ", cfg.display()));
    assert!(
        stderr(&o).contains("unknown field `speakers`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_reader_config_accepts_the_labels_table() {
    let (_c, cfg) = config(
        "[labels]\nspeaker = [\"VOICE FROM THE FLOOR\"]\nnot-speaker = [\"Note\"]\n\n[keys.global]\nx = \"quit\"\n",
    );
    let loaded = tread::app::config::load(Some(&cfg)).expect("the config loads");
    let names =
        |l: &[tread::app::labels::Label]| l.iter().map(|l| l.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&loaded.labels.speaker), ["VOICE FROM THE FLOOR"]);
    assert_eq!(names(&loaded.labels.not_speaker), ["Note"]);
    assert_eq!(loaded.labels.speaker[0].line, 2);
}

// --- nothing drives the terminal ---

/// No ESC, BEL or C1 control, raw, anywhere in `bytes`.
fn assert_inert(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad = text
        .chars()
        .find(|c| (c.is_control() && *c != '\n') || ('\u{80}'..='\u{9f}').contains(c));
    assert_eq!(bad, None, "{text:?}");
}

#[test]
fn escapes_in_labels_or_flags_never_reach_stdout_raw() {
    let file = b"Alice: Hi there.\n\x1b]0;pwn\x07Eve: Hello.\nAlice: Bye.\n\x1b]0;pwn\x07Eve: ok.\n\xc2\x9bX: y\n\x1b[31mRed\x1b[0m: z\n";
    let (_d, path) = temp_file("evil.txt", file);
    for speaker in ["\x1b]0;pwn\x07Eve", "\u{9b}X", "\x1b[2J", "␛]0;pwn␇Eve"] {
        let o = tread(&["--speakers", "--speaker", speaker, s(&path)], None);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(!o.stdout.is_empty());
        assert_inert(&o.stdout);
        assert_inert(&o.stderr);
    }
}
