//! WebVTT cue timing lines: the W3C timestamp grammar ("collect WebVTT cue
//! timings and settings"), a lenient reading for exports that write short
//! fields (Microsoft Teams' `0:0:2.870 --> 0:0:5.10`), and the tally of
//! timing lines read leniently or not at all, so the reader can say so.

/// How strictly timing lines are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Timings {
    /// The W3C grammar: a timing line that breaks it drops its cue.
    #[default]
    Strict,
    /// The W3C grammar first; when it fails, fields of any number of digits
    /// and a fraction of 1–3 digits after `.` or `,` (or none).
    Lenient,
}

/// Lines of one kind: how many there were, and the first one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineTally {
    pub count: usize,
    /// The first line's 1-based number and its text.
    pub first: Option<(usize, String)>,
}

impl LineTally {
    pub(in crate::transcript::formats) fn note(&mut self, no: usize, line: &str) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some((no, line.to_string()));
        }
    }
}

/// What became of the timing lines that the W3C grammar does not accept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimingReport {
    /// Read by the lenient rule (always empty when parsing strictly).
    pub lenient: LineTally,
    /// Not understood: each one's cue was dropped.
    pub rejected: LineTally,
}

/// Reads timing lines in one mode and keeps the report.
#[derive(Debug, Default)]
pub(super) struct TimingReader {
    pub mode: Timings,
    pub report: TimingReport,
}

impl TimingReader {
    /// The start and end of timing line `no`, or `None` when its cue is lost.
    pub fn read(&mut self, no: usize, line: &str) -> Option<(f64, f64)> {
        if let Some(t) = timings(line, strict_timestamp) {
            return Some(t);
        }
        let lenient = match self.mode {
            Timings::Strict => None,
            Timings::Lenient => timings(line, lenient_timestamp),
        };
        let tally = match lenient {
            Some(_) => &mut self.report.lenient,
            None => &mut self.report.rejected,
        };
        tally.note(no, line);
        lenient
    }
}

fn skip_ws(b: &[u8], p: &mut usize) {
    while matches!(b.get(*p), Some(b' ' | b'\t' | b'\x0c')) {
        *p += 1;
    }
}

/// A run of ASCII digits at `p`: its length and value. Long runs saturate
/// rather than overflow; they are hours anyway.
fn digits(b: &[u8], p: &mut usize) -> (usize, f64) {
    let s = *p;
    while b.get(*p).is_some_and(u8::is_ascii_digit) {
        *p += 1;
    }
    let run = &b[s..*p];
    let value = run.iter().fold(0f64, |v, d| v * 10.0 + f64::from(d - b'0'));
    (run.len(), value)
}

/// The start and end times of a timing line, each read by `timestamp`.
/// Settings after the end time are ignored.
fn timings(line: &str, timestamp: fn(&[u8], &mut usize) -> Option<f64>) -> Option<(f64, f64)> {
    let b = line.as_bytes();
    let mut p = 0;
    skip_ws(b, &mut p);
    let start = timestamp(b, &mut p)?;
    skip_ws(b, &mut p);
    if b.get(p..p + 3)? != b"-->" {
        return None;
    }
    p += 3;
    skip_ws(b, &mut p);
    let end = timestamp(b, &mut p)?;
    Some((start, end))
}

/// "Collect a WebVTT timestamp" at `p`.
fn strict_timestamp(b: &[u8], p: &mut usize) -> Option<f64> {
    if !b.get(*p)?.is_ascii_digit() {
        return None;
    }
    let (len1, v1) = digits(b, p);
    let hours_first = len1 != 2 || v1 > 59.0;
    if b.get(*p) != Some(&b':') {
        return None;
    }
    *p += 1;
    let (len2, v2) = digits(b, p);
    if len2 != 2 {
        return None;
    }
    let (h, m, s) = if hours_first || b.get(*p) == Some(&b':') {
        if b.get(*p) != Some(&b':') {
            return None;
        }
        *p += 1;
        let (len3, v3) = digits(b, p);
        if len3 != 2 {
            return None;
        }
        (v1, v2, v3)
    } else {
        (0.0, v1, v2)
    };
    if b.get(*p) != Some(&b'.') {
        return None;
    }
    *p += 1;
    let (len4, v4) = digits(b, p);
    if len4 != 3 || m > 59.0 || s > 59.0 {
        return None;
    }
    Some(h * 3600.0 + m * 60.0 + s + v4 / 1000.0)
}

