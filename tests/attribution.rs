//! The speaker-attribution acceptance corpus: every transcript in
//! `tests/fixtures/attribution/` is loaded the way the binary loads a file
//! (`load` with the file's extension as the hint) and compared with its
//! sidecar `<file>.expected`.
//!
//! Sidecar format, one entry per line:
//!
//! ```text
//! # any comment                  ignored (so is a blank line)
//! 主持人                         turn 1's speaker, exactly as it should be shown
//! -                              turn 2 is narration (no speaker)
//! # meta: 日期=2025-05-08        the metadata holds this key and value (split at the first `=`)
//! # aside: 3 (laughing)          turn 3 (1-based, over the whole document) has this paragraph
//! # para: 6 Note: the tape ends here.   the same check, for paragraphs that are not asides
//! ```
//!
//! Every line that does not start with `#` is one turn, in document order, so
//! the sidecar lists all the turns. `# meta:` entries are a subset of the
//! document's metadata (a VTT `Kind:` header need not be listed). `.txt` and
//! `.md` fixtures must also pass `check_lossless`.
//!
//! `every_fixture_matches_its_sidecar` reports every mismatch of every
//! fixture at once; the tests after it check one convention each, so a
//! failure names the convention.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use tread::transcript::parse::check_lossless;
use tread::transcript::{Document, LoadOptions, Turn, load};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/attribution")
}

/// What a sidecar says about its fixture.
#[derive(Debug, Default)]
struct Expected {
    speakers: Vec<Option<String>>,
    meta: Vec<(String, String)>,
    /// (1-based turn, paragraph text)
    paragraphs: Vec<(usize, String)>,
}

fn parse_sidecar(name: &str, text: &str) -> Expected {
    let mut out = Expected::default();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let at = || format!("{name}.expected:{}", i + 1);
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("# meta:") {
            let (k, v) = rest
                .trim()
                .split_once('=')
                .unwrap_or_else(|| panic!("{}: `# meta:` needs key=value", at()));
            out.meta.push((k.trim().to_string(), v.trim().to_string()));
        } else if let Some(rest) = line
            .strip_prefix("# aside:")
            .or_else(|| line.strip_prefix("# para:"))
        {
            let (n, p) = rest
                .trim()
                .split_once(' ')
                .unwrap_or_else(|| panic!("{}: needs a turn number and a paragraph", at()));
            let n: usize = n
                .parse()
                .unwrap_or_else(|_| panic!("{}: `{n}` is not a turn number", at()));
            assert!(n >= 1, "{}: turns are numbered from 1", at());
            out.paragraphs.push((n, p.trim().to_string()));
        } else if line.starts_with('#') {
            continue;
        } else if line == "-" {
            out.speakers.push(None);
        } else {
            out.speakers.push(Some(line.to_string()));
        }
    }
    out
}

fn show(s: Option<&str>) -> &str {
    s.unwrap_or("- (narration)")
}

