//! xAPI timestamps (ISO 8601, as RFC 3339 writes them) as instants.
//!
//! Statements come with their timestamps as the sender wrote them: `Z` or
//! an offset, with or without fractions. Strings do not compare as times
//! (`…10:00:00+02:00` is before `…09:00:00Z`), so "first completed" and
//! "last activity" compare instants (jiff's `Timestamp`), and the report
//! writes every time the same way, in UTC to the second.

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

/// A point in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instant(Timestamp);

impl Instant {
    /// Reads an ISO 8601 date and time with `Z` or an offset; one without
    /// a zone is taken as UTC (xAPI says it should have one). `None` for
    /// anything else.
    pub fn parse(text: &str) -> Option<Instant> {
        let text = text.trim();
        if let Ok(t) = text.parse::<Timestamp>() {
            return Some(Instant(t));
        }
        let civil: DateTime = text.parse().ok()?;
        // A bare date parses as a date-time at midnight: not a time.
        if text.len() < "YYYY-MM-DDTHH:MM:SS".len() {
            return None;
        }
        Some(Instant(civil.to_zoned(TimeZone::UTC).ok()?.timestamp()))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`: in UTC, to the second.
    pub fn utc(self) -> String {
        self.0.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::Instant;

    fn utc(text: &str) -> String {
        Instant::parse(text).map(Instant::utc).unwrap_or_else(|| "none".into())
    }

    #[test]
    fn reads_what_statements_carry() {
        assert_eq!(utc("2026-03-05T09:15:30.123Z"), "2026-03-05T09:15:30Z");
        assert_eq!(utc("2026-03-05T09:15:30Z"), "2026-03-05T09:15:30Z");
        assert_eq!(utc("2026-03-05T11:15:30+02:00"), "2026-03-05T09:15:30Z");
        assert_eq!(utc("2026-03-05T01:15:30-0800"), "2026-03-05T09:15:30Z");
        assert_eq!(utc("2026-03-05T10:15:30+01"), "2026-03-05T09:15:30Z");
        assert_eq!(utc("2026-03-05 09:15:30"), "2026-03-05T09:15:30Z");
        assert_eq!(utc("2026-01-01T00:30:00+01:00"), "2025-12-31T23:30:00Z");
        assert_eq!(utc("2024-02-29T12:00:00Z"), "2024-02-29T12:00:00Z");
        assert_eq!(utc("1970-01-01T00:00:00Z"), "1970-01-01T00:00:00Z");
        assert_eq!(utc("1969-12-31T23:59:59Z"), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn refuses_what_is_no_time() {
        for text in [
            "",
            "2026-03-05",
            "2026-13-05T09:15:30Z",
            "2025-02-29T09:15:30Z",
            "2026-03-05T24:00:00Z",
            "2026-03-05T09:15:30.Z",
            "2026-03-05T09:15:30Zjunk",
            "2026-03-05T09:15:30+2",
            "2026-03-05T09:1a:30Z",
            "२०२६-03-05T09:15:30Z",
        ] {
            assert_eq!(Instant::parse(text), None, "{text}");
        }
    }

    #[test]
    fn compares_instants_not_strings() {
        let earlier = Instant::parse("2026-03-05T10:00:00+02:00").unwrap();
        let later = Instant::parse("2026-03-05T09:00:00Z").unwrap();
        assert!(earlier < later);
        let a = Instant::parse("2026-03-05T09:00:00.1Z").unwrap();
        let b = Instant::parse("2026-03-05T09:00:00.09Z").unwrap();
        assert!(b < a);
    }
}
