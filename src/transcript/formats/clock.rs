//! The one time notation: `h:mm:ss` in a transcript that reaches an hour,
//! `m:ss` in a shorter one, for every time a view writes (section titles
//! made from times, the time gutter, the outline, citations and exports).

use crate::transcript::model::Document;

/// From this length (seconds) a transcript's times are written with hours.
pub const HOUR: f64 = 3600.0;

/// Whether a transcript `length` seconds long writes its times with hours.
pub fn reaches_hour(length: f64) -> bool {
    length >= HOUR
}

/// `seconds` in the one notation: `h:mm:ss` when `hours` (the transcript
/// reaches an hour), else `m:ss`. Fractions are cut and negative times are
/// `0:00`; a time of an hour or more has hours whatever `hours` says, as
/// `m:ss` cannot write it.
pub fn clock(hours: bool, seconds: f64) -> String {
    let s = seconds.max(0.0) as u64;
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if hours || h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// How long the document runs: where its last cue ends, as its reader
/// recorded; for a document no timed reader built, the latest time it
/// has. `None` when it has no times.
pub fn length(doc: &Document) -> Option<f64> {
    doc.duration.or_else(|| {
        let turns = doc.turns().filter_map(|t| t.time);
        let cues = doc.cue_starts.iter().map(|c| c.time);
        turns.chain(cues).reduce(f64::max)
    })
}

/// Whether the document's times are written with hours.
pub fn hours(doc: &Document) -> bool {
    length(doc).is_some_and(reaches_hour)
}

/// A time of `doc` in its notation.
pub fn doc_clock(doc: &Document, seconds: f64) -> String {
    clock(hours(doc), seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_below_an_hour_hours_from_it() {
        assert_eq!(clock(false, 0.0), "0:00");
        assert_eq!(clock(false, 70.9), "1:10");
        assert_eq!(clock(false, 3599.9), "59:59");
        assert_eq!(clock(true, 5.0), "0:00:05");
        assert_eq!(clock(true, 3723.0), "1:02:03");
        assert_eq!(clock(false, 3723.0), "1:02:03");
        assert_eq!(clock(false, -3.0), "0:00");
        assert!(!reaches_hour(3599.99));
        assert!(reaches_hour(3600.0));
    }
}
