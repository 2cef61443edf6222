//! Zip files that are byte-identical for the same input.
//!
//! Entries are sorted, every timestamp is the zip epoch (1980-01-01) and
//! every permission is 0644, so two builds of the same course give the same
//! bytes: LMS administrators can tell a changed package from a rebuilt one,
//! and tests can compare hashes.

use std::io::{Cursor, Write};

use anyhow::Result;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// A file for a package: its path inside the package and its bytes.
pub type Entry = (String, Vec<u8>);

/// Zips `entries` deterministically.
pub fn zip(mut entries: Vec<Entry>) -> Result<Vec<u8>> {
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.dedup_by(|a, b| a.0 == b.0);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for (name, bytes) in &entries {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}
