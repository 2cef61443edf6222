//! Names and text from the author that must be made safe before they go
//! anywhere: package paths for images, link targets, invisible control
//! characters, and ASCII ids.

use kursverk_player::core::text::fnv1a;

/// The package path an image is copied to: `media/` plus its path in the
/// course folder, made ASCII (LMSs and zip tools mangle other names).
///
/// Names that are already plain (lowercase ASCII letters, digits, `-`, `_`)
/// stay as they are. Any other name gets a readable ASCII form plus eight
/// hex digits of a hash of the name as written, so two different names
/// never become one (`min bild.svg` and `min-bild.svg`, `år` and `ar`,
/// `Ω.svg` and `日本.svg`), and a name always becomes the same one.
pub fn media_target(dest: &str) -> String {
    let parts: Vec<String> = dest
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .map(|p| {
            let (stem, ext) = p.rsplit_once('.').unwrap_or((p, ""));
            let plain = |s: &str| {
                s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
            };
            let stem = if !stem.is_empty() && plain(stem) && plain(ext) {
                stem.to_owned()
            } else {
                let readable = slug(stem, usize::MAX);
                let hash = format!("{:08x}", fnv1a(p.as_bytes()));
                if readable.is_empty() { hash } else { format!("{readable}-{hash}") }
            };
            let ext: String = ext
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            if ext.is_empty() { stem } else { format!("{stem}.{ext}") }
        })
        .collect();
    format!("media/{}", parts.join("/"))
}

/// Whether a link may appear in a page: web, e-mail and phone addresses,
/// and addresses without a scheme (paths and `#fragments`). Anything else —
/// `javascript:`, `data:`, `vbscript:`, `file:` — could run script in the
/// LMS or leave it, and is refused. Browsers ignore whitespace and control
/// characters inside a scheme, so they are ignored here too.
pub fn safe_link(dest: &str) -> bool {
    let plain: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|c| !matches!(c, '/' | '?' | '#'))
        .collect();
    match plain.split_once(':') {
        None => true,
        Some((scheme, _)) => {
            matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https" | "mailto" | "tel")
        }
    }
}

/// A character no page or manifest may hold: control characters other
/// than tab and line breaks, and the non-characters U+FFFE and U+FFFF.
pub fn forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r') && (c as u32) < 0x80)
        || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// A chapter's text with the characters no page or manifest may hold
/// (control characters other than tab and line breaks — Word's Shift+Enter
/// is U+000B — and the non-characters U+FFFE and U+FFFF) replaced by
/// characters of the same length in bytes, so every span still points at
/// the author's text. Returns where the first one was, if any, and how many
/// there were.
pub fn replace_control_chars(text: &mut String) -> Option<(usize, usize)> {
    let bad = forbidden;
    let first = text.find(bad)?;
    let count = text.chars().filter(|c| bad(*c)).count();
    *text = text
        .chars()
        .map(|c| match c {
            c if !bad(c) => c,
            '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
            _ => ' ',
        })
        .collect();
    Some((first, count))
}

/// Whether an image reference is a URL rather than a file in the course.
pub fn is_url(dest: &str) -> bool {
    dest.contains("://") || dest.starts_with("data:") || dest.starts_with("//")
}

/// The media type of an image file a browser shows, by its extension;
/// `None` for anything else.
pub fn image_mime(file: &str) -> Option<&'static str> {
    let (_, ext) = file.rsplit_once('.')?;
    match ext.to_ascii_lowercase().as_str() {
        "svg" => Some("image/svg+xml"),
        "png" => Some("image/png"),
        "jpg" | "jpeg" => Some("image/jpeg"),
        "gif" => Some("image/gif"),
        "webp" => Some("image/webp"),
        _ => None,
    }
}

/// A chapter's ASCII name from its file name (`kapitel/01-Intro.md` →
/// `01-intro`), for SCO file names and ids.
pub fn chapter_slug(file: &str) -> String {
    let stem = file.rsplit('/').next().unwrap_or(file).trim_end_matches(".md");
    slug(stem, usize::MAX)
}

/// An ASCII id from text: lowercase letters and digits joined by `-`, at
/// most `max_words` words.
pub fn slug(text: &str, max_words: usize) -> String {
    let mut out = String::new();
    let mut words = 0;
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            'í' | 'ï' => 'i',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                words += 1;
                if words >= max_words {
                    break;
                }
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    }
    out
}
