//! Tests of the keyword tables and their filters: no filter hides an entry.

use super::*;

/// The bitmap filters must never hide an entry, whatever surrounds it.
#[test]
fn every_cue_is_found_in_running_text() {
    for &(pat, kw) in TABLE {
        let Kw::Is(cue) = kw else { continue };
        for text in [
            format!("我们说{pat}。"),
            pat.to_string(),
            format!("so {pat} here"),
            format!("So {} here", pat.to_uppercase()),
        ] {
            let mut out = Vec::new();
            super::super::scan(&text, &mut out);
            assert!(
                out.iter().any(|s| s.cue == cue),
                "{pat:?} missed in {text:?}"
            );
        }
    }
}

/// [`trigram`] reads three bytes of every ASCII entry.
#[test]
fn ascii_entries_have_three_bytes_at_least() {
    for &(pat, _) in TABLE.iter().filter(|(p, _)| p.is_ascii()) {
        assert!(pat.len() >= 3, "{pat:?}");
    }
}
