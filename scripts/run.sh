#!/usr/bin/env bash
# Installs what is missing, builds Tenderbench and starts the app. Without a display it says so and runs
# the command-line demo instead, printing the paths of the demo tender, its bid workbooks and its report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
  echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset), so the desktop app cannot open here."
  echo "Running the command-line demo instead; it writes these files:"
  cargo run --release --quiet --locked --bin tenderbench -- demo ./demo
  exit 0
fi

npm --prefix ui run build
cargo build --release --locked -p tenderbench-app
exec "${CARGO_TARGET_DIR:-target}/release/tenderbench-app" "$@"
