"""Turn engine issues into messages in the user's language."""

from dataclasses import dataclass

from django.utils.translation import gettext

from bemanna.analysis.extract import MESSAGES, Issue


@dataclass(frozen=True)
class ShownIssue:
    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str


def show(issue: Issue) -> ShownIssue:
    return ShownIssue(
        issue.file,
        issue.row,
        issue.column,
        issue.value,
        gettext(MESSAGES[issue.code]).format(**issue.params),
    )
