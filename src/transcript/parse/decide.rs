//! The per-line verdict on each label: whether this line starts a turn,
//! given what the document says about the name (see `speakers`) and the
//! line's own context: the value after the colon (a sentence is speech; a
//! date, a URL or a speaker's name is metadata) and whether it sits in
//! dialogue. Also the account of every decision for `--speakers`.

use super::found::Found;
use super::labels::Label;
use super::lossless::is_structure;
use super::paragraphs::{ends_sentence, is_wide};
use super::rules::{Candidate, Decision};

use super::speakers::{Speakers, Status, Why};

/// Why one line's label was, or was not, taken as a speaker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Verdict<'a> {
    /// A turn for the speaker displayed as the name given.
    Speaker(Taken, &'a str),
    Text(&'static str),
}

/// Why a label was taken as a speaker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Taken {
    /// The document says so, wherever the name labels a line.
    Name(Why),
    /// A name used once, in dialogue: a guess the reader is told about.
    Guess,
    /// A name used once, right after a `――` question.
    Answer,
}

impl Taken {
    pub fn describe(self) -> String {
        match self {
            Taken::Name(why) => why.describe(),
            Taken::Guess => GUESS.into(),
            Taken::Answer => "used once, answers a question".into(),
        }
    }
}

/// The reason given for a guessed speaker.
pub(super) const GUESS: &str = "used once, in dialogue";

/// The verdict on a label whose line changed after the first pass (the
/// opening quote of a quoted body removed): no context, only the name.
pub(super) fn single<'a>(l: &Label, speakers: &Speakers<'a>) -> Verdict<'a> {
    match speakers.lookup(l.name) {
        Some((Status::Speaker(why), display)) => Verdict::Speaker(Taken::Name(why), display),
        _ => Verdict::Text("used once"),
    }
}

/// Decide every label, in the order of [`Found::labels`] (a slot per
/// label, not per line). `interviewer[i]` marks a `――` question.
pub(super) fn lines<'a>(
    lines: &[&str],
    found: &Found<'a>,
    speakers: &Speakers<'a>,
    interviewer: &dyn Fn(usize) -> bool,
) -> Vec<Verdict<'a>> {
    let context = Context::new(lines, found, speakers);
    let mut after_question = false;
    let mut out = Vec::with_capacity(found.labels().len());
    for (i, l) in found.lines().enumerate() {
        if let Some(l) = l {
            out.push(context.verdict(i, l, after_question));
        }
        if !is_structure(lines[i]) {
            after_question = interviewer(i);
        }
    }
    out
}

