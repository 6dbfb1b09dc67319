//! What a speaker's name looks like: Chinese and Japanese names with an
//! optional title in front, capitalised and ALL-CAPS Latin names with
//! honorifics, role words (主持人, 记者, Host, Caller…), and the words that
//! precede a colon in prose or headers but never name anyone.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::paragraphs::is_wide;

/// Abbreviated honorifics that make a label strong in any case.
const ABBREVIATIONS: &str =
    "mr. mrs. ms. mx. dr. prof. rev. sen. rep. gov. gen. col. capt. lt. sgt. hon.";

/// Titles that make an ALL-CAPS label strong (`CHIEF JUDGE HALVORSEN:`).
const TITLES: &str = "mr mrs ms dr the chief judge justice chair chairman chairwoman chairperson commissioner senator representative congressman congresswoman mayor councilmember councilman councilwoman secretary president vice madam officer detective agent ambassador minister speaker witness clerk moderator professor general attorney counsel governor";

/// Lower-case words allowed inside a Latin name.
const PARTICLES: &str = "de da di del della der den van von le la du bin al el y dos das ten ter of from the in at on for with";

/// Words that precede a colon in prose or headers but never name a speaker.
const NOT_NAMES: &str = "note|notes|example|examples|update|source|sources|photo|image|caption|warning|summary|tip|step|ps|p.s.|re|subject|transcript|url|link|links|watch|listen|related|disclaimer|date|time|location|venue|author|by|tags|http|https|editor's note|see also|important|reminder|translation|answer key|bottom line|fact check|correction|background|context|update|edit|spoiler|tl;dr|tldr|例如|比如|其次|首先|然后|最后|注|注意|备注|提示|总结|结论|原因|答案|问题|摘要|导语|编者按|图|来源|说明|关键词|标签|题目|原文|链接|地址|电话|邮箱|网址|时间|日期|作者|地点|人气|编辑|责任编辑|责编|整理|撰文|校对|审核|出品|监制|排版|美编|图片来源|原标题|摄影|口述|注释|译者|翻译整理|声明|特别声明|免责声明|附|附录";

/// Roles that name whoever holds them: a label made of one (or ending in
/// one, as `新华社记者` or `BBC Reporter`) is a speaker even if used once.
const ROLES: &str = "主持人|主持|记者|嘉宾|观众|提问|提问者|发言人|新闻发言人|主播|采访者|受访者|听众|网友|现场观众|同传|翻译|主讲人|讲者|学生|老师|问|答|聞き手|インタビュアー|司会|質問者|回答者|host|co-host|cohost|guest|interviewer|interviewee|moderator|caller|participant|audience|audience member|questioner|reporter|correspondent|panelist|narrator|announcer|presenter|voice|unknown speaker|unidentified speaker|unidentified male|unidentified female|unidentified man|unidentified woman|crowd|the court|the witness|the clerk|the interpreter|interpreter|student|q|a";

/// Verbs that turn `Name说:` into narration about a speaker.
const SPEECH_VERBS: &[&str] = &[
    "说", "表示", "指出", "认为", "称", "谈到", "提到", "强调", "如下", "道", "问道",
];

type Fnv = BuildHasherDefault<FnvHasher>;

fn set(
    words: &'static str,
    cell: &'static OnceLock<HashSet<&'static str, Fnv>>,
) -> &'static HashSet<&'static str, Fnv> {
    cell.get_or_init(|| words.split('|').collect())
}

/// Whether `word` is one of the space-separated `words`, ignoring ASCII
/// case: a hashed lookup, since splitting the list again on every label
/// was most of the time spent on a file of short turns.
fn listed(
    words: &'static str,
    cell: &'static OnceLock<HashSet<&'static str, Fnv>>,
    word: &str,
) -> bool {
    let mut buf = [0u8; 64];
    let set = cell.get_or_init(|| words.split(' ').collect());
    lowered(word, &mut buf).is_some_and(|l| set.contains(l))
}

