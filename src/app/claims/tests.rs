//! The ledger's keys through `update`: statuses, the status filter and
//! hiding, the note and sources, `o`, `+`, and the ledger reported back.

use super::Item;
use crate::app::action::{Action, EditKey, Effect, Report, Target};
use crate::app::keymap::Keymap;
use crate::app::state::{Overlay, State};
use crate::app::update::update;
use crate::store::ledger::{Edit, Entries, Status};
use crate::transcript::{LoadOptions, load};

const TALK: &str = "ANNA: Sales grew 40% last year. That is a lot.\n\n\
BEN: We expect revenue to double by 2027. I agree.\n\n\
ANNA: Costs fell 12% in March. Thanks, Ben.\n";

fn state() -> State {
    let doc = load(TALK.as_bytes(), &LoadOptions::default()).unwrap();
    let mut s = State::new(doc, "talk.txt", Keymap::default_keymap());
    update(&mut s, Action::Clock(1_700_000_000));
    assert!(s.claims().view().len() >= 3, "{:?}", s.doc().claims);
    s
}

fn typed(s: &mut State, text: &str) -> Option<Effect> {
    let mut last = None;
    for c in text.chars() {
        last = update(s, Action::Edit(EditKey::Char(c)));
    }
    last.or_else(|| update(s, Action::Edit(EditKey::Submit)))
}

#[test]
fn a_status_key_makes_the_claims_entry_then_changes_it() {
    let mut s = state();
    let n = s.claims().view().len();
    let first = update(&mut s, Action::ClaimStatus(Status::Checked));
    let Some(Effect::Ledger(Edit::Add(entry))) = first else {
        panic!("{first:?}");
    };
    assert_eq!(entry.status.value, Status::Checked);
    assert_eq!(s.claims().status_of(Item::Claim(0)), Status::Checked);
    assert_eq!(s.message(), Some("claim marked checked"));
    assert_eq!(
        s.claims().book().progress().label(),
        format!("1/{n} checked")
    );
    // The entry exists now: the next key changes it by its id.
    let again = update(&mut s, Action::ClaimStatus(Status::Disputed));
    assert_eq!(
        again,
        Some(Effect::Ledger(Edit::Status {
            id: entry.id.clone(),
            status: Status::Disputed
        }))
    );
    assert_eq!(s.claims().status_of(Item::Claim(0)), Status::Disputed);
    assert_eq!(
        s.claims().book().progress().label(),
        format!("1/{n} checked")
    );
    update(&mut s, Action::ClaimStatus(Status::NeedsSource));
    assert_eq!(
        s.claims().book().progress().label(),
        format!("0/{n} checked")
    );
}

#[test]
fn not_a_claim_hides_it_and_the_last_filter_shows_it_again() {
    let mut s = state();
    let n = s.claims().view().len();
    update(&mut s, Action::ClaimStatus(Status::NotAClaim));
    assert_eq!(s.claims().view().len(), n - 1, "hidden");
    assert!(s.message().unwrap().contains("hidden"));
    assert_eq!(s.claims().book().progress().total(), n - 1);
    // Cycle to "not a claim": the hidden one alone.
    for _ in 0..Status::ALL.len() {
        update(&mut s, Action::FilterStatus);
    }
    assert_eq!(s.claims().book().only(), Some(Status::NotAClaim));
    assert_eq!(s.claims().view(), &[0]);
    assert_eq!(s.message(), Some("claims: only not a claim"));
    // Another status brings it back to the list.
    update(&mut s, Action::ClaimStatus(Status::Unchecked));
    update(&mut s, Action::FilterStatus);
    assert_eq!(s.claims().book().only(), None);
    assert_eq!(s.claims().view().len(), n);
}

