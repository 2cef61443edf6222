//! The player's size budget: every learner downloads the player, often on
//! a slow link inside an LMS, so its wasm and JavaScript together stay
//! within 50 KB gzipped. This fails the build the day they do not.

use std::io::Write;

use kursverk::player_assets::{PLAYER_WASM, player_js};

/// The budget: 50 KB, wasm + js, each gzipped at the best level.
const BUDGET: usize = 50 * 1024;

fn gzipped(bytes: &[u8]) -> usize {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap().len()
}

#[test]
fn the_player_fits_its_size_budget() {
    assert!(!PLAYER_WASM.is_empty(), "this test binary has no player (embed-player is off)");
    let wasm = gzipped(PLAYER_WASM);
    let js = gzipped(player_js().as_bytes());
    println!("player: wasm {wasm} + js {js} = {} bytes gzipped (budget {BUDGET})", wasm + js);
    assert!(
        wasm + js <= BUDGET,
        "the player is {} bytes gzipped (wasm {wasm}, js {js}); the budget is {BUDGET}",
        wasm + js
    );
}
