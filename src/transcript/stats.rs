//! Word counts that work for Chinese and English alike, and each speaker's share of them.
//!
//! A CJK ideograph, kana or hangul syllable is one word, since those scripts
//! don't mark word boundaries; a run of other letters and digits is one word.
//! Narration (turns without a speaker) is left out of the shares: the picker
//! and the outline are about who speaks, and shares of speakers sum to 1.

use std::collections::HashMap;

use unicode_normalization::char::is_combining_mark;

use super::model::{Document, Turn};

/// One speaker's part of a document or section.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerShare {
    pub name: String,
    pub turns: usize,
    pub words: usize,
    /// `words` over the words of all speakers in the same scope; 0 when no
    /// speaker said anything.
    pub share: f32,
}

/// The number of words in `text`.
pub fn words(text: &str) -> usize {
    let mut count = 0;
    let mut prev: Option<char> = None;
    let mut in_word = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_cjk(c) {
            count += 1;
            in_word = false;
        } else if c.is_alphanumeric() || (in_word && is_combining_mark(c)) {
            if !in_word {
                count += 1;
                in_word = true;
            }
        } else if in_word && joins(prev, c, chars.peek().copied()) {
            // `don't`, `state-of-the-art`, `4.5`: one word each.
        } else {
            in_word = false;
        }
        prev = Some(c);
    }
    count
}

/// Whether `c` between `prev` and `next` keeps a Latin word going.
fn joins(prev: Option<char>, c: char, next: Option<char>) -> bool {
    let word = |x: Option<char>| x.is_some_and(|x| x.is_alphanumeric() && !is_cjk(x));
    let digit = |x: Option<char>| x.is_some_and(|x| x.is_numeric());
    match c {
        '\'' | '’' | '-' => word(prev) && word(next),
        '.' | ',' => digit(prev) && digit(next),
        _ => false,
    }
}

/// Ideographs, kana and hangul: scripts written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'       // CJK unified ideographs
        | '\u{3400}'..='\u{4DBF}'     // extension A
        | '\u{20000}'..='\u{3134F}'   // extensions B to G
        | '\u{F900}'..='\u{FAFF}'     // compatibility ideographs
        | '\u{3005}'..='\u{3007}'     // 々 〆 〇
        | '\u{3041}'..='\u{309F}'     // hiragana
        | '\u{30A1}'..='\u{30FA}'     // katakana
        | '\u{30FC}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{FF66}'..='\u{FF9D}'     // half-width katakana
        | '\u{AC00}'..='\u{D7A3}'     // hangul syllables
        | '\u{1100}'..='\u{11FF}'     // hangul jamo
        | '\u{3131}'..='\u{318E}'
    )
}

/// Each speaker's turns and share of the words over the whole document, in
/// order of first appearance. Narration is left out.
pub fn speaker_shares(doc: &Document) -> Vec<SpeakerShare> {
    let mut tally = Tally::default();
    for turn in doc.turns() {
        tally.add(turn);
    }
    tally.finish()
}

/// For each section, the share of each speaker who speaks in it, in the
/// order speakers first appear in the document (so columns line up across
/// sections). Speakers absent from a section are left out of its list.
pub fn section_shares(doc: &Document) -> Vec<Vec<SpeakerShare>> {
    let order: HashMap<String, usize> = speaker_order(doc);
    doc.sections
        .iter()
        .map(|section| {
            let mut tally = Tally::default();
            for turn in &section.turns {
                tally.add(turn);
            }
            let mut shares = tally.finish();
            shares.sort_by_key(|s| order.get(&s.name).copied().unwrap_or(usize::MAX));
            shares
        })
        .collect()
}

fn speaker_order(doc: &Document) -> HashMap<String, usize> {
    let mut order = HashMap::new();
    for name in doc.turns().filter_map(|t| t.speaker.as_deref()) {
        let next = order.len();
        order.entry(name.to_string()).or_insert(next);
    }
    order
}

/// Speakers in order of first appearance, looked up by name in constant time.
#[derive(Default)]
struct Tally {
    by_name: HashMap<String, usize>,
    shares: Vec<SpeakerShare>,
}

impl Tally {
    fn add(&mut self, turn: &Turn) {
        let Some(name) = turn.speaker.as_deref() else {
            return;
        };
        let words: usize = turn.paragraphs.iter().map(|p| words(p)).sum();
        let i = match self.by_name.get(name) {
            Some(&i) => i,
            None => {
                self.by_name.insert(name.to_string(), self.shares.len());
                self.shares.push(SpeakerShare {
                    name: name.to_string(),
                    turns: 0,
                    words: 0,
                    share: 0.0,
                });
                self.shares.len() - 1
            }
        };
        self.shares[i].turns += 1;
        self.shares[i].words += words;
    }

    fn finish(mut self) -> Vec<SpeakerShare> {
        let total: usize = self.shares.iter().map(|s| s.words).sum();
        if total > 0 {
            for s in &mut self.shares {
                s.share = (s.words as f64 / total as f64) as f32;
            }
        }
        self.shares
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joiners_need_a_word_on_both_sides() {
        assert_eq!(words("don't stop"), 2);
        assert_eq!(words("state-of-the-art"), 1);
        assert_eq!(words("4.5 vs 4. 5"), 4);
        assert_eq!(words("end.Next"), 2);
        assert_eq!(words("- dash -"), 1);
    }
}
