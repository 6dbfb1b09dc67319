//! REFI-QDA codebooks (`.qdc`): the export valid against `Codebook.xsd`,
//! a codebook from another tool merged as documented, our own export
//! re-imported changing nothing, malformed files as one-line errors; and
//! the test validator itself, on broken documents.

#[path = "refi/validate.rs"]
mod validate;

use std::path::Path;
use std::process::{Command, Output};

use tread::store::DataDirs;
use tread::store::codes::{CodeChange, Codebook, CodebookFile};
use tread::store::refi::{read_codes, write_qdc};

fn g(n: u32) -> String {
    format!("0a1b2c3d-0000-4000-8000-{n:012}")
}

/// Ours: `pricing` (coloured, described) with `discounts`, `价格`, and a
/// name that needs escaping.
fn ours() -> Codebook {
    let mut b = Codebook::default();
    let create =
        |id: u32, name: &str, parent: Option<u32>, color: Option<&str>| CodeChange::Create {
            id: g(id),
            name: name.into(),
            parent: parent.map(g),
            color: color.map(str::to_string),
        };
    for c in [
        create(1, "pricing", None, Some("#ff8800")),
        CodeChange::Describe {
            id: g(1),
            description: "What things cost,\nand why".into(),
        },
        create(2, "discounts", Some(1), None),
        create(3, "价格", None, Some("#00AA33")),
        create(4, "R&D <later>", None, None),
    ] {
        b.apply(&c).unwrap();
    }
    b
}

