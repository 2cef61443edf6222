//! `kursverk inspect` on our own packages (clean), on packages broken on
//! purpose (each gives its code, in the right file and line), on packages
//! another tool made (`tests/fixtures/foreign/`), and its schema rules held
//! to xmllint's verdict over the official schemas.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use kursverk::Target;
use kursverk::inspect::{Finding, Inspection, Mastery, Severity, inspect};
use kursverk_player::model::Language;
use kursverk_player::model::scorm::Version;
use proptest::prelude::*;

use crate::prelude::*;

type Entries = Vec<(String, Vec<u8>)>;

/// Every package our real courses build to, built once for this module:
/// (file name, bytes).
fn our_packages() -> &'static [(String, Vec<u8>)] {
    static PACKAGES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    PACKAGES.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let mut all = Vec::new();
        for course in ["kugghjul", "handlaggning"] {
            let report = kursverk::build(
                &repo().join("courses").join(course),
                &[Target::Scorm12, Target::Scorm2004],
                out.path(),
            )
            .unwrap();
            assert!(report.ok(), "{course} does not build");
            for path in report.written {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                all.push((name, std::fs::read(&path).unwrap()));
            }
        }
        all
    })
}

fn package(name: &str) -> &'static [u8] {
    &our_packages().iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}")).1
}

fn unzip(bytes: &[u8]) -> Entries {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(name.as_str(), options).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The Kugghjul 1.2 package, changed by `f`, inspected.
fn broken(version: &str, f: impl FnOnce(&mut Entries)) -> Inspection {
    let mut entries = unzip(package(&format!("kugghjul-{version}.zip")));
    f(&mut entries);
    inspect(&rezip(&entries))
}

fn manifest_text(entries: &Entries) -> String {
    let m = entries.iter().find(|(n, _)| n == "imsmanifest.xml").expect("manifest");
    String::from_utf8(m.1.clone()).unwrap()
}

fn edit_manifest(entries: &mut Entries, f: impl FnOnce(String) -> String) {
    let text = manifest_text(entries);
    let new = f(text);
    for (n, data) in entries.iter_mut() {
        if n == "imsmanifest.xml" {
            *data = new.into_bytes();
            return;
        }
    }
}

/// The 1-based line of `needle` in the manifest.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in the manifest"));
    text[..at].matches('\n').count() + 1
}

/// (code, file, line) of each finding.
fn codes(ins: &Inspection) -> Vec<(&'static str, Option<String>, Option<usize>)> {
    ins.findings.iter().map(|f| (f.kind.code(), f.file.clone(), f.line)).collect()
}

fn has(ins: &Inspection, code: &str, file: Option<&str>) -> bool {
    ins.findings.iter().any(|f| f.kind.code() == code && f.file.as_deref() == file)
}

fn only(ins: &Inspection, code: &str) -> Finding {
    let all: Vec<&Finding> = ins.findings.iter().filter(|f| f.kind.code() == code).collect();
    assert_eq!(all.len(), 1, "{code}: {:#?}", codes(ins));
    all[0].clone()
}

#[test]
fn our_packages_are_clean() {
    for (name, bytes) in our_packages() {
        let ins = inspect(bytes);
        assert!(ins.findings.is_empty(), "{name}:\n{}", ins.render_human(Language::En));
        let version = if name.contains("scorm12") { Version::Scorm12 } else { Version::Scorm2004 };
        assert_eq!(ins.version, Some(version), "{name}");
        let (scos, assets) = ins.scos();
        assert_eq!(assets, 0, "{name}");
        if name.starts_with("kugghjul") {
            assert_eq!(scos, 1);
            assert_eq!(ins.launches[0].href, "index.html");
        } else {
            assert!(scos > 1, "{name}: one SCO per chapter");
        }
        assert!(ins.files > 5 && ins.total_bytes > ins.zip_bytes);
    }
    // Kugghjul reports passed/failed in 1.2, so its manifest carries the
    // mastery score, and the summary says what Moodle does with it.
    let ins = inspect(package("kugghjul-scorm12.zip"));
    assert!(matches!(&ins.launches[0].mastery, Some(Mastery::Score12(s)) if s == "80"));
    let human = ins.render_human(Language::Sv);
    assert!(
        human.contains("Godkäntgräns 80") && human.contains("Resultat: 0 fel, 0 varningar"),
        "{human}"
    );
}

