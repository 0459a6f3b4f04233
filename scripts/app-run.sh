#!/usr/bin/env bash
# Builds and starts the Tenderbench desktop app. Without a display (no $DISPLAY, no $WAYLAND_DISPLAY) it
# says so and runs the command-line demo instead.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
  echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset): running the command-line demo instead of the app."
  cargo run --release --quiet --bin tenderbench -- demo ./demo
  exit 0
fi

scripts/app-setup.sh
npm --prefix ui run build
cargo build --release -p tenderbench-app
exec "${CARGO_TARGET_DIR:-target}/release/tenderbench-app" "$@"
