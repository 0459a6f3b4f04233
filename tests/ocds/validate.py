#!/usr/bin/env python3
"""Validates an OCDS 1.1 release package with the Open Contracting Partnership's own validator library
(libcoveocds 0.17.0), entirely offline.

The standard (schema tag 1__1__5) and the bids extension (v1.1.5) are read from vendor/ beside this file.
libcoveocds and the extension registry fetch them over HTTP through `requests`; every such request is
answered from vendor/ instead, and any other request fails, so a validation can never reach the network.

usage: validate.py PACKAGE.json
exit status: 0 valid (no schema error, no additional field, no code outside a closed codelist, every
extension found); 1 problems found, each printed; 2 the validation could not run.
"""
import io
import json
import os
import sys
import tempfile
import zipfile

import requests
import urllib3
from requests.adapters import HTTPAdapter

VENDOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vendor")
STANDARD_ZIP = os.path.join(VENDOR, "standard-1__1__5.zip")
BIDS = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/"


def local_files(standard_dir):
    """URL prefixes and the vendored file or folder that answers them, longest prefix first."""
    routes = {
        BIDS: os.path.join(VENDOR, "ocds_bid_extension-v1.1.5"),
        # The extension registry downloads an extension hosted on GitHub as its repository archive.
        "https://github.com/open-contracting-extensions/ocds_bid_extension/archive/v1.1.5.zip": os.path.join(
            VENDOR, "ocds_bid_extension-v1.1.5.zip"
        ),
        "https://standard.open-contracting.org/schema/1__1__5/": os.path.join(standard_dir, "standard-1__1__5", "schema"),
    }
    return sorted(routes.items(), key=lambda route: len(route[0]), reverse=True)


def answer_from(routes):
    def send(adapter, request, **kwargs):
        for prefix, target in routes:
            if request.url.startswith(prefix):
                rest = request.url[len(prefix):].split("?", 1)[0]
                path = os.path.join(target, rest) if rest else target
                body = open(path, "rb").read() if os.path.isfile(path) else None
                raw = urllib3.response.HTTPResponse(
                    body=io.BytesIO(body or b""),
                    status=200 if body is not None else 404,
                    headers={"Content-Length": str(len(body or b""))},
                    preload_content=False,
                    request_url=request.url,
                )
                return adapter.build_response(request, raw)
        raise requests.ConnectionError(f"offline validation does not fetch {request.url}")

    return send


def problems_in(result):
    problems = []
    for error in result.get("validation_errors") or []:
        problems.append(f"schema: {error['path']}: {error['description']} (value {error.get('value')!r})")
    for field in result.get("additional_fields") or []:
        problems.append(f"additional field: {json.dumps(field, ensure_ascii=False)}")
    for path, found in (result.get("additional_closed_codelist_values") or {}).items():
        problems.append(f"code outside the closed codelist {found.get('codelist')}: {path} = {found.get('values')}")
    for extension in (result.get("extensions") or {}).get("invalid_extensions") or []:
        problems.append(f"extension not available: {extension}")
    return problems


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    from libcoveocds.api import ocds_json_output
    from libcoveocds.config import LibCoveOCDSConfig

    standard_dir = os.path.join(tempfile.gettempdir(), "tenderbench-ocds-standard-1__1__5")
    if not os.path.isdir(os.path.join(standard_dir, "standard-1__1__5")):
        zipfile.ZipFile(STANDARD_ZIP).extractall(standard_dir)
    HTTPAdapter.send = answer_from(local_files(standard_dir))
    config = LibCoveOCDSConfig({"standard_zip": "file://" + STANDARD_ZIP, "context": "api"})
    try:
        result = ocds_json_output(
            tempfile.mkdtemp(prefix="tenderbench-cove-"), sys.argv[1], "1.1", convert=False, lib_cove_ocds_config=config
        )
    except Exception as error:  # noqa: BLE001 - any failure of the library means no verdict
        print(f"the validation could not run: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    problems = problems_in(result)
    for problem in problems:
        print(problem)
    print(f"{'invalid' if problems else 'valid'}: {len(problems)} problem(s) in {result.get('count')} release(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
