//! Every output path through the one sanitiser, end to end: hostile text in
//! the bookmark store, in file and config names, in the data directory's
//! path and in a JSON transcript's escapes, printed by the built binary and
//! drawn by the reader, never reaches the terminal as a control.

use std::borrow::Cow;
use std::path::PathBuf;
use std::process::{Command, Output};

use support::app::Reader;
use support::pty::{Pty, TIMEOUT};
use tread::app::keymap::Keymap;
use tread::app::state::{Overlay, State};
use tread::store::bookmarks::Bookmark;
use tread::store::identity::DocKey;
use tread::store::{Anchor, Span};
use tread::text::{classify, sanitise_lines};
use tread::transcript::decode::decode;
use tread::transcript::{LoadOptions, load};
use tread::tty::run::Input;

mod support;

/// Clipboard write, title, clear screen, 8-bit CSI, bidi override and a
/// line separator, around `what`.
fn hostile(what: &str) -> String {
    format!(
        "{what} \x1b]52;c;cHduZWQ=\x07 \x1b]0;pwned\x07 \x1b[2J \u{9b}31m \u{202e}exe.txt \u{2066}x\u{2069}\u{200f}\u{2028}end"
    )
}

const TRANSCRIPT: &str = "Alice: We trained the model on fifteen trillion tokens.\n\
Bob: The open weights matter more than the benchmark.\n";

/// The first character in `text` that could drive a terminal or reorder
/// it: any control but the line feed, a bidi control, U+2028/2029.
fn first_raw(text: &str) -> Option<char> {
    text.chars().find(|&c| c != '\n' && classify(c).is_some())
}

fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8(bytes.to_vec()).expect("output is UTF-8");
    assert_eq!(first_raw(&text), None, "{what}: {text:?}");
}

struct Setup {
    /// Holds the files below until the test ends.
    _dir: tempfile::TempDir,
    file: PathBuf,
    config: PathBuf,
    data: PathBuf,
}

impl Setup {
    /// A transcript named `file_name`, an empty config at `config_name`,
    /// and a data directory named `data_name`, all in one temp dir.
    fn new(file_name: &str, config_name: &str, data_name: &str) -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(file_name);
        std::fs::write(&file, TRANSCRIPT).unwrap();
        let config = dir.path().join(config_name);
        std::fs::write(&config, "").unwrap();
        let data = dir.path().join(data_name);
        std::fs::create_dir_all(&data).unwrap();
        Setup {
            _dir: dir,
            file,
            config,
            data,
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_tread"))
            .args(args)
            .arg("--data-dir")
            .arg(&self.data)
            .arg("--config")
            .arg(&self.config)
            .arg(&self.file)
            .env_remove("TREAD_DATA_DIR")
            .output()
            .expect("tread runs")
    }

