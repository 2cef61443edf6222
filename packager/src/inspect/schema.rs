//! The official SCORM schemas' rules for a manifest, and cmi5's course
//! structure schema's for `cmi5.xml`, written out by hand.
//!
//! # Why not an XSD validator
//!
//! Kursverk has no C dependencies, and the user should need no `xmllint`,
//! so the schemas must be checked in Rust. The one pure-Rust XSD validator,
//! the `xmlschema` crate (0.0.14, evaluated against the schema files in
//! `packager/assets/xsd/`, which are ADL's own), cannot do it:
//!
//! - it rejects both `imscp` schemas as written: "xs:schema has 4
//!   xs:annotation children; at most one is permitted" (1.2) and
//!   "xs:annotation must be the first child of xs:schema" (2004), although
//!   XSD allows annotations between top-level declarations;
//! - with the annotations stripped, SCORM 1.2's `ims_xml.xsd` fails as "not
//!   well-formed XML: reserved namespace prefix or URI" (it binds the `xml`
//!   namespace as its default namespace, a quirk xmllint only warns about);
//! - with that patched too, `imscp_rootv1p1p2.xsd` and `imscp_v1p1.xsd`
//!   fail to load: "the schema's content models expand past 100000
//!   particles" (it inlines every referenced type, and `<manifest>` may
//!   contain sub-`<manifest>`s, recursively);
//! - with the sub-manifest taken out as well, it loads both sets, and calls
//!   the manifests of npm's simple-scorm-packager valid, which xmllint
//!   rightly refuses (`<metadata>` after the extensions of an `<item>`, and
//!   inside `<resources>`: `tests/fixtures/foreign/`);
//! - and it keeps one declaration per local name across namespaces ("a
//!   processor that does not track a namespace per declaration"), while
//!   SCORM 1.2 declares `resource`, `title`, `schema`, `schemaversion` and
//!   `location` in two namespaces each, and SCORM 2004 `objectives`,
//!   `objective`, `mapInfo` and `ruleAction` in two.
//!
//! So the rules of the schemas are here as data: for each element SCORM
//! uses, in each version, its content model (which children, in which
//! order, how many), its attributes and their value types, and how it
//! treats extension elements and attributes from other namespaces (SCORM
//! 1.2's `imscp` is strict about them, 2004's is lax). The checker walks the
//! manifest against these tables as a schema validator would, and
//! `tests/testsuite/inspect.rs` holds it to xmllint's verdict on real and
//! deliberately broken manifests.
//!
//! Like xmllint, it reports the first child out of place in each element
//! (what follows it in that element is not matched further), and it does
//! not check that an `xs:IDREF` names an existing `xs:ID` (libxml2 does not;
//! `<organizations default>` has a check of its own in `checks`). What it
//! does not check and xmllint would: the content of inline LOM metadata in
//! SCORM 1.2 (`imsmd` elements are accepted as they are; LMSs ignore them),
//! and the URI syntax of `xs:anyURI` values (libxml2 accepts nearly any
//! string there too). The embedded schema files themselves
//! ([`crate::output::manifest::schema_files`]) serve only to know which
//! files a package may carry without listing them.
//!
//! cmi5's `CourseStructure.xsd` is one small file, but the same validator
//! would have to load it, and the same reasons hold for keeping one way of
//! checking: its rules are the `CMI5_*` tables below (a choice of `<au>`
//! and `<block>`, an `xs:all` for objectives, `xs:anyType` for launch
//! parameters, lax `##other` extensions), and `tests/testsuite/inspect.rs`
//! holds them to xmllint on our packages, the spec's example and broken
//! ones. What the schema leaves out (ids that are absolute IRIs and unique,
//! 13.1.4; AU pages in the zip) is checked in `cmi5.rs`, and is found by
//! `inspect` only.

use std::collections::BTreeMap;

use kursverk_player::model::scorm::Version;

use super::findings::{Finding, FindingKind, ValueRule};
use super::xml::{Doc, Node, XML_NS, XSI_NS};

/// SCORM 1.2's content-packaging namespace.
pub(crate) const CP12: &str = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
/// SCORM 1.2's ADL extensions.
pub(crate) const ADLCP12: &str = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
/// SCORM 1.2's inline metadata (LOM).
pub(crate) const IMSMD12: &str = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1";
/// SCORM 2004's content-packaging namespace.
pub(crate) const CP2004: &str = "http://www.imsglobal.org/xsd/imscp_v1p1";
/// SCORM 2004's ADL extensions.
pub(crate) const ADLCP2004: &str = "http://www.adlnet.org/xsd/adlcp_v1p3";
/// SCORM 2004's ADL sequencing extensions.
pub(crate) const ADLSEQ: &str = "http://www.adlnet.org/xsd/adlseq_v1p3";
/// SCORM 2004's ADL navigation extensions.
pub(crate) const ADLNAV: &str = "http://www.adlnet.org/xsd/adlnav_v1p3";
/// SCORM 2004's simple sequencing.
pub(crate) const IMSSS: &str = "http://www.imsglobal.org/xsd/imsss";

/// The content-packaging namespace of a version.
pub(crate) fn cp(version: Version) -> &'static str {
    match version {
        Version::Scorm12 => CP12,
        Version::Scorm2004 => CP2004,
    }
}

/// The ADL extension namespace of a version.
pub(crate) fn adlcp(version: Version) -> &'static str {
    match version {
        Version::Scorm12 => ADLCP12,
        Version::Scorm2004 => ADLCP2004,
    }
}

// ── The tables ─────────────────────────────────────────────────────────

/// A simple type: what a text or an attribute value may be.
#[derive(Debug, Clone, Copy)]
enum Ty {
    /// `xs:string`, with an optional maximum length in characters.
    Str(Option<usize>),
    /// `xs:anyURI`, with an optional maximum length.
    Uri(Option<usize>),
    /// `xs:anyURI` with `minLength 1` (cmi5's `<url>`): white space
    /// collapsed, then not empty.
    NonEmptyUri,
    /// `xs:ID`: a name, unique in the document.
    Id,
    /// `xs:IDREF`: a name. That it names some `xs:ID` is not checked here,
    /// as libxml2 does not check it: whether `<organizations default>`
    /// names an organisation is a check of its own (KV9041).
    IdRef,
    /// `xs:boolean`.
    Bool,
    /// `xs:nonNegativeInteger`.
    NonNegInt,
    /// `xs:duration`.
    Duration,
    /// `xs:dateTime`.
    DateTime,
    /// `xs:language`.
    Language,
    /// `xs:decimal` within `[min, max]`.
    Dec(f64, f64),
    /// An enumeration over `xs:string`: matched exactly.
    Enum(&'static [&'static str]),
    /// An enumeration over `xs:token` or `xs:NCName`: white space collapsed.
    Token(&'static [&'static str]),
}

/// An attribute an element declares.
struct A {
    ns: Option<&'static str>,
    name: &'static str,
    ty: Ty,
    required: bool,
}

/// How an element type treats elements or attributes from namespaces it
/// does not declare (`xs:any` / `xs:anyAttribute namespace="##other"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wild {
    /// Not allowed.
    No,
    /// Checked if declared somewhere, skipped if not.
    Lax,
    /// Must be declared somewhere, and is checked.
    Strict,
}

