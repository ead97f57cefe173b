"""Free-text comments grouped by theme, by keywords HR keeps (Swedish words, any case).

A keyword matches the start of a word, so "stress" finds "stressigt" and "stressen", and a
keyword of several words matches them in a row ("för få"). A comment may belong to several
themes, or to none ("Övrigt").

Examples:
    >>> themes = {"Arbetsbelastning": ["stress", "för få"], "Ledarskap": ["chef"]}
    >>> match("Stressigt på helgerna, vi är för få.", themes)
    ['Arbetsbelastning']
    >>> match("Chefen lyssnar", themes), match("Bra kaffe", themes)
    (['Ledarskap'], [])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

OTHER = "Övrigt"


def _keyword(keyword: str) -> str:
    return r"\s+".join(re.escape(word) for word in keyword.split())


@lru_cache(maxsize=512)
def _pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a theme's keywords: any of them at the start of a word (one search
    of the comment a theme, not one a keyword)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(_keyword(k) for k in keywords) + ")", re.IGNORECASE)


def keywords(text: str) -> list[str]:
    """Keywords as HR writes them: separated by commas or new lines.

    Examples:
        >>> keywords("stress, för få\\nbemanning,,")
        ['stress', 'för få', 'bemanning']
    """
    return [k.strip() for k in re.split(r"[,\n]", text) if k.strip()]


def match(comment: str, themes: Mapping[str, Sequence[str]]) -> list[str]:
    """The themes whose keywords occur in the comment, in the themes' order."""
    return [
        name for name, words in themes.items() if words and _pattern(tuple(words)).search(comment)
    ]


def counts(comments: Iterable[str], themes: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """How many comments mention each theme (and how many none, under OTHER).

    Examples:
        >>> counts(["för få", "chefen", "kaffe"], {"A": ["för få"], "B": ["chef"]})
        {'A': 1, 'B': 1, 'Övrigt': 1}
    """
    found = dict.fromkeys(themes, 0) | {OTHER: 0}
    for comment in comments:
        hits = match(comment, themes)
        for name in hits or [OTHER]:
            found[name] += 1
    return found
