"""Reminders by e-mail, from `bemanna run_schedule`: results ready, the dialogue due, an
action overdue, a low response rate before a wave closes, and a weekly digest to HR.

Each goes out once (recorded in `NudgeSent` only after the mail server took it, so a failed
run sends the rest next time) and each kind can be switched off for the installation
(`BEMANNA_NUDGES_OFF`). Mails carry links and names, never a figure, except the response
rate, and that only where the results page would show it to the same manager (k answers,
after the complementary suppression).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from bemanna.accounts.models import Role
from bemanna.followup.models import NudgeKind, NudgeSent
from bemanna.followup.start import OPEN_ACTIONS, ambassadorship_pulses, dialogue_days
from bemanna.org.models import Unit
from bemanna.pulse.models import Action, Dialogue, WaveStatus
from bemanna.pulse.results import WaveReport

RESULTS_WITHIN_DAYS = 14  # a wave that closed longer ago is not announced any more
LOW_RESPONSE_DAYS = 3  # warn this many days before a wave closes
LOW_RESPONSE_RATE = 0.5


@dataclass(frozen=True)
class Nudge:
    kind: str
    key: str
    to: str
    subject: str
    body: str


def switched_off() -> set[str]:
    return set(getattr(settings, "NUDGES_OFF", ()))


def _url(path: str) -> str:
    return f"{settings.BASE_URL}{path}"


def _managers() -> list[tuple[Unit, object]]:
    """(unit, its manager) for every unit with a manager who has an e-mail address."""
    return [
        (unit, unit.manager)
        for unit in Unit.objects.filter(manager__isnull=False)
        .exclude(manager__email="")
        .select_related("manager")
        .order_by("path")
    ]


def _asked(wave) -> Callable[[Unit], bool]:
    """Whether the wave asked anyone in a unit's subtree (as the start page decides): a
    manager of a unit the pulse left out has no results to read and no dialogue to hold."""
    paths = set(wave.invitations.values_list("unit__path", flat=True).distinct())
    return lambda unit: any(path.startswith(unit.path) for path in paths)


def results_ready(today: datetime.date) -> Iterator[Nudge]:
    for pulse in ambassadorship_pulses():
        for wave in pulse.waves.filter(
            status=WaveStatus.CLOSED,
            closes__lt=today,
            closes__gte=today - datetime.timedelta(days=RESULTS_WITHIN_DAYS),
        ):
            asked = _asked(wave)
            for unit, manager in _managers():
                if not asked(unit):
                    continue
                link = _url(f"{reverse('pulse:results', args=[pulse.pk])}?unit={unit.code}")
                yield Nudge(
                    NudgeKind.RESULTS_READY,
                    f"wave {wave.pk} unit {unit.pk}",
                    manager.email,
                    _("Results are ready: %(pulse)s") % {"pulse": pulse.name},
                    _(
                        "The results of %(pulse)s (the wave of %(opens)s) for %(unit)s are "
                        "ready:\n%(link)s\n\nHold the team dialogue within %(days)s days of "
                        "the close."
                    )
                    % {
                        "pulse": pulse.name,
                        "opens": wave.opens.isoformat(),
                        "unit": unit.name,
                        "link": link,
                        "days": dialogue_days(),
                    },
                )


def dialogues_due(today: datetime.date) -> Iterator[Nudge]:
    for pulse in ambassadorship_pulses():
        wave = pulse.waves.filter(status=WaveStatus.CLOSED).order_by("-opens").first()
        if wave is None or today < wave.closes + datetime.timedelta(days=dialogue_days()):
            continue
        held = set(Dialogue.objects.filter(wave=wave).values_list("unit_id", flat=True))
        asked = _asked(wave)
        for unit, manager in _managers():
            if unit.pk in held or not asked(unit):
                continue
            link = _url(reverse("pulse:dialogue", args=[wave.pk, unit.code]))
            yield Nudge(
                NudgeKind.DIALOGUE_DUE,
                f"wave {wave.pk} unit {unit.pk}",
                manager.email,
                _("The team dialogue is due: %(unit)s") % {"unit": unit.name},
                _(
                    "The team dialogue on %(pulse)s (the wave of %(opens)s) for %(unit)s is "
                    "due. Record it here:\n%(link)s"
                )
                % {
                    "pulse": pulse.name,
                    "opens": wave.opens.isoformat(),
                    "unit": unit.name,
                    "link": link,
                },
            )


def nearest_manager(unit: Unit):
    """The manager of the unit or of the nearest unit above it that has one."""
    for above in reversed(unit.ancestors()):  # the unit itself first
        if above.manager_id is not None:
            return above.manager
    return None


def overdue_actions(today: datetime.date) -> Iterator[Nudge]:
    for action in Action.objects.filter(due__lt=today, status__in=OPEN_ACTIONS).select_related(
        "unit", "dialogue"
    ):
        manager = nearest_manager(action.unit)
        if manager is None or not manager.email:
            continue
        link = _url(reverse("pulse:dialogue", args=[action.dialogue.wave_id, action.unit.code]))
        yield Nudge(
            NudgeKind.ACTION_OVERDUE,
            f"action {action.pk}",
            manager.email,
            _("An action is overdue: %(action)s") % {"action": action.text},
            _(
                "The action “%(action)s” of %(unit)s (owner: %(owner)s) was due %(due)s and "
                "is not marked done:\n%(link)s"
            )
            % {
                "action": action.text,
                "unit": action.unit.name,
                "owner": action.owner,
                "due": action.due.isoformat(),
                "link": link,
            },
        )


def low_response(today: datetime.date) -> Iterator[Nudge]:
    """Only as a rate, and only where the results page would show it (k, suppression)."""
    for pulse in ambassadorship_pulses():
        for wave in pulse.waves.filter(
            status=WaveStatus.OPEN,
            closes__gte=today,
            closes__lte=today + datetime.timedelta(days=LOW_RESPONSE_DAYS),
        ):
            report = WaveReport(wave)
            for unit, manager in _managers():
                result = report.result(unit)
                # While open, only the rate's band of ten points is shown (as on the page):
                # the nudge goes when the whole band is under the low mark.
                if result.rate_band is None or result.rate_band_top is None:
                    continue
                if result.rate_band_top > 100 * LOW_RESPONSE_RATE:
                    continue
                yield Nudge(
                    NudgeKind.LOW_RESPONSE,
                    f"wave {wave.pk} unit {unit.pk}",
                    manager.email,
                    _("Few have answered yet: %(unit)s") % {"unit": unit.name},
                    _(
                        "%(pulse)s closes %(closes)s. The response rate in %(unit)s is "
                        "%(rate)s so far; remind your team at the next meeting."
                    )
                    % {
                        "pulse": pulse.name,
                        "closes": wave.closes.isoformat(),
                        "unit": unit.name,
                        "rate": result.rate_band,
                    },
                )


def hr_digest(today: datetime.date) -> Iterator[Nudge]:
    """Once a week: the actions overdue and the dialogues not held, by unit; no figures."""
    year, week, _day = today.isocalendar()
    overdue = list(
        Action.objects.filter(due__lt=today, status__in=OPEN_ACTIONS)
        .select_related("unit")
        .order_by("unit__path", "due")
    )
    missing = list(dialogues_due(today))
    if not overdue and not missing:
        return
    lines = [_("Actions overdue:")] + [
        f"- {a.unit.name}: {a.text} ({a.due.isoformat()})" for a in overdue
    ]
    lines += [_("Dialogues not held:")] + [f"- {n.subject}" for n in missing]
    hr = get_user_model().objects.filter(profile__role=Role.HR_ADMIN).exclude(email="")
    for person in hr:
        yield Nudge(
            NudgeKind.HR_DIGEST,
            f"{year}-W{week:02d}",
            person.email,
            _("Overdue this week (week %(week)s)") % {"week": week},
            "\n".join(lines),
        )


KINDS = {
    NudgeKind.RESULTS_READY: results_ready,
    NudgeKind.DIALOGUE_DUE: dialogues_due,
    NudgeKind.ACTION_OVERDUE: overdue_actions,
    NudgeKind.LOW_RESPONSE: low_response,
    NudgeKind.HR_DIGEST: hr_digest,
}


def send_due(today: datetime.date) -> dict[str, int]:
    """Send every nudge due today that has not gone out before; per kind, how many."""
    off = switched_off()
    sent = dict.fromkeys(KINDS, 0)
    with translation.override(settings.LANGUAGE_CODE):
        for kind, find in KINDS.items():
            if kind in off:
                continue
            done = set(NudgeSent.objects.filter(kind=kind).values_list("key", "to"))
            for nudge in find(today):
                if (nudge.key, nudge.to) in done:
                    continue
                mail.EmailMessage(nudge.subject, nudge.body, to=[nudge.to]).send()
                NudgeSent.objects.create(kind=kind, key=nudge.key, to=nudge.to, sent_on=today)
                done.add((nudge.key, nudge.to))
                sent[kind] += 1
    return sent