/// What an element may contain.
enum Content {
    /// Nothing (attributes only).
    Empty,
    /// Text of a simple type, no elements.
    Text(Ty),
    /// The same, with a default: empty text means the default.
    TextOrDefault(Ty),
    /// Elements in this order.
    Seq(&'static [P]),
    /// Each of these elements, in any order (`xs:all`).
    All(&'static [P]),
    /// Anything: not checked.
    Opaque,
}

/// An element type.
struct E {
    content: Content,
    attrs: &'static [A],
    /// Attributes from other namespaces than `target`.
    any_attr: Wild,
    /// The namespace of the schema that declares this type: `##other`
    /// means any namespace but this one.
    target: &'static str,
}

/// One place in a sequence.
enum P {
    /// An element, `min..=max` times.
    El { ns: &'static str, name: &'static str, min: u32, max: u32, e: &'static E },
    /// Any number of elements from namespaces other than `other_than`.
    Any { other_than: &'static str, wild: Wild },
    /// One of these elements (namespace, name, type), `min..=max` times
    /// (`xs:choice`).
    Choice { options: &'static [(&'static str, &'static str, &'static E)], min: u32, max: u32 },
}

const N: u32 = u32::MAX;

const fn el(ns: &'static str, name: &'static str, min: u32, max: u32, e: &'static E) -> P {
    P::El { ns, name, min, max, e }
}
const fn any(other_than: &'static str, wild: Wild) -> P {
    P::Any { other_than, wild }
}
const fn a(name: &'static str, ty: Ty) -> A {
    A { ns: None, name, ty, required: false }
}
const fn req(name: &'static str, ty: Ty) -> A {
    A { ns: None, name, ty, required: true }
}
const fn text(ty: Ty, target: &'static str) -> E {
    E { content: Content::Text(ty), attrs: &[], any_attr: Wild::No, target }
}
const fn empty(attrs: &'static [A], target: &'static str) -> E {
    E { content: Content::Empty, attrs, any_attr: Wild::No, target }
}
const fn seq(parts: &'static [P], attrs: &'static [A], target: &'static str) -> E {
    E { content: Content::Seq(parts), attrs, any_attr: Wild::No, target }
}

// SCORM 1.2: imscp_rootv1p1p2.xsd, adlcp_rootv1p2.xsd, ims_xml.xsd.

const XML_BASE12: A = A { ns: Some(XML_NS), name: "base", ty: Ty::Str(None), required: false };
const S12: Wild = Wild::Strict;

static MANIFEST12: E = E {
    content: Content::Seq(&[
        el(CP12, "metadata", 0, 1, &METADATA12),
        el(CP12, "organizations", 1, 1, &ORGANIZATIONS12),
        el(CP12, "resources", 1, 1, &RESOURCES12),
        el(CP12, "manifest", 0, N, &MANIFEST12),
        any(CP12, S12),
    ]),
    attrs: &[req("identifier", Ty::Id), a("version", Ty::Str(Some(20))), XML_BASE12],
    any_attr: S12,
    target: CP12,
};
static METADATA12: E = seq(
    &[
        el(CP12, "schema", 0, 1, &SCHEMA12),
        el(CP12, "schemaversion", 0, 1, &SCHEMAVERSION12),
        any(CP12, S12),
    ],
    &[],
    CP12,
);
static SCHEMA12: E = text(Ty::Str(Some(100)), CP12);
static SCHEMAVERSION12: E = text(Ty::Str(Some(20)), CP12);
static TITLE12: E = text(Ty::Str(Some(200)), CP12);
static ORGANIZATIONS12: E = E {
    content: Content::Seq(&[el(CP12, "organization", 0, N, &ORGANIZATION12), any(CP12, S12)]),
    attrs: &[a("default", Ty::IdRef)],
    any_attr: S12,
    target: CP12,
};
static ORGANIZATION12: E = E {
    content: Content::Seq(&[
        el(CP12, "title", 0, 1, &TITLE12),
        el(CP12, "item", 0, N, &ITEM12),
        el(CP12, "metadata", 0, 1, &METADATA12),
        any(CP12, S12),
    ]),
    attrs: &[req("identifier", Ty::Id), a("structure", Ty::Str(Some(200)))],
    any_attr: S12,
    target: CP12,
};
static ITEM12: E = E {
    content: Content::Seq(&[
        el(CP12, "title", 0, 1, &TITLE12),
        el(CP12, "item", 0, N, &ITEM12),
        el(CP12, "metadata", 0, 1, &METADATA12),
        any(CP12, S12),
    ]),
    attrs: &[
        req("identifier", Ty::Id),
        a("identifierref", Ty::Str(Some(2000))),
        a("isvisible", Ty::Bool),
        a("parameters", Ty::Str(Some(1000))),
    ],
    any_attr: S12,
    target: CP12,
};
static RESOURCES12: E = E {
    content: Content::Seq(&[el(CP12, "resource", 0, N, &RESOURCE12), any(CP12, S12)]),
    attrs: &[XML_BASE12],
    any_attr: S12,
    target: CP12,
};
static RESOURCE12: E = E {
    content: Content::Seq(&[
        el(CP12, "metadata", 0, 1, &METADATA12),
        el(CP12, "file", 0, N, &FILE12),
        el(CP12, "dependency", 0, N, &DEPENDENCY12),
        any(CP12, S12),
    ]),
    attrs: &[
        req("identifier", Ty::Id),
        req("type", Ty::Str(Some(1000))),
        XML_BASE12,
        a("href", Ty::Uri(Some(2000))),
    ],
    any_attr: S12,
    target: CP12,
};
static FILE12: E = E {
    content: Content::Seq(&[el(CP12, "metadata", 0, 1, &METADATA12), any(CP12, S12)]),
    attrs: &[req("href", Ty::Uri(Some(2000)))],
    any_attr: S12,
    target: CP12,
};
static DEPENDENCY12: E = E {
    content: Content::Seq(&[any(CP12, S12)]),
    attrs: &[req("identifierref", Ty::Str(Some(2000)))],
    any_attr: S12,
    target: CP12,
};
static PREREQUISITES12: E = E {
    content: Content::Text(Ty::Str(Some(200))),
    attrs: &[req("type", Ty::Enum(&["aicc_script"]))],
    any_attr: Wild::No,
    target: ADLCP12,
};
const TIME_LIMIT_ACTIONS: &[&str] =
    &["exit,message", "exit,no message", "continue,message", "continue,no message"];
static OPAQUE: E = E { content: Content::Opaque, attrs: &[], any_attr: Wild::Lax, target: "" };

static GLOBALS12: &[(&str, &str, &E)] = &[
    (CP12, "manifest", &MANIFEST12),
    (ADLCP12, "location", &text(Ty::Str(Some(2000)), ADLCP12)),
    (ADLCP12, "prerequisites", &PREREQUISITES12),
    (ADLCP12, "maxtimeallowed", &text(Ty::Str(Some(13)), ADLCP12)),
    (ADLCP12, "timelimitaction", &text(Ty::Enum(TIME_LIMIT_ACTIONS), ADLCP12)),
    (ADLCP12, "datafromlms", &text(Ty::Str(Some(255)), ADLCP12)),
    (ADLCP12, "masteryscore", &text(Ty::Str(Some(200)), ADLCP12)),
    (ADLCP12, "schema", &text(Ty::Enum(&["ADL SCORM"]), ADLCP12)),
    (ADLCP12, "schemaversion", &text(Ty::Enum(&["1.2"]), ADLCP12)),
];

static GLOBAL_ATTRS12: &[(&str, &str, Ty)] = &[
    (ADLCP12, "scormtype", Ty::Enum(&["asset", "sco"])),
    (XML_NS, "lang", Ty::Language),
    (XML_NS, "base", Ty::Str(None)),
    (XML_NS, "link", Ty::Str(None)),
];

// SCORM 2004 4th edition: imscp_v1p1.xsd, adlcp_v1p3.xsd, adlseq_v1p3.xsd,
// adlnav_v1p3.xsd, imsss_v1p0*.xsd, xml.xsd.

const XML_BASE04: A = A { ns: Some(XML_NS), name: "base", ty: Ty::Uri(None), required: false };
const L04: Wild = Wild::Lax;

static MANIFEST04: E = E {
    content: Content::Seq(&[
        el(CP2004, "metadata", 0, 1, &METADATA04),
        el(CP2004, "organizations", 1, 1, &ORGANIZATIONS04),
        el(CP2004, "resources", 1, 1, &RESOURCES04),
        el(CP2004, "manifest", 0, N, &MANIFEST04),
        any(CP2004, L04),
    ]),
    attrs: &[req("identifier", Ty::Id), a("version", Ty::Str(None)), XML_BASE04],
    any_attr: L04,
    target: CP2004,
};
static METADATA04: E = E {
    content: Content::Seq(&[
        el(CP2004, "schema", 0, 1, &STR04),
        el(CP2004, "schemaversion", 0, 1, &STR04),
        any(CP2004, L04),
    ]),
    attrs: &[],
    any_attr: L04,
    target: CP2004,
};
static STR04: E = text(Ty::Str(None), CP2004);
static ORGANIZATIONS04: E = E {
    content: Content::Seq(&[el(CP2004, "organization", 0, N, &ORGANIZATION04), any(CP2004, L04)]),
    attrs: &[a("default", Ty::IdRef)],
    any_attr: L04,
    target: CP2004,
};
static ORGANIZATION04: E = E {
    content: Content::Seq(&[
        el(CP2004, "title", 0, 1, &STR04),
        el(CP2004, "item", 1, N, &ITEM04),
        el(CP2004, "metadata", 0, 1, &METADATA04),
        any(CP2004, L04),
    ]),
    attrs: &[req("identifier", Ty::Id), a("structure", Ty::Str(None))],
    any_attr: L04,
    target: CP2004,
};
static ITEM04: E = E {
    content: Content::Seq(&[
        el(CP2004, "title", 0, 1, &STR04),
        el(CP2004, "item", 0, N, &ITEM04),
        el(CP2004, "metadata", 0, 1, &METADATA04),
        any(CP2004, L04),
    ]),
    attrs: &[
        req("identifier", Ty::Id),
        a("identifierref", Ty::Str(None)),
        a("isvisible", Ty::Bool),
        a("parameters", Ty::Str(None)),
    ],
    any_attr: L04,
    target: CP2004,
};
static RESOURCES04: E = E {
    content: Content::Seq(&[el(CP2004, "resource", 0, N, &RESOURCE04), any(CP2004, L04)]),
    attrs: &[XML_BASE04],
    any_attr: L04,
    target: CP2004,
};
static RESOURCE04: E = E {
    content: Content::Seq(&[
        el(CP2004, "metadata", 0, 1, &METADATA04),
        el(CP2004, "file", 0, N, &FILE04),
        el(CP2004, "dependency", 0, N, &DEPENDENCY04),
        any(CP2004, L04),
    ]),
    attrs: &[
        req("identifier", Ty::Id),
        req("type", Ty::Str(None)),
        XML_BASE04,
        a("href", Ty::Uri(None)),
    ],
    any_attr: L04,
    target: CP2004,
};
static FILE04: E = E {
    content: Content::Seq(&[el(CP2004, "metadata", 0, 1, &METADATA04), any(CP2004, L04)]),
    attrs: &[req("href", Ty::Uri(None))],
    any_attr: L04,
    target: CP2004,
};
static DEPENDENCY04: E = E {
    content: Content::Seq(&[any(CP2004, L04)]),
    attrs: &[req("identifierref", Ty::Str(None))],
    any_attr: Wild::Strict,
    target: CP2004,
};

const UNIT: Ty = Ty::Dec(0.0, 1.0);
const MEASURE: Ty = Ty::Dec(-1.0, 1.0);
static COMPLETION_THRESHOLD: E = E {
    content: Content::Text(Ty::Str(None)),
    attrs: &[
        a("completedByMeasure", Ty::Bool),
        a("minProgressMeasure", UNIT),
        a("progressWeight", UNIT),
    ],
    any_attr: Wild::No,
    target: ADLCP2004,
};
static DATA04: E = seq(&[el(ADLCP2004, "map", 1, N, &MAP04)], &[], ADLCP2004);
static MAP04: E = empty(
    &[
        req("targetID", Ty::Uri(None)),
        a("readSharedData", Ty::Bool),
        a("writeSharedData", Ty::Bool),
    ],
    ADLCP2004,
);

static PRESENTATION: E =
    seq(&[el(ADLNAV, "navigationInterface", 0, 1, &NAV_INTERFACE)], &[], ADLNAV);
static NAV_INTERFACE: E = seq(&[el(ADLNAV, "hideLMSUI", 0, N, &HIDE_LMS_UI)], &[], ADLNAV);
static HIDE_LMS_UI: E = text(
    Ty::Token(&["abandon", "continue", "exit", "previous", "suspendAll", "exitAll", "abandonAll"]),
    ADLNAV,
);

const ROLLUP_CONSIDERATION: Ty =
    Ty::Token(&["always", "ifAttempted", "ifNotSkipped", "ifNotSuspended"]);
static CONSTRAINED_CHOICE: E =
    empty(&[a("preventActivation", Ty::Bool), a("constrainChoice", Ty::Bool)], ADLSEQ);
static ROLLUP_CONSIDERATIONS: E = empty(
    &[
        a("requiredForSatisfied", ROLLUP_CONSIDERATION),
        a("requiredForNotSatisfied", ROLLUP_CONSIDERATION),
        a("requiredForCompleted", ROLLUP_CONSIDERATION),
        a("requiredForIncomplete", ROLLUP_CONSIDERATION),
        a("measureSatisfactionIfActive", Ty::Bool),
    ],
    ADLSEQ,
);
static ADLSEQ_OBJECTIVES: E = seq(&[el(ADLSEQ, "objective", 1, N, &ADLSEQ_OBJECTIVE)], &[], ADLSEQ);
static ADLSEQ_OBJECTIVE: E = seq(
    &[el(ADLSEQ, "mapInfo", 1, N, &ADLSEQ_MAP_INFO)],
    &[req("objectiveID", Ty::Uri(None))],
    ADLSEQ,
);
static ADLSEQ_MAP_INFO: E = empty(
    &[
        req("targetObjectiveID", Ty::Uri(None)),
        a("readRawScore", Ty::Bool),
        a("readMinScore", Ty::Bool),
        a("readMaxScore", Ty::Bool),
        a("readCompletionStatus", Ty::Bool),
        a("readProgressMeasure", Ty::Bool),
        a("writeRawScore", Ty::Bool),
        a("writeMinScore", Ty::Bool),
        a("writeMaxScore", Ty::Bool),
        a("writeCompletionStatus", Ty::Bool),
        a("writeProgressMeasure", Ty::Bool),
    ],
    ADLSEQ,
);

static SEQUENCING: E = seq(
    &[
        el(IMSSS, "controlMode", 0, 1, &CONTROL_MODE),
        el(IMSSS, "sequencingRules", 0, 1, &SEQUENCING_RULES),
        el(IMSSS, "limitConditions", 0, 1, &LIMIT_CONDITIONS),
        el(IMSSS, "auxiliaryResources", 0, 1, &AUX_RESOURCES),
        el(IMSSS, "rollupRules", 0, 1, &ROLLUP_RULES),
        el(IMSSS, "objectives", 0, 1, &OBJECTIVES),
        el(IMSSS, "randomizationControls", 0, 1, &RANDOMIZATION),
        el(IMSSS, "deliveryControls", 0, 1, &DELIVERY),
        any(IMSSS, Wild::Strict),
    ],
    &[a("ID", Ty::Id), a("IDRef", Ty::IdRef)],
    IMSSS,
);
static SEQUENCING_COLLECTION: E = seq(&[el(IMSSS, "sequencing", 1, N, &SEQUENCING)], &[], IMSSS);
static CONTROL_MODE: E = empty(
    &[
        a("choice", Ty::Bool),
        a("choiceExit", Ty::Bool),
        a("flow", Ty::Bool),
        a("forwardOnly", Ty::Bool),
        a("useCurrentAttemptObjectiveInfo", Ty::Bool),
        a("useCurrentAttemptProgressInfo", Ty::Bool),
    ],
    IMSSS,
);
static SEQUENCING_RULES: E = seq(
    &[
        el(IMSSS, "preConditionRule", 0, N, &PRE_RULE),
        el(IMSSS, "exitConditionRule", 0, N, &EXIT_RULE),
        el(IMSSS, "postConditionRule", 0, N, &POST_RULE),
    ],
    &[],
    IMSSS,
);
static PRE_RULE: E = seq(
    &[
        el(IMSSS, "ruleConditions", 0, 1, &RULE_CONDITIONS),
        el(IMSSS, "ruleAction", 1, 1, &PRE_ACTION),
    ],
    &[],
    IMSSS,
);
static EXIT_RULE: E = seq(
    &[
        el(IMSSS, "ruleConditions", 0, 1, &RULE_CONDITIONS),
        el(IMSSS, "ruleAction", 1, 1, &EXIT_ACTION),
    ],
    &[],
    IMSSS,
);
static POST_RULE: E = seq(
    &[
        el(IMSSS, "ruleConditions", 0, 1, &RULE_CONDITIONS),
        el(IMSSS, "ruleAction", 1, 1, &POST_ACTION),
    ],
    &[],
    IMSSS,
);
static PRE_ACTION: E = empty(
    &[req("action", Ty::Token(&["skip", "disabled", "hiddenFromChoice", "stopForwardTraversal"]))],
    IMSSS,
);
static EXIT_ACTION: E = empty(&[req("action", Ty::Token(&["exit"]))], IMSSS);
static POST_ACTION: E = empty(
    &[req(
        "action",
        Ty::Token(&["exitParent", "exitAll", "retry", "retryAll", "continue", "previous"]),
    )],
    IMSSS,
);
const COMBINATION: Ty = Ty::Token(&["all", "any"]);
const OPERATOR: Ty = Ty::Token(&["not", "noOp"]);
static RULE_CONDITIONS: E = seq(
    &[el(IMSSS, "ruleCondition", 1, N, &RULE_CONDITION)],
    &[a("conditionCombination", COMBINATION)],
    IMSSS,
);
static RULE_CONDITION: E = empty(
    &[
        a("referencedObjective", Ty::Uri(None)),
        a("measureThreshold", MEASURE),
        a("operator", OPERATOR),
        req(
            "condition",
            Ty::Token(&[
                "satisfied",
                "objectiveStatusKnown",
                "objectiveMeasureKnown",
                "objectiveMeasureGreaterThan",
                "objectiveMeasureLessThan",
                "completed",
                "activityProgressKnown",
                "attempted",
                "attemptLimitExceeded",
                "timeLimitExceeded",
                "outsideAvailableTimeRange",
                "always",
            ]),
        ),
    ],
    IMSSS,
);
static LIMIT_CONDITIONS: E = empty(
    &[
        a("attemptLimit", Ty::NonNegInt),
        a("attemptAbsoluteDurationLimit", Ty::Duration),
        a("attemptExperiencedDurationLimit", Ty::Duration),
        a("activityAbsoluteDurationLimit", Ty::Duration),
        a("activityExperiencedDurationLimit", Ty::Duration),
        a("beginTimeLimit", Ty::DateTime),
        a("endTimeLimit", Ty::DateTime),
    ],
    IMSSS,
);
static AUX_RESOURCES: E = seq(&[el(IMSSS, "auxiliaryResource", 0, N, &AUX_RESOURCE)], &[], IMSSS);
static AUX_RESOURCE: E =
    empty(&[req("auxiliaryResourceID", Ty::Uri(None)), req("purpose", Ty::Str(None))], IMSSS);
static ROLLUP_RULES: E = seq(
    &[el(IMSSS, "rollupRule", 0, N, &ROLLUP_RULE)],
    &[
        a("rollupObjectiveSatisfied", Ty::Bool),
        a("rollupProgressCompletion", Ty::Bool),
        a("objectiveMeasureWeight", UNIT),
    ],
    IMSSS,
);
static ROLLUP_RULE: E = seq(
    &[
        el(IMSSS, "rollupConditions", 1, 1, &ROLLUP_CONDITIONS),
        el(IMSSS, "rollupAction", 1, 1, &ROLLUP_ACTION),
    ],
    &[
        a("childActivitySet", Ty::Token(&["all", "any", "none", "atLeastCount", "atLeastPercent"])),
        a("minimumCount", Ty::NonNegInt),
        a("minimumPercent", UNIT),
    ],
    IMSSS,
);
static ROLLUP_CONDITIONS: E = seq(
    &[el(IMSSS, "rollupCondition", 1, N, &ROLLUP_CONDITION)],
    &[a("conditionCombination", COMBINATION)],
    IMSSS,
);
static ROLLUP_CONDITION: E = empty(
    &[
        a("operator", OPERATOR),
        req(
            "condition",
            Ty::Token(&[
                "satisfied",
                "objectiveStatusKnown",
                "objectiveMeasureKnown",
                "completed",
                "activityProgressKnown",
                "attempted",
                "attemptLimitExceeded",
                "timeLimitExceeded",
                "outsideAvailableTimeRange",
            ]),
        ),
    ],
    IMSSS,
);
static ROLLUP_ACTION: E = empty(
    &[req("action", Ty::Token(&["satisfied", "notSatisfied", "completed", "incomplete"]))],
    IMSSS,
);
static OBJECTIVES: E = seq(
    &[
        el(IMSSS, "primaryObjective", 1, 1, &PRIMARY_OBJECTIVE),
        el(IMSSS, "objective", 0, N, &OBJECTIVE),
    ],
    &[],
    IMSSS,
);
const OBJECTIVE_PARTS: &[P] = &[
    el(IMSSS, "minNormalizedMeasure", 0, 1, &MIN_NORMALIZED_MEASURE),
    el(IMSSS, "mapInfo", 0, N, &IMSSS_MAP_INFO),
];
static PRIMARY_OBJECTIVE: E = seq(
    OBJECTIVE_PARTS,
    &[a("satisfiedByMeasure", Ty::Bool), a("objectiveID", Ty::Uri(None))],
    IMSSS,
);
static OBJECTIVE: E = seq(
    OBJECTIVE_PARTS,
    &[a("satisfiedByMeasure", Ty::Bool), req("objectiveID", Ty::Uri(None))],
    IMSSS,
);
/// `default="1.00000"`: an empty element is valid and means 1.
static MIN_NORMALIZED_MEASURE: E =
    E { content: Content::TextOrDefault(MEASURE), attrs: &[], any_attr: Wild::No, target: IMSSS };
static IMSSS_MAP_INFO: E = empty(
    &[
        req("targetObjectiveID", Ty::Uri(None)),
        a("readSatisfiedStatus", Ty::Bool),
        a("readNormalizedMeasure", Ty::Bool),
        a("writeSatisfiedStatus", Ty::Bool),
        a("writeNormalizedMeasure", Ty::Bool),
    ],
    IMSSS,
);
const TIMING: Ty = Ty::Token(&["never", "once", "onEachNewAttempt"]);
static RANDOMIZATION: E = empty(
    &[
        a("randomizationTiming", TIMING),
        a("selectCount", Ty::NonNegInt),
        a("reorderChildren", Ty::Bool),
        a("selectionTiming", TIMING),
    ],
    IMSSS,
);
static DELIVERY: E = empty(
    &[
        a("tracked", Ty::Bool),
        a("completionSetByContent", Ty::Bool),
        a("objectiveSetByContent", Ty::Bool),
    ],
    IMSSS,
);

static GLOBALS04: &[(&str, &str, &E)] = &[
    (CP2004, "manifest", &MANIFEST04),
    (ADLCP2004, "location", &text(Ty::Uri(None), ADLCP2004)),
    (ADLCP2004, "dataFromLMS", &text(Ty::Str(None), ADLCP2004)),
    (ADLCP2004, "timeLimitAction", &text(Ty::Enum(TIME_LIMIT_ACTIONS), ADLCP2004)),
    (ADLCP2004, "completionThreshold", &COMPLETION_THRESHOLD),
    (ADLCP2004, "data", &DATA04),
    (ADLCP2004, "map", &MAP04),
    (ADLNAV, "presentation", &PRESENTATION),
    (ADLNAV, "navigationInterface", &NAV_INTERFACE),
    (ADLNAV, "hideLMSUI", &HIDE_LMS_UI),
    (ADLSEQ, "constrainedChoiceConsiderations", &CONSTRAINED_CHOICE),
    (ADLSEQ, "rollupConsiderations", &ROLLUP_CONSIDERATIONS),
    (ADLSEQ, "objectives", &ADLSEQ_OBJECTIVES),
    (ADLSEQ, "objective", &ADLSEQ_OBJECTIVE),
    (ADLSEQ, "mapInfo", &ADLSEQ_MAP_INFO),
    (IMSSS, "sequencing", &SEQUENCING),
    (IMSSS, "sequencingCollection", &SEQUENCING_COLLECTION),
];

static GLOBAL_ATTRS04: &[(&str, &str, Ty)] = &[
    (ADLCP2004, "scormType", Ty::Enum(&["sco", "asset"])),
    (ADLCP2004, "sharedDataGlobalToSystem", Ty::Bool),
    (ADLSEQ, "objectivesGlobalToSystem", Ty::Bool),
    (XML_NS, "lang", Ty::Language),
    (XML_NS, "space", Ty::Token(&["default", "preserve"])),
    (XML_NS, "base", Ty::Uri(None)),
];

// cmi5: CourseStructure.xsd (the one file; it imports nothing). Every
// type but the course-level `<objective>` and its references takes lax
// extension elements and attributes from other namespaces (`##other`,
// which leaves out elements in no namespace); `xml:` attributes are not
// declared, so they are skipped as unknown. `launchParameters` and
// `entitlementKey` have no type (`xs:anyType`): anything goes in them.

/// The namespace of cmi5's course structure, `cmi5.xml`'s root.
pub(crate) const CMI5: &str = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";
const L5: Wild = Wild::Lax;

/// The values of an AU's `moveOn` (13.1.4).
pub(crate) const MOVE_ON: &[&str] =
    &["NotApplicable", "Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed"];
/// The values of an AU's `launchMethod` (13.1.4).
pub(crate) const LAUNCH_METHOD: &[&str] = &["AnyWindow", "OwnWindow"];

const fn lax5(content: Content, attrs: &'static [A]) -> E {
    E { content, attrs, any_attr: L5, target: CMI5 }
}
/// One or more AUs and blocks, in any order (a block holds them too).
static AU_OR_BLOCK: [(&str, &str, &E); 2] = [(CMI5, "au", &CMI5_AU), (CMI5, "block", &CMI5_BLOCK)];

static CMI5_ROOT: E = lax5(
    Content::Seq(&[
        el(CMI5, "course", 1, 1, &CMI5_COURSE),
        el(CMI5, "objectives", 0, 1, &CMI5_OBJECTIVES),
        P::Choice { options: &AU_OR_BLOCK, min: 1, max: N },
        any(CMI5, L5),
    ]),
    &[],
);
static CMI5_COURSE: E = lax5(
    Content::Seq(&[
        el(CMI5, "title", 1, 1, &CMI5_TEXT),
        el(CMI5, "description", 1, 1, &CMI5_TEXT),
        any(CMI5, L5),
    ]),
    &[req("id", Ty::Uri(None))],
);
static CMI5_BLOCK: E = lax5(
    Content::Seq(&[
        el(CMI5, "title", 1, 1, &CMI5_TEXT),
        el(CMI5, "description", 1, 1, &CMI5_TEXT),
        el(CMI5, "objectives", 0, 1, &CMI5_REFERENCES),
        P::Choice { options: &AU_OR_BLOCK, min: 1, max: N },
        any(CMI5, L5),
    ]),
    &[req("id", Ty::Uri(None))],
);
static CMI5_AU: E = lax5(
    Content::Seq(&[
        el(CMI5, "title", 1, 1, &CMI5_TEXT),
        el(CMI5, "description", 1, 1, &CMI5_TEXT),
        el(CMI5, "objectives", 0, 1, &CMI5_REFERENCES),
        el(CMI5, "url", 1, 1, &CMI5_URL),
        el(CMI5, "launchParameters", 0, 1, &OPAQUE),
        el(CMI5, "entitlementKey", 0, 1, &OPAQUE),
        any(CMI5, L5),
    ]),
    &[
        req("id", Ty::Uri(None)),
        a("moveOn", Ty::Enum(MOVE_ON)),
        a("masteryScore", Ty::Dec(0.0, 1.0)),
        a("launchMethod", Ty::Enum(LAUNCH_METHOD)),
        a("activityType", Ty::Str(None)),
    ],
);
static CMI5_URL: E = text(Ty::NonEmptyUri, CMI5);
static CMI5_OBJECTIVES: E =
    lax5(Content::Seq(&[el(CMI5, "objective", 1, N, &CMI5_OBJECTIVE), any(CMI5, L5)]), &[]);
static CMI5_OBJECTIVE: E = E {
    content: Content::All(&[
        el(CMI5, "title", 1, 1, &CMI5_TEXT),
        el(CMI5, "description", 1, 1, &CMI5_TEXT),
    ]),
    attrs: &[req("id", Ty::Uri(None))],
    any_attr: Wild::No,
    target: CMI5,
};
static CMI5_REFERENCES: E = lax5(
    Content::Seq(&[el(CMI5, "objective", 1, N, &CMI5_OBJECTIVE_REFERENCE), any(CMI5, L5)]),
    &[],
);
static CMI5_OBJECTIVE_REFERENCE: E = empty(&[a("idref", Ty::Uri(None))], CMI5);
static CMI5_TEXT: E =
    lax5(Content::Seq(&[el(CMI5, "langstring", 1, N, &CMI5_LANGSTRING), any(CMI5, L5)]), &[]);
static CMI5_LANGSTRING: E = lax5(Content::Text(Ty::Str(None)), &[a("lang", Ty::Language)]);

static GLOBALS_CMI5: &[(&str, &str, &E)] = &[(CMI5, "courseStructure", &CMI5_ROOT)];

// ── The checker ────────────────────────────────────────────────────────

/// Which schema set a document is checked against.
struct Rules {
    /// Elements declared at the top of a schema (what a wildcard may be).
    globals: &'static [(&'static str, &'static str, &'static E)],
    /// Attributes declared at the top of a schema.
    global_attrs: &'static [(&'static str, &'static str, Ty)],
    /// A namespace whose elements are accepted unchecked.
    opaque: Option<&'static str>,
    /// The file the findings are in.
    file: &'static str,
    /// Whether findings are cmi5's (KV951x) rather than SCORM's (KV902x).
    cmi5: bool,
}

