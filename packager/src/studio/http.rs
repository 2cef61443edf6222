//! The Studio's routes: its page, the package files of the last good
//! build, and the state the page waits on.
//!
//! | path | what |
//! | --- | --- |
//! | `/` | the Studio page (`packager/studio/index.html`) |
//! | `/studio/…` | its script, stylesheet and the vendored SCORM runtime |
//! | `/course/scorm12/…`, `/course/scorm2004/…` | the package, as it would be zipped |
//! | `/api/state?since=N` | the build after N (waits up to 20 s): problems, pages |
//! | `/api/source?file=NAME` | an author's file the last build read, as text |

use std::time::Duration;

use tiny_http::{Header, Request, Response};

use super::{Snapshot, Studio};

/// The Studio's own files, embedded in the binary.
pub(super) const ASSETS: &[(&str, &str, &[u8])] = &[
    ("/", "text/html; charset=utf-8", include_bytes!("../../studio/index.html")),
    (
        "/studio/studio.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../studio/studio.js"),
    ),
    ("/studio/studio.css", "text/css; charset=utf-8", include_bytes!("../../studio/studio.css")),
    (
        "/studio/scorm-again.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../studio/vendor/scorm-again.min.js"),
    ),
];

/// How long `/api/state` waits for a newer build.
const LONG_POLL: Duration = Duration::from_secs(20);

/// Answers one request. Errors writing the answer (the page went away) are
/// of no interest.
pub(super) fn answer(studio: &Studio, request: Request) {
    let url = request.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let response = match path {
        "/api/state" => {
            let since = param(query, "since").and_then(|s| s.parse().ok()).unwrap_or(0);
            let body = studio.when_newer(since, LONG_POLL, state_json);
            bytes(body.into_bytes(), "application/json; charset=utf-8")
        }
        "/api/source" => {
            let file = param(query, "file").unwrap_or_default();
            let text = studio
                .with(|s| s.sources.iter().find(|(name, _)| *name == file).map(|(_, t)| t.clone()));
            match text {
                Some(t) => bytes(t.into_bytes(), "text/plain; charset=utf-8"),
                None => not_found(),
            }
        }
        _ => match ASSETS.iter().find(|(p, _, _)| *p == path) {
            Some((_, kind, body)) => bytes(body.to_vec(), kind),
            None => package_file(studio, path),
        },
    };
    let _ = request.respond(response);
}

/// A file of the last good build's package.
fn package_file(studio: &Studio, path: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let Some(rest) = path.strip_prefix("/course/") else { return not_found() };
    let Some((version, file)) = rest.split_once('/') else { return not_found() };
    let file = decode(file);
    let found = studio.with(|s| {
        s.files.iter().find(|((v, p), _)| *v == version && *p == file).map(|(_, b)| b.clone())
    });
    match found {
        Some(body) => bytes(body, content_type(&file)),
        None => not_found(),
    }
}

/// The build as the page reads it.
fn state_json(s: &Snapshot) -> String {
    let problems: serde_json::Value =
        serde_json::from_str(&s.problems).unwrap_or(serde_json::Value::Array(Vec::new()));
    serde_json::json!({
        "generation": s.generation,
        "ok": s.ok,
        "preview": !s.files.is_empty(),
        "title": s.title,
        "language": s.language,
        "pages": s.pages,
        "problems": problems,
        "build_ms": s.build_ms,
    })
    .to_string()
}

fn bytes(body: Vec<u8>, kind: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body)
        .with_header(header("Content-Type", kind))
        // Every answer may change with the next save.
        .with_header(header("Cache-Control", "no-store"))
}

fn not_found() -> Response<std::io::Cursor<Vec<u8>>> {
    bytes(b"not found".to_vec(), "text/plain; charset=utf-8").with_status_code(404)
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

/// How a package file is served (as an LMS would, but with `.wasm` right).
fn content_type(file: &str) -> &'static str {
    match file.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("xml" | "xsd") => "application/xml",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        _ => "application/octet-stream",
    }
}

/// A query parameter's value, percent-decoded.
fn param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then(|| decode(v))
    })
}

/// `%C3%A5` → `å`.
fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(decode("kap%C3%A5.md"), "kapå.md");
        assert_eq!(decode("a%20b%2"), "a b%2");
        assert_eq!(param("since=3&file=k%20a.md", "file").as_deref(), Some("k a.md"));
    }
}