#[test]
fn human_and_json_output_say_the_same() {
    let ins = broken("scorm12", |e| e.retain(|(n, _)| n != "media/bilder/sex-veckor.svg"));
    let json = ins.to_json(Language::En);
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{json:#}");
    let f = &findings[0];
    assert_eq!(f["severity"], "error");
    assert_eq!(f["code"], "KV9030");
    assert_eq!(f["file"], "imsmanifest.xml");
    assert!(f["line"].as_u64().unwrap() > 1);
    assert!(f["column"].is_null());
    assert!(f["message"].as_str().unwrap().contains("media/bilder/sex-veckor.svg"));
    assert!(f["hint"].is_string());
    for key in
        ["version", "files", "total_bytes", "zip_bytes", "scos", "items", "errors", "warnings"]
    {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(json["version"], "scorm12");
    assert_eq!(json["errors"], 1);
    let en = ins.render_human(Language::En);
    let sv = ins.render_human(Language::Sv);
    assert!(en.starts_with("error KV9030 imsmanifest.xml:"), "{en}");
    assert!(sv.starts_with("fel KV9030 imsmanifest.xml:"), "{sv}");
    assert!(en.contains("What to do:") && sv.contains("Gör så här:"));
    assert!(en.contains("Package:  SCORM 1.2 (schemaversion 1.2)"), "{en}");
}

#[test]
fn not_a_zip() {
    let ins = inspect(b"<html>this is a web page, not a package</html>");
    assert_eq!(codes(&ins), vec![("KV9001", None, None)]);
    assert!(ins.has_errors());
}

#[test]
fn missing_manifest() {
    let ins = broken("scorm12", |e| e.retain(|(n, _)| n != "imsmanifest.xml"));
    assert!(has(&ins, "KV9010", None), "{:?}", codes(&ins));
    assert!(ins.has_errors() && ins.version.is_none());
}

#[test]
fn manifest_in_a_folder() {
    // What zipping the course folder instead of its contents gives.
    let ins = broken("scorm2004", |e| {
        for (n, _) in e.iter_mut() {
            *n = format!("kugghjul/{n}");
        }
    });
    assert!(has(&ins, "KV9012", Some("kugghjul/imsmanifest.xml")), "{:?}", codes(&ins));
}

#[test]
fn manifest_in_the_wrong_case() {
    let ins = broken("scorm12", |e| {
        for (n, _) in e.iter_mut() {
            if n == "imsmanifest.xml" {
                *n = "IMSManifest.xml".into();
            }
        }
    });
    assert_eq!(codes(&ins), vec![("KV9011", Some("IMSManifest.xml".into()), None)]);
    let (message, hint) = ins.findings[0].kind.text(Language::En);
    assert!(message.contains("IMSManifest.xml") && hint.unwrap().contains("imsmanifest.xml"));
}

#[test]
fn missing_file_and_missing_start_file() {
    let mut text = String::new();
    let ins = broken("scorm12", |e| {
        text = manifest_text(e);
        e.retain(|(n, _)| n != "media/bilder/sex-veckor.svg");
    });
    let f = only(&ins, "KV9030");
    assert_eq!(f.line, Some(line_of(&text, "<file href=\"media/bilder/sex-veckor.svg\"")));
    assert_eq!(f.severity, Severity::Error);

    let ins = broken("scorm2004", |e| e.retain(|(n, _)| n != "index.html"));
    let f = only(&ins, "KV9032");
    assert!(f.kind.text(Language::Sv).0.contains("index.html"));
    // The file is also listed by <file>: missing there too.
    assert!(has(&ins, "KV9030", Some("imsmanifest.xml")));
}

#[test]
fn reference_in_the_wrong_case() {
    let ins = broken("scorm12", |e| {
        for (n, _) in e.iter_mut() {
            if n == "media/bilder/sex-veckor.svg" {
                *n = "media/bilder/Sex-Veckor.svg".into();
            }
        }
    });
    let f = only(&ins, "KV9031");
    assert!(f.kind.text(Language::En).0.contains("Sex-Veckor.svg"));
    assert!(!has(&ins, "KV9035", Some("media/bilder/Sex-Veckor.svg")), "counted as listed");
}

#[test]
fn invalid_xml() {
    let mut text = String::new();
    let ins = broken("scorm12", |e| {
        edit_manifest(e, |t| {
            text = t.replace("</organization>", "</organisation>");
            text.clone()
        })
    });
    let f = only(&ins, "KV9015");
    assert_eq!(f.line, Some(line_of(&text, "</organisation>")), "{f:?}");
    assert!(f.column.is_some());
    assert_eq!(ins.findings.len(), 1);
}

#[test]
fn schema_invalid_manifests() {
    // (what to change, the code, the text on the line it must point at)
    let cases: &[(&str, &str, &str, &str)] = &[
        ("<title>Kugghjul", "<bogus/><title>Kugghjul", "KV9020", "<bogus/>"),
        ("type=\"webcontent\" ", "", "KV9024", "<resource "),
        (
            "<title>Kugghjul – samverkan i barnavårdsutredningar</title>\n        <adlcp:masteryscore>80</adlcp:masteryscore>",
            "<adlcp:masteryscore>80</adlcp:masteryscore>\n        <title>Kugghjul – samverkan i barnavårdsutredningar</title>",
            "KV9020",
            "<title>Kugghjul – samverkan i barnavårdsutredningar</title>\n      </item>",
        ),
        ("identifier=\"kugghjul-item\"", "identifier=\"1 item\"", "KV9025", "<item "),
        ("adlcp:scormtype=\"sco\"", "adlcp:scormtype=\"SCO\"", "KV9025", "<resource "),
        (
            "<organizations default=\"kugghjul-org\">",
            "<organizations default=\"nope\">",
            "KV9041",
            "<organizations",
        ),
    ];
    for (from, to, code, at) in cases {
        let mut text = String::new();
        let ins = broken("scorm12", |e| {
            edit_manifest(e, |t| {
                assert!(t.contains(from), "{from}");
                text = t.replacen(from, to, 1);
                text.clone()
            })
        });
        let f = ins
            .findings
            .iter()
            .find(|f| f.kind.code() == *code)
            .unwrap_or_else(|| panic!("{to}: no {code} in {:#?}", codes(&ins)));
        assert_eq!(f.line, Some(line_of(&text, at)), "{to}: {f:?}");
        assert_eq!(f.file.as_deref(), Some("imsmanifest.xml"));
    }
}

#[test]
fn unsafe_and_colliding_names() {
    let ins = broken("scorm12", |e| e.push(("../evil.html".into(), b"x".to_vec())));
    assert!(has(&ins, "KV9002", Some("../evil.html")), "{:?}", codes(&ins));
    let ins = broken("scorm12", |e| e.push(("media\\bild.png".into(), b"x".to_vec())));
    assert!(has(&ins, "KV9002", Some("media\\bild.png")), "{:?}", codes(&ins));
    let ins = broken("scorm12", |e| e.push(("Index.html".into(), b"x".to_vec())));
    assert!(has(&ins, "KV9004", Some("Index.html")), "{:?}", codes(&ins));
}

#[test]
fn unlisted_file() {
    let ins = broken("scorm2004", |e| e.push(("extra/notes.txt".into(), b"x".to_vec())));
    assert_eq!(codes(&ins), vec![("KV9035", Some("extra/notes.txt".into()), None)]);
    assert!(!ins.has_errors(), "a warning, not an error");
}

#[test]
fn names_and_types_moodle_serves_wrongly() {
    let ins = broken("scorm12", |e| {
        e.push(("media/min bild.png".into(), b"x".to_vec()));
        e.push(("media/älg.png".into(), b"x".to_vec()));
        e.push(("app.mjs".into(), b"export {}".to_vec()));
    });
    assert!(has(&ins, "KV9060", Some("media/min bild.png")));
    assert!(has(&ins, "KV9060", Some("media/älg.png")));
    assert!(has(&ins, "KV9061", Some("app.mjs")));
    // Our loader falls back when Moodle sends the wasm as unknown data; a
    // loader that only streams does not.
    let ins = broken("scorm12", |e| {
        for (n, data) in e.iter_mut() {
            if n == "player/kursverk.js" {
                *data = b"WebAssembly.instantiateStreaming(fetch('kursverk_bg.wasm'))".to_vec();
            }
        }
    });
    assert!(has(&ins, "KV9062", Some("player/kursverk_bg.wasm")), "{:?}", codes(&ins));
}

#[test]
fn mastery_scores() {
    let ins = broken("scorm12", |e| {
        edit_manifest(e, |t| t.replace(">80</adlcp:masteryscore>", ">80%</adlcp:masteryscore>"))
    });
    assert_eq!(only(&ins, "KV9050").severity, Severity::Error);
    // 2004: asking the LMS to decide passed from the score, which Moodle
    // does not do, is a warning that says so.
    let ins = broken("scorm2004", |e| {
        edit_manifest(e, |t| {
            insert_in_item(
                &t,
                "<imsss:sequencing><imsss:objectives><imsss:primaryObjective satisfiedByMeasure=\"true\">\
                 <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>\
                 </imsss:primaryObjective></imsss:objectives></imsss:sequencing>",
            )
        })
    });
    let f = only(&ins, "KV9051");
    assert!(f.kind.text(Language::En).0.contains("Moodle"));
    assert_eq!(ins.findings.len(), 1, "{:?}", codes(&ins));
    assert!(matches!(
        &ins.launches[0].mastery,
        Some(Mastery::Measure2004 { threshold, decided_by_lms: true }) if threshold == "0.8"
    ));
}

#[test]
fn scorm_type_in_the_wrong_case() {
    // 2004's schemas let a misspelt attribute through; an LMS that reads
    // the attribute exactly does not see it.
    let ins = broken("scorm2004", |e| {
        edit_manifest(e, |t| t.replace("adlcp:scormType=\"sco\"", "adlcp:scormtype=\"sco\""))
    });
    let f = only(&ins, "KV9046");
    assert_eq!(f.severity, Severity::Error);
    assert!(f.kind.text(Language::En).0.contains("adlcp:scormtype"));
    assert!(has(&ins, "KV9047", Some("imsmanifest.xml")), "no SCO left: {:?}", codes(&ins));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// A manifest cut short and spliced with markup, and a zip with bytes
    /// changed: `inspect` reports, it never panics.
    #[test]
    fn never_panics_on_a_mangled_package(
        version in prop::sample::select(vec!["scorm12", "scorm2004"]),
        cut in 0usize..3000,
        splice in "[<>&\"'=:/ a-zåäö0-9#%.;-]{0,16}",
        at in 0usize..3000,
        flips in prop::collection::vec((0usize..200_000, any::<u8>()), 0..6),
    ) {
        let mut entries = unzip(package(&format!("kugghjul-{version}.zip")));
        edit_manifest(&mut entries, |t| {
            let mut t: String = t.chars().take(cut.max(1)).collect();
            let at = t.char_indices().map(|(i, _)| i).nth(at).unwrap_or(t.len());
            t.insert_str(at, &splice);
            t
        });
        let ins = inspect(&rezip(&entries));
        let _ = ins.render_human(Language::Sv);
        let _ = ins.to_json(Language::En);
        let mut bytes = package(&format!("kugghjul-{version}.zip")).to_vec();
        for (i, b) in flips {
            let len = bytes.len();
            bytes[i % len] = b;
        }
        let _ = inspect(&bytes).render_human(Language::En);
    }
}

/// Inserts `snippet` after the title of the first item that starts something.
fn insert_in_item(manifest: &str, snippet: &str) -> String {
    let item = manifest.find("identifierref=").expect("an item");
    let title_end = item + manifest[item..].find("</title>").expect("a title") + "</title>".len();
    format!("{}{snippet}{}", &manifest[..title_end], &manifest[title_end..])
}

/// Inserts `snippet` after the organization's title.
fn insert_in_organization(manifest: &str, snippet: &str) -> String {
    manifest.replacen("</title>", &format!("</title>{snippet}"), 1)
}

// ── The schema rules against xmllint ────────────────────────────────────

fn xmllint_valid(version: &str, manifest: &str) -> (bool, String) {
    let ok = Command::new("xmllint").arg("--version").output().is_ok_and(|o| o.status.success());
    assert!(ok, "xmllint is needed: apt-get install libxml2-utils (tests/run does it)");
    let xsd = repo().parent().unwrap().join("shared/scorm/xsd").join(version).join("all.xsd");
    assert!(xsd.is_file(), "the official schemas are expected in {}", xsd.display());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("imsmanifest.xml");
    std::fs::write(&path, manifest).unwrap();
    let out = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&xsd)
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.success() && stderr.contains("validates"), stderr)
}

