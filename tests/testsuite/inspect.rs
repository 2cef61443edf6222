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

// ── cmi5 packages ───────────────────────────────────────────────────────

/// Every course's cmi5 package(s), built once for this module: (file
/// name, bytes).
fn our_cmi5_packages() -> &'static [(String, Vec<u8>)] {
    static PACKAGES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    PACKAGES.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let mut all = Vec::new();
        for course in course_dirs() {
            let report = kursverk::build(&course, &[Target::Cmi5], out.path()).unwrap();
            assert!(report.ok(), "{} does not build", course.display());
            for path in report.written {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                all.push((name, std::fs::read(&path).unwrap()));
            }
        }
        assert!(all.len() >= course_dirs().len());
        all
    })
}

fn kugghjul_cmi5() -> Entries {
    let (_, bytes) =
        our_cmi5_packages().iter().find(|(n, _)| n == "kugghjul-cmi5.zip").expect("kugghjul-cmi5");
    unzip(bytes)
}

fn cmi5_text(entries: &Entries) -> String {
    let m = entries.iter().find(|(n, _)| n == "cmi5.xml").expect("cmi5.xml");
    String::from_utf8(m.1.clone()).unwrap()
}

/// Kugghjul's cmi5 package with its `cmi5.xml` replaced, inspected.
fn with_cmi5_xml(xml: &str) -> Inspection {
    let mut entries = kugghjul_cmi5();
    for (n, data) in entries.iter_mut() {
        if n == "cmi5.xml" {
            *data = xml.as_bytes().to_vec();
        }
    }
    inspect(&rezip(&entries))
}

/// Kugghjul's cmi5 package with `from` replaced by `to` in its `cmi5.xml`:
/// the new text and what `inspect` says.
fn cmi5_edited(from: &str, to: &str) -> (String, Inspection) {
    let text = cmi5_text(&kugghjul_cmi5());
    assert!(text.contains(from), "{from}");
    let text = text.replacen(from, to, 1);
    let ins = with_cmi5_xml(&text);
    (text, ins)
}

/// The one finding of `code`, which must be in `cmi5.xml` on the line of
/// `at` in `text`.
fn cmi5_finding(ins: &Inspection, code: &str, text: &str, at: &str) -> Finding {
    let f = only(ins, code);
    assert_eq!(f.file.as_deref(), Some("cmi5.xml"), "{f:?}");
    assert_eq!(f.line, Some(line_of(text, at)), "{code} at {at}: {f:?}");
    f
}

#[test]
fn our_cmi5_packages_are_clean() {
    for (name, bytes) in our_cmi5_packages() {
        let ins = inspect(bytes);
        assert!(ins.findings.is_empty(), "{name}:\n{}", ins.render_human(Language::En));
        assert!(ins.cmi5 && ins.version.is_none() && ins.launches.is_empty(), "{name}");
        assert!(!ins.aus.is_empty(), "{name}: no AU");
        let entries = unzip(bytes);
        for au in &ins.aus {
            assert!(!au.external && entries.iter().any(|(n, _)| *n == au.url), "{name}: {au:?}");
            assert!(au.id.starts_with("urn:kursverk:") || au.id.starts_with("https://"));
        }
        let (valid, stderr) = xmllint_cmi5(&cmi5_text(&entries));
        assert!(valid, "{name}: {stderr}");
        let en = ins.render_human(Language::En);
        let sv = ins.render_human(Language::Sv);
        assert!(en.contains("Package:  cmi5 package (cmi5.xml)"), "{en}");
        assert!(en.contains(&format!("Contents: {} AU(s);", ins.aus.len())), "{en}");
        assert!(sv.contains("Paket:    cmi5-paket (cmi5.xml)"), "{sv}");
        assert!(sv.contains(&format!("Innehåll: {} AU;", ins.aus.len())), "{sv}");
        assert!(sv.contains("Resultat: 0 fel, 0 varningar") && !sv.contains("KV9010"), "{sv}");
    }
    // Kugghjul: one AU, passed and completed, with its pass mark.
    let (_, bytes) = &our_cmi5_packages().iter().find(|(n, _)| n == "kugghjul-cmi5.zip").unwrap();
    let ins = inspect(bytes);
    assert_eq!(ins.aus.len(), 1);
    let au = &ins.aus[0];
    assert_eq!((au.id.as_str(), au.url.as_str()), ("urn:kursverk:kugghjul/kurs", "index.html"));
    assert_eq!(au.move_on.as_deref(), Some("CompletedAndPassed"));
    assert_eq!(au.mastery_score.as_deref(), Some("0.8"));
    let en = ins.render_human(Language::En);
    assert!(en.contains("completed it and passed (moveOn CompletedAndPassed). Mastery score 0.8"));
}

