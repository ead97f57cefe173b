"""Import a population projection (all or nothing) and build Region Demo's."""

from __future__ import annotations

from django.db import transaction

from bemanna.analysis.forecast.population import demo_projection, read_projection
from bemanna.audit.models import AuditEntry, log_action
from bemanna.forecast.models import PopulationFigure, PopulationProjection


class ProjectionRefused(Exception):
    def __init__(self, issues) -> None:
        super().__init__(f"{len(issues)} problem(s)")
        self.issues = tuple(issues)


@transaction.atomic
def import_projection(
    data: bytes, *, filename: str, name: str, source: str = "", actor=None, is_demo: bool = False
) -> PopulationProjection:
    frame, issues = read_projection(data, filename)
    if issues or frame is None:
        log_action(
            actor,
            AuditEntry.Action.IMPORT_REFUSED,
            scope=filename,
            kind="population",
            issues=len(issues),
        )
        raise ProjectionRefused(issues)
    projection = PopulationProjection.objects.create(name=name, source=source, is_demo=is_demo)
    PopulationFigure.objects.bulk_create(
        PopulationFigure(projection=projection, year=year, age_group=group, population=count)
        for year, group, count in frame.iter_rows()
    )
    log_action(
        actor, AuditEntry.Action.IMPORT, scope=filename, kind="population", rows=frame.height
    )
    return projection


def demo_projection_csv(first_year: int, last_year: int) -> bytes:
    """Region Demo's county projection as the CSV a user would import."""
    frame = demo_projection(first_year, last_year)
    lines = ["År;Åldersgrupp;Antal"] + [f"{y};{g};{n}" for y, g, n in frame.iter_rows()]
    return ("\n".join(lines) + "\n").encode()
