//! Project automation, in Rust (`cargo xtask <task>`).
//!
//! - `test`: the README's test command. Installs what the tests need on a
//!   fresh Debian machine when it is missing (Chromium for the browser tests,
//!   cargo-fuzz for the brief fuzz runs), then runs every test in the
//!   workspace and each fuzz target briefly.
//! - `bench`: the end-to-end benchmarks on the real corpora in `../shared`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    match args.first().map(String::as_str) {
        Some("test") => test(&root, &args[1..]),
        Some("bench") => bench(&root, &args[1..]),
        _ => {
            eprintln!("usage: cargo xtask <test|bench> [args]");
            eprintln!("  test   install test dependencies when missing, run every test");
            eprintln!("  bench  run the corpus benchmarks (needs ../shared)");
            std::process::exit(2);
        }
    }
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn test(root: &Path, extra: &[String]) -> Result<()> {
    let chromium = ensure_chromium();
    ensure_python_checkers();
    let mut cargo = Command::new("cargo");
    cargo.current_dir(root).args(["test", "--workspace"]).args(extra);
    if chromium {
        cargo.env("MARQUEE_E2E", "1");
    } else {
        eprintln!("xtask: chromium not found and could not be installed: browser tests will skip");
    }
    run(&mut cargo)?;
    announce_slow_skips();
    fuzz_briefly(root)
}

/// libtest keeps a passing test's output to itself, so a test that skipped
/// its slow part would say nothing in CI's log: say it here, loudly.
fn announce_slow_skips() {
    if std::env::var_os("RUN_SLOW_TESTS").is_some_and(|v| !v.is_empty() && v != "0") {
        return;
    }
    eprintln!("xtask: ================================================================");
    eprintln!("xtask: SKIPPED the slow tests (RUN_SLOW_TESTS is not set):");
    eprintln!("xtask:   marquee-judge r3_accuracy_bars_hold_on_the_corpora (trains 40 models);");
    eprintln!("xtask:   marquee-extract ramr_records_follow_the_schema ran on 400 records, not all");
    eprintln!("xtask: run them with RUN_SLOW_TESTS=1 cargo xtask test");
    eprintln!("xtask: ================================================================");
}

/// Debian's chromium drives the browser tests; install it when we are root on
/// a machine with apt-get (CI and fresh developer machines are).
fn ensure_chromium() -> bool {
    if Path::new("/usr/bin/chromium").exists() {
        return true;
    }
    if !is_root() || !Path::new("/usr/bin/apt-get").exists() {
        return false;
    }
    eprintln!("xtask: installing chromium for the browser tests");
    let ok = |c: &mut Command| c.status().map(|s| s.success()).unwrap_or(false);
    ok(Command::new("apt-get").args(["update", "-q"]))
        && ok(Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "-q", "--no-install-recommends", "chromium", "fonts-dejavu-core"]))
        && Path::new("/usr/bin/chromium").exists()
}

/// Independent checkers the serve tests use: pyld (JSON-LD) and
/// openapi-spec-validator (the OpenAPI document), from PyPI.
fn ensure_python_checkers() {
    let have = Command::new("python3")
        .args(["-c", "import pyld, openapi_spec_validator"])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if have {
        return;
    }
    eprintln!("xtask: installing pyld and openapi-spec-validator for the serve tests");
    let installed = Command::new("python3")
        .args(["-m", "pip", "install", "-q", "pyld", "openapi-spec-validator"])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !installed {
        eprintln!("xtask: could not install the Python checkers: their tests will say so");
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Each cargo-fuzz target runs for a few seconds, so that a parser change that
/// crashes on the committed corpus fails CI. Long runs are done by hand.
fn fuzz_briefly(root: &Path) -> Result<()> {
    let script = root.join("fuzz/run-briefly.sh");
    if !script.exists() {
        return Ok(());
    }
    run(Command::new("bash").arg(script).current_dir(root))
}

fn bench(root: &Path, extra: &[String]) -> Result<()> {
    let shared = root.join("../shared");
    if !shared.exists() {
        bail!("{} not found: the corpus benchmarks need it", shared.display());
    }
    run(Command::new("cargo")
        .current_dir(root)
        .args(["run", "--release", "-p", "marquee-cli", "--", "bench"])
        .args(extra))
}

fn run(cmd: &mut Command) -> Result<()> {
    let status = cmd.status().with_context(|| format!("running {cmd:?}"))?;
    if !status.success() {
        bail!("{cmd:?} failed with {status}");
    }
    Ok(())
}
