#!/usr/bin/env bash
# Runs every check and test of Tenderbench: formatting, lints, the core's tests, the app's tests, and the
# end-to-end tests in the real app window under Xvfb. Artefacts (screenshots, rendered pages) go to artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
