//! Keyword tables (forecast, comparison and worded quantities in Chinese,
//! English and Japanese) and the matcher that finds them.
//!
//! Matching is longest-first at each position, so a longer neutral entry (`比如`, `最后`,
//! `会议`, `rather than`) shadows the cue inside it.

use super::units::Unit;
use super::{Cue, Signal, filters, judge, words};
use crate::transcript::model::Reason;
use std::sync::LazyLock;

#[derive(Clone, Copy)]
enum Kw {
    Is(Cue),
    /// Counts only after Chinese numerals: `两倍`, `三分之一`.
    AfterNumeral(Cue),
    /// Counts only before Chinese numerals: `百分之九十`.
    BeforeNumeral(Cue),
    /// A unit after Chinese numerals, judged with their value by
    /// [`words::chinese`]: `三个月`, `七八成`, `两千多万`.
    Han(Unit),
    /// An English number word, read with what follows by [`words::english`].
    Word,
    Neutral,
}

#[rustfmt::skip]
const TABLE: &[(&str, Kw)] = {
    use Cue::*;
    use Kw::*;
    &[
        // Chinese forecasts.
        ("预计", Is(Predict)), ("预测", Is(Predict)), ("预期", Is(Predict)), ("预估", Is(Predict)),
        ("有望", Is(Predict)), ("届时", Is(Predict)), ("将达到", Is(Predict)), ("将超过", Is(Predict)),
        ("会达到", Is(Predict)), ("將會", Is(Predict)), ("将会", Is(Predict)),
        ("估计", Is(Estimate)), ("估計", Is(Estimate)), ("计划", Is(Estimate)), ("計劃", Is(Estimate)),
        ("打算", Is(Estimate)), ("将要", Is(Future)),
        ("即将", Is(Future)), ("将在", Is(Future)), ("将于", Is(Future)), ("将成为", Is(Future)),
        ("未来", Is(Future)), ("今后", Is(Future)), ("未來", Is(Future)), ("明年", Is(Horizon)),
        ("后年", Is(Horizon)), ("下半年", Is(Horizon)), ("年底前", Is(Horizon)), ("下个月", Is(Horizon)),
        ("下季度", Is(Horizon)), ("下一季度", Is(Horizon)), ("未来几年", Is(Horizon)), ("未来十年", Is(Horizon)),
        ("未来五年", Is(Horizon)), ("几年后", Is(Horizon)), ("十年后", Is(Horizon)), ("十年内", Is(Horizon)),
        ("未来将", Is(Future)),
        // Chinese comparisons.
        ("相比", Is(Than)), ("相较", Is(Than)), ("超过", Is(Than)), ("高于", Is(Than)), ("低于", Is(Than)),
        ("多于", Is(Than)), ("少于", Is(Than)), ("大于", Is(Than)), ("小于", Is(Than)), ("快于", Is(Than)),
        ("优于", Is(Than)), ("翻倍", Is(Multiplier)), ("翻番", Is(Multiplier)), ("不如", Is(Than)),
        ("比", Is(Bi)), ("更", Is(More)), ("还要", Is(More)), ("更加", Is(More)), ("最受欢迎", Is(Most)),
        ("最大", Is(Most)), ("最多", Is(Most)), ("最高", Is(Most)), ("最快", Is(Most)), ("最低", Is(Most)),
        ("最少", Is(Most)), ("最便宜", Is(Most)), ("最贵", Is(Most)), ("最长", Is(Most)), ("最短", Is(Most)),
        ("最常用", Is(Most)), ("最流行", Is(Most)), ("最畅销", Is(Most)), ("最强", Is(Most)),
        ("之一", Is(OneOf)), ("部分之一", Is(OneOf)), ("成分之一", Is(OneOf)), ("比如", Neutral),
        ("比例", Neutral), ("比较", Neutral), ("比赛", Neutral), ("对比", Neutral), ("无比", Neutral),
        ("比方", Neutral), ("比喻", Neutral), ("比特", Neutral), ("比尔", Neutral), ("好比", Neutral),
        ("比利时", Neutral), ("更新", Neutral), ("更换", Neutral), ("更改", Neutral), ("变更", Neutral),
        ("更正", Neutral), ("最大化", Neutral), ("最大限度", Neutral),
        // Chinese and Japanese quantities in words.
        ("一半", Is(Strong)), ("半分", Is(Strong)), ("半減", Is(Strong)), ("倍増", Is(Multiplier)),
        ("倍", AfterNumeral(Multiplier)), ("分之", AfterNumeral(Strong)),
        ("百分之", BeforeNumeral(Strong)),
        ("亿", Han(Unit::Magnitude(8))), ("億", Han(Unit::Magnitude(8))), ("万", Han(Unit::Magnitude(4))),
        ("萬", Han(Unit::Magnitude(4))), ("兆", Han(Unit::Magnitude(12))), ("万亿", Han(Unit::Magnitude(12))),
        ("萬億", Han(Unit::Magnitude(12))), ("成", Han(Unit::Fraction)), ("个月", Han(Unit::Duration)),
        ("個月", Han(Unit::Duration)), ("年", Han(Unit::Duration)), ("天", Han(Unit::Duration)),
        ("周", Han(Unit::Duration)), ("小时", Han(Unit::Duration)), ("小時", Han(Unit::Duration)),
        ("分钟", Han(Unit::Short)), ("分鐘", Han(Unit::Short)), ("个", Han(Unit::Count)),
        ("個", Han(Unit::Count)), ("人", Han(Unit::Count)), ("家", Han(Unit::Count)), ("名", Han(Unit::Count)),
        ("公里", Han(Unit::Measure)), ("吨", Han(Unit::Measure)), ("块钱", Han(Unit::Money)),
        ("元", Han(Unit::Money)), ("美元", Han(Unit::Money)), ("年代", Neutral), ("上半年", Neutral),
        ("半年", Is(Span)), ("上千", Is(Measure)), ("上万", Is(Measure)), ("上百", Is(Measure)),
        ("上亿", Is(Measure)), ("成千上万", Is(Measure)), ("数以万计", Is(Measure)),
        ("数以千计", Is(Measure)), ("数以亿计", Is(Measure)), ("数以百万计", Is(Measure)),
        ("千把", Is(Measure)), ("翻了一番", Is(Multiplier)), ("翻了一倍", Is(Multiplier)),
        ("割", AfterNumeral(Strong)), ("万一", Neutral), ("千万不", Neutral), ("千万别", Neutral),
        ("千万要", Neutral), ("万物", Neutral), ("万事", Neutral), ("加倍", Neutral), ("倍感", Neutral),
        // Japanese forecasts and comparisons.
        ("見込み", Is(Predict)), ("見込ま", Is(Predict)), ("予想", Is(Predict)), ("予測", Is(Predict)),
        ("見通し", Is(Predict)), ("でしょう", Is(Predict)), ("はず", Is(Predict)), ("予定", Is(Predict)),
        ("だろう", Is(Predict)), ("でしょうか", Neutral), ("だろうか", Neutral), ("将来", Is(Future)),
        ("今後", Is(Future)), ("来年", Is(Horizon)), ("再来年", Is(Horizon)), ("来期", Is(Horizon)),
        ("より", Is(Than)), ("により", Neutral), ("よりも", Is(Than)), ("と比べ", Is(Than)),
        ("に比べ", Is(Than)), ("上回", Is(Than)), ("下回", Is(Than)), ("最も", Is(Most)), ("最速", Is(Most)),
        ("一番", Is(Most)), ("最大限", Neutral),
        // English forecasts.
        ("predict", Is(Predict)), ("predicts", Is(Predict)), ("predicted", Is(Predict)),
        ("forecast", Is(Predict)), ("forecasts", Is(Predict)), ("projected", Is(Predict)),
        ("projection", Is(Predict)), ("projections", Is(Predict)), ("expect", Is(Predict)), ("expecting", Is(Predict)),
        ("estimate", Is(Estimate)), ("estimates", Is(Estimate)), ("estimated", Is(Estimate)),
        ("plans to", Is(Estimate)), ("plan to", Is(Estimate)), ("planning to", Is(Estimate)),
        ("expects", Is(Predict)), ("expected", Is(Predict)), ("anticipate", Is(Predict)),
        ("anticipated", Is(Predict)), ("on track to", Is(Predict)), ("poised to", Is(Predict)),
        ("will", Is(Future)), ("'ll", Is(Future)), ("going to", Is(Future)), ("gonna", Is(Future)),
        ("likely", Is(Future)), ("in the future", Is(Future)), ("next year", Is(Horizon)),
        ("next quarter", Is(Horizon)), ("next month", Is(Horizon)), ("next decade", Is(Horizon)),
        ("coming years", Is(Horizon)), ("coming decade", Is(Horizon)),
        ("coming months", Is(Horizon)), ("by the end of", Is(Horizon)),
        ("by year-end", Is(Horizon)), ("by the middle of", Is(Horizon)),
        ("next few years", Is(Horizon)), ("years from now", Is(Horizon)),
        // English comparisons.
        ("than", Is(Than)), ("rather than", Neutral), ("other than", Neutral),
        ("compared to", Is(Than)), ("compared with", Is(Than)), ("relative to", Is(Than)),
        ("outperform", Is(Than)), ("outperforms", Is(Than)), ("outpaced", Is(Than)),
        ("surpass", Is(Than)), ("surpassed", Is(Than)), ("exceeds", Is(Than)),
        ("exceeded", Is(Than)), ("the largest", Is(Most)), ("the biggest", Is(Most)),
        ("the fastest", Is(Most)), ("the highest", Is(Most)), ("the lowest", Is(Most)),
        ("the cheapest", Is(Most)), ("the smallest", Is(Most)), ("the slowest", Is(Most)),
        ("the most popular", Is(Most)), ("the most widely", Is(Most)),
        ("the most common", Is(Most)), ("the most expensive", Is(Most)),
        ("the most used", Is(Most)), ("the worst", Is(Most)), ("the fewest", Is(Most)),
        ("one of the", Is(OneOf)),
        // English quantities in words.
        ("percent", Is(Strong)), ("per cent", Is(Strong)), ("million", Is(Strong)),
        ("millions", Is(Strong)), ("billion", Is(Strong)), ("billions", Is(Strong)),
        ("trillion", Is(Strong)), ("half of", Is(Strong)), ("by half", Is(Strong)),
        ("halved", Is(Strong)), ("a third of", Is(Strong)), ("two-thirds", Is(Strong)),
        ("one-third", Is(Strong)), ("a quarter of", Is(Strong)), ("one in three", Is(Strong)),
        ("one in four", Is(Strong)), ("one in five", Is(Strong)), ("one in ten", Is(Strong)),
        ("twice", Is(Multiplier)), ("doubled", Is(Multiplier)), ("tripled", Is(Multiplier)),
        ("quadrupled", Is(Multiplier)), ("tenfold", Is(Multiplier)),
        ("times faster", Is(Multiplier)), ("times more", Is(Multiplier)),
        ("times larger", Is(Multiplier)), ("times higher", Is(Multiplier)),
        ("times as", Is(Multiplier)), ("times bigger", Is(Multiplier)),
        ("times over", Is(Multiplier)), ("in half", Is(Strong)),
        ("hundreds of", Is(Measure)), ("thousands of", Is(Measure)), ("dozens of", Is(Measure)),
        // English number words, read on by `words::english`.
        ("one", Word), ("two", Word), ("three", Word), ("four", Word), ("five", Word), ("six", Word),
        ("seven", Word), ("eight", Word), ("nine", Word), ("ten", Word), ("eleven", Word),
        ("twelve", Word), ("thirteen", Word), ("fourteen", Word), ("fifteen", Word),
        ("sixteen", Word), ("seventeen", Word), ("eighteen", Word), ("nineteen", Word),
        ("twenty", Word), ("thirty", Word), ("forty", Word), ("fifty", Word), ("sixty", Word),
        ("seventy", Word), ("eighty", Word), ("ninety", Word), ("a hundred", Word),
        ("a thousand", Word), ("a million", Word), ("a billion", Word), ("a trillion", Word),
        ("a dozen", Word), ("a third", Word), ("a quarter", Word), ("a fifth", Word),
        ("a tenth", Word),
    ]
};