static RULES12: Rules = Rules {
    globals: GLOBALS12,
    global_attrs: GLOBAL_ATTRS12,
    opaque: Some(IMSMD12),
    file: super::MANIFEST,
    cmi5: false,
};
static RULES04: Rules = Rules {
    globals: GLOBALS04,
    global_attrs: GLOBAL_ATTRS04,
    opaque: None,
    file: super::MANIFEST,
    cmi5: false,
};
static RULES_CMI5: Rules = Rules {
    globals: GLOBALS_CMI5,
    global_attrs: &[],
    opaque: None,
    file: super::CMI5_XML,
    cmi5: true,
};

/// Checks `doc` against the schemas of `version`; the root must already be
/// known to be that version's `<manifest>`.
pub(crate) fn validate(doc: &Doc, version: Version) -> Vec<Finding> {
    match version {
        Version::Scorm12 => Validator::run(doc, &RULES12, &MANIFEST12),
        Version::Scorm2004 => Validator::run(doc, &RULES04, &MANIFEST04),
    }
}

/// Checks `cmi5.xml` against cmi5's course structure schema; the root must
/// already be known to be its `<courseStructure>`.
pub(crate) fn validate_cmi5(doc: &Doc) -> Vec<Finding> {
    Validator::run(doc, &RULES_CMI5, &CMI5_ROOT)
}

