"""A unit's comments in a wave, grouped by HR's themes: only what `WaveReport.comments`
allows (k_text, and not where a smaller group could be worked out), filtered and sorted."""

from __future__ import annotations

from dataclasses import dataclass

from bemanna.analysis import themes
from bemanna.followup.models import CommentTheme
from bemanna.org.models import Unit
from bemanna.pulse.results import WaveReport

ORDERS = ("theme", "text")


@dataclass(frozen=True)
class Comment:
    text: str
    themes: tuple[str, ...]


def themed(
    report: WaveReport, unit: Unit, *, theme: str = "", query: str = "", order: str = "theme"
) -> dict:
    table = CommentTheme.table()
    shown = report.comments(unit)  # [] unless the stricter threshold allows
    found = [Comment(text, tuple(themes.match(text, table)) or (themes.OTHER,)) for text in shown]
    counts = dict.fromkeys(table, 0) | {themes.OTHER: 0}  # `themes.counts`, matched once
    for comment in found:
        for name in comment.themes:
            counts[name] += 1
    if theme:
        found = [c for c in found if theme in c.themes]
    if query:
        needle = query.casefold()
        found = [c for c in found if needle in c.text.casefold()]
    position = {name: i for i, name in enumerate([*table, themes.OTHER])}
    if order == "text":
        found.sort(key=lambda c: c.text.casefold())
    else:
        found.sort(key=lambda c: (position.get(c.themes[0], len(position)), c.text.casefold()))
    return {
        "shown": report.result(unit).comments_shown,
        "total": len(shown),
        "counts": [(name, n) for name, n in counts.items() if n],
        "comments": found,
    }
