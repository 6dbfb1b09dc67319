//! Which label names are speakers, decided with the whole document as
//! evidence: the user's rules first, then recurrence and strong forms
//! (bold, honorifics, role words, stage directions, timestamps); a name
//! used once is left to the line's context. Short forms are folded into
//! the fullest one: `Dana` into `Dana Okoye-Smith`, `张伟` into
//! `新闻发言人 张伟`, `XM` and `王小明` into `王小明（XM）`.

use std::collections::HashMap;

use super::labels::Label;
use super::names::is_role;
use super::rules::SpeakerRules;

/// What the document says about a name, before looking at one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// A speaker wherever it labels a line.
    Speaker(Why),
    /// Used once and weak: a speaker only where the line's context says so.
    Once,
    /// The user said it is never a speaker.
    Denied,
    /// A word that precedes colons in prose (`Note:`).
    Common,
}

/// Why a name is a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Why {
    Forced,
    Recurs(usize),
    Role,
    Stage,
    Timed,
    Strong,
}

impl Why {
    pub fn describe(self) -> String {
        match self {
            Why::Forced => "--speaker".into(),
            Why::Recurs(n) => format!("recurs {n} times"),
            Why::Role => "role word".into(),
            Why::Stage => "stage direction after the name".into(),
            Why::Timed => "timestamped label".into(),
            Why::Strong => "bold, honorific or Q/A label".into(),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry<'a> {
    display: &'a str,
    status: Status,
}

/// Which label names are speakers, and the name each is displayed as.
pub(crate) struct Speakers<'a> {
    names: HashMap<&'a str, Entry<'a>>,
    /// Names whose bracketed note is a short form (`王小明（XM）`): the
    /// note is part of the name, not an aside.
    aliased: HashMap<&'a str, &'a str>,
}

#[derive(Default, Clone, Copy)]
struct Stats {
    count: usize,
    why: Option<Why>,
    /// Written as a label (`Q:`) rather than as prose-like `Q.` somewhere.
    strong: bool,
    common: bool,
}

impl<'a> Speakers<'a> {
    pub fn new<'b>(found: impl Iterator<Item = &'b Label<'a>> + Clone, rules: &SpeakerRules) -> Self
    where
        'a: 'b,
    {
        let mut stats: HashMap<&'a str, Stats> = HashMap::new();
        for l in found.clone() {
            let e = stats.entry(l.name).or_default();
            e.count += 1;
            e.strong |= l.strong;
            e.common |= l.common;
            if e.why.is_none() {
                e.why = strength(l);
            }
        }
        // Role words are a property of the name: tested once per name.
        for (name, e) in stats.iter_mut() {
            if e.why.is_none() && is_role(name) && (e.strong || name.len() > 1) {
                // `Q`/`A` are roles when written as labels, not as `A.` prose.
                e.why = Some(Why::Role);
            }
        }
        let aliased = aliases(found, &stats);
        let names = Self::decide(&stats, &aliased, rules);
        Speakers { names, aliased }
    }

    fn decide(
        stats: &HashMap<&'a str, Stats>,
        aliased: &HashMap<&'a str, &'a str>,
        rules: &SpeakerRules,
    ) -> HashMap<&'a str, Entry<'a>> {
        let canon = canonical(stats, aliased);
        let mut groups: HashMap<&'a str, Stats> = HashMap::new();
        for (&name, s) in stats {
            let g = groups.entry(canon(name)).or_default();
            g.count += s.count;
            g.why = g.why.or(s.why);
        }
        stats
            .keys()
            .map(|&name| {
                let display = canon(name);
                let g = groups.get(display).copied().unwrap_or_default();
                let status = if rules.denies(name) || rules.denies(display) {
                    Status::Denied
                } else if rules.forces(name) || rules.forces(display) {
                    Status::Speaker(Why::Forced)
                } else if stats.get(name).is_some_and(|s| s.common) {
                    Status::Common
                } else if g.count >= 2 {
                    Status::Speaker(Why::Recurs(g.count))
                } else if let Some(why) = g.why {
                    Status::Speaker(why)
                } else {
                    Status::Once
                };
                (name, Entry { display, status })
            })
            .collect()
    }