/// The first paragraph of a turn, shortened, to recognise it in a report.
fn gist(t: &Turn) -> String {
    let p = t.paragraphs.first().map(String::as_str).unwrap_or("");
    let short: String = p.chars().take(36).collect();
    if short.len() < p.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// One step of an alignment of expected and got turns.
enum Op {
    Same(usize, usize),
    Missing(usize),
    Extra(usize),
}

/// A longest-common-subsequence alignment of expected and got speakers, so
/// one extra or missing turn shows as one line rather than shifting every
/// turn after it.
fn align(want: &[Option<String>], got: &[Option<&str>]) -> Vec<Op> {
    let (n, m) = (want.len(), got.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if want[i].as_deref() == got[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut ops) = (0, 0, Vec::new());
    while i < n || j < m {
        if i < n && j < m && want[i].as_deref() == got[j] {
            ops.push(Op::Same(i, j));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            ops.push(Op::Extra(j));
            j += 1;
        } else {
            ops.push(Op::Missing(i));
            i += 1;
        }
    }
    ops
}

/// The alignment as runs: each run of differences between two agreeing
/// turns is split into substitutions (missing and extra turns paired in
/// order) and what is left over on either side.
struct Diff {
    /// For each expected turn, the got turn it stands against, if any.
    map: Vec<Option<usize>>,
    substituted: Vec<(usize, usize)>,
    missing: Vec<usize>,
    extra: Vec<usize>,
}

fn diff(want: &[Option<String>], got: &[Option<&str>]) -> Diff {
    let ops = align(want, got);
    let mut d = Diff {
        map: vec![None; want.len()],
        substituted: Vec::new(),
        missing: Vec::new(),
        extra: Vec::new(),
    };
    let mut k = 0;
    while k < ops.len() {
        if let Op::Same(i, j) = ops[k] {
            d.map[i] = Some(j);
            k += 1;
            continue;
        }
        let (mut missing, mut extra) = (Vec::new(), Vec::new());
        while k < ops.len() {
            match ops[k] {
                Op::Missing(i) => missing.push(i),
                Op::Extra(j) => extra.push(j),
                Op::Same(..) => break,
            }
            k += 1;
        }
        let pairs = missing.len().min(extra.len());
        for (&i, &j) in missing.iter().zip(&extra) {
            d.map[i] = Some(j);
            d.substituted.push((i, j));
        }
        d.missing.extend_from_slice(&missing[pairs..]);
        d.extra.extend_from_slice(&extra[pairs..]);
    }
    d
}

fn load_fixture(name: &str) -> Result<(String, Document), String> {
    let path = dir().join(name);
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8(bytes.clone()).map_err(|e| format!("not UTF-8: {e}"))?;
    let options = LoadOptions {
        extension: name.rsplit_once('.').map(|(_, e)| e.to_string()),
        ..Default::default()
    };
    let doc = load(&bytes, &options).map_err(|e| format!("load failed: {e}"))?;
    Ok((text, doc))
}

/// Every way `name` disagrees with its sidecar; empty when it agrees.
fn problems(name: &str) -> Vec<String> {
    let sidecar = dir().join(format!("{name}.expected"));
    let sidecar = match std::fs::read_to_string(&sidecar) {
        Ok(s) => s,
        Err(e) => return vec![format!("no sidecar {}: {e}", sidecar.display())],
    };
    let exp = parse_sidecar(name, &sidecar);
    let (text, doc) = match load_fixture(name) {
        Ok(x) => x,
        Err(e) => return vec![e],
    };
    let turns: Vec<&Turn> = doc.turns().collect();
    let got: Vec<Option<&str>> = turns.iter().map(|t| t.speaker.as_deref()).collect();
    let d = diff(&exp.speakers, &got);
    let mut out = Vec::new();

    if !exp
        .speakers
        .iter()
        .map(Option::as_deref)
        .eq(got.iter().copied())
    {
        out.push(format!(
            "speakers differ ({} turns expected, {} got):",
            exp.speakers.len(),
            got.len()
        ));
        // In document order: by expected turn, extra turns by where they are.
        let mut lines: Vec<(usize, String)> = Vec::new();
        for &(i, j) in &d.substituted {
            let t = turns[j];
            lines.push((
                t.line,
                format!(
                    "  turn {:>2} (line {:>3}): expected {}, got {}   «{}»",
                    i + 1,
                    t.line,
                    show(exp.speakers[i].as_deref()),
                    show(got[j]),
                    gist(t)
                ),
            ));
        }
        for &i in &d.missing {
            // Placed after the got turn aligned with the expected turn before it.
            let after = (0..i)
                .rev()
                .find_map(|p| d.map[p])
                .map_or(0, |j| turns[j].line);
            lines.push((
                after,
                format!(
                    "  turn {:>2} (after line {:>3}): expected {}, missing",
                    i + 1,
                    after,
                    show(exp.speakers[i].as_deref())
                ),
            ));
        }
        for &j in &d.extra {
            let t = turns[j];
            lines.push((
                t.line,
                format!(
                    "  extra turn  (line {:>3}): got {}   «{}»",
                    t.line,
                    show(got[j]),
                    gist(t)
                ),
            ));
        }
        lines.sort_by_key(|(line, _)| *line);
        out.extend(lines.into_iter().map(|(_, l)| l));
    }

    for (k, v) in &exp.meta {
        if !doc.metadata.iter().any(|m| &m.key == k && &m.value == v) {
            let have: Vec<String> = doc
                .metadata
                .iter()
                .map(|m| format!("{}={}", m.key, m.value))
                .collect();
            out.push(format!(
                "metadata lacks {k}={v} (got [{}])",
                have.join(", ")
            ));
        }
    }
    // A paragraph check follows the alignment, so an extra turn earlier in
    // the document does not make every later check look at the wrong turn.
    for (n, p) in &exp.paragraphs {
        match d.map.get(n - 1).copied().flatten() {
            None => out.push(format!(
                "turn {n} should have the paragraph {p:?}, but no turn stands for it"
            )),
            Some(j) if !turns[j].paragraphs.iter().any(|q| q == p) => {
                let t = turns[j];
                out.push(format!(
                    "turn {n} (line {}, {}) should have the paragraph {p:?}; it has {:?}",
                    t.line,
                    show(t.speaker.as_deref()),
                    t.paragraphs
                ));
            }
            Some(_) => {}
        }
    }
    if (name.ends_with(".txt") || name.ends_with(".md"))
        && let Err(e) = check_lossless(&text, &doc)
    {
        out.push(format!("not lossless: {e}"));
    }
    out
}

fn report(name: &str, problems: &[String]) -> String {
    let mut s = format!("── {name}\n");
    for p in problems {
        let _ = writeln!(s, "   {p}");
    }
    s
}

/// Panic with the report unless every named fixture matches its sidecar.
fn assert_fixtures(names: &[&str]) {
    let failed: Vec<String> = names
        .iter()
        .map(|n| (n, problems(n)))
        .filter(|(_, p)| !p.is_empty())
        .map(|(n, p)| report(n, &p))
        .collect();
    assert!(failed.is_empty(), "\n{}", failed.concat());
}

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .expect("tests/fixtures/attribution exists")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.ends_with(".expected"))
        .collect();
    names.sort();
    names
}

