#!/usr/bin/env bash
# Installs what the desktop app needs to build and to be tested, and nothing that is already there:
# the Debian packages for Tauri/WebKitGTK, Xvfb and WebKitWebDriver, and the npm packages of ui/ and e2e/.
# Safe to run again; it only acts on what is missing or stale.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential pkg-config curl wget file libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev xvfb xauth webkit2gtk-driver fonts-dejavu-core
)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "app-setup: installing ${missing[*]}"
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm leaves node_modules/.package-lock.json behind; an older one than package-lock.json means stale.
# `npm ci` is not used: the lock file lacks the macOS/Windows optional packages this registry does not carry.
for dir in ui e2e; do
  if [[ ! -f $dir/node_modules/.package-lock.json || $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
    echo "app-setup: npm install in $dir/"
    npm --prefix "$dir" install --no-audit --no-fund --loglevel=error
  fi
done
