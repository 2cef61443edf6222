//! `imsmanifest.xml` for SCORM 1.2 and 2004, written with quick-xml.
//!
//! Both versions describe the same thing — one organization, one item per
//! SCO, one resource listing every file — under different namespaces and
//! schema files, so one writer serves both and only the version-specific
//! names differ. Identifiers are derived from the course id (already
//! checked to be ASCII), and every file in the package is listed.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::model::Course;
use kursverk_player::model::scorm::Version;

/// The schema files each version's manifest names; they go into the
/// package root next to it.
pub fn schema_files(version: Version) -> &'static [(&'static str, &'static [u8])] {
    macro_rules! xsd {
        ($dir:literal, $($name:literal),*) => {
            &[$(($name, include_bytes!(concat!("../../assets/xsd/", $dir, "/", $name)) as &[u8])),*]
        };
    }
    match version {
        Version::Scorm12 => xsd!(
            "scorm12",
            "adlcp_rootv1p2.xsd",
            "ims_xml.xsd",
            "imscp_rootv1p1p2.xsd",
            "imsmd_rootv1p2p1.xsd"
        ),
        Version::Scorm2004 => xsd!(
            "scorm2004",
            "XMLSchema.dtd",
            "adlcp_v1p3.xsd",
            "adlnav_v1p3.xsd",
            "adlseq_v1p3.xsd",
            "datatypes.dtd",
            "imscp_v1p1.xsd",
            "imsss_v1p0.xsd",
            "imsss_v1p0auxresource.xsd",
            "imsss_v1p0control.xsd",
            "imsss_v1p0delivery.xsd",
            "imsss_v1p0limit.xsd",
            "imsss_v1p0objective.xsd",
            "imsss_v1p0random.xsd",
            "imsss_v1p0rollup.xsd",
            "imsss_v1p0seqrule.xsd",
            "imsss_v1p0util.xsd",
            "xml.xsd"
        ),
    }
}

/// One SCO of a package: an item in the organization and a resource.
#[derive(Debug, Clone)]
pub struct Sco {
    /// Identifier suffix, unique in the package (ASCII).
    pub key: String,
    /// The title the LMS shows.
    pub title: String,
    /// The launch file.
    pub href: String,
    /// The files only this SCO uses (its launch file first).
    pub files: Vec<String>,
}

/// Writes the manifest: one item and one SCO resource per entry of `scos`,
/// and, when `shared` is not empty, one asset resource holding the files
/// all SCOs use (the player, media, schemas), on which each SCO depends.
pub fn write(
    course: &Course,
    version: Version,
    scos: &[Sco],
    shared: &[String],
) -> io::Result<String> {
    let meta = &course.player;
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let (namespaces, schema_version) = namespaces(version);
    let manifest_id = format!("{}-{}", meta.id, version.name());
    let plan = Plan {
        meta,
        version,
        scos,
        shared,
        org_id: format!("{}-org", meta.id),
        shared_id: format!("{}-shared", meta.id),
        scorm_type: match version {
            Version::Scorm12 => "adlcp:scormtype",
            Version::Scorm2004 => "adlcp:scormType",
        },
        mastery: meta.mastery_score.to_string(),
        // Moodle rewrites 1.2 statuses from this; only when the author wants
        // passed/failed reported (with "completed" the rewrite would undo it).
        has_graded: meta.questions.iter().any(|q| q.graded())
            && meta.status12 == kursverk_player::model::Status12::PassedFailed,
    };
    w.create_element("manifest")
        .with_attribute(("identifier", manifest_id.as_str()))
        .with_attribute(("version", version_attr(&meta.version).as_str()))
        .with_attributes(namespaces.iter().copied())
        .write_inner_content(|w| {
            w.create_element("metadata").write_inner_content(|w| {
                text(w, "schema", "ADL SCORM")?;
                text(w, "schemaversion", schema_version)
            })?;
            organizations(w, &plan)?;
            resources(w, &plan)
        })?;
    let mut xml = String::from_utf8(w.into_inner()).expect("quick-xml writes UTF-8");
    xml.push('\n');
    Ok(xml)
}

/// What one manifest says, worked out once.
struct Plan<'a> {
    meta: &'a kursverk_player::model::Course,
    version: Version,
    scos: &'a [Sco],
    shared: &'a [String],
    org_id: String,
    shared_id: String,
    scorm_type: &'static str,
    mastery: String,
    has_graded: bool,
}