/// Table entries by first character, longest first, so the first entry that
/// matches is the leftmost-longest one.
pub(super) struct Index {
    /// Entries by [`ascii_bucket`] of their first two bytes, with their
    /// [`Prefix`] so most entries are ruled out without reading the table.
    ascii: Vec<Vec<(Prefix, u16)>>,
    /// One bit per [`trigram`] of an ASCII entry's first three bytes.
    trigrams: Box<Bits>,
    /// One bit per BMP character that starts some entry.
    first: Box<Bits>,
    /// One bit per BMP character that is a whole entry (`比`, `倍`).
    single: Box<Bits>,
    /// One bit per hashed pair of leading characters of longer entries, so
    /// common characters (`有`, `は`) rarely reach the table.
    pair: Box<Bits>,
    /// Entries that start with a non-ASCII character, sorted by it.
    wide: Vec<(char, u16)>,
    /// One bit per character whose entries all count only after numerals
    /// (`个`, `人`, `天`): the scan skips it unless a numeral precedes.
    after_only: Box<Bits>,
    /// One bit per character a Chinese number before a unit is written with.
    numeral: Box<Bits>,
    /// Each entry's reason, when it is the cue that makes a claim.
    reasons: Vec<Reason>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut order: Vec<u16> = (0..TABLE.len() as u16).collect();
    order.sort_by_key(|&e| std::cmp::Reverse(TABLE[usize::from(e)].0.len()));
    let mut index = Index {
        ascii: vec![Vec::new(); 1024],
        trigrams: Box::new([0; 1024]),
        first: Box::new([0; 1024]),
        single: Box::new([0; 1024]),
        pair: Box::new([0; 1024]),
        wide: Vec::new(),
        after_only: Box::new([0; 1024]),
        numeral: Box::new([0; 1024]),
        reasons: TABLE
            .iter()
            .map(|&(pat, kw)| match kw {
                Kw::Is(c) | Kw::AfterNumeral(c) | Kw::BeforeNumeral(c) => judge::reason(pat, c),
                Kw::Han(_) | Kw::Word | Kw::Neutral => Reason::SpelledOut,
            })
            .collect(),
    };
    let set = |bits: &mut Bits, k: usize| bits[k >> 6] |= 1 << (k & 63);
    for c in words::HAN_RUN.chars() {
        set(&mut index.numeral, c as usize);
    }
    // Whether every entry a character starts counts only after numerals:
    // one pass, as the index is built at the first claim of every start.
    let mut only = std::collections::HashMap::new();
    for &(pat, kw) in TABLE {
        let head = pat.chars().next().expect("no empty keyword");
        let counted = matches!(kw, Kw::Han(_) | Kw::AfterNumeral(_));
        *only.entry(head).or_insert(true) &= counted;
    }
    for (head, only) in only {
        if only && !head.is_ascii() {
            set(&mut index.after_only, head as usize);
        }
    }
    for e in order {
        let mut chars = TABLE[usize::from(e)].0.chars();
        let head = chars.next().expect("no empty keyword");
        if head.is_ascii() {
            let pat = TABLE[usize::from(e)].0.as_bytes();
            let bucket = ascii_bucket(pat[0], pat.get(1).copied().unwrap_or(0));
            index.ascii[bucket].push((Prefix::of(pat), e));
            set(&mut index.trigrams, trigram(Prefix::of(pat).bytes));
            continue;
        }
        index.wide.push((head, e));
        if bit(&index.after_only, head as usize) {
            // Found from the numeral before it, below.
            continue;
        }
        set(&mut index.first, head as usize);
        match chars.next() {
            Some(second) => set(&mut index.pair, pair_hash(head as u32, second as u32)),
            None => set(&mut index.single, head as usize),
        }
    }
    // `个`, `人`, `天` are too common to stop at: the scan stops at a numeral
    // followed by one instead (`三个`, `十人`) and asks for the unit there.
    // `多` too (`两千多人`); the rest of a run (`个`, `来`) is rarely
    // right before such a unit in a figure and often in talk (`个人`), and
    // so is `一` (`一个`: a count of one is never a claim).
    let heads: Vec<char> = index.wide.iter().map(|w| w.0).collect();
    for n in NUMERALS.chars().filter(|&c| c != '一').chain(['多']) {
        for &u in &heads {
            if bit(&index.after_only, u as usize) {
                set(&mut index.first, n as usize);
                set(&mut index.pair, pair_hash(n as u32, u as u32));
            }
        }
    }
    index.wide.sort_by_key(|&(c, _)| c); // stable: longest first within a character
    index
});

