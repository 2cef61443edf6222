//! What `kursverk inspect` finds, and every word it says about it.
//!
//! A [`FindingKind`] carries the facts (names, values); [`FindingKind::text`]
//! is the one place that turns them into words, Swedish and English side by
//! side, so no language lacks a finding and a translator reads both at once.
//! The words are for a trainer who uploads zips to an LMS, not for a
//! programmer: each message says what is wrong and what the LMS will do
//! with it (from `lms-notes.md`: Moodle, the strictest common LMS, first),
//! and the hint says what to do. Only a hint may name a SCORM rule.
//!
//! Codes are stable (KV9xxx is `inspect`'s range): KV900x the zip, KV901x
//! the manifest file, KV902x the SCORM schemas, KV903x files, KV904x the
//! course's structure, KV905x scores, KV906x file names and types. cmi5
//! packages have KV95xx: KV950x the file `cmi5.xml`, KV951x the course
//! structure schema, KV952x ids, KV953x the AUs' start pages.

use kursverk_player::model::Language;
use kursverk_player::model::scorm::Version;

pub use crate::diagnostics::Severity;

/// One thing `inspect` found.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Error (the package will fail in an LMS) or warning (it may).
    pub severity: Severity,
    /// What was found, with its facts.
    pub kind: FindingKind,
    /// The path in the zip it is about (`imsmanifest.xml` for the
    /// manifest's problems).
    pub file: Option<String>,
    /// 1-based line in `file`.
    pub line: Option<usize>,
    /// 1-based column in `file` (characters), where known.
    pub column: Option<usize>,
}

impl Finding {
    /// A finding with the severity its kind has, not yet placed.
    pub fn new(kind: FindingKind) -> Finding {
        Finding { severity: kind.severity(), kind, file: None, line: None, column: None }
    }

    /// Places the finding in a file of the zip.
    pub fn file(mut self, file: &str) -> Finding {
        self.file = Some(file.to_owned());
        self
    }

    /// Places the finding on a line of the manifest.
    pub fn at(self, line: usize) -> Finding {
        self.place(super::MANIFEST, line)
    }

    /// Places the finding on a line of a file of the zip (`cmi5.xml`).
    pub fn place(mut self, file: &str, line: usize) -> Finding {
        self.file = Some(file.to_owned());
        self.line = Some(line);
        self
    }
}

/// Why a name in the zip is unsafe to unpack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsafeName {
    /// A `..` part: it would land outside the package's folder.
    ParentFolder,
    /// Starts with `/` or a drive letter.
    Absolute,
    /// `\` as a folder separator (a Windows zip tool).
    Backslash,
    /// An invisible control character.
    ControlCharacter,
}

/// Why a file name may be served wrongly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRisk {
    /// A space.
    Space,
    /// A letter outside ASCII (å, ä, ö, é …).
    NonAscii,
    /// `#`, `?` or `%`, which mean something else in a web address.
    UrlCharacter(char),
}

/// The rule a value in the manifest breaks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueRule {
    /// `true` or `false`.
    Boolean,
    /// A whole number, 0 or more.
    WholeNumber,
    /// A duration (`PT1H30M`).
    Duration,
    /// A date and time (`2026-01-31T12:00:00`).
    DateTime,
    /// A language code (`sv`, `en-GB`).
    Language,
    /// A name: a letter or `_` first, no spaces or colons.
    Identifier,
    /// A number from `min` to `max`.
    Decimal {
        /// Smallest allowed.
        min: f64,
        /// Largest allowed.
        max: f64,
    },
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// At most this many characters.
    MaxLength(usize),
    /// Not empty (cmi5's `<url>`).
    NotEmpty,
}

/// What `inspect` found, with the facts its words need.
#[derive(Debug, Clone, PartialEq)]
pub enum FindingKind {
    // ── KV900x: the zip ──
    /// The file is not a zip.
    NotAZip,
    /// An entry's name would unpack outside the package or confuse a server.
    UnsafeEntryName {
        /// Why.
        reason: UnsafeName,
    },
    /// Two entries with one name.
    DuplicateEntries,
    /// Two names that differ only in upper and lower case.
    CaseCollision {
        /// The other name.
        other: String,
    },
    /// An encrypted entry.
    EncryptedEntry,
    /// An entry compressed in a way this reader (and some LMSs) cannot
    /// unpack, or damaged.
    UnreadableEntry {
        /// The compression method, empty when the entry is damaged.
        method: String,
    },
    /// The files unpack to far more than the zip: a zip bomb, or a lie.
    ZipBomb {
        /// Unpacked size, as the zip claims it.
        unpacked: u64,
        /// The zip's size.
        zipped: u64,
    },
    /// Larger than Moodle accepts with default settings.
    LargePackage {
        /// The zip's size.
        bytes: u64,
    },
    // ── KV901x: the manifest file ──
    /// No `imsmanifest.xml` anywhere.
    ManifestMissing,
    /// `imsmanifest.xml` at the root, in other upper and lower case.
    ManifestWrongCase {
        /// The name found.
        found: String,
    },
    /// `imsmanifest.xml` in a folder instead of at the root.
    ManifestInFolder {
        /// Its path.
        path: String,
    },
    /// The manifest could not be unpacked (damaged, or over the size cap).
    ManifestUnreadable {
        /// Over the cap, rather than damaged.
        too_large: bool,
    },
    /// The manifest's text encoding is unknown or its bytes are not valid.
    ManifestEncoding {
        /// The encoding named, or what is wrong.
        encoding: String,
    },
    /// The manifest is not well-formed XML.
    ManifestMalformed {
        /// What the XML reader found (English, technical: for the hint).
        detail: String,
    },
    /// Absurdly many or deeply nested elements.
    ManifestTooBig,
    /// The manifest's top element is not a SCORM `<manifest>`.
    NotScorm {
        /// The top element as written.
        root: String,
        /// Its namespace.
        namespace: Option<String>,
    },
    /// `<schemaversion>` does not match the namespaces.
    SchemaVersionMismatch {
        /// What `<schemaversion>` says, if anything.
        found: Option<String>,
        /// The version the namespaces say.
        version: Version,
    },
    /// A schema file the manifest names is not in the package.
    SchemaFileMissing {
        /// The file name.
        name: String,
    },
    // ── KV902x: the SCORM schemas ──
    /// An element where the schema does not allow it.
    SchemaUnexpected {
        /// The element as written.
        element: String,
        /// Its parent.
        parent: String,
        /// What the parent may contain, in order (`*`: extensions); empty
        /// when it may contain no elements.
        allowed: Vec<String>,
    },
    /// A required element is missing.
    SchemaMissing {
        /// The element that lacks it.
        parent: String,
        /// The missing element.
        missing: String,
    },
    /// An extension element SCORM 1.2 does not know.
    SchemaUnknownElement {
        /// The element as written.
        element: String,
    },
    /// An attribute the element may not have.
    SchemaAttributeNotAllowed {
        /// The element.
        element: String,
        /// The attribute as written.
        attribute: String,
    },
    /// A required attribute is missing.
    SchemaAttributeMissing {
        /// The element.
        element: String,
        /// The attribute.
        attribute: String,
    },
    /// A value of the wrong kind.
    SchemaBadValue {
        /// The element.
        element: String,
        /// The attribute, or `None` for the element's text.
        attribute: Option<String>,
        /// The value.
        value: String,
        /// The rule it breaks.
        rule: ValueRule,
    },
    /// Text where only elements belong.
    SchemaText {
        /// The element.
        element: String,
    },
    /// Two elements with one identifier.
    SchemaDuplicateId {
        /// The identifier.
        id: String,
    },
    // ── KV903x: files ──
    /// A file the manifest lists is not in the zip.
    FileMissing {
        /// The path as the manifest resolves it.
        href: String,
    },
    /// A file the manifest names is in the zip in other upper and lower case.
    FileWrongCase {
        /// The path the manifest names.
        href: String,
        /// The name in the zip.
        actual: String,
    },
    /// A start file is not in the zip.
    LaunchFileMissing {
        /// The start file.
        href: String,
        /// The resource's identifier.
        resource: String,
    },
    /// A path that leaves the package (`..`, `/`).
    FileOutsidePackage {
        /// The path as written.
        href: String,
    },
    /// An address on the internet where a file belongs.
    ExternalUrl {
        /// The address.
        href: String,
    },
    /// A file in the zip that no resource lists.
    FileNotListed,
    // ── KV904x: the course's structure ──
    /// No organisation: nothing to start.
    NoOrganization,
    /// `<organizations default>` names no organisation.
    DefaultOrganizationMissing {
        /// The name it gives.
        id: String,
    },
    /// An item points at a resource that does not exist.
    ItemResourceMissing {
        /// The item's identifier.
        item: String,
        /// What it points at.
        identifierref: String,
    },
    /// An item points at a resource without a start file.
    ItemWithoutLaunch {
        /// The item's identifier.
        item: String,
        /// The resource.
        resource: String,
    },
    /// An item with neither content nor items under it.
    LeafItemWithoutResource {
        /// The item's identifier.
        item: String,
    },
    /// A dependency on a resource that does not exist.
    DependencyMissing {
        /// The resource that has the dependency.
        resource: String,
        /// What it depends on.
        identifierref: String,
    },
    /// A resource without `adlcp:scormtype` / `adlcp:scormType`.
    ScormTypeMissing {
        /// The resource's identifier.
        resource: String,
        /// A near miss found instead (`adlcp:scormType` in 1.2).
        found: Option<String>,
        /// How the version spells it.
        expected: &'static str,
        /// Whether an item starts it (then the learner's results are lost).
        launched: bool,
    },
    /// No SCO at all.
    NoSco,
    /// Open edX starts the first resource with a start file, which is not
    /// the course's first item.
    FirstResourceNotLaunched {
        /// The first resource's start file.
        first: String,
        /// The first item's start file.
        launched: String,
    },
    // ── KV905x: scores ──
    /// A 1.2 mastery score that is not a number from 0 to 100.
    MasteryScoreInvalid {
        /// The value.
        value: String,
    },
    /// A 2004 package that asks the LMS to decide passed/failed from the
    /// score, which Moodle does not do.
    PassFromMeasure {
        /// The passing score (−1 to 1).
        threshold: String,
    },
    // ── KV906x: file names and types ──
    /// A file name an LMS may serve wrongly.
    RiskyName {
        /// Why.
        risk: NameRisk,
    },
    /// A `.mjs` module script, which Moodle serves so browsers refuse it.
    ModuleScript,
    /// A `.wasm` file loaded in a way that fails in Moodle, without a
    /// fallback.
    WasmWithoutFallback,
    // ── KV950x: cmi5.xml ──
    /// `cmi5.xml` at the root, in other upper and lower case.
    Cmi5WrongCase {
        /// The name found.
        found: String,
    },
    /// `cmi5.xml` in a folder instead of at the root.
    Cmi5InFolder {
        /// Its path.
        path: String,
    },
    /// `cmi5.xml` could not be unpacked (damaged, or over the size cap).
    Cmi5Unreadable {
        /// Over the cap, rather than damaged.
        too_large: bool,
    },
    /// Its text encoding is unknown or its bytes are not valid.
    Cmi5Encoding {
        /// The encoding named, or what is wrong.
        encoding: String,
    },
    /// `cmi5.xml` is not well-formed XML.
    Cmi5Malformed {
        /// What the XML reader found (English, technical: for the hint).
        detail: String,
    },
    /// Absurdly many or deeply nested elements.
    Cmi5TooBig,
    /// The top element is not cmi5's `<courseStructure>`.
    NotCmi5 {
        /// The top element as written.
        root: String,
        /// Its namespace.
        namespace: Option<String>,
    },
    // ── KV951x: the course structure schema ──
    /// An element where the schema does not allow it.
    Cmi5Unexpected {
        /// The element as written.
        element: String,
        /// Its parent.
        parent: String,
        /// What the parent may contain, in order (`*`: extensions); empty
        /// when it may contain no elements.
        allowed: Vec<String>,
    },
    /// A required element is missing (`<url>`, `<title>`, `<langstring>` …).
    Cmi5Missing {
        /// The element that lacks it.
        parent: String,
        /// The missing element.
        missing: String,
    },
    /// The course, or a block, has no AU.
    Cmi5NoAu {
        /// `courseStructure` or `block`.
        parent: String,
    },
    /// An attribute the element may not have.
    Cmi5AttributeNotAllowed {
        /// The element.
        element: String,
        /// The attribute as written.
        attribute: String,
    },
    /// A required attribute (`id`) is missing.
    Cmi5AttributeMissing {
        /// The element.
        element: String,
        /// The attribute.
        attribute: String,
    },
    /// A value of the wrong kind (`moveOn`, `masteryScore`, `launchMethod`,
    /// `lang`, an empty `<url>`).
    Cmi5BadValue {
        /// The element.
        element: String,
        /// The attribute, or `None` for the element's text.
        attribute: Option<String>,
        /// The value.
        value: String,
        /// The rule it breaks.
        rule: ValueRule,
    },
    /// Text where only elements belong.
    Cmi5Text {
        /// The element.
        element: String,
    },
    // ── KV952x: ids ──
    /// An `id` of the course, a block or an AU that is not an absolute IRI.
    Cmi5IdNotAbsolute {
        /// `course`, `block` or `au`.
        element: String,
        /// The id.
        id: String,
    },
    /// Two of the course, its blocks and AUs with one id (spec 13.1.4).
    Cmi5DuplicateId {
        /// The id.
        id: String,
        /// The line of its first use.
        first_line: usize,
    },
    // ── KV953x: the AUs' start pages ──
    /// An AU's start page is not in the zip.
    Cmi5UrlMissing {
        /// The path, as resolved from the zip's top.
        url: String,
        /// The AU's title (its id when it has none).
        au: String,
    },
    /// An AU's start page is in the zip in other upper and lower case.
    Cmi5UrlWrongCase {
        /// The `<url>` as written.
        url: String,
        /// The name in the zip.
        actual: String,
    },
    /// An AU's start page outside the package (`..`, `/`).
    Cmi5UrlOutside {
        /// The `<url>` as written.
        url: String,
    },
    /// An AU's start page is an address a browser does not open (not
    /// http or https).
    Cmi5UrlNotWeb {
        /// The `<url>` as written.
        url: String,
    },
}

