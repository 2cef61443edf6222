//! What a package must be beyond the schemas, checked against the zip
//! itself and against what LMSs do (`lms-notes.md`).
//!
//! The schemas say a manifest is well built; they do not say that the
//! files it names exist, that each item leads to something an LMS can
//! open, or how Moodle will read the score. These checks do, on the
//! manifest's own terms: paths are resolved as an LMS resolves them
//! (`xml:base` of the manifest, `<resources>` and `<resource>` joined in
//! front, `%20` decoded, a query or fragment of a start page dropped),
//! then looked up in the zip exactly, with a second, case-blind look only
//! to say "wrong case" rather than "missing".

use std::collections::{BTreeMap, BTreeSet};

use kursverk_player::model::scorm::Version;

use super::findings::{Finding, FindingKind, NameRisk};
use super::schema::{self, ADLCP12, ADLCP2004, IMSSS};
use super::xml::{Doc, XML_NS, XSI_NS};
use super::zip::{Archive, Entry};
use super::{Launch, MANIFEST, Mastery};

/// The files of the zip (folders left out), for lookups.
pub(crate) struct Files {
    exact: BTreeSet<String>,
    lower: BTreeMap<String, String>,
}

/// Where a path in the manifest (or `cmi5.xml`) leads.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// To this file.
    File(String),
    /// To this file, but written in other upper and lower case.
    WrongCase(String),
    /// Nowhere in the zip.
    Missing(String),
    /// Out of the package (`..` past the top, or `/` first).
    Outside,
    /// To an address on the internet.
    External,
    /// An empty path.
    Empty,
}

impl Files {
    pub(crate) fn new(entries: &[Entry]) -> Files {
        let mut exact = BTreeSet::new();
        let mut lower = BTreeMap::new();
        for e in entries.iter().filter(|e| !e.is_dir) {
            exact.insert(e.name.clone());
            lower.entry(e.name.to_lowercase()).or_insert_with(|| e.name.clone());
        }
        Files { exact, lower }
    }

    /// Resolves `href` against `bases` (outermost first) and looks it up.
    pub(crate) fn find(&self, bases: &[Option<&str>], href: &str, drop_query: bool) -> Found {
        let href = href.trim();
        let href = if drop_query { href.split(['?', '#']).next().unwrap_or("") } else { href };
        if href.is_empty() {
            return Found::Empty;
        }
        if is_url(href) {
            return Found::External;
        }
        let mut joined = String::new();
        for base in bases.iter().flatten() {
            let base = base.trim();
            if base.is_empty() {
                continue;
            }
            if is_url(base) {
                return Found::External;
            }
            if base.starts_with('/') {
                return Found::Outside;
            }
            joined.push_str(base);
            if !joined.ends_with('/') {
                joined.push('/');
            }
        }
        if href.starts_with('/') {
            return Found::Outside;
        }
        joined.push_str(href);
        let Some(path) = normalize(&percent_decode(&joined)) else { return Found::Outside };
        if self.exact.contains(&path) {
            return Found::File(path);
        }
        match self.lower.get(&path.to_lowercase()) {
            Some(actual) => Found::WrongCase(actual.clone()),
            None => Found::Missing(path),
        }
    }
}