fn qdc(book: &Codebook) -> String {
    let mut out = Vec::new();
    write_qdc(book, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// A codebook as another tool writes one: braces and capitals in GUIDs,
/// a category (`isCodable="false"`), nesting two deep, a three-digit
/// colour, descriptions, Chinese names, a `Sets` element; `Pricing`
/// under another GUID than ours, and our `价格` (by GUID) renamed.
const FOREIGN: &str = r##"<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 24">
  <Codes>
    <Code guid="{5E6F7A8B-1111-4222-8333-000000000001}" name="Pricing" isCodable="false" color="#f80">
      <Description>Anything about price</Description>
      <Code guid="5E6F7A8B-1111-4222-8333-000000000002" name="折扣" isCodable="true" color="#00AA33">
        <Description>降价、优惠</Description>
        <Code guid="5E6F7A8B-1111-4222-8333-000000000003" name="季节性" isCodable="true"/>
      </Code>
    </Code>
    <Code guid="0A1B2C3D-0000-4000-8000-000000000003" name="价格与成本" isCodable="true" color="#00AA33"/>
    <Code guid="5E6F7A8B-1111-4222-8333-000000000004" name="时间" isCodable="true">
      <Description>Timing &amp; delays</Description>
    </Code>
  </Codes>
  <Sets>
    <Set guid="5E6F7A8B-1111-4222-8333-000000000009" name="Core">
      <MemberCode guid="5E6F7A8B-1111-4222-8333-000000000004"/>
    </Set>
  </Sets>
</CodeBook>
"##;

fn paths(b: &Codebook) -> Vec<String> {
    b.codes().iter().map(|c| b.path(&c.id).unwrap()).collect()
}

#[test]
fn the_export_validates_with_children_nested_under_their_parent() {
    let xml = qdc(&ours());
    let errors = validate::codebook().check(&xml);
    assert!(errors.is_empty(), "{errors:#?}\n{xml}");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let pricing = doc
        .descendants()
        .find(|n| n.attribute("name") == Some("pricing"))
        .unwrap();
    assert_eq!(pricing.attribute("color"), Some("#FF8800"));
    assert_eq!(pricing.attribute("isCodable"), Some("true"));
    let desc = pricing
        .children()
        .find(|n| n.has_tag_name("Description"))
        .unwrap();
    assert_eq!(desc.text(), Some("What things cost,\nand why"));
    let child = pricing.children().find(|n| n.has_tag_name("Code")).unwrap();
    assert_eq!(child.attribute("name"), Some("discounts"));
    assert!(xml.contains(r#"name="R&amp;D &lt;later&gt;""#), "{xml}");
}

#[test]
fn a_codebook_from_another_tool_merges_as_documented() {
    let incoming = read_codes(FOREIGN.as_bytes()).unwrap();
    assert_eq!(incoming.len(), 5);
    assert_eq!(
        incoming[0].id, "5E6F7A8B-1111-4222-8333-000000000001",
        "braces dropped"
    );
    assert_eq!(
        incoming[0].color.as_deref(),
        Some("#FF8800"),
        "#f80 read as #FF8800"
    );
    assert_eq!(
        incoming[2].parent.as_deref(),
        Some("5E6F7A8B-1111-4222-8333-000000000002")
    );
    let mut book = ours();
    let plan = book.plan_import(&incoming);
    for c in &plan.changes {
        book.apply(c).unwrap();
    }
    let r = &plan.report;
    assert_eq!(
        r.summary(),
        "imported 5 codes: 3 new, 1 updated, 1 already there"
    );
    assert_eq!(
        r.unchanged,
        [("Pricing".to_string(), "pricing".to_string())]
    );
    assert_eq!(r.flattened, ["pricing/折扣 › 季节性"]);
    assert_eq!(
        paths(&book),
        [
            "pricing",
            "pricing/discounts",
            "价格与成本",
            "R&D <later>",
            "pricing/折扣",
            "pricing/折扣 › 季节性",
            "时间"
        ]
    );
    let ours_pricing = book.find("pricing").unwrap();
    assert_eq!(
        ours_pricing.description, "What things cost,\nand why",
        "ours kept"
    );
    let renamed = book.get(&g(3)).unwrap();
    assert_eq!(
        renamed.name, "价格与成本",
        "the import wins on a known GUID"
    );
    let zhe = book.find("pricing/折扣").unwrap();
    assert_eq!(
        (zhe.color.as_deref(), zhe.description.as_str()),
        (Some("#00AA33"), "降价、优惠")
    );
    assert_eq!(book.find("时间").unwrap().description, "Timing & delays");
    // The same file again: nothing more to do.
    let again = book.plan_import(&incoming);
    assert!(again.changes.is_empty(), "{:?}", again.changes);
}

#[test]
fn our_own_export_imported_again_changes_nothing() {
    let book = ours();
    let back = read_codes(qdc(&book).as_bytes()).unwrap();
    assert_eq!(back.len(), book.codes().len());
    let plan = book.plan_import(&back);
    assert!(plan.changes.is_empty(), "{:?}", plan.changes);
    assert_eq!(
        plan.report.summary(),
        "imported 4 codes: 0 new, 0 updated, 4 already there"
    );
}

#[test]
fn malformed_files_say_what_is_wrong_on_which_line() {
    let cases: [(&str, u32, &str); 5] = [
        ("<CodeBook>\n<Codes>\n</Code>\n", 3, "expected 'Codes' tag"),
        (
            "<CodeBook><Codes>\n<Code name=\"x\" isCodable=\"true\"/></Codes></CodeBook>",
            2,
            "without a guid",
        ),
        (
            "<CodeBook><Codes>\n\n<Code guid=\"nope\" name=\"x\"/></Codes></CodeBook>",
            3,
            "not a GUID",
        ),
        ("<html>\n<body/></html>", 1, "not a REFI-QDA codebook"),
        ("<CodeBook>\u{0}</CodeBook>", 1, ""),
    ];
    for (text, line, says) in cases {
        let e = read_codes(text.as_bytes()).unwrap_err();
        assert_eq!(e.line, line, "{text:?}: {e}");
        assert!(e.to_string().contains(says), "{e}");
    }
    let e = read_codes(b"<CodeBook>\n\xff</CodeBook>").unwrap_err();
    assert_eq!((e.line, e.message.as_str()), (2, "not UTF-8 text"));
}

fn tread(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tread"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("XDG_CONFIG_HOME", data.join("no-config"))
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_binary_imports_a_codebook_and_exports_it_without_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let foreign = dir.path().join("other.qdc");
    std::fs::write(&foreign, FOREIGN).unwrap();
    let out = tread(&data, &["--import-codes", foreign.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.ends_with("tread: imported 5 codes: 5 new, 0 updated, 0 already there\n"),
        "{err}"
    );
    assert!(
        err.contains("flattened: 折扣/折扣 › 季节性")
            || err.contains("flattened: Pricing/折扣 › 季节性"),
        "{err}"
    );
    let (file, _) = CodebookFile::open(&DataDirs::under(&data));
    assert_eq!(file.book().codes().len(), 5);

    let exported = tread(&data, &["--bookmarks", "--format", "qdc"]);
    assert!(exported.status.success(), "{}", stderr(&exported));
    let xml = String::from_utf8(exported.stdout).unwrap();
    assert!(validate::codebook().check(&xml).is_empty(), "{xml}");
    let ours = dir.path().join("ours.qdc");
    std::fs::write(&ours, &xml).unwrap();
    let again = tread(&data, &["--import-codes", ours.to_str().unwrap()]);
    assert!(
        stderr(&again).ends_with("imported 5 codes: 0 new, 0 updated, 5 already there\n"),
        "{}",
        stderr(&again)
    );
    let to_file = dir.path().join("book.qdc");
    let o = tread(
        &data,
        &[
            "--bookmarks",
            "--format",
            "qdc",
            "-o",
            to_file.to_str().unwrap(),
        ],
    );
    assert!(o.status.success() && o.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&to_file).unwrap(), xml);
}

#[test]
fn the_binary_refuses_a_malformed_file_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let bad = dir.path().join("bad.qdc");
    std::fs::write(&bad, "<CodeBook>\n<Codes>\n</Code>\n").unwrap();
    let out = tread(&data, &["--import-codes", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("tread: {}: line 3: ", bad.display())),
        "{err}"
    );
    assert!(!data.join("codebook.json").exists(), "nothing written");
    let empty = tread(&data, &["--bookmarks", "--format", "qdc"]);
    assert_eq!(empty.status.code(), Some(1));
    assert!(
        stderr(&empty).contains("no codes to export"),
        "{}",
        stderr(&empty)
    );
}

/// The validator catches each mistake an exporter could make, including
/// those the `xmlschema` crate (0.0.14) let through: no namespace or the
/// wrong one, undeclared attributes, text in element-only content.
#[test]
fn the_validator_refuses_broken_documents() {
    let good = qdc(&ours());
    assert!(validate::codebook().check(&good).is_empty());
    let cases = [
        (good.replacen(&format!("guid=\"{}\" ", g(2)), "", 1), "missing required attribute guid"),
        (good.replacen(&g(2), "not-a-guid", 1), "pattern"),
        (good.replacen("color=\"#FF8800\"", "color=\"orange\"", 1), "pattern"),
        (good.replacen("isCodable=\"true\"", "isCodable=\"yes\"", 1), "boolean"),
        (good.replacen("<Codes>", "<Codes>\n<Bogus/>", 1), "do not fit"),
        (good.replacen(" xmlns=\"urn:QDA-XML:codebook:1.0\"", "", 1), "namespace"),
        (good.replacen("urn:QDA-XML:codebook:1.0", "urn:QDA-XML:project:1.0", 1), "namespace"),
        (good.replacen(" isCodable=", " color2=\"#000000\" isCodable=", 1), "undeclared attribute color2"),
        (good.replacen("<Codes>", "<Codes>stray words", 1), "text inside"),
        (good.replacen("<Codes>", "", 1).replacen("</Codes>", "", 1), "do not fit"),
        (
            good.replacen(
                "<Description>What things cost,\nand why</Description>",
                "<Code guid=\"0a1b2c3d-0000-4000-8000-000000000099\" name=\"z\" isCodable=\"true\"/><Description>x</Description>",
                1,
            ),
            "do not fit",
        ),
    ];
    for (doc, says) in &cases {
        let errors = validate::codebook().check(doc);
        assert!(
            errors.iter().any(|e| e.contains(says)),
            "{says}: {errors:?}\n{doc}"
        );
    }
    let project = r#"<Project xmlns="urn:QDA-XML:project:1.0" name="p" creationDateTime="2026-02-30T25:00:00Z">
<Links><Link guid="0a1b2c3d-0000-4000-8000-000000000001" direction="Sideways"/></Links>
<Sources><TextSource guid="0a1b2c3d-0000-4000-8000-000000000002">
<PlainTextSelection guid="0a1b2c3d-0000-4000-8000-000000000003" startPosition="1.5" endPosition="4"/>
</TextSource></Sources></Project>"#;
    let errors = validate::project().check(project).join("\n");
    for says in [
        "not a valid xsd:dateTime",
        "directionType",
        "not a valid xsd:integer",
        "do not fit",
    ] {
        assert!(errors.contains(says), "{says}: {errors}");
    }
}

/// MAXQDA cuts code names at 63 characters: an export says which codes it
/// would cut (and writes them whole, as the other tools keep them).
#[test]
fn an_export_names_the_codes_maxqda_would_cut() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (mut file, _) = CodebookFile::open(&DataDirs::under(&data));
    let long = "关于定价策略与开源模型商业化路径的长期讨论".repeat(4);
    assert!(long.chars().count() > 63);
    let create = |id: &str, name: &str| tread::store::codes::CodeChange::Create {
        id: id.into(),
        name: name.into(),
        parent: None,
        color: None,
    };
    file.change(&[create("c1", "pricing"), create("c2", &long)])
        .unwrap();
    drop(file);
    let out = tread(&data, &["--bookmarks", "--format", "qdc"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(
        err,
        format!(
            "tread: warning: MAXQDA keeps only the first 63 characters of a code's name; longer here: {long}\n"
        )
    );
    assert!(String::from_utf8(out.stdout).unwrap().contains(&long));
}