struct Validator<'d> {
    doc: &'d Doc,
    rules: &'static Rules,
    /// Every `xs:ID` value, with its line.
    ids: BTreeMap<String, usize>,
    out: Vec<Finding>,
}

impl Validator<'_> {
    fn run(doc: &Doc, rules: &'static Rules, root: &'static E) -> Vec<Finding> {
        let mut v = Validator { doc, rules, ids: BTreeMap::new(), out: Vec::new() };
        v.element(0, root);
        v.out
    }

    fn push(&mut self, node: usize, kind: FindingKind) {
        let kind = if self.rules.cmi5 { cmi5_kind(kind) } else { kind };
        self.out.push(Finding::new(kind).place(self.rules.file, self.doc.node(node).line));
    }

    fn global(&self, ns: Option<&str>, name: &str) -> Option<&'static E> {
        let ns = ns?;
        if self.rules.opaque == Some(ns) {
            return Some(&OPAQUE);
        }
        let globals = self.rules.globals;
        globals.iter().find(|(n, l, _)| *n == ns && *l == name).map(|(_, _, e)| *e)
    }

    /// Checks one element against its type, then its children.
    fn element(&mut self, node: usize, e: &'static E) {
        let doc = self.doc;
        let n = doc.node(node);
        self.attributes(node, e);
        match &e.content {
            Content::Opaque => {}
            Content::Empty => {
                if let Some(&child) = n.children.first() {
                    self.unexpected(node, child, Vec::new());
                } else if !n.text.trim().is_empty() {
                    self.push(node, FindingKind::SchemaText { element: n.qname.clone() });
                }
            }
            Content::TextOrDefault(_) if n.children.is_empty() && n.text.trim().is_empty() => {}
            Content::Text(ty) | Content::TextOrDefault(ty) => {
                if let Some(&child) = n.children.first() {
                    self.unexpected(node, child, Vec::new());
                } else if let Some(rule) = self.value(node, *ty, &n.text) {
                    self.push(
                        node,
                        FindingKind::SchemaBadValue {
                            element: n.qname.clone(),
                            attribute: None,
                            value: n.text.clone(),
                            rule,
                        },
                    );
                }
            }
            Content::Seq(parts) => {
                if !n.text.trim().is_empty() {
                    self.push(node, FindingKind::SchemaText { element: n.qname.clone() });
                }
                self.sequence(node, parts);
            }
            Content::All(parts) => {
                if !n.text.trim().is_empty() {
                    self.push(node, FindingKind::SchemaText { element: n.qname.clone() });
                }
                self.all(node, parts);
            }
        }
    }

    /// Matches the children to a sequence the way a schema validator does
    /// (the SCORM schemas are deterministic, so taking as many as fit at
    /// each place is right), reporting the first child that does not fit
    /// or the first required element missing, as xmllint does.
    fn sequence(&mut self, node: usize, parts: &'static [P]) {
        let doc = self.doc;
        let kids = &doc.node(node).children;
        let mut i = 0;
        let order = || parts.iter().flat_map(part_names).collect::<Vec<_>>();
        for part in parts {
            let mut count = 0u32;
            while let Some(&kid) = kids.get(i) {
                if count >= part_max(part) || !self.fits(part, kid) {
                    break;
                }
                self.matched(part, kid);
                count += 1;
                i += 1;
            }
            if count < part_min(part) {
                let missing = part_names(part).swap_remove(0);
                match kids.get(i) {
                    Some(&kid) => self.unexpected(node, kid, order()),
                    None => self.push(
                        node,
                        FindingKind::SchemaMissing {
                            parent: doc.node(node).qname.clone(),
                            missing,
                        },
                    ),
                }
                return;
            }
        }
        if let Some(&kid) = kids.get(i) {
            self.unexpected(node, kid, order());
        }
    }

    /// Matches the children to an `xs:all`: each part at most its `max`
    /// times, in any order, then each at least its `min` times.
    fn all(&mut self, node: usize, parts: &'static [P]) {
        let doc = self.doc;
        let mut counts = vec![0u32; parts.len()];
        let order = || parts.iter().flat_map(part_names).collect::<Vec<_>>();
        for &kid in &doc.node(node).children {
            let at = parts.iter().position(|p| self.fits(p, kid));
            match at {
                Some(i) if counts[i] < part_max(&parts[i]) => {
                    counts[i] += 1;
                    self.matched(&parts[i], kid);
                }
                _ => {
                    self.unexpected(node, kid, order());
                    return;
                }
            }
        }
        if let Some(i) = (0..parts.len()).find(|&i| counts[i] < part_min(&parts[i])) {
            let missing = part_names(&parts[i]).swap_remove(0);
            let parent = doc.node(node).qname.clone();
            self.push(node, FindingKind::SchemaMissing { parent, missing });
        }
    }

    /// Checks a child that a part of its parent's content matched.
    fn matched(&mut self, part: &P, kid: usize) {
        match part {
            P::El { e, .. } => self.element(kid, e),
            P::Any { wild, .. } => self.wildcard(kid, *wild),
            P::Choice { options, .. } => {
                let n = self.doc.node(kid);
                if let Some((_, _, e)) = options.iter().find(|(ns, name, _)| n.is(ns, name)) {
                    self.element(kid, e);
                }
            }
        }
    }

    fn fits(&self, part: &P, kid: usize) -> bool {
        let n = self.doc.node(kid);
        match part {
            P::El { ns, name, .. } => n.is(ns, name),
            P::Any { other_than, .. } => n.ns.as_deref().is_some_and(|ns| ns != *other_than),
            P::Choice { options, .. } => options.iter().any(|(ns, name, _)| n.is(ns, name)),
        }
    }

    /// `allowed`: the parent's content, in order (empty: no elements).
    fn unexpected(&mut self, parent: usize, kid: usize, allowed: Vec<String>) {
        let doc = self.doc;
        self.push(
            kid,
            FindingKind::SchemaUnexpected {
                element: doc.node(kid).qname.clone(),
                parent: doc.node(parent).qname.clone(),
                allowed,
            },
        );
    }

    /// An element from another namespace, where the schema allows one.
    fn wildcard(&mut self, node: usize, wild: Wild) {
        let doc = self.doc;
        let n = doc.node(node);
        match self.global(n.ns.as_deref(), &n.name) {
            Some(e) => self.element(node, e),
            None if wild == Wild::Strict => {
                self.push(node, FindingKind::SchemaUnknownElement { element: n.qname.clone() });
            }
            // Lax: an unknown element is skipped, but what it contains is
            // still checked where it is known.
            None => {
                for &kid in &n.children {
                    self.wildcard(kid, Wild::Lax);
                }
            }
        }
    }

    fn attributes(&mut self, node: usize, e: &'static E) {
        let doc = self.doc;
        let n = doc.node(node);
        for attr in &n.attrs {
            if attr.ns.as_deref() == Some(XSI_NS) {
                continue;
            }
            let declared =
                e.attrs.iter().find(|d| d.ns == attr.ns.as_deref() && d.name == attr.name);
            let ty = match (declared, attr.ns.as_deref()) {
                (Some(d), _) => Some(d.ty),
                (None, Some(ns)) if ns != e.target && e.any_attr != Wild::No => {
                    let global = self
                        .rules
                        .global_attrs
                        .iter()
                        .find(|(gns, gname, _)| *gns == ns && *gname == attr.name)
                        .map(|(_, _, ty)| *ty);
                    match (global, e.any_attr) {
                        (Some(ty), _) => Some(ty),
                        (None, Wild::Lax) | (None, Wild::No) => None,
                        (None, Wild::Strict) => {
                            self.not_allowed(node, &attr.qname);
                            None
                        }
                    }
                }
                _ if matches!(e.content, Content::Opaque) => None,
                _ => {
                    self.not_allowed(node, &attr.qname);
                    None
                }
            };
            if let Some(ty) = ty
                && let Some(rule) = self.value(node, ty, &attr.value)
            {
                self.push(
                    node,
                    FindingKind::SchemaBadValue {
                        element: n.qname.clone(),
                        attribute: Some(attr.qname.clone()),
                        value: attr.value.clone(),
                        rule,
                    },
                );
            }
        }
        for d in e.attrs.iter().filter(|d| d.required) {
            let present = n.attrs.iter().any(|a| a.ns.as_deref() == d.ns && a.name == d.name);
            if !present {
                self.push(
                    node,
                    FindingKind::SchemaAttributeMissing {
                        element: n.qname.clone(),
                        attribute: d.name.to_owned(),
                    },
                );
            }
        }
    }

    fn not_allowed(&mut self, node: usize, attribute: &str) {
        let element = self.doc.node(node).qname.clone();
        self.push(
            node,
            FindingKind::SchemaAttributeNotAllowed { element, attribute: attribute.to_owned() },
        );
    }

    /// Checks a value against a simple type; the rule it breaks, if any.
    /// IDs are also recorded, for uniqueness.
    fn value(&mut self, node: usize, ty: Ty, raw: &str) -> Option<ValueRule> {
        let collapsed = collapse(raw);
        let ok = match ty {
            Ty::Str(max) | Ty::Uri(max) => {
                return max.filter(|&m| raw.chars().count() > m).map(ValueRule::MaxLength);
            }
            Ty::NonEmptyUri => !collapsed.is_empty(),
            Ty::Id => {
                if !is_ncname(&collapsed) {
                    return Some(ValueRule::Identifier);
                }
                let line = self.doc.node(node).line;
                if self.ids.insert(collapsed.clone(), line).is_some() {
                    self.push(node, FindingKind::SchemaDuplicateId { id: collapsed });
                }
                true
            }
            Ty::IdRef => {
                if !is_ncname(&collapsed) {
                    return Some(ValueRule::Identifier);
                }
                true
            }
            Ty::Bool => matches!(collapsed.as_str(), "true" | "false" | "1" | "0"),
            Ty::NonNegInt => {
                let digits = collapsed.strip_prefix('+').unwrap_or(&collapsed);
                !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
            }
            Ty::Duration => is_duration(&collapsed),
            Ty::DateTime => is_date_time(&collapsed),
            Ty::Language => is_language(&collapsed),
            Ty::Dec(min, max) => {
                if !is_decimal(&collapsed) {
                    return Some(ValueRule::Decimal { min, max });
                }
                collapsed.parse::<f64>().is_ok_and(|v| v >= min && v <= max)
            }
            Ty::Enum(values) => values.contains(&raw),
            Ty::Token(values) => values.contains(&collapsed.as_str()),
        };
        if ok {
            return None;
        }
        Some(match ty {
            Ty::Bool => ValueRule::Boolean,
            Ty::NonNegInt => ValueRule::WholeNumber,
            Ty::Duration => ValueRule::Duration,
            Ty::DateTime => ValueRule::DateTime,
            Ty::Language => ValueRule::Language,
            Ty::Dec(min, max) => ValueRule::Decimal { min, max },
            Ty::Enum(values) | Ty::Token(values) => ValueRule::OneOf(values),
            Ty::NonEmptyUri => ValueRule::NotEmpty,
            Ty::Str(_) | Ty::Uri(_) | Ty::Id | Ty::IdRef => ValueRule::Identifier,
        })
    }
}

