"""The installation's default anonymity thresholds, as data (settings), never constants.

`BEMANNA_MIN_GROUP` (k, default 5) is the fewest answers or people behind any figure;
`BEMANNA_MIN_GROUP_TEXT` (k_text, default 10) the fewest behind comments and answer
distributions (the promoter/passive/detractor split). Both are checked at start-up (k ≥ 3,
k_text ≥ k; `bemanna.settings`). A pulse and the exit survey copy them as their own
defaults and may only raise them once answers exist.
"""

from __future__ import annotations

from django.conf import settings


def min_group() -> int:
    """k: the fewest answers (or people) behind any figure."""
    return int(settings.MIN_GROUP)


def min_group_text() -> int:
    """k_text: the fewest answers behind comments and answer distributions."""
    return int(settings.MIN_GROUP_TEXT)
