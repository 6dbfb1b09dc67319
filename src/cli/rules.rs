//! The user's speaker rules: `--speaker` and `--not-speaker` added to the
//! config file's `[labels]` lists, with contradictions refused.

use anyhow::{Result, anyhow};

use super::{Args, FlagError};
use crate::app::labels::{Label, Labels};
use crate::transcript::parse::SpeakerRules;

/// Where a name was given, for the error that names a contradiction.
#[derive(Clone, Copy)]
enum Origin<'a> {
    Flag,
    Config(&'a Label),
}

struct Named<'a> {
    name: &'a str,
    origin: Origin<'a>,
}

/// The rules `load` gets: the config's lists, then the flags. An
/// empty name, or one name both forced and denied, is an error: exit 2
/// (a [`FlagError`]) when a flag is involved, a config error otherwise.
pub fn speaker_rules(args: &Args, labels: &Labels) -> Result<SpeakerRules> {
    for name in args.speaker.iter().chain(&args.not_speaker) {
        if name.trim().is_empty() {
            return Err(FlagError("--speaker and --not-speaker need a name".into()).into());
        }
    }
    let force = named(&args.speaker, &labels.speaker);
    let deny = named(&args.not_speaker, &labels.not_speaker);
    if let Some(e) = contradiction(&force, &deny, labels) {
        return Err(e);
    }
    Ok(SpeakerRules {
        force: force.iter().map(|n| n.name.to_string()).collect(),
        deny: deny.iter().map(|n| n.name.to_string()).collect(),
    })
}

fn named<'a>(flags: &'a [String], config: &'a [Label]) -> Vec<Named<'a>> {
    flags
        .iter()
        .map(|name| Named {
            name,
            origin: Origin::Flag,
        })
        .chain(config.iter().map(|l| Named {
            name: &l.name,
            origin: Origin::Config(l),
        }))
        .collect()
}

/// The first name both forced and denied, as an error. Flags are checked
/// against each other first: they are what the user just typed.
fn contradiction(force: &[Named], deny: &[Named], labels: &Labels) -> Option<anyhow::Error> {
    let pairs = force
        .iter()
        .flat_map(|yes| deny.iter().map(move |no| (yes, no)))
        .filter(|(yes, no)| same_label(yes.name, no.name));
    let rank = |(yes, no): &(&Named, &Named)| {
        matches!(yes.origin, Origin::Config(_)) as u8 + matches!(no.origin, Origin::Config(_)) as u8
    };
    let (yes, no) = pairs.min_by_key(rank)?;
    Some(match (yes.origin, no.origin) {
        (Origin::Flag, Origin::Flag) if yes.name == no.name => FlagError(format!(
            "'{}' is given to both --speaker and --not-speaker",
            no.name
        ))
        .into(),
        (Origin::Flag, Origin::Flag) => FlagError(format!(
            "--speaker '{}' and --not-speaker '{}' name the same label",
            yes.name, no.name
        ))
        .into(),
        (Origin::Flag, Origin::Config(l)) => FlagError(format!(
            "--speaker '{}' contradicts labels.not-speaker at {}",
            yes.name,
            labels.place(l)
        ))
        .into(),
        (Origin::Config(l), Origin::Flag) => FlagError(format!(
            "--not-speaker '{}' contradicts labels.speaker at {}",
            no.name,
            labels.place(l)
        ))
        .into(),
        // Blamed on the later line, as the keymap loader blames a key
        // bound twice.
        (Origin::Config(a), Origin::Config(b)) => anyhow!(
            "{}: '{}' is in both labels.speaker (line {}) and labels.not-speaker (line {})",
            labels.place(if a.line > b.line { a } else { b }),
            b.name,
            a.line,
            b.line
        ),
    })
}

/// Whether two names pick the same label, by the parser's own matching.
fn same_label(a: &str, b: &str) -> bool {
    SpeakerRules {
        force: vec![a.to_string()],
        deny: Vec::new(),
    }
    .forces(b)
}
