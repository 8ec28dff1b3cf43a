"""The xlsx exporter's worksheet: xlsxwriter writes the header row and a marker for the rows.

Apart from `exporters` so that xlsxwriter is imported only when an xlsx file is written.
"""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

BODY_MARKER = b"<!--indicators:rows-->"


class FrameWorksheet(Worksheet):
    """An xlsxwriter worksheet that writes its header row and leaves a marker for the rest."""

    def _write_sheet_data(self) -> None:
        if self.dim_rowmin is None:
            self._xml_empty_tag("sheetData")
            return
        self._xml_start_tag("sheetData")
        last_row = self.dim_rowmax
        self.dim_rowmax = 0  # xlsxwriter's own cell table holds the header row only
        try:
            self._write_rows()
        finally:
            self.dim_rowmax = last_row
        self.fh.write(BODY_MARKER.decode())
        self._xml_end_tag("sheetData")
