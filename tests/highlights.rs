//! The dialogue's highlights are readable and tell apart where they
//! combine: every style with a background has its own foreground with a
//! WCAG 2 contrast of at least 4.5 (foreground-only ones against black and
//! white terminals alike), and a bookmark, the selection and search matches
//! each look different from the current sentence they meet, in colour and
//! with `NO_COLOR`.

mod support;

use std::collections::HashMap;

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use support::app::{Reader, sample_with};
use tread::app::keymap::Keymap;
use tread::app::layout::TEXT_INDENT;
use tread::ui::theme::{CODE_COLORS, Layer, Layers, Theme};

/// The xterm default palette for the named colours.
fn rgb(c: Color) -> (u8, u8, u8) {
    const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match c {
        Color::Black | Color::Reset => (0, 0, 0),
        Color::Red => (205, 0, 0),
        Color::Green => (0, 205, 0),
        Color::Yellow => (205, 205, 0),
        Color::Blue => (0, 0, 238),
        Color::Magenta => (205, 0, 205),
        Color::Cyan => (0, 205, 205),
        Color::Gray => (229, 229, 229),
        Color::DarkGray => (127, 127, 127),
        Color::LightRed => (255, 0, 0),
        Color::LightGreen => (0, 255, 0),
        Color::LightYellow => (255, 255, 0),
        Color::LightBlue => (92, 92, 255),
        Color::LightMagenta => (255, 0, 255),
        Color::LightCyan => (0, 255, 255),
        Color::White => (255, 255, 255),
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i) if i < 16 => rgb(Color::Indexed(i)),
        Color::Indexed(i) if i >= 232 => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
        Color::Indexed(i) => {
            let i = i - 16;
            let at = |n: u8| CUBE[n as usize];
            (at(i / 36), at(i / 6 % 6), at(i % 6))
        }
    }
}

/// WCAG 2 relative luminance from sRGB.
fn luminance(c: Color) -> f64 {
    let (r, g, b) = rgb(c);
    let lin = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

fn contrast(a: Color, b: Color) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// Every set of marks a stretch of text can be under.
fn every_set() -> Vec<Layers> {
    (0u32..1 << Layer::ALL.len())
        .map(|bits| {
            Layer::ALL
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & 1 << i != 0)
                .fold(Layers::default(), |set, (_, l)| set.with(*l))
        })
        .collect()
}

const TERMINALS: [Color; 2] = [Color::Rgb(0, 0, 0), Color::Rgb(255, 255, 255)];

#[test]
fn every_highlight_reads_on_its_background_on_dark_and_light_terminals() {
    let theme = Theme { color: true };
    let mut worst = f64::INFINITY;
    for set in every_set() {
        let style = theme.marked(Style::new(), set);
        match (style.fg, style.bg) {
            (Some(fg), Some(bg)) => {
                let c = contrast(fg, bg);
                assert!(c >= 4.5, "{set:?}: {fg:?} on {bg:?} is {c:.2}");
                worst = worst.min(c);
            }
            (None, Some(bg)) => panic!("{set:?} sets {bg:?} but no foreground"),
            // Stage directions are dimmed on purpose.
            (Some(_), None) if set == Layers::of(Layer::Dim) => {}
            (Some(fg), None) => {
                for t in TERMINALS {
                    let c = contrast(fg, t);
                    assert!(c >= 4.5, "{set:?}: {fg:?} on a {t:?} terminal is {c:.2}");
                }
            }
            (None, None) => {}
        }
    }
    assert!(worst >= 4.5);
    for gutter in [theme.gutter(), theme.changed_gutter()] {
        let fg = gutter.fg.unwrap();
        for t in TERMINALS {
            assert!(contrast(fg, t) >= 4.5, "{fg:?} on {t:?}");
        }
    }
    // The figures, for `--nocapture`.
    for (name, layers) in named() {
        let s = theme.marked(Style::new(), layers);
        let fg = s.fg.unwrap();
        let on = s.bg.map_or_else(
            || {
                format!(
                    "{:.2} on black, {:.2} on white",
                    contrast(fg, TERMINALS[0]),
                    contrast(fg, TERMINALS[1])
                )
            },
            |bg| format!("{:.2}", contrast(fg, bg)),
        );
        println!("{name}: {fg:?} on {:?}: {on}", s.bg);
    }
}

