#!/usr/bin/env python3
"""Reads an XLSX file with openpyxl (an independent reader, not libxlsxwriter) and prints what
the tests check, as JSON: per sheet its name, frozen cell, autofilter range, column widths and
every cell's value, type, number format and boldness. Dates become ISO text; numbers keep the
exact text Python reads them as (repr), so sums can be checked with decimals.

Usage: xlsx-dump.py FILE.xlsx
"""
import datetime
import json
import sys

import openpyxl


def cell_json(cell):
    value = cell.value
    if isinstance(value, datetime.datetime):
        shown = value.isoformat()
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        shown = repr(value)
    else:
        shown = value
    return {
        "value": shown,
        "type": cell.data_type,  # s text, n number, d date (is_date below), b bool, f formula
        "isDate": bool(cell.is_date),
        "format": cell.number_format,
        "bold": bool(cell.font and cell.font.b),
    }


def main():
    book = openpyxl.load_workbook(sys.argv[1])
    sheets = []
    for sheet in book.worksheets:
        widths = {key: dim.width for key, dim in sheet.column_dimensions.items()}
        rows = [[cell_json(cell) for cell in row] for row in sheet.iter_rows()]
        sheets.append({
            "name": sheet.title,
            "freeze": sheet.freeze_panes,
            "autofilter": sheet.auto_filter.ref,
            "widths": widths,
            "rows": rows,
        })
    properties = book.properties
    print(json.dumps({
        "sheets": sheets,
        "title": properties.title,
        "creator": properties.creator,
        "created": properties.created.isoformat() if properties.created else None,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
