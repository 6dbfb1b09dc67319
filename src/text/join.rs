//! Text spread over lines and paragraphs as one line: whitespace runs
//! become one space, except a line break between two CJK characters, which
//! disappears (Chinese and Japanese put no space between sentences, so a
//! quote across two paragraphs must not gain one).

use unicode_width::UnicodeWidthChar;

/// `text` on one line, as a quote is copied and listed.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap: Option<bool> = None; // Some(has a line break) while in whitespace
    for c in text.chars() {
        if c.is_whitespace() {
            let brk = matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}');
            gap = Some(gap.unwrap_or(false) || brk);
            continue;
        }
        if let Some(brk) = gap.take() {
            let joins = brk && out.chars().next_back().is_some_and(wide) && wide(c);
            if !out.is_empty() && !joins {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

/// Wide (CJK) characters, and the quotation marks and dashes Chinese text
/// shares with Latin (narrow by Unicode, full-width in CJK fonts).
fn wide(c: char) -> bool {
    c.width() == Some(2) || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—')
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn chinese_paragraphs_join_without_a_space() {
        assert_eq!(one_line("开场白结束。\n\n就在刚刚"), "开场白结束。就在刚刚");
        assert_eq!(one_line("他说：\n“好。”"), "他说：“好。”");
    }

    #[test]
    fn latin_text_and_mixed_boundaries_keep_one_space() {
        assert_eq!(one_line("  one\n\ntwo   three "), "one two three");
        assert_eq!(one_line("AI。\nThen"), "AI。 Then");
        assert_eq!(
            one_line("用 AI 写"),
            "用 AI 写",
            "spaces within a line stay"
        );
        assert_eq!(one_line(""), "");
    }
}
