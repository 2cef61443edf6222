//! Reading a stranger's zip without trusting it.
//!
//! The central directory says what is in the zip: names, sizes, methods.
//! Nothing here extracts anything to disk, and only the few entries the
//! checks need (the manifest, scripts next to a `.wasm` file) are
//! decompressed, each through a cap, so a zip bomb or an entry that lies
//! about its size costs at most the cap. Entry names are checked the way
//! an LMS's unzip would meet them: `..` and absolute paths (refused, or
//! written outside the package folder), `\` (a Windows separator, which a
//! Linux server keeps as part of the name), two entries with one name, and
//! names that differ only in case (one replaces the other on a
//! case-insensitive file system).

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use zip::{CompressionMethod, ZipArchive};

use super::findings::{Finding, FindingKind, UnsafeName};

/// One entry of the zip, as its central directory describes it.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The name as stored (`/`-separated).
    pub(crate) name: String,
    /// Uncompressed size, as the zip claims it.
    pub(crate) size: u64,
    /// Whether the entry is a folder.
    pub(crate) is_dir: bool,
    /// Why an LMS (and this reader) cannot unpack it, if so.
    problem: Option<Problem>,
    index: usize,
}

#[cfg(test)]
impl Entry {
    /// An entry with only a name, for tests of lookups.
    pub(crate) fn test(name: &str) -> Entry {
        Entry {
            name: name.to_owned(),
            size: 0,
            is_dir: name.ends_with('/'),
            problem: None,
            index: 0,
        }
    }
}

#[derive(Debug, Clone)]
enum Problem {
    Encrypted,
    Method(String),
    Damaged,
}

/// An opened zip.
pub(crate) struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Every entry, in the zip's order.
    pub(crate) entries: Vec<Entry>,
}

/// Why an entry could not be read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Larger than the cap.
    TooLarge,
    /// Encrypted, an unknown compression method, or damaged.
    Failed,
}

impl<'a> Archive<'a> {
    /// Opens `bytes` as a zip, or says why it is not one.
    pub(crate) fn open(bytes: &'a [u8]) -> Result<Archive<'a>, String> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
        let mut entries = Vec::with_capacity(zip.len());
        for index in 0..zip.len() {
            let entry = match zip.by_index_raw(index) {
                Ok(f) => {
                    let name = match f.name() {
                        Ok(n) => n.into_owned(),
                        Err(_) => String::from_utf8_lossy(f.name_raw()).into_owned(),
                    };
                    let problem = if f.encrypted() {
                        Some(Problem::Encrypted)
                    } else if matches!(
                        f.compression(),
                        CompressionMethod::Stored | CompressionMethod::Deflated
                    ) {
                        None
                    } else {
                        Some(Problem::Method(format!("{:?}", f.compression())))
                    };
                    Entry { name, size: f.size(), is_dir: f.is_dir(), problem, index }
                }
                Err(_) => Entry {
                    name: String::new(),
                    size: 0,
                    is_dir: false,
                    problem: Some(Problem::Damaged),
                    index,
                },
            };
            entries.push(entry);
        }
        Ok(Archive { zip, entries })
    }

    /// Decompresses `entry`, reading at most `cap` bytes.
    pub(crate) fn read(&mut self, entry: &Entry, cap: u64) -> Result<Vec<u8>, ReadError> {
        if entry.problem.is_some() {
            return Err(ReadError::Failed);
        }
        let file = self.zip.by_index(entry.index).map_err(|_| ReadError::Failed)?;
        let mut bytes = Vec::new();
        file.take(cap.saturating_add(1)).read_to_end(&mut bytes).map_err(|_| ReadError::Failed)?;
        if bytes.len() as u64 > cap {
            return Err(ReadError::TooLarge);
        }
        Ok(bytes)
    }

    /// What the zip's structure and names say, before any manifest is
    /// read: unsafe names, duplicates, names that differ only in case,
    /// entries an LMS cannot unpack.
    pub(crate) fn name_findings(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        if self.zip.has_duplicate_names() {
            out.push(Finding::new(FindingKind::DuplicateEntries));
        }
        let mut by_lower: BTreeMap<String, &str> = BTreeMap::new();
        for e in &self.entries {
            if let Some(reason) = unsafe_name(&e.name) {
                out.push(Finding::new(FindingKind::UnsafeEntryName { reason }).file(&e.name));
            }
            let name = e.name.trim_end_matches('/');
            match by_lower.get(name.to_lowercase().as_str()) {
                Some(first) if *first != name => out.push(
                    Finding::new(FindingKind::CaseCollision { other: (*first).to_owned() })
                        .file(&e.name),
                ),
                Some(_) => {}
                None => {
                    by_lower.insert(name.to_lowercase(), name);
                }
            }
            match &e.problem {
                None => {}
                Some(Problem::Encrypted) => {
                    out.push(Finding::new(FindingKind::EncryptedEntry).file(&e.name));
                }
                Some(Problem::Method(method)) => out.push(
                    Finding::new(FindingKind::UnreadableEntry { method: method.clone() })
                        .file(&e.name),
                ),
                Some(Problem::Damaged) => out.push(
                    Finding::new(FindingKind::UnreadableEntry { method: String::new() })
                        .file(&e.name),
                ),
            }
        }
        out
    }
}

/// Why an entry's name is unsafe to unpack, if it is.
pub(crate) fn unsafe_name(name: &str) -> Option<UnsafeName> {
    if name.contains('\\') {
        return Some(UnsafeName::Backslash);
    }
    let drive =
        name.len() >= 2 && name.as_bytes()[1] == b':' && name.as_bytes()[0].is_ascii_alphabetic();
    if name.starts_with('/') || drive {
        return Some(UnsafeName::Absolute);
    }
    if name.split('/').any(|part| part == "..") {
        return Some(UnsafeName::ParentFolder);
    }
    if name.chars().any(|c| c.is_control()) {
        return Some(UnsafeName::ControlCharacter);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_escape_or_confuse_the_folder() {
        assert_eq!(unsafe_name("../x.html"), Some(UnsafeName::ParentFolder));
        assert_eq!(unsafe_name("a/../../x"), Some(UnsafeName::ParentFolder));
        assert_eq!(unsafe_name("/etc/x"), Some(UnsafeName::Absolute));
        assert_eq!(unsafe_name("C:/x"), Some(UnsafeName::Absolute));
        assert_eq!(unsafe_name("media\\x.png"), Some(UnsafeName::Backslash));
        assert_eq!(unsafe_name("a\u{1}b"), Some(UnsafeName::ControlCharacter));
        assert_eq!(unsafe_name("media/x..y.png"), None);
        assert_eq!(unsafe_name("index.html"), None);
    }

    #[test]
    fn garbage_is_not_a_zip() {
        assert!(Archive::open(b"not a zip").is_err());
        assert!(Archive::open(b"").is_err());
    }
}
