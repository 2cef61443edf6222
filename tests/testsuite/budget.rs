//! The player's size budget: every learner downloads the player, often on
//! a slow link inside an LMS, so its wasm and JavaScript together stay
//! within budget, gzipped. This fails the build the day they do not.
//!
//! There are two builds of the player. The SCORM one, in every SCORM
//! package and plain web build, has the guide's 50 KB. The xAPI one (cmi5
//! packages, web builds with `[xapi]`) has no SCORM API but the xAPI
//! tracking and its transport script; it has 58 KB, and SCORM packages
//! never carry it (`cmi5.rs` checks).

use std::io::Write;

use kursverk::player_assets::{PLAYER_WASM, PLAYER_XAPI_WASM, player_js, player_xapi_js};

/// The SCORM player's budget: 50 KB, wasm + js, each gzipped at the best level.
const BUDGET: usize = 50 * 1024;

/// The xAPI player's budget.
const BUDGET_XAPI: usize = 58 * 1024;

fn gzipped(bytes: &[u8]) -> usize {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap().len()
}

fn check(name: &str, wasm: &[u8], js: &str, budget: usize) {
    assert!(!wasm.is_empty(), "this test binary has no player (embed-player is off)");
    let (wasm, js) = (gzipped(wasm), gzipped(js.as_bytes()));
    println!("{name}: wasm {wasm} + js {js} = {} bytes gzipped (budget {budget})", wasm + js);
    assert!(
        wasm + js <= budget,
        "the {name} is {} bytes gzipped (wasm {wasm}, js {js}); the budget is {budget}",
        wasm + js
    );
}

#[test]
fn the_player_fits_its_size_budget() {
    check("player", PLAYER_WASM, &player_js(), BUDGET);
}

#[test]
fn the_xapi_player_fits_its_size_budget() {
    check("xAPI player", PLAYER_XAPI_WASM, &player_xapi_js(), BUDGET_XAPI);
}
