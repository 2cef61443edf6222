//! The xAPI statements API, as the report reads it: one `GET statements`
//! per verb, every page by its `more` link, with the version header and
//! HTTP Basic auth on every request.
//!
//! Blocking (ureq): a report is a handful of requests one after the other,
//! and the command line has nothing else to do meanwhile. Each page is
//! parsed as it streams in and handed on statement by statement, so memory
//! holds one page, never the whole LRS.

use std::collections::HashSet;
use std::time::Duration;

use base64::Engine;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

use super::Error;
use super::statements::{Statement, StatementResult};

/// The xAPI version the report speaks (and says in every request).
pub const XAPI_VERSION: &str = "1.0.3";

/// Where and how to ask.
#[derive(Debug, Clone)]
pub struct Lrs {
    /// The xAPI endpoint, e.g. `https://lrs.example.org/xAPI/`.
    pub endpoint: String,
    /// User name and password for HTTP Basic auth; `None`: no auth.
    pub credentials: Option<(String, String)>,
    /// Statements per page to ask for; `None` asks for `limit=0`, which
    /// xAPI defines as "the most the server allows".
    pub page_size: Option<u32>,
}

impl Lrs {
    /// The endpoint with one `/` at its end, or [`Error::BadEndpoint`] when
    /// it is no http(s) URL with a host.
    fn base(&self) -> Result<String, Error> {
        let endpoint = self.endpoint.trim();
        let bad = || Error::BadEndpoint { endpoint: self.endpoint.clone() };
        let rest = endpoint
            .strip_prefix("https://")
            .or_else(|| endpoint.strip_prefix("http://"))
            .ok_or_else(bad)?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        if host.is_empty() || rest.contains(['?', '#']) || endpoint.chars().any(char::is_whitespace)
        {
            return Err(bad());
        }
        Ok(format!("{}/", endpoint.trim_end_matches('/')))
    }

    /// Every statement with `verb` whose object or context activity is
    /// `activity`, handed to `each` page by page. Returns the number of
    /// requests made.
    pub fn statements(
        &self,
        activity: &str,
        verb: &str,
        each: &mut dyn FnMut(&Statement),
    ) -> Result<usize, Error> {
        let base = self.base()?;
        let origin = origin(&base);
        let encode = |s: &str| utf8_percent_encode(s, NON_ALPHANUMERIC).to_string();
        let limit = self.page_size.unwrap_or(0);
        let mut url = format!(
            "{base}statements?verb={}&activity={}&related_activities=true&limit={limit}",
            encode(verb),
            encode(activity)
        );
        let agent = agent();
        let auth = self.credentials.as_ref().map(|(user, password)| {
            let pair = format!("{user}:{password}");
            format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair))
        });
        let mut fetched = HashSet::new();
        loop {
            // A `more` link that comes back to a page already read would
            // never end: no LRS does that.
            if !fetched.insert(url.clone()) {
                return Err(self.not_lrs(None));
            }
            let page = self.page(&agent, &url, auth.as_deref())?;
            page.statements.iter().for_each(&mut *each);
            // An empty page is the end, whatever `more` says: Ralph 5.1
            // gives a `more` link with every answer, even the last.
            let more = page.more.as_deref().map(str::trim).filter(|_| !page.statements.is_empty());
            match more.filter(|m| !m.is_empty()) {
                None => return Ok(fetched.len()),
                Some(more) if more.starts_with("http://") || more.starts_with("https://") => {
                    url = more.to_owned();
                }
                // xAPI: a relative IRL, in practice a path from the root.
                Some(more) if more.starts_with('/') => url = format!("{origin}{more}"),
                Some(more) => url = format!("{base}{more}"),
            }
        }
    }

    /// One page: the request, its status in plain words, its JSON.
    fn page(
        &self,
        agent: &ureq::Agent,
        url: &str,
        auth: Option<&str>,
    ) -> Result<StatementResult, Error> {
        let mut request = agent
            .get(url)
            .header("X-Experience-API-Version", XAPI_VERSION)
            .header("Accept", "application/json");
        if let Some(auth) = auth {
            request = request.header("Authorization", auth);
        }
        let mut response = request.call().map_err(|e| self.transport(e))?;
        let status = response.status().as_u16();
        match status {
            200 => {}
            401 | 403 => return Err(Error::Unauthorized { endpoint: self.endpoint.clone() }),
            500..=599 => return Err(Error::LrsFailed { endpoint: self.endpoint.clone(), status }),
            _ => return Err(self.not_lrs(Some(status))),
        }
        let reader = response.body_mut().as_reader();
        serde_json::from_reader(std::io::BufReader::new(reader))
            .map_err(|e| if e.is_io() { self.transport_io(e.into()) } else { self.not_lrs(None) })
    }

    fn not_lrs(&self, status: Option<u16>) -> Error {
        Error::NotLrs { endpoint: self.endpoint.clone(), status }
    }

    /// A request that got no answer, by why.
    fn transport(&self, error: ureq::Error) -> Error {
        use super::Reason;
        let reason = match error {
            ureq::Error::Io(e) => return self.transport_io(e),
            ureq::Error::HostNotFound => Reason::NoHost,
            ureq::Error::Timeout(_) => Reason::Timeout,
            ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => Reason::Tls,
            ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
                return Error::BadEndpoint { endpoint: self.endpoint.clone() };
            }
            ureq::Error::Protocol(_) => return self.not_lrs(None),
            _ => Reason::Other,
        };
        Error::Unreachable { endpoint: self.endpoint.clone(), reason }
    }

    fn transport_io(&self, error: std::io::Error) -> Error {
        use super::Reason;
        use std::io::ErrorKind;
        let reason = match error.kind() {
            ErrorKind::ConnectionRefused => Reason::Refused,
            ErrorKind::TimedOut | ErrorKind::WouldBlock => Reason::Timeout,
            _ => Reason::Other,
        };
        Error::Unreachable { endpoint: self.endpoint.clone(), reason }
    }
}