/// `scheme:` at the start: `http:`, `https:`, `data:`, `mailto:` (a single
/// letter is a Windows drive, which is outside the package too).
pub(crate) fn is_url(s: &str) -> bool {
    match s.find(':') {
        Some(at) if at >= 2 => {
            let scheme = &s[..at];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        _ => false,
    }
}

/// `%xx` decoded where it forms valid UTF-8; anything else kept.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// `a/./b/../c` → `a/c`; `None` when `..` climbs past the top.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// What the manifest says about the package, worked out once.
pub(crate) struct Outcome {
    pub(crate) findings: Vec<Finding>,
    pub(crate) launches: Vec<Launch>,
    pub(crate) schema_version: Option<String>,
}

/// One `<resource>`.
struct Res {
    id: String,
    node: usize,
    href: Option<String>,
    bases: [Option<String>; 3],
    /// `adlcp:scormtype` (1.2) / `adlcp:scormType` (2004), as written.
    scorm_type: Option<String>,
    /// An attribute that looks like it but is spelt or namespaced wrongly.
    near_miss: Option<String>,
}

/// Checks a manifest whose root is `version`'s `<manifest>`.
pub(crate) fn manifest(doc: &Doc, version: Version, files: &Files) -> Outcome {
    let mut out = Vec::new();
    let cp = schema::cp(version);
    let adlcp = schema::adlcp(version);
    let root = doc.node(0);

    // The version the manifest claims, against the one its namespaces say.
    let schema_version = doc
        .child(0, cp, "metadata")
        .and_then(|m| doc.child(m, cp, "schemaversion"))
        .map(|s| schema::text_of(doc.node(s)));
    let fits = matches!(
        (version, schema_version.as_deref()),
        (Version::Scorm12, Some("1.2"))
            | (Version::Scorm2004, Some("2004 4th Edition" | "2004 3rd Edition" | "CAM 1.3"))
    );
    if !fits {
        let line = doc
            .child(0, cp, "metadata")
            .and_then(|m| doc.child(m, cp, "schemaversion"))
            .map_or(root.line, |s| doc.node(s).line);
        out.push(
            Finding::new(FindingKind::SchemaVersionMismatch {
                found: schema_version.clone(),
                version,
            })
            .at(line),
        );
    }

    out.extend(schema::validate(doc, version));

    // Files the package may carry without listing them: the manifest, and
    // the schema files (named by xsi:schemaLocation, or the official ones).
    let mut listed: BTreeSet<String> = BTreeSet::new();
    listed.insert(MANIFEST.to_owned());
    for (name, _) in crate::output::manifest::schema_files(version) {
        listed.insert((*name).to_owned());
    }
    if let Some(location) = root.attr_ns(XSI_NS, "schemaLocation") {
        for name in location.split_whitespace().skip(1).step_by(2) {
            match files.find(&[], name, false) {
                Found::File(p) | Found::WrongCase(p) => {
                    listed.insert(p);
                }
                Found::Missing(p) => {
                    out.push(
                        Finding::new(FindingKind::SchemaFileMissing { name: p }).at(root.line),
                    );
                }
                Found::Outside | Found::External | Found::Empty => {}
            }
        }
    }

    // Resources.
    let base0 = root.attr_ns(XML_NS, "base").map(str::to_owned);
    let resources_el = doc.child(0, cp, "resources");
    let base1 = resources_el.and_then(|r| doc.node(r).attr_ns(XML_NS, "base")).map(str::to_owned);
    let mut resources: Vec<Res> = Vec::new();
    for r in resources_el.into_iter().flat_map(|r| doc.children(r, cp, "resource")) {
        let n = doc.node(r);
        let expected = scorm_type_name(version);
        let scorm_type = n.attr_ns(adlcp, expected).map(str::to_owned);
        let near_miss = if scorm_type.is_none() {
            n.attrs
                .iter()
                .find(|a| a.name.eq_ignore_ascii_case("scormtype") && a.ns.is_some())
                .map(|a| a.qname.clone())
        } else {
            None
        };
        resources.push(Res {
            id: n.attr("identifier").unwrap_or("").trim().to_owned(),
            node: r,
            href: n.attr("href").map(str::to_owned),
            bases: [base0.clone(), base1.clone(), n.attr_ns(XML_NS, "base").map(str::to_owned)],
            scorm_type,
            near_miss,
        });
    }
    let by_id: BTreeMap<&str, usize> =
        resources.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let sub_manifests: BTreeSet<&str> = doc
        .nodes
        .iter()
        .skip(1)
        .filter(|n| n.is(cp, "manifest"))
        .filter_map(|n| n.attr("identifier"))
        .map(str::trim)
        .collect();

    // Organisations: which resources items start, in the default one's order.
    let orgs_el = doc.child(0, cp, "organizations");
    let orgs: Vec<usize> =
        orgs_el.into_iter().flat_map(|o| doc.children(o, cp, "organization")).collect();
    let mut launched: BTreeSet<usize> = BTreeSet::new();
    let mut launches: Vec<(Launch, usize)> = Vec::new();
    if orgs.is_empty() {
        out.push(
            Finding::new(FindingKind::NoOrganization)
                .at(orgs_el.map_or(root.line, |o| doc.node(o).line)),
        );
    }
    let default = orgs_el.and_then(|o| doc.node(o).attr("default")).map(str::trim);
    let default_org = match default {
        Some(id) => {
            let found = orgs
                .iter()
                .copied()
                .find(|&o| doc.node(o).attr("identifier").map(str::trim) == Some(id));
            if found.is_none() && !orgs.is_empty() {
                let line = orgs_el.map_or(root.line, |o| doc.node(o).line);
                out.push(
                    Finding::new(FindingKind::DefaultOrganizationMissing { id: id.to_owned() })
                        .at(line),
                );
            }
            found.or(orgs.first().copied())
        }
        None => orgs.first().copied(),
    };
    for &org in &orgs {
        let mut stack: Vec<usize> = doc.children(org, cp, "item").collect();
        stack.reverse();
        while let Some(item) = stack.pop() {
            let n = doc.node(item);
            let item_id = n.attr("identifier").unwrap_or("").trim().to_owned();
            let kids: Vec<usize> = doc.children(item, cp, "item").collect();
            stack.extend(kids.iter().rev());
            match n.attr("identifierref").map(str::trim) {
                Some(r) => match by_id.get(r) {
                    Some(&ri) => {
                        launched.insert(ri);
                        let res = &resources[ri];
                        match &res.href {
                            None => out.push(
                                Finding::new(FindingKind::ItemWithoutLaunch {
                                    item: item_id.clone(),
                                    resource: r.to_owned(),
                                })
                                .at(n.line),
                            ),
                            Some(href) if Some(org) == default_org => {
                                let title = doc
                                    .child(item, cp, "title")
                                    .map(|t| schema::text_of(doc.node(t)))
                                    .unwrap_or_default();
                                let (mastery, found) = mastery(doc, item, version);
                                out.extend(found);
                                let target = match files.find(&ref_bases(&res.bases), href, true) {
                                    Found::File(p) | Found::WrongCase(p) | Found::Missing(p) => p,
                                    _ => href.clone(),
                                };
                                launches.push((
                                    Launch {
                                        identifier: item_id.clone(),
                                        title,
                                        href: target,
                                        sco: res.scorm_type.as_deref().map(str::trim)
                                            == Some("sco"),
                                        mastery,
                                    },
                                    ri,
                                ));
                            }
                            Some(_) => {
                                let (_, found) = mastery(doc, item, version);
                                out.extend(found);
                            }
                        }
                    }
                    None if sub_manifests.contains(r) => {}
                    None => out.push(
                        Finding::new(FindingKind::ItemResourceMissing {
                            item: item_id.clone(),
                            identifierref: r.to_owned(),
                        })
                        .at(n.line),
                    ),
                },
                None if kids.is_empty() => out.push(
                    Finding::new(FindingKind::LeafItemWithoutResource { item: item_id.clone() })
                        .at(n.line),
                ),
                None => {}
            }
        }
    }

    // Each resource: its start file, its files, its dependencies, its type.
    for (ri, res) in resources.iter().enumerate() {
        let n = doc.node(res.node);
        let bases = ref_bases(&res.bases);
        if let Some(href) = &res.href {
            let found = files.find(&bases, href, true);
            let is_launched = launched.contains(&ri);
            if let Found::Missing(p) = &found
                && is_launched
            {
                out.push(
                    Finding::new(FindingKind::LaunchFileMissing {
                        href: p.clone(),
                        resource: res.id.clone(),
                    })
                    .at(n.line),
                );
            } else {
                reference(&mut out, &mut listed, found, href, n.line);
            }
        }
        for f in doc.children(res.node, cp, "file") {
            let fnode = doc.node(f);
            if let Some(href) = fnode.attr("href") {
                let found = files.find(&bases, href, false);
                reference(&mut out, &mut listed, found, href, fnode.line);
            }
        }
        for d in doc.children(res.node, cp, "dependency") {
            let dnode = doc.node(d);
            if let Some(r) = dnode.attr("identifierref").map(str::trim)
                && !by_id.contains_key(r)
            {
                out.push(
                    Finding::new(FindingKind::DependencyMissing {
                        resource: res.id.clone(),
                        identifierref: r.to_owned(),
                    })
                    .at(dnode.line),
                );
            }
        }
        if res.scorm_type.is_none() {
            out.push(
                Finding::new(FindingKind::ScormTypeMissing {
                    resource: res.id.clone(),
                    found: res.near_miss.clone(),
                    expected: scorm_type_qname(version),
                    launched: launched.contains(&ri),
                })
                .at(n.line),
            );
        }
    }

    // Metadata files (`adlcp:location`) are part of the package too.
    for n in doc.nodes.iter().filter(|n| n.is(ADLCP12, "location") || n.is(ADLCP2004, "location")) {
        let href = schema::text_of(n);
        let found = files.find(&[], &href, false);
        reference(&mut out, &mut listed, found, &href, n.line);
    }

    // What kind of parts the course has, and which one Open edX starts.
    if !launches.is_empty() && !launches.iter().any(|(l, _)| l.sco) {
        let line = default_org.map_or(root.line, |o| doc.node(o).line);
        out.push(Finding::new(FindingKind::NoSco).at(line));
    }
    let first_with_href = resources.iter().position(|r| r.href.is_some());
    if let (Some(first), Some((launch, ri))) = (first_with_href, launches.first())
        && first != *ri
    {
        let r = &resources[first];
        let first_href = r.href.clone().unwrap_or_default();
        out.push(
            Finding::new(FindingKind::FirstResourceNotLaunched {
                first: first_href,
                launched: launch.href.clone(),
            })
            .at(doc.node(r.node).line),
        );
    }

    Outcome {
        findings: out,
        launches: launches.into_iter().map(|(l, _)| l).collect(),
        schema_version,
    }
    .with_unlisted(files, &listed)
}

impl Outcome {
    /// Adds a warning for each file in the zip that nothing lists.
    fn with_unlisted(mut self, files: &Files, listed: &BTreeSet<String>) -> Outcome {
        // A name that escapes the folder is reported as such (KV9002).
        let unlisted = files.exact.iter().filter(|n| !listed.contains(*n));
        for name in unlisted.filter(|n| super::zip::unsafe_name(n).is_none()) {
            self.findings.push(Finding::new(FindingKind::FileNotListed).file(name));
        }
        self
    }
}

fn ref_bases(bases: &[Option<String>; 3]) -> [Option<&str>; 3] {
    [bases[0].as_deref(), bases[1].as_deref(), bases[2].as_deref()]
}

/// Records a path the manifest names: listed if it exists, a finding if not.
fn reference(
    out: &mut Vec<Finding>,
    listed: &mut BTreeSet<String>,
    found: Found,
    href: &str,
    line: usize,
) {
    let kind = match found {
        Found::File(p) => {
            listed.insert(p);
            return;
        }
        Found::Empty => return,
        Found::WrongCase(actual) => {
            listed.insert(actual.clone());
            FindingKind::FileWrongCase { href: href.trim().to_owned(), actual }
        }
        Found::Missing(p) => FindingKind::FileMissing { href: p },
        Found::Outside => FindingKind::FileOutsidePackage { href: href.trim().to_owned() },
        Found::External => FindingKind::ExternalUrl { href: href.trim().to_owned() },
    };
    out.push(Finding::new(kind).at(line));
}

/// The local name of the SCO/asset attribute.
fn scorm_type_name(version: Version) -> &'static str {
    match version {
        Version::Scorm12 => "scormtype",
        Version::Scorm2004 => "scormType",
    }
}