#[test]
fn the_command_line_on_cmi5_packages() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in our_cmi5_packages() {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = kursverk().arg("inspect").arg(&path).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{name}: {stdout}");
        assert!(stdout.contains("cmi5-paket") && !stdout.contains("KV9010"), "{stdout}");
    }
    // A broken one: exit 1, JSON in English.
    let text =
        cmi5_text(&kugghjul_cmi5()).replace("moveOn=\"CompletedAndPassed\"", "moveOn=\"Done\"");
    let path = dir.path().join("broken-cmi5.zip");
    let mut entries = kugghjul_cmi5();
    entries.retain(|(n, _)| n != "cmi5.xml");
    entries.push(("cmi5.xml".into(), text.into_bytes()));
    std::fs::write(&path, rezip(&entries)).unwrap();
    let out = kursverk()
        .args(["inspect", "--format", "json", "--language", "en"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["version"], "cmi5");
    assert_eq!(json["aus"][0]["move_on"], "Done");
    assert_eq!(json["aus"][0]["url"], "index.html");
    assert_eq!(json["errors"], 1);
    let f = &json["findings"][0];
    assert_eq!((f["code"].as_str(), f["file"].as_str()), (Some("KV9515"), Some("cmi5.xml")));
    assert_eq!(f["line"], 11);
    assert!(f["message"].as_str().unwrap().contains("moveOn"), "{f}");
    assert!(f["hint"].as_str().unwrap().contains("CompletedAndPassed"), "{f}");
}

#[test]
fn the_example_course_structure_zipped_with_its_page_is_clean() {
    let xml =
        std::fs::read_to_string(repo().parent().unwrap().join("shared/cmi5/example-cmi5.xml"))
            .expect("../shared/cmi5/example-cmi5.xml");
    let (valid, stderr) = xmllint_cmi5(&xml);
    assert!(valid, "{stderr}");
    let zip = rezip(&[
        ("cmi5.xml".into(), xml.into_bytes()),
        ("index.html".into(), b"<!doctype html><title>Lektion 1</title>".to_vec()),
    ]);
    let ins = inspect(&zip);
    assert!(ins.findings.is_empty(), "{}", ins.render_human(Language::En));
    assert!(ins.cmi5);
    assert_eq!(ins.aus.len(), 1);
    assert_eq!(ins.aus[0].title, "Lektion 1");
    assert_eq!(ins.aus[0].launch_method.as_deref(), Some("AnyWindow"));
    // Without its page, the AU has nothing to start.
    let bare = rezip(&[("cmi5.xml".into(), unzip(&zip)[0].1.clone())]);
    let f = only(&inspect(&bare), "KV9530");
    assert_eq!(f.severity, Severity::Error);
    assert!(f.kind.text(Language::En).0.contains("Lektion 1"));
}

