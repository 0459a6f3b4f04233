#!/usr/bin/env bash
# The desktop app's checks: UI type check and unit tests, the app crate's Rust tests, then the end-to-end
# tests in the real window under Xvfb. Screenshots land in artifacts/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/app-setup.sh

echo "== UI: svelte-check"
npm --prefix ui run check
echo "== UI: vitest"
npm --prefix ui test
echo "== UI: build"
npm --prefix ui run build

echo "== app: cargo test"
cargo test -p tenderbench-app
echo "== app: debug build"
cargo build -p tenderbench-app

echo "== end-to-end, in the real window"
rm -rf artifacts/screenshots
target=${CARGO_TARGET_DIR:-target}
[[ $target == /* ]] || target="$PWD/$target"
export TENDERBENCH_APP="$target/debug/tenderbench-app"
xvfb-run -a -s "-screen 0 1280x900x24" npm --prefix e2e test
