#!/usr/bin/env bash
# Runs every check and test of Tenderbench: formatting, lints, the UI's type check and unit tests, the Rust
# tests of the whole workspace, and the end-to-end tests in the real app window under Xvfb.
# Artefacts for a human look (screenshots, rendered report pages) go to artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# CI builds everything once in a clean clone: incremental caches would only take disk space there.
if [[ ${CI:-} == true ]]; then export CARGO_INCREMENTAL=0; fi

echo "== format and lints"
cargo fmt --all --check
# The app embeds ui/dist, so the UI is built before anything compiles src-tauri.
npm --prefix ui run build
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== UI: type check and unit tests"
npm --prefix ui run check
npm --prefix ui test

echo "== Rust tests"
cargo test --workspace --locked

echo "== end-to-end, in the real window"
cargo build --locked -p tenderbench-app -p tenderbench
rm -rf artifacts/screenshots
target=${CARGO_TARGET_DIR:-target}
[[ $target == /* ]] || target="$PWD/$target"
TENDERBENCH_APP="$target/debug/tenderbench-app" xvfb-run -a -s "-screen 0 1920x1080x24" npm --prefix e2e test
echo "== disk taken by the build: $(du -sh "$target" | cut -f1)"
