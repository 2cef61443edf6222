//! `kursverk inspect`: what an LMS will make of a SCORM or cmi5 zip, any
//! tool's.
//!
//! A trainer gets a zip from somewhere (Kursverk, an authoring tool, a
//! colleague) and wants to know, before uploading it, whether the LMS will
//! take it and run it as intended. [`inspect`] answers from the bytes
//! alone, in the order an LMS meets them:
//!
//! 1. the zip (`zip.rs`): readable, no names that escape the folder or
//!    collide, a size the LMS accepts;
//! 2. what kind of package it is: `imsmanifest.xml` at the top is SCORM,
//!    else `cmi5.xml` at the top is cmi5 (either in a folder, or in other
//!    case, is a finding); well-formed XML (`xml.rs`), SCORM 1.2 or 2004,
//!    or cmi5's `<courseStructure>`;
//! 3. the official schemas' rules (`schema.rs`, by hand: see there why):
//!    SCORM's, or cmi5's course structure;
//! 4. the rest of what an LMS relies on: for SCORM (`checks.rs`) every
//!    named file present and every file named, what each item starts, SCO
//!    or asset, the passing score and what Moodle does with it; for cmi5
//!    (`cmi5.rs`) ids that are absolute and unique, each AU's page in the
//!    zip; for both, file names and types Moodle serves wrongly.
//!
//! Findings carry facts; [`findings`] holds every word, Swedish and
//! English. The input is untrusted: nothing here panics on any bytes, and
//! only a capped amount of any entry is ever decompressed.

mod checks;
mod cmi5;
pub mod findings;
mod schema;
mod xml;
mod zip;

use kursverk_player::model::Language;
use kursverk_player::model::scorm::Version;

use findings::SummaryWord;
pub use findings::{Finding, FindingKind, NameRisk, Severity, UnsafeName, ValueRule};

/// The manifest's name, at the top of the zip.
pub const MANIFEST: &str = "imsmanifest.xml";

/// A cmi5 package's course structure, at the top of the zip (spec 14).
pub const CMI5_XML: &str = "cmi5.xml";

/// Above this, Moodle with PHP's default upload limit (`upload_max_filesize
/// = 2M`) refuses the upload.
pub const UPLOAD_LIMIT: u64 = 2 * 1024 * 1024;

/// The most of the manifest that is decompressed; a large real manifest
/// is a few hundred kilobytes.
const MANIFEST_CAP: u64 = 16 << 20;

/// What [`inspect`] found out about a package.
#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    /// The SCORM version its manifest is written in, if it is SCORM.
    pub version: Option<Version>,
    /// Whether it is a cmi5 package: `cmi5.xml` at the top, and no
    /// manifest (whatever the file holds: its problems are findings).
    pub cmi5: bool,
    /// What its `<schemaversion>` says.
    pub schema_version: Option<String>,
    /// Everything found, in the order an LMS meets it.
    pub findings: Vec<Finding>,
    /// Files in the zip (folders not counted).
    pub files: usize,
    /// Their unpacked size, as the zip claims it.
    pub total_bytes: u64,
    /// The zip's own size.
    pub zip_bytes: u64,
    /// What the default organisation's items start, in order.
    pub launches: Vec<Launch>,
    /// A cmi5 package's AUs, in order (in blocks or not).
    pub aus: Vec<Au>,
}

/// One AU of a cmi5 package.
#[derive(Debug, Clone, PartialEq)]
pub struct Au {
    /// Its `id`, trimmed.
    pub id: String,
    /// Its first title (its id when it has none).
    pub title: String,
    /// The file it starts (resolved from the zip's top, without query), or
    /// the address as written when it is not in the package.
    pub url: String,
    /// Its page is not in the package (an absolute address).
    pub external: bool,
    /// `moveOn` as written (the LMS takes `NotApplicable` when missing).
    pub move_on: Option<String>,
    /// `masteryScore` as written, trimmed.
    pub mastery_score: Option<String>,
    /// `launchMethod` as written (`AnyWindow` when missing).
    pub launch_method: Option<String>,
}