fn is_abbreviation(word: &str) -> bool {
    static SET: OnceLock<HashSet<&str, Fnv>> = OnceLock::new();
    listed(ABBREVIATIONS, &SET, word)
}

fn is_title(word: &str) -> bool {
    static SET: OnceLock<HashSet<&str, Fnv>> = OnceLock::new();
    listed(TITLES, &SET, word)
}

fn is_particle(word: &str) -> bool {
    static SET: OnceLock<HashSet<&str, Fnv>> = OnceLock::new();
    listed(PARTICLES, &SET, word)
}

/// Whether `name` can be a speaker label: `Some(strong)` or `None`. Strong
/// is the form (an honorific, `Q`/`A`); role words are judged per name by
/// [`is_role`].
pub(super) fn classify(name: &str) -> Option<bool> {
    if name.is_empty() || name.len() > 160 || name.chars().count() > 40 {
        return None;
    }
    if matches!(name, "Q" | "A" | "问" | "答") {
        return Some(true);
    }
    let strong = if name.chars().any(is_wide) {
        cjk_name(name).then_some(false)
    } else {
        latin_name(name)
    }?;
    (!is_stop(name)).then_some(strong)
}

/// Lower-cases ASCII into a stack buffer: names are short, and this runs on
/// the label of every line.
fn lowered<'b>(name: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let lower = buf.get_mut(..name.len())?;
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    // ASCII lowering keeps UTF-8 valid.
    std::str::from_utf8(lower).ok()
}

/// Words that precede a colon in prose or headers but never name a speaker.
pub(super) fn is_stop(name: &str) -> bool {
    static SET: OnceLock<HashSet<&str, Fnv>> = OnceLock::new();
    let mut buf = [0u8; 64];
    lowered(name, &mut buf).is_some_and(|l| set(NOT_NAMES, &SET).contains(l))
}

/// A role word, or a name ending in one (`新华社记者`, `BBC Reporter`).
pub(super) fn is_role(name: &str) -> bool {
    static SET: OnceLock<HashSet<&str, Fnv>> = OnceLock::new();
    let roles = set(ROLES, &SET);
    let mut buf = [0u8; 64];
    let Some(lower) = lowered(name, &mut buf) else {
        return false;
    };
    // `Speaker 2`, `Caller 3`, `Participant 12`.
    let numbered = lower.trim_end_matches(|c: char| c.is_ascii_digit());
    if roles.contains(lower)
        || (numbered.len() < lower.len() && roles.contains(numbered.trim_end()))
    {
        return true;
    }
    if numbered.len() < lower.len() && numbered.trim_end() == "speaker" {
        return true;
    }
    // The first or last word of a Latin name (`Caller from Dayton`, `BBC
    // Reporter`), or a CJK role at the end of an outlet's name:
    // `第一财经记者`, `央视主持人`.
    if let (Some((first, _)), Some((_, last))) = (lower.split_once(' '), lower.rsplit_once(' ')) {
        return (first.len() > 1 && roles.contains(first)) || roles.contains(last);
    }
    lower.chars().any(is_wide)
        && ["记者", "主持人", "观众", "网友", "嘉宾", "发言人", "提问者"]
            .iter()
            .any(|r| lower.len() > r.len() && lower.ends_with(r))
}

/// FNV-1a, for the fixed word sets: with keys that the input cannot
/// choose, an unkeyed hash is safe, and far cheaper than SipHash.
pub(super) struct FnvHasher(u64);

