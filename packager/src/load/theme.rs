//! The organisation's look: `[theme]` in `course.toml`, and a shared theme
//! folder it may name (its own `theme.toml`, logo and `templates/`), so an
//! agency publishes every course in its look without forking Kursverk.
//!
//! Everything is checked here, at build time: the accent colour must keep
//! WCAG AA contrast where the player uses it (links on white and on the
//! soft grey, white text on buttons), a font stack may not contain what
//! would end its CSS declaration, the logo is an image in the course or
//! theme folder with a text, and a template must replace a partial that
//! exists and compile.

use std::path::{Path, PathBuf};

use super::Loader;
use super::files::{Unreadable, read_text};
use crate::diagnostics::{Diagnostic, FileId, M, Span};
use crate::model::{Media, Theme};
use crate::render::PARTIALS;
use crate::source::config::ThemeToml;
use crate::source::names;
use kursverk_player::model::Language;

/// The backgrounds the accent colour is used on (paper, soft grey) and as
/// (buttons with white text): each pair must reach 4.5:1 (WCAG 1.4.3).
/// The backgrounds the accent colour is used on: white (links, and white
/// text on buttons) and the light grey of boxes.
const BACKGROUNDS: [[u8; 3]; 2] = [[255, 255, 255], [243, 245, 247]];

/// WCAG AA for normal text.
const MIN_CONTRAST: f64 = 4.5;

impl Loader {
    /// The course's theme: the theme folder's settings, then the course's
    /// own `[theme]` keys over them, then templates from the theme folder
    /// and the course's `templates/` folder (the course's win).
    pub(super) fn theme(
        &mut self,
        raw: Option<&ThemeToml>,
        file: FileId,
    ) -> (Theme, Option<Media>) {
        let mut theme = Theme::default();
        let mut logo = None;
        let mut template_dirs = Vec::new();
        if let Some(folder) = raw.and_then(|t| t.folder.as_ref()) {
            let dir = self.dir.join(folder.get_ref());
            let span = Span { file, range: folder.span() };
            // A theme folder with problems still lets the course's own
            // keys and templates be checked: every problem at once.
            if let Some((shared_file, shared)) = self.theme_folder(&dir, span) {
                self.apply(&shared, shared_file, &dir, &mut theme, &mut logo);
                template_dirs.push(dir.join("templates"));
            }
        }
        if let Some(own) = raw {
            let dir = self.dir.clone();
            self.apply(own, file, &dir, &mut theme, &mut logo);
        }
        template_dirs.push(self.dir.join("templates"));
        for dir in template_dirs {
            self.templates(&dir, &mut theme);
        }
        (theme, logo)
    }

    /// Reads a theme folder's `theme.toml`.
    fn theme_folder(&mut self, dir: &Path, span: Span) -> Option<(FileId, ThemeToml)> {
        let path = dir.join("theme.toml");
        let text = match read_text(&*self.files, &path) {
            Ok(text) => text,
            Err(Unreadable::NotUtf8) => {
                let name = shown_name(dir, "theme.toml");
                self.diags.push(Diagnostic::error(M::ThemeNotUtf8 { name }, Some(span)));
                return None;
            }
            Err(Unreadable::Io(_)) => {
                let folder = shown_name(dir, "");
                self.diags.push(Diagnostic::error(M::ThemeNoToml { folder }, Some(span)));
                return None;
            }
        };
        let file = self.sources.add(shown_name(dir, "theme.toml"), &path, text.clone());
        match toml::from_str::<ThemeToml>(&text) {
            Ok(t) if t.folder.is_some() => {
                let range = t.folder.as_ref().map(|f| f.span()).unwrap_or_default();
                self.diags.push(Diagnostic::error(M::ThemeNested, Some(Span { file, range })));
                None
            }
            Ok(t) => Some((file, t)),
            Err(e) => {
                let span = e.span().map(|range| Span { file, range });
                self.diags.push(Diagnostic::error(M::ThemeSyntax, span));
                None
            }
        }
    }

