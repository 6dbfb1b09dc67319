//! The lossless invariant: every non-blank source line is owned by some part
//! of the document, and its content is actually there.

use crate::transcript::model::Document;

/// Characters that carry structure rather than content. A line made only of
/// these (and whitespace) is *pure structure*: `---`, a lone `"`, `***`,
/// `===`, `## ` and the like need no owner. In an owned line they are ignored
/// when looking for the line's content in its owner, because the parser strips
/// them as markup: label colons, `**` bold, `#` and `■` heading marks, `1.` and
/// `一、` number punctuation, the brackets around timestamps and the `――`
/// interviewer mark, quotes around the body and front matter values, list
/// dashes, Markdown backslash escapes and the ` / ` between metadata entries.
pub fn is_structural(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '\''
                | '*'
                | '#'
                | ':'
                | '['
                | ']'
                | '('
                | ')'
                | '.'
                | '-'
                | '_'
                | '='
                | '>'
                | '|'
                | '~'
                | '/'
                | '\\'
                | '`'
                | '：'
                | '（'
                | '）'
                | '、'
                | '．'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '—'
                | '―'
                | '─'
                | '–'
                | '■'
                | '◆'
                | '▍'
                | '▌'
                | '●'
                | '▶'
                | '\u{feff}'
        )
}

/// Whether a line is pure structure (see [`is_structural`]).
pub fn is_structure(line: &str) -> bool {
    line.chars().all(is_structural)
}

