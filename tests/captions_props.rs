//! Properties of reading rolling captions: generated cue sequences that do
//! not roll keep every line, however their lines repeat, and sequences
//! written the way YouTube rolls them read each line once.

use proptest::prelude::*;
use tread::transcript::Document;
use tread::transcript::formats::{Format, read};

fn all_text(doc: &Document) -> String {
    let paragraphs: Vec<&str> = doc
        .turns()
        .flat_map(|t| t.paragraphs.iter().map(String::as_str))
        .collect();
    paragraphs.join(" ")
}

/// A token per line, distinct, none a substring of another.
fn token(i: usize) -> String {
    format!("q{i}z")
}

/// Line `words` as a cue line: plain, with word timings, or with a voice.
fn render(words: &[String], how: u8, t: usize) -> String {
    match how % 3 {
        0 => words.join(" "),
        1 => {
            let mut line = words[0].clone();
            for (i, w) in words[1..].iter().enumerate() {
                line += &format!("<00:00:{:02}.{:03}><c> {w}</c>", t % 60, i * 10);
            }
            line
        }
        _ => format!("<v Ana>{}", words.join(" ")),
    }
}

fn vtt(cues: &[Vec<String>]) -> String {
    let mut out = String::from("WEBVTT\n\n");
    for (i, lines) in cues.iter().enumerate() {
        out += &format!("00:00:{:02}.000 --> 00:00:{:02}.500\n", i % 60, i % 60);
        out += &lines.join("\n");
        out += "\n\n";
    }
    out
}

fn count(text: &str, word: &str) -> usize {
    text.split_whitespace().filter(|w| *w == word).count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Distinct lines in any grouping, plain, timed or voiced: none is
    /// dropped as a rolling repeat.
    #[test]
    fn non_rolling_cues_keep_every_line(
        shape in prop::collection::vec(prop::collection::vec((1usize..4, any::<u8>()), 1..4), 1..16)
    ) {
        let mut next = 0;
        let mut words_in = Vec::new();
        let cues: Vec<Vec<String>> = shape.iter().enumerate().map(|(t, lines)| {
            lines.iter().map(|&(n, how)| {
                let words: Vec<String> = (0..n).map(|_| { next += 1; token(next) }).collect();
                words_in.extend(words.iter().cloned());
                render(&words, how, t)
            }).collect()
        }).collect();
        let doc = read(&vtt(&cues), Format::Vtt).unwrap();
        let text = all_text(&doc);
        for w in &words_in {
            prop_assert_eq!(count(&text, w), 1, "{} in {:?}", w, text);
        }
    }

    /// Lines from a small vocabulary, repeated anywhere, except that a cue
    /// never opens with a plain copy of the line before it: every
    /// occurrence survives.
    #[test]
    fn repeats_that_do_not_roll_are_kept(
        shape in prop::collection::vec(prop::collection::vec((prop::collection::vec(0usize..3, 1..3), any::<u8>()), 1..4), 1..16)
    ) {
        let mut last: Option<Vec<String>> = None;
        let mut expected = std::collections::HashMap::<String, usize>::new();
        let cues: Vec<Vec<String>> = shape.iter().enumerate().map(|(t, lines)| {
            let cue: Vec<String> = lines.iter().enumerate().map(|(j, (ids, how))| {
                let words: Vec<String> = ids.iter().map(|&i| token(i)).collect();
                for w in &words {
                    *expected.entry(w.clone()).or_default() += 1;
                }
                let line = render(&words, *how, t);
                // A plain copy would be a rolling repeat: give it a voice.
                if j == 0 && last.as_ref() == Some(&words) && !line.contains('<') {
                    return render(&words, 2, t);
                }
                line
            }).collect();
            last = lines.last().map(|(ids, _)| ids.iter().map(|&i| token(i)).collect());
            cue
        }).collect();
        let doc = read(&vtt(&cues), Format::Vtt).unwrap();
        let text = all_text(&doc);
        for (w, n) in &expected {
            prop_assert_eq!(count(&text, w), *n, "{} in {:?}", w, text);
        }
    }

    /// Distinct lines written the way YouTube rolls them: each read once.
    #[test]
    fn rolling_cues_read_each_line_once(sizes in prop::collection::vec(2usize..5, 3..12)) {
        let mut next = 0;
        let mut cues = Vec::new();
        let mut prev: Option<String> = None;
        let mut words_in = Vec::new();
        for (t, n) in sizes.into_iter().enumerate() {
            let words: Vec<String> = (0..n).map(|_| { next += 1; token(next) }).collect();
            words_in.extend(words.iter().cloned());
            let plain = words.join(" ");
            cues.push(vec![prev.clone().unwrap_or_else(|| " ".into()), render(&words, 1, t)]);
            cues.push(vec![plain.clone(), " ".into()]);
            prev = Some(plain);
        }
        let doc = read(&vtt(&cues), Format::Vtt).unwrap();
        let text = all_text(&doc);
        prop_assert_eq!(text, words_in.join(" "));
    }
}