    /// Checks `raw`'s keys (paths relative to `dir`) into `theme`.
    fn apply(
        &mut self,
        raw: &ThemeToml,
        file: FileId,
        dir: &Path,
        theme: &mut Theme,
        logo: &mut Option<Media>,
    ) {
        let at = |s: &toml::Spanned<String>| Some(Span { file, range: s.span() });
        if let Some(accent) = &raw.accent {
            match accent_colour(accent.get_ref()) {
                None => self.diags.push(Diagnostic::error(
                    M::AccentNotColour { value: accent.get_ref().clone() },
                    at(accent),
                )),
                Some(rgb) => {
                    // One problem, reported once: where the contrast is worst,
                    // and the nearest darker shade that passes everywhere.
                    let worst = contrasts(rgb).into_iter().min_by(|a, b| a.total_cmp(b));
                    if let Some(ratio) = worst.filter(|r| *r < MIN_CONTRAST) {
                        let ratio = format!("{ratio:.1}");
                        let ratio = if self.language == Language::Sv {
                            ratio.replace('.', ",")
                        } else {
                            ratio
                        };
                        self.diags.push(Diagnostic::error(
                            M::AccentTooLight {
                                value: accent.get_ref().clone(),
                                ratio,
                                darker: hex(darker_until_readable(rgb)),
                            },
                            at(accent),
                        ));
                    }
                    theme.accent = Some(hex(rgb));
                    theme.accent_hover = Some(hex(rgb.map(|c| (f64::from(c) * 0.8).round() as u8)));
                }
            }
        }
        if let Some(font) = &raw.font {
            let bad = font
                .get_ref()
                .chars()
                .find(|c| matches!(c, ';' | '{' | '}' | '<' | '>' | '\\' | '@'));
            match bad {
                Some(c) => self.diags.push(Diagnostic::error(
                    M::FontCharacter { character: c.to_string() },
                    at(font),
                )),
                None if font.get_ref().trim().is_empty() => {}
                None => theme.font = Some(font.get_ref().trim().to_owned()),
            }
        }
        if let Some(path) = &raw.logo {
            let Some(alt) = raw.logo_alt.as_ref().filter(|a| !a.get_ref().trim().is_empty()) else {
                self.diags.push(Diagnostic::error(M::LogoNoText, at(path)));
                return;
            };
            if let Some(source) =
                self.theme_file(dir, path.get_ref(), Span { file, range: path.span() })
            {
                let ext =
                    Path::new(path.get_ref()).extension().and_then(|e| e.to_str()).unwrap_or("");
                let target = format!("media/theme/logo.{}", ext.to_ascii_lowercase());
                theme.logo = Some(target.clone());
                theme.logo_alt = alt.get_ref().trim().to_owned();
                *logo = Some(Media { source, target });
            }
        }
    }

    /// A file named in a theme: it must exist inside `dir` (the course or
    /// the theme folder) and be an image a browser shows.
    fn theme_file(&mut self, dir: &Path, name: &str, span: Span) -> Option<PathBuf> {
        let path = dir.join(name);
        let inside = match (self.files.real(&path), self.files.real(dir)) {
            (Ok(p), Ok(d)) => p.starts_with(d),
            _ => {
                self.diags
                    .push(Diagnostic::error(M::LogoMissing { name: name.to_owned() }, Some(span)));
                return None;
            }
        };
        if !inside {
            self.diags
                .push(Diagnostic::error(M::LogoOutside { name: name.to_owned() }, Some(span)));
            None
        } else if names::image_mime(name).is_none() {
            self.diags
                .push(Diagnostic::error(M::LogoNotImage { name: name.to_owned() }, Some(span)));
            None
        } else {
            Some(path)
        }
    }

