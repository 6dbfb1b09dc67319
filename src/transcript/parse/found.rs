//! The labels found on the lines of a document, kept sparse: most lines
//! hold none, and a label is about a hundred bytes, so a table with a slot
//! per line would write megabytes of `None` on a large transcript.

use super::labels::{self, Label};
use super::rules::SpeakerRules;

/// For each line, its label if it has one.
pub(crate) struct Found<'a> {
    /// Per line: 0 for none, else 1 + the label's index in `labels`.
    at: Vec<u32>,
    labels: Vec<Label<'a>>,
}

impl<'a> Found<'a> {
    /// The labels of `lines` from `start` on (the front matter holds none).
    pub fn collect(lines: &[&'a str], start: usize, rules: &SpeakerRules) -> Found<'a> {
        let mut found = Found {
            at: vec![0; lines.len()],
            labels: Vec::new(),
        };
        for (i, line) in lines.iter().enumerate().skip(start) {
            if let Some(l) = labels::split_with(line, rules) {
                found.labels.push(l);
                found.at[i] = found.labels.len() as u32;
            }
        }
        found
    }

    /// The number of lines.
    pub fn len(&self) -> usize {
        self.at.len()
    }

    /// The index in [`labels`](Self::labels) of the label of `line`, so a
    /// table about labels needs a slot per label, not per line.
    pub fn index(&self, line: usize) -> Option<usize> {
        match *self.at.get(line)? {
            0 => None,
            k => Some(k as usize - 1),
        }
    }

    pub fn get(&self, line: usize) -> Option<&Label<'a>> {
        match *self.at.get(line)? {
            0 => None,
            k => self.labels.get(k as usize - 1),
        }
    }

    /// Every label, in line order.
    pub fn labels(&self) -> std::slice::Iter<'_, Label<'a>> {
        self.labels.iter()
    }

    /// Each line's label or `None`, in line order.
    pub fn lines(&self) -> impl Iterator<Item = Option<&Label<'a>>> {
        (0..self.at.len()).map(|i| self.get(i))
    }

    /// Replace the label of `line` (a line read again after a fix-up).
    pub fn set(&mut self, line: usize, label: Option<Label<'a>>) {
        let Some(slot) = self.at.get_mut(line) else {
            return;
        };
        match (label, *slot) {
            (None, _) => *slot = 0,
            (Some(l), 0) => {
                // Out of line order in `labels`; nothing reads it in order
                // but `labels()`, whose users only count and look names up.
                self.labels.push(l);
                *slot = self.labels.len() as u32;
            }
            (Some(l), k) => self.labels[k as usize - 1] = l,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_lookup_and_replacement() {
        let lines = ["Title", "Ann: hi", "", "Bob: yes", "prose"];
        let mut f = Found::collect(&lines, 0, &SpeakerRules::default());
        assert_eq!(f.len(), 5);
        let names: Vec<_> = f.lines().map(|l| l.map(|l| l.name)).collect();
        assert_eq!(names, [None, Some("Ann"), None, Some("Bob"), None]);
        assert_eq!(f.labels().count(), 2);
        f.set(1, None);
        assert!(f.get(1).is_none());
        f.set(4, labels::split_with("Cleo: and", &SpeakerRules::default()));
        assert_eq!(f.get(4).map(|l| l.name), Some("Cleo"));
        f.set(3, labels::split_with("Dan: no", &SpeakerRules::default()));
        assert_eq!(f.get(3).map(|l| l.name), Some("Dan"));
        assert!(f.get(99).is_none());
        let skipped = Found::collect(&lines, 2, &SpeakerRules::default());
        assert!(skipped.get(1).is_none() && skipped.get(3).is_some());
    }
}