/// ASCII entries by their first two bytes, case folded (and folded further:
/// a bucket may hold a few unrelated entries, which matching tells apart).
fn ascii_bucket(a: u8, b: u8) -> usize {
    let fold = |c: u8| usize::from((c | 0x20) & 0x1F);
    fold(a) << 5 | fold(b)
}

fn pair_hash(a: u32, b: u32) -> usize {
    (a.wrapping_mul(31)
        .wrapping_add(b)
        .wrapping_mul(2_654_435_761)
        >> 16) as usize
        & 0xFFFF
}

/// The keyword index, built on first use.
pub(super) fn index() -> &'static Index {
    &INDEX
}

/// A bit per BMP code point (or per 16-bit hash).
type Bits = [u64; 1024];

/// Bits for `k` outside 16 bits wrap around: the filters may say yes
/// wrongly, and the BMP is all they are asked about.
#[inline]
fn bit(bits: &Bits, k: usize) -> bool {
    bits[(k >> 6) & 1023] >> (k & 63) & 1 == 1
}

/// Up to the first eight bytes of an ASCII pattern with bit 0x20 set: a
/// quick test that never rejects a case-insensitive match, because ASCII
/// letters differ from their capitals only in that bit. Eight, so the
/// many `the …` entries part before their words are compared.
#[derive(Clone, Copy)]
struct Prefix {
    bytes: u64,
    mask: u64,
}

