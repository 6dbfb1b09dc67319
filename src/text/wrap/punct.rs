//! Which characters may not start or end a line (Chinese 避头尾 rules).

/// Characters that must not begin a line (Chinese 避头 punctuation, plus the
/// ASCII marks Chinese transcripts often use in place of full-width ones).
pub(super) fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '：'
            | '？'
            | '！'
            | '；'
            | '”'
            | '’'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〉'
            | '〕'
            | '〗'
            | '〙'
            | '〛'
            | '］'
            | '｝'
            | '｠'
            | '｣'
            | '､'
            | '｡'
            | '．'
            | '…'
            | '‥'
            | ','
            | '.'
            | ':'
            | ';'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '\''
            | '"'
    )
}

/// Characters that should not end a line (避尾), when another break fits.
pub(super) fn is_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '‘'
            | '（'
            | '《'
            | '「'
            | '『'
            | '【'
            | '〈'
            | '〔'
            | '〖'
            | '〘'
            | '〚'
            | '［'
            | '｛'
            | '｟'
            | '｢'
            | '('
            | '['
            | '{'
    )
}