#[test]
fn the_status_filter_lists_one_status_at_a_time() {
    let mut s = state();
    update(&mut s, Action::Click(Target::Claim(1)));
    assert_eq!(s.claims().selected(), 1);
    update(&mut s, Action::ClaimStatus(Status::False));
    update(&mut s, Action::FilterStatus);
    assert_eq!(s.claims().book().only(), Some(Status::Unchecked));
    assert!(!s.claims().view().contains(&1));
    for _ in 0..3 {
        update(&mut s, Action::FilterStatus);
    }
    assert_eq!(s.claims().book().only(), Some(Status::False));
    assert_eq!(s.claims().view(), &[1]);
    assert_eq!(s.claims().selected_sentence(), s.claims().sentence_of(1));
}

#[test]
fn the_note_and_a_source_go_through_the_line_editor_and_o_opens_it() {
    let mut s = state();
    assert_eq!(update(&mut s, Action::OpenSource), None);
    assert_eq!(s.message(), Some("this claim has no source URL to open"));
    update(&mut s, Action::ClaimNote);
    assert!(matches!(s.overlay(), Some(Overlay::Claim(e)) if !e.source));
    let Some(Effect::Ledger(Edit::Add(entry))) = typed(&mut s, "see the annual report") else {
        panic!("no entry made");
    };
    assert_eq!(entry.note.value, "see the annual report");
    assert!(s.overlay().is_none());
    update(&mut s, Action::ClaimSource);
    let added = typed(&mut s, "https://example.org/report");
    assert_eq!(
        added,
        Some(Effect::Ledger(Edit::AddSource {
            id: entry.id.clone(),
            source: "https://example.org/report".into()
        }))
    );
    let e = s.claims().book().entry(&entry.id).unwrap();
    assert_eq!(e.note(), "see the annual report");
    assert_eq!(
        update(&mut s, Action::OpenSource),
        Some(Effect::OpenUrl("https://example.org/report".into()))
    );
    // Esc leaves the editor and changes nothing.
    update(&mut s, Action::ClaimNote);
    assert_eq!(update(&mut s, Action::Edit(EditKey::Cancel)), None);
    assert!(s.overlay().is_none());
}

#[test]
fn plus_adds_the_sentence_as_a_claim_by_hand() {
    let mut s = state();
    let n = s.claims().view().len();
    // "That is a lot." is no claim the detector finds.
    update(&mut s, Action::NextSentence);
    assert!(s.claims().sentences().binary_search(&s.cursor()).is_err());
    let Some(Effect::Ledger(Edit::Add(entry))) = update(&mut s, Action::AddClaim) else {
        panic!("nothing added");
    };
    assert!(entry.by_hand);
    assert_eq!(entry.quote, "That is a lot.");
    assert_eq!(s.claims().view().len(), n + 1);
    let extra = s.claims().book().extra();
    assert_eq!(extra.len(), 1);
    assert_eq!(extra[0].sentence, Some(s.cursor()));
    // Listed in document order: right after the first claim.
    assert_eq!(s.claims().item(1), Some(Item::Extra(0)));
    // On a detected claim, `+` says so.
    update(&mut s, Action::PrevSentence);
    assert_eq!(update(&mut s, Action::AddClaim), None);
    assert!(s.message().unwrap().contains("already"));
}

#[test]
fn the_ledger_reported_by_the_shell_replaces_the_one_shown() {
    let mut s = state();
    let Some(Effect::Ledger(edit)) = update(&mut s, Action::ClaimStatus(Status::Checked)) else {
        panic!();
    };
    let mut other = Entries::default();
    other.apply(&edit, 5);
    let id = edit.id().to_string();
    other.apply(
        &Edit::Status {
            id,
            status: Status::False,
        },
        9,
    );
    update(&mut s, Report::Ledger(other));
    assert_eq!(s.claims().status_of(Item::Claim(0)), Status::False);
    update(&mut s, Report::Ledger(Entries::default()));
    assert_eq!(s.claims().status_of(Item::Claim(0)), Status::Unchecked);
}
