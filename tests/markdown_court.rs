//! Markdown from blogs and article mirrors (HTML entities, tags, comments,
//! images, block scalars in front matter, trailing link lists) and court and
//! hearing transcripts laid out by `pdftotext -layout` (margin numbers,
//! running headers and footers, form feeds): exact speakers, clean text,
//! metadata, trailer, and the lossless invariant.

use tread::transcript::decode::decode;
use tread::transcript::formats::{Format, detect, markdown_text, read};
use tread::transcript::parse::{check_lossless, parse};
use tread::transcript::{Document, LoadOptions, load};

fn fixture(dir: &str, name: &str) -> String {
    let path = format!("{}/tests/fixtures/{dir}/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    String::from_utf8(bytes).expect("fixtures are UTF-8")
}

/// Read a Markdown fixture, checking detection and the lossless invariant
/// against the pre-passed text.
fn markdown(text: &str) -> Document {
    assert_eq!(detect(text, Some("md")), Format::Markdown);
    let doc = read(text, Format::Markdown).unwrap();
    let passed = markdown_text(text);
    assert_eq!(passed.lines().count(), text.lines().count());
    check_lossless(&passed, &doc).unwrap_or_else(|e| panic!("{e}\n{passed}"));
    doc
}

/// Load a court fixture's bytes the way the reader does (the decoder shows
/// form feeds as `␌`), checking the lossless invariant on the decoded text.
fn court(bytes: &[u8]) -> Document {
    let doc = load(bytes, &LoadOptions::default()).unwrap();
    let text = decode(bytes, None).unwrap().text;
    check_lossless(&text, &doc).unwrap_or_else(|e| panic!("{e}"));
    doc
}

fn speakers(doc: &Document) -> Vec<Option<&str>> {
    doc.turns().map(|t| t.speaker.as_deref()).collect()
}

/// A speaker sequence written `A / B / -`, `-` for narration.
fn who(list: &str) -> Vec<Option<&str>> {
    list.split(" / ").map(|n| (n != "-").then_some(n)).collect()
}

fn paragraphs(doc: &Document) -> Vec<Vec<&str>> {
    doc.turns()
        .map(|t| t.paragraphs.iter().map(String::as_str).collect())
        .collect()
}

fn titles(doc: &Document) -> Vec<Option<&str>> {
    doc.sections.iter().map(|s| s.title.as_deref()).collect()
}

fn meta(doc: &Document) -> Vec<(&str, &str)> {
    doc.metadata
        .iter()
        .map(|m| (m.key.as_str(), m.value.as_str()))
        .collect()
}

fn trailer(doc: &Document) -> Vec<&str> {
    doc.trailer.iter().map(|l| l.text.as_str()).collect()
}

/// Every piece of text the model shows a reader.
fn all_text(doc: &Document) -> Vec<&str> {
    let mut out: Vec<&str> = doc
        .turns()
        .flat_map(|t| t.paragraphs.iter())
        .map(String::as_str)
        .collect();
    out.extend(doc.sections.iter().filter_map(|s| s.title.as_deref()));
    out.extend(doc.metadata.iter().map(|m| m.value.as_str()));
    out.extend(trailer(doc));
    out.extend(doc.title.as_deref());
    out
}

fn assert_free_of(doc: &Document, marks: &[&str]) {
    for text in all_text(doc) {
        for m in marks {
            assert!(!text.contains(m), "{m:?} left in {text:?}");
        }
    }
}

const HTML_MARKS: &[&str] = &[
    "&emsp;", "&ensp;", "&nbsp;", "&amp;", "&quot;", "&#", "&ldquo;", "<br", "<s>", "</s>",
    "<strong", "<em>", "<span", "<p>", "<img", "<!--", "-->", "`", "![", "](", "~~", "[caption",
];

/// The section of a document with this title.
fn section<'d>(doc: &'d Document, title: &str) -> &'d tread::transcript::Section {
    doc.sections
        .iter()
        .find(|s| s.title.as_deref() == Some(title))
        .unwrap_or_else(|| panic!("no section {title:?}: {:?}", titles(doc)))
}

fn section_speakers<'d>(doc: &'d Document, title: &str) -> Vec<Option<&'d str>> {
    section(doc, title)
        .turns
        .iter()
        .map(|t| t.speaker.as_deref())
        .collect()
}

