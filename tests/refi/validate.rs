//! A test-only XML Schema validator for the subset of XSD the two REFI-QDA
//! schemas use, over roxmltree, so `cargo test` validates every export
//! with nothing installed.
//!
//! Why not the `xmlschema` crate (0.0.14): fed deliberately broken
//! projects, it caught missing required attributes, bad GUID patterns,
//! elements out of order, unknown elements, bad dateTimes and integers,
//! but accepted a project in no namespace or the wrong one, attributes the
//! schema does not declare, and text inside element-only content. Those
//! are the mistakes a hand-written exporter makes, so this validator
//! checks them too.
//!
//! Supported, and anything else in a schema is refused when it is loaded
//! (so nothing is skipped silently): top-level `element`, named
//! `complexType` with one `sequence` or `choice` (nested, with
//! `minOccurs`/`maxOccurs`) of local `element`s with a named `type`, and
//! `attribute`s with `use="required"`; named `simpleType` as a
//! `restriction` with `pattern`s or `enumeration`s; the built-in types
//! `string`, `token`, `boolean`, `integer`, `decimal`, `date`, `dateTime`.
//! `annotation` is ignored. Instances: elements must be in the target
//! namespace (`elementFormDefault="qualified"`), attributes in none
//! (except `xsi:*`).

#![allow(dead_code)]

use std::collections::{BTreeSet, HashMap};

use regex::Regex;
use roxmltree::Node;

const XSD: &str = "http://www.w3.org/2001/XMLSchema";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

pub struct Schema {
    ns: String,
    roots: HashMap<String, String>,
    complex: HashMap<String, Complex>,
    simple: HashMap<String, Simple>,
}

#[derive(Debug, Clone)]
enum Particle {
    Element {
        name: String,
        ty: String,
        min: usize,
        max: usize,
    },
    Group {
        choice: bool,
        items: Vec<Particle>,
        min: usize,
        max: usize,
    },
}

struct Complex {
    content: Option<Particle>,
    /// name → (type, required)
    attrs: HashMap<String, (String, bool)>,
}

struct Simple {
    base: String,
    patterns: Vec<Regex>,
    enums: Vec<String>,
}

fn xsd_children<'a, 'i>(n: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children()
        .filter(|c| c.is_element() && c.tag_name().name() != "annotation")
        .inspect(|c| assert_eq!(c.tag_name().namespace(), Some(XSD), "not XSD: {c:?}"))
}

fn occurs(n: Node, attr: &str) -> usize {
    match n.attribute(attr) {
        None => 1,
        Some("unbounded") => usize::MAX,
        Some(v) => v.parse().expect("an occurrence count"),
    }
}

/// A type name without its prefix (`xsd:string` → `xsd:string` kept for
/// built-ins, `GUIDType` as it is).
fn type_name(n: Node, v: &str) -> String {
    match v.split_once(':') {
        Some((prefix, local)) if n.lookup_namespace_uri(Some(prefix)) == Some(XSD) => {
            format!("xsd:{local}")
        }
        Some((_, local)) => local.to_string(),
        None => v.to_string(),
    }
}

impl Schema {
    pub fn parse(text: &str) -> Schema {
        let doc = roxmltree::Document::parse(text).expect("a schema that parses");
        let root = doc.root_element();
        assert_eq!(root.attribute("elementFormDefault"), Some("qualified"));
        let mut s = Schema {
            ns: root
                .attribute("targetNamespace")
                .expect("a target namespace")
                .to_string(),
            roots: HashMap::new(),
            complex: HashMap::new(),
            simple: HashMap::new(),
        };
        for n in xsd_children(root) {
            let name = n
                .attribute("name")
                .expect("a named top-level item")
                .to_string();
            match n.tag_name().name() {
                "element" => {
                    let ty = type_name(n, n.attribute("type").expect("an element type"));
                    s.roots.insert(name, ty);
                }
                "complexType" => {
                    s.complex.insert(name, complex(n));
                }
                "simpleType" => {
                    s.simple.insert(name, simple(n));
                }
                other => panic!("unsupported top-level xsd:{other}"),
            }
        }
        s
    }

    /// Every problem with `xml`, empty when it is valid.
    pub fn check(&self, xml: &str) -> Vec<String> {
        let doc = match roxmltree::Document::parse(xml) {
            Ok(d) => d,
            Err(e) => return vec![format!("not well-formed: {e}")],
        };
        let root = doc.root_element();
        let mut errors = Vec::new();
        match self.roots.get(root.tag_name().name()) {
            Some(ty) => self.element(root, ty, &mut errors),
            None => errors.push(format!("no top-level element <{}>", root.tag_name().name())),
        }
        errors
    }

