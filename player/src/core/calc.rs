//! Calculators: evaluating the author's formulas and showing the results.
//!
//! Formulas are parsed and checked at build time by the packager, which
//! hands the player postfix token lists (see [`crate::model::Formula`]).
//! Evaluating them is a small stack machine — no `eval`, no parser in the
//! player — and numbers are shown with integer arithmetic, which keeps
//! float formatting (and its code size) out of the player.

use crate::model::{Formula, Language};

/// Evaluates `formula` with the inputs' current values. `None` when an
/// input is missing or not a number, or on division by zero.
pub fn evaluate(formula: &Formula, inputs: &[(&str, f64)]) -> Option<f64> {
    let mut stack: Vec<f64> = Vec::new();
    for token in &formula.rpn {
        let value = match token.as_str() {
            "+" | "-" | "*" | "/" => {
                let b = stack.pop()?;
                let a = stack.pop()?;
                match token.as_str() {
                    "+" => a + b,
                    "-" => a - b,
                    "*" => a * b,
                    _ if b == 0.0 => return None,
                    _ => a / b,
                }
            }
            "~" => -stack.pop()?,
            t if t.starts_with('#') => literal(t.get(1..)?)?,
            name => inputs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)?,
        };
        if !value.is_finite() {
            return None;
        }
        stack.push(value);
    }
    (stack.len() == 1).then(|| stack[0])
}

/// `15/1` is 15 × 10⁻¹.
fn literal(text: &str) -> Option<f64> {
    let (mantissa, power) = text.split_once('/')?;
    let mantissa: i64 = mantissa.parse().ok()?;
    let power: i32 = power.parse().ok()?;
    Some(mantissa as f64 / 10f64.powi(power))
}

/// A number as the course's language writes it, with `decimals` decimals:
/// `1 234 567,5` in Swedish (non-breaking spaces), `1,234,567.5` in English.
pub fn format_number(value: f64, decimals: u32, language: Language) -> String {
    let scale = 10i64.pow(decimals.min(6));
    let scaled = (value * scale as f64).round();
    if !scaled.is_finite() || scaled.abs() > 9e15 {
        return "–".into();
    }
    let scaled = scaled as i64;
    let (whole, frac) =
        (scaled.unsigned_abs() / scale as u64, scaled.unsigned_abs() % scale as u64);
    let (group, point) = match language {
        Language::Sv => ('\u{a0}', ','),
        Language::En => (',', '.'),
    };
    let digits = whole.to_string();
    let mut out = String::new();
    if scaled < 0 {
        out.push('−');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if decimals > 0 {
        out.push(point);
        let f = frac.to_string();
        for _ in f.len()..decimals.min(6) as usize {
            out.push('0');
        }
        out.push_str(&f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formula(rpn: &[&str]) -> Formula {
        Formula { name: "x".into(), rpn: rpn.iter().map(|s| s.to_string()).collect(), decimals: 0 }
    }

    #[test]
    fn evaluates_postfix() {
        let inputs = [("veckor", 17.0), ("timmar", 12.5)];
        // (veckor - 6) * timmar * 1.5
        let f = formula(&["veckor", "#6/0", "-", "timmar", "*", "#15/1", "*"]);
        assert_eq!(evaluate(&f, &inputs), Some(206.25));
        assert_eq!(evaluate(&formula(&["veckor", "~"]), &inputs), Some(-17.0));
        assert_eq!(evaluate(&formula(&["veckor", "#0/0", "/"]), &inputs), None);
        assert_eq!(evaluate(&formula(&["okänd"]), &inputs), None);
        assert_eq!(evaluate(&formula(&["veckor", "+"]), &inputs), None);
        assert_eq!(evaluate(&formula(&["veckor", "#1/0"]), &inputs), None);
    }

    #[test]
    fn formats_numbers_per_language() {
        assert_eq!(format_number(1_234_567.46, 0, Language::Sv), "1\u{a0}234\u{a0}567");
        assert_eq!(format_number(1_234_567.46, 1, Language::Sv), "1\u{a0}234\u{a0}567,5");
        assert_eq!(format_number(1_234.05, 2, Language::En), "1,234.05");
        assert_eq!(format_number(-12.0, 0, Language::Sv), "−12");
        assert_eq!(format_number(0.5, 0, Language::Sv), "1");
        assert_eq!(format_number(999.0, 0, Language::En), "999");
        assert_eq!(format_number(f64::NAN, 0, Language::En), "–");
    }
}