#[test]
fn chinese_blog_mirror_reads_clean() {
    let doc = markdown(&fixture("markdown", "blog-zh.md"));
    assert_eq!(doc.title.as_deref(), Some("对话林晓：开源社区的下一个十年"));
    assert_eq!(
        titles(&doc),
        [None, Some("从用户到维护者"), Some("下一个十年")]
    );
    let (host, lin) = (Some("主持人"), Some("林晓"));
    assert_eq!(speakers(&doc), [None, host, lin, host, lin, host, lin]);
    assert_eq!(
        paragraphs(&doc),
        [
            vec!["本文整理自《代码之外》第 42 期节目，有删节。文字稿由志愿者校对。"],
            vec!["欢迎林晓来到节目。先聊聊你是怎么开始做开源的？"],
            // The photo on the next line is not part of what 林晓 said.
            vec!["谢谢邀请。最早是给一个小工具修 bug，“顺手”提了个补丁。"],
            vec!["那时候有没有想过会一直做下去？"],
            vec!["完全没有。当时只是觉得好玩。后来发现 社区里的人&事才是留下来的原因。"],
            vec!["你怎么看 AI 写代码这件事？"],
            vec!["工具会变，协作不会变。"],
        ]
    );
    assert_eq!(
        trailer(&doc),
        [
            "## 相关阅读",
            "- 第 41 期：开源许可证怎么选",
            "- 第 40 期：维护者的倦怠"
        ]
    );
    assert_free_of(&doc, HTML_MARKS);
}

#[test]
fn chinese_blog_variants() {
    let text = fixture("markdown", "blog-zh.md");
    let base = markdown(&text);
    // CRLF and a BOM, through the decoder.
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let doc = load(crlf.as_bytes(), &LoadOptions::default()).unwrap();
    assert_eq!(speakers(&doc), speakers(&base));
    assert_eq!(paragraphs(&doc), paragraphs(&base));
    assert_eq!(trailer(&doc), trailer(&base));
    // A final block of links with no heading over it is trailer too.
    let bare = text.replace("## 相关阅读\n", "");
    let doc = markdown(&bare);
    assert_eq!(speakers(&doc), speakers(&base));
    assert_eq!(
        trailer(&doc),
        ["- 第 41 期：开源许可证怎么选", "- 第 40 期：维护者的倦怠"]
    );
    // A mirror with no Markdown of its own is known by its HTML.
    let plain = "对话林晓\n\n&emsp;&emsp;本文整理自节目。<br>有删节。\n\n主持人：欢迎。\n\n林晓：谢谢。\n\n主持人：再见。\n";
    assert_eq!(detect(plain, None), Format::Markdown);
    let doc = markdown(plain);
    assert_eq!(doc.title.as_deref(), Some("对话林晓"));
    assert_eq!(speakers(&doc), who("- / 主持人 / 林晓 / 主持人"));
    assert_eq!(paragraphs(&doc)[0], ["本文整理自节目。有删节。"]);
    // An unclosed comment is text, not the end of the document.
    let doc = markdown("**Ana:** Hi. <!-- oops\n\n**Leo:** Hello.\n\n**Ana:** Bye.\n");
    assert_eq!(speakers(&doc), [Some("Ana"), Some("Leo"), Some("Ana")]);
    assert_eq!(paragraphs(&doc)[0], ["Hi. <!-- oops"]);
}

#[test]
fn podcast_post_with_block_scalars_strikethrough_and_code() {
    let doc = markdown(&fixture("markdown", "podcast-en.md"));
    assert_eq!(
        doc.title.as_deref(),
        Some("Episode 31: The tread Tool & Friends")
    );
    assert_eq!(
        meta(&doc),
        [
            ("title", "Episode 31: The tread Tool & Friends"),
            ("date", "2025-02-11"),
            (
                "description",
                "Two maintainers talk about reading transcripts in a terminal, why line numbers matter, and what broke along the way."
            ),
            ("notes", "Recorded remotely.\nEdited for length."),
            ("guests", ""),
            ("guests", "Priya Raman"),
            ("guests", "Jonas Berg"),
        ]
    );
    assert_eq!(
        titles(&doc),
        [Some("Why build tread?"), Some("Line numbers matter")]
    );
    let (p, j) = (Some("Priya Raman"), Some("Jonas Berg"));
    assert_eq!(speakers(&doc), [p, j, p, j]);
    assert_eq!(
        paragraphs(&doc),
        [
            vec!["We kept pasting transcripts into editors that helped fought us."],
            vec!["And every editor lost the speaker labels. Every one."],
            vec!["A quote is only useful if you can find it again — that’s the whole point."],
            vec!["So the reader keeps every line where it was. Even after cleaning."],
        ]
    );
    assert_eq!(
        trailer(&doc),
        [
            "Show notes",
            "- tread on GitHub",
            "- The transcript format spec",
            "- <https://example.org/episode-31>"
        ]
    );
    assert_free_of(&doc, HTML_MARKS);
}