    fn element(&self, n: Node, ty: &str, errors: &mut Vec<String>) {
        let here = format!(
            "<{}> (line {})",
            n.tag_name().name(),
            n.document().text_pos_at(n.range().start).row
        );
        if n.tag_name().namespace() != Some(self.ns.as_str()) {
            errors.push(format!(
                "{here}: in namespace {:?}, not {}",
                n.tag_name().namespace(),
                self.ns
            ));
        }
        let Some(c) = self.complex.get(ty) else {
            // Simple content: no child elements, a valid value.
            if n.children().any(|c| c.is_element()) {
                errors.push(format!("{here}: elements inside a {ty}"));
            }
            if n.attributes().any(|a| a.namespace() != Some(XSI)) {
                errors.push(format!("{here}: attributes on a {ty}"));
            }
            self.value(ty, n.text().unwrap_or(""), &here, errors);
            return;
        };
        for a in n.attributes() {
            if a.namespace() == Some(XSI) {
                continue;
            }
            match (a.namespace(), c.attrs.get(a.name())) {
                (None, Some((aty, _))) => {
                    self.value(aty, a.value(), &format!("{here} @{}", a.name()), errors)
                }
                _ => errors.push(format!("{here}: undeclared attribute {}", a.name())),
            }
        }
        for (name, (_, required)) in &c.attrs {
            if *required && n.attribute(name.as_str()).is_none() {
                errors.push(format!("{here}: missing required attribute {name}"));
            }
        }
        if n.children()
            .any(|k| k.is_text() && !k.text().unwrap_or("").trim().is_empty())
        {
            errors.push(format!("{here}: text inside element-only content"));
        }
        let kids: Vec<Node> = n.children().filter(|k| k.is_element()).collect();
        let names: Vec<&str> = kids.iter().map(|k| k.tag_name().name()).collect();
        let fits = match &c.content {
            None => names.is_empty(),
            Some(p) => ends(p, &names, 0).contains(&names.len()),
        };
        if !fits {
            errors.push(format!(
                "{here}: children {names:?} do not fit its content model"
            ));
        }
        let mut types = HashMap::new();
        if let Some(p) = &c.content {
            declared(p, &mut types);
        }
        for k in kids {
            match types.get(k.tag_name().name()) {
                Some(kty) => self.element(k, kty, errors),
                None => errors.push(format!("{here}: unknown element <{}>", k.tag_name().name())),
            }
        }
    }

    fn value(&self, ty: &str, v: &str, here: &str, errors: &mut Vec<String>) {
        if let Some(s) = self.simple.get(ty) {
            let collapsed = v.split_whitespace().collect::<Vec<_>>().join(" ");
            self.value(&s.base, &collapsed, here, errors);
            if !s.patterns.is_empty() && !s.patterns.iter().any(|p| p.is_match(&collapsed)) {
                errors.push(format!("{here}: {v:?} does not match {ty}'s pattern"));
            }
            if !s.enums.is_empty() && !s.enums.contains(&collapsed) {
                errors.push(format!("{here}: {v:?} is not one of {ty}'s values"));
            }
            return;
        }
        let t = v.trim();
        let ok = match ty {
            "xsd:string" | "xsd:token" => true,
            "xsd:boolean" => matches!(t, "true" | "false" | "1" | "0"),
            "xsd:integer" => re(r"[+-]?[0-9]+").is_match(t),
            "xsd:decimal" => re(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)").is_match(t),
            "xsd:date" => re(&format!("{DATE}{ZONE}")).is_match(t),
            "xsd:dateTime" => re(&format!("{DATE}T{TIME}{ZONE}")).is_match(t),
            other => panic!("unsupported type {other}"),
        };
        if !ok {
            errors.push(format!("{here}: {v:?} is not a valid {ty}"));
        }
    }
}

const DATE: &str = r"-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";
const TIME: &str = r"([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?";
const ZONE: &str = r"(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?";

/// An XSD pattern or a type's lexical form: matched whole.
fn re(p: &str) -> Regex {
    Regex::new(&format!("^(?:{p})$")).expect("a pattern the regex crate reads")
}