impl Default for FnvHasher {
    fn default() -> Self {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A CJK name of up to eight characters (up to sixteen when it ends in a
/// role: `中央广播电视总台央视记者`), optionally after a title and one space
/// (`新闻发言人 张伟`, `国务院新闻办公室新闻局副局长、新闻发言人 孙晓宁`), not
/// ending in a speech verb (`纳德拉说`).
fn cjk_name(name: &str) -> bool {
    let mut parts = name.split(' ');
    let (Some(first), second, None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let fits = |part: &str, max: usize, titles: bool| {
        let mut n = 0;
        for c in part.chars() {
            if matches!(c, '·' | '・' | '•') || (titles && c == '、') {
                continue;
            }
            // Han ideographs are letters; the range test spares the Unicode
            // table lookup for nearly every character of a Chinese name.
            if !(is_han(c) || c.is_alphanumeric()) {
                return false;
            }
            n += 1;
        }
        (1..=max).contains(&n)
    };
    let ok = match second {
        None => fits(first, 8, false) || (fits(first, 16, false) && is_role(first)),
        // A long title reads before a short name only.
        Some(s) => fits(first, 24, true) && fits(s, 8, false) && s.chars().any(is_wide),
    };
    ok && !SPEECH_VERBS
        .iter()
        .any(|v| name.len() > v.len() && name.ends_with(v))
}

/// CJK Unified Ideographs, every one of them alphabetic.
pub(super) fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

fn latin_name(name: &str) -> Option<bool> {
    let mut words = name.split_whitespace();
    let first = words.next()?;
    let caps = name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase);
    // `BY MR. SMITH:` opens an examination in a court transcript.
    if first.eq_ignore_ascii_case("by") {
        return None;
    }
    let abbreviated = first.ends_with('.') && is_abbreviation(first);
    let titled = caps && is_title(first.trim_end_matches('.'));
    let honorific = abbreviated || titled;
    let mut count = 0;
    if !honorific {
        if !word_ok(first, true) {
            return None;
        }
        count = 1;
    }
    for w in words {
        count += 1;
        if count > 4 || !word_ok(w, false) {
            return None;
        }
    }
    if count == 0 && !titled {
        return None;
    }
    // `ORAL ARGUMENT OF`, `Live from`: a name does not end in a particle.
    let last = name.split_whitespace().next_back().unwrap_or(first);
    if count > 1 && is_particle(last) {
        return None;
    }
    Some(honorific)
}

fn word_ok(w: &str, first: bool) -> bool {
    let Some(c0) = w.chars().next() else {
        return false;
    };
    let start_ok =
        c0.is_uppercase() || (!first && c0.is_ascii_digit()) || (!first && is_particle(w));
    let dot_ok =
        !w.contains('.') || (w.ends_with('.') && w.len() <= 5 && w.matches('.').count() == 1);
    start_ok
        && dot_ok
        && w.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '&' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_ideographs_are_alphanumeric() {
        for c in ('\u{4E00}'..='\u{9FFF}').filter(|&c| is_han(c)) {
            assert!(c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn shapes() {
        for (name, strong) in [
            ("Alice", Some(false)),
            ("张三", Some(false)),
            ("新闻发言人 张伟", Some(true)),
            ("记者", Some(true)),
            ("新华社记者", Some(true)),
            ("Unknown Speaker", Some(true)),
            ("Caller", Some(true)),
            ("CALLER FROM DAYTON", Some(true)),
            ("Speaker 2", Some(true)),
            ("BBC Reporter", Some(true)),
            ("MR. SMITH", Some(true)),
            ("JUSTICE KAGAN", Some(true)),
            ("VOICE FROM THE FLOOR", Some(true)),
            ("Dana Reyes", Some(false)),
            ("ORAL ARGUMENT OF", None),
            ("Note", None),
            ("BY MR. SMITH", None),
            ("纳德拉说", None),
            ("张 三 四", None),
            ("中央广播电视总台央视记者", Some(true)),
            (
                "国务院新闻办公室新闻局副局长、新闻发言人 孙晓宁",
                Some(false),
            ),
            ("我们将这次两大科技巨头值得回味的对话内容整理如下", None),
        ] {
            let got = classify(name).map(|strong| strong || is_role(name));
            assert_eq!(got, strong, "{name}");
        }
    }
}