#[test]
fn block_scalar_variants_in_plain_text_too() {
    let text = "---\ntitle: >\n  A folded\n  title\nabstract: |-\n  line one\n\n  line three\nkeep: |\n  x\nempty: >-\ndate: 2024-01-01\n---\n\nAna: Hi.\nLeo: Hello.\nAna: Bye.\n";
    for doc in [parse(text), read(text, Format::Markdown).unwrap()] {
        assert_eq!(doc.title.as_deref(), Some("A folded title"));
        assert_eq!(
            meta(&doc),
            [
                ("title", "A folded title"),
                ("abstract", "line one\n\nline three"),
                ("keep", "x"),
                ("empty", ""),
                ("date", "2024-01-01"),
            ]
        );
        assert_eq!(speakers(&doc), [Some("Ana"), Some("Leo"), Some("Ana")]);
    }
    check_lossless(text, &parse(text)).unwrap();
    // `key: |` followed straight by the closing `---` is an empty value.
    let text = "---\nnotes: |\n---\nAna: Hi.\n";
    assert_eq!(meta(&parse(text)), [("notes", "")]);
}

#[test]
fn wordpress_export_reads_clean() {
    let doc = markdown(&fixture("markdown", "wordpress.md"));
    assert_eq!(
        doc.title.as_deref(),
        Some("Town Hall “Open Budget” – Full Transcript")
    );
    let (mayor, chen) = (Some("Mayor Alvarez"), Some("Councillor Chen"));
    assert_eq!(speakers(&doc), [None, mayor, chen, mayor, chen]);
    assert_eq!(
        paragraphs(&doc),
        [
            vec![
                "This is the full transcript of the November town hall. It has been lightly edited."
            ],
            vec!["Good evening, everyone. Tonight is about the budget & nothing else."],
            vec!["Thank you, Mayor. I’ll start with the parks line."],
            vec!["Go ahead."],
            vec!["Parks lost 12% last year. We want it back."],
        ]
    );
    assert_eq!(
        trailer(&doc),
        [
            "- Budget documents",
            "- Meeting video",
            "- Previous town hall"
        ]
    );
    assert_free_of(&doc, HTML_MARKS);
    assert_free_of(&doc, &["council chamber", "wp:"]);
}

#[test]
fn an_image_after_a_turn_is_not_speech() {
    for image in [
        "![photo of Ana](a.jpg)",
        "<img src=\"a.jpg\" alt=\"photo of Ana\">",
        "[![photo of Ana](a.jpg)](https://x.org/a)",
    ] {
        let text = format!("**Ana:** Hi.\n{image}\n\n**Leo:** Hello.\n");
        let doc = markdown(&text);
        assert_eq!(speakers(&doc), [Some("Ana"), Some("Leo")], "{image}");
        assert_eq!(paragraphs(&doc), [vec!["Hi."], vec!["Hello."]], "{image}");
    }
}

#[test]
fn district_court_hearing_over_three_pages() {
    let doc = court(fixture("court", "district-hearing.txt").as_bytes());
    assert_eq!(titles(&doc), [None, Some("PROCEEDINGS")]);
    let proceedings = "THE CLERK / MS. BRANDT / THE COURT / MR. OKONKWO / THE COURT / MR. OKONKWO / THE COURT / MR. OKONKWO / THE COURT / MS. BRANDT / THE COURT / MS. BRANDT / THE COURT";
    assert_eq!(section_speakers(&doc, "PROCEEDINGS"), who(proceedings));
    let turns = &section(&doc, "PROCEEDINGS").turns;
    let said: Vec<Vec<&str>> = turns
        .iter()
        .map(|t| t.paragraphs.iter().map(String::as_str).collect())
        .collect();
    // Lines indented under a label continue its turn, joined as one paragraph.
    assert_eq!(
        said[4],
        [
            "All right. We are here on the defendant's motion to suppress. Mr. Okonkwo, it is your motion. I have read the papers, so please focus on the stop itself."
        ]
    );
    // A turn running over a page break keeps its speaker; the parser ends a
    // paragraph at the (blanked) furniture lines between the pages.
    assert_eq!(
        said[9],
        [
            "Your Honor, Officer Reyes will testify that he noted the tint on his radio call, and the",
            "dispatch log shows the call at 11:39, a minute before the stop."
        ]
    );
    assert_eq!(
        said[11],
        [
            "The United States calls Officer Luis Reyes.",
            "(Witness sworn.)"
        ]
    );
    assert_eq!(turns[0].line, 35);
    // The cover page is narration around the caption, never the hearing's speakers.
    let cover: Vec<Option<&str>> = doc.sections[0]
        .turns
        .iter()
        .map(|t| t.speaker.as_deref())
        .collect();
    let hearing = who("THE COURT / MR. OKONKWO / MS. BRANDT / THE CLERK");
    assert!(!cover.iter().any(|s| hearing.contains(s)), "{cover:?}");
    assert_free_of(
        &doc,
        &[
            "PageID",
            "Page 2 of 3",
            "Document 88",
            "- Official Court Reporter",
            "␌",
            "P R O C",
        ],
    );
    for text in all_text(&doc) {
        let first = text.split_whitespace().next().unwrap_or("");
        assert!(
            first.parse::<u32>().is_err(),
            "a margin number is left in {text:?}"
        );
    }
}

