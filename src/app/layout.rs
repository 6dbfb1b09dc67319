//! The dialogue pane's line model, defined once: how many rows each kind of
//! block takes and in which columns its text sits. [`super::lines::Lines`]
//! counts rows with it and `ui/dialogue.rs` draws with it, so scrolling and
//! drawing cannot drift apart (`tests/layout.rs` renders and compares).

use super::flow::BlockKind;

/// Rows of a section banner: its title, then a rule.
pub const BANNER_ROWS: usize = 2;
/// The banner's row that carries its title; the others are the rule.
pub const BANNER_TITLE_ROW: usize = 0;
/// Rows of a speaker line (time and name).
pub const SPEAKER_ROWS: usize = 1;
/// Rows of the gap before a turn (a narration turn's time goes there).
pub const GAP_ROWS: usize = 1;
/// Rows of the break between two paragraphs of a turn, in both modes.
pub const BREAK_ROWS: usize = 1;
/// The widest a speaker's name column gets in compact mode; longer names
/// are cut with `…`.
pub const MAX_NAME_COLUMN: u16 = 16;
/// Rows of a turn folded away by the speaker filter: `… name · 3 paragraphs`.
pub const STUB_ROWS: usize = 1;

/// Column, within the pane, of the mark beside a bookmarked paragraph line.
pub const MARK_COL: u16 = 0;
/// Column of the `›` beside a paragraph line holding a search match.
pub const MATCH_COL: u16 = 1;
/// Columns left of paragraph text, holding the two marks above.
pub const GUTTER: u16 = 2;
/// Column where paragraph text starts: right after the gutter, so the marks
/// never cover text.
pub const TEXT_INDENT: u16 = GUTTER;
/// Columns every line's text keeps clear at the right edge (the banner's rule
/// excepted), so a line never touches the pane's border or a side pane.
pub const RIGHT_MARGIN: u16 = 1;

/// Columns paragraph text wraps to in a pane this wide (at least one, so
/// wrapping always makes progress).
pub fn text_width(pane_width: u16) -> usize {
    usize::from(pane_width.saturating_sub(TEXT_INDENT + RIGHT_MARGIN)).max(1)
}

/// Columns for the text of a line that starts at the pane's left edge: a
/// banner's title, a speaker line, a folded turn's stub.
pub fn label_width(pane_width: u16) -> usize {
    usize::from(pane_width.saturating_sub(RIGHT_MARGIN))
}

/// Compact mode's name column for names up to `widest` columns: the name
/// (cut at [`MAX_NAME_COLUMN`]) and two spaces before the text.
pub fn name_column(widest: usize) -> u16 {
    (widest as u16).clamp(1, MAX_NAME_COLUMN) + 2
}

/// Column where paragraph text starts: after the gutter, and in compact
/// mode after the name column too (`name_col`, 0 otherwise).
pub fn text_indent(name_col: u16) -> u16 {
    TEXT_INDENT + name_col
}

/// Rows a block takes. `folded` is [`super::lines::Lines::folded`]: a folded
/// turn shows only its stub, carried by one of its blocks. In `compact`
/// mode a turn has no speaker line (the name sits beside its text) and no
/// gap before it. `wrapped` is how many lines a paragraph wraps to, asked
/// only for paragraphs shown in full.
pub fn rows(
    kind: BlockKind,
    folded: Option<bool>,
    compact: bool,
    wrapped: impl FnOnce() -> usize,
) -> usize {
    match (folded, kind) {
        (Some(true), _) => STUB_ROWS,
        (Some(false), _) => 0,
        // An empty paragraph still shows as one (blank) line.
        (None, BlockKind::Para) => wrapped().max(1),
        (None, BlockKind::Banner) => BANNER_ROWS,
        (None, BlockKind::Speaker | BlockKind::TurnGap) if compact => 0,
        (None, BlockKind::Speaker) => SPEAKER_ROWS,
        (None, BlockKind::Gap | BlockKind::TurnGap) => GAP_ROWS,
        (None, BlockKind::Break) => BREAK_ROWS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_width_leaves_the_gutter_and_the_margin() {
        assert_eq!(text_width(80), 77);
        assert_eq!(text_width(3), 1);
        assert_eq!(text_width(0), 1);
        assert_eq!(label_width(80), 79);
        assert_eq!(label_width(0), 0);
    }

    #[test]
    fn folded_blocks_show_only_the_stub() {
        let never = || -> usize { unreachable!("a folded paragraph is not wrapped") };
        assert_eq!(rows(BlockKind::Para, Some(true), false, never), STUB_ROWS);
        assert_eq!(rows(BlockKind::Speaker, Some(false), false, never), 0);
        assert_eq!(rows(BlockKind::Break, Some(false), false, never), 0);
        assert_eq!(rows(BlockKind::Para, None, false, || 0), 1);
        assert_eq!(rows(BlockKind::Para, None, false, || 4), 4);
        assert_eq!(rows(BlockKind::Banner, None, false, || 9), BANNER_ROWS);
    }

    #[test]
    fn compact_turns_have_no_speaker_line_nor_gap_but_keep_breaks() {
        let never = || -> usize { unreachable!() };
        assert_eq!(rows(BlockKind::Speaker, None, true, never), 0);
        assert_eq!(rows(BlockKind::TurnGap, None, true, never), 0);
        assert_eq!(rows(BlockKind::Gap, None, true, never), GAP_ROWS);
        assert_eq!(rows(BlockKind::Break, None, true, never), BREAK_ROWS);
        assert_eq!(rows(BlockKind::Para, None, true, || 2), 2);
        assert_eq!(name_column(3), 5);
        assert_eq!(name_column(40), MAX_NAME_COLUMN + 2);
        assert_eq!(text_indent(0), TEXT_INDENT);
    }
}
