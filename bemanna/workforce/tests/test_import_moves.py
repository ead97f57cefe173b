"""A reorganisation through the HR extract (an insider's side finding): without an
Anställnings-ID column an employment's key holds its unit, so an extract that puts three
nurses in a new ward with the same start date added a second open employment beside the
first, which stayed open for ever: the clinic's FTE counted their rates twice, and erasing
them later was refused. A row the extract no longer has and a new one of the same person and
start, each the only one, is now the same employment, moved."""

import datetime
import io

from bemanna.conftest import EXTRACT_ROWS, TODAY, extract_csv
from bemanna.workforce import services
from bemanna.workforce.models import Employment

POST_C = "1002;1985;M;C;532101;Undersköterska;Undersköterskor;Tillsvidare;24,5;2018-01-01;;"


def _import(rows):
    return services.import_employments(
        io.BytesIO(extract_csv(rows)), filename="hr.csv", today=TODAY
    )


def test_a_nurse_moved_to_another_ward_is_moved_not_doubled(org):
    _import(EXTRACT_ROWS)
    before = Employment.objects.count()
    moved = [row.replace("1001;1970;K;A;", "1001;1970;K;B;") for row in EXTRACT_ROWS]
    report = _import(moved)
    assert Employment.objects.count() == before
    nurse = Employment.objects.get(start=datetime.date(2015, 3, 1))
    assert nurse.unit.code == "B" and nurse.end is None
    assert (report.created, report.updated) == (0, 1)
    # Importing the same file again changes nothing.
    again = _import(moved)
    assert (again.created, again.updated) == (0, 0)


def test_one_of_two_posts_moved_is_moved(org):
    # 1002 has two part-time posts from the same day; one moves from A to B: the one the
    # extract no longer has is the one the new row continues.
    rows = [*EXTRACT_ROWS, POST_C]
    _import(rows)
    before = Employment.objects.count()
    report = _import([row.replace("1002;1985;M;A;", "1002;1985;M;B;") for row in rows])
    assert (report.created, report.updated) == (0, 1)
    assert Employment.objects.count() == before
    units = Employment.objects.filter(start=datetime.date(2018, 1, 1)).values_list(
        "unit__code", flat=True
    )
    assert sorted(units) == ["B", "C"]


def test_two_posts_moved_at_once_are_not_guessed_at(org):
    # Both move (A to B, C to F): which old post became which new one is not known, so
    # nothing is taken for a move, and the extract's rows are added as they come.
    rows = [*EXTRACT_ROWS, POST_C]
    _import(rows)
    before = Employment.objects.count()
    changed = [
        row.replace("1002;1985;M;A;", "1002;1985;M;B;").replace("1002;1985;M;C;", "1002;1985;M;F;")
        for row in rows
    ]
    report = _import(changed)
    assert (report.created, report.updated) == (2, 0)
    assert Employment.objects.count() == before + 2
