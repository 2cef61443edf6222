//! Durations as course authors write them: `40 min`, `1 tim 10 min`,
//! `1 h 10 min`, `2 timmar`, `1,5 tim`.

use crate::diagnostics::M;

/// Minutes in a written duration, or a message saying what is wrong.
///
/// A leading `cirka`/`ca`/`ungefär`/`about` is accepted: the minutes are
/// then approximate, which [`is_approximate`] tells.
pub fn parse(text: &str) -> Result<u32, M> {
    let unreadable = || M::TimeUnreadable { time: text.trim().to_owned() };
    let lower = text.trim().trim_end_matches('.').to_lowercase();
    let cleaned = strip_approximate(&lower).unwrap_or(&lower).to_owned();
    if cleaned.is_empty() {
        return Err(unreadable());
    }
    let mut minutes = 0.0f64;
    let mut number: Option<f64> = None;
    let mut seen_unit = false;
    for word in split(&cleaned) {
        if let Ok(n) = word.replace(',', ".").parse::<f64>() {
            if number.is_some() {
                return Err(unreadable());
            }
            number = Some(n);
            continue;
        }
        let factor = match word.as_str() {
            "min" | "minut" | "minuter" | "m" | "minutes" | "minute" => 1.0,
            "tim" | "timme" | "timmar" | "h" | "t" | "hour" | "hours" => 60.0,
            _ if word.contains(['-', '–']) || text.contains(['–']) => {
                return Err(M::TimeRange { time: text.trim().to_owned() });
            }
            _ if number.is_none() => return Err(M::TimeInWords { time: text.trim().to_owned() }),
            _ => return Err(M::TimeUnit { time: text.trim().to_owned(), word }),
        };
        let Some(n) = number.take() else {
            return Err(unreadable());
        };
        minutes += n * factor;
        seen_unit = true;
    }
    if number.is_some() || !seen_unit {
        return Err(unreadable());
    }
    if minutes.fract() != 0.0 || minutes <= 0.0 {
        return Err(unreadable());
    }
    if minutes > f64::from(MAX_MINUTES) {
        return Err(M::TimeTooLong {
            time: text.trim().to_owned(),
            hours: (MAX_MINUTES / 60).to_string(),
        });
    }
    Ok(minutes as u32)
}

/// The longest duration one exercise or chapter may state: 1,000 hours.
/// Anything longer is a typing mistake, and keeps sums far from overflow.
pub const MAX_MINUTES: u32 = 60_000;

const APPROXIMATE: [&str; 6] = ["cirka ", "ca. ", "ca ", "ungefär ", "about ", "approx. "];

fn strip_approximate(text: &str) -> Option<&str> {
    APPROXIMATE.iter().find_map(|p| text.strip_prefix(p))
}

/// Whether a written duration says it is approximate (`cirka 3 tim`).
pub fn is_approximate(text: &str) -> bool {
    strip_approximate(&text.trim().to_lowercase()).is_some()
}

/// Splits `1tim10min` and `1 tim, 10 min` alike into numbers and words.
fn split(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut digits = false;
    for c in text.chars() {
        let is_digit = c.is_ascii_digit() || (digits && (c == ',' || c == '.'));
        if c.is_whitespace() || (c == ',' && !digits) || c == '+' || c == '&' {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() && is_digit != digits {
            out.push(std::mem::take(&mut current));
        }
        digits = is_digit;
        current.push(c);
    }
    if !current.is_empty() {
        out.push(current);
    }
    // "och" joins parts: "1 tim och 10 min".
    out.retain(|w| w != "och" && w != "and");
    out.iter().map(|w| w.trim_end_matches([',', '.']).to_owned()).collect()
}

/// Minutes as authors write them: `40 min`, `1 tim 10 min`, `2 tim`.
pub fn format(minutes: u32, swedish: bool) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let hour = if swedish { "tim" } else { "h" };
    match (h, m) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} {hour}"),
        (h, m) => format!("{h} {hour} {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_forms() {
        for (text, minutes) in [
            ("40 min", 40),
            ("1 tim 10 min", 70),
            ("1 h 10 min", 70),
            ("1h10min", 70),
            ("2 tim", 120),
            ("2 timmar", 120),
            ("1 timme och 15 minuter", 75),
            ("1,5 tim", 90),
            ("1.5 h", 90),
            ("90 min.", 90),
            ("3 tim 30 min", 210),
            ("cirka 3 tim", 180),
            ("ca 10 tim", 600),
        ] {
            assert_eq!(parse(text), Ok(minutes), "{text}");
        }
    }

    #[test]
    fn refused_forms() {
        for text in ["", "40", "min", "fyrtio min", "40 sekunder", "1 tim 10", "0 min", "0,1 min"] {
            assert!(parse(text).is_err(), "{text} should be refused");
        }
    }

    #[test]
    fn format_round_trips() {
        for m in [5, 40, 60, 70, 125, 600] {
            assert_eq!(parse(&format(m, true)), Ok(m));
            assert_eq!(parse(&format(m, false)), Ok(m));
        }
        assert_eq!(format(70, true), "1 tim 10 min");
    }
}
