//! The web target: a folder that runs from a double-clicked `index.html`.

use std::path::PathBuf;

use anyhow::{Context, Result};

use super::{BuildContext, Output, package, page, shared_files};
use crate::player_assets;

/// A folder (and a zip of it) that runs from a double-clicked
/// `index.html`: no LMS, no server, no network. `file://` forbids `fetch`,
/// so the wasm comes base64-encoded in a classic script, and the course
/// data is already inline in the page.
pub struct Web;

impl Output for Web {
    fn name(&self) -> &'static str {
        "web"
    }

    fn write(&self, ctx: &BuildContext<'_>) -> Result<Vec<PathBuf>> {
        use base64::Engine;
        let mut entries = shared_files(ctx, ctx.course)?;
        entries.retain(|(name, _)| !name.ends_with(".wasm"));
        entries.push(page(ctx, ctx.course, "index.html", "web")?);
        let wasm = base64::engine::general_purpose::STANDARD.encode(player_assets::PLAYER_WASM);
        entries.push((
            "player/kursverk-wasm.js".into(),
            format!("window.KURSVERK_WASM = \"{wasm}\";\n").into_bytes(),
        ));
        let name = format!("{}-web", ctx.course.player.id);
        let dir = ctx.out_dir.join(&name);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).with_context(|| format!("clearing {}", dir.display()))?;
        }
        for (path, bytes) in &entries {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().expect("entries are inside the folder"))?;
            std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        }
        let zip = ctx.out_dir.join(format!("{name}.zip"));
        let prefixed = entries.into_iter().map(|(p, b)| (format!("{name}/{p}"), b)).collect();
        std::fs::write(&zip, package::zip(prefixed)?)
            .with_context(|| format!("writing {}", zip.display()))?;
        Ok(vec![dir, zip])
    }
}