/// One item of the course an LMS can start.
#[derive(Debug, Clone, PartialEq)]
pub struct Launch {
    /// The item's identifier.
    pub identifier: String,
    /// The item's title.
    pub title: String,
    /// The file it starts (resolved, without query).
    pub href: String,
    /// A SCO (reports to the LMS), rather than an asset.
    pub sco: bool,
    /// Its passing score, if the manifest gives one.
    pub mastery: Option<Mastery>,
}

/// Whether a 1.2 mastery score is what SCORM 1.2 allows: a number from 0
/// to 100.
fn mastery_score_valid(value: &str) -> bool {
    value.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && value.parse::<f64>().is_ok_and(|v| (0.0..=100.0).contains(&v))
}

/// A passing score in the manifest.
#[derive(Debug, Clone, PartialEq)]
pub enum Mastery {
    /// SCORM 1.2's `adlcp:masteryscore` (0–100), as written (KV9050 says
    /// when it is not a number from 0 to 100).
    Score12(String),
    /// SCORM 2004's `imsss:minNormalizedMeasure` (−1 to 1).
    Measure2004 {
        /// The value.
        threshold: String,
        /// `satisfiedByMeasure="true"`: the LMS should decide passed from
        /// it (Moodle does not).
        decided_by_lms: bool,
    },
}

/// Inspects a SCORM or cmi5 zip. Never panics; any input gives an
/// [`Inspection`] (garbage gives one finding, [`FindingKind::NotAZip`]).
pub fn inspect(zip_bytes: &[u8]) -> Inspection {
    let mut ins = Inspection {
        version: None,
        cmi5: false,
        schema_version: None,
        findings: Vec::new(),
        files: 0,
        total_bytes: 0,
        zip_bytes: zip_bytes.len() as u64,
        launches: Vec::new(),
        aus: Vec::new(),
    };
    let Ok(mut archive) = zip::Archive::open(zip_bytes) else {
        ins.findings.push(Finding::new(FindingKind::NotAZip));
        return ins;
    };
    let files = archive.entries.iter().filter(|e| !e.is_dir);
    ins.files = files.clone().count();
    ins.total_bytes = files.fold(0u64, |sum, e| sum.saturating_add(e.size));
    ins.findings.extend(archive.name_findings());
    if ins.total_bytes > 1 << 30
        || (ins.total_bytes > 100 << 20 && ins.total_bytes / ins.zip_bytes.max(1) > 100)
    {
        ins.findings.push(Finding::new(FindingKind::ZipBomb {
            unpacked: ins.total_bytes,
            zipped: ins.zip_bytes,
        }));
    }
    if ins.zip_bytes > UPLOAD_LIMIT {
        ins.findings.push(Finding::new(FindingKind::LargePackage { bytes: ins.zip_bytes }));
    }
    ins.findings.extend(checks::names(&mut archive));

    let entry = match locate(&archive, &mut ins.findings) {
        Located::Scorm(entry) => entry,
        Located::Cmi5(entry) => {
            inspect_cmi5(&mut archive, &entry, &mut ins);
            return ins;
        }
        Located::Nothing => return ins,
    };
    let bytes = match archive.read(&entry, MANIFEST_CAP) {
        Ok(b) => b,
        Err(e) => {
            let too_large = matches!(e, zip::ReadError::TooLarge);
            ins.findings
                .push(Finding::new(FindingKind::ManifestUnreadable { too_large }).file(MANIFEST));
            return ins;
        }
    };
    let doc = match xml::decode(&bytes).and_then(|text| xml::parse(&text)) {
        Ok(doc) => doc,
        Err(e) => {
            let finding = match e {
                xml::XmlError::Encoding { detail } => {
                    Finding::new(FindingKind::ManifestEncoding { encoding: detail }).file(MANIFEST)
                }
                xml::XmlError::Malformed { detail, line, column } => {
                    let mut f = Finding::new(FindingKind::ManifestMalformed { detail }).at(line);
                    f.column = Some(column);
                    f
                }
                xml::XmlError::TooBig => Finding::new(FindingKind::ManifestTooBig).file(MANIFEST),
            };
            ins.findings.push(finding);
            return ins;
        }
    };
    let root = doc.node(0);
    let version = match root.ns.as_deref() {
        Some(schema::CP12) if root.name == "manifest" => Version::Scorm12,
        Some(schema::CP2004) if root.name == "manifest" => Version::Scorm2004,
        _ => {
            ins.findings.push(
                Finding::new(FindingKind::NotScorm {
                    root: root.qname.clone(),
                    namespace: root.ns.clone(),
                })
                .at(root.line),
            );
            return ins;
        }
    };
    ins.version = Some(version);
    let outcome = checks::manifest(&doc, version, &checks::Files::new(&archive.entries));
    ins.findings.extend(outcome.findings);
    ins.schema_version = outcome.schema_version;
    ins.launches = outcome.launches;
    ins
}

