//! Calculator blocks: inputs the learner sets and outputs computed from
//! them with arithmetic the author writes (`veckor * timmar * timpris`).
//!
//! Expressions are parsed and checked here, at build time — unknown names
//! and syntax errors are located like any other mistake — and handed to
//! the player in postfix form, so the player needs no parser and no `eval`.

use kursverk_player::core::calc::{evaluate, format_number};
use kursverk_player::model::{Formula, Language};
use pulldown_cmark::{Event, Tag};
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics, M, Span};
use crate::source::markdown::{Ev, block_end, inline_text, render};

/// A calculator as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Calculator {
    /// Stable id.
    pub id: String,
    /// Text before the inputs.
    pub intro: String,
    /// Number fields.
    pub inputs: Vec<Input>,
    /// Computed results.
    pub outputs: Vec<Output>,
    /// The formulas; the loader moves them into the player's model.
    #[serde(skip)]
    pub formulas: Vec<Formula>,
    /// The results for the default values, computed at build time so the
    /// page shows them before (and without) the player.
    pub initial: Vec<String>,
}

/// A number field.
#[derive(Debug, Clone, Serialize)]
pub struct Input {
    /// Name used in formulas.
    pub name: String,
    /// Label shown.
    pub label: String,
    /// Default value, as `<input value>` wants it (`6`, `1.5`).
    pub value: String,
    /// Unit shown after the field.
    pub unit: String,
    /// Smallest allowed value.
    pub min: Option<String>,
    /// Largest allowed value.
    pub max: Option<String>,
}

/// A computed result.
#[derive(Debug, Clone, Serialize)]
pub struct Output {
    /// Name (derived from the label).
    pub name: String,
    /// Label shown.
    pub label: String,
    /// Unit shown after the value.
    pub unit: String,
}

/// Parses a calculator body: text, then `#### Indata` and `#### Resultat`
/// lists.
pub fn calculator(
    id: String,
    body: &[Ev<'_>],
    header: &Span,
    language: Language,
    diags: &mut Diagnostics,
) -> Calculator {
    let at = |r: &std::ops::Range<usize>| Span { file: header.file, range: r.clone() };
    let mut calc = Calculator {
        id,
        intro: String::new(),
        inputs: Vec::new(),
        outputs: Vec::new(),
        formulas: Vec::new(),
        initial: Vec::new(),
    };
    let mut intro = Vec::new();
    let mut section: Option<bool> = None; // Some(true): inputs, Some(false): results
    let mut pending_outputs = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let end = block_end(body, i);
        let block = &body[i..=end];
        match (&body[i].0, section) {
            (Event::Start(Tag::Heading { .. }), _) => {
                let name = inline_text(block).to_lowercase();
                section = match name.trim_end_matches(':') {
                    "indata" | "inputs" | "värden" => Some(true),
                    "resultat" | "results" => Some(false),
                    other => {
                        diags.push(Diagnostic::error(
                            M::CalculatorSection { name: other.to_owned() },
                            Some(at(&body[i].1)),
                        ));
                        None
                    }
                };
            }
            (Event::Start(Tag::List(_)), Some(inputs)) => {
                let mut j = i + 1;
                while j < end {
                    let e = block_end(body, j);
                    if matches!(body[j].0, Event::Start(Tag::Item)) {
                        let item = &body[j + 1..e];
                        let span = at(&body[j].1);
                        if inputs {
                            if let Some(input) = input(item, &span, diags) {
                                calc.inputs.push(input);
                            }
                        } else if let Some(o) = output(item, &span, diags) {
                            pending_outputs.push(o);
                        }
                    }
                    j = e + 1;
                }
            }
            (_, None) => intro.extend_from_slice(block),
            _ => diags.push(Diagnostic::error(M::CalculatorListOnly, Some(at(&body[i].1)))),
        }
        i = end + 1;
    }
    calc.intro = render(&intro);
    let names: Vec<String> = calc.inputs.iter().map(|i| i.name.clone()).collect();
    for (out, expr, decimals, span) in pending_outputs {
        match postfix(&expr, &names) {
            Ok(rpn) => calc.formulas.push(Formula { name: out.name.clone(), rpn, decimals }),
            Err(why) => diags.push(Diagnostic::error(why.message(&expr, &names), Some(span))),
        }
        calc.outputs.push(out);
    }
    let defaults: Vec<(&str, f64)> =
        calc.inputs.iter().map(|i| (i.name.as_str(), i.value.parse().unwrap_or(0.0))).collect();
    calc.initial = calc
        .formulas
        .iter()
        .map(|f| match evaluate(f, &defaults) {
            Some(v) => format_number(v, f.decimals, language),
            None => "–".into(),
        })
        .collect();
    if calc.inputs.is_empty() || calc.outputs.is_empty() {
        diags.push(Diagnostic::error(M::CalculatorEmpty, Some(header.clone())));
    }
    calc
}