/// The SCO/asset attribute as written.
fn scorm_type_qname(version: Version) -> &'static str {
    match version {
        Version::Scorm12 => "adlcp:scormtype",
        Version::Scorm2004 => "adlcp:scormType",
    }
}

/// An item's passing score: 1.2's `adlcp:masteryscore`, 2004's primary
/// objective's `imsss:minNormalizedMeasure`.
fn mastery(doc: &Doc, item: usize, version: Version) -> (Option<Mastery>, Vec<Finding>) {
    let mut out = Vec::new();
    match version {
        Version::Scorm12 => {
            let Some(m) = doc.node(item).children.iter().copied().find(|&c| {
                let n = doc.node(c);
                n.name == "masteryscore"
                    && (n.ns.as_deref() == Some(ADLCP12) || n.ns.as_deref() == Some(ADLCP2004))
            }) else {
                return (None, out);
            };
            let value = schema::text_of(doc.node(m));
            if !super::mastery_score_valid(&value) {
                out.push(
                    Finding::new(FindingKind::MasteryScoreInvalid { value: value.clone() })
                        .at(doc.node(m).line),
                );
            }
            (Some(Mastery::Score12(value)), out)
        }
        Version::Scorm2004 => {
            let primary = doc
                .child(item, IMSSS, "sequencing")
                .and_then(|s| doc.child(s, IMSSS, "objectives"))
                .and_then(|o| doc.child(o, IMSSS, "primaryObjective"));
            let Some(p) = primary else { return (None, out) };
            let by_measure = doc
                .node(p)
                .attr("satisfiedByMeasure")
                .is_some_and(|v| matches!(v.trim(), "true" | "1"));
            let threshold = doc
                .child(p, IMSSS, "minNormalizedMeasure")
                .map(|m| schema::text_of(doc.node(m)))
                .filter(|t| !t.is_empty());
            if threshold.is_none() && !by_measure {
                return (None, out);
            }
            // The schema's default when the element is absent or empty.
            let threshold = threshold.unwrap_or_else(|| "1.0".to_owned());
            if by_measure {
                out.push(
                    Finding::new(FindingKind::PassFromMeasure { threshold: threshold.clone() })
                        .at(doc.node(p).line),
                );
            }
            (Some(Mastery::Measure2004 { threshold, decided_by_lms: by_measure }), out)
        }
    }
}