fn named() -> Vec<(&'static str, Layers)> {
    use Layer::*;
    let of = |ls: &[Layer]| ls.iter().fold(Layers::default(), |s, l| s.with(*l));
    vec![
        ("cursor", of(&[Cursor])),
        ("selection", of(&[Selection])),
        ("bookmark", of(&[Bookmark])),
        ("changed bookmark", of(&[Changed])),
        ("claim", of(&[Claim])),
        ("match", of(&[Match])),
        ("current match", of(&[Current])),
        ("bookmark under the cursor", of(&[Bookmark, Cursor])),
        ("changed bookmark under the cursor", of(&[Changed, Cursor])),
        ("bookmark in the selection", of(&[Bookmark, Selection])),
    ]
}

/// Codes without a colour of their own take the palette's, and a code the
/// book lacks a grey: in the gutter, the bookmarks list and the picker they
/// are text and marks on the terminal's own background, so each reads on
/// black and on white as the bookmark's mark does; without colour, none.
#[test]
fn code_colours_read_on_dark_and_light_terminals() {
    let theme = Theme { color: true };
    let unknown = theme.code(None).fg.unwrap();
    for fg in CODE_COLORS.into_iter().chain([unknown]) {
        for t in TERMINALS {
            let c = contrast(fg, t);
            assert!(c >= 4.5, "{fg:?} on {t:?} is {c:.2}");
        }
    }
    for (i, c) in CODE_COLORS.iter().enumerate() {
        assert_eq!(theme.code(Some((None, i))).fg, Some(*c));
        assert_eq!(
            theme.code(Some((None, i + CODE_COLORS.len()))).fg,
            Some(*c),
            "the palette cycles"
        );
    }
    let own = theme.code(Some((Some("#1A2B3C"), 0))).fg;
    assert_eq!(
        own,
        Some(Color::Rgb(0x1a, 0x2b, 0x3c)),
        "a code's own colour"
    );
    let plain = Theme { color: false }.code(Some((Some("#1A2B3C"), 0)));
    assert_eq!((plain.fg, plain.bg), (None, None));
}

#[test]
fn without_colour_no_highlight_sets_a_colour() {
    let theme = Theme { color: false };
    for set in every_set() {
        let s = theme.marked(Style::new(), set);
        assert_eq!((s.fg, s.bg), (None, None), "{set:?}");
    }
}

/// How a cell looks.
type Look = (Color, Color, Modifier);
/// Cells by `(x, y)`.
type Cells = Vec<(u16, u16)>;

fn reader(color: bool) -> Reader {
    let state = sample_with(Keymap::default_keymap(), |up| up.color = color);
    let mut r = Reader::with_state(state, 120, 30);
    // Section 1's second sentence, with more of its turn below.
    r.keys("]jj");
    r
}

/// The dialogue's text cells in reading order, blanks and the gutter left
/// out: `(symbol, x, y)`.
fn stream(r: &Reader) -> Vec<(String, u16, u16)> {
    let area: Rect = r.state.viewport().dialogue.into();
    let mut out = Vec::new();
    for y in area.top()..area.bottom() {
        for x in r.cells(y) {
            let sym = r.buffer()[(x, y)].symbol();
            let inside = x >= area.x + TEXT_INDENT && x < area.right();
            if inside && !sym.trim().is_empty() {
                out.push((sym.to_string(), x, y));
            }
        }
    }
    out
}

fn squeeze(text: &str) -> Vec<String> {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(String::from)
        .collect()
}

/// The cells showing `text` (its first occurrence on screen).
fn cells_of(r: &Reader, text: &str) -> Cells {
    let want = squeeze(text);
    let s = stream(r);
    let at = (0..s.len().saturating_sub(want.len() - 1))
        .find(|&i| want.iter().zip(&s[i..]).all(|(w, (c, _, _))| w == c))
        .unwrap_or_else(|| panic!("{text:?} is not on screen:\n{}", r.screen()));
    s[at..at + want.len()]
        .iter()
        .map(|(_, x, y)| (*x, *y))
        .collect()
}

fn look(r: &Reader, (x, y): (u16, u16)) -> Look {
    let c = &r.buffer()[(x, y)];
    (c.fg, c.bg, c.modifier)
}

/// The look most of `cells` have.
fn mostly(r: &Reader, cells: &[(u16, u16)]) -> Look {
    let mut n: HashMap<Look, usize> = HashMap::new();
    for &c in cells {
        *n.entry(look(r, c)).or_default() += 1;
    }
    n.into_iter().max_by_key(|(_, k)| *k).unwrap().0
}

fn sentence(r: &Reader, s: usize) -> String {
    let sen = r.state.flow().sentences[s];
    let text = r.state.flow().text(r.state.doc(), sen.block as usize);
    text[sen.start as usize..sen.end as usize].to_string()
}

