//! Claim detection on text, on the bundled sample, and on labelled fixtures.

use proptest::prelude::*;
use tread::transcript::claims::{Found, detect, detect_in};
use tread::transcript::sentences::split;
use tread::transcript::{ClaimKind, Document, Section, Turn};

fn found(text: &str) -> Vec<(&str, Found)> {
    detect_in(text)
        .into_iter()
        .map(|f| (&text[f.start..f.end], f))
        .collect()
}

fn kind_of(text: &str) -> Option<ClaimKind> {
    let all = found(text);
    assert!(all.len() <= 1, "one sentence, one claim at most: {all:?}");
    all.first().map(|(_, f)| f.kind)
}

fn assert_claim(text: &str, kind: ClaimKind) {
    assert_eq!(kind_of(text), Some(kind), "expected {kind:?}: {text}");
}

fn assert_none(text: &str) {
    assert_eq!(found(text), vec![], "expected no claim: {text}");
}

#[test]
fn statistics_in_three_languages() {
    use ClaimKind::Statistic;
    for t in [
        "代码库里的代码可能有20%-30%是用AI写的。",
        "Llama的每个专家是170亿参数。",
        "大概有三分之一的用户来自海外。",
        "公司去年投入了500万元。",
        "接受率目前大概在30%到40%。",
        "Ｑ１の売上は前年比１０％増えました。",
        "The proposed rule costs about $40 per tonne.",
        "The average wait was 35 minutes.",
        "Unemployment stood at 3.7% in May.",
        "We shipped 8b and 70b versions.",
        "会員数は１００万人を突破しました。",
    ] {
        assert_claim(t, Statistic);
    }
}

#[test]
fn forecasts_in_three_languages() {
    use ClaimKind::Forecast;
    for t in [
        "我们预计,明年(2026年)可能有一半的开发会由AI完成。",
        "到2026年,预计会有一半的应用开发工作会由AI完成。",
        "We expect emissions to fall 40% by 2035.",
        "I predict that next year every phone will run a model locally.",
        "市場規模は５年後に１兆円に達するでしょう。",
        "来年には海外売上が全体の半分を超える見込みです。",
    ] {
        assert_claim(t, Forecast);
    }
}

#[test]
fn comparisons_in_three_languages() {
    use ClaimKind::Comparison;
    for t in [
        "每6-12个月,我们就能看到10倍的性能提升。",
        "比如Llama 3的8b版本最受欢迎。",
        "我们的交付周期比竞争对手更短。",
        "Solar is now cheaper than coal in most markets.",
        "Texas is the largest producer of wind power.",
        "当社の製品は競合他社より３０％安いです。",
    ] {
        assert_claim(t, Comparison);
    }
}

#[test]
fn questions_are_not_claims() {
    for t in [
        "你有统计过现在微软内部有多少代码是AI写的吗?",
        "你认为未来3-5年会有怎样的体现?",
        "Did revenue really grow 40% last year?",
        "売上は１０％増えたのですか。",
        "那30%的增长从哪里来呢。",
    ] {
        assert_none(t);
    }
}

#[test]
fn names_dates_and_section_numbers_are_not_claims() {
    for t in [
        "Meta的Llama 4系列模型,则是在4月6日抢先对外发布。",
        "我加入微软时,正值Windows 3发布。",
        "例如,对Microsoft 365的每个用户来说,这就会变得很强大。",
        "设计时考虑了H100的效率。",
        "01 “深度应用”,即将到来",
        "日期:2025-05-08 15:19:13 / 人气:2",
        "我从07、08年开始构建云基础设施。",
        "Section 230 was never designed for this.",
        "We met on May 12 at 10 a.m. in Room 2141.",
        "现在致电 8888910 OR 查看更多联系方式",
        "我们甚至有了像MCP或A2A这样的协议。",
    ] {
        assert_none(t);
    }
}

#[test]
fn weak_forecast_words_alone_are_not_claims() {
    for t in [
        "I will ask you about the permitting process.",
        "未来每个工程师都会是技术领导。",
        "我认为,开源在这一过程中将发挥巨大的作用。",
        "将来のことは誰にもわかりません。",
        "We expect you to answer truthfully.",
    ] {
        assert_none(t);
    }
}

#[test]
fn opinions_phrased_as_superlatives_are_not_claims() {
    assert_none("我认为蒸馏是开源模型最强大的部分之一。");
    assert_none("这是开源的最大的魅力之一。");
    assert_none("It was one of the best days of my life.");
}

#[test]
fn long_sentences_narrow_to_the_claiming_clauses() {
    let t = "AI写代码还处于早期阶段,对于新项目来说,AI写的代码比例会很高,但我们的项目并不是全新的项目,我估计,在一些项目中,我们代码库里的代码可能有20%-30%是用AI写的。";
    let all = found(t);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].0, "我们代码库里的代码可能有20%-30%是用AI写的。");
    let short = "把这些进步叠加起来,每6-12个月,我们就能看到10倍的性能提升。";
    assert_eq!(found(short)[0].0, short, "a short sentence is kept whole");
}

#[test]
fn stronger_claims_score_higher() {
    let score = |t: &str| detect_in(t)[0].score;
    let forecast = score("我们预计,明年(2026年)可能有一半的开发会由AI完成。");
    let percent = score("发达国家想要以10%的速度增长。");
    let count = score("我们有35个工程师。");
    assert!(
        forecast > percent && percent > count,
        "{forecast} {percent} {count}"
    );
    assert!((0.0..=1.0).contains(&forecast));
}

