//! Who talked how much: one pass over the document giving, per speaker,
//! words, share, turns, the longest monologue and talk time; per section,
//! each speaker's words; and for timed transcripts a timeline of who spoke.
//! The outline's shares, the speaker picker's, `--stats` and the reader's
//! analytics overlay all read this one computation.
//!
//! Talk time is measured from a turn's start to the next timed turn's
//! start (the last turn runs to the document's end): the model keeps where
//! cues start, not where they end, so a pause before the next turn counts
//! as the speaker's. Narration is left out of every share.

use std::collections::HashMap;

use super::words;
use crate::transcript::model::Document;

/// How many buckets the timeline is cut into: fine enough for a chart as
/// wide as a terminal, merged to fewer columns by [`Timeline::columns`].
pub const BUCKETS: usize = 240;

/// Everything the analytics show, for one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analytics {
    /// In order of first appearance: the index is the speaker's colour
    /// index in the reader, and the `speaker` of every [`Part`].
    pub speakers: Vec<SpeakerStats>,
    /// One per section of the document, in order.
    pub sections: Vec<SectionStats>,
    /// Words of all speakers (narration left out).
    pub words: usize,
    /// Turns of all speakers.
    pub turns: usize,
    /// For a transcript with times: who spoke along it.
    pub timeline: Option<Timeline>,
}

/// One speaker over the whole document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpeakerStats {
    pub name: String,
    pub words: usize,
    pub turns: usize,
    /// `words` over [`Analytics::words`]; 0 when no speaker said anything.
    pub share: f32,
    /// The speaker's turn with the most words (the first of equals).
    pub longest: Monologue,
    /// Seconds from the starts of this speaker's timed turns to the next
    /// turn's start; `None` for a transcript without times.
    pub talk: Option<f64>,
}

/// Where a turn is and how long it runs, in words.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Monologue {
    /// The turn, counted over the whole document.
    pub turn: usize,
    pub section: usize,
    /// The turn's first source line.
    pub line: usize,
    pub time: Option<f64>,
    pub words: usize,
}

/// One section: who spoke in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SectionStats {
    /// Words of all speakers in the section.
    pub words: usize,
    /// The speakers who have a turn in it, in document order.
    pub parts: Vec<Part>,
}

/// A speaker's part of a section.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Part {
    /// Index into [`Analytics::speakers`].
    pub speaker: usize,
    pub words: usize,
    pub turns: usize,
    /// `words` over the section's words; 0 when nobody said anything.
    pub share: f32,
}

/// Who spoke when: [`BUCKETS`] equal stretches from the first timed turn
/// to the end, each with the seconds each speaker talked in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    pub start: f64,
    pub end: f64,
    /// `seconds[bucket][speaker]`.
    pub seconds: Vec<Vec<f64>>,
}

impl SpeakerStats {
    /// Words per turn; 0 without turns.
    pub fn average(&self) -> f64 {
        ratio(self.words as f64, self.turns as f64)
    }