#[test]
fn cmi5_package_found_where_an_lms_looks() {
    // Zipped with its folder: reported like a manifest in a folder.
    let mut entries = kugghjul_cmi5();
    for (n, _) in entries.iter_mut() {
        *n = format!("kugghjul/{n}");
    }
    let ins = inspect(&rezip(&entries));
    assert!(has(&ins, "KV9501", Some("kugghjul/cmi5.xml")), "{:?}", codes(&ins));
    assert!(!has(&ins, "KV9010", None) && !has(&ins, "KV9012", Some("kugghjul/cmi5.xml")));
    assert!(ins.has_errors() && !ins.cmi5);
    // In other case.
    let mut entries = kugghjul_cmi5();
    for (n, _) in entries.iter_mut() {
        if n == "cmi5.xml" {
            *n = "CMI5.xml".into();
        }
    }
    let ins = inspect(&rezip(&entries));
    assert_eq!(codes(&ins), vec![("KV9500", Some("CMI5.xml".into()), None)]);
    // Neither file: the message names both.
    let mut entries = kugghjul_cmi5();
    entries.retain(|(n, _)| n != "cmi5.xml");
    let ins = inspect(&rezip(&entries));
    let f = only(&ins, "KV9010");
    let (sv, _) = f.kind.text(Language::Sv);
    assert!(sv.contains("imsmanifest.xml") && sv.contains("cmi5.xml"), "{sv}");
}

#[test]
fn cmi5_zip_safety_is_the_same_as_scorm() {
    let mut entries = kugghjul_cmi5();
    entries.push(("../evil.html".into(), b"x".to_vec()));
    entries.push(("media/min bild.png".into(), b"x".to_vec()));
    entries.push(("Index.html".into(), b"x".to_vec()));
    let ins = inspect(&rezip(&entries));
    assert!(has(&ins, "KV9002", Some("../evil.html")), "{:?}", codes(&ins));
    assert!(has(&ins, "KV9060", Some("media/min bild.png")), "{:?}", codes(&ins));
    assert!(has(&ins, "KV9004", Some("Index.html")), "{:?}", codes(&ins));
    assert!(ins.cmi5, "still read as cmi5");
    assert!(!has(&ins, "KV9035", Some("media/min bild.png")), "cmi5 lists no files");
}

#[test]
fn broken_cmi5_packages() {
    // (what to change, to what, the code, the text on the line it must
    // point at)
    let au = "<au id=\"urn:kursverk:kugghjul/kurs\"";
    let cases: &[(&str, &str, &str, &str)] = &[
        ("moveOn=\"CompletedAndPassed\"", "moveOn=\"Done\"", "KV9515", au),
        ("masteryScore=\"0.8\"", "masteryScore=\"1.5\"", "KV9515", au),
        ("launchMethod=\"AnyWindow\"", "launchMethod=\"NewWindow\"", "KV9515", au),
        ("    <url>index.html</url>\n", "", "KV9511", "<au "),
        ("<au id=\"urn:kursverk:kugghjul/kurs\" ", "<au ", "KV9514", "<au "),
        ("<course id=\"urn:kursverk:kugghjul\"", "<course id=\"kugghjul\"", "KV9520", "<course "),
        ("<au id=\"urn:kursverk:kugghjul/kurs\"", "<au id=\"kurs 1\"", "KV9520", "<au "),
        ("<url>index.html</url>", "<url>start.html</url>", "KV9530", "<url>"),
        ("<url>index.html</url>", "<url>Index.html</url>", "KV9531", "<url>"),
        ("<url>index.html</url>", "<url>../index.html</url>", "KV9532", "<url>"),
        ("<url>index.html</url>", "<url>myapp://kurs</url>", "KV9533", "<url>"),
        ("<url>index.html</url>", "<url> </url>", "KV9515", "<url>"),
        ("lang=\"sv-SE\"", "lang=\"sv_SE\"", "KV9515", "<langstring"),
        ("moveOn=", "moveon=\"Passed\" moveOn=", "KV9513", au),
        ("<title>\n      <langstring", "<title>Kugghjul<langstring", "KV9516", "<title>Kugghjul"),
        ("</course>", "</course><notes/>", "KV9510", "</course>"),
        ("</course>", "</course><x:notes xmlns:x=\"urn:x\"/>", "KV9510", "</course>"),
    ];
    for (from, to, code, at) in cases {
        let (text, ins) = cmi5_edited(from, to);
        let f = ins
            .findings
            .iter()
            .find(|f| f.kind.code() == *code)
            .unwrap_or_else(|| panic!("{to}: no {code} in {:#?}", codes(&ins)));
        assert_eq!(f.file.as_deref(), Some("cmi5.xml"), "{to}: {f:?}");
        assert_eq!(f.line, Some(line_of(&text, at)), "{to}: {f:?}");
        let (message, hint) = f.kind.text(Language::En);
        assert!(!message.is_empty() && hint.is_some());
    }
    // Only the scheme an application knows is a warning; the rest fail.
    let (_, ins) = cmi5_edited("<url>index.html</url>", "<url>myapp://kurs</url>");
    assert_eq!(only(&ins, "KV9533").severity, Severity::Warning);
    assert!(!ins.has_errors());
}

