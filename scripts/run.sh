#!/usr/bin/env bash
# Installs what is missing, builds Tenderbench and starts the app. Without a display it says so and runs
# the command-line demo instead, printing the paths of the demo tender and its report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found, so the desktop app cannot open here. Running the command-line demo instead:"
  cargo build --release --locked --bin tenderbench
  ./target/release/tenderbench demo demo
  exit 0
fi