/// What the lines around a label say, computed once for the document.
struct Context<'c, 'a> {
    speakers: &'c Speakers<'a>,
    found: &'c Found<'a>,
    /// Each label's name, looked up once; by label, not by line.
    names: Vec<Option<(Status, &'a str)>>,
    /// Where the dialogue opens: the first sure speaker saying something
    /// other than names. Before it, `For the Defendant: Paul Okonkwo,
    /// Esq.` lists people, and a name used once is a speaker only when
    /// dialogue follows at once (`Alice: Hi`).
    first_sure: Option<usize>,
    next_sure: Vec<bool>,
    /// A run of labels from here leads into the dialogue.
    chain: Vec<bool>,
    /// A label used once that says something is next to this line.
    beside_weak: Vec<bool>,
}

impl<'c, 'a> Context<'c, 'a> {
    fn new(lines: &[&str], found: &'c Found<'a>, speakers: &'c Speakers<'a>) -> Self {
        let names: Vec<Option<(Status, &'a str)>> =
            found.labels().map(|l| speakers.lookup(l.name)).collect();
        let status = |i: usize| found.index(i).and_then(|k| names[k]).map(|(s, _)| s);
        let sure = |i: usize| matches!(status(i), Some(Status::Speaker(_)));
        let weak = |i: usize| {
            status(i) == Some(Status::Once) && found.get(i).is_some_and(|l| is_speech(l.rest))
        };
        let lists = |i: usize| {
            let role = status(i) == Some(Status::Speaker(Why::Role));
            found.get(i).is_some_and(|l| {
                is_name_list(l.rest, true) || (role && is_name_list(l.rest, false))
            })
        };
        let first_sure = (0..lines.len()).find(|&i| sure(i) && !lists(i));
        let content: Vec<usize> = (0..lines.len())
            .filter(|&i| !is_structure(lines[i]))
            .collect();
        let mut next_sure = vec![false; lines.len()];
        let mut chain = vec![false; lines.len()];
        let mut beside_weak = vec![false; lines.len()];
        // Backwards, so a run of labels that leads into the dialogue is
        // known to be dialogue from its first line on.
        for (k, &i) in content.iter().enumerate().rev() {
            let next = content.get(k + 1).copied();
            let prev = k.checked_sub(1).map(|p| content[p]);
            next_sure[i] = next.is_some_and(sure);
            chain[i] = next.is_some_and(|n| sure(n) || (weak(n) && chain[n]));
            beside_weak[i] = next.is_some_and(weak) || prev.is_some_and(weak);
        }
        Context {
            speakers,
            found,
            names,
            first_sure,
            next_sure,
            chain,
            beside_weak,
        }
    }

    fn in_dialogue(&self, i: usize) -> bool {
        match self.first_sure {
            Some(f) => i > f || self.chain[i],
            // No name is sure: weak labels next to each other are dialogue.
            None => self.beside_weak[i],
        }
    }

    /// Before the dialogue opens, a label whose value names people.
    fn listing(&self, i: usize, l: &Label, strict: bool) -> bool {
        self.first_sure.is_none_or(|f| i < f) && is_name_list(l.rest, strict)
    }

    fn verdict(&self, i: usize, l: &Label, after_question: bool) -> Verdict<'a> {
        let named = self.found.index(i).and_then(|k| self.names[k]);
        let Some((status, display)) = named else {
            return Verdict::Text("not a name");
        };
        let speaker = |taken| Verdict::Speaker(taken, display);
        match status {
            Status::Denied => Verdict::Text("--not-speaker"),
            Status::Common => Verdict::Text("a word, not a name"),
            Status::Speaker(Why::Role) if self.listing(i, l, false) => {
                Verdict::Text("names people before the dialogue")
            }
            Status::Speaker(why) => speaker(Taken::Name(why)),
            Status::Once if after_question => speaker(Taken::Answer),
            Status::Once if self.listing(i, l, true) => {
                Verdict::Text("names people before the dialogue")
            }
            Status::Once if !self.in_dialogue(i) => {
                Verdict::Text("used once, outside the dialogue")
            }
            Status::Once if is_meta_value(l.rest, self.speakers) => {
                Verdict::Text("value is a date, link or name")
            }
            Status::Once if is_speech(l.rest) || self.next_sure[i] || l.rest.is_empty() => {
                speaker(Taken::Guess)
            }
            Status::Once => Verdict::Text("used once, value is not speech"),
        }
    }
}

/// Whether the text after a colon reads as speech: a sentence, or a clause
/// too long for a header value (a comma and eight CJK characters, or six
/// words).
pub(super) fn is_speech(rest: &str) -> bool {
    if rest.is_empty() || is_link(rest) {
        return false;
    }
    let wide = rest.chars().filter(|&c| is_wide(c)).count();
    let clause = rest.contains(['，', ',', '、']);
    ends_sentence(rest) || (clause && wide >= 8) || rest.split_whitespace().nth(5).is_some()
}

fn is_link(s: &str) -> bool {
    let lower = s.trim_start().get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.")
}

/// A value that a header, not a speaker, would write: a link, an email
/// address, a date or number, or the name of a speaker (`Host: Bob`).
pub(super) fn is_meta_value(rest: &str, speakers: &Speakers) -> bool {
    let rest = rest.trim();
    if rest.is_empty() || ends_sentence(rest) && !rest.ends_with('.') {
        return false;
    }
    let dated = rest.starts_with(|c: char| c.is_ascii_digit())
        && rest.chars().all(|c| {
            c.is_ascii_digit() || " -/.:,年月日号时分秒".contains(c) || c.is_ascii_alphabetic()
        })
        && rest.split_whitespace().count() <= 4;
    let email = !rest.contains(' ') && rest.contains('@') && rest.contains('.');
    let named = speakers.get(rest.trim_end_matches('.')).is_some();
    is_link(rest) || dated || email || named
}

/// A name or a list of names (`Jessica Tran, Michael Brandt`, `王芳、李明`):
/// what a header says after `Producer:` or `主播：`. `strict` asks for
/// Latin names of two words or more (`Paul Okonkwo, Esq.`): after a name
/// that is no role, `Hi` or `你好` is more likely said than listed.
pub(super) fn is_name_list(rest: &str, strict: bool) -> bool {
    let rest = rest.trim();
    if rest.is_empty() || (ends_sentence(rest) && !rest.ends_with('.')) {
        return false;
    }
    let mut full = false;
    let all = rest
        .split([',', '，', '、', ';', '；', '/', '&'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .all(|p| {
            let p = p.trim_end_matches('.');
            full |= p.split_whitespace().nth(1).is_some() && !p.chars().any(is_wide);
            !p.is_empty() && super::names::classify(p).is_some()
        });
    all && (full || !strict)
}

/// The account of every label for `--speakers`: one candidate per name and
/// decision, in order of first appearance.
pub(super) fn report(
    found: &Found,
    verdicts: &[Verdict],
    metadata: &dyn Fn(usize) -> Option<&'static str>,
) -> Vec<Candidate> {
    let mut out = Tally::default();
    for (i, l) in found.lines().enumerate() {
        let (Some(l), Some(v)) = (l, found.index(i).and_then(|k| verdicts.get(k))) else {
            continue;
        };
        let (decision, reason, shown) = match (metadata(i), *v) {
            (Some(why), _) => (Decision::Metadata, Err(why), None),
            (None, Verdict::Speaker(why, display)) => (Decision::Speaker, Ok(why), Some(display)),
            (None, Verdict::Text(why)) => (Decision::Text, Err(why), None),
        };
        let shown_as = shown.filter(|d| *d != l.name);
        out.add(l.name, shown_as, i + 1, decision, || match reason {
            Ok(taken) => taken.describe(),
            Err(why) => why.to_string(),
        });
    }
    out.finish()
}

/// Candidates counted by name and decision, in order of first appearance.
#[derive(Default)]
pub(crate) struct Tally {
    out: Vec<Candidate>,
    /// For each name, its candidate's index under each decision. Looked up
    /// by `&str`, so counting a line allocates nothing.
    index: std::collections::HashMap<String, [Option<usize>; 3]>,
}

impl Tally {
    /// Count one more line of `name` taken as `decision`.
    pub fn add(
        &mut self,
        name: &str,
        shown_as: Option<&str>,
        line: usize,
        decision: Decision,
        reason: impl FnOnce() -> String,
    ) {
        let slot = decision as usize;
        if let Some(k) = self.index.get(name).and_then(|slots| slots[slot]) {
            self.out[k].count += 1;
            return;
        }
        self.index.entry(name.to_string()).or_default()[slot] = Some(self.out.len());
        self.out.push(Candidate {
            name: name.to_string(),
            shown_as: shown_as.map(str::to_string),
            count: 1,
            line,
            decision,
            reason: reason(),
        });
    }

    pub fn finish(self) -> Vec<Candidate> {
        self.out
    }
}
