//! `Name:` labels inside cue text (`Ana: …\nLeo: …`), decided as the text
//! parser decides them, with one rule of captions added: a label at the
//! start of a cue, or after a dialogue dash (`- Leo:`), names a speaker
//! even when it is used once. Notes after a name (`HOST (off mic):`) are
//! split off and kept as an aside paragraph of the turn.

use super::cues::{Cue, is_generic_speaker};
use crate::transcript::parse::{self, Decision, Label, SpeakerRules, Speakers, Status, Tally};

/// A label on a caption line, with whether a dialogue dash or `>>` led it.
fn label_of<'a>(line: &'a str, rules: &SpeakerRules) -> Option<(Label<'a>, bool)> {
    let bare = line.trim_start_matches(['-', '>', ' ', '–', '—']);
    let dashed = bare.len() < line.len();
    if let Some(l) = parse::split_label(bare, rules) {
        return Some((l, dashed));
    }
    // `SPEAKER_00:` is no name shape, but speech-to-text tools write it.
    let (name, rest) = bare.split_once([':', '：'])?;
    let name = name.trim().trim_matches('*');
    is_generic_speaker(name).then_some((
        Label {
            name,
            note: None,
            rest: rest.trim(),
            strong: true,
            time: None,
            common: false,
        },
        dashed,
    ))
}

/// How one caption line starts: a turn for a speaker, or text.
struct Start {
    speaker: String,
    aside: Option<String>,
    rest: String,
}

/// Split cues at the labels that name speakers, and count every label in
/// `tally` for `--speakers`.
pub(super) fn split(cues: Vec<Cue>, rules: &SpeakerRules, tally: &mut Tally) -> Vec<Cue> {
    let plans = plan(&cues, rules, tally);
    if plans.iter().all(|p| p.iter().all(Option::is_none)) {
        return cues;
    }
    let mut out = Vec::with_capacity(cues.len());
    for (cue, plan) in cues.into_iter().zip(plans) {
        if plan.iter().all(Option::is_none) {
            out.push(cue);
            continue;
        }
        let blank = || Cue {
            text: String::new(),
            line_of: Vec::new(),
            ..cue.clone()
        };
        let mut current = blank();
        // Each line keeps its source line, where the reader knows it.
        let line_of = |k: usize| cue.line_of.get(k).copied();
        for (k, (line, start)) in cue.text.split('\n').zip(plan).enumerate() {
            let Some(start) = start else {
                if !current.text.is_empty() {
                    current.text.push('\n');
                }
                current.text.push_str(line);
                current.line_of.extend(line_of(k));
                continue;
            };
            if !current.text.trim().is_empty() || current.speaker.is_some() {
                let mut done = std::mem::replace(&mut current, blank());
                // Where the reader knows the lines, each turn keeps its own.
                if let Some(&at) = cue.line_of.get(k).filter(|&&n| n > done.line) {
                    done.end_line = at - 1;
                    current.line = at;
                }
                out.push(done);
            }
            current.speaker = Some(start.speaker);
            let at = line_of(k);
            (current.text, current.line_of) = match start.aside {
                Some(aside) if start.rest.is_empty() => (aside, at.into_iter().collect()),
                Some(aside) => (
                    format!("{aside}\n\n{}", start.rest),
                    at.map_or_else(Vec::new, |n| vec![n, 0, n]),
                ),
                None => (start.rest, at.into_iter().collect()),
            };
        }
        out.push(current);
    }
    out
}

/// For every line of every cue, the turn it starts, if any.
fn plan(cues: &[Cue], rules: &SpeakerRules, tally: &mut Tally) -> Vec<Vec<Option<Start>>> {
    // A cue with a voice (or a diarized speaker tag) keeps its first line;
    // a later line may still hand over to another speaker.
    let found: Vec<Vec<Option<(Label, bool)>>> = cues
        .iter()
        .map(|c| {
            let voiced = c.speaker.is_some();
            c.text
                .split('\n')
                .enumerate()
                .map(|(k, l)| label_of(l, rules).filter(|_| !(voiced && k == 0)))
                .collect()
        })
        .collect();
    // Voice tags count as labels: `<v Dana Okoye-Smith>` and `Dana:` fold.
    let voices = cues
        .iter()
        .filter_map(|c| c.speaker.as_deref())
        .map(|name| Label {
            name,
            note: None,
            rest: "",
            strong: true,
            time: None,
            common: false,
        });
    let labels: Vec<Label> = found
        .iter()
        .flatten()
        .flatten()
        .map(|(l, _)| *l)
        .chain(voices)
        .collect();
    let speakers = Speakers::new(labels.iter(), rules);
    let mut plans = Vec::with_capacity(cues.len());
    for (cue, lines) in cues.iter().zip(&found) {
        if let Some(v) = &cue.speaker {
            tally.add(v, None, cue.line, Decision::Speaker, || "voice tag".into());
        }
        let plan = lines
            .iter()
            .enumerate()
            .map(|(k, l)| {
                let (l, dashed) = l.as_ref()?;
                let opens = match cue.speaker {
                    // Each line of diarized text is its own (the reader
                    // knows its source line); under a caption's voice only
                    // a sure speaker takes over.
                    Some(_) if !cue.line_of.is_empty() => Opens::Yes,
                    Some(_) => Opens::Never,
                    None if k == 0 || *dashed => Opens::Yes,
                    None => Opens::No,
                };
                decide(l, opens, &speakers, cue.line, tally)
            })
            .collect();
        plans.push(plan);
    }
    plans
}

/// Whether a label used once may start a turn where it stands.
#[derive(Clone, Copy, PartialEq)]
enum Opens {
    /// At the start of a cue or after a dialogue dash.
    Yes,
    /// Inside a cue.
    No,
    /// Inside a cue that already has a voice.
    Never,
}

fn decide(
    l: &Label,
    opens: Opens,
    speakers: &Speakers,
    line: usize,
    tally: &mut Tally,
) -> Option<Start> {
    let reason = match speakers.status(l.name)? {
        Status::Denied => Err("--not-speaker"),
        Status::Common => Err("a word, not a name"),
        Status::Speaker(why) => Ok(Some(why)),
        Status::Once if opens == Opens::Yes => Ok(None),
        Status::Once => Err("used once, inside a cue"),
    };
    let display = speakers.display(l.name).unwrap_or(l.name);
    match reason {
        Err(why) => {
            tally.add(l.name, None, line, Decision::Text, || why.into());
            None
        }
        Ok(why) => {
            let shown = (display != l.name).then_some(display);
            let why = move || match why {
                Some(why) => why.describe(),
                None => "used once, opens a cue or dialogue line".into(),
            };
            tally.add(l.name, shown, line, Decision::Speaker, why);
            let aside = l.note.filter(|_| !speakers.note_is_name(l));
            Some(Start {
                speaker: display.to_string(),
                aside: aside.map(|n| n.written.to_string()),
                rest: l.rest.to_string(),
            })
        }
    }
}