impl FindingKind {
    /// How bad it is: errors make the package fail in an LMS (and
    /// `inspect` exit with 1), warnings may.
    pub fn severity(&self) -> Severity {
        use FindingKind::*;
        match self {
            CaseCollision { .. }
            | UnreadableEntry { .. }
            | LargePackage { .. }
            | SchemaVersionMismatch { .. }
            | SchemaFileMissing { .. }
            | ExternalUrl { .. }
            | FileNotListed
            | LeafItemWithoutResource { .. }
            | ScormTypeMissing { launched: false, .. }
            | NoSco
            | FirstResourceNotLaunched { .. }
            | PassFromMeasure { .. }
            | RiskyName { .. }
            | WasmWithoutFallback
            | Cmi5UrlNotWeb { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The stable code, `KV9001` …
    pub fn code(&self) -> &'static str {
        use FindingKind::*;
        match self {
            NotAZip => "KV9001",
            UnsafeEntryName { .. } => "KV9002",
            DuplicateEntries => "KV9003",
            CaseCollision { .. } => "KV9004",
            EncryptedEntry => "KV9005",
            UnreadableEntry { .. } => "KV9006",
            ZipBomb { .. } => "KV9007",
            LargePackage { .. } => "KV9008",
            ManifestMissing => "KV9010",
            ManifestWrongCase { .. } => "KV9011",
            ManifestInFolder { .. } => "KV9012",
            ManifestUnreadable { .. } => "KV9013",
            ManifestEncoding { .. } => "KV9014",
            ManifestMalformed { .. } => "KV9015",
            ManifestTooBig => "KV9016",
            NotScorm { .. } => "KV9017",
            SchemaVersionMismatch { .. } => "KV9018",
            SchemaFileMissing { .. } => "KV9019",
            SchemaUnexpected { .. } => "KV9020",
            SchemaMissing { .. } => "KV9021",
            SchemaUnknownElement { .. } => "KV9022",
            SchemaAttributeNotAllowed { .. } => "KV9023",
            SchemaAttributeMissing { .. } => "KV9024",
            SchemaBadValue { .. } => "KV9025",
            SchemaText { .. } => "KV9026",
            SchemaDuplicateId { .. } => "KV9027",
            FileMissing { .. } => "KV9030",
            FileWrongCase { .. } => "KV9031",
            LaunchFileMissing { .. } => "KV9032",
            FileOutsidePackage { .. } => "KV9033",
            ExternalUrl { .. } => "KV9034",
            FileNotListed => "KV9035",
            NoOrganization => "KV9040",
            DefaultOrganizationMissing { .. } => "KV9041",
            ItemResourceMissing { .. } => "KV9042",
            ItemWithoutLaunch { .. } => "KV9043",
            LeafItemWithoutResource { .. } => "KV9044",
            DependencyMissing { .. } => "KV9045",
            ScormTypeMissing { .. } => "KV9046",
            NoSco => "KV9047",
            FirstResourceNotLaunched { .. } => "KV9048",
            MasteryScoreInvalid { .. } => "KV9050",
            PassFromMeasure { .. } => "KV9051",
            RiskyName { .. } => "KV9060",
            ModuleScript => "KV9061",
            WasmWithoutFallback => "KV9062",
            Cmi5WrongCase { .. } => "KV9500",
            Cmi5InFolder { .. } => "KV9501",
            Cmi5Unreadable { .. } => "KV9502",
            Cmi5Encoding { .. } => "KV9503",
            Cmi5Malformed { .. } => "KV9504",
            Cmi5TooBig => "KV9505",
            NotCmi5 { .. } => "KV9506",
            Cmi5Unexpected { .. } => "KV9510",
            Cmi5Missing { .. } => "KV9511",
            Cmi5NoAu { .. } => "KV9512",
            Cmi5AttributeNotAllowed { .. } => "KV9513",
            Cmi5AttributeMissing { .. } => "KV9514",
            Cmi5BadValue { .. } => "KV9515",
            Cmi5Text { .. } => "KV9516",
            Cmi5IdNotAbsolute { .. } => "KV9520",
            Cmi5DuplicateId { .. } => "KV9521",
            Cmi5UrlMissing { .. } => "KV9530",
            Cmi5UrlWrongCase { .. } => "KV9531",
            Cmi5UrlOutside { .. } => "KV9532",
            Cmi5UrlNotWeb { .. } => "KV9533",
        }
    }

    /// The message (what is wrong, and what the LMS will do) and the hint
    /// (what to do), in `lang`.
    pub fn text(&self, lang: Language) -> (String, Option<String>) {
        use FindingKind::*;
        use Language::{En, Sv};
        let sv = lang == Sv;
        // Said of every schema finding: what an LMS does with a manifest
        // that breaks the SCORM rules.
        let schema_effect = if sv {
            "Ett LMS som granskar paketet mot SCORM-reglerna avvisar det; andra kan läsa manifestet fel eller hoppa över delen."
        } else {
            "An LMS that checks packages against the SCORM rules refuses it; others may read the manifest wrongly or skip the part."
        };
        // Said of every finding against cmi5's course structure schema.
        let cmi5_effect = if sv {
            "Ett LMS som granskar cmi5.xml mot cmi5-reglerna när paketet läses in avvisar det; andra kan läsa in kursen fel eller hoppa över delen."
        } else {
            "An LMS that checks cmi5.xml against the cmi5 rules when it imports the package refuses it; others may import the course wrongly or skip the part."
        };
        let reexport = if sv {
            "Exportera paketet på nytt från verktyget som gjorde det, och rapportera felet till verktygets tillverkare."
        } else {
            "Export the package again from the tool that made it, and report the problem to the tool's maker."
        };
        let (m, h): (String, Option<String>) = match (self, lang) {
            (NotAZip, Sv) => (
                "Filen är ingen zip-fil, eller så är den skadad. Ett LMS tar inte emot den som SCORM-paket.".into(),
                Some("Ladda ner eller exportera paketet på nytt; ett SCORM-paket är alltid en .zip-fil.".into()),
            ),
            (NotAZip, En) => (
                "The file is not a zip file, or it is damaged. An LMS will not accept it as a SCORM package.".into(),
                Some("Download or export the package again; a SCORM package is always a .zip file.".into()),
            ),
            (UnsafeEntryName { reason }, _) => {
                let m = match (reason, sv) {
                    (UnsafeName::ParentFolder, true) => "Namnet innehåller `..` och pekar ut ur paketets mapp. Ett LMS avvisar paketet eller lägger filen utanför kursen.",
                    (UnsafeName::ParentFolder, false) => "The name has `..` and points out of the package's folder. An LMS refuses the package or puts the file outside the course.",
                    (UnsafeName::Absolute, true) => "Namnet börjar vid roten av en disk (`/` eller `C:`). Ett LMS avvisar paketet eller lägger filen utanför kursen.",
                    (UnsafeName::Absolute, false) => "The name starts at the root of a disk (`/` or `C:`). An LMS refuses the package or puts the file outside the course.",
                    (UnsafeName::Backslash, true) => "Namnet har `\\` mellan mappar. På en Linux-server, där de flesta LMS körs, blir `\\` en del av filnamnet, så filen hittas inte i sin mapp.",
                    (UnsafeName::Backslash, false) => "The name has `\\` between folders. On a Linux server, where most LMSs run, the `\\` becomes part of the file name, so the file is not found in its folder.",
                    (UnsafeName::ControlCharacter, true) => "Namnet har osynliga styrtecken. Ett LMS kan inte packa upp filen under det namnet.",
                    (UnsafeName::ControlCharacter, false) => "The name has invisible control characters. An LMS cannot unpack the file under that name.",
                };
                let h = if *reason == UnsafeName::Backslash {
                    if sv { "Packa paketet med ett zip-verktyg som skriver `/` mellan mappar (Windows egna komprimering gör det), eller exportera det på nytt." } else { "Zip the package with a tool that writes `/` between folders (Windows' own compression does), or export it again." }
                } else if sv {
                    "Packa bara kursens egna filer, med sökvägar inom kursmappen, eller exportera paketet på nytt."
                } else {
                    "Zip only the course's own files, with paths inside the course folder, or export the package again."
                };
                (m.into(), Some(h.into()))
            }
            (DuplicateEntries, Sv) => (
                "Zip-filen har två filer med samma namn. När LMS:et packar upp paketet ersätter den ena den andra, och vilken som blir kvar skiljer sig mellan LMS.".into(),
                Some(reexport.into()),
            ),
            (DuplicateEntries, En) => (
                "The zip has two files with the same name. When the LMS unpacks the package one replaces the other, and which one is kept differs between LMSs.".into(),
                Some(reexport.into()),
            ),
            (CaseCollision { other }, Sv) => (
                format!("Namnet skiljer sig från `{other}` bara i stora och små bokstäver. På en server som inte skiljer på dem (Windows) ersätter den ena filen den andra när LMS:et packar upp paketet."),
                Some("Ge filerna namn som skiljer sig åt i mer än stora och små bokstäver, och ändra länkarna till dem.".into()),
            ),
            (CaseCollision { other }, En) => (
                format!("The name differs from `{other}` only in upper and lower case. On a server that does not tell them apart (Windows), one file replaces the other when the LMS unpacks the package."),
                Some("Give the files names that differ in more than case, and change the links to them.".into()),
            ),
            (EncryptedEntry, Sv) => (
                "Filen är krypterad med lösenord. Ett LMS kan inte packa upp den, så det som behöver den fungerar inte.".into(),
                Some("Packa paketet utan lösenord.".into()),
            ),
            (EncryptedEntry, En) => (
                "The file is encrypted with a password. An LMS cannot unpack it, so what needs it does not work.".into(),
                Some("Zip the package without a password.".into()),
            ),
            (UnreadableEntry { method }, Sv) => (
                if method.is_empty() {
                    "Filen är skadad i zip-filen och går inte att packa upp. Det som behöver den fungerar inte i LMS:et.".into()
                } else {
                    format!("Filen är packad på ett ovanligt sätt ({method}) som en del LMS inte kan packa upp.")
                },
                Some("Packa paketet på nytt med vanlig zip-komprimering (deflate).".into()),
            ),
            (UnreadableEntry { method }, En) => (
                if method.is_empty() {
                    "The file is damaged in the zip and cannot be unpacked. What needs it does not work in the LMS.".into()
                } else {
                    format!("The file is compressed in an unusual way ({method}) that some LMSs cannot unpack.")
                },
                Some("Zip the package again with ordinary zip compression (deflate).".into()),
            ),
            (ZipBomb { unpacked, zipped }, Sv) => (
                format!("Paketet säger att det packas upp till {}, mer än hundra gånger zip-filens {}. Ett LMS kan avvisa det eller fylla sin disk.", size(*unpacked, lang), size(*zipped, lang)),
                Some(reexport.into()),
            ),
            (ZipBomb { unpacked, zipped }, En) => (
                format!("The package says it unpacks to {}, more than a hundred times the zip's {}. An LMS may refuse it or fill its disk.", size(*unpacked, lang), size(*zipped, lang)),
                Some(reexport.into()),
            ),
            (LargePackage { bytes }, Sv) => (
                format!("Zip-filen är {}. Moodle med standardinställningar tar emot filer upp till 2 MB; större uppladdningar avvisas om inte administratören har höjt gränsen.", size(*bytes, lang)),
                Some("Fråga LMS-administratören hur stora filer ni får ladda upp. Gör bilder och filmer mindre om paketet måste krympa.".into()),
            ),
            (LargePackage { bytes }, En) => (
                format!("The zip is {}. Moodle with default settings accepts uploads up to 2 MB; larger ones are refused unless the administrator has raised the limit.", size(*bytes, lang)),
                Some("Ask your LMS administrator how large an upload may be. Make pictures and films smaller if the package must shrink.".into()),
            ),
            (ManifestMissing, Sv) => (
                "Paketet har varken imsmanifest.xml (SCORM) eller cmi5.xml (cmi5) överst. Ett LMS avvisar det: det är den filen som talar om vad paketet innehåller.".into(),
                Some("Kontrollera att det är kurspaketet och inte en vanlig zip med webbsidor. Exportera kursen som SCORM eller cmi5 från verktyget.".into()),
            ),
            (ManifestMissing, En) => (
                "The package has neither imsmanifest.xml (SCORM) nor cmi5.xml (cmi5) at the top. An LMS refuses it: that file is what tells it what the package holds.".into(),
                Some("Check that this is the course package and not a plain zip of web pages. Export the course as SCORM or cmi5 from its tool.".into()),
            ),
            (ManifestWrongCase { found }, Sv) => (
                format!("Manifestet heter `{found}`, men ett LMS letar efter exakt `imsmanifest.xml` med små bokstäver och avvisar paketet. Windows döljer skillnaden, en Linux-server gör det inte."),
                Some("Byt namn på filen till imsmanifest.xml och packa paketet på nytt.".into()),
            ),
            (ManifestWrongCase { found }, En) => (
                format!("The manifest is called `{found}`, but an LMS looks for exactly `imsmanifest.xml` in lower case and refuses the package. Windows hides the difference, a Linux server does not."),
                Some("Rename the file to imsmanifest.xml and zip the package again.".into()),
            ),
            (ManifestInFolder { path }, Sv) => (
                format!("Manifestet ligger i en mapp (`{path}`), inte överst i zip-filen. Ett LMS letar bara överst och avvisar paketet."),
                Some("Öppna mappen och packa det som ligger i den, inte själva mappen.".into()),
            ),
            (ManifestInFolder { path }, En) => (
                format!("The manifest is in a folder (`{path}`), not at the top of the zip. An LMS only looks at the top and refuses the package."),
                Some("Open the folder and zip what is in it, not the folder itself.".into()),
            ),
            (ManifestUnreadable { too_large }, Sv) => (
                if *too_large {
                    "Manifestet är orimligt stort, så Kursverk granskar det inte. Ett LMS kan också ge upp inför det.".into()
                } else {
                    "Manifestet går inte att packa upp ur zip-filen. Ett LMS kan inte heller läsa det och avvisar paketet.".into()
                },
                Some(reexport.into()),
            ),
            (ManifestUnreadable { too_large }, En) => (
                if *too_large {
                    "The manifest is unreasonably large, so Kursverk does not check it. An LMS may give up on it too.".into()
                } else {
                    "The manifest cannot be unpacked from the zip. An LMS cannot read it either and refuses the package.".into()
                },
                Some(reexport.into()),
            ),
            (ManifestEncoding { encoding }, Sv) => (
                format!("Manifestets tecken är sparade på ett sätt som Kursverk inte kan läsa ({encoding}). Ett LMS kan läsa texterna fel eller avvisa paketet."),
                Some("Spara imsmanifest.xml som UTF-8.".into()),
            ),
            (ManifestEncoding { encoding }, En) => (
                format!("The manifest's characters are saved in a way Kursverk cannot read ({encoding}). An LMS may read its texts wrongly or refuse the package."),
                Some("Save imsmanifest.xml as UTF-8.".into()),
            ),
            (ManifestMalformed { detail }, Sv) => (
                "Manifestet är inte korrekt skrivet (XML-fel), så ett LMS kan inte läsa det och avvisar paketet.".into(),
                Some(format!("Rätta raden som anges, eller exportera paketet på nytt. Läsaren säger: {detail}")),
            ),
            (ManifestMalformed { detail }, En) => (
                "The manifest is not written correctly (an XML error), so an LMS cannot read it and refuses the package.".into(),
                Some(format!("Fix the line shown, or export the package again. The reader says: {detail}")),
            ),
            (ManifestTooBig, Sv) => (
                "Manifestet har orimligt många eller djupt inbäddade delar, så Kursverk granskar det inte. Ett LMS kan ge upp inför det.".into(),
                Some(reexport.into()),
            ),
            (ManifestTooBig, En) => (
                "The manifest has unreasonably many or deeply nested parts, so Kursverk does not check it. An LMS may give up on it.".into(),
                Some(reexport.into()),
            ),
            (NotScorm { root, namespace }, _) => {
                let ns = namespace.as_deref().unwrap_or(if sv { "(ingen)" } else { "(none)" });
                if sv {
                    (
                        format!("Manifestet är inte ett SCORM-manifest: det börjar med `<{root}>` i namnrymden {ns}. Ett LMS avvisar paketet som SCORM."),
                        Some("Ett SCORM 1.2-manifest börjar med <manifest xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\">, ett SCORM 2004-manifest med <manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\">. Exportera kursen som SCORM.".into()),
                    )
                } else {
                    (
                        format!("The manifest is not a SCORM manifest: it starts with `<{root}>` in the namespace {ns}. An LMS refuses the package as SCORM."),
                        Some("A SCORM 1.2 manifest starts with <manifest xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\">, a SCORM 2004 manifest with <manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\">. Export the course as SCORM.".into()),
                    )
                }
            }
            (SchemaVersionMismatch { found, version }, _) => {
                let v = version_name(*version);
                let expected = match version {
                    Version::Scorm12 => "1.2",
                    Version::Scorm2004 => "2004 4th Edition",
                };
                match (found, sv) {
                    (Some(f), true) => (
                        format!("Manifestets `<schemaversion>` säger `{f}`, men det är skrivet som SCORM {v}. LMS avgör versionen på olika sätt, så ett LMS kan köra kursen som fel version."),
                        Some(format!("Skriv <schemaversion>{expected}</schemaversion> i manifestets <metadata>.")),
                    ),
                    (Some(f), false) => (
                        format!("The manifest's `<schemaversion>` says `{f}`, but it is written as SCORM {v}. LMSs decide the version in different ways, so an LMS may run the course as the wrong version."),
                        Some(format!("Write <schemaversion>{expected}</schemaversion> in the manifest's <metadata>.")),
                    ),
                    (None, true) => (
                        format!("Manifestet har ingen `<schemaversion>`. Det är skrivet som SCORM {v}, men ett LMS som avgör versionen därifrån kan köra kursen som fel version."),
                        Some(format!("Lägg till <metadata><schema>ADL SCORM</schema><schemaversion>{expected}</schemaversion></metadata> först i <manifest>.")),
                    ),
                    (None, false) => (
                        format!("The manifest has no `<schemaversion>`. It is written as SCORM {v}, but an LMS that decides the version from it may run the course as the wrong version."),
                        Some(format!("Add <metadata><schema>ADL SCORM</schema><schemaversion>{expected}</schemaversion></metadata> first in <manifest>.")),
                    ),
                }
            }
            (SchemaFileMissing { name }, Sv) => (
                format!("Manifestet hänvisar till regelfilen `{name}`, men den finns inte i paketet. LMS och testverktyg som granskar paket mot SCORM-reglerna kan inte göra det."),
                Some("Lägg de officiella schemafilerna (.xsd) överst i paketet, eller exportera det på nytt.".into()),
            ),
            (SchemaFileMissing { name }, En) => (
                format!("The manifest refers to the rule file `{name}`, but it is not in the package. LMSs and test tools that check packages against the SCORM rules cannot do so."),
                Some("Put the official schema files (.xsd) at the top of the package, or export it again.".into()),
            ),
            (SchemaUnexpected { element, parent, allowed }, _) => {
                let extensions = if sv {
                    "tillägg (element med prefix, som adlcp:)"
                } else {
                    "extensions (elements with a prefix, such as adlcp:)"
                };
                let order = allowed
                    .iter()
                    .map(|a| if a == super::schema::EXTENSIONS { extensions.to_owned() } else { format!("<{a}>") })
                    .collect::<Vec<_>>()
                    .join(", ");
                let local = element.rsplit(':').next().unwrap_or(element);
                let belongs = allowed.iter().any(|a| a == local);
                let m = if sv {
                    format!("`<{element}>` står på en plats där SCORM inte tillåter det (i `<{parent}>`). {schema_effect}")
                } else {
                    format!("`<{element}>` is in a place where SCORM does not allow it (in `<{parent}>`). {schema_effect}")
                };
                let h = match (allowed.is_empty(), belongs, sv) {
                    (true, _, true) => format!("`<{parent}>` får inte innehålla andra element. Ta bort `<{element}>` därifrån. {reexport}"),
                    (true, _, false) => format!("`<{parent}>` may not contain other elements. Remove `<{element}>` from it. {reexport}"),
                    (false, true, true) => format!("I `<{parent}>` ska det stå i den här ordningen: {order}. Flytta `<{element}>` till sin plats. {reexport}"),
                    (false, true, false) => format!("In `<{parent}>` things must come in this order: {order}. Move `<{element}>` to its place. {reexport}"),
                    (false, false, true) => format!("`<{parent}>` får bara innehålla, i den här ordningen: {order}. Ta bort `<{element}>` därifrån eller flytta det dit det hör. {reexport}"),
                    (false, false, false) => format!("`<{parent}>` may only contain, in this order: {order}. Remove `<{element}>` from it or move it where it belongs. {reexport}"),
                };
                (m, Some(h))
            }
            (SchemaMissing { parent, missing }, Sv) => (
                format!("`<{parent}>` saknar `<{missing}>`, som SCORM kräver. {schema_effect}"),
                Some(format!("Lägg till `<{missing}>` i `<{parent}>`. {reexport}")),
            ),
            (SchemaMissing { parent, missing }, En) => (
                format!("`<{parent}>` lacks `<{missing}>`, which SCORM requires. {schema_effect}"),
                Some(format!("Add `<{missing}>` to `<{parent}>`. {reexport}")),
            ),
            (SchemaUnknownElement { element }, Sv) => (
                format!("`<{element}>` är ett tillägg som SCORM 1.2 inte känner till. {schema_effect}"),
                Some(format!("SCORM 1.2 tillåter bara tillägg som dess regelfiler beskriver (adlcp, imsmd). Ta bort `<{element}>`. {reexport}")),
            ),
            (SchemaUnknownElement { element }, En) => (
                format!("`<{element}>` is an extension SCORM 1.2 does not know. {schema_effect}"),
                Some(format!("SCORM 1.2 only allows extensions its schema files describe (adlcp, imsmd). Remove `<{element}>`. {reexport}")),
            ),
            (SchemaAttributeNotAllowed { element, attribute }, Sv) => (
                format!("`<{element}>` har attributet `{attribute}`, som SCORM inte tillåter där. {schema_effect}"),
                Some(format!("Kontrollera stavningen (stora och små bokstäver räknas), eller ta bort `{attribute}`. {reexport}")),
            ),
            (SchemaAttributeNotAllowed { element, attribute }, En) => (
                format!("`<{element}>` has the attribute `{attribute}`, which SCORM does not allow there. {schema_effect}"),
                Some(format!("Check the spelling (upper and lower case count), or remove `{attribute}`. {reexport}")),
            ),
            (SchemaAttributeMissing { element, attribute }, Sv) => (
                format!("`<{element}>` saknar attributet `{attribute}`, som SCORM kräver. {schema_effect}"),
                Some(format!("Lägg till {attribute}=\"…\" i `<{element}>`. {reexport}")),
            ),
            (SchemaAttributeMissing { element, attribute }, En) => (
                format!("`<{element}>` lacks the attribute `{attribute}`, which SCORM requires. {schema_effect}"),
                Some(format!("Add {attribute}=\"…\" to `<{element}>`. {reexport}")),
            ),
            (SchemaBadValue { element, attribute, value, rule }, _) => {
                let rule = rule_text(*rule, lang);
                let short: String = value.chars().take(60).collect();
                let place = match (attribute, sv) {
                    (Some(a), true) => format!("`{a}` i `<{element}>`"),
                    (Some(a), false) => format!("`{a}` in `<{element}>`"),
                    (None, true) => format!("texten i `<{element}>`"),
                    (None, false) => format!("the text of `<{element}>`"),
                };
                if sv {
                    (
                        format!("Värdet `{short}` för {place} är inte tillåtet: det ska vara {rule}. {schema_effect}"),
                        Some(format!("Skriv {rule}. {reexport}")),
                    )
                } else {
                    (
                        format!("The value `{short}` of {place} is not allowed: it must be {rule}. {schema_effect}"),
                        Some(format!("Write {rule}. {reexport}")),
                    )
                }
            }
            (SchemaText { element }, Sv) => (
                format!("`<{element}>` innehåller text, men SCORM tillåter bara andra element där. {schema_effect}"),
                Some(format!("Ta bort texten ur `<{element}>`. {reexport}")),
            ),
            (SchemaText { element }, En) => (
                format!("`<{element}>` has text in it, but SCORM only allows other elements there. {schema_effect}"),
                Some(format!("Remove the text from `<{element}>`. {reexport}")),
            ),
            (SchemaDuplicateId { id }, Sv) => (
                format!("Namnet `{id}` används av två delar av manifestet, men varje `identifier` måste vara unikt. Ett LMS kan blanda ihop delarna eller avvisa paketet."),
                Some(format!("Ge den ena delen ett annat namn än `{id}`, och ändra det som hänvisar till den. {reexport}")),
            ),
            (SchemaDuplicateId { id }, En) => (
                format!("The name `{id}` is used by two parts of the manifest, but every `identifier` must be unique. An LMS may mix the parts up or refuse the package."),
                Some(format!("Give one of the parts another name than `{id}`, and change what refers to it. {reexport}")),
            ),
            (FileMissing { href }, Sv) => (
                format!("Manifestet räknar upp filen `{href}`, men den finns inte i zip-filen. Det som behöver filen (en sida, en bild) laddas inte i LMS:et."),
                Some(format!("Lägg filen i paketet, eller ta bort raden om den inte behövs. {reexport}")),
            ),
            (FileMissing { href }, En) => (
                format!("The manifest lists the file `{href}`, but it is not in the zip. What needs it (a page, a picture) does not load in the LMS."),
                Some(format!("Put the file in the package, or remove the line if it is not needed. {reexport}")),
            ),
            (FileWrongCase { href, actual }, Sv) => (
                format!("Manifestet nämner `{href}`, men filen i zip-filen heter `{actual}`. Stora och små bokstäver skiljer sig: på en Linux-server, där de flesta LMS körs, hittas filen inte."),
                Some("Skriv namnet exakt likadant i manifestet och på filen.".into()),
            ),
            (FileWrongCase { href, actual }, En) => (
                format!("The manifest names `{href}`, but the file in the zip is `{actual}`. Upper and lower case differ: on a Linux server, where most LMSs run, the file is not found."),
                Some("Write the name exactly the same in the manifest and on the file.".into()),
            ),
            (LaunchFileMissing { href, resource }, Sv) => (
                format!("Startfilen `{href}` för `{resource}` finns inte i zip-filen. LMS:et visar en felsida när deltagaren öppnar den delen av kursen."),
                Some(format!("Lägg startfilen i paketet, eller rätta `href` i manifestet. {reexport}")),
            ),
            (LaunchFileMissing { href, resource }, En) => (
                format!("The start file `{href}` of `{resource}` is not in the zip. The LMS shows an error page when a learner opens that part of the course."),
                Some(format!("Put the start file in the package, or correct `href` in the manifest. {reexport}")),
            ),
            (FileOutsidePackage { href }, Sv) => (
                format!("`{href}` pekar ut ur paketet (med `..` eller `/` först). Ett LMS kan inte visa något utanför kursens mapp."),
                Some("Lägg filen i paketet och skriv sökvägen från paketets översta mapp, utan `..` och utan `/` först.".into()),
            ),
            (FileOutsidePackage { href }, En) => (
                format!("`{href}` points out of the package (with `..` or a leading `/`). An LMS cannot show anything outside the course's folder."),
                Some("Put the file in the package and write its path from the package's top folder, without `..` and without a leading `/`.".into()),
            ),
            (ExternalUrl { href }, Sv) => (
                format!("`{href}` är en adress på internet, inte en fil i paketet. Den fungerar bara där deltagarna når den, och inte om adressen slutar fungera."),
                Some("Lägg det som behövs i paketet, så att kursen inte behöver nätet när den körs.".into()),
            ),
            (ExternalUrl { href }, En) => (
                format!("`{href}` is an address on the internet, not a file in the package. It only works where learners can reach it, and not once the address stops working."),
                Some("Put what is needed in the package, so that the course needs no network when it runs.".into()),
            ),
            (FileNotListed, Sv) => (
                "Filen finns i zip-filen, men ingen del av manifestet räknar upp den. En del LMS (bland annat Open edX) tar bara med filerna manifestet räknar upp; då saknas den när kursen körs.".into(),
                Some(format!("Lägg till <file href=\"…\"/> för den i manifestets <resource>, eller ta bort filen om den inte behövs. {reexport}")),
            ),
            (FileNotListed, En) => (
                "The file is in the zip, but no part of the manifest lists it. Some LMSs (Open edX among them) take only the files the manifest lists; then it is missing when the course runs.".into(),
                Some(format!("Add <file href=\"…\"/> for it to the manifest's <resource>, or remove the file if it is not needed. {reexport}")),
            ),
            (NoOrganization, Sv) => (
                "Manifestet har ingen `<organization>` (innehållsförteckning), så LMS:et har inget att starta.".into(),
                Some(format!("Ett kurspaket behöver en <organization> med minst ett <item> som pekar på en <resource>. {reexport}")),
            ),
            (NoOrganization, En) => (
                "The manifest has no `<organization>` (table of contents), so the LMS has nothing to start.".into(),
                Some(format!("A course package needs an <organization> with at least one <item> that points at a <resource>. {reexport}")),
            ),
            (DefaultOrganizationMissing { id }, Sv) => (
                format!("`<organizations default=\"{id}\">` pekar på en innehållsförteckning som inte finns. LMS:et vet inte vilken det ska visa och kan avvisa paketet."),
                Some(format!("Skriv `identifier` för en av manifestets <organization> i `default`. {reexport}")),
            ),
            (DefaultOrganizationMissing { id }, En) => (
                format!("`<organizations default=\"{id}\">` points at a table of contents that does not exist. The LMS cannot tell which one to show and may refuse the package."),
                Some(format!("Write the `identifier` of one of the manifest's <organization>s in `default`. {reexport}")),
            ),
            (ItemResourceMissing { item, identifierref }, Sv) => (
                format!("Delen `{item}` pekar på `{identifierref}`, som inte finns bland manifestets resurser. LMS:et kan inte öppna den delen av kursen."),
                Some(format!("Rätta `identifierref` så att den är `identifier` för en <resource>. {reexport}")),
            ),
            (ItemResourceMissing { item, identifierref }, En) => (
                format!("The item `{item}` points at `{identifierref}`, which is not among the manifest's resources. The LMS cannot open that part of the course."),
                Some(format!("Correct `identifierref` so that it is the `identifier` of a <resource>. {reexport}")),
            ),
            (ItemWithoutLaunch { item, resource }, Sv) => (
                format!("Delen `{item}` pekar på `{resource}`, som saknar startfil (`href`). LMS:et har inget att öppna för den delen."),
                Some(format!("Ge <resource> en href till sin startsida. {reexport}")),
            ),
            (ItemWithoutLaunch { item, resource }, En) => (
                format!("The item `{item}` points at `{resource}`, which has no start file (`href`). The LMS has nothing to open for that part."),
                Some(format!("Give the <resource> an href to its start page. {reexport}")),
            ),
            (LeafItemWithoutResource { item }, Sv) => (
                format!("Delen `{item}` har varken innehåll (`identifierref`) eller delar under sig. LMS:et visar den i innehållsförteckningen, men inget öppnas."),
                Some(format!("Låt den peka på en <resource>, eller ta bort den. {reexport}")),
            ),
            (LeafItemWithoutResource { item }, En) => (
                format!("The item `{item}` has neither content (`identifierref`) nor items under it. The LMS shows it in the table of contents, but nothing opens."),
                Some(format!("Let it point at a <resource>, or remove it. {reexport}")),
            ),
            (DependencyMissing { resource, identifierref }, Sv) => (
                format!("`{resource}` är beroende av `{identifierref}`, som inte finns. LMS som hämtar en dels beroenden får inte med de filerna."),
                Some(format!("Rätta `identifierref` i <dependency>, eller ta bort den. {reexport}")),
            ),
            (DependencyMissing { resource, identifierref }, En) => (
                format!("`{resource}` depends on `{identifierref}`, which does not exist. LMSs that fetch a part's dependencies miss those files."),
                Some(format!("Correct `identifierref` in <dependency>, or remove it. {reexport}")),
            ),
            (ScormTypeMissing { resource, found, expected, launched }, _) => {
                let effect = match (launched, sv) {
                    (true, true) => " Deltagarens framsteg och resultat registreras då inte.",
                    (true, false) => " The learner's progress and score are then not recorded.",
                    (false, _) => "",
                };
                match (found, sv) {
                    (Some(f), true) => (
                        format!("Resursen `{resource}` har `{f}`, men SCORM stavar det `{expected}`. LMS som läser exakt (Open edX är ett) ser det inte och behandlar delen som en vanlig fil.{effect}"),
                        Some(format!("Skriv {expected}=\"sco\" (eller \"asset\") med exakt de stora och små bokstäverna. {reexport}")),
                    ),
                    (Some(f), false) => (
                        format!("The resource `{resource}` has `{f}`, but SCORM spells it `{expected}`. LMSs that read it exactly (Open edX is one) do not see it and treat the part as a plain file.{effect}"),
                        Some(format!("Write {expected}=\"sco\" (or \"asset\") with exactly that upper and lower case. {reexport}")),
                    ),
                    (None, true) => (
                        format!("Resursen `{resource}` säger inte om den är en SCO eller en vanlig fil (`{expected}` saknas). LMS behandlar den då som en vanlig fil.{effect}"),
                        Some(format!("Lägg till {expected}=\"sco\" på delar som rapporterar till LMS:et, {expected}=\"asset\" på övriga. {reexport}")),
                    ),
                    (None, false) => (
                        format!("The resource `{resource}` does not say whether it is a SCO or a plain file (`{expected}` is missing). LMSs then treat it as a plain file.{effect}"),
                        Some(format!("Add {expected}=\"sco\" to parts that report to the LMS, {expected}=\"asset\" to the others. {reexport}")),
                    ),
                }
            }
            (NoSco, Sv) => (
                "Ingen del av paketet är en SCO (en del som rapporterar till LMS:et). LMS:et registrerar inga framsteg och inget resultat, bara att kursen öppnats.".into(),
                Some("Om kursen ska rapportera till LMS:et: markera startsidans <resource> som sco och exportera på nytt.".into()),
            ),
            (NoSco, En) => (
                "No part of the package is a SCO (a part that reports to the LMS). The LMS records no progress and no score, only that the course was opened.".into(),
                Some("If the course should report to the LMS: mark its start page's <resource> as sco and export again.".into()),
            ),
            (FirstResourceNotLaunched { first, launched }, Sv) => (
                format!("Open edX startar den första resursen med en startfil, `{first}`, men kursen börjar med `{launched}`. I Open edX ser deltagarna fel sida först."),
                Some("Flytta kursens första <resource> först bland manifestets resurser.".into()),
            ),
            (FirstResourceNotLaunched { first, launched }, En) => (
                format!("Open edX starts the first resource with a start file, `{first}`, but the course begins with `{launched}`. In Open edX learners see the wrong page first."),
                Some("Move the course's first <resource> to the top of the manifest's resources.".into()),
            ),
            (MasteryScoreInvalid { value }, Sv) => (
                format!("Godkäntgränsen `{value}` (`adlcp:masteryscore`) är inte ett tal från 0 till 100. LMS:et kan inte jämföra deltagarens resultat med den, så godkänt och underkänt blir inte som det var tänkt."),
                Some("Skriv ett tal från 0 till 100, till exempel <adlcp:masteryscore>80</adlcp:masteryscore>, eller ta bort raden.".into()),
            ),
            (MasteryScoreInvalid { value }, En) => (
                format!("The mastery score `{value}` (`adlcp:masteryscore`) is not a number from 0 to 100. The LMS cannot compare the learner's score with it, so passed and failed do not come out as intended."),
                Some("Write a number from 0 to 100, for example <adlcp:masteryscore>80</adlcp:masteryscore>, or remove the line.".into()),
            ),
            (PassFromMeasure { threshold }, Sv) => (
                format!("Paketet ber LMS:et avgöra godkänt eller underkänt utifrån resultatet (gräns {threshold}). Moodle gör inte det: i Moodle blir deltagaren godkänd bara om kursen själv rapporterar godkänt."),
                Some("Kontrollera att kursen själv rapporterar godkänt/underkänt (cmi.success_status), eller prova paketet i ert LMS innan ni publicerar det.".into()),
            ),
            (PassFromMeasure { threshold }, En) => (
                format!("The package asks the LMS to decide passed or failed from the score (threshold {threshold}). Moodle does not: in Moodle the learner passes only if the course itself reports passed."),
                Some("Check that the course itself reports passed/failed (cmi.success_status), or try the package in your LMS before publishing it.".into()),
            ),
            (RiskyName { risk }, _) => {
                let m = match (risk, sv) {
                    (NameRisk::Space, true) => "Filnamnet har mellanslag. Länkar till filen måste skriva mellanslaget som %20, och en del LMS och webbservrar hanterar sådana namn fel, så att filen inte laddas.".to_owned(),
                    (NameRisk::Space, false) => "The file name has a space. Links to the file must write it as %20, and some LMSs and web servers handle such names wrongly, so the file does not load.".to_owned(),
                    (NameRisk::NonAscii, true) => "Filnamnet har tecken utanför a–z och 0–9 (till exempel å, ä, ö). LMS sparar och skickar sådana namn på olika sätt, och en del (bland annat Open edX) tappar bort filen.".to_owned(),
                    (NameRisk::NonAscii, false) => "The file name has characters outside a–z and 0–9 (such as å, ä, ö). LMSs store and send such names in different ways, and some (Open edX among them) lose the file.".to_owned(),
                    (NameRisk::UrlCharacter(c), true) => format!("Filnamnet har `{c}`, som betyder något annat i en webbadress. LMS:et kan inte skicka filen under det namnet."),
                    (NameRisk::UrlCharacter(c), false) => format!("The file name has `{c}`, which means something else in a web address. The LMS cannot send the file under that name."),
                };
                let h = if sv {
                    "Byt namn på filen till bara a–z, 0–9, bindestreck och understreck, och ändra länkarna till den."
                } else {
                    "Rename the file to use only a–z, 0–9, hyphens and underscores, and change the links to it."
                };
                (m, Some(h.into()))
            }
            (ModuleScript, Sv) => (
                "Moodle skickar .mjs-filer som okänd data, och webbläsare vägrar köra ett modulskript som skickas så. Det som behöver skriptet fungerar inte i Moodle.".into(),
                Some("Döp om skriptet till .js och ändra länkarna till det (modulskript fungerar med .js).".into()),
            ),
            (ModuleScript, En) => (
                "Moodle sends .mjs files as unknown data, and browsers refuse to run a module script sent that way. What needs the script does not work in Moodle.".into(),
                Some("Rename the script to .js and change the links to it (module scripts work as .js).".into()),
            ),
            (WasmWithoutFallback, Sv) => (
                "Moodle skickar .wasm-filer som okänd data. Paketets skript läser filen på ett sätt som då misslyckas, och de har inget annat sätt att läsa den: det som behöver filen startar inte i Moodle.".into(),
                Some("Skripten använder WebAssembly.instantiateStreaming utan reserv. Låt dem falla tillbaka på arrayBuffer() och WebAssembly.instantiate, eller be verktygets tillverkare om det.".into()),
            ),
            (WasmWithoutFallback, En) => (
                "Moodle sends .wasm files as unknown data. The package's scripts read the file in a way that then fails, and have no other way to read it: what needs the file does not start in Moodle.".into(),
                Some("The scripts use WebAssembly.instantiateStreaming without a fallback. Let them fall back to arrayBuffer() and WebAssembly.instantiate, or ask the tool's maker to.".into()),
            ),
            (Cmi5WrongCase { found }, Sv) => (
                format!("Kursbeskrivningen heter `{found}`, men ett LMS letar efter exakt `cmi5.xml` med små bokstäver och avvisar paketet. Windows döljer skillnaden, en Linux-server gör det inte."),
                Some("Byt namn på filen till cmi5.xml och packa paketet på nytt.".into()),
            ),
            (Cmi5WrongCase { found }, En) => (
                format!("The course structure is called `{found}`, but an LMS looks for exactly `cmi5.xml` in lower case and refuses the package. Windows hides the difference, a Linux server does not."),
                Some("Rename the file to cmi5.xml and zip the package again.".into()),
            ),
            (Cmi5InFolder { path }, Sv) => (
                format!("Paketet är ett cmi5-paket, men `cmi5.xml` ligger i en mapp (`{path}`), inte överst i zip-filen. Ett LMS letar bara överst och avvisar paketet."),
                Some("Öppna mappen och packa det som ligger i den, inte själva mappen.".into()),
            ),
            (Cmi5InFolder { path }, En) => (
                format!("The package is a cmi5 package, but `cmi5.xml` is in a folder (`{path}`), not at the top of the zip. An LMS only looks at the top and refuses the package."),
                Some("Open the folder and zip what is in it, not the folder itself.".into()),
            ),
            (Cmi5Unreadable { too_large }, Sv) => (
                if *too_large {
                    "cmi5.xml är orimligt stor, så Kursverk granskar den inte. Ett LMS kan också ge upp inför den.".into()
                } else {
                    "cmi5.xml går inte att packa upp ur zip-filen. Ett LMS kan inte heller läsa den och avvisar paketet.".into()
                },
                Some(reexport.into()),
            ),
            (Cmi5Unreadable { too_large }, En) => (
                if *too_large {
                    "cmi5.xml is unreasonably large, so Kursverk does not check it. An LMS may give up on it too.".into()
                } else {
                    "cmi5.xml cannot be unpacked from the zip. An LMS cannot read it either and refuses the package.".into()
                },
                Some(reexport.into()),
            ),
            (Cmi5Encoding { encoding }, Sv) => (
                format!("Tecknen i cmi5.xml är sparade på ett sätt som Kursverk inte kan läsa (`{encoding}`). Ett LMS kan läsa titlarna fel eller avvisa paketet."),
                Some("Spara cmi5.xml som UTF-8.".into()),
            ),
            (Cmi5Encoding { encoding }, En) => (
                format!("The characters of cmi5.xml are saved in a way Kursverk cannot read (`{encoding}`). An LMS may read the titles wrongly or refuse the package."),
                Some("Save cmi5.xml as UTF-8.".into()),
            ),
            (Cmi5Malformed { detail }, Sv) => (
                "cmi5.xml är inte korrekt skriven (XML-fel), så ett LMS kan inte läsa in kursen och avvisar paketet.".into(),
                Some(format!("Rätta raden som anges, eller exportera paketet på nytt. Läsaren säger: {detail}")),
            ),
            (Cmi5Malformed { detail }, En) => (
                "cmi5.xml is not written correctly (an XML error), so an LMS cannot import the course and refuses the package.".into(),
                Some(format!("Fix the line shown, or export the package again. The reader says: {detail}")),
            ),
            (Cmi5TooBig, Sv) => (
                "cmi5.xml har orimligt många eller djupt inbäddade delar, så Kursverk granskar den inte. Ett LMS kan ge upp inför den.".into(),
                Some(reexport.into()),
            ),
            (Cmi5TooBig, En) => (
                "cmi5.xml has unreasonably many or deeply nested parts, so Kursverk does not check it. An LMS may give up on it.".into(),
                Some(reexport.into()),
            ),
            (NotCmi5 { root, namespace }, _) => {
                let start = match (namespace, sv) {
                    (Some(ns), true) => format!("`<{root}>` med adressen `{ns}`"),
                    (Some(ns), false) => format!("`<{root}>` with the address `{ns}`"),
                    (None, true) => format!("`<{root}>` utan adress (`xmlns`)"),
                    (None, false) => format!("`<{root}>` with no address (`xmlns`)"),
                };
                if sv {
                    (
                        format!("cmi5.xml börjar med {start}, inte med cmi5:s `<courseStructure>` och dess adress. Ett LMS känner inte igen filen som en cmi5-kurs och avvisar paketet."),
                        Some(format!("cmi5.xml ska börja med <courseStructure xmlns=\"{}\">; ett enda fel tecken i adressen räcker för att LMS:et inte känner igen den. Exportera kursen som cmi5 på nytt.", super::schema::CMI5)),
                    )
                } else {
                    (
                        format!("cmi5.xml starts with {start}, not with cmi5's `<courseStructure>` and its address. An LMS does not recognise the file as a cmi5 course and refuses the package."),
                        Some(format!("cmi5.xml must start with <courseStructure xmlns=\"{}\">; one wrong character in the address is enough for the LMS not to recognise it. Export the course as cmi5 again.", super::schema::CMI5)),
                    )
                }
            }
            (Cmi5Unexpected { element, parent, allowed }, _) => {
                let extensions = if sv {
                    "tillägg (element med ett eget prefix)"
                } else {
                    "extensions (elements with a prefix of their own)"
                };
                let order = allowed
                    .iter()
                    .map(|a| if a == super::schema::EXTENSIONS { extensions.to_owned() } else { format!("<{a}>") })
                    .collect::<Vec<_>>()
                    .join(", ");
                let local = element.rsplit(':').next().unwrap_or(element);
                let belongs = allowed.iter().any(|a| a == local);
                let m = if sv {
                    format!("`<{element}>` står på en plats där cmi5 inte tillåter det (i `<{parent}>`). {cmi5_effect}")
                } else {
                    format!("`<{element}>` is in a place where cmi5 does not allow it (in `<{parent}>`). {cmi5_effect}")
                };
                let h = match (allowed.is_empty(), belongs, sv) {
                    (true, _, true) => format!("`<{parent}>` får inte innehålla andra element. Ta bort `<{element}>` därifrån. {reexport}"),
                    (true, _, false) => format!("`<{parent}>` may not contain other elements. Remove `<{element}>` from it. {reexport}"),
                    (false, true, true) => format!("I `<{parent}>` ska det stå i den här ordningen: {order}. Flytta `<{element}>` till sin plats. {reexport}"),
                    (false, true, false) => format!("In `<{parent}>` things must come in this order: {order}. Move `<{element}>` to its place. {reexport}"),
                    (false, false, true) => format!("`<{parent}>` får bara innehålla, i den här ordningen: {order}. Ta bort `<{element}>` därifrån eller flytta det dit det hör. {reexport}"),
                    (false, false, false) => format!("`<{parent}>` may only contain, in this order: {order}. Remove `<{element}>` from it or move it where it belongs. {reexport}"),
                };
                (m, Some(h))
            }
            (Cmi5Missing { parent, missing }, _) => match (missing.as_str(), sv) {
                ("url", true) => (
                    format!("`<{parent}>` saknar `<url>`, adressen till AU:ns startsida. LMS:et vet inte vad det ska starta och avvisar paketet."),
                    Some("Lägg till <url>index.html</url> (startsidans sökväg från paketets översta mapp, eller en https://-adress) efter <description>.".into()),
                ),
                ("url", false) => (
                    format!("`<{parent}>` lacks `<url>`, the address of the AU's start page. The LMS cannot tell what to start and refuses the package."),
                    Some("Add <url>index.html</url> (the start page's path from the package's top folder, or an https:// address) after <description>.".into()),
                ),
                ("langstring", true) => (
                    format!("`<{parent}>` saknar `<langstring>`: cmi5 kräver att texten står i en eller flera `<langstring>`, en per språk. {cmi5_effect}"),
                    Some(format!("Skriv texten som <{parent}><langstring lang=\"sv-SE\">…</langstring></{parent}>. {reexport}")),
                ),
                ("langstring", false) => (
                    format!("`<{parent}>` lacks `<langstring>`: cmi5 requires the text in one or more `<langstring>`s, one per language. {cmi5_effect}"),
                    Some(format!("Write the text as <{parent}><langstring lang=\"en-GB\">…</langstring></{parent}>. {reexport}")),
                ),
                (_, true) => (
                    format!("`<{parent}>` saknar `<{missing}>`, som cmi5 kräver. {cmi5_effect}"),
                    Some(format!("Lägg till `<{missing}>` i `<{parent}>` (titel och beskrivning står i <langstring>). {reexport}")),
                ),
                (_, false) => (
                    format!("`<{parent}>` lacks `<{missing}>`, which cmi5 requires. {cmi5_effect}"),
                    Some(format!("Add `<{missing}>` to `<{parent}>` (titles and descriptions go in <langstring>). {reexport}")),
                ),
            },
            (Cmi5NoAu { parent }, Sv) => (
                if parent == "block" {
                    format!("Ett `<block>` har ingen AU (`<au>`) under sig, men cmi5 kräver minst en. {cmi5_effect}")
                } else {
                    format!("Kursen har ingen AU (`<au>`), alltså inget som LMS:et kan starta. {cmi5_effect}")
                },
                Some(format!("Lägg till minst en <au> med <title>, <description> och <url>, direkt i <{parent}> eller i ett <block>. {reexport}")),
            ),
            (Cmi5NoAu { parent }, En) => (
                if parent == "block" {
                    format!("A `<block>` has no AU (`<au>`) in it, but cmi5 requires at least one. {cmi5_effect}")
                } else {
                    format!("The course has no AU (`<au>`), so nothing the LMS can start. {cmi5_effect}")
                },
                Some(format!("Add at least one <au> with <title>, <description> and <url>, directly in <{parent}> or in a <block>. {reexport}")),
            ),
            (Cmi5AttributeNotAllowed { element, attribute }, Sv) => (
                format!("`<{element}>` har attributet `{attribute}`, som cmi5 inte tillåter där. {cmi5_effect}"),
                Some(format!("Kontrollera stavningen (stora och små bokstäver räknas: moveOn, masteryScore, launchMethod, activityType), eller ta bort `{attribute}`. Egna attribut behöver ett eget prefix. {reexport}")),
            ),
            (Cmi5AttributeNotAllowed { element, attribute }, En) => (
                format!("`<{element}>` has the attribute `{attribute}`, which cmi5 does not allow there. {cmi5_effect}"),
                Some(format!("Check the spelling (upper and lower case count: moveOn, masteryScore, launchMethod, activityType), or remove `{attribute}`. Attributes of your own need a prefix of their own. {reexport}")),
            ),
            (Cmi5AttributeMissing { element, attribute }, Sv) => (
                if attribute == "id" {
                    format!("`<{element}>` saknar `id`. LMS:et känner igen kursens delar och deras resultat på id:t, och avvisar paketet utan det.")
                } else {
                    format!("`<{element}>` saknar attributet `{attribute}`, som cmi5 kräver. {cmi5_effect}")
                },
                Some(if attribute == "id" {
                    format!("Ge `<{element}>` ett id som är en fullständig adress och inte används av någon annan del av kursen, till exempel id=\"https://kurser.example.org/kurs/del-1\". {reexport}")
                } else {
                    format!("Lägg till {attribute}=\"…\" i `<{element}>`. {reexport}")
                }),
            ),
            (Cmi5AttributeMissing { element, attribute }, En) => (
                if attribute == "id" {
                    format!("`<{element}>` has no `id`. The LMS knows the course's parts and their results by their ids, and refuses the package without one.")
                } else {
                    format!("`<{element}>` lacks the attribute `{attribute}`, which cmi5 requires. {cmi5_effect}")
                },
                Some(if attribute == "id" {
                    format!("Give `<{element}>` an id that is a full address used by no other part of the course, such as id=\"https://courses.example.org/course/part-1\". {reexport}")
                } else {
                    format!("Add {attribute}=\"…\" to `<{element}>`. {reexport}")
                }),
            ),
            (Cmi5BadValue { element, attribute, value, rule }, _) => {
                let rule_words = rule_text(*rule, lang);
                let short: String = value.chars().take(60).collect();
                let place = match (attribute, sv) {
                    (Some(a), true) => format!("`{a}` i `<{element}>`"),
                    (Some(a), false) => format!("`{a}` in `<{element}>`"),
                    (None, true) => format!("texten i `<{element}>`"),
                    (None, false) => format!("the text of `<{element}>`"),
                };
                let what = match (attribute.as_deref(), element.as_str(), sv) {
                    (Some("moveOn"), _, true) => "`moveOn` säger när LMS:et räknar AU:n som klar; med ett okänt värde vet det inte när. ",
                    (Some("moveOn"), _, false) => "`moveOn` tells the LMS when the AU counts as done; with an unknown value it cannot tell. ",
                    (Some("masteryScore"), _, true) => "`masteryScore` är godkäntgränsen som LMS:et ger AU:n, som andel: 0.8 är 80 %. ",
                    (Some("masteryScore"), _, false) => "`masteryScore` is the pass mark the LMS gives the AU, as a fraction: 0.8 is 80 %. ",
                    (Some("launchMethod"), _, true) => "`launchMethod` säger om AU:n måste öppnas i ett eget fönster. ",
                    (Some("launchMethod"), _, false) => "`launchMethod` says whether the AU must open in a window of its own. ",
                    (None, "url", true) => "`<url>` är AU:ns startsida. ",
                    (None, "url", false) => "`<url>` is the AU's start page. ",
                    _ => "",
                };
                let example = match (attribute.as_deref(), sv) {
                    (Some("masteryScore"), true) => ", till exempel 0.8 för 80 %",
                    (Some("masteryScore"), false) => ", such as 0.8 for 80 %",
                    _ => "",
                };
                if sv {
                    (
                        format!("Värdet `{short}` för {place} är inte tillåtet: det ska vara {rule_words}. {what}{cmi5_effect}"),
                        Some(format!("Skriv {rule_words}{example}. {reexport}")),
                    )
                } else {
                    (
                        format!("The value `{short}` of {place} is not allowed: it must be {rule_words}. {what}{cmi5_effect}"),
                        Some(format!("Write {rule_words}{example}. {reexport}")),
                    )
                }
            }
            (Cmi5Text { element }, Sv) => (
                format!("`<{element}>` innehåller text, men cmi5 tillåter bara andra element där. {cmi5_effect}"),
                Some(format!("Ta bort texten ur `<{element}>`, eller lägg den i en <langstring> där en sådan hör hemma. {reexport}")),
            ),
            (Cmi5Text { element }, En) => (
                format!("`<{element}>` has text in it, but cmi5 only allows other elements there. {cmi5_effect}"),
                Some(format!("Remove the text from `<{element}>`, or put it in a <langstring> where one belongs. {reexport}")),
            ),
            (Cmi5IdNotAbsolute { element, id }, Sv) => (
                format!("Id:t `{id}` för `<{element}>` är inte en fullständig adress (som börjar med till exempel `https:` eller `urn:`). LMS:et skickar id:t med i varje händelse om den delen, och en LRS avvisar händelser med ett sådant id: deltagarnas resultat registreras inte."),
                Some(format!("Skriv en fullständig adress (IRI, cmi5 13.1), till exempel id=\"https://kurser.example.org/kurs/del-1\" eller id=\"urn:min-organisation:kurs:del-1\". Det kontrolleras inte av xmllint eller andra granskningar mot CourseStructure.xsd. {reexport}")),
            ),
            (Cmi5IdNotAbsolute { element, id }, En) => (
                format!("The id `{id}` of `<{element}>` is not a full address (starting with something like `https:` or `urn:`). The LMS sends the id in every statement about that part, and an LRS refuses statements with such an id: learners' results are not recorded."),
                Some(format!("Write a full address (an IRI, cmi5 13.1), such as id=\"https://courses.example.org/course/part-1\" or id=\"urn:my-organisation:course:part-1\". xmllint and other checks against CourseStructure.xsd do not catch this. {reexport}")),
            ),
            (Cmi5DuplicateId { id, first_line }, Sv) => (
                format!("Id:t `{id}` används av två delar av kursen (första gången på rad {first_line}), men kursen, varje block och varje AU måste ha ett eget. Ett LMS kan avvisa paketet eller blanda ihop delarnas resultat."),
                Some(format!("Ge varje del ett eget id (cmi5 13.1.4). xmllint och andra granskningar mot CourseStructure.xsd upptäcker inte det här. {reexport}")),
            ),
            (Cmi5DuplicateId { id, first_line }, En) => (
                format!("The id `{id}` is used by two parts of the course (first on line {first_line}), but the course, each block and each AU must have one of its own. An LMS may refuse the package or mix up the parts' results."),
                Some(format!("Give each part an id of its own (cmi5 13.1.4). xmllint and other checks against CourseStructure.xsd do not catch this. {reexport}")),
            ),
            (Cmi5UrlMissing { url, au }, Sv) => (
                format!("Startsidan `{url}` för AU:n „{au}” finns inte i zip-filen. LMS:et visar en felsida när en deltagare startar den."),
                Some("Lägg sidan i paketet, eller rätta <url> i cmi5.xml: en sökväg räknas från paketets översta mapp, där cmi5.xml ligger (cmi5 14.1).".into()),
            ),
            (Cmi5UrlMissing { url, au }, En) => (
                format!("The start page `{url}` of the AU \"{au}\" is not in the zip. The LMS shows an error page when a learner starts it."),
                Some("Put the page in the package, or correct <url> in cmi5.xml: a path counts from the package's top folder, where cmi5.xml is (cmi5 14.1).".into()),
            ),
            (Cmi5UrlWrongCase { url, actual }, Sv) => (
                format!("cmi5.xml nämner startsidan `{url}`, men filen i zip-filen heter `{actual}`. Stora och små bokstäver skiljer sig: på en Linux-server, där de flesta LMS körs, hittas sidan inte."),
                Some("Skriv namnet exakt likadant i <url> och på filen.".into()),
            ),
            (Cmi5UrlWrongCase { url, actual }, En) => (
                format!("cmi5.xml names the start page `{url}`, but the file in the zip is `{actual}`. Upper and lower case differ: on a Linux server, where most LMSs run, the page is not found."),
                Some("Write the name exactly the same in <url> and on the file.".into()),
            ),
            (Cmi5UrlOutside { url }, Sv) => (
                format!("Startsidan `{url}` pekar ut ur paketet (med `..` eller `/` först). LMS:et räknar en AU:s sökväg från paketets översta mapp och kan inte starta något utanför den."),
                Some("Skriv sökvägen från paketets översta mapp, utan `..` och utan `/` först, eller en fullständig adress som börjar med https://.".into()),
            ),
            (Cmi5UrlOutside { url }, En) => (
                format!("The start page `{url}` points out of the package (with `..` or a leading `/`). The LMS resolves an AU's path from the package's top folder and cannot start anything outside it."),
                Some("Write the path from the package's top folder, without `..` and without a leading `/`, or a full address starting with https://.".into()),
            ),
            (Cmi5UrlNotWeb { url }, Sv) => (
                format!("Startsidan `{url}` är varken en fil i paketet eller en webbadress (http eller https). Ett LMS som startar kurser i webbläsaren kan inte öppna den; bara ett program som känner till den sortens adress kan det."),
                Some("För en kurs i webbläsaren: skriv en sökväg i paketet (index.html) eller en https://-adress.".into()),
            ),
            (Cmi5UrlNotWeb { url }, En) => (
                format!("The start page `{url}` is neither a file in the package nor a web address (http or https). An LMS that starts courses in the browser cannot open it; only an application that knows that kind of address can."),
                Some("For a course in the browser: write a path in the package (index.html) or an https:// address.".into()),
            ),
        };
        (m, h)
    }
}

/// A rule, as the words after "it must be".
fn rule_text(rule: ValueRule, lang: Language) -> String {
    let sv = lang == Language::Sv;
    match rule {
        ValueRule::Boolean => if sv { "true eller false" } else { "true or false" }.into(),
        ValueRule::WholeNumber => {
            if sv { "ett heltal, 0 eller mer" } else { "a whole number, 0 or more" }.into()
        }
        ValueRule::Duration => {
            if sv { "en tidslängd som PT1H30M" } else { "a duration such as PT1H30M" }.into()
        }
        ValueRule::DateTime => if sv {
            "en tidpunkt som 2026-01-31T12:00:00"
        } else {
            "a date and time such as 2026-01-31T12:00:00"
        }
        .into(),
        ValueRule::Language => if sv {
            "en språkkod som sv eller en-GB"
        } else {
            "a language code such as sv or en-GB"
        }
        .into(),
        ValueRule::Identifier => if sv {
            "ett namn som börjar med en bokstav eller _ och saknar mellanslag och kolon"
        } else {
            "a name that starts with a letter or _ and has no spaces or colons"
        }
        .into(),
        ValueRule::Decimal { min, max } => {
            if sv {
                format!(
                    "ett tal från {} till {} (med punkt som decimaltecken)",
                    number(min),
                    number(max)
                )
            } else {
                format!("a number from {} to {}", number(min), number(max))
            }
        }
        ValueRule::OneOf(values) => {
            let list = values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
            if sv { format!("ett av {list}") } else { format!("one of {list}") }
        }
        ValueRule::MaxLength(n) => {
            if sv {
                format!("högst {n} tecken långt")
            } else {
                format!("at most {n} characters long")
            }
        }
        ValueRule::NotEmpty => if sv {
            "en sökväg eller en adress, inte tomt"
        } else {
            "a path or an address, not empty"
        }
        .into(),
    }
}

fn number(x: f64) -> String {
    if x.fract() == 0.0 { format!("{}", x as i64) } else { format!("{x}") }
}

/// The version as people name it.
pub(crate) fn version_name(v: Version) -> &'static str {
    match v {
        Version::Scorm12 => "1.2",
        Version::Scorm2004 => "2004",
    }
}

/// A size for people: `75 kB`, `2,3 MB` (Swedish decimal comma).
pub(crate) fn size(bytes: u64, lang: Language) -> String {
    const KB: f64 = 1000.0;
    let b = bytes as f64;
    let (value, unit) = if b < KB {
        return format!("{bytes} B");
    } else if b < KB * KB {
        (b / KB, "kB")
    } else if b < KB * KB * KB {
        (b / (KB * KB), "MB")
    } else {
        (b / (KB * KB * KB), "GB")
    };
    let text = if value < 10.0 { format!("{value:.1}") } else { format!("{value:.0}") };
    let text = if lang == Language::Sv { text.replace('.', ",") } else { text };
    format!("{text} {unit}")
}

/// The words of the summary that ends the human output, both languages
/// side by side.
pub(crate) enum SummaryWord<'a> {
    /// "error" / "warning".
    Severity(Severity),
    /// "What to do:".
    Hint,
    /// A line about further findings of one code not shown.
    More { count: usize, code: &'a str },
    /// The package's version line.
    Package { version: Option<Version>, schema_version: Option<&'a str> },
    /// Files and sizes.
    Contents { scos: usize, assets: usize, files: usize, unpacked: u64, zipped: u64 },
    /// One part the LMS can start.
    Item { title: &'a str, href: &'a str, sco: bool },
    /// A 1.2 mastery score and what Moodle does with it.
    Mastery12 { score: &'a str },
    /// A 1.2 SCO with no mastery score.
    NoMastery12,
    /// A 2004 passing score and what Moodle does with it.
    Measure2004 { threshold: &'a str },
    /// Moodle's app plays 1.2 only.
    MoodleApp2004,
    /// A cmi5 package's kind line.
    PackageCmi5,
    /// A cmi5 package's AUs, files and sizes.
    ContentsCmi5 { aus: usize, files: usize, unpacked: u64, zipped: u64 },
    /// One AU and the page it starts.
    Au { title: &'a str, url: &'a str, external: bool },
    /// When the LMS counts an AU as done, and its pass mark.
    MoveOn { move_on: &'a str, default: bool, mastery: Option<&'a str> },
    /// What a cmi5 package needs of the LMS.
    Cmi5Lms,
    /// The count line.
    Result { errors: usize, warnings: usize },
}

impl SummaryWord<'_> {
    /// The words in `lang`.
    pub(crate) fn text(&self, lang: Language) -> String {
        use Language::{En, Sv};
        match (self, lang) {
            (SummaryWord::Severity(Severity::Error), Sv) => "fel".into(),
            (SummaryWord::Severity(Severity::Error), En) => "error".into(),
            (SummaryWord::Severity(Severity::Warning), Sv) => "varning".into(),
            (SummaryWord::Severity(Severity::Warning), En) => "warning".into(),
            (SummaryWord::Hint, Sv) => "Gör så här:".into(),
            (SummaryWord::Hint, En) => "What to do:".into(),
            (SummaryWord::More { count, code }, Sv) => {
                format!("… och {count} till av samma slag ({code}); alla finns i --format json.")
            }
            (SummaryWord::More { count, code }, En) => {
                format!("… and {count} more of the same kind ({code}); --format json lists them all.")
            }
            (SummaryWord::Package { version, schema_version }, _) => {
                let v = match (version, lang) {
                    (Some(v), _) => format!("SCORM {}", version_name(*v)),
                    (None, Sv) => "okänd version".into(),
                    (None, En) => "unknown version".into(),
                };
                let sv = schema_version.map(|s| format!(" (schemaversion {s})")).unwrap_or_default();
                match lang {
                    Sv => format!("Paket:    {v}{sv}"),
                    En => format!("Package:  {v}{sv}"),
                }
            }
            (SummaryWord::Contents { scos, assets, files, unpacked, zipped }, Sv) => format!(
                "Innehåll: {scos} SCO, {assets} övriga delar; {files} filer, {} uppackat, {} som zip",
                size(*unpacked, lang),
                size(*zipped, lang)
            ),
            (SummaryWord::Contents { scos, assets, files, unpacked, zipped }, En) => format!(
                "Contents: {scos} SCO(s), {assets} other part(s); {files} files, {} unpacked, {} zipped",
                size(*unpacked, lang),
                size(*zipped, lang)
            ),
            (SummaryWord::Item { title, href, sco }, Sv) => {
                format!("  {} „{title}” startar {href}", if *sco { "SCO" } else { "Fil" })
            }
            (SummaryWord::Item { title, href, sco }, En) => {
                format!("  {} \"{title}\" starts {href}", if *sco { "SCO" } else { "Asset" })
            }
            (SummaryWord::Mastery12 { score }, Sv) => format!(
                "    Godkäntgräns {score}: när kursen rapporterar ett resultat kan Moodle sätta status till godkänd eller underkänd utifrån gränsen, i stället för slutförd. Kräver Moodle-aktiviteten status \"slutförd\" uppfylls det då aldrig; välj \"godkänd\" där."
            ),
            (SummaryWord::Mastery12 { score }, En) => format!(
                "    Mastery score {score}: when the course reports a score, Moodle may set the status to passed or failed from it, instead of completed. If the Moodle activity requires the status \"completed\", that is then never met; choose \"passed\" there."
            ),
            (SummaryWord::NoMastery12, Sv) => "    Ingen godkäntgräns: Moodle behåller den status kursen rapporterar; en kurs som aldrig sätter status blir \"slutförd\" när den stängs.".into(),
            (SummaryWord::NoMastery12, En) => "    No mastery score: Moodle keeps the status the course reports; a course that never sets one becomes \"completed\" when it closes.".into(),
            (SummaryWord::Measure2004 { threshold }, Sv) => format!(
                "    Godkäntgräns {threshold} (av 1): kursen får den som cmi.scaled_passing_score. Moodle avgör aldrig godkänt själv utifrån den; kursen måste rapportera godkänt eller underkänt."
            ),
            (SummaryWord::Measure2004 { threshold }, En) => format!(
                "    Passing score {threshold} (of 1): the course gets it as cmi.scaled_passing_score. Moodle never decides passed from it; the course must report passed or failed itself."
            ),
            (SummaryWord::MoodleApp2004, Sv) => "Obs:      Moodles mobilapp spelar bara SCORM 1.2; i appen öppnas inte ett 2004-paket.".into(),
            (SummaryWord::MoodleApp2004, En) => "Note:     Moodle's mobile app plays SCORM 1.2 only; a 2004 package does not open in the app.".into(),
            (SummaryWord::PackageCmi5, Sv) => "Paket:    cmi5-paket (cmi5.xml)".into(),
            (SummaryWord::PackageCmi5, En) => "Package:  cmi5 package (cmi5.xml)".into(),
            (SummaryWord::ContentsCmi5 { aus, files, unpacked, zipped }, Sv) => format!(
                "Innehåll: {aus} AU; {files} filer, {} uppackat, {} som zip",
                size(*unpacked, lang),
                size(*zipped, lang)
            ),
            (SummaryWord::ContentsCmi5 { aus, files, unpacked, zipped }, En) => format!(
                "Contents: {aus} AU(s); {files} files, {} unpacked, {} zipped",
                size(*unpacked, lang),
                size(*zipped, lang)
            ),
            (SummaryWord::Au { title, url, external }, Sv) => {
                let outside = if *external { " (en adress på internet, utanför paketet)" } else { "" };
                format!("  AU „{title}” startar {url}{outside}")
            }
            (SummaryWord::Au { title, url, external }, En) => {
                let outside =
                    if *external { " (an address on the internet, outside the package)" } else { "" };
                format!("  AU \"{title}\" starts {url}{outside}")
            }
            (SummaryWord::MoveOn { move_on, default, mastery }, Sv) => {
                let when = match *move_on {
                    "Passed" => "deltagaren är godkänd",
                    "Completed" => "deltagaren har slutfört den",
                    "CompletedAndPassed" => "deltagaren har slutfört den och är godkänd",
                    "CompletedOrPassed" => "deltagaren har slutfört den eller är godkänd",
                    _ => "genast: LMS:et räknar den som klar utan att vänta på kursen",
                };
                let default = if *default { ", som gäller när moveOn saknas" } else { "" };
                let mastery = mastery.map(|m| format!(" Godkäntgräns {m} (av 1): LMS:et ger AU:n den vid start, och AU:n avgör godkänt utifrån den.")).unwrap_or_default();
                format!("    Klar när {when} (moveOn {move_on}{default}).{mastery}")
            }
            (SummaryWord::MoveOn { move_on, default, mastery }, En) => {
                let when = match *move_on {
                    "Passed" => "the learner has passed",
                    "Completed" => "the learner has completed it",
                    "CompletedAndPassed" => "the learner has completed it and passed",
                    "CompletedOrPassed" => "the learner has completed it or passed",
                    _ => "at once: the LMS counts it as done without waiting for the course",
                };
                let default = if *default { ", what holds when moveOn is missing" } else { "" };
                let mastery = mastery.map(|m| format!(" Mastery score {m} (of 1): the LMS gives it to the AU at launch, and the AU decides passed from it.")).unwrap_or_default();
                format!("    Done when {when} (moveOn {move_on}{default}).{mastery}")
            }
            (SummaryWord::Cmi5Lms, Sv) => "Obs:      cmi5 kräver ett LMS som kan starta cmi5-kurser och har en LRS; Moodle behöver ett tillägg för cmi5.".into(),
            (SummaryWord::Cmi5Lms, En) => "Note:     cmi5 needs an LMS that starts cmi5 courses and has an LRS; Moodle needs a cmi5 plugin.".into(),
            (SummaryWord::Result { errors, warnings }, Sv) => {
                let w = if *warnings == 1 { "varning" } else { "varningar" };
                format!("Resultat: {errors} fel, {warnings} {w}")
            }
            (SummaryWord::Result { errors, warnings }, En) => {
                format!("Result:   {errors} error(s), {warnings} warning(s)")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each kind, for tests over all of them.
    pub(crate) fn examples() -> Vec<FindingKind> {
        use FindingKind::*;
        let s = |x: &str| x.to_owned();
        vec![
            NotAZip,
            UnsafeEntryName { reason: UnsafeName::ParentFolder },
            UnsafeEntryName { reason: UnsafeName::Absolute },
            UnsafeEntryName { reason: UnsafeName::Backslash },
            UnsafeEntryName { reason: UnsafeName::ControlCharacter },
            DuplicateEntries,
            CaseCollision { other: s("a.html") },
            EncryptedEntry,
            UnreadableEntry { method: s("Bzip2") },
            UnreadableEntry { method: String::new() },
            ZipBomb { unpacked: 10_000_000_000, zipped: 1_000_000 },
            LargePackage { bytes: 3_000_000 },
            ManifestMissing,
            ManifestWrongCase { found: s("IMSManifest.xml") },
            ManifestInFolder { path: s("kurs/imsmanifest.xml") },
            ManifestUnreadable { too_large: true },
            ManifestUnreadable { too_large: false },
            ManifestEncoding { encoding: s("shift_jis") },
            ManifestMalformed { detail: s("x") },
            ManifestTooBig,
            NotScorm { root: s("html"), namespace: None },
            SchemaVersionMismatch { found: Some(s("1.2")), version: Version::Scorm2004 },
            SchemaVersionMismatch { found: None, version: Version::Scorm12 },
            SchemaFileMissing { name: s("imscp_v1p1.xsd") },
            SchemaUnexpected {
                element: s("metadata"),
                parent: s("resources"),
                allowed: vec![s("resource"), s("*")],
            },
            SchemaUnexpected {
                element: s("metadata"),
                parent: s("item"),
                allowed: vec![s("title"), s("item"), s("metadata"), s("*")],
            },
            SchemaUnexpected { element: s("x"), parent: s("title"), allowed: vec![] },
            SchemaMissing { parent: s("manifest"), missing: s("resources") },
            SchemaUnknownElement { element: s("foo:bar") },
            SchemaAttributeNotAllowed { element: s("item"), attribute: s("foo") },
            SchemaAttributeMissing { element: s("resource"), attribute: s("type") },
            SchemaBadValue {
                element: s("item"),
                attribute: Some(s("isvisible")),
                value: s("yes"),
                rule: ValueRule::Boolean,
            },
            SchemaBadValue {
                element: s("m"),
                attribute: None,
                value: s("2"),
                rule: ValueRule::Decimal { min: -1.0, max: 1.0 },
            },
            SchemaBadValue {
                element: s("r"),
                attribute: Some(s("a")),
                value: s("x"),
                rule: ValueRule::OneOf(&["sco", "asset"]),
            },
            SchemaBadValue {
                element: s("t"),
                attribute: None,
                value: s("x"),
                rule: ValueRule::MaxLength(200),
            },
            SchemaText { element: s("resources") },
            SchemaDuplicateId { id: s("a") },
            FileMissing { href: s("a.png") },
            FileWrongCase { href: s("A.png"), actual: s("a.png") },
            LaunchFileMissing { href: s("index.html"), resource: s("r1") },
            FileOutsidePackage { href: s("../a") },
            ExternalUrl { href: s("https://example.org/a.js") },
            FileNotListed,
            NoOrganization,
            DefaultOrganizationMissing { id: s("org") },
            ItemResourceMissing { item: s("i1"), identifierref: s("r9") },
            ItemWithoutLaunch { item: s("i1"), resource: s("r1") },
            LeafItemWithoutResource { item: s("i1") },
            DependencyMissing { resource: s("r1"), identifierref: s("r9") },
            ScormTypeMissing {
                resource: s("r1"),
                found: Some(s("adlcp:scormType")),
                expected: "adlcp:scormtype",
                launched: true,
            },
            ScormTypeMissing {
                resource: s("r1"),
                found: None,
                expected: "adlcp:scormType",
                launched: false,
            },
            NoSco,
            FirstResourceNotLaunched { first: s("a.html"), launched: s("b.html") },
            MasteryScoreInvalid { value: s("80%") },
            PassFromMeasure { threshold: s("0.8") },
            RiskyName { risk: NameRisk::Space },
            RiskyName { risk: NameRisk::NonAscii },
            RiskyName { risk: NameRisk::UrlCharacter('#') },
            ModuleScript,
            WasmWithoutFallback,
            Cmi5WrongCase { found: s("CMI5.xml") },
            Cmi5InFolder { path: s("kurs/cmi5.xml") },
            Cmi5Unreadable { too_large: true },
            Cmi5Unreadable { too_large: false },
            Cmi5Encoding { encoding: s("utf-8 (invalid)") },
            Cmi5Malformed { detail: s("x") },
            Cmi5TooBig,
            NotCmi5 { root: s("courseStructure"), namespace: None },
            NotCmi5 {
                root: s("courseStructure"),
                namespace: Some(s("http://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd")),
            },
            Cmi5Unexpected {
                element: s("url"),
                parent: s("au"),
                allowed: vec![s("title"), s("description"), s("objectives"), s("url"), s("*")],
            },
            Cmi5Unexpected { element: s("b"), parent: s("langstring"), allowed: vec![] },
            Cmi5Missing { parent: s("au"), missing: s("url") },
            Cmi5Missing { parent: s("title"), missing: s("langstring") },
            Cmi5Missing { parent: s("au"), missing: s("description") },
            Cmi5NoAu { parent: s("courseStructure") },
            Cmi5NoAu { parent: s("block") },
            Cmi5AttributeNotAllowed { element: s("au"), attribute: s("moveon") },
            Cmi5AttributeMissing { element: s("au"), attribute: s("id") },
            Cmi5AttributeMissing { element: s("objective"), attribute: s("idref") },
            Cmi5BadValue {
                element: s("au"),
                attribute: Some(s("moveOn")),
                value: s("Sometimes"),
                rule: ValueRule::OneOf(super::super::schema::MOVE_ON),
            },
            Cmi5BadValue {
                element: s("au"),
                attribute: Some(s("masteryScore")),
                value: s("1.5"),
                rule: ValueRule::Decimal { min: 0.0, max: 1.0 },
            },
            Cmi5BadValue {
                element: s("au"),
                attribute: Some(s("launchMethod")),
                value: s("NewWindow"),
                rule: ValueRule::OneOf(super::super::schema::LAUNCH_METHOD),
            },
            Cmi5BadValue {
                element: s("url"),
                attribute: None,
                value: String::new(),
                rule: ValueRule::NotEmpty,
            },
            Cmi5Text { element: s("au") },
            Cmi5IdNotAbsolute { element: s("au"), id: s("kurs-1") },
            Cmi5DuplicateId { id: s("urn:x:kurs/1"), first_line: 12 },
            Cmi5UrlMissing { url: s("index.html"), au: s("Lektion 1") },
            Cmi5UrlWrongCase { url: s("Index.html"), actual: s("index.html") },
            Cmi5UrlOutside { url: s("../index.html") },
            Cmi5UrlNotWeb { url: s("myapp://course") },
        ]
    }

    #[test]
    fn every_finding_has_words_a_hint_and_a_unique_code_in_its_range() {
        let mut codes = std::collections::BTreeMap::new();
        for kind in examples() {
            let code = kind.code();
            assert!(code.starts_with("KV9") && code.len() == 6, "{code}");
            let variant = format!("{kind:?}");
            let variant = variant.split([' ', '{', '(']).next().unwrap_or("").to_owned();
            if let Some(other) = codes.insert(code, variant.clone()) {
                assert_eq!(other, variant, "{code} is used twice");
            }
            for lang in [Language::Sv, Language::En] {
                let (message, hint) = kind.text(lang);
                assert!(message.len() > 20, "{code} {lang:?}: {message}");
                assert!(hint.is_some_and(|h| h.len() > 10), "{code} {lang:?} has no hint");
            }
            let (sv, _) = kind.text(Language::Sv);
            let (en, _) = kind.text(Language::En);
            assert_ne!(sv, en, "{code} is not translated");
        }
    }

    #[test]
    fn messages_speak_to_a_trainer_not_a_programmer() {
        // The hint may name a rule or a function; the message may not.
        const BANNED: &[&str] = &[
            "xsd",
            "schema",
            "serde",
            "stream",
            "parse",
            "byte",
            "namespace",
            "utf",
            "unicode",
            "regex",
            "null",
        ];
        for kind in examples() {
            if matches!(kind, FindingKind::NotScorm { .. } | FindingKind::ManifestEncoding { .. }) {
                // These two must name what they found.
                continue;
            }
            for lang in [Language::Sv, Language::En] {
                let (message, _) = kind.text(lang);
                // Names quoted from the manifest (`<schemaversion>`) are
                // the trainer's to see as written.
                let lower: String =
                    message.split('`').step_by(2).collect::<String>().to_lowercase();
                for word in BANNED {
                    assert!(
                        !lower.contains(word),
                        "{}: {lang:?} message uses `{word}`: {message}",
                        kind.code()
                    );
                }
            }
        }
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size(512, Language::En), "512 B");
        assert_eq!(size(76_989, Language::En), "77 kB");
        assert_eq!(size(2_300_000, Language::Sv), "2,3 MB");
    }
}
