"""Region Demo's exit surveys: the leavers of the last years asked why, about half answering."""

from __future__ import annotations

import datetime

import numpy as np

from bemanna.exits import services
from bemanna.exits.models import (
    ExitAnswer,
    ExitInvitation,
    ExitInvited,
    ExitReason,
    ExitSurveyConfig,
)
from bemanna.exits.reasons import REASONS
from bemanna.workforce.models import Employment, EmploymentForm, EndReason

# Main-reason weights for those who leave at their own request; nurses and assistant nurses
# leave more for workload and schedules, doctors more for pay and development.
OWN_REQUEST = {
    "lon": 0.18,
    "arbetsbelastning": 0.2,
    "arbetstid": 0.14,
    "chef": 0.08,
    "arbetsmiljo": 0.08,
    "utveckling": 0.12,
    "flytt": 0.08,
    "studier": 0.04,
    "familj": 0.05,
    "annat": 0.03,
}
LEANING = {
    "Sjuksköterskor": {"arbetsbelastning": 2.0, "arbetstid": 1.6},
    "Undersköterskor": {"arbetstid": 2.0, "arbetsbelastning": 1.5, "lon": 1.3},
    "Läkare": {"lon": 1.6, "utveckling": 2.0},
}
STAY = {
    "arbetsbelastning": "Rimligare arbetsbelastning och fler kollegor på passen.",
    "arbetstid": "Ett schema som går ihop med familjelivet, färre delade turer.",
    "lon": "En lön i nivå med grannregionerna.",
    "utveckling": "En tydlig väg till specialistutbildning.",
    "chef": "En närvarande chef som lyssnar.",
}


def add_exit_demo(today: datetime.date, seed: int = 1) -> int:
    """Answers for leavers from four years back up to a month ago; those ending around today
    get live invitations. Returns the number of answers."""
    rng = np.random.default_rng(seed + 31)
    config = ExitSurveyConfig.current()
    # The migration seeds the list; a test database flushed between tests has lost it.
    for position, (code, name, name_en) in enumerate(REASONS):
        ExitReason.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "position": position}
        )
    reasons = {r.code: r for r in ExitReason.objects.all()}
    first = datetime.date(today.year - 4, 1, 1)  # two complete two-year blocks, and more
    last = today - datetime.timedelta(days=services.LOOK_BACK_DAYS + 1)
    leavers = (
        Employment.objects.filter(end__range=(first, last))
        .exclude(form=EmploymentForm.HOURLY)
        .exclude(end_reason__in=config.excluded_end_reasons)
        .select_related("profession")
        .order_by("pk")
    )
    invited, invitations, answers = [], [], []
    for employment in leavers:
        assert employment.end is not None
        group = employment.profession.skr_group or employment.profession.name
        invited.append(ExitInvited(key_hash=services.key_hash(employment.key)))
        answered = rng.random() < 0.55
        opens = employment.end - datetime.timedelta(days=config.days_before)
        invitations.append(
            ExitInvitation(
                unit_id=employment.unit_id,
                group=group,
                year=employment.end.year,
                end_reason=employment.end_reason or "",
                opens=opens,
                closes=employment.end + datetime.timedelta(days=config.window_days),
                by_email=True,
                sent=True,
                used=answered,
            )
        )
        if not answered:
            continue
        main = _main_reason(rng, employment.end_reason, group)
        others = [
            code
            for code in rng.choice(list(OWN_REQUEST), size=int(rng.integers(0, 3)), replace=False)
            if code != main
        ]
        answers.append(
            ExitAnswer(
                unit=employment.unit_id,
                group=group,
                year=employment.end.year,
                main_reason=reasons[main],
                other_reasons=sorted(others),
                come_back=str(rng.choice(["yes", "maybe", "no"], p=[0.3, 0.4, 0.3])),
                enps=int(np.clip(round(rng.normal(6.0, 2.4)), 0, 10)),
                would_have_stayed=STAY.get(main, "") if rng.random() < 0.3 else "",
            )
        )
    ExitInvited.objects.bulk_create(invited, ignore_conflicts=True)
    ExitInvitation.objects.bulk_create(invitations, batch_size=2000)
    ExitAnswer.objects.bulk_create(answers, batch_size=2000)
    services.invite_leavers(today)  # today's leavers: invitations ready for run_schedule
    return len(answers)


def _main_reason(rng, end_reason: str | None, group: str) -> str:
    if end_reason == EndReason.RETIREMENT:
        return "pension"
    if end_reason == EndReason.FIXED_TERM_ENDED:
        return str(rng.choice(["studier", "annat", "utveckling"], p=[0.4, 0.4, 0.2]))
    weights = dict(OWN_REQUEST)
    for code, factor in LEANING.get(group, {}).items():
        weights[code] *= factor
    codes = list(weights)
    p = np.array([weights[c] for c in codes])
    return str(rng.choice(codes, p=p / p.sum()))