    /// Write the version-1 bookmark file for the transcript by hand.
    fn write_bookmarks(&self, bookmarks: &[Bookmark]) {
        let key = DocKey::for_path(&self.file);
        let dir = self.data.join("bookmarks");
        std::fs::create_dir_all(&dir).unwrap();
        let file = serde_json::json!({
            "version": 1,
            "document": hostile("document"),
            "bookmarks": bookmarks,
        });
        let path = dir.join(format!("{}.json", key.key));
        std::fs::write(path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();
    }
}

fn anchor(turn: usize, offset: usize) -> Anchor {
    Anchor {
        section: 0,
        turn,
        paragraph: 0,
        offset,
    }
}

/// One attached bookmark with a hostile note, and one detached bookmark
/// hostile in every stored field (its quote is nowhere in the document,
/// so its stored speaker and section are what is shown).
fn hostile_bookmarks() -> Vec<Bookmark> {
    let doc = load(TRANSCRIPT.as_bytes(), &LoadOptions::default()).unwrap();
    let span = |turn, a, b| Span {
        start: anchor(turn, a),
        end: anchor(turn, b),
    };
    let mut attached = Bookmark::fresh(&doc, span(1, 4, 23), "").unwrap();
    attached.note = hostile("note one\nsecond line");
    let mut detached = Bookmark::fresh(&doc, span(0, 3, 10), "").unwrap();
    detached.id = hostile("id");
    detached.quote = hostile("quote");
    detached.speaker = Some(hostile("speaker"));
    detached.section_number = Some(hostile("7"));
    detached.section_title = Some(hostile("title"));
    detached.doc_hash = hostile("hash");
    detached.created = hostile("2026-01-01T00:00:00Z");
    detached.note = hostile("note two");
    vec![attached, detached]
}

#[test]
fn bookmarks_markdown_shows_stored_controls_as_symbols() {
    let s = Setup::new("talk.txt", "config.toml", "data");
    s.write_bookmarks(&hostile_bookmarks());
    let out = s.run(&["--bookmarks"]);
    assert!(out.status.success(), "{out:?}");
    assert_inert("stdout", &out.stdout);
    assert_inert("stderr", &out.stderr);
    let text = String::from_utf8(out.stdout).unwrap();
    // Shown, not dropped: the reader of the export sees what was there.
    for shown in [
        "second line ␛]52;c;cHduZWQ=␇",
        "␛]0;pwned␇",
        "␛[2J",
        "<9B>31m",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
    assert!(text.contains("exe.txt"), "{text}");
    // Markdown keeps its own lines (the note's line feed stays one), but a
    // stored U+2028 makes none: the attribution stays on one line.
    assert!(text.contains("\nnote one\nsecond line"), "{text}");
    assert!(text.contains("\n> quote ␛]52"), "{text}");
    let attribution = text.lines().find(|l| l.starts_with("— speaker")).unwrap();
    assert!(attribution.contains("title ␛]52"), "{attribution}");
    assert!(attribution.ends_with("␊end (line 1)"), "{attribution}");
}

#[test]
fn bookmarks_json_escapes_them_and_round_trips() {
    let s = Setup::new("talk.txt", "config.toml", "data");
    let bookmarks = hostile_bookmarks();
    s.write_bookmarks(&bookmarks);
    let out = s.run(&["--bookmarks", "--format", "json"]);
    assert!(out.status.success(), "{out:?}");
    assert_inert("stdout", &out.stdout);
    assert_inert("stderr", &out.stderr);
    let text = String::from_utf8(out.stdout).unwrap();
    for escape in [
        r"\u001b", r"\u0007", r"\u009b", r"\u202e", r"\u2066", r"\u2028",
    ] {
        assert!(text.contains(escape), "{escape} in {text}");
    }
    // Valid JSON, and the same strings once unescaped.
    let value: serde_json::Value = serde_json::from_str(&text).expect("stdout is JSON");
    let list = value["bookmarks"].as_array().unwrap();
    let detached = list.iter().find(|b| b["status"] == "detached").unwrap();
    assert_eq!(detached["note"], bookmarks[1].note.as_str());
    assert_eq!(detached["quote"], bookmarks[1].quote.as_str());
    assert_eq!(detached["id"], bookmarks[1].id.as_str());
    assert_eq!(
        detached["speaker"],
        bookmarks[1].speaker.as_deref().unwrap()
    );
    assert_eq!(
        detached["section"]["title"],
        bookmarks[1].section_title.as_deref().unwrap()
    );
    assert_eq!(
        detached["stored"]["doc_hash"],
        bookmarks[1].doc_hash.as_str()
    );
    let attached = list.iter().find(|b| b["status"] != "detached").unwrap();
    assert_eq!(attached["note"], bookmarks[0].note.as_str());
}

#[test]
fn hostile_file_and_config_names_never_reach_the_terminal() {
    let name = "talk\x1b]0;pwned\x07\u{9b}2J\u{202e}txt.exe.txt";
    let config = "cfg\x1b]52;c;cHduZWQ=\x07\u{202e}.toml";
    let s = Setup::new(name, config, "data");
    s.write_bookmarks(&hostile_bookmarks());
    let modes: [&[&str]; 7] = [
        &["--outline"],
        &["--claims"],
        &["--speakers"],
        &["--json"],
        &["--bookmarks"],
        &["--bookmarks", "--format", "json"],
        &[],
    ];
    for mode in modes {
        let out = s.run(mode);
        assert!(out.status.success(), "{mode:?}: {out:?}");
        assert_inert(&format!("{mode:?} stdout"), &out.stdout);
        assert_inert(&format!("{mode:?} stderr"), &out.stderr);
    }
    let outline = String::from_utf8(s.run(&["--outline"]).stdout).unwrap();
    assert!(
        outline.starts_with("talk␛]0;pwned␇<9B>2Jtxt.exe.txt\n"),
        "{outline}"
    );

    // A config that fails names its path, sanitised.
    std::fs::write(&s.config, "[keys.global]\nx = \"launch-missiles\"\n").unwrap();
    let out = s.run(&["--outline"]);
    assert_eq!(out.status.code(), Some(1));
    assert_inert("config error", &out.stderr);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("cfg␛]52;c;cHduZWQ=␇.toml"), "{err}");

    // A transcript that is missing names its path, sanitised.
    std::fs::write(&s.config, "").unwrap();
    std::fs::remove_file(&s.file).unwrap();
    let out = s.run(&["--outline"]);
    assert_eq!(out.status.code(), Some(1));
    assert_inert("missing file", &out.stderr);
}

#[test]
fn a_json_transcripts_unescaped_controls_are_sanitised_in_every_print_mode() {
    // `\u001b` in a JSON string is six plain characters to the decoder; the
    // JSON reader unescapes it after the decoder's cleaning.
    let s = Setup::new("talk.json", "config.toml", "data");
    let doc = serde_json::json!({
        "title": hostile("title"),
        "segments": [
            { "speaker": hostile("Ann"), "text": hostile("We will grow 30% next year.") },
            { "speaker": "Bob", "text": "Revenue doubled to 5 billion dollars in 2024." },
        ],
    });
    // Escaped as ASCII, as a JSON writer may do: raw, the decoder would
    // have cleaned them (and U+2028 made a line break inside a string).
    let json: String = serde_json::to_string(&doc)
        .unwrap()
        .chars()
        .map(|c| match c {
            ' '..='~' => c.to_string(),
            c => format!("\\u{:04x}", u32::from(c)),
        })
        .collect();
    std::fs::write(&s.file, json).unwrap();
    for mode in [
        &["--outline"][..],
        &["--claims"],
        &["--speakers"],
        &["--json"],
    ] {
        let out = s.run(mode);
        assert!(out.status.success(), "{mode:?}: {out:?}");
        assert_inert(&format!("{mode:?} stdout"), &out.stdout);
        assert_inert(&format!("{mode:?} stderr"), &out.stderr);
    }
    let json = s.run(&["--json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    // The JSON reader cleans what its escapes decode to, as the decoder
    // cleans text: the model holds the visible form.
    let shown = tread::text::sanitise_lines(&hostile("title")).into_owned();
    assert_eq!(value["title"], shown.as_str());
}

/// A data directory whose name holds ESC and BEL, with a regular file where
/// a directory should be (root ignores permissions, not file types).
fn unusable_data(s: &Setup, blocked: &str) {
    std::fs::write(s.data.join(blocked), "not a directory").unwrap();
}

#[test]
fn warnings_about_a_hostile_data_dir_are_sanitised() {
    let s = Setup::new("talk.txt", "config.toml", "data\x1b]0;pwned\x07\u{9b}");
    unusable_data(&s, "bookmarks");
    let out = s.run(&["--bookmarks"]);
    assert!(out.status.success(), "{out:?}");
    assert_inert("stderr", &out.stderr);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("tread: warning: "), "{err}");
    assert!(err.contains("data␛]0;pwned␇<9B>"), "{err}");
}

/// The warning lines the reader printed, from the raw terminal output.
fn warning_lines(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    text.match_indices("tread: warning: ")
        .map(|(i, _)| {
            let line = &text[i..];
            line[..line.find(['\r', '\n']).unwrap_or(line.len())].to_string()
        })
        .collect()
}

#[test]
fn the_reading_position_warning_is_sanitised() {
    let s = Setup::new("talk.txt", "config.toml", "state\x1b]0;pwned\x07dir");
    unusable_data(&s, "state");
    let mut pty = Pty::spawn(
        &[
            "--data-dir",
            s.data.to_str().unwrap(),
            "--config",
            s.config.to_str().unwrap(),
            s.file.to_str().unwrap(),
        ],
        &[],
        100,
        30,
    );
    pty.wait_text("trained the model").unwrap();
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
    let warnings = warning_lines(&pty.raw_output());
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("reading position not saved")),
        "{warnings:?}"
    );
    for w in &warnings {
        assert_eq!(first_raw(w), None, "{w:?}");
        assert!(w.contains("state␛]0;pwned␇dir"), "{w:?}");
    }
    assert_eq!(pty.titles(), Vec::<String>::new());
}