/// File names and types an LMS may serve wrongly; needs no manifest.
///
/// From `lms-notes.md`: Moodle sends `.wasm`, `.mjs` and web fonts as
/// unknown data (`application/octet-stream`). That breaks a module script
/// (browsers refuse it: an error) and a streaming WebAssembly load without
/// a fallback (a warning, see [`streams_without_fallback`]); fonts are not
/// flagged, because browsers use a font whatever type it is sent as.
/// Spaces, non-ASCII letters and `#?%` in names are warnings.
pub(crate) fn names(archive: &mut Archive<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let entries: Vec<Entry> = archive.entries.iter().filter(|e| !e.is_dir).cloned().collect();
    for e in &entries {
        if let Some(risk) = name_risk(&e.name) {
            out.push(Finding::new(FindingKind::RiskyName { risk }).file(&e.name));
        }
        if extension(&e.name) == "mjs" {
            out.push(Finding::new(FindingKind::ModuleScript).file(&e.name));
        }
    }
    let wasm: Vec<&Entry> = entries.iter().filter(|e| extension(&e.name) == "wasm").collect();
    if !wasm.is_empty() && streams_without_fallback(archive, &entries) {
        for e in wasm {
            out.push(Finding::new(FindingKind::WasmWithoutFallback).file(&e.name));
        }
    }
    out
}