fn speakers(doc: &Document) -> Vec<Option<&str>> {
    doc.turns().map(|t| t.speaker.as_deref()).collect()
}

fn load_str(text: &str, ext: &str) -> Document {
    let options = LoadOptions {
        extension: Some(ext.to_string()),
        ..Default::default()
    };
    load(text.as_bytes(), &options).expect("loads")
}

#[test]
fn every_fixture_matches_its_sidecar() {
    let names = fixture_names();
    assert!(
        names.len() >= 30,
        "the corpus should hold 30 or more fixtures, found {}",
        names.len()
    );
    for entry in std::fs::read_dir(dir()).unwrap() {
        let n = entry.unwrap().file_name().into_string().unwrap();
        if let Some(base) = n.strip_suffix(".expected") {
            assert!(dir().join(base).exists(), "{n} has no fixture beside it");
        }
    }
    let failed: Vec<String> = names
        .iter()
        .map(|n| (n, problems(n)))
        .filter(|(_, p)| !p.is_empty())
        .map(|(n, p)| report(n, &p))
        .collect();
    assert!(
        failed.is_empty(),
        "\n{} of {} fixtures disagree with their sidecars:\n\n{}",
        failed.len(),
        names.len(),
        failed.concat()
    );
}

// ── One convention per test ────────────────────────────────────────────────

#[test]
fn chinese_press_conference_folds_titles_and_keeps_reporters_as_written() {
    assert_fixtures(&[
        "press-zh-spokesperson.txt",
        "press-zh-spokesperson.md",
        "press-zh-scio.txt",
    ]);
}

#[test]
fn reporters_of_different_outlets_and_a_bare_follow_up_are_three_speakers() {
    let doc = load_str(
        "新闻发言人 张伟：下面回答提问。\n\
         新华社记者：请问访问有哪些安排？\n\
         张伟：双方将深入交换意见。\n\
         第一财经记者：中方将如何应对？\n\
         张伟：我们将维护自身权益。\n\
         记者：追问一下，会发起调查吗？\n\
         张伟：我没有可以发布的消息。\n",
        "txt",
    );
    let zw = Some("新闻发言人 张伟");
    assert_eq!(
        speakers(&doc),
        [
            zw,
            Some("新华社记者"),
            zw,
            Some("第一财经记者"),
            zw,
            Some("记者"),
            zw
        ]
    );
}

#[test]
fn wen_da_interview_with_a_byline_in_the_header() {
    assert_fixtures(&["qa-zh.txt", "qa-zh.md"]);
}

#[test]
fn header_lines_with_dates_sources_and_a_byline_are_metadata_not_turns() {
    let doc = load_str(
        "日期：2025-05-08\n来源：某某日报\n记者：王芳\n\n\
         问：您怎么看这个问题？\n答：影响是深远的。\n问：会被取代吗？\n答：不会。\n",
        "txt",
    );
    let (q, a) = (Some("问"), Some("答"));
    assert_eq!(speakers(&doc), [q, a, q, a]);
    let meta: Vec<(&str, &str)> = doc
        .metadata
        .iter()
        .map(|m| (m.key.as_str(), m.value.as_str()))
        .collect();
    assert_eq!(
        meta,
        [
            ("日期", "2025-05-08"),
            ("来源", "某某日报"),
            ("记者", "王芳")
        ]
    );
}

