//! Rolling captions, as YouTube's automatic ones are written: each cue
//! starts with the line the cue before it ended on, and ~10 ms cues hold
//! only that line. Read as they are, every line shows two or three times.
//!
//! A cue "rolls" when its first lines repeat the previous cue's last lines
//! (tags stripped) and those repeated lines are plain: no word timings
//! (`<00:00:01.234>`), no voice. The new words of a rolling caption carry
//! the timings; a repeat does not. The file is treated as rolling only when
//! most cues roll or only repeat, and either two cues roll into new text or
//! one rolls into new words with timings, so a plain file with a line said
//! twice keeps both.

use super::{VttCue, voices};

/// At most this many lines repeat from one cue into the next (roll-up
/// captions show up to four rows); it bounds the comparison on any input.
const MAX_ROLL: usize = 4;

/// A line of a cue that has text.
struct Line {
    /// Index of the line in the cue's text.
    at: usize,
    /// The text without tags, whitespace collapsed.
    words: String,
    /// Has word timings (`<00:00:01.234>`).
    timed: bool,
    /// No word timing and no voice: a line a rolling caption repeats.
    plain: bool,
}

fn text_lines(text: &str) -> Vec<Line> {
    text.split('\n')
        .enumerate()
        .filter_map(|(at, raw)| {
            let stripped: String = voices(raw).into_iter().map(|(_, t)| t).collect();
            let words = stripped.split_whitespace().collect::<Vec<_>>().join(" ");
            let (timed, voiced) = tags(raw);
            (!words.is_empty()).then_some(Line {
                at,
                words,
                timed,
                plain: !timed && !voiced,
            })
        })
        .collect()
}

/// Whether a raw line has a timestamp tag, and whether it has a voice tag.
fn tags(raw: &str) -> (bool, bool) {
    let (mut timed, mut voiced) = (false, false);
    for (i, _) in raw.match_indices('<') {
        let tag = raw[i + 1..].trim_start_matches('/');
        timed |= tag.starts_with(|c: char| c.is_ascii_digit());
        voiced |= tag.split([' ', '\t', '.', '>']).next() == Some("v");
    }
    (timed, voiced)
}

/// How many of `cur`'s first lines repeat the last lines of `prev`.
fn repeated(prev: &[Line], cur: &[Line]) -> usize {
    let most = prev.len().min(cur.len()).min(MAX_ROLL);
    (1..=most)
        .rev()
        .find(|&k| {
            let tail = &prev[prev.len() - k..];
            cur[..k]
                .iter()
                .zip(tail)
                .all(|(c, p)| c.plain && c.words == p.words)
        })
        .unwrap_or(0)
}

/// Drop the repeated lines of rolling captions, and the cues that only
/// repeat; cues of a file that does not roll are left as they are.
pub(super) fn unroll(cues: &mut Vec<VttCue>) {
    if cues.len() < 3 {
        return;
    }
    let lines: Vec<Vec<Line>> = cues.iter().map(|c| text_lines(&c.text)).collect();
    // Each cue is compared with the last cue before it that has text.
    let mut repeats = vec![0; cues.len()];
    let (mut rolls, mut timed_rolls, mut echoes, mut followers) = (0, 0, 0, 0);
    let mut prev: Option<usize> = None;
    for (i, cur) in lines.iter().enumerate() {
        if cur.is_empty() {
            continue;
        }
        if let Some(p) = prev {
            followers += 1;
            repeats[i] = repeated(&lines[p], cur);
            match repeats[i] {
                0 => {}
                k if k == cur.len() => echoes += 1,
                k => {
                    rolls += 1;
                    timed_rolls += usize::from(cur[k..].iter().any(|l| l.timed));
                }
            }
        }
        prev = Some(i);
    }
    if (rolls < 2 && timed_rolls == 0) || 2 * (rolls + echoes) <= followers {
        return;
    }
    let mut i = 0;
    cues.retain_mut(|cue| {
        let (k, cur) = (repeats[i], &lines[i]);
        i += 1;
        if k == 0 {
            return true;
        }
        if k == cur.len() {
            return false;
        }
        let from = cur[k - 1].at + 1;
        cue.text = cue
            .text
            .split('\n')
            .skip(from)
            .collect::<Vec<_>>()
            .join("\n");
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(start: f64, text: &str) -> VttCue {
        VttCue {
            id: String::new(),
            start,
            end: start + 1.0,
            text: text.to_string(),
            line: 1,
            end_line: 1,
        }
    }

    fn texts(cues: &[VttCue]) -> Vec<&str> {
        cues.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn youtube_repeats_are_dropped() {
        let mut cues = vec![
            cue(0.0, " \nso<00:00:00.320><c> today</c>"),
            cue(2.35, "so today\n "),
            cue(2.36, "so today\nwe<00:00:02.600><c> talk</c>"),
            cue(5.1, "we talk\n "),
            cue(5.2, "we talk\nabout<00:00:05.600><c> it</c>"),
        ];
        unroll(&mut cues);
        assert_eq!(
            texts(&cues),
            [
                " \nso<00:00:00.320><c> today</c>",
                "we<00:00:02.600><c> talk</c>",
                "about<00:00:05.600><c> it</c>"
            ]
        );
    }

    #[test]
    fn two_line_roll_up_keeps_each_row_once() {
        let mut cues = vec![
            cue(0.0, "one\ntwo"),
            cue(1.0, "one\ntwo\nthree"),
            cue(2.0, "two\nthree\nfour"),
            cue(3.0, "four\nfive"),
        ];
        unroll(&mut cues);
        assert_eq!(texts(&cues), ["one\ntwo", "three", "four", "five"]);
    }

    #[test]
    fn one_roll_into_timed_words_is_enough() {
        let mut cues = vec![
            cue(0.0, " \nso<00:00:00.320><c> today</c>"),
            cue(2.35, "so today\n "),
            cue(2.36, "so today\nwe<00:00:02.600><c> talk</c>"),
        ];
        unroll(&mut cues);
        assert_eq!(
            texts(&cues),
            [
                " \nso<00:00:00.320><c> today</c>",
                "we<00:00:02.600><c> talk</c>"
            ]
        );
        let original = vec![
            cue(0.0, "Yes."),
            cue(1.0, "Yes.\nAnd then?"),
            cue(2.0, "No."),
        ];
        let mut cues = original.clone();
        unroll(&mut cues);
        assert_eq!(cues, original);
    }

    #[test]
    fn lines_said_twice_in_a_plain_file_stay() {
        let original = vec![
            cue(0.0, "<v Ana>Yes."),
            cue(1.0, "<v Leo>Yes."),
            cue(2.0, "Yes."),
            cue(3.0, "Yes.\nAnd then?"),
            cue(4.0, "We left."),
            cue(5.0, "Early."),
            cue(6.0, "Early.\nVery early."),
        ];
        let mut cues = original.clone();
        unroll(&mut cues);
        assert_eq!(cues, original);
    }

    #[test]
    fn repeats_with_word_timings_are_new_words() {
        let original = vec![
            cue(0.0, "no"),
            cue(1.0, "no<00:00:01.300><c> no</c>\nstop"),
            cue(2.0, "stop<00:00:02.300><c> it</c>\nnow"),
            cue(3.0, "now<00:00:03.300><c> then</c>"),
        ];
        let mut cues = original.clone();
        unroll(&mut cues);
        assert_eq!(cues, original);
    }
}