fn extension(name: &str) -> String {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default()
}

fn name_risk(name: &str) -> Option<NameRisk> {
    if name.contains(' ') {
        return Some(NameRisk::Space);
    }
    if !name.is_ascii() {
        return Some(NameRisk::NonAscii);
    }
    name.chars().find(|c| matches!(c, '#' | '?' | '%')).map(NameRisk::UrlCharacter)
}

/// Whether the package's scripts load WebAssembly with a streaming call
/// (which fails when the server sends `.wasm` as unknown data, as Moodle
/// does) and nowhere read bytes with `arrayBuffer()` to fall back on. A
/// look at the text, not a run of the code: a loader that neither streams
/// nor falls back is not flagged, and scripts past the read cap are not
/// read.
fn streams_without_fallback(archive: &mut Archive<'_>, entries: &[Entry]) -> bool {
    const CAP_EACH: u64 = 8 << 20;
    const CAP_ALL: u64 = 64 << 20;
    let mut read = 0u64;
    let (mut streams, mut falls_back) = (false, false);
    for e in entries
        .iter()
        .filter(|e| matches!(extension(&e.name).as_str(), "js" | "mjs" | "html" | "htm"))
    {
        if read.saturating_add(e.size.min(CAP_EACH)) > CAP_ALL {
            break;
        }
        let Ok(bytes) = archive.read(e, CAP_EACH) else { continue };
        read += bytes.len() as u64;
        let text = String::from_utf8_lossy(&bytes);
        streams |= text.contains("instantiateStreaming") || text.contains("compileStreaming");
        falls_back |= text.contains("arrayBuffer");
    }
    streams && !falls_back
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> Files {
        let entries: Vec<Entry> = names.iter().map(|n| Entry::test(n)).collect();
        Files::new(&entries)
    }

    #[test]
    fn paths_resolve_as_an_lms_resolves_them() {
        let f = files(&["index.html", "shared/a b.js", "Media/Pic.png", "x/y.html"]);
        assert_eq!(f.find(&[], "index.html?x=1#p", true), Found::File("index.html".into()));
        assert_eq!(f.find(&[], "shared/a%20b.js", false), Found::File("shared/a b.js".into()));
        assert_eq!(
            f.find(&[Some("shared/")], "a b.js", false),
            Found::File("shared/a b.js".into())
        );
        assert_eq!(
            f.find(&[Some("x"), None, Some("./")], "y.html", false),
            Found::File("x/y.html".into())
        );
        assert_eq!(f.find(&[], "media/pic.png", false), Found::WrongCase("Media/Pic.png".into()));
        assert_eq!(f.find(&[], "x/../index.html", false), Found::File("index.html".into()));
        assert_eq!(f.find(&[], "../index.html", false), Found::Outside);
        assert_eq!(f.find(&[], "/index.html", false), Found::Outside);
        assert_eq!(f.find(&[], "https://cdn.example.org/a.js", false), Found::External);
        assert_eq!(f.find(&[], "gone.html", false), Found::Missing("gone.html".into()));
        assert_eq!(f.find(&[], " ", false), Found::Empty);
    }

    #[test]
    fn risky_names() {
        assert_eq!(name_risk("my page.html"), Some(NameRisk::Space));
        assert_eq!(name_risk("bilder/älg.png"), Some(NameRisk::NonAscii));
        assert_eq!(name_risk("a#b.html"), Some(NameRisk::UrlCharacter('#')));
        assert_eq!(name_risk("player/kursverk_bg.wasm"), None);
    }
}