#[test]
fn call_in_radio_with_stage_directions_and_one_off_callers() {
    assert_fixtures(&[
        "radio-callin.txt",
        "radio-callin-mixedcase.txt",
        "radio-callin.srt",
    ]);
}

#[test]
fn one_off_caller_in_the_middle_of_plain_text_is_a_speaker() {
    let doc = load_str(
        "HOST: Good evening, you're on the air.\n\
         GUEST: Thanks for having me tonight.\n\
         HOST: Let's take a call.\n\
         Caller: Hi, I have a question about the bridge.\n\
         GUEST: Go ahead, I'm listening.\n\
         HOST: We have time for one more.\n",
        "txt",
    );
    let (h, g) = (Some("HOST"), Some("GUEST"));
    assert_eq!(speakers(&doc), [h, g, h, Some("Caller"), g, h]);
}

#[test]
fn zoom_town_hall_keeps_one_off_participant_and_unknown_speaker() {
    assert_fixtures(&["townhall-zoom.vtt", "townhall-zoom-mixed.vtt"]);
}

#[test]
fn teams_export_with_short_timings_has_its_turns_and_a_warning() {
    let mut failed = String::new();
    for name in ["teams-standup.vtt", "teams-review-zh.vtt"] {
        let mut p = problems(name);
        let (_, doc) = load_fixture(name).unwrap();
        if doc.warnings.is_empty() {
            p.push("no warning about the non-standard timings".to_string());
        }
        if !p.is_empty() {
            failed.push_str(&report(name, &p));
        }
    }
    assert!(failed.is_empty(), "\n{failed}");
}

#[test]
fn subtitles_wrapped_mid_sentence_change_speaker_at_cue_starts() {
    assert_fixtures(&[
        "wrapped-subs.srt",
        "wrapped-subs.vtt",
        "wrapped-subs-zh.srt",
        "wrapped-subs-zh.vtt",
    ]);
}

#[test]
fn four_cue_srt_alice_bob_alice_carol_is_four_turns() {
    assert_fixtures(&["four-cues.srt", "four-cues.vtt"]);
}

#[test]
fn hearing_with_a_one_off_voice_from_the_floor() {
    assert_fixtures(&["hearing-floor.txt"]);
}

#[test]
fn court_argument_with_justice_titles_and_honorifics() {
    assert_fixtures(&["oral-argument.txt"]);
}

#[test]
fn alias_in_brackets_is_one_speaker_shown_by_the_full_form() {
    assert_fixtures(&["alias-xm.txt", "alias-kayla.md"]);
}

#[test]
fn stage_directions_between_name_and_colon_are_asides() {
    assert_fixtures(&["stage-zh.txt", "stage-en.txt"]);
}

#[test]
fn japanese_interview_dash_questions_belong_to_the_interviewer() {
    assert_fixtures(&["interview-ja.txt", "interview-ja-interviewer.txt"]);
}

#[test]
fn a_short_first_line_that_is_a_turn_is_a_turn() {
    assert_fixtures(&[
        "short-first-alice.txt",
        "short-first-zhang.txt",
        "short-first-alice.md",
    ]);
}

#[test]
fn podcast_markdown_with_a_header_block_of_metadata() {
    assert_fixtures(&["podcast-header.md", "podcast-zh-en.md"]);
}

#[test]
fn a_label_looking_note_inside_a_turn_stays_its_own_paragraph() {
    assert_fixtures(&["note-inside-turn.txt"]);
    let (_, doc) = load_fixture("note-inside-turn.txt").unwrap();
    for t in doc.turns() {
        for p in &t.paragraphs {
            assert!(
                !(p.contains("Note: the tape ends here.") && p != "Note: the tape ends here."),
                "the note was joined with other text (turn at line {}): {p:?}",
                t.line
            );
        }
    }
}

#[test]
fn numbered_speakers_and_labels_on_their_own_line() {
    assert_fixtures(&["speakers-numbered.txt", "roundtable-ownline-zh.txt"]);
}

#[test]
fn earnings_call_and_conference_panel() {
    assert_fixtures(&["earnings-call.txt", "panel-moderator.md"]);
}

#[test]
fn every_fixture_is_named_by_a_focused_test() {
    // Keeps the focused tests in step with the corpus.
    let source = include_str!("attribution.rs");
    let unnamed: Vec<String> = fixture_names()
        .into_iter()
        .filter(|n| !source.contains(&format!("\"{n}\"")))
        .collect();
    assert!(unnamed.is_empty(), "no focused test names {unnamed:?}");
}