    /// What the document says about a label name, and the name it is
    /// displayed as, in one lookup.
    pub fn lookup(&self, name: &str) -> Option<(Status, &'a str)> {
        self.names.get(name).map(|e| (e.status, e.display))
    }

    /// What the document says about a label name; `None` if it labels no line.
    pub fn status(&self, name: &str) -> Option<Status> {
        self.names.get(name).map(|e| e.status)
    }

    /// The displayed speaker for a label name.
    pub fn display(&self, name: &str) -> Option<&'a str> {
        self.names.get(name).map(|e| e.display)
    }

    /// The displayed speaker for a label name, if it is a speaker everywhere.
    pub fn get(&self, name: &str) -> Option<&'a str> {
        let e = self.names.get(name)?;
        matches!(e.status, Status::Speaker(_)).then_some(e.display)
    }

    /// Whether the label's note is part of the name rather than an aside.
    pub fn note_is_name(&self, label: &Label) -> bool {
        label
            .note
            .is_some_and(|n| self.aliased.get(label.name) == Some(&n.full))
    }
}

/// Why one label is a speaker even if used once, by its form (role words
/// are tested per name, in `Speakers::new`).
fn strength(l: &Label) -> Option<Why> {
    if l.time.is_some() {
        Some(Why::Timed)
    } else if l.note.is_some_and(|n| n.is_stage()) {
        Some(Why::Stage)
    } else {
        l.strong.then_some(Why::Strong)
    }
}

/// Names written with a short form in brackets that labels lines of its
/// own elsewhere (`王小明（XM）：` and later `XM：`): name → the full label.
fn aliases<'a, 'b>(
    found: impl Iterator<Item = &'b Label<'a>>,
    stats: &HashMap<&'a str, Stats>,
) -> HashMap<&'a str, &'a str>
where
    'a: 'b,
{
    let mut out = HashMap::new();
    for l in found {
        if let Some(n) = l
            .note
            .filter(|n| !n.is_stage() && stats.contains_key(n.inner))
        {
            out.entry(l.name).or_insert(n.full);
        }
    }
    out
}

/// The display name of each label name: its alias group's full label, or
/// the one longer name it is the first or last part of.
fn canonical<'a, 'm>(
    stats: &'m HashMap<&'a str, Stats>,
    aliased: &'m HashMap<&'a str, &'a str>,
) -> impl Fn(&'a str) -> &'a str + 'm {
    let mut short: HashMap<&'a str, &'a str> = HashMap::new();
    for (&name, &full) in aliased {
        short.insert(name, full);
        if let Some((_, inner)) = full
            .strip_suffix([')', '）'])
            .and_then(|f| f.rsplit_once(['(', '（']))
            && let Some((&k, _)) = stats.get_key_value(inner.trim())
        {
            short.insert(k, full);
        }
    }
    // A one-part name that is the first or last part of exactly one longer
    // name is that speaker shortened. A role word is not folded: `记者`
    // alone is not `新华社记者`.
    let mut long: HashMap<&'a str, Option<&'a str>> = HashMap::new();
    for &name in stats.keys() {
        let mut parts = name_parts(name);
        let (Some(first), Some(last)) = (parts.next(), parts.last()) else {
            continue;
        };
        for key in [first, last] {
            long.entry(key)
                .and_modify(|v| {
                    if *v != Some(name) {
                        *v = None;
                    }
                })
                .or_insert(Some(name));
        }
    }
    move |name: &'a str| {
        if let Some(full) = short.get(name) {
            return *full;
        }
        match long.get(name) {
            Some(Some(full)) if name_parts(name).nth(1).is_none() && !is_role(name) => {
                short.get(*full).copied().unwrap_or(full)
            }
            _ => name,
        }
    }
}

fn name_parts(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| c.is_whitespace() || matches!(c, '·' | '・'))
        .filter(|p| !p.is_empty())
}
