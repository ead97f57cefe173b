"""Engine input frames from the HR extract, for use without any database.

The forecast works on one row per employment: person, group (the SKR profession group, or
the profession when the extract has none), birth_year, sex, form, rate, start, end,
end_reason, unit_code.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import polars as pl

from bemanna.analysis.extract import read_extract

COLUMNS = (
    "person",
    "group",
    "birth_year",
    "sex",
    "form",
    "rate",
    "start",
    "end",
    "end_reason",
    "unit_code",
)


def from_validated(frame: pl.DataFrame) -> pl.DataFrame:
    """From `read_extract(...).frame`."""
    return frame.select(
        "person",
        pl.coalesce(pl.col("skr_group"), pl.col("profession_name")).alias("group"),
        pl.col("birth_year").cast(pl.Int64),
        "sex",
        "form",
        "rate",
        "start",
        "end",
        "end_reason",
        "unit_code",
    )


class ExtractError(ValueError):
    def __init__(self, issues: tuple) -> None:  # type: ignore[type-arg]
        lines = [f"{i.file}, row {i.row}, {i.column}: {i.message()}" for i in issues[:20]]
        super().__init__("the extract has problems:\n" + "\n".join(lines))
        self.issues = issues


def _frames(result) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    if not result.ok or result.frame is None:
        raise ExtractError(result.issues)
    return from_validated(result.frame)


def from_file(path: str | Path, *, today: datetime.date | None = None) -> pl.DataFrame:
    """Read an HR extract file straight into engine frames (no database, no unit check)."""
    return _frames(read_extract(path, pseudonym_key=b"bemanna-forecast-only", today=today))


def from_extract(extract: pl.DataFrame) -> pl.DataFrame:
    """From an extract-shaped frame (such as Region Demo's), via the real reader."""
    buffer = io.BytesIO(extract.write_csv(separator=";").encode())
    return _frames(read_extract(buffer, filename="extract.csv", pseudonym_key=b"frames"))
