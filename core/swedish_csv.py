"""CSV files that Swedish Excel opens as columns: semicolons, a byte-order mark, decimal commas."""

import csv
import datetime
from decimal import Decimal

from . import responses
from .text import csv_cell

# Swedish Excel's list separator is the semicolon (the comma is the decimal sign), and it reads
# a file as UTF-8 only when it starts with the byte-order mark.
DELIMITER = ";"
BOM = "\ufeff"


def swedish_value(value):
    """A cell as Swedish Excel reads it: decimals with a comma, dates as ÅÅÅÅ-MM-DD, nothing
    for None, text made safe (core.text.csv_cell); whole numbers without a thousands separator,
    so that they stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return csv_cell(value)


def swedish_csv_response(*, filename: str, cache_control: str = responses.NO_STORE):
    """A CSV download and a writer for its rows; each row's values go through swedish_value."""
    response = responses.file_response(
        BOM,
        filename=filename,
        content_type="text/csv; charset=utf-8",
        cache_control=cache_control,
    )
    return response, _Writer(csv.writer(response, delimiter=DELIMITER))


class _Writer:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row) -> None:
        self._writer.writerow([swedish_value(value) for value in row])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)
