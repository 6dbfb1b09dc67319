//! The man page and the completion scripts, both made from the same clap
//! `Args`. `assets/tread.1` is rendered here with clap_mangen plus the
//! hand-written sections of `tread::cli::manual`; the test fails when the
//! committed page differs, and `UPDATE_MANPAGE=1` rewrites it. The
//! completions are checked through the binary, as a user runs them.

use std::path::PathBuf;
use std::process::{Command, Output};

use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};
use tread::cli::Args;
use tread::cli::manual::MAN_SECTIONS;

/// The man page: NAME, SYNOPSIS, DESCRIPTION and OPTIONS from clap, then
/// FILES, ENVIRONMENT, EXIT STATUS and EXAMPLES by hand, then VERSION.
fn man_page() -> String {
    let man = Man::new(Args::command());
    let mut out: Vec<u8> = Vec::new();
    man.render_title(&mut out).unwrap();
    man.render_name_section(&mut out).unwrap();
    man.render_synopsis_section(&mut out).unwrap();
    man.render_description_section(&mut out).unwrap();
    man.render_options_section(&mut out).unwrap();
    let mut extra = Roff::new();
    for section in MAN_SECTIONS {
        extra.control("SH", [section.heading]);
        for (tag, text) in section.entries {
            extra.control("TP", []);
            extra.text([bold(*tag)]);
            extra.text([roman(*text)]);
        }
    }
    extra.to_writer(&mut out).unwrap();
    man.render_version_section(&mut out).unwrap();
    once_preamble(&String::from_utf8(out).unwrap())
}

/// Each section rendered alone repeats roff's definition of the `\*(Aq`
/// quote string; the page needs it once, at the top.
fn once_preamble(page: &str) -> String {
    const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    let rest = page
        .strip_prefix(PREAMBLE)
        .expect("the page opens with the preamble");
    format!("{PREAMBLE}{}", rest.replace(PREAMBLE, ""))
}

#[test]
fn the_committed_man_page_is_generated_from_args() {
    let page = man_page();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/tread.1");
    if std::env::var_os("UPDATE_MANPAGE").is_some_and(|v| v == "1") {
        std::fs::write(&path, &page).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == page,
        "assets/tread.1 differs from the page generated from Args; if the change is \
         intended, rewrite it with `UPDATE_MANPAGE=1 cargo test --test manual` and commit it"
    );
}

/// Every long flag `Args` takes, `--help` and `--version` included.
fn long_flags() -> Vec<String> {
    let mut cmd = Args::command();
    cmd.build();
    let flags: Vec<String> = cmd
        .get_arguments()
        .filter_map(|a| a.get_long())
        .map(|l| format!("--{l}"))
        .collect();
    for known in [
        "--outline",
        "--bookmarks",
        "--completions",
        "--help",
        "--version",
    ] {
        assert!(
            flags.iter().any(|f| f == known),
            "{known} missing from {flags:?}"
        );
    }
    flags
}

#[test]
fn the_man_page_names_every_long_flag_and_its_sections() {
    let page = man_page();
    // roff writes a hyphen in a flag as `\-`.
    let plain = page.replace("\\-", "-");
    for flag in long_flags() {
        assert!(plain.contains(&flag), "the man page lacks {flag}");
    }
    for heading in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "FILES",
        "ENVIRONMENT",
    ] {
        assert!(page.contains(&format!(".SH {heading}\n")), "no {heading}");
    }
    for named in [
        "config.toml",
        "TREAD_DATA_DIR",
        "positions.json",
        "NO_COLOR",
    ] {
        assert!(plain.contains(named), "the man page does not name {named}");
    }
}

fn tread(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(args)
        .env(
            "TREAD_DATA_DIR",
            std::env::temp_dir().join("tread-manual-test-unused"),
        )
        .output()
        .expect("tread runs")
}

#[test]
fn each_shell_gets_a_script_naming_the_flags() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = tread(&["--completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {o:?}");
        assert!(o.stderr.is_empty(), "{shell}: {o:?}");
        let script = String::from_utf8(o.stdout).unwrap();
        assert!(script.len() > 500, "{shell}: {script:?}");
        for flag in long_flags() {
            // fish names a long flag as `-l outline`.
            let named = match shell {
                "fish" => format!("-l {}", &flag[2..]),
                _ => flag.clone(),
            };
            assert!(script.contains(&named), "the {shell} script lacks {named}");
        }
    }
}

#[test]
fn an_unknown_shell_is_clap_s_invalid_value_error() {
    let o = tread(&["--completions", "nope"]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(o.stdout.is_empty(), "{o:?}");
    let err = String::from_utf8(o.stderr).unwrap();
    let first = err.lines().next().unwrap_or_default();
    assert_eq!(
        first, "error: invalid value 'nope' for '--completions <SHELL>'",
        "{err}"
    );
    assert!(
        err.contains("[possible values: bash, elvish, fish, powershell, zsh]"),
        "{err}"
    );
}

#[test]
fn completions_stand_alone() {
    let o = tread(&["--completions", "bash", "--outline"]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(o.stdout.is_empty(), "{o:?}");
}
