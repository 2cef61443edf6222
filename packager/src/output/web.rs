//! The web target: a folder that runs from a double-clicked `index.html`.

use anyhow::Result;

use super::{Artifact, BuildContext, Output, package, page, shared_files};
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

    fn make(&self, ctx: &BuildContext<'_>) -> Result<Vec<Artifact>> {
        use base64::Engine;
        // A course that reports to an LRS gets the player with xAPI.
        let xapi = ctx.course.lrs.is_some();
        let mut entries = shared_files(ctx, ctx.course, xapi)?;
        entries.retain(|(name, _)| !name.ends_with(".wasm"));
        entries.push(page(ctx, ctx.course, "index.html", "web")?);
        let wasm = player_assets::player(xapi).1;
        let wasm = base64::engine::general_purpose::STANDARD.encode(wasm);
        entries.push((
            "player/kursverk-wasm.js".into(),
            format!("window.KURSVERK_WASM = \"{wasm}\";\n").into_bytes(),
        ));
        let name = format!("{}-web", ctx.course.player.id);
        let prefixed = entries.iter().map(|(p, b)| (format!("{name}/{p}"), b.clone())).collect();
        let zip = Artifact::File { name: format!("{name}.zip"), bytes: package::zip(prefixed)? };
        Ok(vec![Artifact::Folder { name, files: entries }, zip])
    }
}
