//! The paths a Rust source file names, for `tests/layers.rs`: a small
//! tokenizer that skips comments and string and character literals, and a
//! reader of paths in `use` items and in code, with `crate::`, `self::` and
//! `super::` resolved against the file's module (inline `mod x { … }`
//! blocks counted) and `{…}` groups expanded into one path per member.

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    PathSep,
    Open,
    Close,
    Comma,
    Star,
    Other,
}

/// Rust source as tokens, without comments, string and character literals.
fn tokens(src: &str) -> Vec<Tok> {
    let b: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i = skip_block_comment(&b, i);
        } else if let Some(end) = raw_string_at(&b, i) {
            i = end;
        } else if c == '"' {
            i = quoted_end(&b, i, '"');
        } else if c == '\'' {
            // A char literal ('a', '\n', '\u{1F600}') or a lifetime ('a).
            match b.get(i + 1..i + 3) {
                Some(['\\', _]) => i = quoted_end(&b, i, '\''),
                Some([_, '\'']) => i += 3,
                _ => i += 1,
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
                i += 1;
            }
            let word: String = b[start..i].iter().collect();
            // `b"…"`: the prefix is not a name.
            if !(word == "b" && b.get(i) == Some(&'"')) {
                out.push(Tok::Ident(word));
            }
        } else {
            out.push(match c {
                ':' if next == Some(':') => {
                    i += 1;
                    Tok::PathSep
                }
                '{' => Tok::Open,
                '}' => Tok::Close,
                ',' => Tok::Comma,
                '*' => Tok::Star,
                c if c.is_whitespace() => {
                    i += 1;
                    continue;
                }
                _ => Tok::Other,
            });
            i += 1;
        }
    }
    out
}

fn skip_block_comment(b: &[char], mut i: usize) -> usize {
    let mut depth = 0;
    while i < b.len() {
        if b[i] == '/' && b.get(i + 1) == Some(&'*') {
            depth += 1;
            i += 2;
        } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    i
}

/// The index after a literal opened by `quote` at `i`, escapes honoured.
fn quoted_end(b: &[char], mut i: usize, quote: char) -> usize {
    i += 1;
    while i < b.len() && b[i] != quote {
        i += if b[i] == '\\' { 2 } else { 1 };
    }
    i + 1
}

/// The index after a raw string (`r"…"`, `r#"…"#`, `br"…"`) starting at
/// `i`, if one does.
fn raw_string_at(b: &[char], mut i: usize) -> Option<usize> {
    if b[i] == 'b' && b.get(i + 1) == Some(&'r') {
        i += 1;
    }
    if b[i] != 'r' {
        return None;
    }
    let hashes = b[i + 1..].iter().take_while(|&&c| c == '#').count();
    let open = i + 1 + hashes;
    if b.get(open) != Some(&'"') {
        return None;
    }
    let mut j = open + 1;
    while j < b.len() {
        if b[j] == '"'
            && b[j + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == '#')
                .count()
                == hashes
        {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
    Some(b.len())
}

/// Every path the tokens name, as segments from the crate root (for
/// `crate::`, `super::`, `self::` paths; inline `mod x { … }` blocks
/// counted) or as written (an external crate, or a name in scope).
/// `module` is the file's own module path, `["app", "lines"]`.
pub fn paths(src: &str, module: &[String]) -> Vec<Vec<String>> {
    let toks = &tokens(src);
    let mut out = Vec::new();
    // Inline modules open inside this file: (name, brace depth at open).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            Tok::Ident(w) if w == "mod" => {
                if let (Some(Tok::Ident(name)), Some(Tok::Open)) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    inline.push((name.clone(), depth));
                    depth += 1;
                    i += 3;
                    continue;
                }
            }
            // A path starts at a name not preceded by `name::` (that is the
            // middle of a path already read); `::ratatui` is an external one.
            Tok::Ident(_) if !after_name(toks, i) => {
                let here: Vec<String> = module
                    .iter()
                    .cloned()
                    .chain(inline.iter().map(|(n, _)| n.clone()))
                    .collect();
                let (found, end) = read_path(toks, i, &here);
                out.extend(found);
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The path (or paths, for a `{…}` group) starting at token `i`, resolved
/// against module `here`; and the index after it.
fn read_path(toks: &[Tok], mut i: usize, here: &[String]) -> (Vec<Vec<String>>, usize) {
    let mut prefix: Vec<String> = Vec::new();
    let mut rooted = false;
    while let Some(Tok::Ident(w)) = toks.get(i) {
        match w.as_str() {
            "crate" if prefix.is_empty() && !rooted => rooted = true,
            "self" if prefix.is_empty() && !rooted => {
                rooted = true;
                prefix = here.to_vec();
            }
            "super" if prefix.is_empty() || (rooted && is_super_chain(toks, i)) => {
                if !rooted {
                    rooted = true;
                    prefix = here.to_vec();
                }
                prefix.pop();
            }
            _ => prefix.push(w.clone()),
        }
        i += 1;
        if toks.get(i) != Some(&Tok::PathSep) {
            return (vec![mark(prefix, rooted)], i);
        }
        i += 1;
        if toks.get(i) == Some(&Tok::Open) {
            return read_group(toks, i, prefix, rooted, here);
        }
        if toks.get(i) == Some(&Tok::Star) {
            // A glob names everything below: `crate::*` names every layer.
            prefix.push("*".to_string());
            return (vec![mark(prefix, rooted)], i + 1);
        }
        if toks.get(i) == Some(&Tok::Other) {
            // `path::<T>`: the path so far is what is named.
            return (vec![mark(prefix, rooted)], i);
        }
    }
    (vec![mark(prefix, rooted)], i)
}

/// Whether token `i` follows `name::`.
fn after_name(toks: &[Tok], i: usize) -> bool {
    i >= 2 && toks[i - 1] == Tok::PathSep && matches!(toks[i - 2], Tok::Ident(_))
}

fn is_super_chain(toks: &[Tok], i: usize) -> bool {
    i >= 2 && toks[i - 1] == Tok::PathSep && toks[i - 2] == Tok::Ident("super".into())
}

/// `{a, b::c, d::{e}}` after `prefix::`, each member a path of its own.
fn read_group(
    toks: &[Tok],
    mut i: usize,
    prefix: Vec<String>,
    rooted: bool,
    here: &[String],
) -> (Vec<Vec<String>>, usize) {
    let mut out = Vec::new();
    i += 1;
    while i < toks.len() && toks[i] != Tok::Close {
        match &toks[i] {
            Tok::Ident(w) if w == "self" => {
                out.push(mark(prefix.clone(), rooted));
                i += 1;
            }
            Tok::Ident(_) => {
                // Members resolve against the group's prefix, not the module.
                let (found, end) = read_path(toks, i, here);
                for f in found {
                    let tail = f
                        .strip_prefix(&[ROOT.to_string()][..])
                        .unwrap_or(&f)
                        .to_vec();
                    let mut p = prefix.clone();
                    p.extend(tail);
                    out.push(mark(p, rooted));
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    (out, i + 1)
}

/// Paths from the crate root are marked by a leading `crate` segment.
pub const ROOT: &str = "crate";

fn mark(mut p: Vec<String>, rooted: bool) -> Vec<String> {
    if rooted {
        p.insert(0, ROOT.to_string());
    }
    p
}