fn sentence_look(r: &Reader, s: usize) -> Look {
    mostly(r, &cells_of(r, &sentence(r, s)))
}

fn all_differ(what: &str, looks: &[(&str, Look)]) {
    for (i, (a, x)) in looks.iter().enumerate() {
        for (b, y) in &looks[i + 1..] {
            assert_ne!(x, y, "{what}: {a} and {b} look the same");
        }
    }
}

#[test]
fn a_bookmark_under_the_cursor_shows() {
    for color in [true, false] {
        let mut r = reader(color);
        let c = r.state.cursor();
        let plain = sentence_look(&r, c + 1);
        let cursor = sentence_look(&r, c);
        r.keys("m");
        assert_eq!(r.state.marks().iter().count(), 1);
        let both = sentence_look(&r, c);
        r.keys("j");
        let bookmark = sentence_look(&r, c);
        assert_eq!(sentence_look(&r, c + 1), cursor, "the cursor moved on");
        let looks = [
            ("plain", plain),
            ("cursor", cursor),
            ("bookmark", bookmark),
            ("bookmark under the cursor", both),
        ];
        all_differ(&format!("colour {color}"), &looks);
    }
}

#[test]
fn the_selection_differs_from_the_cursor() {
    for color in [true, false] {
        let mut r = reader(color);
        let c = r.state.cursor();
        let plain = sentence_look(&r, c + 2);
        r.keys("vj");
        assert_eq!(r.state.selected_range(), Some((c, c + 1)));
        let looks = [
            ("plain", plain),
            ("selection", sentence_look(&r, c)),
            ("cursor", sentence_look(&r, c + 1)),
        ];
        all_differ(&format!("colour {color}"), &looks);
    }
}

/// The cells of the current search match, found inside the cursor's
/// sentence, and the rest of that sentence.
fn current_match(r: &Reader) -> (Cells, Cells) {
    let find = r.state.finder().find().expect("a search");
    let hit = find.current.expect("a current match");
    let s = r.state.cursor();
    let sen = r.state.flow().sentences[s];
    let text = r.state.flow().text(r.state.doc(), sen.block as usize);
    assert_eq!(r.state.flow().para_index(sen.block as usize), hit.para);
    let (a, b) = (sen.start as usize, sen.end as usize);
    assert!(
        a <= hit.start && hit.end <= b,
        "the match is in the sentence"
    );
    let cells = cells_of(r, &text[a..b]);
    let before = squeeze(&text[a..hit.start]).len();
    let len = squeeze(&text[hit.start..hit.end]).len();
    let mut rest = cells.clone();
    let hit_cells: Vec<_> = rest.drain(before..before + len).collect();
    (hit_cells, rest)
}

/// A word of the sentence after the cursor's that occurs again in the
/// sentences after it: a search with matches in and out of the cursor.
fn query(r: &Reader) -> String {
    let c = r.state.cursor();
    let here: Vec<char> = sentence(r, c + 1).chars().collect();
    let later: String = (c + 2..c + 6).map(|s| sentence(r, s)).collect();
    here.windows(2)
        .map(|w| w.iter().collect::<String>())
        .find(|w| w.chars().all(char::is_alphanumeric) && later.contains(w.as_str()))
        .expect("a repeated word")
}

#[test]
fn matches_show_inside_a_bookmarked_current_sentence() {
    for color in [true, false] {
        let what = format!("colour {color}");
        let mut r = reader(color);
        let q = query(&r);
        r.keys(&format!("/{q}<enter>"));
        let (hit, rest) = current_match(&r);
        let (current, cursor) = (mostly(&r, &hit), mostly(&r, &rest));
        all_differ(&what, &[("current match", current), ("cursor", cursor)]);

        r.keys("m");
        let (hit, rest) = current_match(&r);
        let (current_bm, cursor_bm) = (mostly(&r, &hit), mostly(&r, &rest));
        let looks = [
            ("current match in a bookmark", current_bm),
            ("bookmark under the cursor", cursor_bm),
            ("cursor", cursor),
        ];
        all_differ(&what, &looks);

        // The next match becomes current; the first is one match among others.
        let first = hit;
        r.keys("n");
        let (hit, rest) = current_match(&r);
        let looks = [
            ("match", mostly(&r, &first)),
            ("current match", mostly(&r, &hit)),
            ("cursor", mostly(&r, &rest)),
        ];
        all_differ(&what, &looks);
    }
}
