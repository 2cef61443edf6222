//! The browser side: finds the LMS, wires the page to [`crate::core`], and
//! saves on the way out.
//!
//! The page is already readable before this runs: the packager renders all
//! text to HTML and this layer only shows one page at a time, handles the
//! forms and talks to the LMS. It holds one [`app::App`] in a thread-local
//! (the browser's main thread is the only thread) and routes every event
//! through it.

mod app;
mod data;
mod dom;
mod forms;
#[cfg(not(feature = "xapi"))]
mod lms;
#[cfg(feature = "xapi")]
#[path = "no_lms.rs"]
mod lms;
#[cfg(feature = "xapi")]
mod xapi;

use wasm_bindgen::prelude::*;

// dlmalloc, Rust's default on wasm32, is about 7 KB of the player; a free
// list is enough for a page that allocates a few strings per click.
// SAFETY: wasm32-unknown-unknown without threads has a single thread.
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// Entry point, run by wasm-bindgen once the module is instantiated.
#[wasm_bindgen(start)]
pub(crate) fn start() {
    if let Err(e) = app::App::start() {
        web_sys::console::error_2(&"kursverk: could not start the player:".into(), &e);
    }
}
