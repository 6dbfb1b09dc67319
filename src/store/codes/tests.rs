//! The codebook's own rules: paths, names per parent, nesting, colours,
//! recency and export GUIDs.

use super::*;

fn ids() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("00000000-0000-4000-8000-{n:012}")
    }
}

fn book(paths: &[&str]) -> Codebook {
    let mut b = Codebook::default();
    let mut next = ids();
    for p in paths {
        let id = next();
        for c in b.plan_create(p, id, &mut next).unwrap() {
            b.apply(&c).unwrap();
        }
    }
    b
}

#[test]
fn paths_make_their_parent_once() {
    let b = book(&["pricing/discounts", "pricing/list price", "timing"]);
    let names: Vec<String> = b.codes().iter().map(|c| b.path(&c.id).unwrap()).collect();
    assert_eq!(
        names,
        [
            "pricing",
            "pricing/discounts",
            "pricing/list price",
            "timing"
        ]
    );
    assert_eq!(b.find("Pricing/Discounts").unwrap().name, "discounts");
    assert_eq!(b.children(&b.find("pricing").unwrap().id).count(), 2);
}

#[test]
fn a_name_is_taken_once_per_parent() {
    let b = book(&["pricing", "timing/pricing"]);
    let err = b.plan_create("PRICING", "x".into(), || "y".into());
    assert_eq!(err, Err(CodeError::Exists("PRICING".into())));
    assert_eq!(
        b.plan_create("  ", "x".into(), || "y".into()),
        Err(CodeError::EmptyName)
    );
}

#[test]
fn codes_nest_one_level() {
    let mut b = book(&["a/b", "c"]);
    let (a, bb, c) = (
        b.find("a").unwrap().id.clone(),
        b.find("a/b").unwrap().id.clone(),
        b.find("c").unwrap().id.clone(),
    );
    let under_b = CodeChange::Reparent {
        id: c.clone(),
        parent: Some(bb),
    };
    assert_eq!(b.apply(&under_b), Err(CodeError::TooDeep("b".into())));
    let a_under_c = CodeChange::Reparent {
        id: a,
        parent: Some(c.clone()),
    };
    assert_eq!(b.apply(&a_under_c), Err(CodeError::HasChildren("a".into())));
    let c_under_a = CodeChange::Reparent {
        id: c.clone(),
        parent: Some(b.find("a").unwrap().id.clone()),
    };
    b.apply(&c_under_a).unwrap();
    assert_eq!(b.path(&c).unwrap(), "a/c");
}

#[test]
fn rename_and_colour() {
    let mut b = book(&["价格", "timing"]);
    let id = b.find("价格").unwrap().id.clone();
    let rename = CodeChange::Rename {
        id: id.clone(),
        name: "定价".into(),
    };
    b.apply(&rename).unwrap();
    assert_eq!(b.path(&id).unwrap(), "定价");
    let clash = CodeChange::Rename {
        id: id.clone(),
        name: "Timing".into(),
    };
    assert_eq!(b.apply(&clash), Err(CodeError::Exists("Timing".into())));
    let colour = |c: &str| CodeChange::Recolor {
        id: id.clone(),
        color: Some(c.into()),
    };
    b.apply(&colour("ff8800")).unwrap();
    assert_eq!(b.get(&id).unwrap().color.as_deref(), Some("#FF8800"));
    assert_eq!(
        b.apply(&colour("orange")),
        Err(CodeError::BadColor("orange".into()))
    );
}

#[test]
fn recent_codes_come_first() {
    let mut b = book(&["a", "b", "c"]);
    let used = |b: &Codebook, p: &str, when: &str| CodeChange::Used {
        id: b.find(p).unwrap().id.clone(),
        when: when.into(),
    };
    let (c, bb) = (
        used(&b, "c", "2026-01-02T00:00:00Z"),
        used(&b, "b", "2026-01-01T00:00:00Z"),
    );
    b.apply(&c).unwrap();
    b.apply(&bb).unwrap();
    let order: Vec<&str> = b.by_recency().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(order, ["c", "b", "a"]);
}

#[test]
fn export_guids_are_stable_and_kept_for_codes() {
    let g = guid_for("bookmark", "19a3-5c2f-1");
    assert_eq!(g, guid_for("bookmark", "19a3-5c2f-1"));
    assert_ne!(g, guid_for("source", "19a3-5c2f-1"));
    assert!(uuid::Uuid::parse_str(&g).is_ok());
    let code = new_id();
    assert_eq!(guid_for("code", &code), code);
}

#[test]
fn a_slash_in_a_renamed_name_does_not_make_a_path() {
    let mut b = book(&["a"]);
    let id = b.find("a").unwrap().id.clone();
    let rename = CodeChange::Rename {
        id: id.clone(),
        name: "x/y".into(),
    };
    b.apply(&rename).unwrap();
    assert_eq!(b.path(&id).unwrap(), "x∕y");
}