#[test]
fn cmi5_not_well_formed_or_not_cmi5() {
    let (text, ins) = cmi5_edited("</title>", "</titel>");
    let f = cmi5_finding(&ins, "KV9504", &text, "</titel>");
    assert!(f.column.is_some());
    assert_eq!(ins.findings.len(), 1, "{:?}", codes(&ins));
    assert!(ins.cmi5 && ins.render_human(Language::En).contains("cmi5 package"));

    let (text, ins) = cmi5_edited("profiles/cmi5/v1/", "profiles/cmi5/v2/");
    let f = cmi5_finding(&ins, "KV9506", &text, "<courseStructure");
    assert!(f.kind.text(Language::En).1.unwrap().contains("v1/CourseStructure.xsd"));
    assert_eq!(ins.findings.len(), 1, "{:?}", codes(&ins));
}

#[test]
fn cmi5_ids_unique_and_aus_in_blocks() {
    let text = cmi5_text(&kugghjul_cmi5());
    let start = text.find("  <au ").unwrap();
    let end = text.find("</au>\n").unwrap() + "</au>\n".len();
    let au = &text[start..end];
    // Two AUs with one id: valid to the schema, wrong to the spec (13.1.4).
    let twice = format!("{}{au}{au}{}", &text[..start], &text[end..]);
    let (valid, stderr) = xmllint_cmi5(&twice);
    assert!(valid, "xmllint accepts duplicate ids: {stderr}");
    let ins = with_cmi5_xml(&twice);
    let f = only(&ins, "KV9521");
    let first = line_of(&twice, "<au ");
    assert_eq!(f.line, Some(first + au.matches('\n').count()), "{f:?}");
    assert!(
        matches!(&f.kind, kursverk::inspect::FindingKind::Cmi5DuplicateId { first_line, .. } if *first_line == first)
    );
    assert_eq!(ins.aus.len(), 2);
    // The course's id on an AU is a duplicate too.
    let (_, ins) = cmi5_edited("urn:kursverk:kugghjul/kurs", "urn:kursverk:kugghjul");
    only(&ins, "KV9521");
    // AUs in (nested) blocks are AUs: counted, checked.
    let block = |inner: &str, id: &str| {
        format!(
            "<block id=\"{id}\"><title><langstring>Block</langstring></title><description><langstring>B</langstring></description>{inner}</block>\n"
        )
    };
    let second =
        au.replace("kugghjul/kurs", "kugghjul/kurs-2").replace("index.html", "saknas.html");
    let nested = format!(
        "{}{}{}",
        &text[..start],
        block(
            &format!("{au}{}", block(&second, "urn:kursverk:kugghjul/b2")),
            "urn:kursverk:kugghjul/b1"
        ),
        &text[end..]
    );
    let (valid, stderr) = xmllint_cmi5(&nested);
    assert!(valid, "{stderr}");
    let ins = with_cmi5_xml(&nested);
    assert_eq!(ins.aus.len(), 2, "{:?}", codes(&ins));
    assert_eq!(codes(&ins).iter().map(|c| c.0).collect::<Vec<_>>(), ["KV9530"]);
    assert!(ins.render_human(Language::En).contains("Contents: 2 AU(s)"));
    // No AU at all.
    let none = format!("{}{}", &text[..start], &text[end..]);
    let ins = with_cmi5_xml(&none);
    only(&ins, "KV9512");
    assert!(ins.aus.is_empty() && ins.has_errors());
}

