//! Cutting sanitised text to a number of terminal columns, for every label
//! a widget or a status message shows in a fixed width.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::sanitise;

/// `s` sanitised ([`sanitise`]) and cut to `width` columns, ending
/// in `…` when something was cut. Sanitised first, so the width measured
/// is the width shown (`<9B>` is four columns).
pub fn fit(s: &str, width: usize) -> String {
    let s = sanitise(s);
    if s.width() <= width {
        return s.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}
