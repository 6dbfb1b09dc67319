//! Dates as a shelf shows and filters them, `YYYY-MM-DD`: found in a
//! metadata value as people write them, or made from a file's time.

use std::time::{SystemTime, UNIX_EPOCH};

/// Metadata keys that date a transcript, lower-cased, in order of trust.
const DATE_KEYS: &[&str] = &[
    "date",
    "recorded",
    "recording date",
    "date recorded",
    "interview date",
    "published",
    "created",
    "日期",
    "时间",
    "時間",
    "采访时间",
    "訪談時間",
    "录制时间",
];

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The date in the first metadata pair whose key dates a transcript and
/// whose value holds a date.
pub fn from_meta<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<String> {
    let pairs: Vec<(String, &str)> = pairs
        .into_iter()
        .map(|(k, v)| (k.trim().to_lowercase(), v))
        .collect();
    DATE_KEYS.iter().find_map(|key| {
        (pairs.iter())
            .filter(|(k, _)| k == key)
            .find_map(|(_, v)| parse(v))
    })
}

/// A date written in `text`: `2024-03-05`, `2024/3/5`, `2024.03.05`,
/// `2024年3月5日`, `March 5, 2024`, `5 March 2024`; the first found.
pub fn parse(text: &str) -> Option<String> {
    numeric(text).or_else(|| english(text))
}

/// `YYYY-MM-DD` if it is a real day.
pub fn ymd(y: i64, m: u32, d: u32) -> Option<String> {
    let days = [
        31,
        28 + u32::from(leap(y)),
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let valid =
        (1000..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days[m as usize - 1];
    valid.then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Year, month, day as digit runs joined by `-`, `/`, `.` or `年`/`月`
/// (full-width digits folded first).
fn numeric(text: &str) -> Option<String> {
    let folded: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '年' | '月' | '／' | '－' => '-',
            _ => c,
        })
        .collect();
    let runs: Vec<(usize, &str)> = digit_runs(&folded);
    runs.windows(3).find_map(|w| {
        let [(ya, y), (ma, m), (da, d)] = [w[0], w[1], w[2]];
        let sep = |from: usize, len: usize, to: usize| {
            let between = &folded[from + len..to];
            matches!(between.trim(), "-" | "/" | ".")
        };
        (y.len() == 4
            && m.len() <= 2
            && d.len() <= 2
            && sep(ya, y.len(), ma)
            && sep(ma, m.len(), da))
        .then(|| ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
        .flatten()
    })
}

fn digit_runs(text: &str) -> Vec<(usize, &str)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

/// `March 5, 2024`, `Mar 5 2024`, `5 March 2024`.
fn english(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    let month = |w: &str| {
        (w.len() >= 3)
            .then(|| MONTHS.iter().position(|m| w.starts_with(m)))
            .flatten()
            .map(|i| i as u32 + 1)
    };
    let day = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        digits.parse::<u32>().ok()
    };
    let year = |w: &str| (w.len() == 4).then(|| w.parse::<i64>().ok()).flatten();
    words.windows(3).find_map(|w| {
        let (a, b, c) = (w[0].as_str(), w[1].as_str(), w[2].as_str());
        let mdy = || ymd(year(c)?, month(a)?, day(b)?);
        let dmy = || ymd(year(c)?, month(b)?, day(a)?);
        mdy().or_else(dmy)
    })
}

/// The UTC day of a file time.
pub fn of_time(time: SystemTime) -> Option<String> {
    let secs = time.duration_since(UNIX_EPOCH).ok()?.as_secs();
    let (y, m, d) = crate::store::civil_from_days(i64::try_from(secs / 86_400).ok()?);
    ymd(y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn dates_as_people_write_them() {
        for (text, want) in [
            ("2024-03-05", "2024-03-05"),
            ("Tuesday 2024/3/5, 10am", "2024-03-05"),
            ("2024.03.05", "2024-03-05"),
            ("2024年3月5日", "2024-03-05"),
            ("２０２４年３月５日 下午", "2024-03-05"),
            ("March 5, 2024", "2024-03-05"),
            ("recorded 5th Mar. 2024", "2024-03-05"),
            ("29 February 2024", "2024-02-29"),
        ] {
            assert_eq!(parse(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn what_is_not_a_date() {
        for text in [
            "2023-02-29",
            "2024-13-01",
            "12:30:00",
            "version 1.2.3",
            "May 2024",
            "",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn the_first_dating_key_with_a_date_wins() {
        let meta = [
            ("Title", "2020-01-01"),
            ("Date", "soon"),
            ("日期", "2023年7月1日"),
        ];
        assert_eq!(from_meta(meta).as_deref(), Some("2023-07-01"));
        assert_eq!(from_meta([("title", "2020-01-01")]), None);
    }

    #[test]
    fn file_times_are_utc_days() {
        let at = |s: u64| of_time(UNIX_EPOCH + Duration::from_secs(s));
        assert_eq!(at(0).as_deref(), Some("1970-01-01"));
        assert_eq!(at(951_782_400).as_deref(), Some("2000-02-29"));
        assert_eq!(at(1_709_596_799).as_deref(), Some("2024-03-04"));
        assert_eq!(at(1_709_596_800).as_deref(), Some("2024-03-05"));
    }
}