#[test]
fn district_court_hearing_variants() {
    let text = fixture("court", "district-hearing.txt");
    let base = court(text.as_bytes());
    // Without form feeds (copied from a viewer), with raw form feeds (parsed
    // without the decoder), and with CRLF line ends.
    let no_feeds = text.replace('\u{c}', "");
    let crlf = text.replace('\n', "\r\n");
    for doc in [
        court(no_feeds.as_bytes()),
        parse(&text),
        court(crlf.as_bytes()),
    ] {
        assert_eq!(speakers(&doc), speakers(&base));
        assert_eq!(paragraphs(&doc), paragraphs(&base));
        assert_eq!(titles(&doc), titles(&base));
    }
    check_lossless(&text, &parse(&text)).unwrap();
}

#[test]
fn supreme_court_argument() {
    let doc = court(fixture("court", "supreme-court-argument.txt").as_bytes());
    assert_eq!(titles(&doc), [None, Some("CONTENTS"), Some("PROCEEDINGS")]);
    let proceedings = "- / CHIEF JUSTICE ROBERTS / GENERAL PRELOGAR / JUSTICE THOMAS / GENERAL PRELOGAR / JUSTICE KAGAN / GENERAL PRELOGAR / CHIEF JUSTICE ROBERTS / MR. HALVERSEN / JUSTICE KAGAN / MR. HALVERSEN / CHIEF JUSTICE ROBERTS";
    assert_eq!(section_speakers(&doc, "PROCEEDINGS"), who(proceedings));
    let turns = &section(&doc, "PROCEEDINGS").turns;
    assert_eq!(turns[0].paragraphs, ["(10:04 a.m.)"]);
    assert_eq!(
        turns[2].paragraphs,
        [
            "Mr. Chief Justice, and may it please the Court: The county's road order closes a trail that Congress itself opened, and the statute leaves no room for that."
        ]
    );
    assert_free_of(
        &doc,
        &[
            "Official - Subject to Final Review",
            "Heritage Reporting",
            "␌",
        ],
    );
}

#[test]
fn senate_hearing_with_running_headers() {
    let doc = court(fixture("court", "senate-hearing.txt").as_bytes());
    let all = "- / - / CHAIRMAN OKAFOR / SENATOR DELGADO / CHAIRMAN OKAFOR / MS. NAKAMURA / SENATOR WEISS / MS. NAKAMURA / SENATOR WEISS / MS. NAKAMURA / CHAIRMAN OKAFOR";
    assert_eq!(speakers(&doc), who(all));
    assert_eq!(
        titles(&doc),
        [None, Some("HEARING ON WILDFIRE RESILIENCE FUNDING")]
    );
    assert_eq!(
        paragraphs(&doc)[5],
        [
            "Thank you, Chairman Okafor, Ranking Member Delgado, and members of the committee. The fund has obligated 64 percent of its money. The rest waits on environmental review, which takes eighteen months on average."
        ]
    );
    assert_free_of(
        &doc,
        &[
            "ENR-2026",
            "PAGE",
            "UNCORRECTED TRANSCRIPT",
            "Ward & Associates",
            "wardassociates",
        ],
    );
}

#[test]
fn numbered_text_that_is_no_transcript_is_untouched() {
    // One numbered page, and numbered notes: the margin numbers are text.
    let mut text = String::new();
    for n in 1..=25 {
        text += &format!("{n:>2}   step {n} of the recipe\n");
    }
    text += "\u{c}\n1 cup flour\n2 eggs\n3 spoons of sugar\n";
    let doc = parse(&text);
    let all = all_text(&doc).join("\n");
    for n in 1..=9 {
        assert!(all.contains(&format!("{n}   step {n} of")), "{all}");
    }
    assert!(all.contains("2 eggs"), "{all}");
    check_lossless(&text, &doc).unwrap();
}
