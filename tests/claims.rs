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

/// The reason and quantity of the one claim in `text`.
fn why(text: &str) -> (String, Option<tread::transcript::Quantity>) {
    let all = detect_in(text);
    assert_eq!(all.len(), 1, "one claim expected: {text}");
    (all[0].reason.to_string(), all[0].quantity)
}

#[test]
fn spelled_out_and_approximate_numbers_are_found() {
    for t in [
        "I'd say three to five days a month we're just firefighting.",
        "Nine in ten of the nurses said they'd thought about quitting.",
        "About a third of the budget goes to maintenance.",
        "Our competitors spend twice as many hours on onboarding.",
        "Dozens of towns lost power for more than a week.",
        "The app crossed a million users last spring.",
        "这个项目我们做了三个月。",
        "现在七八成的订单都是线上来的。",
        "差不多一半的员工都是九零后。",
        "我在这里干了两年。",
        "全国每年有数以万计的学生参加这个考试。",
        "一场演唱会下来，上千人要靠这个吃饭。",
        "这家公司一年亏了几十亿。",
    ] {
        assert_eq!(found(t).len(), 1, "expected a claim: {t}");
    }
    assert_eq!(why("三成的用户来自海外。").0, "fraction");
    assert_eq!(why("Nine in ten nurses agree.").0, "fraction");
    assert_eq!(why("It takes about forty minutes.").0, "spelled-out number");
}

#[test]
fn chinese_forecasts_without_digits_are_found() {
    for (t, cue) in [
        ("我估计至少还要持续两年。", "估计"),
        ("预计明年一季度产能会恢复。", "预计"),
        ("我们计划在三年内开五十家门店。", "计划"),
        ("这个政策将会影响上百万家庭。", "将会"),
        ("新工厂有望在年底前投产。", "有望"),
    ] {
        assert_claim(t, ClaimKind::Forecast);
        assert_eq!(why(t).0, format!("forecast cue \"{cue}\""), "{t}");
    }
    // An estimate of the present is a statistic, and no figure no claim.
    assert_claim("我估计有20%是用AI写的。", ClaimKind::Statistic);
    assert_none("我估计他不会来了。");
    assert_none("我们计划好好休息一下。");
}

#[test]
fn magnitudes_carry_a_value_and_unit() {
    let q = |t: &str| why(t).1.map(|q| (q.value, q.unit));
    assert_eq!(q("装机容量是2.1亿千瓦。"), Some((2.1e8, Some("千瓦"))));
    assert_eq!(
        q("三峡电站的装机容量是2250万千瓦。"),
        Some((2.25e7, Some("千瓦")))
    );
    assert_eq!(q("这一轮融资估值大概十亿美元。"), Some((1e9, Some("美元"))));
    assert_eq!(q("我们投了两千多万。"), Some((2e7, None)));
    assert_eq!(
        q("The company was valued at $4.5B."),
        Some((4.5e9, Some("$")))
    );
    assert_eq!(q("We did about 300k in revenue."), Some((3e5, None)));
    assert_eq!(q("They burn 20M a quarter."), Some((2e7, None)));
    assert_eq!(
        q("The city spends 2.1 billion dollars."),
        Some((2.1e9, Some("dollars")))
    );
    assert_eq!(
        q("We trained on fifteen trillion tokens."),
        Some((1.5e13, Some("tokens")))
    );
    assert_eq!(
        q("The app crossed a million users."),
        Some((1e6, Some("users")))
    );
    assert_eq!(q("Rents went up 14%."), None);
    assert_eq!(why("装机容量是2.1亿千瓦。").0, "magnitude");
}

#[test]
fn agreement_times_ages_ads_contents_episodes_and_dates_are_not_claims() {
    for t in [
        // Agreement with a number.
        "Yeah, 100%.",
        "百分之百同意。",
        "对，我百分之百支持你。",
        "I'm 100 percent with you.",
        "Oh, a hundred percent, yeah.",
        "这个我一百个赞成。",
        // Times of day and clock times.
        "12 点的时候我想躺 5 分钟。",
        "I'll call you back at 3pm.",
        "Let's pick this up at 10:30 tomorrow.",
        "明天早上8:30开会。",
        "I'll be there in five minutes.",
        // Ages and people in passing.
        "My 3 kids think this show is hilarious.",
        "我两个孩子都在上小学。",
        "My mom is 82 and she still drives.",
        "我们三个人一起创业的。",
        // Sponsor and advertising copy.
        "Use code TREAD20 for 20% off your first order.",
        "Head over to example.com/podcast and get 15% off today.",
        "扫码领取优惠券，首单立减20元。",
        // Tables of contents and page numbers.
        "Chapter 3 ........ 45",
        "第三章 ........ 45",
        // Episode and section numbers.
        "Welcome to episode 212 of the show.",
        "欢迎收听第三集。",
        "这是我们第212期节目。",
        "In Part 2 we'll talk about the recovery.",
        // Dates alone.
        "2024年3月",
        "I was born on March 5th.",
        "六月十八号那天我们正式上线。",
    ] {
        assert_none(t);
    }
    // A figure beside agreement is still a claim.
    assert_eq!(
        found("I'm 100 percent sure the contract was worth about 2 million.").len(),
        1
    );
    assert_eq!(found("Yeah, and we grew 100% year over year.").len(), 1);
}

#[test]
fn every_claim_says_why() {
    assert_eq!(why("Rents went up 14% in a year.").0, "percentage");
    assert_eq!(why("It costs $40 a tonne.").0, "money");
    assert_eq!(
        why("Solar is now cheaper than coal.").0,
        "comparison cue \"than\""
    );
    assert_eq!(
        why("We expect emissions to fall 40% by 2035.").0,
        "forecast cue \"expect\""
    );
    assert_eq!(
        why("Texas is the largest producer of wind power.").0,
        "superlative \"the largest\""
    );
    assert_eq!(why("每6-12个月,我们就能看到10倍的性能提升。").0, "multiple");
}

#[test]
fn a_fraction_of_ten_thousand_is_found() {
    assert_eq!(why("这个病的发病率大概是万分之三。").0, "fraction");
}
