//! Precision and recall of claim detection on the hand-labelled fixtures
//! `tests/fixtures/claims/labelled-en.txt` and `labelled-zh.txt`, per
//! language and in all. `cargo test --test claims_precision -- --nocapture`
//! prints the figures and every sentence judged wrongly.

use tread::transcript::claims::detect_in;

/// Counts of one language's (or all) judgements.
#[derive(Default, Clone, Copy)]
struct Tally {
    found: usize,
    wrong: usize,
    missed: usize,
    sentences: usize,
}

impl Tally {
    fn precision(self) -> f64 {
        self.found as f64 / (self.found + self.wrong).max(1) as f64
    }

    fn recall(self) -> f64 {
        self.found as f64 / (self.found + self.missed).max(1) as f64
    }

    fn add(self, o: Tally) -> Tally {
        Tally {
            found: self.found + o.found,
            wrong: self.wrong + o.wrong,
            missed: self.missed + o.missed,
            sentences: self.sentences + o.sentences,
        }
    }

    fn line(self, name: &str) -> String {
        format!(
            "{name}: {} sentences, precision {:.3}, recall {:.3} ({} found, {} wrong, {} missed)",
            self.sentences,
            self.precision(),
            self.recall(),
            self.found,
            self.wrong,
            self.missed
        )
    }
}

/// Judges every labelled line of a fixture; a line is `+ sentence` (a
/// claim) or `- sentence` (not one), `#` lines are comments.
fn tally(name: &str) -> Tally {
    let path = format!(
        "{}/tests/fixtures/claims/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("fixture");
    let mut t = Tally::default();
    for line in text.lines() {
        let (want, sentence) = match line.split_at_checked(2) {
            Some(("+ ", s)) => (true, s),
            Some(("- ", s)) => (false, s),
            _ => {
                let comment = line.is_empty() || line.starts_with('#');
                assert!(comment, "{name}: unlabelled line {line:?}");
                continue;
            }
        };
        t.sentences += 1;
        let got = detect_in(sentence);
        match (want, !got.is_empty()) {
            (true, true) => t.found += 1,
            (false, true) => {
                t.wrong += 1;
                eprintln!("  {name} false positive: {sentence}");
            }
            (true, false) => {
                t.missed += 1;
                eprintln!("  {name} missed: {sentence}");
            }
            (false, false) => {}
        }
    }
    t
}

#[test]
fn labelled_fixtures_reach_precision_and_recall() {
    let en = tally("labelled-en.txt");
    let zh = tally("labelled-zh.txt");
    let all = en.add(zh);
    eprintln!("{}", en.line("English"));
    eprintln!("{}", zh.line("Chinese"));
    eprintln!("{}", all.line("all"));
    assert!(all.sentences >= 200, "{} labelled sentences", all.sentences);
    assert!(all.precision() >= 0.9, "{}", all.line("all"));
    assert!(all.recall() >= 0.9, "{}", all.line("all"));
}
