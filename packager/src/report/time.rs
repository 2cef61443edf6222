//! xAPI timestamps (ISO 8601, as RFC 3339 writes them) as instants.
//!
//! Statements come with their timestamps as the sender wrote them: `Z` or
//! an offset, with or without fractions. Strings do not compare as times
//! (`…10:00:00+02:00` is before `…09:00:00Z`), so "first completed" and
//! "last activity" compare instants, and the report writes every time the
//! same way, in UTC to the second. A dozen lines of calendar arithmetic
//! instead of a date crate: the report needs nothing else of dates.

/// A point in time: seconds since 1970-01-01T00:00:00Z, and nanoseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instant {
    secs: i64,
    nanos: u32,
}

impl Instant {
    /// Reads `YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM|±HHMM|±HH]` (`t`, `z`
    /// and a space for `T` too; no zone means UTC). `None` for anything else.
    pub fn parse(text: &str) -> Option<Instant> {
        let b = text.trim().as_bytes();
        let num = |from: usize, len: usize| -> Option<i64> {
            let digits = b.get(from..from + len)?;
            digits
                .iter()
                .all(u8::is_ascii_digit)
                .then(|| digits.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
        };
        let at = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));
        if b.len() < 19 || !at(4, b"-") || !at(7, b"-") || !at(10, b"Tt ") || !at(13, b":") {
            return None;
        }
        if !at(16, b":") {
            return None;
        }
        let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
        let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return None;
        }
        let mut i = 19;
        let mut nanos = 0u32;
        if at(i, b".,") {
            i += 1;
            let start = i;
            while at(i, b"0123456789") {
                if i - start < 9 {
                    nanos = nanos * 10 + u32::from(b[i] - b'0');
                }
                i += 1;
            }
            if i == start {
                return None;
            }
            for _ in (i - start).min(9)..9 {
                nanos *= 10;
            }
        }
        let offset = match b.get(i) {
            None => 0,
            Some(b'Z' | b'z') if i + 1 == b.len() => 0,
            Some(sign @ (b'+' | b'-')) => {
                let hours = num(i + 1, 2)?;
                let rest = &b[i + 3..];
                let minutes = match rest {
                    [] => 0,
                    [b':', ..] if rest.len() == 3 => num(i + 4, 2)?,
                    _ if rest.len() == 2 => num(i + 3, 2)?,
                    _ => return None,
                };
                if hours > 23 || minutes > 59 {
                    return None;
                }
                let seconds = hours * 3600 + minutes * 60;
                if *sign == b'+' { seconds } else { -seconds }
            }
            _ => return None,
        };
        let days = days_from_civil(year, month, day);
        let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset;
        Some(Instant { secs, nanos })
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`: in UTC, to the second.
    pub fn utc(self) -> String {
        let days = self.secs.div_euclid(86_400);
        let rest = self.secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            rest / 3600,
            rest % 3600 / 60,
            rest % 60
        )
    }
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
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

    /// Every day of four centuries goes there and back.
    #[test]
    fn calendar_round_trips() {
        for days in -146_097..146_097 {
            let (y, m, d) = super::civil_from_days(days);
            assert_eq!(super::days_from_civil(y, m, d), days);
        }
    }
}
