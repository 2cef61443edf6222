//! The manifest read into a small tree: elements with their namespaces
//! resolved, attributes, text and line numbers.
//!
//! quick-xml reads tokens, and leaves several rules of well-formed XML to
//! its caller (one root element, nothing but white space around it, every
//! element closed, no control characters, entities that exist): an LMS's
//! XML parser enforces all of them and refuses the whole manifest, so they
//! are checked here. The input is a stranger's zip, so the tree is bounded
//! (elements, depth) and any problem is returned, never a panic.

use quick_xml::NsReader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

/// The namespace of `xml:` attributes.
pub(crate) const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace of `xsi:` attributes (schema locations).
pub(crate) const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// At most this many elements; a real manifest has a few thousand at most.
const MAX_ELEMENTS: usize = 200_000;
/// At most this deep; a real manifest nests items a few levels deep.
const MAX_DEPTH: usize = 200;

/// A parsed manifest.
#[derive(Debug)]
pub(crate) struct Doc {
    /// Every element in document order; the root is `nodes[0]`.
    pub(crate) nodes: Vec<Node>,
}

/// One element.
#[derive(Debug)]
pub(crate) struct Node {
    /// The namespace, if the element is in one.
    pub(crate) ns: Option<String>,
    /// The local name.
    pub(crate) name: String,
    /// The name as written (`adlcp:masteryscore`).
    pub(crate) qname: String,
    /// The attributes, namespace declarations left out.
    pub(crate) attrs: Vec<Attr>,
    /// Child elements, as indices into [`Doc::nodes`].
    pub(crate) children: Vec<usize>,
    /// The element's own text (entities resolved), children's left out.
    pub(crate) text: String,
    /// 1-based line of the start tag.
    pub(crate) line: usize,
}

/// One attribute.
#[derive(Debug)]
pub(crate) struct Attr {
    /// The namespace, for a prefixed attribute.
    pub(crate) ns: Option<String>,
    /// The local name.
    pub(crate) name: String,
    /// The name as written.
    pub(crate) qname: String,
    /// The value, entities resolved.
    pub(crate) value: String,
}

impl Node {
    /// The value of the attribute `name` with no namespace.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| a.ns.is_none() && a.name == name).map(|a| a.value.as_str())
    }

    /// The value of the attribute `name` in namespace `ns`.
    pub(crate) fn attr_ns(&self, ns: &str, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns.as_deref() == Some(ns) && a.name == name)
            .map(|a| a.value.as_str())
    }

    /// Whether this element is `name` in namespace `ns`.
    pub(crate) fn is(&self, ns: &str, name: &str) -> bool {
        self.ns.as_deref() == Some(ns) && self.name == name
    }
}

impl Doc {
    /// The child elements of `node` named `name` in namespace `ns`.
    pub(crate) fn children<'a>(
        &'a self,
        node: usize,
        ns: &'a str,
        name: &'a str,
    ) -> impl Iterator<Item = usize> + 'a {
        self.nodes
            .get(node)
            .map(|n| n.children.as_slice())
            .unwrap_or(&[])
            .iter()
            .copied()
            .filter(move |&c| self.nodes.get(c).is_some_and(|n| n.is(ns, name)))
    }

    /// The first child element of `node` named `name` in namespace `ns`.
    pub(crate) fn child(&self, node: usize, ns: &str, name: &str) -> Option<usize> {
        self.children(node, ns, name).next()
    }

    /// The node at `i` (every index this module hands out is valid).
    pub(crate) fn node(&self, i: usize) -> &Node {
        &self.nodes[i]
    }
}

/// Why a manifest could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum XmlError {
    /// The bytes are not text in an encoding this reader knows.
    Encoding {
        /// The encoding named, or what is wrong with the bytes.
        detail: String,
    },
    /// Not well-formed XML.
    Malformed {
        /// What is wrong, in a few words (English, from the parser or here).
        detail: String,
        /// 1-based line.
        line: usize,
        /// 1-based column (characters).
        column: usize,
    },
    /// More elements, or deeper nesting, than a manifest has.
    TooBig,
}

/// Decodes the manifest's bytes: UTF-8 (with or without a byte order
/// mark), UTF-16 with a byte order mark, or ISO-8859-1 when the XML
/// declaration names it.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, XmlError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    match declared_encoding(bytes).map(|e| e.to_ascii_lowercase()) {
        None => utf8(bytes),
        Some(e) if e == "utf-8" || e == "utf8" || e == "us-ascii" || e == "ascii" => utf8(bytes),
        Some(e) if e == "iso-8859-1" || e == "latin1" || e == "iso_8859-1" => {
            Ok(bytes.iter().map(|&b| char::from(b)).collect())
        }
        Some(e) => Err(XmlError::Encoding { detail: e }),
    }
}

