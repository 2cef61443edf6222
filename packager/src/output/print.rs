//! The print target: a facilitator guide or companion booklet.

use anyhow::{Context, Result};

use super::{Artifact, BuildContext, Output};

/// A printable guide: one self-contained HTML file with a print
/// stylesheet (images inlined), ready to print to PDF from any browser.
pub struct Print;

impl Output for Print {
    fn name(&self) -> &'static str {
        "print"
    }

    fn make(&self, ctx: &BuildContext<'_>) -> Result<Vec<Artifact>> {
        use base64::Engine;
        let mut html = ctx.renderer.print(ctx.course)?;
        for m in &ctx.course.media {
            let bytes = ctx
                .files
                .read(&m.source)
                .with_context(|| format!("reading {}", m.source.display()))?;
            let mime =
                crate::source::names::image_mime(&m.target).unwrap_or("application/octet-stream");
            let data = base64::engine::general_purpose::STANDARD.encode(bytes);
            html = html.replace(
                &format!("src=\"{}\"", m.target),
                &format!("src=\"data:{mime};base64,{data}\""),
            );
        }
        let name = format!("{}-print.html", ctx.course.player.id);
        Ok(vec![Artifact::File { name, bytes: html.into_bytes() }])
    }
}