/// `[h:]m:s[.f]` with fields of one or more digits and a fraction of one to
/// three after `.` or `,`; minutes and seconds below 60, as in the grammar.
fn lenient_timestamp(b: &[u8], p: &mut usize) -> Option<f64> {
    let mut fields = Vec::with_capacity(3);
    loop {
        let (len, value) = digits(b, p);
        if len == 0 || fields.len() == 3 {
            return None;
        }
        fields.push(value);
        if b.get(*p) != Some(&b':') {
            break;
        }
        *p += 1;
    }
    let mut fraction = 0.0;
    if matches!(b.get(*p), Some(b'.' | b',')) {
        *p += 1;
        let (len, value) = digits(b, p);
        if !(1..=3).contains(&len) {
            return None;
        }
        fraction = value / 10f64.powi(len as i32);
    }
    // `0:0:1.5.3` or `0:0:1.5:2` is not a time with something after it.
    if matches!(b.get(*p), Some(b'.' | b',' | b':')) {
        return None;
    }
    let (h, m, s) = match fields[..] {
        [h, m, s] => (h, m, s),
        [m, s] => (0.0, m, s),
        _ => return None,
    };
    if (fields.len() == 3 && m > 59.0) || s > 59.0 {
        return None;
    }
    Some(h * 3600.0 + m * 60.0 + s + fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lenient(line: &str) -> Option<(f64, f64)> {
        timings(line, lenient_timestamp)
    }

    #[test]
    fn short_fields_read_leniently_only() {
        for (line, expected) in [
            ("0:0:0.0 --> 0:0:2.5", (0.0, 2.5)),
            ("0:0:2.870 --> 0:0:5.10", (2.87, 5.1)),
            ("0:1:2,5 --> 1:0:0,25 align:start", (62.5, 3600.25)),
            ("1:02.5 --> 75:03", (62.5, 4503.0)),
        ] {
            assert_eq!(timings(line, strict_timestamp), None, "{line}");
            let (start, end) = lenient(line).unwrap_or_else(|| panic!("{line}"));
            assert!((start - expected.0).abs() < 1e-9, "{line}: {start}");
            assert!((end - expected.1).abs() < 1e-9, "{line}: {end}");
        }
    }

    #[test]
    fn garbage_is_not_a_time_even_leniently() {
        for line in [
            "0:0:1.5000 --> 0:0:2.0",
            "0:0:1.5.3 --> 0:0:2.0",
            "0:0:0:1 --> 0:0:2",
            "0:61:00 --> 0:0:2",
            "0:0:60 --> 0:0:2",
            "5 --> 6",
            "a:b --> c:d",
            "0:0:1. --> 0:0:2",
            "0:0:1 -> 0:0:2",
        ] {
            assert_eq!(lenient(line), None, "{line}");
        }
    }

    #[test]
    fn the_report_names_the_first_line_of_each_kind() {
        let mut reader = TimingReader {
            mode: Timings::Lenient,
            ..TimingReader::default()
        };
        assert!(reader.read(3, "00:00.000 --> 00:01.000").is_some());
        assert!(reader.read(6, "0:0:1.0 --> 0:0:2.0").is_some());
        assert!(reader.read(9, "0:0:2.0 --> 0:0:3.0").is_some());
        assert!(reader.read(12, "soon --> later").is_none());
        let r = reader.report;
        assert_eq!(r.lenient.count, 2);
        assert_eq!(r.lenient.first, Some((6, "0:0:1.0 --> 0:0:2.0".into())));
        assert_eq!(r.rejected.count, 1);
        assert_eq!(r.rejected.first, Some((12, "soon --> later".into())));
    }
}