fn utf8(bytes: &[u8]) -> Result<String, XmlError> {
    String::from_utf8(bytes.to_vec())
        .map_err(|_| XmlError::Encoding { detail: "utf-8 (invalid)".into() })
}

fn utf16(bytes: &[u8], from: fn([u8; 2]) -> u16) -> Result<String, XmlError> {
    let units = bytes.chunks(2).map(|c| from([c[0], c.get(1).copied().unwrap_or(0)]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| XmlError::Encoding { detail: "utf-16 (invalid)".into() })
}

/// The `encoding` of the XML declaration, if the bytes start with one.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(200)];
    let head = String::from_utf8_lossy(head);
    let decl = head.strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_owned())
}

/// Parses `text` into a [`Doc`].
pub(crate) fn parse(text: &str) -> Result<Doc, XmlError> {
    let lines = LineIndex::new(text);
    let malformed = |detail: String, at: u64| {
        let (line, column) = lines.line_col(text, usize::try_from(at).unwrap_or(usize::MAX));
        XmlError::Malformed { detail, line, column }
    };
    let mut reader = NsReader::from_str(text);
    reader.config_mut().check_comments = true;
    reader.config_mut().expand_empty_elements = true;
    let mut nodes: Vec<Node> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut root_done = false;
    loop {
        let at = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => return Err(malformed(e.to_string(), reader.error_position())),
        };
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                if root_done {
                    return Err(malformed("a second root element".into(), at));
                }
                if nodes.len() >= MAX_ELEMENTS || stack.len() >= MAX_DEPTH {
                    return Err(XmlError::TooBig);
                }
                let node = element(&reader, start, lines.line_col(text, at as usize).0)
                    .map_err(|d| malformed(d, at))?;
                let index = nodes.len();
                nodes.push(node);
                if let Some(&parent) = stack.last() {
                    nodes[parent].children.push(index);
                }
                if matches!(event, Event::Empty(_)) {
                    root_done |= stack.is_empty();
                } else {
                    stack.push(index);
                }
            }
            Event::End(_) => {
                stack.pop();
                if stack.is_empty() {
                    root_done = true;
                }
            }
            Event::Text(t) => {
                let content = t.xml10_content();
                push_text(&mut nodes, &stack, &content).map_err(|d| malformed(d, at))?;
            }
            Event::CData(t) => {
                let content = t.xml10_content().into_owned();
                if stack.is_empty() {
                    return Err(malformed("text outside the root element".into(), at));
                }
                push_text(&mut nodes, &stack, &content).map_err(|d| malformed(d, at))?;
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = r.xml10_content();
                        match predefined(&name) {
                            Some(c) => c.to_string(),
                            None => {
                                return Err(malformed(format!("unknown entity &{name};"), at));
                            }
                        }
                    }
                    Err(e) => return Err(malformed(e.to_string(), at)),
                };
                if stack.is_empty() {
                    return Err(malformed("text outside the root element".into(), at));
                }
                push_text(&mut nodes, &stack, &resolved).map_err(|d| malformed(d, at))?;
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
            Event::Eof => {
                if let Some(&open) = stack.last() {
                    let name = nodes.get(open).map(|n| n.qname.clone()).unwrap_or_default();
                    return Err(malformed(format!("<{name}> is not closed"), at));
                }
                if nodes.is_empty() {
                    return Err(malformed("no root element".into(), at));
                }
                return Ok(Doc { nodes });
            }
        }
    }
}

/// Adds text to the innermost open element; text outside the root must be
/// white space.
fn push_text(nodes: &mut [Node], stack: &[usize], content: &str) -> Result<(), String> {
    if let Some(c) = content.chars().find(|&c| forbidden(c)) {
        return Err(format!("the character U+{:04X} is not allowed in XML", u32::from(c)));
    }
    match stack.last() {
        Some(&open) => {
            if let Some(n) = nodes.get_mut(open) {
                n.text.push_str(content);
            }
            Ok(())
        }
        None if content.trim().is_empty() => Ok(()),
        None => Err("text outside the root element".into()),
    }
}

/// Characters XML 1.0 does not allow anywhere.
fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

fn predefined(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    }
}