fn part_min(p: &P) -> u32 {
    match p {
        P::El { min, .. } | P::Choice { min, .. } => *min,
        P::Any { .. } => 0,
    }
}

fn part_max(p: &P) -> u32 {
    match p {
        P::El { max, .. } | P::Choice { max, .. } => *max,
        P::Any { .. } => N,
    }
}

/// Where a content model allows extension elements, in
/// [`FindingKind::SchemaUnexpected`]'s `allowed`.
pub(crate) const EXTENSIONS: &str = "*";

/// The names a part matches (never empty; a choice's first is the one a
/// missing part is reported by).
fn part_names(p: &P) -> Vec<String> {
    match p {
        P::El { name, .. } => vec![(*name).to_owned()],
        P::Any { .. } => vec![EXTENSIONS.to_owned()],
        P::Choice { options, .. } => options.iter().map(|(_, n, _)| (*n).to_owned()).collect(),
    }
}

/// A schema finding in `cmi5.xml`: the same facts, cmi5's code and words.
fn cmi5_kind(kind: FindingKind) -> FindingKind {
    use FindingKind::*;
    match kind {
        SchemaUnexpected { element, parent, allowed } => {
            Cmi5Unexpected { element, parent, allowed }
        }
        SchemaMissing { parent, missing } if missing == "au" => Cmi5NoAu { parent },
        SchemaMissing { parent, missing } => Cmi5Missing { parent, missing },
        SchemaAttributeNotAllowed { element, attribute } => {
            Cmi5AttributeNotAllowed { element, attribute }
        }
        SchemaAttributeMissing { element, attribute } => {
            Cmi5AttributeMissing { element, attribute }
        }
        SchemaBadValue { element, attribute, value, rule } => {
            Cmi5BadValue { element, attribute, value, rule }
        }
        SchemaText { element } => Cmi5Text { element },
        // The course structure has no strict wildcards and no `xs:ID`s, so
        // nothing else comes here.
        other => other,
    }
}