/// Each line of the sample, trimmed (NBSP too) and without a `Name:` label.
fn sample_paragraphs() -> Vec<String> {
    let text = std::str::from_utf8(tread::SAMPLE).unwrap();
    text.lines()
        .map(|l| l.trim_matches(char::is_whitespace))
        .filter(|l| !l.is_empty())
        .map(|l| match l.split_once([':', '：']) {
            Some((name, rest)) if name.chars().count() <= 6 => rest.trim(),
            _ => l,
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn the_sample_claims_are_found() {
    let paragraphs = sample_paragraphs();
    let claims: Vec<String> = paragraphs
        .iter()
        .flat_map(|p| {
            detect_in(p)
                .into_iter()
                .map(move |f| p[f.start..f.end].to_string())
        })
        .collect();
    for fragment in [
        "每6-12个月…10倍的性能提升",
        "20%-30%是用AI写的",
        "大概在30%到40%",
        "明年(2026年)可能有一半的开发会由AI完成",
        "90%到95%的智力",
        "170亿参数",
        "Llama 3的8b版本最受欢迎",
        "以10%的速度增长",
        "我希望AI不会花50年",
    ] {
        let (head, tail) = fragment.split_once('…').unwrap_or((fragment, ""));
        let hit = claims.iter().any(|c| {
            c.find(head)
                .is_some_and(|at| c[at + head.len()..].contains(tail))
        });
        assert!(hit, "no claim contains {fragment:?}; claims: {claims:#?}");
    }
    let sentences: usize = paragraphs.iter().map(|p| split(p).len()).sum();
    eprintln!("sample: {} claims in {sentences} sentences", claims.len());
    for c in &claims {
        eprintln!("  {c}");
    }
    assert!(
        claims.len() * 3 < sentences,
        "{} of {sentences}",
        claims.len()
    );
}

#[test]
fn fixtures_reach_precision_and_recall() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/claims");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let (mut n, mut file_tp, mut file_fp, mut file_fn) = (0, 0, 0, 0);
        for line in text.lines() {
            let (want, sentence) = match line.split_at_checked(2) {
                Some(("+ ", s)) => (true, s),
                Some(("- ", s)) => (false, s),
                _ => continue,
            };
            n += 1;
            let got = !detect_in(sentence).is_empty();
            match (want, got) {
                (true, true) => file_tp += 1,
                (false, true) => file_fp += 1,
                (true, false) => file_fn += 1,
                (false, false) => {}
            }
            if want != got {
                eprintln!(
                    "  {}: {line}",
                    if got { "false positive" } else { "missed" }
                );
            }
        }
        let name = path.file_name().unwrap().to_string_lossy();
        eprintln!("{name}: {n} sentences, {file_tp} found, {file_fp} wrong, {file_fn} missed");
        assert!(n >= 25, "{name} needs at least 25 labelled sentences");
        (tp, fp, fn_) = (tp + file_tp, fp + file_fp, fn_ + file_fn);
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fn_) as f64;
    eprintln!("fixtures: precision {precision:.2}, recall {recall:.2}");
    assert!(recall >= 0.8, "recall {recall:.2}");
    assert!(precision >= 0.6, "precision {precision:.2}");
}

#[test]
fn detect_locates_claims_in_document_order() {
    let turn = |paragraphs: &[&str]| Turn {
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        ..Turn::default()
    };
    let doc = Document {
        sections: vec![
            Section {
                turns: vec![turn(&["没有数字。", "我们增长了10%。"])],
                ..Section::default()
            },
            Section {
                turns: vec![turn(&["你好。"]), turn(&["Hi. Costs fell 80% since 2015."])],
                ..Section::default()
            },
        ],
        ..Document::default()
    };
    let claims = detect(&doc);
    let at: Vec<_> = claims
        .iter()
        .map(|c| (c.section, c.turn, c.paragraph))
        .collect();
    assert_eq!(at, [(0, 0, 1), (1, 1, 0)]);
    assert_eq!(doc.claim_text(&claims[0]), "我们增长了10%。");
    assert_eq!(doc.claim_text(&claims[1]), "Costs fell 80% since 2015.");
}

fn text_strategy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "。",
        "，",
        "?",
        "？",
        "!",
        ".",
        "…",
        "……",
        "”",
        "“",
        "\"",
        " ",
        "\u{a0}",
        "%",
        "％",
        "倍",
        "亿",
        "万",
        "一半",
        "三分之一",
        "比",
        "更",
        "最大",
        "之一",
        "预计",
        "明年",
        "到",
        "年",
        "个月",
        "-",
        "1",
        "20",
        "3.7",
        "１０",
        "$",
        "will",
        " by 2035",
        "than",
        "吗",
        "Llama 4",
        "H100",
        "Mr.",
        "e.g.",
        "U.S.",
        "than",
        "a",
        "的",
        "か",
        "でしょう",
        "より",
    ]);
    let piece = prop_oneof![
        pieces.prop_map(str::to_string),
        any::<char>().prop_map(String::from)
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn claims_lie_within_one_sentence(text in text_strategy()) {
        let sentences = split(&text);
        let mut last_end = 0;
        for f in detect_in(&text) {
            prop_assert!(f.start < f.end && f.start >= last_end, "{f:?}");
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            prop_assert!(sentences.iter().any(|s| s.start <= f.start && f.end <= s.end));
            prop_assert!((0.0..=1.0).contains(&f.score));
            last_end = f.end;
        }
    }
}
