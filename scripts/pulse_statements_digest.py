"""Every figure the pulse's per-statement path gives, for every wave and unit, as one digest.

Run it from two checkouts against the same database (DATABASE_URL), each with its own
BEMANNA_DATA_DIR (the shared cache must not hand one the other's results), to show that a
change gives the same results bit for bit: each unit's statements with the change since the
wave before, the eNPS distributions and the key-driver analysis of every unit where it runs
(every field, floats by their exact hex; `--region-drivers`: the region's only, much
faster). Prints the digest and how many lines it covers; `--dump FILE` writes them out to
compare line by line.

    DATABASE_URL=postgresql://… python scripts/pulse_statements_digest.py
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import sys
from pathlib import Path


def _plain(value: object) -> object:
    """A value with every float as its exact hex, so equal output means equal bits."""
    if isinstance(value, float):
        return value.hex()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,) + tuple(
            (f.name, _plain(getattr(value, f.name))) for f in dataclasses.fields(value)
        )
    if isinstance(value, list | tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _plain(v)) for k, v in value.items())
    if hasattr(value, "pk"):  # a model instance: its key
        return (type(value).__name__, value.pk)
    return value


def lines(every_unit: bool = True) -> list[str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bemanna.settings")
    import django

    django.setup()
    from django.core.cache import cache

    from bemanna.org.models import Unit
    from bemanna.pulse.models import Wave
    from bemanna.pulse.results import wave_reports
    from bemanna.pulse.statements import StatementReport, driver_analysis

    cache.clear()
    units = list(Unit.objects.order_by("pk"))
    waves = list(Wave.objects.select_related("pulse").order_by("opens", "pk"))
    reports = wave_reports(waves)
    out: list[str] = []
    before = None
    for wave in waves:
        report = StatementReport(reports[wave.pk])
        for unit in units:
            out.append(repr((wave.pk, unit.pk, _plain(report.statements(unit, before)))))
            out.append(repr((wave.pk, unit.pk, _plain(report.enps_distribution(unit)))))
        for unit in units if every_unit else [u for u in units if u.parent_id is None]:
            found = driver_analysis(reports[wave.pk], unit)
            if found.drivers is not None or unit.parent_id is None:
                out.append(repr((wave.pk, unit.pk, _plain(found))))
        before = report
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dump", type=Path)
    parser.add_argument(
        "--region-drivers", action="store_true", help="the key drivers of the region only"
    )
    args = parser.parse_args()
    found = lines(every_unit=not args.region_drivers)
    text = "\n".join(found)
    if args.dump:
        args.dump.write_text(text)
    print(hashlib.sha256(text.encode()).hexdigest(), len(found), file=sys.stdout)


if __name__ == "__main__":
    main()
