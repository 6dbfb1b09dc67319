//! Word counts that work for Chinese and English alike, and each speaker's share of them.
//!
//! A CJK ideograph, kana or hangul syllable is one word, since those scripts
//! don't mark word boundaries; a run of other letters and digits is one word.
//! Narration (turns without a speaker) is left out of the shares: the picker
//! and the outline are about who speaks, and shares of speakers sum to 1.
//! The shares are one computation with the rest of the analytics
//! ([`analytics`]): the outline, the picker and `--stats` agree.

use unicode_normalization::char::is_combining_mark;

use super::model::Document;

pub mod analytics;
pub use analytics::Analytics;

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
///
/// Read byte by byte with ASCII decided on the spot (most transcripts are
/// mostly ASCII, and the analytics count every word of 16 MB at once);
/// other characters are decoded where they start.
pub fn words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let char_at = |i: usize| -> Option<char> {
        match bytes.get(i) {
            Some(&b) if b < 0x80 => Some(b as char),
            Some(_) => text.get(i..).and_then(|t| t.chars().next()),
            None => None,
        }
    };
    let mut count = 0;
    let mut prev: Option<char> = None;
    let mut in_word = false;
    let mut i = 0;
    while let Some(c) = char_at(i) {
        let next_at = i + c.len_utf8();
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                count += usize::from(!in_word);
                in_word = true;
            } else if !(in_word && joins(prev, c, char_at(next_at))) {
                in_word = false;
            }
        } else if is_cjk(c) {
            count += 1;
            in_word = false;
        } else if c.is_alphanumeric() || (in_word && is_combining_mark(c)) {
            count += usize::from(!in_word);
            in_word = true;
        } else if in_word && joins(prev, c, char_at(next_at)) {
            // `don't`, `state-of-the-art`, `4.5`: one word each.
        } else {
            in_word = false;
        }
        prev = Some(c);
        i = next_at;
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
    Analytics::of(doc).shares()
}

/// For each section, the share of each speaker who speaks in it, in the
/// order speakers first appear in the document (so columns line up across
/// sections). Speakers absent from a section are left out of its list.
pub fn section_shares(doc: &Document) -> Vec<Vec<SpeakerShare>> {
    Analytics::of(doc).section_shares()
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

    /// The byte-wise count against the plain one it replaced, char by char.
    fn plain(text: &str) -> usize {
        let mut count = 0;
        let mut prev: Option<char> = None;
        let mut in_word = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if is_cjk(c) {
                count += 1;
                in_word = false;
            } else if c.is_alphanumeric() || (in_word && is_combining_mark(c)) {
                count += usize::from(!in_word);
                in_word = true;
            } else if !(in_word && joins(prev, c, chars.peek().copied())) {
                in_word = false;
            }
            prev = Some(c);
        }
        count
    }

    proptest::proptest! {
        #[test]
        fn the_fast_count_is_the_plain_count(text in "[a-z0-9 '’.,\\-é\u{301}中文かナ한\u{FF21}]{0,40}") {
            proptest::prop_assert_eq!(words(&text), plain(&text));
        }
    }
}