/// What kind of package the zip holds, by the file at its top.
enum Located {
    /// `imsmanifest.xml`.
    Scorm(zip::Entry),
    /// `cmi5.xml`, and no manifest.
    Cmi5(zip::Entry),
    /// Neither (what is wrong is in the findings).
    Nothing,
}

/// Finds `imsmanifest.xml` or else `cmi5.xml` at the top of the zip, or
/// says where one is instead (other case, a folder) or that both are
/// missing.
fn locate(archive: &zip::Archive<'_>, out: &mut Vec<Finding>) -> Located {
    let files: Vec<&zip::Entry> = archive.entries.iter().filter(|e| !e.is_dir).collect();
    if let Some(e) = files.iter().find(|e| e.name == MANIFEST) {
        return Located::Scorm((*e).clone());
    }
    if let Some(e) = files.iter().find(|e| e.name == CMI5_XML) {
        return Located::Cmi5((*e).clone());
    }
    if let Some(e) = files.iter().find(|e| e.name.eq_ignore_ascii_case(MANIFEST)) {
        out.push(
            Finding::new(FindingKind::ManifestWrongCase { found: e.name.clone() }).file(&e.name),
        );
        return Located::Nothing;
    }
    if let Some(e) = files.iter().find(|e| e.name.eq_ignore_ascii_case(CMI5_XML)) {
        out.push(Finding::new(FindingKind::Cmi5WrongCase { found: e.name.clone() }).file(&e.name));
        return Located::Nothing;
    }
    let nested = |name: &str| {
        files
            .iter()
            .filter(|e| {
                e.name.rsplit(['/', '\\']).next().is_some_and(|n| n.eq_ignore_ascii_case(name))
            })
            .min_by_key(|e| e.name.len())
            .map(|e| e.name.clone())
    };
    match (nested(MANIFEST), nested(CMI5_XML)) {
        (Some(path), _) => {
            out.push(
                Finding::new(FindingKind::ManifestInFolder { path: path.clone() }).file(&path),
            );
        }
        (None, Some(path)) => {
            out.push(Finding::new(FindingKind::Cmi5InFolder { path: path.clone() }).file(&path));
        }
        (None, None) => out.push(Finding::new(FindingKind::ManifestMissing)),
    }
    Located::Nothing
}

/// Reads and checks `cmi5.xml`, as an LMS imports it.
fn inspect_cmi5(archive: &mut zip::Archive<'_>, entry: &zip::Entry, ins: &mut Inspection) {
    ins.cmi5 = true;
    let bytes = match archive.read(entry, MANIFEST_CAP) {
        Ok(b) => b,
        Err(e) => {
            let too_large = matches!(e, zip::ReadError::TooLarge);
            ins.findings
                .push(Finding::new(FindingKind::Cmi5Unreadable { too_large }).file(CMI5_XML));
            return;
        }
    };
    let doc = match xml::decode(&bytes).and_then(|text| xml::parse(&text)) {
        Ok(doc) => doc,
        Err(e) => {
            let finding = match e {
                xml::XmlError::Encoding { detail } => {
                    Finding::new(FindingKind::Cmi5Encoding { encoding: detail }).file(CMI5_XML)
                }
                xml::XmlError::Malformed { detail, line, column } => {
                    let mut f =
                        Finding::new(FindingKind::Cmi5Malformed { detail }).place(CMI5_XML, line);
                    f.column = Some(column);
                    f
                }
                xml::XmlError::TooBig => Finding::new(FindingKind::Cmi5TooBig).file(CMI5_XML),
            };
            ins.findings.push(finding);
            return;
        }
    };
    let root = doc.node(0);
    if !root.is(schema::CMI5, "courseStructure") {
        let kind = FindingKind::NotCmi5 { root: root.qname.clone(), namespace: root.ns.clone() };
        ins.findings.push(Finding::new(kind).place(CMI5_XML, root.line));
        return;
    }
    let outcome = cmi5::check(&doc, &checks::Files::new(&archive.entries));
    ins.findings.extend(outcome.findings);
    ins.aus = outcome.aus;
}