/// Whether `inspect` finds the manifest against the schemas (any KV902x).
fn inspect_valid(version: &str, manifest: &str) -> (bool, Vec<Finding>) {
    let mut entries = unzip(package(&format!("kugghjul-{version}.zip")));
    edit_manifest(&mut entries, |_| manifest.to_owned());
    let ins = inspect(&rezip(&entries));
    let schema: Vec<Finding> =
        ins.findings.into_iter().filter(|f| f.kind.code().starts_with("KV902")).collect();
    (schema.is_empty(), schema)
}

#[test]
fn schema_rules_agree_with_xmllint() {
    let m12 = manifest_text(&unzip(package("kugghjul-scorm12.zip")));
    let m04 = manifest_text(&unzip(package("kugghjul-scorm2004.zip")));
    let item12 = |s: &str| insert_in_item(&m12, s);
    let item04 = |s: &str| insert_in_item(&m04, s);
    let seq = |s: &str| item04(&format!("<imsss:sequencing>{s}</imsss:sequencing>"));
    let primary = |attrs: &str, inner: &str| {
        seq(&format!(
            "<imsss:objectives><imsss:primaryObjective{attrs}>{inner}</imsss:primaryObjective></imsss:objectives>"
        ))
    };
    let cases12: Vec<(&str, String)> = vec![
        ("ours", m12.clone()),
        ("cp element out of place", insert_in_organization(&m12, "<foo/>")),
        ("unknown adlcp element", item12("<adlcp:foo>1</adlcp:foo>")),
        ("unknown namespace element", item12("<x:foo xmlns:x=\"urn:x\"/>")),
        ("adlcp element known", item12("<adlcp:datafromlms>x</adlcp:datafromlms>")),
        ("adlcp enum wrong", item12("<adlcp:timelimitaction>stop</adlcp:timelimitaction>")),
        ("no type", m12.replacen("type=\"webcontent\" ", "", 1)),
        ("mastery before title", m12.replacen("<title>Kugghjul – samverkan i barnavårdsutredningar</title>\n        <adlcp:masteryscore>80</adlcp:masteryscore>", "<adlcp:masteryscore>80</adlcp:masteryscore><title>x</title>", 1)),
        ("bad identifier", m12.replace("kugghjul-sco", "1-sco")),
        ("duplicate identifier", m12.replace("identifier=\"kugghjul-item\"", "identifier=\"kugghjul-org\"")),
        ("unknown default", m12.replace("default=\"kugghjul-org\"", "default=\"nope\"")),
        ("scormtype SCO", m12.replace("adlcp:scormtype=\"sco\"", "adlcp:scormtype=\"SCO\"")),
        ("scormType case", m12.replace("adlcp:scormtype=\"sco\"", "adlcp:scormType=\"sco\"")),
        ("unknown attribute", m12.replace("type=\"webcontent\"", "type=\"webcontent\" foo=\"1\"")),
        ("isvisible yes", m12.replace("identifierref=\"kugghjul-sco\"", "identifierref=\"kugghjul-sco\" isvisible=\"yes\"")),
        ("isvisible true", m12.replace("identifierref=\"kugghjul-sco\"", "identifierref=\"kugghjul-sco\" isvisible=\"true\"")),
        ("text in resources", m12.replace("<resources>", "<resources>hello")),
        ("long title", m12.replacen("<title>Kugghjul", &format!("<title>{}", "x".repeat(200)), 1)),
        ("element in title", m12.replacen("</title>", "<b/></title>", 1)),
        ("metadata location", m12.replace("</schemaversion>", "</schemaversion><adlcp:location>m.xml</adlcp:location>")),
        ("xml:lang on item", m12.replace("<item ", "<item xml:lang=\"sv\" ")),
        ("xml:lang bad", m12.replace("<item ", "<item xml:lang=\"sv_SE\" ")),
        ("no resources", { let a = m12.find("<resources>").unwrap(); let b = m12.find("</resources>").unwrap() + 12; format!("{}{}", &m12[..a], &m12[b..]) }),
        ("two organizations", m12.replacen("</organizations>", "</organizations><organizations/>", 1)),
        ("mastery not a number", m12.replace(">80<", ">abc<")),
        ("adlcp schemaversion", m12.replace("</schemaversion>", "</schemaversion><adlcp:schemaversion>1.3</adlcp:schemaversion>")),
        ("prerequisites no type", item12("<adlcp:prerequisites>a</adlcp:prerequisites>")),
        ("prerequisites typed", item12("<adlcp:prerequisites type=\"aicc_script\">a</adlcp:prerequisites>")),
        ("imsmd metadata", m12.replace("</schemaversion>", "</schemaversion><imsmd:lom xmlns:imsmd=\"http://www.imsglobal.org/xsd/imsmd_rootv1p2p1\"/>")),
        ("xml:base on resources", m12.replace("<resources>", "<resources xml:base=\"./\">")),
        ("empty organizations", { let a = m12.find("<organization ").unwrap(); let b = m12.find("</organization>").unwrap() + 15; format!("{}{}", &m12[..a], &m12[b..]) }),
    ];
    let cases04: Vec<(&str, String)> = vec![
        ("ours", m04.clone()),
        ("cp element out of place", insert_in_organization(&m04, "<foo/>")),
        ("unknown namespace element (lax)", item04("<x:foo xmlns:x=\"urn:x\"/>")),
        ("unknown adlcp element (lax)", item04("<adlcp:foo/>")),
        ("scormtype lower case (lax)", m04.replace("adlcp:scormType=\"sco\"", "adlcp:scormtype=\"sco\"")),
        ("no type", m04.replacen("type=\"webcontent\" ", "", 1)),
        ("organization without item", { let a = m04.find("<item ").unwrap(); let b = m04.find("</item>").unwrap() + 7; format!("{}{}", &m04[..a], &m04[b..]) }),
        ("sequencing ok", primary(" satisfiedByMeasure=\"true\"", "<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>")),
        ("measure out of range", primary("", "<imsss:minNormalizedMeasure>2</imsss:minNormalizedMeasure>")),
        ("measure empty (default)", primary("", "<imsss:minNormalizedMeasure/>")),
        ("satisfiedByMeasure yes", primary(" satisfiedByMeasure=\"yes\"", "")),
        ("objectives without primary", seq("<imsss:objectives><imsss:objective objectiveID=\"o\"/></imsss:objectives>")),
        ("objective without id", seq("<imsss:objectives><imsss:primaryObjective/><imsss:objective/></imsss:objectives>")),
        ("control mode after objectives", seq("<imsss:objectives><imsss:primaryObjective/></imsss:objectives><imsss:controlMode flow=\"true\"/>")),
        ("control mode unknown attribute", seq("<imsss:controlMode flows=\"true\"/>")),
        ("delivery controls", seq("<imsss:deliveryControls completionSetByContent=\"true\" objectiveSetByContent=\"true\"/>")),
        ("rules", seq("<imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions><imsss:ruleCondition condition=\"satisfied\"/></imsss:ruleConditions><imsss:ruleAction action=\"skip\"/></imsss:preConditionRule></imsss:sequencingRules>")),
        ("rule action wrong", seq("<imsss:sequencingRules><imsss:exitConditionRule><imsss:ruleAction action=\"skip\"/></imsss:exitConditionRule></imsss:sequencingRules>")),
        ("limit duration ok", seq("<imsss:limitConditions attemptAbsoluteDurationLimit=\"PT1H\" attemptLimit=\"3\"/>")),
        ("limit duration bad", seq("<imsss:limitConditions attemptAbsoluteDurationLimit=\"1 hour\"/>")),
        ("rollup", seq("<imsss:rollupRules><imsss:rollupRule childActivitySet=\"atLeastCount\" minimumCount=\"2\"><imsss:rollupConditions><imsss:rollupCondition condition=\"completed\"/></imsss:rollupConditions><imsss:rollupAction action=\"completed\"/></imsss:rollupRule></imsss:rollupRules>")),
        ("rollup without action", seq("<imsss:rollupRules><imsss:rollupRule><imsss:rollupConditions><imsss:rollupCondition condition=\"completed\"/></imsss:rollupConditions></imsss:rollupRule></imsss:rollupRules>")),
        ("unknown imsss element", seq("<imsss:foo/>")),
        ("navigation ok", item04("<adlnav:presentation><adlnav:navigationInterface><adlnav:hideLMSUI>continue</adlnav:hideLMSUI></adlnav:navigationInterface></adlnav:presentation>")),
        ("navigation bad", item04("<adlnav:presentation><adlnav:navigationInterface><adlnav:hideLMSUI>next</adlnav:hideLMSUI></adlnav:navigationInterface></adlnav:presentation>")),
        ("completion threshold ok", item04("<adlcp:completionThreshold minProgressMeasure=\"0.5\"/>")),
        ("completion threshold bad", item04("<adlcp:completionThreshold minProgressMeasure=\"1.5\"/>")),
        ("metadata after sequencing", item04("<imsss:sequencing/><metadata/>")),
        ("adlseq objectives", item04("<adlseq:objectives><adlseq:objective objectiveID=\"o\"><adlseq:mapInfo targetObjectiveID=\"g\"/></adlseq:objective></adlseq:objectives>")),
        ("adlseq mapInfo missing", item04("<adlseq:objectives><adlseq:objective objectiveID=\"o\"/></adlseq:objectives>")),
        ("xml:base on resources", m04.replace("<resources>", "<resources xml:base=\"./\">")),
        ("duplicate identifier", m04.replace("identifier=\"kugghjul-item\"", "identifier=\"kugghjul-sco\"")),
        ("item isvisible bad", m04.replace("<item ", "<item isvisible=\"no\" ")),
        ("sequencing collection", m04.replace("</resources>", "</resources><imsss:sequencingCollection><imsss:sequencing ID=\"s1\"/></imsss:sequencingCollection>")),
        ("sequencing IDRef unknown", seq("").replace("<imsss:sequencing>", "<imsss:sequencing IDRef=\"nope\">")),
    ];
    let mut disagreements = Vec::new();
    for (version, cases) in [("scorm12", &cases12), ("scorm2004", &cases04)] {
        for (name, manifest) in cases {
            let (lint, stderr) = xmllint_valid(version, manifest);
            let (ours, found) = inspect_valid(version, manifest);
            if lint != ours {
                disagreements.push(format!(
                    "{version} {name}: xmllint {} but inspect {}\n  xmllint: {}\n  inspect: {found:?}",
                    if lint { "accepts" } else { "refuses" },
                    if ours { "accepts" } else { "refuses" },
                    stderr.lines().filter(|l| !l.contains("ims_xml.xsd") && !l.contains("^") && !l.contains("filename=")).collect::<Vec<_>>().join(" | ")
                ));
            }
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    // Both kinds of verdict are exercised.
    assert!(cases12.len() + cases04.len() > 60);
}

// ── Packages another tool made ──────────────────────────────────────────

fn foreign(name: &str) -> Vec<u8> {
    let path: PathBuf = repo().join("tests/fixtures/foreign").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn foreign_manifest(bytes: &[u8]) -> String {
    manifest_text(&unzip(bytes))
}

#[test]
fn simple_scorm_packager_12() {
    let bytes = foreign("simple-scorm-packager-0.2.7-scorm12.zip");
    let manifest = foreign_manifest(&bytes);
    // The official schemas refuse it: <metadata> after <adlcp:masteryscore>
    // in the item, and <metadata> directly in <resources>.
    let (valid, stderr) = xmllint_valid("scorm12", &manifest);
    assert!(
        !valid
            && stderr.contains(":14: element metadata")
            && stderr.contains(":28: element metadata"),
        "{stderr}"
    );
    let ins = inspect(&bytes);
    assert_eq!(ins.version, Some(Version::Scorm12));
    assert_eq!(
        codes(&ins),
        vec![
            ("KV9020", Some("imsmanifest.xml".into()), Some(14)),
            ("KV9020", Some("imsmanifest.xml".into()), Some(28)),
        ],
        "{}",
        ins.render_human(Language::En)
    );
    assert_eq!(ins.scos(), (1, 0));
    assert!(matches!(&ins.launches[0].mastery, Some(Mastery::Score12(s)) if s == "80"));
    assert!(ins.has_errors());
}

#[test]
fn simple_scorm_packager_2004() {
    let bytes = foreign("simple-scorm-packager-0.2.7-scorm2004.zip");
    let manifest = foreign_manifest(&bytes);
    let (valid, stderr) = xmllint_valid("scorm2004", &manifest);
    assert!(
        !valid
            && stderr.contains(":21: element metadata")
            && stderr.contains(":38: element metadata"),
        "{stderr}"
    );
    let ins = inspect(&bytes);
    assert_eq!(ins.version, Some(Version::Scorm2004));
    assert_eq!(ins.schema_version.as_deref(), Some("2004 4th Edition"));
    assert_eq!(
        codes(&ins),
        vec![
            ("KV9020", Some("imsmanifest.xml".into()), Some(21)),
            ("KV9020", Some("imsmanifest.xml".into()), Some(38)),
            ("KV9051", Some("imsmanifest.xml".into()), Some(15)),
        ],
        "{}",
        ins.render_human(Language::En)
    );
    assert!(matches!(
        &ins.launches[0].mastery,
        Some(Mastery::Measure2004 { threshold, decided_by_lms: true }) if threshold == "0.8"
    ));
}

#[test]
fn foreign_fixtures_are_described() {
    let dir = repo().join("tests/fixtures/foreign");
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".zip") {
            assert!(readme.contains(&name), "README.md does not say how {name} was made");
        }
    }
    let _ = Path::new(&dir);
}