/// Verify that `doc` is a lossless parse of `text`.
///
/// Every non-blank line (1-based) that is not pure structure must be owned by
/// exactly one of: the title line, the [`Meta`](crate::transcript::Meta)
/// entries of that line, a section heading line, a turn's `line..=end_line`,
/// or a trailer line. Its non-structural characters must appear, in order, in
/// its owner's text (the title; the keys and values of that line's metadata;
/// the heading's number and title; the speaker then paragraphs of a turn,
/// continuing where the turn's previous line matched; the trailer text). On a
/// turn's first line, when the turn has a time, the timestamp (the first run
/// of digits, `:`, `.` and `,` containing a colon) is structure too. On a
/// turn's later lines, a label before the first colon may name the turn's
/// speaker again (its characters are matched against the speaker's name).
/// Turns must be in order and must not overlap. The lines under a metadata
/// line that nothing else owns (a front matter block scalar's) are that
/// metadata's, and their content must continue in its value.
///
/// `text` is checked as the parser reads it: when it is a transcript laid
/// out by pdftotext, its margin line numbers, page headers and footers and
/// form feeds are removed first (every line keeping its number), as
/// [`parse`](super::parse) removes them.
pub fn check_lossless(text: &str, doc: &Document) -> Result<(), String> {
    let text = &*super::pages::strip(text);
    let lines: Vec<&str> = text.lines().collect();
    let n = lines.len();
    let mut owner = vec![usize::MAX; n + 1];
    let mut hays: Vec<String> = Vec::new();
    let mut timed_first = vec![false; n + 1];
    // A turn's later lines may carry its speaker's label again (the same
    // speaker labelled twice in a row is one turn): the speaker's name per
    // owner, and each turn's first line.
    let mut names: Vec<Option<&str>> = Vec::new();
    let mut turn_first = vec![false; n + 1];
    let claim = |line: usize, id: usize, what: &str, owner: &mut Vec<usize>| {
        if line == 0 || line > n {
            return Err(format!("{what} claims line {line}, outside 1..={n}"));
        }
        if owner[line] != usize::MAX && owner[line] != id {
            return Err(format!("line {line} is claimed twice (again by {what})"));
        }
        owner[line] = id;
        Ok(())
    };

    match (&doc.title, doc.title_line) {
        (Some(title), Some(line)) => {
            claim(line, hays.len(), "the title", &mut owner)?;
            hays.push(title.clone());
        }
        (None, Some(line)) => return Err(format!("title_line {line} without a title")),
        _ => {}
    }
    let mut meta_line = None;
    let first_meta = hays.len();
    for m in &doc.metadata {
        if meta_line != Some(m.line) {
            meta_line = Some(m.line);
            hays.push(String::new());
        }
        let id = hays.len() - 1;
        claim(m.line, id, "metadata", &mut owner)?;
        hays[id].push_str(&m.key);
        hays[id].push_str(&m.value);
    }
    let metas = first_meta..hays.len();
    let mut prev_end = 0;
    for s in &doc.sections {
        if let Some(line) = s.line {
            claim(line, hays.len(), "a heading", &mut owner)?;
            hays.push(format!(
                "{}{}",
                s.number.as_deref().unwrap_or(""),
                s.title.as_deref().unwrap_or("")
            ));
        }
        for t in &s.turns {
            if t.line > t.end_line || t.line <= prev_end {
                return Err(format!(
                    "turn {}..={} overlaps or precedes the turn ending at {prev_end}",
                    t.line, t.end_line
                ));
            }
            prev_end = t.end_line;
            let id = hays.len();
            for line in t.line..=t.end_line {
                claim(line, id, "a turn", &mut owner)?;
            }
            if t.time.is_some() {
                timed_first[t.line] = true;
            }
            turn_first[t.line] = true;
            names.resize(id, None);
            names.push(t.speaker.as_deref());
            let mut hay = t.speaker.clone().unwrap_or_default();
            for p in &t.paragraphs {
                hay.push_str(p);
            }
            hays.push(hay);
        }
    }
    for t in &doc.trailer {
        claim(t.line, hays.len(), "the trailer", &mut owner)?;
        hays.push(t.text.clone());
    }

    let mut under = None;
    for (no, line) in lines.iter().enumerate().map(|(i, l)| (i + 1, l)) {
        if owner[no] != usize::MAX {
            under = metas.contains(&owner[no]).then_some(owner[no]);
        } else if is_structure(line) {
            // Only a delimiter ends the block: a block scalar's value can
            // hold other markup-only lines (`` `--- ``, `***`), which the
            // header keeps in the value. Lines owned this way must still
            // be found in that value, so nothing can hide here.
            if matches!(line.trim(), "---" | "...") {
                under = None;
            }
        } else if let Some(id) = under {
            owner[no] = id;
        }
    }

    let mut cursor = vec![0usize; hays.len()];
    for (i, line) in lines.iter().enumerate() {
        let no = i + 1;
        let skip = if timed_first[no] {
            timestamp_range(line)
        } else {
            0..0
        };
        let mut needle = line
            .char_indices()
            .filter(|(b, c)| !is_structural(*c) && !skip.contains(b))
            .peekable();
        if needle.peek().is_none() {
            continue;
        }
        let id = owner[no];
        let Some(hay) = hays.get(id) else {
            return Err(format!("line {no} is owned by nothing: {line:?}"));
        };
        let again = names.get(id).copied().flatten().filter(|_| !turn_first[no]);
        // The label ends at its colon, or after the name itself (`Q   …`).
        let label_end = again
            .and_then(|name| {
                let bare = line.trim_start();
                let at = line.len() - bare.len();
                match bare.strip_prefix(name) {
                    Some(_) => Some(at + name.len()),
                    None => line.find([':', '：']),
                }
            })
            .filter(|&e| e <= 160);
        let mut name = again.unwrap_or("").chars();
        let mut rest = hay[cursor[id]..].char_indices();
        for (b, c) in needle {
            if label_end.is_some_and(|e| b < e) && name.any(|h| h == c) {
                continue;
            }
            if !rest.any(|(_, h)| h == c) {
                return Err(format!(
                    "line {no}: {c:?} of {line:?} is missing from its owner {hay:?}"
                ));
            }
        }
        cursor[id] = hay.len() - rest.as_str().len();
    }
    Ok(())
}

/// Byte range of the first timestamp-like run in `line`.
fn timestamp_range(line: &str) -> std::ops::Range<usize> {
    let is_ts = |c: char| c.is_ascii_digit() || matches!(c, ':' | '.' | ',');
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (start, is_ts(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) if line[s..i].contains(':') => return s..i,
            (Some(_), false) => start = None,
            _ => {}
        }
    }
    match start {
        Some(s) if line[s..].contains(':') => s..line.len(),
        _ => 0..0,
    }
}