    /// Templates in `dir` (`header.html`, …): each must replace a built-in
    /// partial and compile. Later folders win.
    fn templates(&mut self, dir: &Path, theme: &mut Theme) {
        let Ok(entries) = self.files.names(dir) else { return };
        let paths = entries.into_iter().filter(|(_, file)| *file).map(|(n, _)| dir.join(n));
        for path in paths.filter(|p| p.extension().is_some_and(|e| e == "html")) {
            let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            let shown = format!("templates/{name}");
            let text = match read_text(&*self.files, &path) {
                Ok(text) => text,
                Err(why) => {
                    let name = shown.clone();
                    let message = match why {
                        Unreadable::NotUtf8 => M::TemplateNotUtf8 { name },
                        Unreadable::Io(_) => M::TemplateUnreadable { name },
                    };
                    self.diags.push(Diagnostic::error(message, None));
                    continue;
                }
            };
            let file = self.sources.add(shown.clone(), &path, text.clone());
            if !PARTIALS.contains(&name.as_str()) {
                self.diags.push(Diagnostic::error(
                    M::TemplateUnknown { name: shown.clone(), parts: PARTIALS.join(", ") },
                    Some(Span { file, range: 0..0 }),
                ));
                continue;
            }
            if let Err(e) = tera::Tera::default().add_raw_template(&name, &text) {
                let why = std::error::Error::source(&e).map_or(e.to_string(), |s| s.to_string());
                self.diags.push(Diagnostic::error(
                    M::TemplateInvalid {
                        name: shown.clone(),
                        detail: why.lines().next().unwrap_or("").to_owned(),
                    },
                    Some(Span { file, range: 0..0 }),
                ));
                continue;
            }
            theme.templates.retain(|(n, _)| *n != name);
            theme.templates.push((name, text));
        }
    }
}

/// `#rrggbb` or `#rgb` as red, green, blue.
fn accent_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().strip_prefix('#')?;
    let digits: Vec<u8> =
        hex.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect::<Option<_>>()?;
    match digits[..] {
        [r, g, b] => Some([r * 17, g * 17, b * 17]),
        [r1, r2, g1, g2, b1, b2] => Some([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2]),
        _ => None,
    }
}

/// How a theme file is named in messages: its folder's name and the file.
fn shown_name(dir: &Path, file: &str) -> String {
    let folder = dir.file_name().unwrap_or_default().to_string_lossy();
    if file.is_empty() { folder.into_owned() } else { format!("{folder}/{file}") }
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The colour darkened step by step until every contrast passes.
fn darker_until_readable(mut rgb: [u8; 3]) -> [u8; 3] {
    while contrasts(rgb).iter().any(|r| *r < MIN_CONTRAST) {
        rgb = rgb.map(|c| (f64::from(c) * 0.95).floor() as u8);
    }
    rgb
}

/// WCAG 2.1 relative luminance.
fn luminance(rgb: [u8; 3]) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
}

/// WCAG 2.1 contrast ratio.
fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Where the player uses the accent colour, and the contrast there.
fn contrasts(accent: [u8; 3]) -> Vec<f64> {
    BACKGROUNDS.iter().map(|bg| contrast(accent, *bg)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_wcag_s() {
        assert!((contrast([0; 3], [255; 3]) - 21.0).abs() < 1e-9);
        assert!((contrast([255; 3], [255; 3]) - 1.0).abs() < 1e-9);
        // The player's own accent passes; a light blue does not.
        assert!(contrasts(accent_colour("#0b5cad").unwrap()).iter().all(|r| *r >= MIN_CONTRAST));
        assert!(contrasts(accent_colour("#5aa0e6").unwrap()).iter().any(|r| *r < MIN_CONTRAST));
        let fixed = darker_until_readable(accent_colour("#7fb2e5").unwrap());
        assert!(contrasts(fixed).iter().all(|r| *r >= MIN_CONTRAST), "{}", hex(fixed));
    }

    #[test]
    fn colours_are_read_or_refused() {
        assert_eq!(accent_colour("#0B5CAD"), Some([11, 92, 173]));
        assert_eq!(accent_colour("#fff"), Some([255, 255, 255]));
        assert!(accent_colour("0b5cad").is_none());
        assert!(accent_colour("#0b5cag").is_none());
        assert!(accent_colour("#0b5c").is_none());
    }
}