/// XSD's `collapse`: runs of white space become one space, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An XML name without a colon: what identifiers must be.
fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else { return false };
    (first.is_alphabetic() || first == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '\u{B7}'))
}

fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    (!int.is_empty() || !frac.is_empty())
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !(int.is_empty() && frac.is_empty())
}

/// `xs:duration`: `PnYnMnDTnHnMnS`, at least one part, `T` only before a
/// time part.
fn is_duration(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let Some(rest) = s.strip_prefix('P') else { return false };
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let parts = |text: &str, units: &[char], last_decimal: bool| -> Option<usize> {
        let mut count = 0;
        let mut rest = text;
        let mut allowed = units;
        while !rest.is_empty() {
            let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
            let number = &rest[..end];
            let unit = rest[end..].chars().next()?;
            let at = allowed.iter().position(|&u| u == unit)?;
            let decimal_ok = last_decimal && unit == 'S';
            let valid = if decimal_ok {
                is_decimal(number) && !number.starts_with('.')
            } else {
                !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
            };
            if !valid {
                return None;
            }
            allowed = &allowed[at + 1..];
            rest = &rest[end + unit.len_utf8()..];
            count += 1;
        }
        Some(count)
    };
    let Some(d) = parts(date, &['Y', 'M', 'D'], false) else { return false };
    match time {
        None => d > 0,
        Some(t) => parts(t, &['H', 'M', 'S'], true).is_some_and(|n| n > 0),
    }
}

