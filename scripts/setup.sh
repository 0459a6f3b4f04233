#!/usr/bin/env bash
# Installs what Tenderbench needs on Debian/Ubuntu and is missing: system packages for the core, the
# desktop app and the tests, the Python packages the workbook fixtures are made with, and the npm packages.
# Safe to run again: it installs only what is not there.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null; then
  echo "Tenderbench needs a Rust toolchain (1.90 or newer): see https://rustup.rs, then run this again." >&2
  exit 1
fi

packages=(
  build-essential pkg-config curl wget file sqlite3 fonts-dejavu-core
  # The desktop app (Tauri v2 on WebKitGTK).
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  # Tests in the real app window, PDF checks and screenshots.
  xvfb xauth webkit2gtk-driver poppler-utils qpdf imagemagick
  # Workbooks: LibreOffice recalculates and saves the third-party test workbooks; openpyxl writes them.
  libreoffice-calc-nogui python3-openpyxl
  # Tender documents: LibreOffice Writer opens the Word files in the tests; python-docx reads their styles.
  libreoffice-writer-nogui python3-docx
  # The open-contracting export is checked by the Open Contracting Partnership's validator in a venv.
  python3-venv
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Where python3 is not Debian's own (pyenv, for example), Debian's openpyxl is not on its path.
python3 -c "import openpyxl" 2>/dev/null || python3 -m pip install --quiet openpyxl
python3 -c "import docx" 2>/dev/null || python3 -m pip install --quiet python-docx

# The validator of the open-contracting export (tests/ocds/validate.py), pinned to the version the tests
# were written against; it runs offline, reading the standard and the bids extension from tests/ocds/vendor/.
if ! .venv-ocds/bin/python -c "import libcoveocds" 2>/dev/null; then
  echo "Installing the OCDS validator (libcoveocds 0.17.0) in .venv-ocds/"
  python3 -m venv .venv-ocds
  .venv-ocds/bin/pip install --quiet libcoveocds==0.17.0
fi

# npm leaves node_modules/.package-lock.json behind; one older than package-lock.json means stale. `npm ci`
# cannot be used: the registry lacks the macOS and Windows optional packages a complete lock file would name.
for dir in ui e2e; do
  if [[ ! -f $dir/node_modules/.package-lock.json || $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
    echo "Installing npm packages in $dir/"
    npm --prefix "$dir" install --no-audit --no-fund --loglevel=error
  fi
done