/// The version's namespaces and schema locations, and its schema version.
fn namespaces(version: Version) -> (&'static [(&'static str, &'static str)], &'static str) {
    match version {
        Version::Scorm12 => (
            &[
                ("xmlns", "http://www.imsproject.org/xsd/imscp_rootv1p1p2"),
                ("xmlns:adlcp", "http://www.adlnet.org/xsd/adlcp_rootv1p2"),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                (
                    "xsi:schemaLocation",
                    "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd \
                     http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd \
                     http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd",
                ),
            ],
            "1.2",
        ),
        Version::Scorm2004 => (
            &[
                ("xmlns", "http://www.imsglobal.org/xsd/imscp_v1p1"),
                ("xmlns:adlcp", "http://www.adlnet.org/xsd/adlcp_v1p3"),
                ("xmlns:adlseq", "http://www.adlnet.org/xsd/adlseq_v1p3"),
                ("xmlns:adlnav", "http://www.adlnet.org/xsd/adlnav_v1p3"),
                ("xmlns:imsss", "http://www.imsglobal.org/xsd/imsss"),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                (
                    "xsi:schemaLocation",
                    "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd \
                     http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd \
                     http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd \
                     http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd \
                     http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd",
                ),
            ],
            "2004 4th Edition",
        ),
    }
}

/// `<organizations>`: one item per SCO, with the 1.2 mastery score when
/// the LMS should derive passed/failed from it.
fn organizations<W: io::Write>(w: &mut Writer<W>, plan: &Plan<'_>) -> io::Result<()> {
    let Plan { meta, version, scos, org_id, has_graded, mastery, .. } = plan;
    let (version, has_graded, scos) = (*version, *has_graded, *scos);
    w.create_element("organizations")
        .with_attribute(("default", org_id.as_str()))
        .write_inner_content(|w| {
            w.create_element("organization")
                .with_attribute(("identifier", org_id.as_str()))
                .write_inner_content(|w| {
                    text(w, "title", &meta.title)?;
                    for sco in scos {
                        let item_id = format!("{}-item", sco.key);
                        let res_id = format!("{}-sco", sco.key);
                        w.create_element("item")
                            .with_attribute(("identifier", item_id.as_str()))
                            .with_attribute(("identifierref", res_id.as_str()))
                            .write_inner_content(|w| {
                                text(w, "title", &sco.title)?;
                                // Moodle derives passed/failed from
                                // this in 1.2; the player reports
                                // the same.
                                if version == Version::Scorm12 && has_graded {
                                    text(w, "adlcp:masteryscore", mastery)?;
                                }
                                Ok(())
                            })?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

/// `<resources>`: each SCO with its files, and the shared files as one
/// asset they depend on.
fn resources<W: io::Write>(w: &mut Writer<W>, plan: &Plan<'_>) -> io::Result<()> {
    let Plan { scos, shared, shared_id, scorm_type, .. } = plan;
    let (scos, shared, scorm_type) = (*scos, *shared, *scorm_type);
    w.create_element("resources").write_inner_content(|w| {
        for sco in scos {
            let res_id = format!("{}-sco", sco.key);
            w.create_element("resource")
                .with_attribute(("identifier", res_id.as_str()))
                .with_attribute(("type", "webcontent"))
                .with_attribute((scorm_type, "sco"))
                .with_attribute(("href", sco.href.as_str()))
                .write_inner_content(|w| {
                    for f in &sco.files {
                        w.create_element("file")
                            .with_attribute(("href", f.as_str()))
                            .write_empty()?;
                    }
                    if !shared.is_empty() {
                        w.create_element("dependency")
                            .with_attribute(("identifierref", shared_id.as_str()))
                            .write_empty()?;
                    }
                    Ok(())
                })?;
        }
        if !shared.is_empty() {
            w.create_element("resource")
                .with_attribute(("identifier", shared_id.as_str()))
                .with_attribute(("type", "webcontent"))
                .with_attribute((scorm_type, "asset"))
                .write_inner_content(|w| {
                    for f in shared {
                        w.create_element("file")
                            .with_attribute(("href", f.as_str()))
                            .write_empty()?;
                    }
                    Ok(())
                })?;
        }
        Ok(())
    })?;
    Ok(())
}

fn text<W: io::Write>(w: &mut Writer<W>, name: &str, value: &str) -> io::Result<()> {
    // XML 1.0 has no place for most control characters: the loader
    // replaces them, and this keeps any that slip through out of the file.
    let value: String = value.chars().filter(|c| !crate::source::names::forbidden(*c)).collect();
    w.create_element(name).write_text_content(BytesText::new(&value))?;
    Ok(())
}

/// The manifest's `version` attribute is at most 20 characters in 1.2.
fn version_attr(v: &str) -> String {
    v.chars().take(20).collect()
}