#[test]
fn cmi5_au_on_the_internet_is_said_not_flagged() {
    let (_, ins) =
        cmi5_edited("<url>index.html</url>", "<url>https://kurser.example.org/kugghjul/?a=1</url>");
    assert!(ins.findings.is_empty(), "{:?}", codes(&ins));
    assert!(ins.aus[0].external);
    let en = ins.render_human(Language::En);
    assert!(en.contains("starts https://kurser.example.org/kugghjul/?a=1 (an address on the internet, outside the package)"), "{en}");
    let sv = ins.render_human(Language::Sv);
    assert!(sv.contains("(en adress på internet, utanför paketet)"), "{sv}");
    assert_eq!(ins.to_json(Language::En)["aus"][0]["external"], true);
    // A query on a file in the package is the LMS's to merge (8.1).
    let (_, ins) = cmi5_edited("<url>index.html</url>", "<url>index.html?start=1</url>");
    assert!(ins.findings.is_empty(), "{:?}", codes(&ins));
    assert_eq!(ins.aus[0].url, "index.html");
}

// ── The cmi5 schema rules against xmllint ───────────────────────────────

fn xmllint_cmi5(xml: &str) -> (bool, String) {
    let ok = Command::new("xmllint").arg("--version").output().is_ok_and(|o| o.status.success());
    assert!(ok, "xmllint is needed: apt-get install libxml2-utils (tests/run does it)");
    let official = repo().parent().unwrap().join("shared/cmi5/CourseStructure.xsd");
    let xsd = if official.is_file() {
        official
    } else {
        repo().join("packager/assets/cmi5/CourseStructure.xsd")
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cmi5.xml");
    std::fs::write(&path, xml).unwrap();
    let out = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&xsd)
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.success() && stderr.contains("validates"), stderr)
}

/// The codes of findings against the schema: not well-formed, not cmi5,
/// and the course structure rules (KV951x).
fn cmi5_schema_findings(ins: &Inspection) -> Vec<Finding> {
    ins.findings
        .iter()
        .filter(|f| {
            matches!(f.kind.code(), "KV9504" | "KV9506") || f.kind.code().starts_with("KV951")
        })
        .cloned()
        .collect()
}

