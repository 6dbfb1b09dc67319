//! The codebook as REFI-QDA XML: written alone (a `.qdc`, valid against
//! `Codebook.xsd`) or inside a project, and read back from a `.qdc` or a
//! `.qdpx` another tool made.
//!
//! Written: every code with its GUID, name, `isCodable="true"`, colour
//! (`#RRGGBB`) and `Description`, children nested in their parent. Read:
//! the same to any depth (REFI nests freely; [`Codebook::plan_import`]
//! decides what one level of nesting makes of it), GUIDs in braces or not,
//! colours of three or six digits. Elements are matched by local name, so
//! a codebook inside a project, or written with an older namespace, reads
//! the same.

use std::collections::HashSet;
use std::io::{self, Read, Write};

use serde_json::Map;

use super::{CODEBOOK_NS, Xml, code_guid, is_guid};
use crate::store::codes::{Code, Codebook, parse_color};

/// A code as written: the codebook's tree.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeNode {
    pub guid: String,
    pub name: String,
    pub color: Option<String>,
    pub description: String,
    pub children: Vec<CodeNode>,
}

/// The codebook as a tree: codes at the top (or whose parent is gone),
/// each with the codes under it, in the order they were made.
pub fn tree(book: &Codebook) -> Vec<CodeNode> {
    let codes = book.codes();
    let known: HashSet<&str> = codes.iter().map(|c| c.id.as_str()).collect();
    let mut seen = HashSet::new();
    let mut top: Vec<CodeNode> = codes
        .iter()
        .filter(|c| c.parent.as_deref().is_none_or(|p| !known.contains(p)))
        .map(|c| node(book, c, &mut seen))
        .collect();
    // A hand-edited file may make a cycle; its codes still go out.
    for c in codes {
        if !seen.contains(c.id.as_str()) {
            top.push(node(book, c, &mut seen));
        }
    }
    top
}

fn node<'a>(book: &'a Codebook, code: &'a Code, seen: &mut HashSet<&'a str>) -> CodeNode {
    seen.insert(&code.id);
    let mut children = Vec::new();
    for k in book.children(&code.id) {
        if !seen.contains(k.id.as_str()) {
            children.push(node(book, k, seen));
        }
    }
    CodeNode {
        guid: code_guid(&code.id),
        name: code.name.clone(),
        color: code.color.as_deref().and_then(|c| parse_color(c).ok()),
        description: code.description.clone(),
        children,
    }
}

/// `<Codes>` with every code of `nodes`; nothing when there are none (the
/// schemas want at least one code inside).
pub(crate) fn write_codes(x: &mut Xml, nodes: &[CodeNode]) {
    if nodes.is_empty() {
        return;
    }
    x.open("Codes", &[]);
    for n in nodes {
        write_node(x, n);
    }
    x.close("Codes");
}

fn write_node(x: &mut Xml, n: &CodeNode) {
    let mut attrs = vec![
        ("guid", n.guid.as_str()),
        ("name", n.name.as_str()),
        ("isCodable", "true"),
    ];
    if let Some(c) = &n.color {
        attrs.push(("color", c));
    }
    if n.description.is_empty() && n.children.is_empty() {
        x.empty("Code", &attrs);
        return;
    }
    x.open("Code", &attrs);
    if !n.description.is_empty() {
        x.text("Description", &n.description);
    }
    for child in &n.children {
        write_node(x, child);
    }
    x.close("Code");
}

/// The codebook as a `.qdc`. An empty codebook is a `CodeBook` with no
/// `Codes` (the schema wants one code at least), which says "no codes"
/// to a reader but does not validate; [`crate::store::refi`]'s callers
/// refuse to write one.
pub fn write_qdc(book: &Codebook, mut out: impl Write) -> io::Result<()> {
    let mut x = Xml::new();
    x.open(
        "CodeBook",
        &[
            ("xmlns", CODEBOOK_NS),
            ("origin", concat!("tread ", env!("CARGO_PKG_VERSION"))),
        ],
    );
    write_codes(&mut x, &tree(book));
    x.close("CodeBook");
    out.write_all(x.finish().as_bytes())
}

