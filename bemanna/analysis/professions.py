"""From a profession's AID or BSK code to its SKR profession group, as versioned data.

The table ships with the code (`data/skr_groups.csv`: system; kod; yrkesgrupp; benämning;
källa, `#` lines are comments) and changes only by a commit, so a forecast can say which
version grouped its staff. HR keeps override rows on top of it (`workforce.GroupMapping`,
edited on the page *Yrkesgrupper (SKR)*, audit-logged), which win over the shipped row for
their code. The extract's own Yrkesgrupp column wins wherever it is given;
a code found in neither is *unmapped*: it keeps its profession's name as its group and the
import lists it (`unmapped`), so nobody's staff silently ends up in a catch-all group.

Example:
    >>> frame = pl.DataFrame({"profession_code": ["207010", "999999", "207010"],
    ...     "profession_name": ["USK", "Astronaut", "USK"], "skr_group": [None, None, "Egen"]})
    >>> grouped = with_groups(frame)
    >>> grouped["skr_group"].to_list()
    ['Undersköterskor', None, 'Egen']
    >>> unmapped(grouped).rows()
    [('999999', 'Astronaut', 1)]
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

import polars as pl

VERSION = "2026.1"
TABLE = Path(__file__).parent / "data" / "skr_groups.csv"


@cache
def table() -> pl.DataFrame:
    """The shipped table: system, code, group, name, source."""
    frame = pl.read_csv(
        TABLE, separator=";", comment_prefix="#", infer_schema=False, encoding="utf8"
    )
    return frame.rename(
        {"kod": "code", "yrkesgrupp": "group", "benämning": "name", "källa": "source"}
    )


def groups() -> dict[str, str]:
    """code → SKR profession group."""
    return dict(table().select("code", "group").iter_rows())


def with_groups(frame: pl.DataFrame, overrides: Mapping[str, str] | None = None) -> pl.DataFrame:
    """Fill `skr_group` where the extract left it empty: from `overrides` (the rows HR keeps
    on top of the table, code → group), then from the shipped table."""
    mapped = pl.col("profession_code").replace_strict(
        {**groups(), **(overrides or {})}, default=None
    )
    return frame.with_columns(pl.coalesce(pl.col("skr_group"), mapped).alias("skr_group"))


def unmapped(frame: pl.DataFrame) -> pl.DataFrame:
    """profession_code, profession_name, rows for the codes still without a group, most
    rows first."""
    return (
        frame.filter(pl.col("skr_group").is_null())
        .group_by("profession_code")
        .agg(pl.col("profession_name").first(), pl.len().alias("rows"))
        .sort(["rows", "profession_code"], descending=[True, False])
    )