    /// Words per minute of talk time, when there is talk time.
    pub fn per_minute(&self) -> Option<f64> {
        self.talk
            .filter(|&t| t > 0.0)
            .map(|t| self.words as f64 * 60.0 / t)
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

fn share(words: usize, total: usize) -> f32 {
    ratio(words as f64, total as f64) as f32
}

impl Analytics {
    /// Count everything in one pass over the turns.
    pub fn of(doc: &Document) -> Analytics {
        let mut a = Analytics::default();
        let mut index: HashMap<&str, usize> = HashMap::new();
        // Each speaker turn's speaker and start, for talk time.
        let mut timed: Vec<(Option<usize>, f64)> = Vec::new();
        let mut g = 0;
        for (si, section) in doc.sections.iter().enumerate() {
            let mut s = SectionStats::default();
            for turn in &section.turns {
                let speaker = turn.speaker.as_deref().map(|name| {
                    *index.entry(name).or_insert_with(|| {
                        a.speakers.push(SpeakerStats {
                            name: name.to_string(),
                            ..SpeakerStats::default()
                        });
                        a.speakers.len() - 1
                    })
                });
                if let Some(t) = turn.time {
                    timed.push((speaker, t));
                }
                if let Some(i) = speaker {
                    let n: usize = turn.paragraphs.iter().map(|p| words(p)).sum();
                    let here = Monologue {
                        turn: g,
                        section: si,
                        line: turn.line,
                        time: turn.time,
                        words: n,
                    };
                    a.speakers[i].add(here);
                    s.add(i, n);
                }
                g += 1;
            }
            a.sections.push(s);
        }
        a.words = a.speakers.iter().map(|s| s.words).sum();
        a.turns = a.speakers.iter().map(|s| s.turns).sum();
        for s in &mut a.speakers {
            s.share = share(s.words, a.words);
        }
        for s in &mut a.sections {
            s.finish();
        }
        a.time(&timed, doc.duration);
        a
    }

    /// Talk time and the timeline from the timed turns, in document order.
    fn time(&mut self, timed: &[(Option<usize>, f64)], duration: Option<f64>) {
        let Some(&(_, first)) = timed.first() else {
            return;
        };
        let last = timed.iter().map(|t| t.1).fold(first, f64::max);
        let end = duration.filter(|&d| d >= last).unwrap_or(last);
        for s in &mut self.speakers {
            s.talk = Some(0.0);
        }
        let mut line = Timeline::new(first, end, self.speakers.len());
        for (i, &(speaker, start)) in timed.iter().enumerate() {
            let Some(speaker) = speaker else { continue };
            let stop = timed.get(i + 1).map_or(end, |t| t.1);
            if stop > start {
                if let Some(t) = &mut self.speakers[speaker].talk {
                    *t += stop - start;
                }
                line.add(speaker, start, stop);
            }
        }
        self.timeline = (end > first).then_some(line);
    }

    /// Each speaker's share over the document, as the picker shows it.
    pub fn shares(&self) -> Vec<super::SpeakerShare> {
        (self.speakers.iter())
            .map(|s| super::SpeakerShare {
                name: s.name.clone(),
                turns: s.turns,
                words: s.words,
                share: s.share,
            })
            .collect()
    }

    /// Each section's speakers with their shares, as the outline shows them.
    pub fn section_shares(&self) -> Vec<Vec<super::SpeakerShare>> {
        (self.sections.iter())
            .map(|s| {
                (s.parts.iter())
                    .map(|p| super::SpeakerShare {
                        name: self.speakers[p.speaker].name.clone(),
                        turns: p.turns,
                        words: p.words,
                        share: p.share,
                    })
                    .collect()
            })
            .collect()
    }

    /// Whether the transcript has times (talk time, the timeline).
    pub fn timed(&self) -> bool {
        self.speakers.iter().any(|s| s.talk.is_some())
    }
}

impl SpeakerStats {
    fn add(&mut self, turn: Monologue) {
        self.turns += 1;
        self.words += turn.words;
        if self.turns == 1 || turn.words > self.longest.words {
            self.longest = turn;
        }
    }
}

impl SectionStats {
    fn add(&mut self, speaker: usize, words: usize) {
        match self.parts.iter_mut().find(|p| p.speaker == speaker) {
            Some(p) => {
                p.turns += 1;
                p.words += words;
            }
            None => self.parts.push(Part {
                speaker,
                words,
                turns: 1,
                share: 0.0,
            }),
        }
    }

    fn finish(&mut self) {
        self.words = self.parts.iter().map(|p| p.words).sum();
        // Speakers are numbered by first appearance, so this is document order.
        self.parts.sort_by_key(|p| p.speaker);
        for p in &mut self.parts {
            p.share = share(p.words, self.words);
        }
    }
}

impl Timeline {
    fn new(start: f64, end: f64, speakers: usize) -> Timeline {
        Timeline {
            start,
            end,
            seconds: vec![vec![0.0; speakers]; BUCKETS],
        }
    }

    /// The length of one bucket, in seconds.
    pub fn bucket(&self) -> f64 {
        (self.end - self.start) / self.seconds.len().max(1) as f64
    }

    /// Count `from..to` as `speaker`'s in the buckets it overlaps.
    fn add(&mut self, speaker: usize, from: f64, to: f64) {
        let len = self.bucket();
        if len <= 0.0 {
            return;
        }
        let last = self.seconds.len() - 1;
        let at = |t: f64| (((t - self.start) / len).floor().max(0.0) as usize).min(last);
        for b in at(from)..=at(to) {
            let lo = self.start + b as f64 * len;
            let overlap = to.min(lo + len) - from.max(lo);
            if overlap > 0.0 {
                self.seconds[b][speaker] += overlap;
            }
        }
    }

    /// The timeline in `n` columns: each column's share of its time each
    /// speaker talked (0 to 1), merging (or repeating) buckets evenly.
    pub fn columns(&self, n: usize) -> Vec<Vec<f64>> {
        let buckets = self.seconds.len();
        let speakers = self.seconds.first().map_or(0, Vec::len);
        (0..n)
            .map(|c| {
                let lo = c * buckets / n;
                let hi = ((c + 1) * buckets / n).max(lo + 1).min(buckets);
                let span = (hi - lo) as f64 * self.bucket();
                (0..speakers)
                    .map(|s| {
                        let talked: f64 = self.seconds[lo..hi].iter().map(|b| b[s]).sum();
                        ratio(talked, span).min(1.0)
                    })
                    .collect()
            })
            .collect()
    }

    /// For each of `n` columns, the speaker who talked most in it, if any did.
    pub fn dominant(&self, n: usize) -> Vec<Option<usize>> {
        (self.columns(n).iter())
            .map(|c| {
                let best = (0..c.len()).max_by(|&a, &b| c[a].total_cmp(&c[b]).then(b.cmp(&a)));
                best.filter(|&s| c[s] > 0.0)
            })
            .collect()
    }
}