#[test]
fn cmi5_rules_agree_with_xmllint() {
    let ours = cmi5_text(&kugghjul_cmi5());
    let example =
        std::fs::read_to_string(repo().parent().unwrap().join("shared/cmi5/example-cmi5.xml"))
            .unwrap();
    let r = |from: &str, to: &str| {
        assert!(ours.contains(from), "{from}");
        ours.replacen(from, to, 1)
    };
    let au_start = ours.find("  <au ").unwrap();
    let au_end = ours.find("</au>\n").unwrap() + "</au>\n".len();
    let au = &ours[au_start..au_end];
    let around = |inner: &str| format!("{}{inner}{}", &ours[..au_start], &ours[au_end..]);
    let in_au = |s: &str| r("    <url>", &format!("    {s}<url>"));
    let after_url = |s: &str| r("</url>", &format!("</url>{s}"));
    let text = "<title><langstring>T</langstring></title><description><langstring>D</langstring></description>";
    let objective = |attrs: &str, inner: &str| {
        r(
            "</course>",
            &format!("</course><objectives><objective{attrs}>{inner}</objective></objectives>"),
        )
    };
    let mut cases: Vec<(String, String)> = vec![
        ("example".into(), example.clone()),
        ("bad moveOn".into(), r("moveOn=\"CompletedAndPassed\"", "moveOn=\"Done\"")),
        ("moveOn with a space".into(), r("moveOn=\"CompletedAndPassed\"", "moveOn=\" Passed\"")),
        ("every moveOn".into(), r("moveOn=\"CompletedAndPassed\"", "moveOn=\"CompletedOrPassed\"")),
        ("masteryScore 1.5".into(), r("masteryScore=\"0.8\"", "masteryScore=\"1.5\"")),
        ("masteryScore 80".into(), r("masteryScore=\"0.8\"", "masteryScore=\"80\"")),
        ("masteryScore with spaces".into(), r("masteryScore=\"0.8\"", "masteryScore=\" 1. \"")),
        ("masteryScore comma".into(), r("masteryScore=\"0.8\"", "masteryScore=\"0,8\"")),
        ("launchMethod OwnWindow".into(), r("launchMethod=\"AnyWindow\"", "launchMethod=\"OwnWindow\"")),
        ("launchMethod bad".into(), r("launchMethod=\"AnyWindow\"", "launchMethod=\"anywindow\"")),
        ("missing url".into(), r("    <url>index.html</url>\n", "")),
        ("empty url".into(), r("<url>index.html</url>", "<url/>")),
        ("blank url".into(), r("<url>index.html</url>", "<url>  </url>")),
        ("url with an element".into(), r("<url>index.html</url>", "<url>index<b/>.html</url>")),
        ("url with an attribute".into(), r("<url>", "<url a=\"1\">")),
        ("AU without id".into(), r("<au id=\"urn:kursverk:kugghjul/kurs\" ", "<au ")),
        ("course without id".into(), r("<course id=\"urn:kursverk:kugghjul\"", "<course")),
        ("wrong namespace".into(), r("profiles/cmi5/v1/", "profiles/cmi5/v2/")),
        ("no namespace".into(), r(" xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\"", "")),
        ("prefixed root".into(), r("<courseStructure xmlns=", "<c:courseStructure xmlns:c=").replace("</courseStructure>", "</c:courseStructure>").replace("<course ", "<c:course ")),
        ("duplicate AU ids".into(), around(&format!("{au}{au}"))),
        ("no AU".into(), around("")),
        ("AU in a block".into(), around(&format!("<block id=\"urn:b\">{text}{au}</block>"))),
        ("empty block".into(), around(&format!("<block id=\"urn:b\">{text}</block>{au}"))),
        ("block without id".into(), around(&format!("<block>{text}{au}</block>"))),
        ("block without description".into(), around(&format!("<block id=\"urn:b\"><title><langstring>T</langstring></title>{au}</block>"))),
        ("no title".into(), r("<title>\n      <langstring lang=\"sv-SE\">Kugghjul – samverkan i barnavårdsutredningar</langstring>\n    </title>\n    <description>", "<description>")),
        ("title without langstring".into(), r("<title>\n      <langstring lang=\"sv-SE\">Kugghjul – samverkan i barnavårdsutredningar</langstring>\n    </title>", "<title/>")),
        ("text in title".into(), r("<title>\n      <langstring", "<title>Kugghjul<langstring")),
        ("element in langstring".into(), r("barnavårdsutredningar</langstring>", "barnavårdsutredningar<b/></langstring>")),
        ("langstring lang bad".into(), r("lang=\"sv-SE\"", "lang=\"sv_SE\"")),
        ("langstring lang empty".into(), r("lang=\"sv-SE\"", "lang=\"\"")),
        ("langstring lang with spaces".into(), r("lang=\"sv-SE\"", "lang=\" sv \"")),
        ("langstring other attribute".into(), r("lang=\"sv-SE\"", "lang=\"sv-SE\" dir=\"ltr\"")),
        ("langstring extension attribute".into(), r("lang=\"sv-SE\"", "lang=\"sv-SE\" x:a=\"1\" xmlns:x=\"urn:x\"")),
        ("two langstrings".into(), r("</langstring>", "</langstring><langstring lang=\"en\">Cogs</langstring>")),
        ("text in au".into(), r("    <title>\n      <langstring lang=\"sv-SE\">Kugghjul – samverkan i barnavårdsutredningar</langstring>\n    </title>\n    <description>\n      <langstring lang=\"sv-SE\">En introduktion till utredningsmodellen kugghjul för dig som deltar i kugghjulsutredningar inom socialtjänst, skola eller BUP.</langstring>\n    </description>\n    <url>", "    hello<title><langstring>T</langstring></title><description><langstring>D</langstring></description><url>")),
        ("unknown attribute".into(), r("moveOn=", "moveon=\"Passed\" moveOn=")),
        ("unknown attribute on the root".into(), r("<courseStructure ", "<courseStructure id=\"x\" ")),
        ("extension attribute".into(), r("moveOn=", "x:a=\"1\" xmlns:x=\"urn:x\" moveOn=")),
        ("xml:lang (undeclared, skipped)".into(), r("moveOn=", "xml:lang=\"sv_SE\" moveOn=")),
        ("schema location".into(), r("<courseStructure ", "<courseStructure xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd CourseStructure.xsd\" ")),
        ("activityType empty".into(), r("activityType=\"http://adlnet.gov/expapi/activities/lesson\"", "activityType=\"\"")),
        ("relative id (schema accepts)".into(), r("<au id=\"urn:kursverk:kugghjul/kurs\"", "<au id=\"kurs 1\"")),
        ("url before description".into(), r("    <url>index.html</url>\n", "").replace("    <description>\n      <langstring lang=\"sv-SE\">En introduktion till utredningsmodellen kugghjul för dig som deltar i kugghjulsutredningar inom socialtjänst, skola eller BUP.</langstring>\n    </description>\n  </au>", "<url>index.html</url><description><langstring>D</langstring></description></au>")),
        ("element in no namespace".into(), after_url("<foo xmlns=\"\"/>")),
        ("extension element".into(), after_url("<x:foo xmlns:x=\"urn:x\"><x:bar/></x:foo>")),
        ("cmi5 element in an extension".into(), after_url("<x:foo xmlns:x=\"urn:x\"><courseStructure/></x:foo>")),
        ("launch parameters with anything".into(), after_url("<launchParameters a=\"1\">x<b/></launchParameters><entitlementKey>k</entitlementKey>")),
        ("entitlement key before parameters".into(), after_url("<entitlementKey>k</entitlementKey><launchParameters/>")),
        ("extension between AUs".into(), around(&format!("{au}<x:e xmlns:x=\"urn:x\"/>{}", au.replace("kurs\"", "kurs-2\"")))),
        ("extension before the AUs".into(), r("</course>", "</course><x:e xmlns:x=\"urn:x\"/>")),
        ("objective reference".into(), in_au("<objectives><objective idref=\"urn:o\"/></objectives>")),
        ("objective reference without idref".into(), in_au("<objectives><objective/></objectives>")),
        ("empty objective references".into(), in_au("<objectives/>")),
        ("objective reference with content".into(), in_au("<objectives><objective idref=\"urn:o\"><x:a xmlns:x=\"urn:x\"/></objective></objectives>")),
        ("objective reference extension attribute".into(), in_au("<objectives><objective idref=\"urn:o\" x:a=\"1\" xmlns:x=\"urn:x\"/></objectives>")),
        ("objective reference after url".into(), after_url("<objectives><objective idref=\"urn:o\"/></objectives>")),
        ("course objective".into(), objective(" id=\"urn:o\"", text)),
        ("course objective, description first".into(), objective(" id=\"urn:o\"", "<description><langstring>D</langstring></description><title><langstring>T</langstring></title>")),
        ("course objective without id".into(), objective("", text)),
        ("course objective with two titles".into(), objective(" id=\"urn:o\"", &format!("<title><langstring>T</langstring></title>{text}"))),
        ("course objective without description".into(), objective(" id=\"urn:o\"", "<title><langstring>T</langstring></title>")),
        ("course objective extension attribute".into(), objective(" id=\"urn:o\" x:a=\"1\" xmlns:x=\"urn:x\"", text)),
        ("course objective extension element".into(), objective(" id=\"urn:o\"", &format!("{text}<x:a xmlns:x=\"urn:x\"/>"))),
        ("empty course objectives".into(), r("</course>", "</course><objectives/>")),
        ("course objectives after the AU".into(), r("</au>", "</au><objectives><objective id=\"urn:o\"><title><langstring>T</langstring></title><description><langstring>D</langstring></description></objective></objectives>")),
        ("two courses".into(), r("</course>", "</course><course id=\"urn:c\"><title><langstring>T</langstring></title><description><langstring>D</langstring></description></course>")),
        ("no course".into(), { let a = ours.find("  <course ").unwrap(); let b = ours.find("</course>\n").unwrap() + 10; format!("{}{}", &ours[..a], &ours[b..]) }),
    ];
    for (name, bytes) in our_cmi5_packages() {
        cases.push((format!("ours: {name}"), cmi5_text(&unzip(bytes))));
    }
    let mut disagreements = Vec::new();
    let mut verdicts = (0, 0);
    for (name, xml) in &cases {
        let (lint, stderr) = xmllint_cmi5(xml);
        let ins = with_cmi5_xml(xml);
        let found = cmi5_schema_findings(&ins);
        let ours_valid = found.is_empty();
        if lint {
            verdicts.0 += 1
        } else {
            verdicts.1 += 1
        }
        if lint != ours_valid {
            disagreements.push(format!(
                "{name}: xmllint {} but inspect {}\n  xmllint: {}\n  inspect: {found:?}",
                if lint { "accepts" } else { "refuses" },
                if ours_valid { "accepts" } else { "refuses" },
                stderr.lines().filter(|l| !l.contains("validates")).collect::<Vec<_>>().join(" | ")
            ));
        }
        // Beyond the schema: duplicates, and ids that are not absolute.
        let beyond: Vec<&str> =
            ins.findings.iter().map(|f| f.kind.code()).filter(|c| c.starts_with("KV952")).collect();
        let expected: &[&str] = match name.as_str() {
            "duplicate AU ids" => &["KV9521"],
            "relative id (schema accepts)" => &["KV9520"],
            _ => &[],
        };
        if lint && beyond != expected {
            disagreements.push(format!("{name}: ids {beyond:?}, expected {expected:?}"));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    assert!(verdicts.0 >= 15 && verdicts.1 >= 25, "both verdicts exercised: {verdicts:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// `cmi5.xml` cut short and spliced with markup: `inspect` reports, it
    /// never panics.
    #[test]
    fn never_panics_on_a_mangled_cmi5_package(
        cut in 0usize..1500,
        splice in "[<>&\"'=:/ a-zåäö0-9#%.;-]{0,16}",
        at in 0usize..1500,
    ) {
        let text = cmi5_text(&kugghjul_cmi5());
        let mut t: String = text.chars().take(cut.max(1)).collect();
        let at = t.char_indices().map(|(i, _)| i).nth(at).unwrap_or(t.len());
        t.insert_str(at, &splice);
        let ins = with_cmi5_xml(&t);
        prop_assert!(ins.cmi5);
        let _ = ins.render_human(Language::Sv);
        let _ = ins.to_json(Language::En);
    }
}
