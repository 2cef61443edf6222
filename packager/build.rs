//! Builds the wasm player and embeds it: `cargo build` of the packager
//! compiles `player/` for `wasm32-unknown-unknown` and runs wasm-bindgen on
//! it (as a library, pinned to the same version as the player's
//! wasm-bindgen), so the `kursverk` binary always carries the player that
//! matches its source, and building a course needs no other tool.
//!
//! The nested cargo uses its own target directory (sharing the outer one
//! would wait forever on cargo's build lock) and a clean environment (the
//! host's RUSTFLAGS and clippy's wrapper must not reach the wasm build).
//! Escape hatches: `KURSVERK_PLAYER_DIR` points at prebuilt
//! `kursverk.js` + `kursverk_bg.wasm`; without the `embed-player` feature
//! no player is built at all.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=../player/src");
    println!("cargo:rerun-if-changed=../player/Cargo.toml");
    println!("cargo:rerun-if-changed=../Cargo.lock");
    println!("cargo:rerun-if-env-changed=KURSVERK_PLAYER_DIR");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let js = out.join("kursverk.js");
    let wasm = out.join("kursverk_bg.wasm");

    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let workspace = manifest_dir.parent().unwrap();
    if env::var_os("CARGO_FEATURE_EMBED_PLAYER").is_none() {
        for file in [
            &js,
            &wasm,
            &out.join("kursverk_xapi.js"),
            &out.join("kursverk_xapi_bg.wasm"),
            &out.join("studio.js"),
            &out.join("studio_bg.wasm"),
        ] {
            fs::write(file, "").unwrap();
        }
        return;
    }
    if let Some(dir) = env::var_os("KURSVERK_PLAYER_DIR") {
        let dir = PathBuf::from(dir);
        fs::copy(dir.join("kursverk.js"), &js).expect("KURSVERK_PLAYER_DIR/kursverk.js");
        fs::copy(dir.join("kursverk_bg.wasm"), &wasm)
            .expect("KURSVERK_PLAYER_DIR/kursverk_bg.wasm");
        for name in ["kursverk_xapi.js", "kursverk_xapi_bg.wasm"] {
            fs::copy(dir.join(name), out.join(name)).expect("KURSVERK_PLAYER_DIR: the xAPI player");
        }
        studio(workspace, &out);
        return;
    }

    // OUT_DIR is <target>/<profile>/build/<pkg>/out.
    let target_dir = out
        .ancestors()
        .nth(4)
        .map(|t| t.join("player-wasm"))
        .unwrap_or_else(|| workspace.join("target/player-wasm"));
    ensure_wasm_target();
    let status = wasm_build(workspace, "kursverk-player", &target_dir)
        .status()
        .expect("could not run cargo to build the player");
    assert!(status.success(), "building the player for wasm32 failed (see the errors above)");
    let input = target_dir.join("wasm32-unknown-unknown/player/kursverk_player.wasm");
    bindgen(&input, &out, "kursverk");
    // The same player with xAPI (cmi5, web with `[xapi]`), in a target
    // directory of its own so neither build undoes the other's.
    let xapi_dir = target_dir.with_file_name("player-xapi-wasm");
    let status = wasm_build(workspace, "kursverk-player", &xapi_dir)
        .args(["--features", "xapi"])
        .status()
        .expect("could not run cargo to build the xAPI player");
    assert!(status.success(), "building the xAPI player for wasm32 failed (see the errors above)");
    let input = xapi_dir.join("wasm32-unknown-unknown/player/kursverk_player.wasm");
    bindgen(&input, &out, "kursverk_xapi");
    studio(workspace, &out);
}

/// The static Studio's engine: this very packager (the `kursverk-studio`
/// crate over its library) compiled for wasm32 and run through
/// wasm-bindgen, for `kursverk studio --out DIR`. The nested build gets the
/// player just built (`KURSVERK_PLAYER_DIR`) and is told not to build a
/// Studio of its own (`KURSVERK_NO_STUDIO`), which would never end.
/// Without the `embed-studio` feature, or with `KURSVERK_NO_STUDIO` set
/// (a faster loop while working on the packager), the binary has none.
fn studio(workspace: &Path, out: &Path) {
    println!("cargo:rerun-if-env-changed=KURSVERK_NO_STUDIO");
    let js = out.join("studio.js");
    let wasm = out.join("studio_bg.wasm");
    let wanted = env::var_os("CARGO_FEATURE_EMBED_STUDIO").is_some()
        && env::var_os("KURSVERK_NO_STUDIO").is_none();
    if !wanted {
        fs::write(&js, "").unwrap();
        fs::write(&wasm, "").unwrap();
        return;
    }
    for dir in ["src", "studio-wasm", "templates", "assets", "skeleton", "Cargo.toml"] {
        println!("cargo:rerun-if-changed={dir}");
    }
    let target_dir = out
        .ancestors()
        .nth(4)
        .map(|t| t.join("studio-wasm"))
        .unwrap_or_else(|| workspace.join("target/studio-wasm"));
    ensure_wasm_target();
    let status = wasm_build(workspace, "kursverk-studio", &target_dir)
        .env("KURSVERK_PLAYER_DIR", out)
        .env("KURSVERK_NO_STUDIO", "1")
        .status()
        .expect("could not run cargo to build the Studio");
    assert!(status.success(), "building the Studio for wasm32 failed (see the errors above)");
    let input = target_dir.join("wasm32-unknown-unknown/player/kursverk_studio.wasm");
    bindgen(&input, out, "studio");
}

const WASM: &str = "wasm32-unknown-unknown";

/// A nested `cargo build` of `package` for wasm32 with the small-and-fast
/// `player` profile, in its own target directory and a clean environment.
fn wasm_build(workspace: &Path, package: &str, target_dir: &Path) -> Command {
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(workspace)
        .args(["build", "--quiet", "-p", package, "--lib"])
        .args(["--target", WASM, "--profile", "player"])
        .arg("--target-dir")
        .arg(target_dir)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("RUSTC_WRAPPER")
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_BUILD_TARGET");
    command
}

/// Makes sure the toolchain can build for wasm32. rustup installs a
/// `rust-toolchain.toml`'s targets only when it installs the toolchain, so a
/// machine that already had Rust 1.95 lacks it: add it through rustup
/// (once, a few seconds), or say in one line what to run.
fn ensure_wasm_target() {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let has_target = || {
        Command::new(&rustc)
            .args(["--print", "sysroot"])
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .is_some_and(|root| Path::new(root.trim()).join("lib/rustlib").join(WASM).is_dir())
    };
    if has_target() {
        return;
    }
    println!(
        "cargo:warning=installing the {WASM} target for the player (rustup target add {WASM})"
    );
    let mut rustup = Command::new("rustup");
    rustup.args(["target", "add", WASM]);
    // The toolchain this build runs on (rustup's proxy sets it).
    if let Some(toolchain) = env::var_os("RUSTUP_TOOLCHAIN") {
        rustup.arg("--toolchain").arg(toolchain);
    }
    let added = rustup.status().is_ok_and(|s| s.success());
    if !added || !has_target() {
        panic!(
            "the player needs the {WASM} target and it could not be added; \
             run `rustup target add {WASM}` and build again"
        );
    }
}

fn bindgen(input: &Path, out: &Path, name: &str) {
    let mut b = wasm_bindgen_cli_support::Bindgen::new();
    b.input_path(input)
        .out_name(name)
        .typescript(false)
        .remove_name_section(true)
        .remove_producers_section(true);
    b.no_modules(true).expect("no-modules output");
    b.generate(out).expect("wasm-bindgen failed");
}
