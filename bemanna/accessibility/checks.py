"""What the browser tests proved, for the accessibility statement.

`bemanna/tests/test_accessibility.py` measures every page and state and compares its result
with `checks.json`; the statement page (`views.statement`) is made from that file. A check is
claimed as met only if the last passing run met it, and the file cannot hold a claim the
test did not prove (`claims_no_more_than`), so the statement never says more than the tests.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.utils.translation import gettext_lazy as _

PATH = Path(__file__).with_name("checks.json")

# Each check the tests make, with the WCAG 2.1 success criterion it stands for.
CHECKS = {
    "axe": (
        "4.1.2, 1.3.1, 1.4.3 m.fl.",
        _("Automated test with axe-core: no critical or serious fault"),
    ),
    "reflow": (
        "1.4.10",
        _(
            "Content reflows at 320 px: no sideways scrolling of the page; wide tables scroll in a focusable, labelled region"  # noqa: E501
        ),
    ),
    "focus_visible": (
        "2.4.7, 1.4.11",
        _("Keyboard focus is visible, with a contrast of at least 3:1 against the background"),
    ),
    "skip_link": (
        "2.4.1",
        _("A link to skip to the main content is the first thing on every page"),
    ),
    "error_summary": (
        "3.3.1, 3.3.3",
        _(
            "After a failed submit, focus moves to a summary of the errors, with links to the fields"  # noqa: E501
        ),
    ),
    "targets": ("2.5.8", _("Links, buttons and fields are at least 24 × 24 px, or spaced apart")),
    "text_resize": ("1.4.4", _("Text can be enlarged to 200 % without loss of content")),
    "choose_labels": ("3.3.2", _('Lists say what to choose, never "---------"')),
    "control_text": ("1.4.4", _("Text in form fields is at least 16 px on a phone")),
    "chart_text": (
        "1.1.1",
        _("Every chart has a name and its data as a table or a sentence beside it"),
    ),
    "chart_text_size": (
        "1.4.4",
        _(
            "Text in charts is 12 px or more as shown, also at 320 px: a wide chart scrolls in a focusable, labelled region instead of shrinking"  # noqa: E501
        ),
    ),
}


@dataclass(frozen=True)
class Measured:
    pages: int
    page_states: int
    states: dict[str, int] = field(default_factory=dict)
    checks: dict[str, bool] = field(default_factory=dict)
    checked: dict[str, int] = field(default_factory=dict)
    seconds: int = 0
    reviewed: str = ""

    def claims_no_more_than(self, proved: Measured) -> bool:
        """True if every check this claims as met was met in `proved`, on no more pages."""
        met = {name for name, ok in self.checks.items() if ok}
        proved_met = {name for name, ok in proved.checks.items() if ok}
        return (
            met <= proved_met
            and self.page_states <= proved.page_states
            and self.pages <= proved.pages
        )

    @property
    def met(self) -> list[tuple[str, str, str]]:
        return [(name, *CHECKS[name]) for name, ok in self.checks.items() if ok and name in CHECKS]

    @property
    def not_met(self) -> list[tuple[str, str, str]]:
        return [(name, *CHECKS[name]) for name in CHECKS if not self.checks.get(name)]

    @property
    def review_date(self) -> datetime.date | None:
        return datetime.date.fromisoformat(self.reviewed) if self.reviewed else None


def load() -> Measured:
    return Measured(**json.loads(PATH.read_text(encoding="utf-8")))


def write(measured: Measured) -> None:
    data = asdict(measured)
    data["reviewed"] = datetime.date.today().isoformat()
    PATH.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# What the tests do not check, and so the statement cannot claim.
KNOWN_GAPS = (
    _("No test with a screen reader (NVDA, JAWS, VoiceOver) has been made by people who use one."),
    _(
        "The PDF reports are tagged, and their charts' text alternatives and text size are checked by the tests, but not their reading order."  # noqa: E501
    ),
    _("The Excel exports are not checked for accessibility."),
    _(
        "The administration pages are Django's own. The ones HR uses most (targets, exit reasons, comment themes, professions) are checked with axe; the other checks here are not made on them, and they do not reflow at 320 px."  # noqa: E501
    ),
    _(
        "The charts' lines, bars and points are checked to stay apart for readers with protanopia or deuteranopia and to have 3:1 against the page; the heat map's palest cells do not, and carry their value as text in the cell."  # noqa: E501
    ),
)