fn complex(n: Node) -> Complex {
    let mut c = Complex {
        content: None,
        attrs: HashMap::new(),
    };
    for k in xsd_children(n) {
        match k.tag_name().name() {
            "sequence" | "choice" => {
                assert!(c.content.is_none(), "one model group per type");
                c.content = Some(particle(k));
            }
            "attribute" => {
                let name = k.attribute("name").expect("a named attribute").to_string();
                let ty = type_name(k, k.attribute("type").expect("an attribute type"));
                let required = match k.attribute("use") {
                    None | Some("optional") => false,
                    Some("required") => true,
                    Some(other) => panic!("unsupported use={other}"),
                };
                c.attrs.insert(name, (ty, required));
            }
            other => panic!("unsupported xsd:{other} in a complexType"),
        }
    }
    c
}

fn particle(n: Node) -> Particle {
    let (min, max) = (occurs(n, "minOccurs"), occurs(n, "maxOccurs"));
    match n.tag_name().name() {
        "element" => {
            assert!(
                n.attribute("ref").is_none(),
                "element refs are not supported"
            );
            Particle::Element {
                name: n.attribute("name").expect("a named element").to_string(),
                ty: type_name(
                    n,
                    n.attribute("type")
                        .expect("local elements have a named type"),
                ),
                min,
                max,
            }
        }
        kind @ ("sequence" | "choice") => Particle::Group {
            choice: kind == "choice",
            items: xsd_children(n).map(particle).collect(),
            min,
            max,
        },
        other => panic!("unsupported xsd:{other} in a model group"),
    }
}

fn simple(n: Node) -> Simple {
    let r = xsd_children(n).next().expect("a restriction");
    assert_eq!(
        r.tag_name().name(),
        "restriction",
        "only restrictions are supported"
    );
    let mut s = Simple {
        base: type_name(r, r.attribute("base").expect("a base type")),
        patterns: Vec::new(),
        enums: Vec::new(),
    };
    for f in xsd_children(r) {
        let v = f.attribute("value").expect("a facet value");
        match f.tag_name().name() {
            "pattern" => s.patterns.push(re(v)),
            "enumeration" => s.enums.push(v.to_string()),
            other => panic!("unsupported facet xsd:{other}"),
        }
    }
    s
}

/// The element names a particle declares, with their types.
fn declared(p: &Particle, out: &mut HashMap<String, String>) {
    match p {
        Particle::Element { name, ty, .. } => {
            if let Some(old) = out.insert(name.clone(), ty.clone()) {
                assert_eq!(old, *ty, "one type per element name in a content model");
            }
        }
        Particle::Group { items, .. } => items.iter().for_each(|i| declared(i, out)),
    }
}

/// Every position `p` can end at when it starts matching `names` at `start`.
fn ends(p: &Particle, names: &[&str], start: usize) -> BTreeSet<usize> {
    let (min, max) = match p {
        Particle::Element { min, max, .. } | Particle::Group { min, max, .. } => (*min, *max),
    };
    let mut out = BTreeSet::new();
    if min == 0 {
        out.insert(start);
    }
    let mut current = BTreeSet::from([start]);
    let mut seen = current.clone();
    for rep in 1..=max.min(names.len() + 1) {
        let next: BTreeSet<usize> = current.iter().flat_map(|&s| once(p, names, s)).collect();
        if rep >= min {
            out.extend(next.iter().copied());
        }
        let fresh: BTreeSet<usize> = next.difference(&seen).copied().collect();
        if fresh.is_empty() && rep >= min {
            break;
        }
        seen.extend(fresh.iter().copied());
        current = next;
    }
    out
}

/// Where one occurrence of `p` can end.
fn once(p: &Particle, names: &[&str], start: usize) -> BTreeSet<usize> {
    match p {
        Particle::Element { name, .. } => match names.get(start) {
            Some(n) if n == name => BTreeSet::from([start + 1]),
            _ => BTreeSet::new(),
        },
        Particle::Group {
            choice: true,
            items,
            ..
        } => items.iter().flat_map(|i| ends(i, names, start)).collect(),
        Particle::Group {
            choice: false,
            items,
            ..
        } => items.iter().fold(BTreeSet::from([start]), |at, i| {
            at.iter().flat_map(|&s| ends(i, names, s)).collect()
        }),
    }
}

/// The two schemas, loaded once per test binary.
pub fn project() -> &'static Schema {
    static S: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    S.get_or_init(|| Schema::parse(include_str!("Project-mrt2019.xsd")))
}

pub fn codebook() -> &'static Schema {
    static S: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    S.get_or_init(|| Schema::parse(include_str!("Codebook.xsd")))
}
