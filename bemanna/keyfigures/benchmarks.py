"""Benchmarks: other regions' published key figures from Kolada beside the region's own, and
the region's HME in the form it is reported to Kolada. Files in, files out: no network.

The KPIs read are those the table of figures names (`figures.KeyFigure.kolada`); the file's
form is in `bemanna/analysis/benchmarks.py` and the README.
"""

from __future__ import annotations

import csv
import hashlib
import io
from typing import IO

import polars as pl
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from bemanna import report as spec
from bemanna.analysis import benchmarks as engine
from bemanna.audit.models import AuditEntry, log_action
from bemanna.keyfigures import figures as figures_table
from bemanna.keyfigures.models import Benchmark
from bemanna.org.models import Unit
from bemanna.workforce.models import ImportBatch
from bemanna.workforce.services import ImportRefused, ImportReport

FIELDS = ("kpi", "area", "area_name", "year", "gender", "value")


def import_benchmarks(
    source: IO[bytes],
    *,
    filename: str,
    actor=None,
    dry_run: bool = False,
    is_demo: bool = False,
    **_options,
) -> ImportReport:
    """Import Kolada's published figures, all or nothing; a row with the same KPI, area,
    year and gender as one stored replaces it. Raises ImportRefused with every problem."""
    data = source.read()
    kpis = {key: row.kolada_scale for key, row in figures_table.benchmarked().items()}
    result = engine.read(data, filename, kpis=kpis)
    if not result.ok:
        log_action(
            actor,
            AuditEntry.Action.IMPORT_REFUSED,
            scope=filename,
            kind="kolada",
            issues=len(result.issues),
        )
        raise ImportRefused(result.issues)
    frame = result.frame
    assert frame is not None
    report = ImportReport(filename, result.rows, dry_run=dry_run)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            kind=ImportBatch.Kind.KOLADA,
            filename=filename[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            created_by=actor if getattr(actor, "pk", None) else None,
            is_demo=is_demo,
            rows=result.rows,
        )
        stored = {
            (kpi, area, year, gender): pk
            for pk, kpi, area, year, gender in Benchmark.objects.values_list(
                "pk", "kpi", "area", "year", "gender"
            )
        }
        new, changed = [], []
        for row in frame.select(FIELDS).iter_rows(named=True):
            pk = stored.get((row["kpi"], row["area"], row["year"], row["gender"]))
            target = new if pk is None else changed
            target.append(Benchmark(pk=pk, batch=batch, **row))
        Benchmark.objects.bulk_create(new, batch_size=2000)
        Benchmark.objects.bulk_update(changed, ["area_name", "value", "batch"], batch_size=2000)
        report.created, report.updated = len(new), len(changed)
        ImportBatch.objects.filter(pk=batch.pk).update(
            created_count=report.created, updated_count=report.updated
        )
        # Rows without a value, and genders the figures do not use, are read but not kept.
        report.extra["rows"] = frame.height
        report.extra["skipped"] = result.rows - frame.height
        if dry_run:
            transaction.set_rollback(True)
    log_action(
        actor,
        AuditEntry.Action.IMPORT,
        scope=filename,
        kind="kolada",
        dry_run=dry_run,
        rows=report.rows,
        created=report.created,
        updated=report.updated,
    )
    return report


def national(year: int) -> dict[str, dict]:
    """Figure name → {nation, median, regions} for a year, from the stored Kolada rows."""
    rows = pl.DataFrame(
        list(Benchmark.objects.filter(year=year).values_list("kpi", "area", "gender", "value")),
        schema={"kpi": pl.String, "area": pl.String, "gender": pl.String, "value": pl.Float64},
        orient="row",
    )
    compared = engine.compare(rows)
    return {
        row.name: compared[key]
        for key, row in figures_table.benchmarked().items()
        if key in compared
    }


def over_years(name: str) -> dict[int, dict]:
    """Year → {nation, median, regions} of one figure, for every year imported."""
    row = figures_table.FIGURES[name]
    if not row.kolada:
        return {}
    kpi, gender = row.kolada
    rows = pl.DataFrame(
        list(
            Benchmark.objects.filter(kpi=kpi, gender=gender).values_list(
                "year", "kpi", "area", "gender", "value"
            )
        ),
        schema={
            "year": pl.Int64,
            "kpi": pl.String,
            "area": pl.String,
            "gender": pl.String,
            "value": pl.Float64,
        },
        orient="row",
    )
    return {
        int(year): engine.compare(group.drop("year"))[(kpi, gender)]
        for (year,), group in rows.group_by(["year"])
    }


