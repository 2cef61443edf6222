//! Small text helpers both sides use: filling the player's texts (`Sida
//! {n} av {total}`), escaping HTML, and the one stable hash.
//!
//! Written by hand over `char`s because `str::replace` with a `&str`
//! pattern pulls a substring searcher and its panic formatting into the
//! player — a few kilobytes for something this small.

/// `template` with every `{name}` replaced by its value in `values`;
/// unknown names stay as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template.chars();
    while let Some(c) = rest.next() {
        if c != '{' {
            out.push(c);
            continue;
        }
        let name: String = rest.clone().take_while(|c| *c != '}').collect();
        match values.iter().find(|(n, _)| *n == name) {
            Some((_, value)) if rest.clone().nth(name.chars().count()) == Some('}') => {
                out.push_str(value);
                for _ in 0..=name.chars().count() {
                    rest.next();
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// `text` as a JSON string, quotes included (for the xAPI statements the
/// player writes; the browser's `JSON.stringify` is a round trip away).
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(HEX[(c as usize >> shift) & 15] as char);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON object being written: members in the order they are added (the
/// course data must be byte-identical from one build to the next, and
/// xAPI statements are written the same way).
pub struct JsonObject(String);

impl JsonObject {
    /// An empty object.
    pub fn new() -> JsonObject {
        JsonObject(String::from("{"))
    }

    /// Adds `key` with `value`, which is JSON already.
    pub fn member(&mut self, key: &str, value: &str) -> &mut JsonObject {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        self.0.push_str(&json_string(key));
        self.0.push(':');
        self.0.push_str(value);
        self
    }

    /// Adds a string member.
    pub fn str(&mut self, key: &str, value: &str) -> &mut JsonObject {
        self.member(key, &json_string(value))
    }

    /// Adds a number member.
    pub fn num(&mut self, key: &str, value: impl core::fmt::Display) -> &mut JsonObject {
        self.member(key, &value.to_string())
    }

    /// Adds a boolean member.
    pub fn flag(&mut self, key: &str, value: bool) -> &mut JsonObject {
        self.member(key, if value { "true" } else { "false" })
    }

    /// Adds an array member, each item written by `item`.
    pub fn list<T>(
        &mut self,
        key: &str,
        items: &[T],
        item: impl Fn(&T) -> String,
    ) -> &mut JsonObject {
        let items: Vec<String> = items.iter().map(item).collect();
        self.member(key, &format!("[{}]", items.join(",")))
    }

    /// The finished object.
    pub fn end(&mut self) -> String {
        let mut out = core::mem::take(&mut self.0);
        out.push('}');
        out
    }
}

impl Default for JsonObject {
    fn default() -> Self {
        JsonObject::new()
    }
}

/// `text` with `&`, `<` and `>` escaped, for HTML text content.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// 32-bit FNV-1a: a hash that is the same in every build, on every machine
/// and in the browser (unlike std's), for the suspend-data keys, stable
/// shuffles and media names.
pub fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193))
}

/// Replaces every `from` (one character after `%`, as in `%2C`) — the
/// decoding of `suspend`'s escapes.
pub fn unescape(text: &str, pairs: &[(&str, char)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text.chars();
    while let Some(c) = rest.next() {
        if c == '%' {
            let code: String = rest.clone().take(2).collect();
            if let Some((_, to)) = pairs.iter().find(|(from, _)| *from == code) {
                out.push(*to);
                rest.next();
                rest.next();
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders() {
        assert_eq!(fill("Sida {n} av {total}", &[("n", "3"), ("total", "12")]), "Sida 3 av 12");
        assert_eq!(
            fill("{item}: plats {n}", &[("item", "Ett {n}"), ("n", "2")]),
            "Ett {n}: plats 2"
        );
        assert_eq!(fill("{okänd} och {n", &[("n", "1")]), "{okänd} och {n");
        assert_eq!(fill("åäö {n}", &[("n", "ö")]), "åäö ö");
    }

    #[test]
    fn unescapes() {
        let pairs = [("2C", ','), ("7E", '~'), ("25", '%')];
        assert_eq!(unescape("a%2Cb%7Ec%25d%2", &pairs), "a,b~c%d%2");
        assert_eq!(unescape("%252C", &pairs), "%2C");
    }
}
