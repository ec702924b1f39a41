#!/usr/bin/env bash
# Runs every fuzz target for a short while (30 s each by default), as CI does.
#   fuzz/run-briefly.sh [SECONDS]
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 unlocks them on stable.
# Installs cargo-fuzz when it is missing.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-30}"
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1
for target in $(cargo fuzz list); do
    echo "== fuzz target $target for ${seconds}s"
    mkdir -p "corpus/$target"
    dict=()
    if [ -f "dict/$target.dict" ]; then dict=(-dict="dict/$target.dict"); fi
    cargo fuzz run -O "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=30 "${dict[@]}"
done
