//! Speaker attribution on generated dialogues: whatever the names (two to
//! four CJK characters, one to three capitalised words, ALL-CAPS with an
//! honorific, role words), whoever speaks once, in plain text, Markdown, SRT
//! or WebVTT, a dialogue of `Name: sentence` lines with no speaker twice in a
//! row parses to exactly the speakers it was written with.

use proptest::prelude::*;
use tread::transcript::{Document, LoadOptions, load};

/// Names by shape. No name is the first or last word of another (so none
/// is a short form of another), and no CJK name starts or ends another.
const CJK: &[&str] = &[
    "张伟",
    "李娜",
    "王小明",
    "陈思远",
    "赵敏",
    "周杰",
    "欧阳明月",
    "孙悦",
    "黄晓东",
    "司马云飞",
    "林一",
    "郭晶晶",
];
const WORDS: &[&str] = &[
    "Alice",
    "Bob",
    "Margarethe Vogel",
    "Tomás Ruiz",
    "Dana Okoye-Smith",
    "Priya Raman",
    "Lars Petersen",
    "Chen Wei",
    "Ana Lima",
    "Omar Haddad",
    "Kwame Mensah Boateng",
    "Mary Ellen Carter",
];
const CAPS: &[&str] = &[
    "MR. SMITH",
    "MS. TRAN",
    "DR. OYELARAN",
    "MRS. WHITFIELD",
    "JUSTICE KAGAN",
    "SENATOR BALDWIN",
    "CHIEF JUDGE HALVORSEN",
    "THE CHAIRMAN",
];
const ROLES: &[&str] = &[
    "主持人",
    "记者",
    "问",
    "答",
    "嘉宾",
    "Host",
    "Guest",
    "Interviewer",
    "Moderator",
    "Caller",
    "Unknown Speaker",
    "Speaker 1",
    "Participant",
];

const SENTENCES: &[&str] = &[
    "We shipped the release on Friday.",
    "Can you say more about that?",
    "That is not what the report says.",
    "I think the numbers will improve next year.",
    "Thanks for having me.",
    "Why did the project take so long?",
    "Revenue grew by twelve percent this quarter.",
    "No, I don't agree with that at all.",
    "我们下周再讨论这个问题。",
    "你怎么看这个变化？",
    "这个数字比去年高了一倍。",
    "谢谢主持人。",
    "影响是深远的，首先学生获取知识的方式变了。",
    "会不会有新的政策出台？",
    "我同意这个看法。",
    "So what happens to the people who can't work from home?",
];

fn is_cjk(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c > '\u{2e80}')
}

/// A dialogue: a cast of two to six names, and for each line its speaker's
/// index and sentence. No speaker speaks twice in a row.
#[derive(Debug, Clone)]
struct Dialogue {
    lines: Vec<(&'static str, &'static str)>,
    /// Full-width colons after CJK names.
    fullwidth: bool,
}

fn cast() -> impl Strategy<Value = Vec<&'static str>> {
    let pool: Vec<&'static str> = [CJK, WORDS, CAPS, ROLES].concat();
    prop::sample::subsequence(pool, 2..=6).prop_shuffle()
}

fn dialogue() -> impl Strategy<Value = Dialogue> {
    (cast(), any::<bool>()).prop_flat_map(|(cast, fullwidth)| {
        let k = cast.len();
        let steps =
            prop::collection::vec((0..k - 1, prop::sample::select(SENTENCES.to_vec())), 2..=16);
        (Just(cast), 0..k, steps).prop_map(move |(cast, first, steps)| {
            let mut who = first;
            let mut lines = Vec::new();
            for (n, (step, sentence)) in steps.into_iter().enumerate() {
                if n > 0 {
                    // Any other speaker: never the previous one.
                    who = (who + 1 + step) % k;
                }
                lines.push((cast[who], sentence));
            }
            Dialogue { lines, fullwidth }
        })
    })
}

impl Dialogue {
    fn colon(&self, name: &str) -> &'static str {
        if self.fullwidth && is_cjk(name) {
            "："
        } else {
            ":"
        }
    }

    fn text(&self, blank_lines: bool) -> String {
        let sep = if blank_lines { "\n\n" } else { "\n" };
        self.lines
            .iter()
            .map(|(name, s)| format!("{name}{} {s}", self.colon(name)))
            .collect::<Vec<_>>()
            .join(sep)
            + "\n"
    }

    fn markdown(&self) -> String {
        self.lines
            .iter()
            .map(|(name, s)| format!("**{name}{}** {s}\n\n", self.colon(name)))
            .collect()
    }

    fn srt(&self) -> String {
        let mut out = String::new();
        for (i, (name, s)) in self.lines.iter().enumerate() {
            let (a, b) = (i * 3, i * 3 + 2);
            out.push_str(&format!(
                "{}\n00:00:{a:02},000 --> 00:00:{b:02},500\n{name}{} {s}\n\n",
                i + 1,
                self.colon(name)
            ));
        }
        out
    }

    fn vtt(&self, voices: bool) -> String {
        let mut out = String::from("WEBVTT\n\n");
        for (i, (name, s)) in self.lines.iter().enumerate() {
            let (a, b) = (i * 3, i * 3 + 2);
            let cue = if voices {
                format!("<v {name}>{s}</v>")
            } else {
                format!("{name}{} {s}", self.colon(name))
            };
            out.push_str(&format!("00:00:{a:02}.000 --> 00:00:{b:02}.500\n{cue}\n\n"));
        }
        out
    }

    fn speakers(&self) -> Vec<Option<&'static str>> {
        self.lines.iter().map(|(n, _)| Some(*n)).collect()
    }
}

fn parsed(text: &str, ext: &str) -> Document {
    let options = LoadOptions {
        extension: Some(ext.to_string()),
        ..Default::default()
    };
    load(text.as_bytes(), &options).expect("loads")
}

fn speakers(doc: &Document) -> Vec<Option<&str>> {
    doc.turns().map(|t| t.speaker.as_deref()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn plain_text_dialogue_keeps_its_speakers(d in dialogue(), blank in any::<bool>()) {
        let text = d.text(blank);
        let doc = parsed(&text, "txt");
        prop_assert_eq!(speakers(&doc), d.speakers(), "\n{}", text);
    }

    #[test]
    fn markdown_dialogue_keeps_its_speakers(d in dialogue()) {
        let text = d.markdown();
        let doc = parsed(&text, "md");
        prop_assert_eq!(speakers(&doc), d.speakers(), "\n{}", text);
    }

    #[test]
    fn srt_one_cue_per_line_keeps_its_speakers(d in dialogue()) {
        let text = d.srt();
        let doc = parsed(&text, "srt");
        prop_assert_eq!(speakers(&doc), d.speakers(), "\n{}", text);
    }

    #[test]
    fn vtt_one_cue_per_line_keeps_its_speakers(d in dialogue(), voices in any::<bool>()) {
        let text = d.vtt(voices);
        let doc = parsed(&text, "vtt");
        prop_assert_eq!(speakers(&doc), d.speakers(), "\n{}", text);
    }
}
