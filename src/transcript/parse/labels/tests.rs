//! Label forms as written: what `split` finds, and what it leaves alone.

use super::*;

fn name(line: &str) -> Option<(&str, bool)> {
    split(line)
        .filter(|l| !l.common)
        .map(|l| (l.name, l.strong))
}

#[test]
fn label_forms() {
    assert_eq!(name("Alice: hi"), Some(("Alice", false)));
    assert_eq!(name("张三：你好"), Some(("张三", false)));
    assert_eq!(name("**Host:** hi"), Some(("Host", true)));
    assert_eq!(name("**Host**: hi"), Some(("Host", true)));
    assert_eq!(name("**主持人：** 你好"), Some(("主持人", true)));
    assert_eq!(name("MR. DELACROIX: Yes."), Some(("MR. DELACROIX", true)));
    assert_eq!(
        name("CHIEF JUDGE HALVORSEN: Go."),
        Some(("CHIEF JUDGE HALVORSEN", true))
    );
    assert_eq!(name("Q    What about it?"), Some(("Q", true)));
    assert_eq!(name("问：为什么？"), Some(("问", true)));
    assert_eq!(name("Q. Where were you?"), Some(("Q", false)));
    assert_eq!(name("A.  At home."), Some(("A", false)));
    assert_eq!(split("Dana (00:01:02):").map(|l| l.time), Some(Some(62.0)));
    assert_eq!(
        split("[1:02:03.5] Dana: hi").map(|l| l.time),
        Some(Some(3723.5))
    );
}

#[test]
fn notes_are_split_off() {
    for (line, name, inner, stage) in [
        (
            "ANNA KOVAC (laughing): Well.",
            "ANNA KOVAC",
            "laughing",
            true,
        ),
        ("LEE [crosstalk]: No.", "LEE", "crosstalk", true),
        ("HOST (off mic): Okay.", "HOST", "off mic", true),
        ("李老师（笑）：是的。", "李老师", "笑", true),
        ("刘总（停顿）：嗯。", "刘总", "停顿", true),
        ("王小明（XM）：你好。", "王小明", "XM", false),
        ("**ANNA (laughing):** Yes.", "ANNA", "laughing", true),
    ] {
        let l = split(line).unwrap_or_else(|| panic!("{line}"));
        assert_eq!(l.name, name, "{line}");
        let note = l.note.unwrap();
        assert_eq!((note.inner, note.is_stage()), (inner, stage), "{line}");
    }
    assert_eq!(split("Revenue (2023) grew: fast").map(|l| l.name), None);
    // A common word before a colon is kept for the account, marked.
    assert!(split("Note: this is important").is_some_and(|l| l.common));
}

#[test]
fn not_labels() {
    for line in [
        "The meeting starts at 10:30 sharp.",
        "会议于10:30开始",
        "See https://example.com",
        "纳德拉说:我们正处于",
        "我们将这次两大科技巨头值得回味的对话内容整理如下:",
        "Meta、微软掌门人巅峰对话:大模型如何改变世界?",
        "- 主讲：张三",
        "Note: this is important",
        "Well, here is the thing: no.",
        "A dog ran.",
    ] {
        assert_eq!(name(line), None, "{line}");
    }
}

/// The timestamp grammar as first written, splitting on `:` twice: the
/// one-pass reader must agree with it on every input.
fn timestamp_by_splitting(s: &str) -> Option<f64> {
    let s = s.trim();
    let parts = s.split(':').count();
    if !(2..=3).contains(&parts) {
        return None;
    }
    let digits = |d: &str| !d.is_empty() && d.len() <= 3 && d.bytes().all(|b| b.is_ascii_digit());
    let mut total = 0.0;
    for (n, part) in s.split(':').enumerate() {
        let (whole, frac) = match part.split_once(['.', ',']) {
            Some((w, f)) if n + 1 == parts => (w, Some(f)),
            _ => (part, None),
        };
        if !digits(whole) || frac.is_some_and(|f| !digits(f)) {
            return None;
        }
        let mut value: f64 = whole.parse().ok()?;
        if let Some(f) = frac {
            value += f64::from(f.parse::<u32>().ok()?) / 10f64.powi(f.len() as i32);
        }
        total = total * 60.0 + value;
    }
    Some(total)
}

#[test]
fn timestamps_read_in_one_pass_as_by_splitting() {
    for s in [
        "1:02",
        "01:02:03",
        "00:00:01,000",
        "1:02.5",
        " 12:31 ",
        "1:",
        ":1",
        "1::2",
        "1:2:3:4",
        "1.5:02",
        "1:02.",
        "1:02.1234",
        "1234:00",
        "a:01",
        "",
        "1,2:3",
        "00:00:01.000.1",
    ] {
        assert_eq!(timestamp(s), timestamp_by_splitting(s), "{s:?}");
    }
}

proptest::proptest! {
    #[test]
    fn timestamps_agree_on_any_digits_and_separators(s in "[0-9:.,a ]{0,14}") {
        proptest::prop_assert_eq!(timestamp(&s), timestamp_by_splitting(&s));
    }
}
