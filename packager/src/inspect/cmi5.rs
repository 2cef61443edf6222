//! What a cmi5 package must be beyond its schema: the spec's rules an LMS
//! relies on when it imports `cmi5.xml` (`../shared/cmi5/cmi5_spec.md`,
//! sections 13 and 14).
//!
//! The course structure schema (`schema.rs`, CourseStructure.xsd written
//! out) says the file is well built; it types every `id` as `xs:anyURI`,
//! which accepts nearly any text, and does not say that ids are unique or
//! that an AU's page exists. These checks do:
//!
//! - the `id` of the course, each block and each AU is an absolute IRI
//!   (13.1: the LMS sends it in statements as the publisher id, 9.6.2.3,
//!   and an LRS refuses an activity id that is not one);
//! - those ids are unique in the course structure (13.1.2, 13.1.4), which
//!   the schema leaves to the LMS;
//! - each AU's `<url>`: a relative one names a file in the zip, resolved
//!   from the zip's top, where `cmi5.xml` is (14.1), its query and fragment
//!   left out (the LMS merges the query with its launch parameters, 8.1);
//!   an absolute http(s) address is allowed (the AU is elsewhere, 14.1) and
//!   only said in the summary; any other scheme is for applications, not
//!   browsers (13.1.4), a warning.

use std::collections::BTreeMap;

use super::checks::{Files, Found, is_url};
use super::findings::{Finding, FindingKind};
use super::schema::{self, CMI5};
use super::xml::Doc;
use super::{Au, CMI5_XML};

/// What `cmi5.xml` says about the package.
pub(crate) struct Outcome {
    pub(crate) findings: Vec<Finding>,
    pub(crate) aus: Vec<Au>,
}

/// Checks a `cmi5.xml` whose root is cmi5's `<courseStructure>`.
pub(crate) fn check(doc: &Doc, files: &Files) -> Outcome {
    let mut out = schema::validate_cmi5(doc);
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut aus = Vec::new();
    if let Some(course) = doc.child(0, CMI5, "course") {
        check_id(doc, course, &mut ids, &mut out);
    }
    // The AUs and blocks, in document order: directly in the course, or
    // in blocks at any depth.
    let parts = |node: usize| {
        let n = doc.node(node);
        n.children
            .iter()
            .copied()
            .filter(|&c| doc.node(c).is(CMI5, "au") || doc.node(c).is(CMI5, "block"))
            .rev()
            .collect::<Vec<_>>()
    };
    let mut stack = parts(0);
    while let Some(node) = stack.pop() {
        check_id(doc, node, &mut ids, &mut out);
        if doc.node(node).name == "block" {
            stack.extend(parts(node));
        } else {
            aus.push(au(doc, node, files, &mut out));
        }
    }
    let reported = out.iter().any(|f| matches!(f.kind, FindingKind::Cmi5NoAu { .. }));
    if aus.is_empty() && !reported {
        let parent = doc.node(0).qname.clone();
        out.push(Finding::new(FindingKind::Cmi5NoAu { parent }).place(CMI5_XML, doc.node(0).line));
    }
    Outcome { findings: out, aus }
}

/// An `id` must be an absolute IRI, used once in the course structure.
fn check_id(doc: &Doc, node: usize, ids: &mut BTreeMap<String, usize>, out: &mut Vec<Finding>) {
    let n = doc.node(node);
    // A missing id is the schema's finding (KV9514).
    let Some(raw) = n.attr("id") else { return };
    // The LMS trims the values it imports (13.1).
    let id = raw.trim();
    if !is_absolute_iri(id) {
        let kind = FindingKind::Cmi5IdNotAbsolute { element: n.qname.clone(), id: id.to_owned() };
        out.push(Finding::new(kind).place(CMI5_XML, n.line));
    }
    if id.is_empty() {
        return;
    }
    match ids.get(id) {
        Some(&first_line) => {
            let kind = FindingKind::Cmi5DuplicateId { id: id.to_owned(), first_line };
            out.push(Finding::new(kind).place(CMI5_XML, n.line));
        }
        None => {
            ids.insert(id.to_owned(), n.line);
        }
    }
}

/// One AU: what the summary says of it, and its start page checked.
fn au(doc: &Doc, node: usize, files: &Files, out: &mut Vec<Finding>) -> Au {
    let n = doc.node(node);
    let id = n.attr("id").unwrap_or("").trim().to_owned();
    let title = doc
        .child(node, CMI5, "title")
        .and_then(|t| doc.child(t, CMI5, "langstring"))
        .map(|l| schema::text_of(doc.node(l)))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| id.clone());
    let url_el = doc.child(node, CMI5, "url");
    let written = url_el.map(|u| schema::text_of(doc.node(u))).unwrap_or_default();
    let line = url_el.map_or(n.line, |u| doc.node(u).line);
    let mut place = |kind| out.push(Finding::new(kind).place(CMI5_XML, line));
    let (url, external) = if is_url(&written) {
        let scheme = written.split(':').next().unwrap_or("").to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            place(FindingKind::Cmi5UrlNotWeb { url: written.clone() });
        }
        (written, true)
    } else {
        match files.find(&[], &written, true) {
            Found::File(path) => (path, false),
            Found::WrongCase(actual) => {
                place(FindingKind::Cmi5UrlWrongCase { url: written, actual: actual.clone() });
                (actual, false)
            }
            Found::Missing(path) => {
                place(FindingKind::Cmi5UrlMissing { url: path.clone(), au: title.clone() });
                (path, false)
            }
            Found::Outside => {
                place(FindingKind::Cmi5UrlOutside { url: written.clone() });
                (written, false)
            }
            // An empty `<url>` is the schema's finding (KV9515 or KV9511).
            Found::External | Found::Empty => (written, false),
        }
    };
    Au {
        id,
        title,
        url,
        external,
        move_on: n.attr("moveOn").map(str::to_owned),
        mastery_score: n.attr("masteryScore").map(|m| m.trim().to_owned()),
        launch_method: n.attr("launchMethod").map(str::to_owned),
    }
}

/// An absolute IRI (RFC 3987): a scheme, a colon, and something after it;
/// no white space or characters IRIs leave out, and every `%` followed by
/// two hex digits.
fn is_absolute_iri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    let mut letters = scheme.chars();
    let scheme_ok = letters.next().is_some_and(|c| c.is_ascii_alphabetic())
        && letters.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let excluded = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
    };
    let escapes_ok = s.match_indices('%').all(|(at, _)| {
        s.get(at + 1..at + 3).is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
    });
    scheme_ok && !rest.is_empty() && !s.chars().any(excluded) && escapes_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_iris() {
        for ok in [
            "urn:kursverk:kugghjul",
            "urn:kursverk:kugghjul/kurs",
            "https://example.org/kurs/au/1",
            "http://www.example.com/identifiers/activity/005430bf",
            "https://example.org/kurs/älg",
            "tag:example.org,2026:kurs#1",
            "https://example.org/a%20b",
        ] {
            assert!(is_absolute_iri(ok), "{ok}");
        }
        for bad in
            ["kurs-1", "/kurs/1", "", ":x", "1x:y", "https:", "https://a b", "urn:a%2", "a<b:c"]
        {
            assert!(!is_absolute_iri(bad), "{bad}");
        }
    }
}
