"""Read back an XLSX report in tests: cell values (fastexcel) and the charts on each sheet
(the package's own parts, through zipfile: a chart drawn by Excel is xl/charts/chart*.xml, a
chart rendered as a picture is an image in xl/media)."""

from __future__ import annotations

import io
import posixpath
import zipfile
from xml.etree import ElementTree

import fastexcel

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet"
_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class Workbook:
    def __init__(self, content: bytes) -> None:
        self.content = content
        self.package = zipfile.ZipFile(io.BytesIO(content))
        self.reader = fastexcel.read_excel(content)

    @property
    def sheets(self) -> list[str]:
        return list(self.reader.sheet_names)

    def rows(self, sheet: str) -> list[list[str | None]]:
        """Every row of a sheet as text (numbers as Python prints them), empty cells None."""
        frame = self.reader.load_sheet(sheet, header_row=None, dtypes="string").to_polars()
        return [list(row) for row in frame.iter_rows()]

    def column(self, sheet: str, index: int) -> list[str]:
        return [row[index] for row in self.rows(sheet) if len(row) > index and row[index]]

    def pairs(self, sheet: str) -> dict[str, str | None]:
        """Column A → column B, for a sheet of labelled facts."""
        return {row[0]: row[1] for row in self.rows(sheet) if row and row[0] and len(row) > 1}

    def pictures(self, sheet: str) -> list[str]:
        """The images and charts drawn on a sheet (their parts' paths)."""
        target = self._target("xl/workbook.xml", self._sheet_id(sheet))
        found = []
        for drawing in self._related(target, "drawing"):
            found += [
                path
                for path in self._related(drawing, "")
                if path.startswith(("xl/media/", "xl/charts/chart"))
            ]
        return found

    def _sheet_id(self, sheet: str) -> str:
        root = ElementTree.fromstring(self.package.read("xl/workbook.xml"))
        return next(s.get(_ID) for s in root.iter(_SHEET) if s.get("name") == sheet) or ""

    def _rels(self, part: str) -> list[tuple[str, str, str]]:
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels not in self.package.namelist():
            return []
        root = ElementTree.fromstring(self.package.read(rels))
        return [
            (
                r.get("Id") or "",
                r.get("Type") or "",
                posixpath.normpath(posixpath.join(folder, r.get("Target") or "")),
            )
            for r in root.iter(_REL)
        ]

    def _target(self, part: str, rel_id: str) -> str:
        return next(target for rid, _type, target in self._rels(part) if rid == rel_id)

    def _related(self, part: str, kind: str) -> list[str]:
        return [target for _id, rtype, target in self._rels(part) if rtype.endswith(kind)]