impl Prefix {
    fn of(pat: &[u8]) -> Self {
        let mut bytes = [0; 8];
        let mut mask = [0; 8];
        for (k, &c) in pat.iter().take(8).enumerate() {
            bytes[k] = c | 0x20;
            mask[k] = 0xFF;
        }
        Prefix {
            bytes: u64::from_le_bytes(bytes),
            mask: u64::from_le_bytes(mask),
        }
    }

    /// `head` holds the text's next eight bytes (zero past its end).
    #[inline]
    fn may_match(self, head: u64) -> bool {
        (head | 0x2020_2020_2020_2020) & self.mask == self.bytes
    }
}

/// A hash of an ASCII word's first three bytes, case folded as [`Prefix`]
/// folds them: the filter most English words fail before any bucket is read.
#[inline]
fn trigram(head: u64) -> usize {
    let folded = (head | 0x0020_2020) & 0x00FF_FFFF;
    (folded.wrapping_mul(0x9E37_79B9) >> 8) as usize & 0xFFFF
}

impl Index {
    /// Whether some keyword starts with this character: one bit test that
    /// most characters fail.
    #[inline]
    pub(super) fn starts(&self, first: u32) -> bool {
        bit(&self.first, first as usize)
    }

    /// Whether a keyword may start with these two characters; a filter that
    /// can say yes wrongly but never no wrongly.
    #[inline]
    pub(super) fn may_start(&self, first: u32, second: u32) -> bool {
        bit(&self.single, first as usize) || bit(&self.pair, pair_hash(first, second))
    }