/// No cell of the frame holds a control or bidi character.
fn assert_frame_inert(reader: &Reader, what: &str) {
    let buf = reader.buffer();
    for (i, cell) in buf.content.iter().enumerate() {
        assert_eq!(
            first_raw(cell.symbol()),
            None,
            "{what}: cell {i} {:?}\n{}",
            cell.symbol(),
            reader.screen()
        );
    }
}

#[test]
fn the_reader_draws_hostile_bookmarks_and_messages_inert() {
    let doc = load(TRANSCRIPT.as_bytes(), &LoadOptions::default()).unwrap();
    let mut state = State::new(doc, hostile("name"), Keymap::default_keymap());
    tread::app::update(
        &mut state,
        tread::app::action::Report::Bookmarks(hostile_bookmarks()),
    );
    let mut reader = Reader::with_state(state, 120, 30);
    reader.keys("'");
    tread::app::update(
        &mut reader.state,
        tread::app::action::Report::Status(Some(tread::app::status::Message::warning(hostile(
            "warning: bookmarks not saved:",
        )))),
    );
    reader.input(Vec::new());
    assert_frame_inert(&reader, "bookmarks list");
    let screen = reader.screen();
    // Shown as symbols, so the user sees something is there.
    assert!(screen.contains("␛]52;c;cHduZWQ=␇"), "{screen}");
    assert!(screen.contains("<9B>31m"), "{screen}");
    assert!(screen.contains("title ␛]52"), "{screen}");

    // The note editor, opened on the hostile note.
    reader.keys("ke");
    assert_frame_inert(&reader, "note editor");
    reader.keys("<esc><esc>");
    assert_frame_inert(&reader, "status line");
}