/// `xs:dateTime`: `YYYY-MM-DDThh:mm:ss(.s+)?(Z|±hh:mm)?`.
fn is_date_time(s: &str) -> bool {
    // Only ASCII can be valid, and the slicing below counts bytes.
    if !s.is_ascii() {
        return false;
    }
    let s = s.strip_prefix('-').unwrap_or(s);
    let Some((date, time)) = s.split_once('T') else { return false };
    let d: Vec<&str> = date.split('-').collect();
    let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
    let year_ok = d.first().is_some_and(|y| y.len() >= 4 && y.bytes().all(|b| b.is_ascii_digit()));
    if d.len() != 3 || !year_ok || !digits(d[1], 2) || !digits(d[2], 2) {
        return false;
    }
    let in_range =
        |t: &str, lo: u32, hi: u32| t.parse::<u32>().is_ok_and(|v| (lo..=hi).contains(&v));
    if !in_range(d[1], 1, 12) || !in_range(d[2], 1, 31) {
        return false;
    }
    let (clock, zone) = match time.find(['Z', '+', '-']) {
        Some(at) => time.split_at(at),
        None => (time, ""),
    };
    let zone_ok = zone.is_empty()
        || zone == "Z"
        || (zone.len() == 6
            && digits(&zone[1..3], 2)
            && &zone[3..4] == ":"
            && digits(&zone[4..6], 2));
    let (hms, frac) = clock.split_once('.').unwrap_or((clock, "0"));
    let t: Vec<&str> = hms.split(':').collect();
    zone_ok
        && t.len() == 3
        && t.iter().all(|p| digits(p, 2))
        && in_range(t[0], 0, 24)
        && in_range(t[1], 0, 59)
        && in_range(t[2], 0, 60)
        && !frac.is_empty()
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// `xs:language`: `sv`, `en-GB`, `x-klingon`.
fn is_language(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    let ok = |p: &str, alpha: bool| {
        (1..=8).contains(&p.len())
            && p.bytes()
                .all(|b| if alpha { b.is_ascii_alphabetic() } else { b.is_ascii_alphanumeric() })
    };
    ok(first, true) && parts.all(|p| ok(p, false))
}

/// Helper for tests and checks: the node's text, collapsed.
pub(crate) fn text_of(n: &Node) -> String {
    collapse(&n.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_types() {
        assert!(is_ncname("kugghjul-sco") && is_ncname("_a.b") && is_ncname("åäö"));
        assert!(!is_ncname("1abc") && !is_ncname("a b") && !is_ncname("a:b") && !is_ncname(""));
        assert!(is_decimal("0.8") && is_decimal("-1") && is_decimal(".5") && is_decimal("1."));
        assert!(!is_decimal("") && !is_decimal(".") && !is_decimal("1e3") && !is_decimal("80%"));
        assert!(is_duration("PT1H30M") && is_duration("P1D") && is_duration("PT0.5S"));
        assert!(
            !is_duration("P") && !is_duration("PT") && !is_duration("P1H") && !is_duration("1H")
        );
        assert!(is_date_time("2026-01-31T12:00:00") && is_date_time("2026-01-31T12:00:00.5+01:00"));
        assert!(!is_date_time("2026-13-01T00:00:00") && !is_date_time("2026-01-31"));
        assert!(is_language("sv") && is_language("en-GB") && !is_language("en_GB"));
        assert!(!is_date_time("2026-01-31T12:00:00+0ä:0"));
    }
}
