//! HTML character references (`&amp;`, `&#8220;`, `&#x201C;`) as the
//! characters they stand for, never as a character that could control a
//! terminal.

use std::borrow::Cow;

/// The named references blog and article mirrors use, with what they read
/// as. The space entities are plain spaces: they only ever indent or pad.
fn named(name: &str) -> Option<&'static str> {
    Some(match name {
        "nbsp" | "ensp" | "emsp" | "emsp13" | "emsp14" | "numsp" | "puncsp" | "thinsp"
        | "hairsp" | "MediumSpace" | "ThinSpace" | "NonBreakingSpace" => " ",
        "shy" | "ZeroWidthSpace" | "zwsp" => "",
        "zwj" => "\u{200d}",
        "zwnj" => "\u{200c}",
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "hellip" | "mldr" => "…",
        "mdash" => "—",
        "ndash" => "–",
        "minus" => "−",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "laquo" => "«",
        "raquo" => "»",
        "lsaquo" => "‹",
        "rsaquo" => "›",
        "middot" | "centerdot" => "·",
        "bull" | "bullet" => "•",
        "copy" | "COPY" => "©",
        "reg" | "REG" => "®",
        "trade" | "TRADE" => "™",
        "times" => "×",
        "divide" => "÷",
        "deg" => "°",
        "plusmn" => "±",
        "frac12" | "half" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "sect" => "§",
        "para" => "¶",
        "dagger" => "†",
        "Dagger" => "‡",
        "prime" => "′",
        "Prime" => "″",
        "larr" => "←",
        "rarr" => "→",
        "uarr" => "↑",
        "darr" => "↓",
        "harr" => "↔",
        "hearts" => "♥",
        "iexcl" => "¡",
        "iquest" => "¿",
        "aacute" => "á",
        "agrave" => "à",
        "acirc" => "â",
        "auml" => "ä",
        "atilde" => "ã",
        "aring" => "å",
        "ccedil" => "ç",
        "eacute" => "é",
        "egrave" => "è",
        "ecirc" => "ê",
        "euml" => "ë",
        "iacute" => "í",
        "igrave" => "ì",
        "icirc" => "î",
        "iuml" => "ï",
        "ntilde" => "ñ",
        "oacute" => "ó",
        "ograve" => "ò",
        "ocirc" => "ô",
        "ouml" => "ö",
        "otilde" => "õ",
        "oslash" => "ø",
        "uacute" => "ú",
        "ugrave" => "ù",
        "ucirc" => "û",
        "uuml" => "ü",
        "szlig" => "ß",
        "Aacute" => "Á",
        "Eacute" => "É",
        "Iacute" => "Í",
        "Oacute" => "Ó",
        "Uacute" => "Ú",
        "Ntilde" => "Ñ",
        "Auml" => "Ä",
        "Ouml" => "Ö",
        "Uuml" => "Ü",
        "Ccedil" => "Ç",
        _ => return None,
    })
}

/// A numeric reference's character, unless it could move the cursor,
/// reorder text or break a line: those stay written as references.
fn numeric(code: u32) -> Option<char> {
    let c = char::from_u32(code)?;
    let unsafe_char = c.is_control()
        || matches!(
            c,
            '\u{200e}'
                | '\u{200f}'
                | '\u{061c}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{feff}'
        );
    let space = matches!(
        c,
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    );
    match (unsafe_char, space) {
        (_, true) => Some(' '),
        (true, _) => None,
        _ => Some(c),
    }
}

/// The reference starting at `s` (just after its `&`): what it reads as,
/// and its length up to and including the `;`.
fn reference(s: &str) -> Option<(Cow<'static, str>, usize)> {
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let body = &s[..end];
    let text = match body.strip_prefix('#') {
        Some(num) => {
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) if !hex.is_empty() => u32::from_str_radix(hex, 16).ok()?,
                Some(_) => return None,
                None if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => {
                    num.parse().ok()?
                }
                None => return None,
            };
            Cow::Owned(numeric(code)?.to_string())
        }
        None if body.bytes().all(|b| b.is_ascii_alphanumeric()) => Cow::Borrowed(named(body)?),
        None => return None,
    };
    Some((text, end + 1))
}

/// `s` with its character references decoded; others left as written.
pub(super) fn decode(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match reference(after) {
            Some((text, len)) => {
                out.push_str(&text);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn named_and_numeric_references() {
        assert_eq!(
            decode("&emsp;&emsp;A&amp;B &quot;x&quot; &#8220;y&#x201C; &hellip;"),
            "  A&B \"x\" “y“ …"
        );
        assert_eq!(decode("&nbsp;&ensp;&#160;&#x3000;z"), "    z");
    }

    #[test]
    fn unknown_broken_and_dangerous_references_stay_written() {
        for s in [
            "AT&T",
            "&bogus;",
            "&#;",
            "&#x;",
            "&#27;",
            "&#x1b;",
            "&#x202E;",
            "&#xD800;",
            "&#99999999999;",
            "& amp;",
            "&amp",
            "&#x85;",
        ] {
            assert_eq!(decode(s), s, "{s}");
        }
    }
}
