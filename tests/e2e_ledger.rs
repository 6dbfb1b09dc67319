//! End-to-end: a claim's status set in the reader (the built binary in a
//! pseudo-terminal) is saved in the ledger, shown when the document is
//! opened again, and exported by `tread --claims --format csv`.

mod support;

use std::path::Path;

use support::pty::{Pty, TIMEOUT};

fn open_in(data: &Path, file: &Path, wait: &str) -> Pty {
    let args = ["--data-dir", data.to_str().unwrap(), file.to_str().unwrap()];
    let pty = Pty::spawn(&args, &[], 120, 30);
    pty.wait_text(wait).unwrap();
    // The status line is a frame's last row: the frame is all there.
    pty.wait_text("[dialogue]").unwrap();
    pty
}

fn quit(mut pty: Pty) {
    // Out of the claims pane, where `q` still quits.
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
}

fn export_csv(data: &Path, file: &Path) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tread"))
        .args([
            "--data-dir",
            data.to_str().unwrap(),
            "--claims",
            "--format",
            "csv",
        ])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn statuses_set_in_the_reader_are_saved_shown_again_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("talk.txt");
    std::fs::copy("assets/llamacon-2025.txt", &file).unwrap();

    let mut pty = open_in(&data, &file, "大模型的竞争远远没有结束");
    pty.send("\t");
    pty.wait_text("[claims]").unwrap();
    pty.send("c");
    pty.wait_text("claim marked checked").unwrap();
    pty.send("j");
    pty.send("x");
    pty.wait_text("claim marked false").unwrap();
    pty.wait_text("2/").unwrap();
    quit(pty);

    let pty = open_in(&data, &file, "大模型的竞争远远没有结束");
    let screen = pty.screen_text();
    assert!(screen.contains("✓ checked"), "{screen}");
    assert!(screen.contains("✗ false"), "{screen}");
    assert!(screen.contains("2/13 checked"), "{screen}");
    quit(pty);

    let csv = export_csv(&data, &file);
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].contains("status"), "{csv}");
    assert_eq!(
        rows.iter().filter(|r| r.contains(",checked,")).count(),
        1,
        "{csv}"
    );
    assert_eq!(
        rows.iter().filter(|r| r.contains(",false,")).count(),
        1,
        "{csv}"
    );
}