/// `` `name` Label: 6 veckor (1–52) ``
fn input(item: &[Ev<'_>], span: &Span, diags: &mut Diagnostics) -> Option<Input> {
    let name = item
        .iter()
        .find_map(|(e, _)| if let Event::Code(c) = e { Some(c.to_string()) } else { None });
    let text = inline_text(item);
    let rest = name.as_ref().and_then(|n| text.split_once(n.as_str())).map(|(_, r)| r.trim());
    let (Some(name), Some((label, value))) = (name, rest.and_then(|r| r.rsplit_once(':'))) else {
        diags.push(Diagnostic::error(M::InputUnreadable, Some(span.clone())));
        return None;
    };
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        || name.starts_with(|c: char| c.is_ascii_digit())
    {
        diags.push(Diagnostic::error(M::InputName { name: name.clone() }, Some(span.clone())));
    }
    let (value, range) = match value.split_once('(') {
        Some((v, r)) => (v.trim(), Some(r.trim_end_matches(')'))),
        None => (value.trim(), None),
    };
    let number_end = value
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.' || c == ' ' || c == '-'))
        .unwrap_or(value.len());
    let default = value[..number_end].replace([' ', '\u{a0}'], "").replace(',', ".");
    if default.parse::<f64>().is_err() {
        diags.push(Diagnostic::error(
            M::InputNoNumber { value: value.to_owned() },
            Some(span.clone()),
        ));
        return None;
    }
    let (min, max) = match range.map(|r| r.split_once(['–', '-']).unwrap_or((r, ""))) {
        Some((a, b)) => (number(a), number(b)),
        None => (None, None),
    };
    Some(Input {
        name,
        label: label.trim().to_owned(),
        value: default,
        unit: value[number_end..].trim().to_owned(),
        min,
        max,
    })
}

fn number(text: &str) -> Option<String> {
    let t = text.trim().replace([' ', '\u{a0}'], "").replace(',', ".");
    t.parse::<f64>().ok().map(|_| t)
}

/// `Label: `expression` unit (1 decimal)`
fn output(
    item: &[Ev<'_>],
    span: &Span,
    diags: &mut Diagnostics,
) -> Option<(Output, String, u32, Span)> {
    let code = item.iter().position(|(e, _)| matches!(e, Event::Code(_)));
    let Some(code) = code else {
        diags.push(Diagnostic::error(M::ResultNoFormula, Some(span.clone())));
        return None;
    };
    let Event::Code(expr) = &item[code].0 else { unreachable!() };
    let label = inline_text(&item[..code]).trim().trim_end_matches(':').trim().to_owned();
    let after = inline_text(&item[code + 1..]);
    let (unit, decimals) = match after.split_once('(') {
        Some((u, d)) => {
            let n = d.trim_end_matches(')').split_whitespace().next().and_then(|n| n.parse().ok());
            (u.trim().to_owned(), n.unwrap_or(0))
        }
        None => (after.trim().to_owned(), 0),
    };
    let name = crate::source::names::slug(&label, 6);
    let span = Span { file: span.file, range: item[code].1.clone() };
    Some((Output { name, label, unit }, expr.to_string(), decimals.min(6), span))
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(String),
    Name(String),
    Op(char),
    Open,
    Close,
}

/// Why a formula cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// A character no formula has.
    Character(char),
    /// Tokens after a whole formula.
    LeftOver,
    /// Nested deeper than [`MAX_NESTING`].
    TooDeep,
    /// A number too long to use.
    Number(String),
    /// A name that is not an input.
    UnknownName(String),
    /// `(` without `)`.
    Unclosed,
    /// `)` without `(`.
    StrayClose,
    /// An operator without a number before it.
    Operator(char),
    /// The formula stops halfway.
    Ends,
}

impl Why {
    /// The author's message for `formula` (whose inputs are `names`).
    pub fn message(self, formula: &str, names: &[String]) -> M {
        let formula = formula.to_owned();
        match self {
            Why::Character(c) => M::FormulaCharacter { formula, character: c.to_string() },
            Why::LeftOver => M::FormulaLeftOver { formula },
            Why::TooDeep => M::FormulaTooDeep { formula, max: MAX_NESTING.to_string() },
            Why::Number(number) => M::FormulaNumber { formula, number },
            Why::UnknownName(name) => {
                M::FormulaUnknownName { formula, name, names: names.join(", ") }
            }
            Why::Unclosed => M::FormulaUnclosed { formula },
            Why::StrayClose => M::FormulaStrayClose { formula },
            Why::Operator(op) => M::FormulaOperator { formula, operator: op.to_string() },
            Why::Ends => M::FormulaEnds { formula },
        }
    }
}

fn tokens(expr: &str) -> Result<Vec<Token>, Why> {
    let mut out = Vec::new();
    let chars: Vec<char> = expr.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\u{a0}' => {}
            '+' | '*' | '/' => out.push(Token::Op(c)),
            '-' | '−' => out.push(Token::Op('-')),
            '×' | '·' => out.push(Token::Op('*')),
            '(' => out.push(Token::Open),
            ')' => out.push(Token::Close),
            c if c.is_ascii_digit() => {
                let start = i;
                while i + 1 < chars.len()
                    && (chars[i + 1].is_ascii_digit() || chars[i + 1] == '.' || chars[i + 1] == ',')
                {
                    i += 1;
                }
                out.push(Token::Number(
                    chars[start..=i].iter().collect::<String>().replace(',', "."),
                ));
            }
            c if c.is_alphabetic() || c == '_' => {
                let start = i;
                while i + 1 < chars.len() && (chars[i + 1].is_alphanumeric() || chars[i + 1] == '_')
                {
                    i += 1;
                }
                out.push(Token::Name(chars[start..=i].iter().collect()));
            }
            other => return Err(Why::Character(other)),
        }
        i += 1;
    }
    Ok(out)
}

