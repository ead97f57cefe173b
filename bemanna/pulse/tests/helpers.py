"""Building blocks for pulse tests: staff in a unit, codes for a wave, answers."""

from __future__ import annotations

import datetime
import itertools

from django.urls import reverse

from bemanna.org.models import Level, Unit
from bemanna.pulse import services
from bemanna.pulse.models import InvitationCode, Wave
from bemanna.workforce.models import Employment, Person, Profession

_serial = itertools.count(1)


def make_tree(tree: dict[str, str | None]) -> dict[str, Unit]:
    """Units from a child → parent map (parents first), the root a region: by code."""
    units: dict[str, Unit] = {}
    for code, parent in tree.items():
        units[code] = Unit.objects.create(
            code=code,
            name=f"Enhet {code}",
            level=Level.REGION if parent is None else Level.UNIT,
            parent=units[parent] if parent else None,
        )
    return units


def staffed_tree(
    tree: dict[str, str | None],
    staff: dict[str, dict[str, int]],
    born: dict[tuple[str, str], int] | None = None,
) -> dict[str, Unit]:
    """`make_tree(tree)` with `staff[code][group]` people in each unit (born 1980 unless
    `born[(code, group)]` says otherwise): the attacker tests' small regions."""
    units = make_tree(tree)
    for code, groups in staff.items():
        for group, n in groups.items():
            add_staff(units[code], n, group=group, born=(born or {}).get((code, group), 1980))
    return units


def add_staff(
    unit,
    count: int,
    *,
    rate: float = 100,
    born: int = 1980,
    group: str = "Sjuksköterskor",
    email: bool = True,
    form: str = "permanent",
) -> list[Person]:
    profession, _ = Profession.objects.get_or_create(
        code=f"P-{group}", defaults={"name": group, "skr_group": group}
    )
    people = []
    for _ in range(count):
        number = next(_serial)
        person = Person.objects.create(
            pseudonym=f"test-{number}",
            birth_year=born,
            sex="K",
            email=f"person{number}@region.test" if email else "",
        )
        Employment.objects.create(
            key=f"test-{number}",
            person=person,
            unit=unit,
            profession=profession,
            form=form,
            rate=rate,
            start=datetime.date(2015, 1, 1),
        )
        people.append(person)
    return people


def unused(wave: Wave):
    """The wave's invitations not used yet, by id (while open: without a claim)."""
    used = services.used_invitations(wave) if wave.status == "open" else set()
    return wave.invitations.filter(used=False).exclude(pk__in=used).order_by("pk")


def codes_for(wave: Wave, unit=None) -> dict[int, str]:
    """A code for every unused invitation (of a unit's subtree): invitation id → code."""
    invitations = unused(wave)
    if unit is not None:
        invitations = invitations.filter(unit__path__startswith=unit.path)
    return services.issue_codes(list(invitations), InvitationCode.Kind.EMAIL)


def open_link(client, code: str):
    """What the invitation link does in a browser: the code page's script posts the code
    it finds after '#' (the test client cannot run the script, so it posts it itself)."""
    return client.post(reverse("pulse:code"), {"code": code})


def answer(
    wave: Wave,
    scores: list[int],
    *,
    unit=None,
    items: dict[str, int] | None = None,
    comment: str = "",
) -> None:
    """Answer with the given scores, one invitation each, in the wave's window."""
    invitations = unused(wave)
    if unit is not None:
        invitations = invitations.filter(unit=unit)
    chosen = list(invitations.values_list("pk", flat=True)[: len(scores)])
    assert len(chosen) == len(scores), "not enough invitations for the answers"
    for invitation_id, score in zip(chosen, scores, strict=True):
        services.submit_answer(
            invitation_id,
            score=score,
            items=items or {},
            comment=comment,
            today=wave.opens,
        )


def hired_on(people: list[Person], day: datetime.date) -> None:
    """Let `people` (made by `add_staff`) start on `day`: a region that a forecast may show
    on 31 December 2025 needs its first shown year to differ from no later one by 1..k-1
    people (`over_time`), so a few extra staff start in 2024 rather than in 2015."""
    from bemanna.workforce import frames

    Employment.objects.filter(person__in=people).update(start=day)
    frames.forget()