impl Inspection {
    /// Counts of errors and warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self.findings.iter().filter(|f| f.severity == Severity::Error).count();
        (errors, self.findings.len() - errors)
    }

    /// Whether an LMS will fail on the package (`inspect` exits with 1).
    pub fn has_errors(&self) -> bool {
        self.counts().0 > 0
    }

    /// SCOs and assets among the items the LMS can start.
    pub fn scos(&self) -> (usize, usize) {
        let scos = self.launches.iter().filter(|l| l.sco).count();
        (scos, self.launches.len() - scos)
    }

    /// The findings, then a summary (version, SCOs, files, sizes, what the
    /// LMS does with the passing score), for people. At most
    /// [`crate::diagnostics::MAX_PER_KIND`] findings of one code are shown;
    /// the rest are counted.
    pub fn render_human(&self, lang: Language) -> String {
        let mut out = String::new();
        let mut seen: std::collections::BTreeMap<&str, usize> = Default::default();
        for f in &self.findings {
            let code = f.kind.code();
            let n = seen.entry(code).or_default();
            *n += 1;
            if *n > crate::diagnostics::MAX_PER_KIND {
                continue;
            }
            let place = match (&f.file, f.line) {
                (Some(file), Some(line)) => format!(" {file}:{line}"),
                (Some(file), None) => format!(" {file}"),
                (None, _) => String::new(),
            };
            let (message, hint) = f.kind.text(lang);
            out.push_str(&format!(
                "{} {code}{place}\n  {message}\n",
                SummaryWord::Severity(f.severity).text(lang)
            ));
            if let Some(hint) = hint {
                out.push_str(&format!("  {} {hint}\n", SummaryWord::Hint.text(lang)));
            }
            out.push('\n');
        }
        for (code, n) in seen.iter().filter(|(_, n)| **n > crate::diagnostics::MAX_PER_KIND) {
            let more = SummaryWord::More { count: n - crate::diagnostics::MAX_PER_KIND, code };
            out.push_str(&format!("{}\n\n", more.text(lang)));
        }
        if self.cmi5 {
            self.render_cmi5(lang, &mut out);
            return out;
        }
        let (scos, assets) = self.scos();
        let lines = [
            SummaryWord::Package {
                version: self.version,
                schema_version: self.schema_version.as_deref(),
            },
            SummaryWord::Contents {
                scos,
                assets,
                files: self.files,
                unpacked: self.total_bytes,
                zipped: self.zip_bytes,
            },
        ];
        for line in &lines {
            out.push_str(&line.text(lang));
            out.push('\n');
        }
        for l in &self.launches {
            out.push_str(
                &SummaryWord::Item { title: &l.title, href: &l.href, sco: l.sco }.text(lang),
            );
            out.push('\n');
            let note = match (&l.mastery, self.version) {
                (Some(Mastery::Score12(score)), _) if mastery_score_valid(score) => {
                    Some(SummaryWord::Mastery12 { score })
                }
                (Some(Mastery::Score12(_)), _) => None,
                (Some(Mastery::Measure2004 { threshold, .. }), _) => {
                    Some(SummaryWord::Measure2004 { threshold })
                }
                (None, Some(Version::Scorm12)) if l.sco => Some(SummaryWord::NoMastery12),
                (None, _) => None,
            };
            if let Some(note) = note {
                out.push_str(&note.text(lang));
                out.push('\n');
            }
        }
        if self.version == Some(Version::Scorm2004) {
            out.push_str(&SummaryWord::MoodleApp2004.text(lang));
            out.push('\n');
        }
        let (errors, warnings) = self.counts();
        out.push_str(&SummaryWord::Result { errors, warnings }.text(lang));
        out.push('\n');
        out
    }

    /// A cmi5 package's summary: its AUs, what each starts, when the LMS
    /// counts it as done, and what the package needs of the LMS.
    fn render_cmi5(&self, lang: Language, out: &mut String) {
        let mut lines = vec![
            SummaryWord::PackageCmi5.text(lang),
            SummaryWord::ContentsCmi5 {
                aus: self.aus.len(),
                files: self.files,
                unpacked: self.total_bytes,
                zipped: self.zip_bytes,
            }
            .text(lang),
        ];
        for au in &self.aus {
            let word = SummaryWord::Au { title: &au.title, url: &au.url, external: au.external };
            lines.push(word.text(lang));
            // A value the LMS cannot read is a finding; the line would
            // only repeat it.
            let move_on = au.move_on.as_deref().unwrap_or("NotApplicable");
            let mastery = au
                .mastery_score
                .as_deref()
                .filter(|m| m.parse::<f64>().is_ok_and(|v| (0.0..=1.0).contains(&v)));
            if schema::MOVE_ON.contains(&move_on) {
                let default = au.move_on.is_none();
                lines.push(SummaryWord::MoveOn { move_on, default, mastery }.text(lang));
            }
        }
        lines.push(SummaryWord::Cmi5Lms.text(lang));
        let (errors, warnings) = self.counts();
        lines.push(SummaryWord::Result { errors, warnings }.text(lang));
        for line in lines {
            out.push_str(&line);
            out.push('\n');
        }
    }

    /// The same as JSON: the summary's facts and a `findings` array whose
    /// objects have `severity`, `code`, `file`, `line`, `column`, `message`
    /// and `hint` (the fields `kursverk check --format json` uses). A cmi5
    /// package has `"version": "cmi5"` and its AUs in `aus` (`id`,
    /// `title`, `url`, `external`, and `move_on`, `mastery_score`,
    /// `launch_method` as written).
    pub fn to_json(&self, lang: Language) -> serde_json::Value {
        use serde_json::json;
        let findings: Vec<serde_json::Value> = self
            .findings
            .iter()
            .map(|f| {
                let (message, hint) = f.kind.text(lang);
                json!({
                    "severity": match f.severity { Severity::Error => "error", Severity::Warning => "warning" },
                    "code": f.kind.code(),
                    "file": f.file,
                    "line": f.line,
                    "column": f.column,
                    "message": message,
                    "hint": hint,
                })
            })
            .collect();
        let items: Vec<serde_json::Value> = self
            .launches
            .iter()
            .map(|l| {
                let (score, threshold, decided) = match &l.mastery {
                    Some(Mastery::Score12(s)) => (Some(s.as_str()), None, None),
                    Some(Mastery::Measure2004 { threshold, decided_by_lms }) => {
                        (None, Some(threshold.as_str()), Some(*decided_by_lms))
                    }
                    None => (None, None, None),
                };
                json!({
                    "identifier": l.identifier,
                    "title": l.title,
                    "href": l.href,
                    "type": if l.sco { "sco" } else { "asset" },
                    "mastery_score": score,
                    "passing_score": threshold,
                    "passed_decided_by_lms": decided,
                })
            })
            .collect();
        let aus: Vec<serde_json::Value> = self
            .aus
            .iter()
            .map(|a| {
                json!({
                    "id": a.id,
                    "title": a.title,
                    "url": a.url,
                    "external": a.external,
                    "move_on": a.move_on,
                    "mastery_score": a.mastery_score,
                    "launch_method": a.launch_method,
                })
            })
            .collect();
        let (errors, warnings) = self.counts();
        let (scos, assets) = self.scos();
        let version = match (self.cmi5, self.version) {
            (true, _) => Some("cmi5"),
            (false, v) => v.map(|v| v.name()),
        };
        json!({
            "version": version,
            "schemaversion": self.schema_version,
            "files": self.files,
            "total_bytes": self.total_bytes,
            "zip_bytes": self.zip_bytes,
            "scos": scos,
            "assets": assets,
            "items": items,
            "aus": aus,
            "errors": errors,
            "warnings": warnings,
            "findings": findings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_panics_on_garbage() {
        for bytes in [
            &b""[..],
            b"PK",
            b"PK\x03\x04garbage",
            b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
        ] {
            let ins = inspect(bytes);
            assert!(ins.has_errors());
        }
    }
}