/// Parses `expr` (names must be among `names`) into the player's postfix
/// form.
pub fn postfix(expr: &str, names: &[String]) -> Result<Vec<String>, Why> {
    let tokens = tokens(expr)?;
    let mut parser = Parser { tokens, at: 0, out: Vec::new(), names, depth: 0 };
    parser.sum()?;
    if parser.at < parser.tokens.len() {
        return Err(Why::LeftOver);
    }
    Ok(parser.out)
}

struct Parser<'a> {
    tokens: Vec<Token>,
    at: usize,
    out: Vec<String>,
    names: &'a [String],
    /// Brackets and minus signs open around the current token.
    depth: usize,
}

/// How deep brackets and minus signs may nest. Real formulas need a few;
/// the limit keeps a hostile one from overflowing the stack.
pub const MAX_NESTING: usize = 32;

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn sum(&mut self) -> Result<(), Why> {
        self.product()?;
        while let Some(Token::Op(op @ ('+' | '-'))) = self.peek().cloned() {
            self.at += 1;
            self.product()?;
            self.out.push(op.to_string());
        }
        Ok(())
    }

    fn product(&mut self) -> Result<(), Why> {
        self.unary()?;
        while let Some(Token::Op(op @ ('*' | '/'))) = self.peek().cloned() {
            self.at += 1;
            self.unary()?;
            self.out.push(op.to_string());
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<(), Why> {
        if self.depth >= MAX_NESTING {
            return Err(Why::TooDeep);
        }
        self.depth += 1;
        let result = self.operand();
        self.depth -= 1;
        result
    }

    fn operand(&mut self) -> Result<(), Why> {
        match self.peek().cloned() {
            Some(Token::Op('-')) => {
                self.at += 1;
                self.unary()?;
                self.out.push("~".into());
                Ok(())
            }
            Some(Token::Number(n)) => {
                self.at += 1;
                let (whole, frac) = n.split_once('.').unwrap_or((&n, ""));
                let mantissa: i64 =
                    format!("{whole}{frac}").parse().map_err(|_| Why::Number(n.clone()))?;
                self.out.push(format!("#{mantissa}/{}", frac.len()));
                Ok(())
            }
            Some(Token::Name(name)) => {
                self.at += 1;
                if !self.names.contains(&name) {
                    return Err(Why::UnknownName(name));
                }
                self.out.push(name);
                Ok(())
            }
            Some(Token::Open) => {
                self.at += 1;
                self.sum()?;
                if self.peek() != Some(&Token::Close) {
                    return Err(Why::Unclosed);
                }
                self.at += 1;
                Ok(())
            }
            Some(Token::Close) => Err(Why::StrayClose),
            Some(Token::Op(op)) => Err(Why::Operator(op)),
            None => Err(Why::Ends),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_postfix() {
        let names: Vec<String> = ["a", "b", "timpris"].iter().map(|s| s.to_string()).collect();
        assert_eq!(postfix("a + b * 2", &names).unwrap(), ["a", "b", "#2/0", "*", "+"]);
        assert_eq!(
            postfix("(a - b) × timpris / 1,5", &names).unwrap(),
            ["a", "b", "-", "timpris", "*", "#15/1", "/"]
        );
        assert_eq!(postfix("-a", &names).unwrap(), ["a", "~"]);
        assert_eq!(postfix("a +", &names), Err(Why::Ends));
        assert_eq!(postfix("a + c", &names), Err(Why::UnknownName("c".into())));
        assert_eq!(postfix("(a", &names), Err(Why::Unclosed));
        assert_eq!(postfix("a b", &names), Err(Why::LeftOver));
        assert_eq!(postfix("a % b", &names), Err(Why::Character('%')));
    }
}