    /// Whether `numeral` may be a Chinese number before the unit `next`
    /// (`三个`), whose keywords the scan then asks for with [`unit`].
    #[inline]
    pub(super) fn counts(&self, numeral: u32, next: u32) -> bool {
        bit(&self.numeral, numeral as usize) && bit(&self.after_only, next as usize)
    }
}

/// A unit after Chinese numerals at `i` (`个`, `人`, `天`, the characters
/// the scan does not stop at); returns where it ends if it is one.
pub(super) fn unit(s: &str, i: usize, out: &mut Vec<Signal>) -> Option<usize> {
    let e = find(s, i)?;
    let counted = matches!(TABLE[usize::from(e)].1, Kw::Han(_) | Kw::AfterNumeral(_));
    counted.then(|| apply(s, i, e, out))?
}

/// Matches the longest keyword starting at `i` (an ASCII word start or a
/// character pair for which [`may_start`] holds); returns where it ends.
pub(super) fn at(s: &str, i: usize, out: &mut Vec<Signal>) -> Option<usize> {
    let e = find(s, i)?;
    apply(s, i, e, out)
}

/// The longest entry matching at `i`.
fn find(s: &str, i: usize) -> Option<u16> {
    let b = s.as_bytes();
    let rest = &b[i..];
    let index = &*INDEX;
    let glued = |j: usize| b.get(j).is_some_and(u8::is_ascii_alphanumeric);
    let matches = |e: u16| {
        let pat = TABLE[usize::from(e)].0.as_bytes();
        rest.len() >= pat.len()
            && rest[..pat.len()].eq_ignore_ascii_case(pat)
            && !(pat[pat.len() - 1].is_ascii_alphabetic() && glued(i + pat.len()))
    };
    let e = if b[i].is_ascii() {
        let mut head = [0; 8];
        for (h, &c) in head.iter_mut().zip(rest) {
            *h = c;
        }
        let head = u64::from_le_bytes(head);
        if !bit(&index.trigrams, trigram(head)) {
            return None;
        }
        index.ascii[ascii_bucket(b[i], rest.get(1).copied().unwrap_or(0))]
            .iter()
            .find(|&&(p, e)| p.may_match(head) && matches(e))?
            .1
    } else {
        let head = s[i..].chars().next()?;
        let from = index.wide.partition_point(|&(c, _)| c < head);
        let to = from + index.wide[from..].partition_point(|&(c, _)| c == head);
        index.wide[from..to].iter().find(|&&(_, e)| matches(e))?.1
    };
    Some(e)
}

