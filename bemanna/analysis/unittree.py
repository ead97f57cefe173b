"""Read and validate a unit tree (code, name, parent code, level, manager) from CSV or XLSX.

Example:
    >>> import io
    >>> csv = "Enhetskod;Enhetsnamn;Överordnad;Nivå\\nR;Region Demo;;region\\nE1;Akuten;R;enhet\\n"
    >>> result = read_unit_tree(io.BytesIO(csv.encode()), filename="units.csv")
    >>> result.ok, result.frame["code"].to_list(), result.frame["parent_code"].to_list()
    (True, ['R', 'E1'], [None, 'R'])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import polars as pl

from bemanna.analysis.extract import Issue, _Refused, normalise_header, read_table

COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("enhetskod", "kod", "code", "unitcode", "enhet", "kostnadsställe", "kst"),
    "name": ("enhetsnamn", "namn", "name", "unitname", "benämning"),
    "parent_code": ("överordnad", "överordnadenhet", "förälder", "parent", "parentcode"),
    "level": ("nivå", "level", "typ"),
    "manager": ("chef", "manager", "chefanvändare", "managerusername"),
}
DISPLAY = {
    "code": "Enhetskod",
    "name": "Enhetsnamn",
    "parent_code": "Överordnad",
    "level": "Nivå",
    "manager": "Chef",
}
LEVELS = {
    "region": ("region",),
    "forvaltning": ("förvaltning", "forvaltning", "administration"),
    "omrade": ("område", "omrade", "area"),
    "verksamhet": ("verksamhet", "operation", "klinik"),
    "enhet": ("enhet", "unit", "avdelning"),
}
_LOOKUP = {normalise_header(w): key for key, words in COLUMNS.items() for w in words}
_LEVELS = {normalise_header(w): key for key, words in LEVELS.items() for w in words}


@dataclass(frozen=True)
class UnitTreeResult:
    filename: str
    frame: pl.DataFrame | None
    issues: tuple[Issue, ...]
    rows: int
    # Whether the file has a Chef column: only then does an empty cell remove a manager.
    has_manager: bool = False

    @property
    def ok(self) -> bool:
        return not self.issues and self.frame is not None


def read_unit_tree(
    source: str | Path | IO[bytes],
    *,
    filename: str | None = None,
    existing_codes: Iterable[str] = (),
    usernames: Iterable[str] | None = None,
    non_managers: Mapping[str, str] | None = None,
    max_bytes: int | None = None,
) -> UnitTreeResult:
    """Return the unit rows in parent-before-child order, or every issue found.
    `non_managers`: user name → role label of the users whose role is not manager."""
    name = filename or (Path(source).name if isinstance(source, str | Path) else "upload")
    data = Path(source).read_bytes() if isinstance(source, str | Path) else source.read()
    try:
        raw = read_table(data, name, max_bytes=max_bytes)
    except _Refused as refused:
        return UnitTreeResult(name, None, (refused.issue,), 0)
    issues: list[Issue] = []
    mapping: dict[str, str] = {}
    for header in raw.columns:
        canonical = _LOOKUP.get(normalise_header(header))
        if canonical is None:
            known = ", ".join(DISPLAY.values())
            issues.append(Issue(name, 1, header, None, "unknown_header", {"known": known}))
        elif canonical in mapping.values():
            issues.append(Issue(name, 1, header, None, "duplicate_header"))
        else:
            mapping[header] = canonical
    for column in ("code", "name"):
        if column not in mapping.values():
            issues.append(Issue(name, 1, DISPLAY[column], None, "missing_column"))
    if issues:
        return UnitTreeResult(name, None, tuple(issues), raw.height)
    if raw.height == 0:
        return UnitTreeResult(name, None, (Issue(name, None, None, None, "no_rows"),), 0)
    frame = raw.select(
        [pl.col(h).str.strip_chars().replace("", None).alias(c) for h, c in mapping.items()]
    ).with_row_index("row", offset=2)
    for column in COLUMNS:
        if column not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(column))

    known_users = set(usernames) if usernames is not None else None
    first_row: dict[str, int] = {}
    parents: dict[str, str | None] = {}
    levels: list[str | None] = []
    for row, code, unit_name, parent, level, manager in frame.select(
        "row", "code", "name", "parent_code", "level", "manager"
    ).iter_rows():
        for column, value in (
            ("code", code),
            ("name", unit_name),
            ("parent_code", parent),
            ("manager", manager),
        ):
            if value is not None and value[:1] in ("=", "@", "+", "-"):
                issues.append(Issue(name, row, DISPLAY[column], value, "formula"))
        if code is None:
            issues.append(Issue(name, row, DISPLAY["code"], None, "required"))
        elif code in first_row:
            issues.append(
                Issue(
                    name, row, DISPLAY["code"], code, "duplicate_code", {"first": first_row[code]}
                )
            )
        else:
            first_row[code] = row
            parents[code] = parent
        if unit_name is None:
            issues.append(Issue(name, row, DISPLAY["name"], None, "required"))
        mapped = _LEVELS.get(normalise_header(level)) if level else "enhet"
        if mapped is None:
            issues.append(Issue(name, row, DISPLAY["level"], level, "bad_level"))
        levels.append(mapped)
        if manager is not None and known_users is not None and manager not in known_users:
            issues.append(Issue(name, row, DISPLAY["manager"], manager, "unknown_manager"))
        elif manager is not None and non_managers and manager in non_managers:
            issues.append(
                Issue(
                    name,
                    row,
                    DISPLAY["manager"],
                    manager,
                    "not_a_manager",
                    {"user": manager, "role": non_managers[manager]},
                )
            )
    existing = set(existing_codes)
    for code, parent in parents.items():
        if parent is not None and parent not in parents and parent not in existing:
            issues.append(
                Issue(name, first_row[code], DISPLAY["parent_code"], parent, "unknown_parent")
            )
    order = _parent_first(parents)
    for code in parents:
        if code not in order and parents[code] in parents:
            issues.append(
                Issue(
                    name,
                    first_row[code],
                    DISPLAY["parent_code"],
                    parents[code],
                    "unit_cycle",
                    {"codes": code},
                )
            )
    if issues:
        issues.sort(key=lambda issue: issue.row or 0)
        return UnitTreeResult(name, None, tuple(issues), frame.height)
    has_manager = "manager" in mapping.values()
    rank = {code: index for index, code in enumerate(order)}
    frame = frame.with_columns(pl.Series("level", levels, dtype=pl.String)).with_columns(
        pl.col("code").replace_strict(rank, return_dtype=pl.Int64).alias("_order")
    )
    return UnitTreeResult(
        name,
        frame.sort("_order").select("code", "name", "parent_code", "level", "manager", "row"),
        (),
        frame.height,
        has_manager,
    )


def _parent_first(parents: dict[str, str | None]) -> list[str]:
    """Codes ordered so that every parent in the file comes before its children."""
    children: dict[str | None, list[str]] = {}
    for code, parent in parents.items():
        key = parent if parent in parents else None
        children.setdefault(key, []).append(code)
    order: list[str] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        code = stack.pop()
        order.append(code)
        stack.extend(reversed(children.get(code, [])))
    return order