/// `scheme://host[:port]` of an endpoint (that [`Lrs::base`] accepted).
fn origin(base: &str) -> &str {
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let end = base[after_scheme..].find('/').map_or(base.len(), |i| after_scheme + i);
    &base[..end]
}

/// One connection pool for all the report's requests. Statuses are
/// answers here, not errors: the report says what a 401 means.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(Duration::from_secs(15)))
        .timeout_global(Some(Duration::from_secs(300)))
        .user_agent(concat!("kursverk/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    fn lrs(endpoint: &str) -> Lrs {
        Lrs {
            endpoint: endpoint.into(),
            credentials: Some(("anna".into(), "hemligt lösen".into())),
            page_size: None,
        }
    }

    #[test]
    fn endpoints_and_origins() {
        assert_eq!(
            lrs("https://lrs.example.org/xAPI").base().unwrap(),
            "https://lrs.example.org/xAPI/"
        );
        assert_eq!(
            lrs(" http://127.0.0.1:8080/xAPI/ ").base().unwrap(),
            "http://127.0.0.1:8080/xAPI/"
        );
        for bad in [
            "lrs.example.org/xAPI",
            "ftp://x/",
            "https:///xAPI",
            "https://x/xAPI?a=1",
            "https://x y/",
        ] {
            assert!(matches!(lrs(bad).base(), Err(Error::BadEndpoint { .. })), "{bad}");
        }
        assert_eq!(origin("https://lrs.example.org/data/xAPI/"), "https://lrs.example.org");
        assert_eq!(origin("http://127.0.0.1:8080/"), "http://127.0.0.1:8080");
    }

    /// Against a tiny server on 127.0.0.1: every request carries the
    /// version and the Basic auth, and the `more` links (a path, a relative
    /// one, a full URL) are followed to the end.
    #[test]
    fn follows_more_links_with_headers() {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let port = server.server_addr().to_ip().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let pages = [
            r#"{"statements": [{"id": "1"}], "more": "/lrs/xAPI/statements?page=2"}"#.to_owned(),
            r#"{"statements": [{"id": "2"}], "more": "statements?page=3"}"#.to_owned(),
            format!(
                r#"{{"statements": [{{"id": "3"}}], "more": "http://127.0.0.1:{port}/lrs/xAPI/statements?page=4"}}"#
            ),
            r#"{"statements": [{"id": "4"}], "more": ""}"#.to_owned(),
        ];
        let handle = std::thread::spawn(move || {
            for page in pages {
                let request = server.recv().unwrap();
                let header = |name: &'static str| {
                    request
                        .headers()
                        .iter()
                        .find(|h| h.field.equiv(name))
                        .map(|h| h.value.to_string())
                        .unwrap_or_default()
                };
                let line = format!(
                    "{} {} {}",
                    request.url(),
                    header("X-Experience-API-Version"),
                    header("Authorization")
                );
                log.lock().unwrap().push(line);
                request.respond(tiny_http::Response::from_string(page)).unwrap();
            }
        });
        let mut ids = Vec::new();
        let requests = lrs(&format!("http://127.0.0.1:{port}/lrs/xAPI"))
            .statements("urn:kursverk:x y", super::super::statements::PASSED, &mut |s| {
                ids.push(s.id.clone().unwrap())
            })
            .unwrap();
        handle.join().unwrap();
        assert_eq!(requests, 4);
        assert_eq!(ids, ["1", "2", "3", "4"]);
        let auth = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode("anna:hemligt lösen")
        );
        assert_eq!(
            *seen.lock().unwrap(),
            [
                format!(
                    "/lrs/xAPI/statements?verb=http%3A%2F%2Fadlnet%2Egov%2Fexpapi%2Fverbs%2Fpassed&activity=urn%3Akursverk%3Ax%20y&related_activities=true&limit=0 1.0.3 {auth}"
                ),
                format!("/lrs/xAPI/statements?page=2 1.0.3 {auth}"),
                format!("/lrs/xAPI/statements?page=3 1.0.3 {auth}"),
                format!("/lrs/xAPI/statements?page=4 1.0.3 {auth}"),
            ]
        );
    }

    /// Ralph 5.1 sends a `more` link even with its last, empty page (to the
    /// same page again): an empty page ends the reading, it is no error.
    #[test]
    fn an_empty_page_is_the_end_whatever_more_says() {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let port = server.server_addr().to_ip().unwrap().port();
        let pages = [
            r#"{"statements": [{"id": "1"}], "more": "/xAPI/statements?after=1"}"#,
            r#"{"statements": [], "more": "/xAPI/statements?after=1"}"#,
        ];
        let handle = std::thread::spawn(move || {
            for page in pages {
                let request = server.recv().unwrap();
                request.respond(tiny_http::Response::from_string(page)).unwrap();
            }
        });
        let mut ids = Vec::new();
        let requests = lrs(&format!("http://127.0.0.1:{port}/xAPI/"))
            .statements("urn:x", "urn:v", &mut |s| ids.push(s.id.clone().unwrap()))
            .unwrap();
        handle.join().unwrap();
        assert_eq!((requests, ids), (2, vec!["1".to_owned()]));
    }

    /// What a server answers, as the report says it.
    #[test]
    fn answers_in_plain_words() {
        fn one(status: u16, body: &'static str) -> Error {
            let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
            let port = server.server_addr().to_ip().unwrap().port();
            let handle = std::thread::spawn(move || {
                let request = server.recv().unwrap();
                let response = tiny_http::Response::from_string(body).with_status_code(status);
                request.respond(response).unwrap();
            });
            let lrs = lrs(&format!("http://127.0.0.1:{port}/xAPI/"));
            let error = lrs.statements("urn:x", "urn:v", &mut |_| {}).unwrap_err();
            handle.join().unwrap();
            error
        }
        assert!(matches!(one(401, ""), Error::Unauthorized { .. }));
        assert!(matches!(one(403, "{}"), Error::Unauthorized { .. }));
        assert!(matches!(one(404, "Not Found"), Error::NotLrs { status: Some(404), .. }));
        assert!(matches!(one(200, "<html>hello</html>"), Error::NotLrs { status: None, .. }));
        assert!(matches!(one(200, r#"{"version": ["1.0.3"]}"#), Error::NotLrs { .. }));
        assert!(matches!(one(503, ""), Error::LrsFailed { status: 503, .. }));
    }

    #[test]
    fn nothing_listening() {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let error = lrs(&format!("http://127.0.0.1:{port}/xAPI/"))
            .statements("urn:x", "urn:v", &mut |_| {})
            .unwrap_err();
        assert!(
            matches!(error, Error::Unreachable { reason: super::super::Reason::Refused, .. }),
            "{error:?}"
        );
    }
}