#[test]
fn pasted_notes_drop_bidi_controls() {
    let doc = load(TRANSCRIPT.as_bytes(), &LoadOptions::default()).unwrap();
    let mut state = State::new(doc, "talk.txt", Keymap::default_keymap());
    tread::app::update(
        &mut state,
        tread::app::action::Report::Bookmarks(hostile_bookmarks()[..1].to_vec()),
    );
    let mut reader = Reader::with_state(state, 120, 30);
    reader.keys("'e");
    reader.input(vec![Input::Paste(
        "pasted \u{202e}txt.exe\u{2066}\r\nnext\u{9b}".to_string(),
    )]);
    let line = match reader.state.overlay() {
        Some(Overlay::Note { line, .. }) => line.text.clone(),
        other => panic!("the note editor is open: {other:?}"),
    };
    assert!(line.ends_with("pasted txt.exe next"), "{line:?}");
    assert_eq!(first_raw(&line), None, "{line:?}");
    assert_frame_inert(&reader, "note editor");
}

#[test]
fn the_sanitiser_leaves_decoded_text_alone() {
    let text = support::hostile::hostile_transcript();
    let decoded = decode(text.as_bytes(), None).unwrap();
    assert!(matches!(sanitise_lines(&decoded.text), Cow::Borrowed(_)));
    let doc = load(text.as_bytes(), &LoadOptions::default()).unwrap();
    for section in &doc.sections {
        for turn in &section.turns {
            for p in &turn.paragraphs {
                assert_eq!(sanitise_lines(p), p.as_str());
            }
        }
    }
}
