"""Prints the structure of a .docx as python-docx reads it, one line per finding, for the integration
tests (tests/it/tender_documents.rs) to compare with the document they wrote:

    style NAME         each paragraph style used, once, in order of first use
    table ROWS HEADER  each table with its number of rows and how many top rows are header rows (w:tblHeader)
"""

import sys

import docx
from docx.oxml.ns import qn


def main(path):
    document = docx.Document(path)
    seen = []
    for paragraph in document.paragraphs:
        name = paragraph.style.name
        if name not in seen:
            seen.append(name)
            print(f"style {name}")
    for table in document.tables:
        header = 0
        for row in table.rows:
            properties = row._tr.trPr
            if properties is None or properties.find(qn("w:tblHeader")) is None:
                break
            header += 1
        print(f"table {len(table.rows)} {header}")


if __name__ == "__main__":
    main(sys.argv[1])
