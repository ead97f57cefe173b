"""`make bench`: speed and memory of the importer on a generated region, with references.

Each figure is measured in a fresh subprocess (so peak memory is that step's own) and printed
next to its references: the time the same reader needs just to read the file, and, for the
import, the database's own bulk-write floor for the same work (the file read raw plus the
very rows the import stored written with executemany, `_floor`). Goals: validation ≤ 3× the
reader; the import ≤ 1.5× the floor; peak memory < 2 GB for 300,000 employments.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

from bemanna.bench import peak_mb

ROWS = 300_000
TODAY = datetime.date(2026, 6, 30)


def _peak_mb() -> float:
    return peak_mb()


def _measure(step: str, path: Path) -> dict[str, float]:
    """Run one step in this process and return its time and peak memory."""
    import polars as pl

    if step == "reader":
        from bemanna.analysis.extract import read_table

        data = path.read_bytes()
        start = time.perf_counter()
        frame = read_table(data, path.name)
        seconds = time.perf_counter() - start
        assert frame.height == ROWS, frame.height
    elif step == "read":
        data = path.read_bytes()
        start = time.perf_counter()
        if path.suffix == ".xlsx":
            import fastexcel

            frame = fastexcel.read_excel(data).load_sheet(0, dtypes="string").to_polars()
        else:
            frame = pl.read_csv(data.decode("cp1252").encode(), separator=";", infer_schema=False)
        seconds = time.perf_counter() - start
        assert frame.height == ROWS, frame.height
    elif step == "validate":
        from bemanna.analysis.extract import read_extract

        start = time.perf_counter()
        result = read_extract(path, pseudonym_key=b"bench", today=TODAY)
        seconds = time.perf_counter() - start
        assert result.ok and result.frame is not None and result.frame.height == ROWS
    elif step == "import":
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bemanna.settings")
        django.setup()
        from django.core.management import call_command

        from bemanna.workforce import services

        call_command("migrate", verbosity=0)
        with (path.parent / "enheter.csv").open("rb") as handle:
            services.import_units(handle, filename="enheter.csv")
        start = time.perf_counter()
        with path.open("rb") as handle:
            report = services.import_employments(handle, filename=path.name, today=TODAY)
        seconds = time.perf_counter() - start
        assert report.created == ROWS, report
    elif step == "floor":
        seconds = _floor(path)
    else:
        raise ValueError(step)
    return {"seconds": seconds, "peak_mb": _peak_mb()}


def _floor(path: Path) -> float:
    """The database's own bulk-write floor for the same work: the file read raw, and the very
    rows the import stored written back with one executemany per table in one transaction."""
    import django
    import polars as pl

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bemanna.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from bemanna.workforce import services
    from bemanna.workforce.models import Employment, Person

    call_command("migrate", verbosity=0)
    with (path.parent / "enheter.csv").open("rb") as handle:
        services.import_units(handle, filename="enheter.csv")
    with path.open("rb") as handle:
        services.import_employments(handle, filename=path.name, today=TODAY)
    tables = []
    for model in (Person, Employment):  # parents first
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (a model's own table)
            columns = [column[0] for column in cursor.description]
            tables.append((table, columns, cursor.fetchall()))
    with transaction.atomic(), connection.cursor() as cursor:
        for table, _columns, _rows in reversed(tables):
            cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608
    data = path.read_bytes()
    start = time.perf_counter()
    if path.suffix == ".xlsx":
        import fastexcel

        fastexcel.read_excel(data).load_sheet(0, dtypes="string").to_polars()
    else:
        pl.read_csv(data.decode("cp1252").encode(), separator=";", infer_schema=False)
    with transaction.atomic(), connection.cursor() as cursor:
        for table, columns, rows in tables:
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)  # noqa: S608
    return time.perf_counter() - start


def _run(step: str, path: Path, env: dict[str, str] | None = None) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-m", "bemanna.bench.imports", "--measure", step, str(path)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def _generate(directory: Path) -> tuple[Path, Path]:
    from bemanna.analysis import demo

    csv, xlsx = directory / "anstallningar.csv", directory / "anstallningar.xlsx"
    if csv.exists() and xlsx.exists():
        return csv, xlsx
    print(f"Generating {ROWS:,} employments (once; kept in {directory}) …", flush=True)
    region = demo.build_region(employees=170_000, seed=11, today=TODAY)
    # Only rows the import keeps: an employment that ended more than ten years (the default
    # retention) before the day is left out (`workforce.retention`), and the floor must
    # write the same rows as the import.
    cutoff = TODAY.replace(year=TODAY.year - 10)
    end = pl.col("Slutdatum")  # ISO dates as text, so they compare as dates
    kept = region.employments.filter(end.is_null() | (end >= cutoff.isoformat()))
    frame = kept.head(ROWS)
    assert frame.height == ROWS, "the generated region is too small"
    region.units.write_csv(directory / "enheter.csv", separator=";")
    demo.write_extract(frame, str(csv))
    demo.write_xlsx(frame, str(xlsx))
    return csv, xlsx


def run(directory: Path) -> None:
    csv, xlsx = _generate(directory)
    print(
        f"Import of {ROWS:,} employments (goals: validate ≤ 3× the reader, import ≤ 1.5× "
        "the bulk-write floor, peak < 2048 MB)"
    )
    header = (
        f"{'file':<6} {'step':<26} {'seconds':>8} {'peak MB':>8} {'× raw read':>10} "
        f"{'× reader':>10} {'× floor':>8}"
    )
    print(header)
    print("-" * len(header))
    for path in (csv, xlsx):
        kind = path.suffix.lstrip(".").upper()
        raw = _run("read", path)
        reader = _run("reader", path)
        print(
            f"{kind:<6} {'raw read (polars/calamine)':<26} {raw['seconds']:8.2f} "
            f"{raw['peak_mb']:8.0f}"
        )
        print(
            f"{kind:<6} {'reader: decode + read':<26} {reader['seconds']:8.2f} "
            f"{reader['peak_mb']:8.0f}"
        )
        with tempfile.TemporaryDirectory() as tmp:
            database = {"DATABASE_URL": f"sqlite:///{tmp}/floor.sqlite3", "BEMANNA_DEBUG": "1"}
            floor = _run("floor", path, database)
        print(
            f"{kind:<6} {'floor: read + executemany':<26} {floor['seconds']:8.2f} "
            f"{floor['peak_mb']:8.0f}"
        )
        with tempfile.TemporaryDirectory() as tmp:
            database = {"DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "BEMANNA_DEBUG": "1"}
            for step, label, env in (
                ("validate", "read + validate", None),
                ("import", "import into SQLite", database),
            ):
                figure = _run(step, path, env)
                versus_floor = (
                    f"{figure['seconds'] / floor['seconds']:8.2f}" if step == "import" else ""
                )
                print(
                    f"{kind:<6} {label:<26} {figure['seconds']:8.2f} "
                    f"{figure['peak_mb']:8.0f} {figure['seconds'] / raw['seconds']:10.1f} "
                    f"{figure['seconds'] / reader['seconds']:10.1f} {versus_floor}"
                )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--measure", nargs=2, metavar=("STEP", "FILE"), required=True)
    args = parser.parse_args()
    print(json.dumps(_measure(args.measure[0], Path(args.measure[1]))))


if __name__ == "__main__":
    main()
