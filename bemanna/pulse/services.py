"""Pulse workflows: open a wave, take an answer exactly once, compute what may be shown."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import polars as pl
from django.db import transaction
from django.db.models import Count

from bemanna.analysis import enps
from bemanna.analysis.disclosure import subtree_totals, visible_units
from bemanna.audit.models import AuditEntry, log_action
from bemanna.org.models import Unit
from bemanna.pulse.models import (
    Invitation,
    ItemAnswer,
    Pulse,
    Response,
    Wave,
    WaveStatus,
    hash_token,
    new_token,
)
from bemanna.workforce.models import Employment, EmploymentForm


class AnswerRefused(Exception):
    """Why an invitation cannot be used: 'unknown', 'used' or 'closed'."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@transaction.atomic
def open_wave(pulse: Pulse, opens: datetime.date, *, actor=None) -> tuple[Wave, dict[int, str]]:
    """Start a wave: one invitation per monthly-paid person in the pulse's units.

    Returns the wave and each invitation's code (invitation id → code). The codes are not
    stored anywhere, only their hashes: they must go out (e-mail, printed sheets) now.
    """
    wave = Wave.objects.create(
        pulse=pulse, opens=opens, closes=opens + datetime.timedelta(days=pulse.window_days - 1)
    )
    paths = [unit.path for unit in pulse.units.all()]
    active = (
        Employment.objects.filter(start__lte=opens)
        .exclude(end__lt=opens)
        .exclude(form=EmploymentForm.HOURLY)
        .order_by("person_id", "-rate")
        .values_list("person_id", "unit_id", "unit__path")
    )
    chosen: dict[int, int] = {}
    for person, unit, path in active:
        if person not in chosen and any(path.startswith(p) for p in paths):
            chosen[person] = unit  # the person's largest employment decides the unit
    codes = {person: new_token() for person in chosen}
    Invitation.objects.bulk_create(
        Invitation(wave=wave, person_id=person, unit_id=unit, token_hash=hash_token(codes[person]))
        for person, unit in chosen.items()
    )
    invitations = dict(wave.invitations.values_list("person_id", "pk"))
    log_action(
        actor, AuditEntry.Action.PULSE_WAVE_OPENED, scope=pulse.name, invitations=len(chosen)
    )
    return wave, {invitations[person]: code for person, code in codes.items()}


def find_invitation(code: str, today: datetime.date) -> Invitation:
    """The open, unused invitation behind a code, or AnswerRefused saying why not."""
    invitation = (
        Invitation.objects.select_related("wave").filter(token_hash=hash_token(code)).first()
    )
    if invitation is None:
        raise AnswerRefused("unknown")
    if invitation.used:
        raise AnswerRefused("used")
    wave = invitation.wave
    if wave.status != WaveStatus.OPEN or not wave.opens <= today <= wave.closes:
        raise AnswerRefused("closed")
    return invitation


def submit_answer(
    invitation_id: int,
    *,
    score: int,
    items: dict[str, int],
    comment: str,
    language: str,
    today: datetime.date,
) -> None:
    """Store one answer for an invitation, exactly once, however often it is posted.

    Marking the invitation used is a compare-and-set inside the same transaction as the
    answer: of any number of simultaneous posts, one sees `used=False` and writes; the rest
    are refused. The answer row is not linked to the invitation.
    """
    enps.classify(score)  # refuses a score outside 0–10
    with transaction.atomic():
        invitation = Invitation.objects.select_related("wave").get(pk=invitation_id)
        wave = invitation.wave
        if wave.status != WaveStatus.OPEN or not wave.opens <= today <= wave.closes:
            raise AnswerRefused("closed")
        # The hash stays until the window closes, so a second try meets "already used".
        claimed = Invitation.objects.filter(pk=invitation_id, used=False).update(used=True)
        if claimed != 1:
            raise AnswerRefused("used")
        response = Response.objects.create(
            wave=wave,
            unit_id=invitation.unit_id,
            enps=score,
            comment=comment.strip()[:4000],
            language=language,
        )
        ItemAnswer.objects.bulk_create(
            ItemAnswer(response=response, item=item, value=value)
            for item, value in items.items()
            if value is not None
        )


@dataclass(frozen=True)
class UnitResult:
    unit: Unit
    invited: int
    answered: int | None  # None when hidden: even a count is not shown under k
    score: enps.Score | None  # None when hidden (fewer than k, or derivable)

    @property
    def response_rate(self) -> float | None:
        if self.answered is None or not self.invited:
            return None
        return self.answered / self.invited


def wave_counts(wave: Wave) -> pl.DataFrame:
    """Per unit (own answers only): invited, promoters, passives, detractors."""
    invited = dict(
        wave.invitations.values("unit_id").annotate(n=Count("id")).values_list("unit_id", "n")
    )
    rows = {}
    for unit_id, score in wave.responses.values_list("unit_id", "enps"):
        kind = enps.classify(score)
        counts = rows.setdefault(unit_id, {"promoter": 0, "passive": 0, "detractor": 0})
        counts[kind] += 1
    units = set(invited) | set(rows)
    return pl.DataFrame(
        [
            (
                u,
                invited.get(u, 0),
                rows.get(u, {}).get("promoter", 0),
                rows.get(u, {}).get("passive", 0),
                rows.get(u, {}).get("detractor", 0),
            )
            for u in units
        ],
        schema={
            "unit_id": pl.Int64,
            "invited": pl.Int64,
            "promoters": pl.Int64,
            "passives": pl.Int64,
            "detractors": pl.Int64,
        },
        orient="row",
    )


def results(wave: Wave, units: list[Unit]) -> dict[int, UnitResult]:
    """eNPS per requested unit (each covering its subtree), hidden where disclosure forbids.

    What may be shown is decided once for the whole region's tree, so every user sees a part
    of one safe set and nothing can be derived by combining two users' or two pages' views.
    """
    counts = wave_counts(wave)
    tree = dict(Unit.objects.values_list("pk", "parent_id"))
    units_with_counts = counts["unit_id"].to_list()

    def per_subtree(column: str) -> dict:
        own = dict(zip(units_with_counts, counts[column].to_list(), strict=True))
        return subtree_totals(tree, own)

    promoters, passives, detractors, invited = (
        per_subtree(c) for c in ("promoters", "passives", "detractors", "invited")
    )
    answers = counts.select(pl.col("promoters") + pl.col("passives") + pl.col("detractors"))
    own_answers = dict(zip(units_with_counts, answers.to_series().to_list(), strict=True))
    shown = visible_units(tree, own_answers, k=wave.pulse.min_answers)
    out = {}
    for unit in units:
        p, a, d, n = promoters[unit.pk], passives[unit.pk], detractors[unit.pk], invited[unit.pk]
        answered = p + a + d
        score = (
            enps.enps(p, a, d, population=max(n, answered))
            if unit.pk in shown and answered
            else None
        )
        out[unit.pk] = UnitResult(unit, n, answered if score else None, score)
    return out
