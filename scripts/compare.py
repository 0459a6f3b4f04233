"""The reference tools' side of scripts/compare.sh: inputs made from Tenderbench's generated data, the
readers it times, and the timing of whole processes.

  compare.py scoring EXCHANGE.json OUT.xlsx   the exchange file's lot as a consultant's scoring workbook:
                                              scores and measured values, price points, weighted points and
                                              totals and ranks as formulas, with no cached values, so that
                                              LibreOffice must calculate every one when it opens the file
  compare.py html REPORT.txt OUT.html         the report's text as an HTML page for Chromium to print
  compare.py calamine FILE.xlsx               read every cell with python-calamine
  compare.py openpyxl FILE.xlsx               read every cell with openpyxl in read-only mode
  compare.py time RUNS -- COMMAND...          run COMMAND RUNS times; print the median wall time in ms
"""

import html
import json
import statistics
import subprocess
import sys
import time
from decimal import Decimal


def leaves(criteria, share=Decimal(1)):
    """Yields (criterion, effective weight) for each leaf, the weights normalised level by level."""
    total = sum(Decimal(c["weight"]) for c in criteria)
    for criterion in criteria:
        weight = share * Decimal(criterion["weight"]) / total
        if criterion.get("children"):
            yield from leaves(criterion["children"], weight)
        else:
            yield criterion, weight


def scoring(exchange, out):
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    model = json.load(open(exchange, encoding="utf-8"))
    bids = model["bids"]
    scale = Decimal(model["scale"]["max"])
    rows = []  # (requirement id, effective weight, measure or None)
    price_weight = Decimal(0)
    for leaf, weight in leaves(model["criteria"]):
        if "price" in leaf:
            price_weight += weight
            continue
        requirements = leaf.get("requirements", [])
        total = sum(Decimal(r["weight"]) for r in requirements)
        for requirement in requirements:
            rows.append((requirement["id"], weight * Decimal(requirement["weight"]) / total, requirement.get("measure")))

    book = Workbook()
    sheet = book.active
    sheet.title = "Point"
    sheet.append(["Krav", "Vægt", "Værst", "Bedst"] + [bid["id"] for bid in bids])
    for number, (requirement, weight, measure) in enumerate(rows, start=2):
        cells = [requirement, float(weight), None, None]
        for bid in bids:
            if measure:
                cells[2], cells[3] = float(measure["worst"]), float(measure["best"])
                value = bid.get("values", {}).get(requirement, "0")
                # The measured value's points, linear on the scale and clamped, as the tender announces.
                cells.append(f"=MIN({scale},MAX(0,({value}-$C{number})/($D{number}-$C{number})*{scale}))")
            else:
                cells.append(float(bid.get("scores", {}).get(requirement, "0")))
        sheet.append(cells)
    last = len(rows) + 1
    totals = book.create_sheet("Resultat")
    totals.append(["Tilbud", "Pris", "Prispoint", "Kvalitet", "I alt", "Rang"])
    n = len(bids) + 1
    for index, bid in enumerate(bids):
        row = index + 2
        column = get_column_letter(5 + index)
        totals.append(
            [
                bid["id"],
                float(bid["price"]),
                f"={scale}*MIN($B$2:$B${n})/B{row}",
                f"=SUMPRODUCT(Point!$B$2:$B${last},Point!{column}2:{column}{last})",
                f"={float(price_weight)}*C{row}+D{row}",
                f"=RANK(E{row},$E$2:$E${n})",
            ]
        )
    book.save(out)


def page(report, out):
    lines = open(report, encoding="utf-8").read().split("\n")
    body = []
    for index, line in enumerate(lines):
        underline = index + 1 < len(lines) and lines[index + 1] and set(lines[index + 1]) == {"="}
        if underline:
            body.append(f"<h2>{html.escape(line)}</h2>")
        elif line and set(line) == {"="}:
            continue
        elif "  " in line.strip() or (line and set(line.replace(" ", "")) == {"-"}):
            body.append(f"<pre>{html.escape(line)}</pre>")
        elif line:
            body.append(f"<p>{html.escape(line)}</p>")
    style = "body{font:9pt DejaVu Sans,sans-serif;margin:2cm} pre{margin:0;font-size:7pt} p{margin:.3em 0}"
    document = f"<!doctype html><html><head><meta charset=utf-8><style>{style}</style></head><body>{''.join(body)}</body></html>"
    open(out, "w", encoding="utf-8").write(document)


def read_calamine(path):
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(path)
    cells = sum(len(row) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python())
    print(cells)


def read_openpyxl(path):
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    cells = sum(1 for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for _ in row)
    print(cells)


def timed(runs, command):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - started) * 1000)
    print(f"{statistics.median(times):.1f}")


if __name__ == "__main__":
    what, *rest = sys.argv[1:]
    if what == "scoring":
        scoring(*rest)
    elif what == "html":
        page(*rest)
    elif what == "calamine":
        read_calamine(*rest)
    elif what == "openpyxl":
        read_openpyxl(*rest)
    elif what == "time":
        timed(int(rest[0]), rest[2:])
    else:
        sys.exit(__doc__)
