#!/usr/bin/env bash
# Times Tenderbench beside the tools a consultant would use instead, on the same generated inputs, as whole
# processes (the median of RUNS runs each), and prints each pair's ratio (reference ÷ Tenderbench):
#   - LibreOffice headless opening, recalculating and saving a 30 × 2,000 scoring workbook, against
#     `tenderbench evaluate` on the same lot;
#   - python-calamine and openpyxl (read-only) reading a 130,000-cell bid workbook, against
#     `tenderbench import-bids --check` reading and validating it;
#   - Chromium's print-to-pdf of the ~100-page report as HTML and LibreOffice's DOCX → PDF of it as Word,
#     against `tenderbench bench report --without-letters`, which computes the report's numbers (engine and
#     robustness) and renders it.
# Installs what it needs, as scripts/setup.sh does. Usage: bash scripts/compare.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}

need=()
command -v soffice >/dev/null || need+=(libreoffice-calc-nogui libreoffice-writer-nogui)
command -v chromium >/dev/null || need+=(chromium)
if ((${#need[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" python3-venv >/dev/null
fi
if ! .venv-compare/bin/python -c "import openpyxl, python_calamine" 2>/dev/null; then
  python3 -m venv .venv-compare
  .venv-compare/bin/pip install --quiet openpyxl==3.1.5 python-calamine==0.4.0
fi
py=.venv-compare/bin/python

cargo build --release --locked -p tenderbench >/dev/null
tb=${CARGO_TARGET_DIR:-target}/release/tenderbench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== making the inputs (not timed) in $work"
$tb bench evaluation --runs 1 --write-exchange "$work/lot.json" >/dev/null
$py scripts/compare.py scoring "$work/lot.json" "$work/scoring.xlsx"
$tb bench import "$work/import" >/dev/null
$tb bench report --runs 1 --out "$work/report" >/dev/null
$py scripts/compare.py html "$work/report/report.txt" "$work/report/report.html"
profile="$work/lo-profile"
lo() { soffice -env:UserInstallation="file://$profile" --headless "$@"; }
lo --convert-to xlsx --outdir "$work/warm" "$work/scoring.xlsx" >/dev/null 2>&1 # the profile, once

time_of() { $py scripts/compare.py time "$runs" -- "$@"; }
declare -A ms
ms[lo_calc]=$(time_of soffice -env:UserInstallation="file://$profile" --headless --convert-to xlsx --outdir "$work/lo" "$work/scoring.xlsx")
ms[tb_evaluate]=$(time_of "$tb" evaluate "$work/lot.json")
ms[calamine]=$(time_of "$py" scripts/compare.py calamine "$work/import/large.xlsx")
ms[openpyxl]=$(time_of "$py" scripts/compare.py openpyxl "$work/import/large.xlsx")
ms[tb_read]=$(time_of "$tb" import-bids --check "$work/import/large.tender" "$work/import/large.xlsx")
ms[chromium]=$(time_of chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$work/chromium.pdf" "file://$work/report/report.html")
ms[lo_writer]=$(time_of soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$work/lo" "$work/report/report.docx")
ms[tb_report]=$(time_of "$tb" bench report --runs 1 --without-letters)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
echo "== whole processes, median of $runs runs, on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-58s %10s %8s\n' "pair" "ms" "ratio"
printf '%-58s %10s\n' "tenderbench evaluate (30 bids × 2,000 requirements)" "${ms[tb_evaluate]}"
printf '%-58s %10s %8s\n' "LibreOffice recalculates and saves the scoring workbook" "${ms[lo_calc]}" "$(ratio "${ms[lo_calc]}" "${ms[tb_evaluate]}")"
printf '%-58s %10s\n' "tenderbench import-bids --check (130,000 cells)" "${ms[tb_read]}"
printf '%-58s %10s %8s\n' "python-calamine reads the workbook" "${ms[calamine]}" "$(ratio "${ms[calamine]}" "${ms[tb_read]}")"
printf '%-58s %10s %8s\n' "openpyxl (read-only) reads the workbook" "${ms[openpyxl]}" "$(ratio "${ms[openpyxl]}" "${ms[tb_read]}")"
printf '%-58s %10s\n' "tenderbench bench report --without-letters (numbers, PDF)" "${ms[tb_report]}"
printf '%-58s %10s %8s\n' "Chromium prints the report as HTML to PDF" "${ms[chromium]}" "$(ratio "${ms[chromium]}" "${ms[tb_report]}")"
printf '%-58s %10s %8s\n' "LibreOffice converts the report as DOCX to PDF" "${ms[lo_writer]}" "$(ratio "${ms[lo_writer]}" "${ms[tb_report]}")"