/// An element's names and attributes, resolved against the namespaces in
/// scope.
fn element(reader: &NsReader<&[u8]>, start: &BytesStart<'_>, line: usize) -> Result<Node, String> {
    let qname = start.name().as_ref().to_owned();
    let (resolved, local) = reader.resolver().resolve_element(start.name());
    let ns = namespace(resolved, &qname)?;
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        if attr.key.as_namespace_binding().is_some() {
            continue;
        }
        let aq = attr.key.as_ref().to_owned();
        let (resolved, alocal) = reader.resolver().resolve_attribute(attr.key);
        let ans = namespace(resolved, &aq)?;
        let value = attr.normalized_value(XmlVersion::Implicit1_0).map_err(|e| e.to_string())?;
        if let Some(c) = value.chars().find(|&c| forbidden(c)) {
            return Err(format!("the character U+{:04X} is not allowed in XML", u32::from(c)));
        }
        attrs.push(Attr {
            ns: ans,
            name: alocal.as_ref().to_owned(),
            qname: aq,
            value: value.into_owned(),
        });
    }
    Ok(Node {
        ns,
        name: local.as_ref().to_owned(),
        qname,
        attrs,
        children: Vec::new(),
        text: String::new(),
        line,
    })
}

fn namespace(resolved: ResolveResult<'_>, qname: &str) -> Result<Option<String>, String> {
    match resolved {
        ResolveResult::Unbound => Ok(None),
        ResolveResult::Bound(ns) => Ok(Some(ns.as_ref().to_owned())),
        ResolveResult::Unknown(prefix) => {
            Err(format!("the prefix `{prefix}:` of `{qname}` is not declared"))
        }
    }
}

/// Byte offsets of line starts, for 1-based line and column numbers.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn line_col(&self, text: &str, at: usize) -> (usize, usize) {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        // The position is usually at the `<` of the tag, or just before
        // white space that precedes it: step over that white space.
        let skip = text[at..].len() - text[at..].trim_start().len();
        let at = if skip > 0 && at + skip < text.len() { at + skip } else { at };
        let line = self.starts.partition_point(|&s| s <= at);
        let start = self.starts.get(line.saturating_sub(1)).copied().unwrap_or(0);
        let column = text.get(start..at).map_or(1, |s| s.chars().count() + 1);
        (line.max(1), column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_namespaces_and_lines() {
        let doc = parse(
            "<?xml version=\"1.0\"?>\n<m xmlns=\"urn:a\" xmlns:b=\"urn:b\">\n  <b:x b:y=\"1 &amp; 2\">t&#65;</b:x>\n</m>\n",
        )
        .unwrap();
        let x = doc.node(1);
        assert_eq!((x.ns.as_deref(), x.name.as_str(), x.line), (Some("urn:b"), "x", 3));
        assert_eq!(x.attr_ns("urn:b", "y"), Some("1 & 2"));
        assert_eq!(x.text, "tA");
        assert!(doc.node(0).is("urn:a", "m"));
    }

    #[test]
    fn rejects_what_an_lms_parser_rejects() {
        for bad in [
            "<a><b></a>",
            "<a>",
            "<a/><b/>",
            "<a/>text",
            "<a>&nbsp;</a>",
            "<a x='1' x='2'/>",
            "<p:a/>",
            "",
            "<a>\u{1}</a>",
            "<a><!-- a -- b --></a>",
        ] {
            assert!(matches!(parse(bad), Err(XmlError::Malformed { .. })), "{bad:?}");
        }
    }

    #[test]
    fn reports_where() {
        let Err(XmlError::Malformed { line, .. }) = parse("<a>\n<b>\n</c>\n</a>") else {
            panic!("not malformed");
        };
        assert_eq!(line, 3);
    }

    #[test]
    fn decodes_the_usual_encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBF<a/>").unwrap(), "<a/>");
        assert_eq!(decode(b"\xFF\xFE<\0a\0/\0>\0").unwrap(), "<a/>");
        assert_eq!(
            decode(b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\xE5</a>").unwrap(),
            "<?xml version='1.0' encoding='ISO-8859-1'?><a>å</a>"
        );
        assert!(matches!(decode(b"<a>\xE5</a>"), Err(XmlError::Encoding { .. })));
        assert!(matches!(
            decode(b"<?xml version='1.0' encoding='Shift_JIS'?><a/>"),
            Err(XmlError::Encoding { .. })
        ));
    }

    #[test]
    fn stops_at_absurd_depth() {
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert_eq!(parse(&deep).unwrap_err(), XmlError::TooBig);
    }
}
