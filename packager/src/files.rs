//! Where the author's files come from: the disk for the command line, and
//! memory for a Studio that runs in a browser (a folder the author opened,
//! read into a map). Loading and the outputs read every file through
//! [`Files`], so the same code checks and builds a course in both.

use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Reading the author's files.
pub trait Files: Send + Sync {
    /// The file's bytes.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// The file's size, without reading it (`None` when it is no file).
    fn size(&self, path: &Path) -> Option<u64>;
    /// Whether a file is there.
    fn is_file(&self, path: &Path) -> bool {
        self.size(path).is_some()
    }
    /// The names in a folder, each with whether it is a file, sorted.
    fn names(&self, dir: &Path) -> io::Result<Vec<(String, bool)>>;
    /// Where a path really leads (links followed), to hold files inside
    /// the course folder.
    fn real(&self, path: &Path) -> io::Result<PathBuf>;
}

/// The files on disk.
#[derive(Debug, Clone, Copy, Default)]
pub struct Disk;

impl Files for Disk {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn size(&self, path: &Path) -> Option<u64> {
        std::fs::metadata(path).ok().filter(|m| m.is_file()).map(|m| m.len())
    }

    fn names(&self, dir: &Path) -> io::Result<Vec<(String, bool)>> {
        let mut names: Vec<(String, bool)> = std::fs::read_dir(dir)?
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                Some((name, e.path().is_file()))
            })
            .collect();
        names.sort();
        Ok(names)
    }

    fn real(&self, path: &Path) -> io::Result<PathBuf> {
        path.canonicalize()
    }
}

/// Files held in memory, by path (`kurs/kap.md`, `kurs/bilder/a.svg`).
/// There are no links in memory: a path's real form is the path with `.`
/// and `..` worked out.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl Memory {
    /// No files.
    pub fn new() -> Memory {
        Memory::default()
    }

    /// Adds (or replaces) a file.
    pub fn insert(&mut self, path: impl AsRef<Path>, bytes: Vec<u8>) {
        self.files.insert(normal(path.as_ref()), bytes);
    }

    /// Every file under `dir`, by its path inside it (`/` between
    /// folders), in order.
    pub fn entries(&self, dir: &Path) -> Vec<(String, Vec<u8>)> {
        let dir = normal(dir);
        self.files
            .iter()
            .filter_map(|(p, b)| {
                let rel = p.strip_prefix(&dir).ok()?;
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                Some((parts.join("/"), b.clone()))
            })
            .collect()
    }

    fn is_dir(&self, dir: &Path) -> bool {
        dir.as_os_str().is_empty() || self.files.keys().any(|p| p.starts_with(dir) && p != dir)
    }
}

impl Files for Memory {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.files.get(&normal(path)).cloned().ok_or_else(|| io::ErrorKind::NotFound.into())
    }

    fn size(&self, path: &Path) -> Option<u64> {
        self.files.get(&normal(path)).map(|b| b.len() as u64)
    }

    fn names(&self, dir: &Path) -> io::Result<Vec<(String, bool)>> {
        let dir = normal(dir);
        if !self.is_dir(&dir) {
            return Err(io::ErrorKind::NotFound.into());
        }
        let mut names: Vec<(String, bool)> = Vec::new();
        for path in self.files.keys() {
            let Ok(rest) = path.strip_prefix(&dir) else { continue };
            let mut parts = rest.components();
            let Some(first) = parts.next() else { continue };
            let entry = (first.as_os_str().to_string_lossy().into_owned(), parts.next().is_none());
            if !names.contains(&entry) {
                names.push(entry);
            }
        }
        names.sort();
        Ok(names)
    }

    fn real(&self, path: &Path) -> io::Result<PathBuf> {
        let path = normal(path);
        if self.files.contains_key(&path) || self.is_dir(&path) {
            Ok(path)
        } else {
            Err(io::ErrorKind::NotFound.into())
        }
    }
}

/// `a/./b/../c` → `a/c` (lexically; memory has no links).
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_lists_reads_and_resolves() {
        let mut m = Memory::new();
        m.insert("kurs/course.toml", b"id".to_vec());
        m.insert("kurs/bilder/a.svg", b"<svg/>".to_vec());
        assert_eq!(m.read(Path::new("kurs/./bilder/../course.toml")).unwrap(), b"id");
        assert_eq!(
            m.names(Path::new("kurs")).unwrap(),
            [("bilder".to_owned(), false), ("course.toml".to_owned(), true)]
        );
        assert!(m.is_file(Path::new("kurs/bilder/a.svg")));
        assert!(!m.is_file(Path::new("kurs/bilder")));
        assert_eq!(m.real(Path::new("kurs/bilder/../bilder")).unwrap(), Path::new("kurs/bilder"));
        assert!(m.real(Path::new("kurs/saknas")).is_err());
        assert!(m.names(Path::new("annan")).is_err());
    }
}