/// Why a codebook file could not be read: what and on which line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ReadError {
    pub line: u32,
    pub message: String,
}

fn fail(line: u32, message: impl Into<String>) -> ReadError {
    ReadError {
        line,
        message: message.into(),
    }
}

/// The codes of a `.qdc` (or of a `.qdpx`'s project), parents before their
/// children, each child's `parent` its parent's GUID, GUIDs without braces.
/// A colour that is not one is left out.
pub fn read_codes(bytes: &[u8]) -> Result<Vec<Code>, ReadError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return read_codes(&project_in_zip(bytes)?);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        fail(line as u32, "not UTF-8 text")
    })?;
    let doc = roxmltree::Document::parse(text).map_err(|e| {
        let message = e.to_string();
        let suffix = format!(" at {}", e.pos());
        let message = message.strip_suffix(&suffix).unwrap_or(&message);
        fail(e.pos().row, message)
    })?;
    let line = |n: roxmltree::Node| doc.text_pos_at(n.range().start).row;
    let root = doc.root_element();
    let book = match root.tag_name().name() {
        "CodeBook" => Some(root),
        "Project" => child(root, "CodeBook"),
        other => {
            return Err(fail(
                line(root),
                format!("not a REFI-QDA codebook: the document is <{other}>, not <CodeBook>"),
            ));
        }
    };
    let mut out = Vec::new();
    if let Some(codes) = book.and_then(|b| child(b, "Codes")) {
        for n in codes.children().filter(|n| is(*n, "Code")) {
            read_code(n, None, &mut out, &line)?;
        }
    }
    Ok(out)
}

fn is(n: roxmltree::Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| is(*c, name))
}

fn read_code(
    n: roxmltree::Node,
    parent: Option<&str>,
    out: &mut Vec<Code>,
    line: &dyn Fn(roxmltree::Node) -> u32,
) -> Result<(), ReadError> {
    let guid = n
        .attribute("guid")
        .ok_or_else(|| fail(line(n), "a <Code> without a guid"))?
        .trim();
    if !is_guid(guid) {
        return Err(fail(
            line(n),
            format!("a <Code> whose guid is not a GUID: {guid}"),
        ));
    }
    let id = guid
        .trim_start_matches('{')
        .trim_end_matches('}')
        .to_string();
    let name = n
        .attribute("name")
        .ok_or_else(|| fail(line(n), "a <Code> without a name"))?;
    let description = child(n, "Description")
        .map(|d| d.text().unwrap_or("").trim().to_string())
        .unwrap_or_default();
    out.push(Code {
        id: id.clone(),
        name: name.trim().to_string(),
        color: n.attribute("color").and_then(color),
        description,
        parent: parent.map(str::to_string),
        used: None,
        extra: Map::new(),
    });
    for c in n.children().filter(|c| is(*c, "Code")) {
        read_code(c, Some(&id), out, line)?;
    }
    Ok(())
}

/// `#RGB` or `#RRGGBB` as `#RRGGBB`.
fn color(text: &str) -> Option<String> {
    let hex = text.trim().trim_start_matches('#');
    if hex.len() == 3 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        let long: String = hex.chars().flat_map(|c| [c, c]).collect();
        return parse_color(&long).ok();
    }
    parse_color(text).ok()
}

/// The project XML inside a `.qdpx`: `project.qde`, or the one `.qde`.
fn project_in_zip(bytes: &[u8]) -> Result<Vec<u8>, ReadError> {
    let bad = |e: &dyn std::fmt::Display| fail(1, format!("not a readable .qdpx: {e}"));
    let mut zip = zip::ZipArchive::new(io::Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let name = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.ends_with(".qde"))
        .min_by_key(|n| (n != "project.qde", n.len()))
        .map(|n| n.into_owned())
        .ok_or_else(|| fail(1, "a .qdpx without a project (.qde) inside"))?;
    let mut file = zip.by_name(&name).map_err(|e| bad(&e))?;
    let mut out = Vec::new();
    // A project of more than 64 MiB is not a codebook worth reading.
    (&mut file)
        .take(64 << 20)
        .read_to_end(&mut out)
        .map_err(|e| bad(&e))?;
    Ok(out)
}
