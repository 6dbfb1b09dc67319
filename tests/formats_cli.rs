//! `--format` and `--input-format` on the command line, `--outline` times
//! and `--json` times for timed formats.

use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/formats/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn tread(args: &[&str]) -> Output {
    let data = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(args)
        .env("TREAD_DATA_DIR", data.path())
        // Print modes read the config; a developer's own must not count.
        .env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/no-config-home"),
        )
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn outline_shows_section_start_times() {
    let o = tread(&["--outline", &fixture("teams.vtt")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "teams.vtt\n\n0:00:00–1:00:00 · 2 turns · Chen Wei 82%, Sam Okafor 18%\n1:00:00–1:00:03 · 1 turn · Chen Wei 100%\n"
    );
}

#[test]
fn json_has_turn_times() {
    let o = tread(&["--json", &fixture("whisperx.json")]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let times: Vec<f64> = v["sections"][0]["turns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["time"].as_f64().unwrap())
        .collect();
    assert_eq!(times, [0.5, 2.5, 6.5]);
}

#[test]
fn format_names_the_input_format() {
    // Forced to plain text, the VTT's timing lines are just text.
    let o = tread(&["--outline", "--format", "text", &fixture("whisper.txt")]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("Preamble · 1 turn"), "{}", stdout(&o));
    let o = tread(&[
        "--outline",
        "--input-format",
        "diarized",
        &fixture("whisper.txt"),
    ]);
    assert!(
        stdout(&o).contains("Preamble · 0:00 · 2 turns"),
        "{}",
        stdout(&o)
    );
    // A format that does not fit the file is an error naming it.
    let o = tread(&["--outline", "--format", "vtt", &fixture("show.srt")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a WebVTT file"), "{}", stderr(&o));
}

#[test]
fn format_with_bookmarks_is_the_export_format() {
    let o = tread(&["--bookmarks", "--format", "json", &fixture("zoom.vtt")]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice::<serde_json::Value>(&o.stdout).expect("JSON export");
    let o = tread(&["--bookmarks", "--format", "vtt", &fixture("zoom.vtt")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--input-format"), "{}", stderr(&o));
    let o = tread(&[
        "--bookmarks",
        "--input-format",
        "vtt",
        "--format",
        "markdown",
        &fixture("zoom.vtt"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn bad_format_values_exit_2() {
    for args in [
        &["--format", "docx"][..],
        &["--input-format", "json5"],
        &["--format", "vtt", "--input-format", "srt"],
    ] {
        let o = tread(&[args, &[fixture("zoom.vtt").as_str()]].concat());
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}
