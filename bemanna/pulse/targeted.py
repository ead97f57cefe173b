"""The targeted surveys as ready-made pulses, and their answers as forecast levers.

Each kind of survey is a module in `bemanna.pulse.kinds` (seed 001's: *Ökad
sysselsättningsgrad* to part-timers, *Senare pension* to staff aged 60 or more). All run on
the pulse machinery (invitations, single-use codes, results only after the window, the same
thresholds), and keep the kind's breakdown with each answer (the profession group, the age
band). `levers(wave)` turns a closed wave's answers into lever values with their
uncertainty (`bemanna.analysis.surveys`), using a group's own answers only where the
disclosure rule allows: decided together with the unit tree the results pages show for the
same wave (`disclosure.tree_and_partition`), so that a unit minus a group never gives a
small group away.

A lever value is a distribution in disguise: the willing share ("kanske" counting half) with
its standard error and the exact n give back the ja/kanske/nej split. So a group (and the
region) gets its own lever only from the distribution threshold k_text (the pulse's
`min_answers_text`), decided over both partitions at k_text; a group between k and k_text
falls back to the region's value, and only its name is shown, never a coarsened figure.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.db import transaction

from bemanna.analysis import surveys
from bemanna.analysis.disclosure import tree_and_partition
from bemanna.analysis.surveys import Answers, SurveyLevers
from bemanna.org.models import Unit
from bemanna.pulse import kinds
from bemanna.pulse.models import (
    ItemAnswer,
    Pulse,
    Question,
    QuestionKind,
    QuestionRole,
    Response,
    Schedule,
    Wave,
    WaveStatus,
)
from bemanna.pulse.results import wave_report

REPLIES = (surveys.YES, surveys.MAYBE, surveys.NO)  # the willing question's, in its order


@transaction.atomic
def create_from_template(
    purpose: str, *, opens: datetime.date, actor=None, name: str | None = None
) -> Pulse:
    """A one-off pulse for the whole region from a template, opening on a date (by
    `run_schedule`). HME is left out: the survey asks what it is for, plus the eNPS item."""
    kind = kinds.get(purpose)
    if kind is None or not kind.template:
        raise ValueError(f"no survey template {purpose!r}")
    pulse = Pulse.objects.create(
        name=name or f"{kind.name} {opens.year}",
        description=kind.description,
        purpose=purpose,
        include_hme=False,
        include_comment=True,
        schedule=Schedule.ONCE,
        first_opens=opens,
        window_days=21,
        reminder_after_days=10,
        created_by=actor if getattr(actor, "pk", None) else None,
        **kind.invite,
    )
    pulse.units.set(Unit.objects.filter(parent__isnull=True))
    for position, ask in enumerate(kind.questions):
        number = ask.kind == QuestionKind.NUMBER
        Question.objects.create(
            pulse=pulse,
            position=position,
            role=ask.role,
            kind=ask.kind,
            text=ask.text,
            text_en=ask.text_en,
            choices="\n".join(ask.choices),
            choices_en="\n".join(ask.choices_en),
            low=ask.low if number else 0,
            high=ask.high if number else 100,
        )
    return pulse


def latest_wave(purpose: str) -> Wave | None:
    """The last closed wave of any pulse with this purpose that has answers."""
    return (
        Wave.objects.filter(
            pulse__purpose=purpose, status=WaveStatus.CLOSED, responses__isnull=False
        )
        .select_related("pulse")
        .order_by("-closes", "-pk")
        .first()
    )


def answers(wave: Wave) -> dict[str, Answers]:
    """Each segment's counts of ja / kanske / nej, and the numbers given with a ja or kanske.
    Read only from a closed wave (results never show while answers arrive)."""
    if wave.status != WaveStatus.CLOSED:
        raise ValueError("a wave's answers are read only once it has closed")
    questions = {q.role: q for q in wave.pulse.questions.exclude(role="")}
    willing, number = questions.get(QuestionRole.WILLING), questions.get(QuestionRole.NUMBER)
    if willing is None:
        return {}
    replies: dict[object, tuple[str, int]] = {}
    numbers: dict[object, int] = {}
    keys = [willing.key] + ([number.key] if number else [])
    rows = ItemAnswer.objects.filter(response__wave=wave, item__in=keys).values_list(
        "response_id", "response__segment", "item", "value"
    )
    for response, segment, item, value in rows:
        if item == willing.key:
            replies[response] = (segment, value)
        else:
            numbers[response] = value
    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for response, (segment, value) in replies.items():
        if not 0 <= value < len(REPLIES):
            continue
        reply = REPLIES[value]
        bucket = counts[segment]
        bucket[reply] += 1
        if reply != surveys.NO and response in numbers:
            bucket["number_n"] += 1
            bucket["number_sum"] += numbers[response]
            bucket["number_squares"] += numbers[response] ** 2
    return {
        segment: Answers(
            yes=int(c[surveys.YES]),
            maybe=int(c[surveys.MAYBE]),
            no=int(c[surveys.NO]),
            number_n=int(c["number_n"]),
            number_sum=c["number_sum"],
            number_squares=c["number_squares"],
        )
        for segment, c in counts.items()
    }


def distribution_threshold(wave: Wave) -> int:
    """k_text of a wave's levers: the fewest answers behind a group's own lever value (the
    thresholds the wave opened with)."""
    return max(wave.k_text, wave.k)


def levers(wave: Wave) -> SurveyLevers | None:
    """The lever values a closed wave of a targeted survey gives, each from k_text answers;
    None when the whole wave has fewer (its share, error and n would give its split)."""
    by_segment = answers(wave)
    k_text = distribution_threshold(wave)
    if sum(a.n for a in by_segment.values()) < k_text:
        return None  # too few answers to set any lever, even for the whole region
    kind = kinds.get(wave.pulse.purpose)
    if kind is None or kind.levers is None:
        return None
    shown = shown_segments(wave)
    return kind.levers(by_segment, k_text, shown, number_segments(wave, shown))


def shown_segments(wave: Wave) -> set[str]:
    """The segments (profession groups, age bands) whose own figures may be shown beside the
    units the wave's results show: first over all answers and the units whose scores are
    shown (at k), then over the answers to the willing question and the units where its
    shares are shown, at k_text: a group's lever is its ja/kanske/nej split, and so is any
    difference of a shown unit's shares and a shown group's lever."""
    report = wave_report(wave)
    k = wave.k
    # Segments are sealed (`answering.sealed`): counted here, not grouped in SQL.
    cells = Counter(Response.objects.filter(wave=wave).values_list("unit_id", "segment"))
    _units, allowed = tree_and_partition(report.parents, cells, k, within=report.shown)
    return _beside_the_units(wave, QuestionRole.WILLING, {str(s) for s in allowed})


def number_segments(wave: Wave, shown: set[str]) -> set[str]:
    """Of the segments `shown`, those whose own mean of the number (rate wanted, years
    longer) may be shown beside the units' means of the same question, which the results
    pages show where its answers pass k_text (`WaveReport.question_shown`): decided over
    both partitions on the answers to it, so that a unit's mean less a group's is never
    the number of 1..k_text-1 people (an insider's eighth round, by code reading: each
    decided on its own, a unit minus a group narrowed one person's rate to ±6 points)."""
    return _beside_the_units(wave, QuestionRole.NUMBER, shown)


def _beside_the_units(wave: Wave, role: str, segments: set[str]) -> set[str]:
    """Of `segments`, those that pass with the units where the question of `role` is shown
    (`WaveReport.question_shown`), over both partitions on the answers to it at k_text;
    all of them when the survey has no such question."""
    question = wave.pulse.questions.filter(role=role).first()
    if question is None:
        return segments
    cells = Counter(
        ItemAnswer.objects.filter(response__wave=wave, item=question.key).values_list(
            "response__unit_id", "response__segment"
        )
    )
    report = wave_report(wave)
    _units, allowed = tree_and_partition(
        report.parents,
        cells,
        distribution_threshold(wave),
        within=report.question_shown.get(question.key, set()),
        groups_within=segments,
    )
    return {str(s) for s in allowed}
