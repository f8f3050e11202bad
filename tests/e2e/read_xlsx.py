"""Prints every non-empty cell of an .xlsx workbook's first sheet, one per line:
row<TAB>column<TAB>type<TAB>value, where type is the Python type openpyxl read (int, float,
str). Used by tests/e2e/coopctl_spreadsheet_test.cc; run with Debian's /usr/bin/python3 and
python3-openpyxl."""
import sys

import openpyxl


def main(path):
    sheet = openpyxl.load_workbook(path).worksheets[0]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            print(f"{cell.row}\t{cell.column}\t{type(cell.value).__name__}\t{cell.value}")


if __name__ == "__main__":
    main(sys.argv[1])
