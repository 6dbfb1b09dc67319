//! Which label names are speakers: strong labels at once, the rest when they
//! recur, and shortened names folded into their full form.

use std::collections::HashMap;

use super::labels::Label;

/// Which label names are speakers, and the name each is displayed as.
pub(super) struct Speakers<'a> {
    display: HashMap<&'a str, &'a str>,
}

impl<'a> Speakers<'a> {
    pub fn new<'b>(found: impl Iterator<Item = &'b Label<'a>>) -> Self
    where
        'a: 'b,
    {
        let mut stats: HashMap<&'a str, (usize, bool)> = HashMap::new();
        for l in found {
            let e = stats.entry(l.name).or_default();
            e.0 += 1;
            e.1 |= l.strong;
        }
        // A one-word name that is the first or last part of exactly one longer
        // name is that speaker shortened (`Margarethe` for `Margarethe Vogel`).
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
        let canon = |name: &'a str| match long.get(name) {
            Some(Some(full)) if name_parts(name).nth(1).is_none() => *full,
            _ => name,
        };
        let mut groups: HashMap<&'a str, (usize, bool)> = HashMap::new();
        for (&name, &(count, strong)) in &stats {
            let g = groups.entry(canon(name)).or_default();
            g.0 += count;
            g.1 |= strong;
        }
        let display = stats
            .keys()
            .filter_map(|&name| {
                let full = canon(name);
                let &(count, strong) = groups.get(full)?;
                (count >= 2 || strong).then_some((name, full))
            })
            .collect();
        Speakers { display }
    }

    /// The displayed speaker for a label name, if it is a speaker.
    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.display.get(name).copied()
    }
}

fn name_parts(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| c.is_whitespace() || matches!(c, '·' | '・'))
        .filter(|p| !p.is_empty())
}
