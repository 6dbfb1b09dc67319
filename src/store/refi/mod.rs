//! REFI-QDA exchange: the codebook alone (`.qdc`, [`qdc`]) and a whole
//! project (`.qdpx`, [`qdpx`]), the formats QDA tools (NVivo, ATLAS.ti,
//! MAXQDA, QualCoder…) import and export; and here, the little XML writer
//! both share.
//!
//! The writer is a string builder rather than a crate: the two formats need
//! elements, attributes and text, nothing else, and escaping is the one
//! thing to get right. Everything written goes through the sanitiser first
//! (store text never went through the decoder), then any character XML 1.0
//! forbids is replaced, so a stored note cannot make the file unreadable.

pub mod qdc;
pub mod qdpx;
mod selections;
pub mod source;

pub use qdc::{ReadError, read_codes, write_qdc};
pub use qdpx::{ExportDoc, Exported, QdpxOptions, write_qdpx};

use super::codes::Codebook;
use crate::text;

/// The REFI-QDA namespaces.
pub const PROJECT_NS: &str = "urn:QDA-XML:project:1.0";
pub const CODEBOOK_NS: &str = "urn:QDA-XML:codebook:1.0";

/// An XML document being written: a declaration, then elements opened and
/// closed in order, indented by depth so the file reads well in a diff.
pub(crate) struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    pub(crate) fn new() -> Xml {
        Xml {
            out: String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"),
            depth: 0,
        }
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.extend(std::iter::repeat_n("  ", self.depth));
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape(&mut self.out, &text::sanitise(value), true);
            self.out.push('"');
        }
    }

    /// `<name a="v">`, and what follows is inside it.
    pub(crate) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    /// `<name a="v"/>`.
    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.out.push_str("/>\n");
    }

    pub(crate) fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.out.extend(std::iter::repeat_n("  ", self.depth));
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// `<name>text</name>`; the text keeps its line breaks.
    pub(crate) fn text(&mut self, name: &str, body: &str) {
        self.tag(name, &[]);
        self.out.push('>');
        escape(&mut self.out, &text::sanitise_lines(body), false);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// Append `s` escaped for XML text or (with `attr`) a double-quoted
/// attribute value. In an attribute, line breaks and tabs are written as
/// character references, which survive attribute-value normalisation. A
/// character XML 1.0 does not allow becomes U+FFFD; the sanitiser has
/// already shown the C0 controls, so only noncharacters are left to catch.
fn escape(out: &mut String, s: &str, attr: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\n' if attr => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attr => out.push_str("&#9;"),
            c if xml_char(c) => out.push(c),
            _ => out.push('\u{fffd}'),
        }
    }
}

/// MAXQDA keeps this many characters of a code's name and cuts the rest,
/// on import as when typing ("A code is a string with a maximum of 63
/// characters": its manual, The Code System).
pub const MAXQDA_NAME_CHARS: usize = 63;

/// The paths of the codes whose own name is longer than MAXQDA keeps, so
/// an export can say so before the user finds them cut.
pub fn too_long_for_maxqda(book: &Codebook) -> Vec<String> {
    book.codes()
        .iter()
        .filter(|c| c.name.chars().count() > MAXQDA_NAME_CHARS)
        .map(|c| book.path(&c.id).unwrap_or_else(|| c.name.clone()))
        .collect()
}

/// XML 1.0's `Char` production.
pub fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// Whether `s` is a GUID as REFI-QDA writes one: 8-4-4-4-12 hex digits,
/// optionally in braces.
pub fn is_guid(s: &str) -> bool {
    let bare = s
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .unwrap_or(s);
    let groups: Vec<&str> = bare.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A code's id as an export names it: the id itself when it is a GUID in
/// the written form, else a stable GUID made from it (a hand-edited
/// codebook may hold anything).
pub fn code_guid(id: &str) -> String {
    if is_guid(id) {
        return id.to_string();
    }
    let made = super::codes::guid_for("code", id);
    if is_guid(&made) {
        made
    } else {
        // guid_for keeps a GUID in another written form (32 bare digits,
        // `urn:uuid:`): write it in the hyphenated one.
        uuid::Uuid::parse_str(id).map_or(made, |u| u.hyphenated().to_string())
    }
}

/// Whether `s` is an `xsd:dateTime` as tread writes them (RFC 3339 with a
/// zone or none): a malformed `created` in a hand-edited store is left out
/// rather than written into an invalid file.
pub fn is_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|d| d.len() == r.len() && d.iter().all(u8::is_ascii_digit))
    };
    let shape = b.len() >= 19
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    if !shape {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    let zone = rest.is_empty()
        || rest == "Z"
        || (rest.len() == 6
            && matches!(rest.as_bytes()[0], b'+' | b'-')
            && rest.as_bytes()[3] == b':'
            && rest[1..3].bytes().all(|d| d.is_ascii_digit())
            && rest[4..6].bytes().all(|d| d.is_ascii_digit()));
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(99);
    zone && (1..=12).contains(&num(5..7))
        && (1..=31).contains(&num(8..10))
        && num(11..13) < 24
        && num(14..16) < 60
        && num(17..19) < 60
}

/// A quote cut short for a selection's name: one line, at most `max`
/// characters, `…` where it was cut.
pub fn short(quote: &str, max: usize) -> String {
    let line = text::one_line(quote);
    if line.chars().count() <= max {
        return line;
    }
    let mut cut: String = line.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_and_controls_never_written() {
        let mut x = Xml::new();
        x.open("A", &[("name", "a \"b\" <c> & d\ne\u{1b}\u{ffff}")]);
        x.text("D", "x < y & z\n\u{7}ok\u{fffe}\r");
        x.close("A");
        let s = x.finish();
        assert!(
            s.contains(r#"name="a &quot;b&quot; &lt;c&gt; &amp; d␊e␛�""#),
            "{s}"
        );
        assert!(s.contains("<D>x &lt; y &amp; z\n␇ok�␍</D>"), "{s}");
        assert!(
            s.chars().all(|c| xml_char(c) && (c >= ' ' || c == '\n')),
            "{s:?}"
        );
        roxmltree::Document::parse(&s).unwrap();
    }

    #[test]
    fn guids_and_dates_in_the_forms_the_schema_takes() {
        assert!(is_guid("0a1b2c3d-0000-4000-8000-00000000000f"));
        assert!(is_guid("{0A1B2C3D-0000-4000-8000-00000000000F}"));
        assert!(!is_guid("0a1b2c3d00004000800000000000000f"));
        assert!(!is_guid("0a1b2c3d-0000-4000-8000-00000000000g"));
        let bare = "0a1b2c3d00004000800000000000000f";
        assert_eq!(code_guid(bare), "0a1b2c3d-0000-4000-8000-00000000000f");
        assert!(is_guid(&code_guid("pricing")));
        assert!(is_datetime("2026-05-01T12:34:56Z"));
        assert!(is_datetime("2026-05-01T12:34:56.250+02:00"));
        assert!(!is_datetime("2026-13-01T12:34:56Z"));
        assert!(!is_datetime("yesterday"));
        assert!(!is_datetime("2026-05-01 12:34:56Z"));
    }

    #[test]
    fn names_are_cut_to_one_short_line() {
        assert_eq!(short("one\ntwo", 20), "one two");
        assert_eq!(short("abcdefghij", 5), "abcd…");
        assert_eq!(short("开场白结束。\n就在刚刚", 6), "开场白结束…");
    }
}