def comparison(result: dict) -> list[dict]:
    """The rows of the comparison for a key-figure summary (`summary.summary`): each figure
    Kolada publishes, the unit's value as the page shows it (None where hidden) beside the
    nation and the median region. Empty when nothing for the year was imported."""
    published = national(result["year"])
    if not published:
        return []
    own = {**result["figures"], **result["values"]}
    return [
        {
            "figure": row,
            "value": own.get(row.column),
            **published.get(row.name, {"nation": None, "median": None, "regions": 0}),
        }
        for row in figures_table.benchmarked().values()
    ]


def turnover_caveat() -> str:
    """Why Bemanna's turnover and Kolada's N60084 are not the same figure (the README's)."""
    return _(
        "Turnover: Bemanna counts every monthly-paid person who left per average headcount, "
        "Kolada (%(kpi)s) permanent staff who left per permanent staff: read that row as an "
        "indication, not as the same figure."
    ) % {"kpi": figures_table.KOLADA["turnover"]}


def _turnover_published(row: dict) -> bool:
    return row["figure"].name == "turnover" and (
        row["nation"] is not None or row["median"] is not None
    )


def section(result: dict, rows: list[dict]) -> spec.Section:
    """The comparison as a report section: the page and the board report draw this one."""
    from bemanna.keyfigures.board import number  # the figures' kinds; board is this app's

    def shown(row: dict, value) -> spec.Number:
        return number(row["figure"].name, value)

    text = _(
        "Kolada's published figures for %(year)s: the whole country and the median of the "
        "regions that published the figure (imported from a Kolada file)."
    ) % {"year": result["year"]}
    if any(_turnover_published(row) for row in rows):
        text += " " + turnover_caveat()
    return spec.Section(
        _("Compared with other regions"),
        text,
        tables=[
            spec.Table(
                [
                    spec.Column(_("Figure")),
                    spec.Column(result["unit"].name, "decimal"),
                    spec.Column(_("The country"), "decimal"),
                    spec.Column(_("Median region"), "decimal"),
                    spec.Column(_("Regions"), "int"),
                ],
                [
                    [
                        str(row["figure"].label),
                        shown(row, row["value"]),
                        shown(row, row["nation"]),
                        shown(row, row["median"]),
                        row["regions"],
                    ]
                    for row in rows
                ],
                html_id="benchmarks",
            )
        ],
        sheet=_("Key figures"),
        html_id="benchmarks",
    )


# --- The region's HME for Kolada ---

HME_COLUMNS = ("hme", "hme_motivation", "hme_leadership", "hme_governance")


def hme_rows(year: int) -> list[dict]:
    """The whole region's HME of the year's last closed wave asking everyone in the region
    (`summary.region_wave`), as the pulse's rules show it (an index under the threshold is
    left out). Overall only: an answer is not kept with the
    answerer's sex, so HME by sex cannot be computed without weakening the anonymity."""
    from bemanna.keyfigures.summary import ambassadorship

    region = Unit.objects.region()
    found = ambassadorship(region, year, region_wide=True) if region else None
    if not found or not found["parts"]:
        return []
    parts = found["parts"]
    if parts.get("hme") is None:
        return []
    return [
        {
            "year": year,
            "area": settings.KOLADA_AREA,
            "area_name": region.name if region else "",
            "gender": "T",
            **{name: parts.get(name) for name in HME_COLUMNS},
        }
    ]


def hme_csv(year: int) -> bytes:
    """The HME file: one row a year and gender, semicolon-separated UTF-8 with a BOM (Excel
    opens it as is). Columns: År; Område-id; Område; Kön; HME totalindex; Motivation;
    Ledning; Styrning. To be checked against SKR's current reporting template. Without a wave
    asking everyone in the region that year, one line says so instead."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        ["År", "Område-id", "Område", "Kön", "HME totalindex", "Motivation", "Ledning", "Styrning"]
    )
    rows = hme_rows(year)
    if not rows and not _region_wide(year):
        # Not an empty file that could pass for "too few answers": say why there is none.
        message = _(
            "No survey asking everyone in the region closed in %(year)s: there is no "
            "region-wide HME for the year."
        )
        writer.writerow([spec.csv_cell(message % {"year": year})])
    for row in rows:
        writer.writerow(
            [
                row["year"],
                spec.csv_cell(row["area"]),
                spec.csv_cell(row["area_name"]),
                row["gender"],
                *(_index(row[name]) for name in HME_COLUMNS),
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode()


def _region_wide(year: int) -> bool:
    from bemanna.keyfigures.summary import region_wave

    region = Unit.objects.region()
    return region is not None and region_wave(region, year) is not None


def _index(value: float | None) -> str:
    """An index in whole points, as the pulse already rounded it (`coarsen.publish_mean`)."""
    return "" if value is None else f"{value:.0f}"