/// The signal entry `e` makes at `i`; returns where scanning resumes.
fn apply(s: &str, i: usize, e: u16, out: &mut Vec<Signal>) -> Option<usize> {
    let index = &*INDEX;
    let (pat, kw) = TABLE[usize::from(e)];
    let (start, end) = (i, i + pat.len());
    let reason = index.reasons[usize::from(e)];
    let signal = match kw {
        Kw::Is(cue) => Some(Signal::new(start, end, cue, reason)),
        Kw::AfterNumeral(cue) => {
            let head = &s[..start];
            let lead = head.len() - head.trim_end_matches(words::numeral).len();
            (lead > 0).then(|| Signal::new(start - lead, end, cue, reason))
        }
        Kw::BeforeNumeral(cue) => {
            let tail = &s[end..];
            let more = tail.len() - tail.trim_start_matches(words::numeral).len();
            // `百分之百同意` agrees.
            let hundred = &tail[..more] == "百" && filters::agreement(s, start, end + more);
            (more > 0 && !hundred).then(|| Signal::new(start, end + more, cue, reason))
        }
        Kw::Han(unit) => return words::chinese(s, start, end, unit, out).or(Some(end)),
        Kw::Word => return words::english(s, start, out).or(Some(end)),
        Kw::Neutral => None,
    };
    out.extend(signal);
    Some(end)
}

const NUMERALS: &str = "零〇一二两兩三四五六七八九十百千万萬亿億几幾数數";

#[cfg(test)]
mod tests;
