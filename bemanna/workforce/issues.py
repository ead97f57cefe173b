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


# The reader's words inside a message (the file "looks like {guess}"), translated too.
TRANSLATED_PARAMS = ("guess", "role")


def show(issue: Issue) -> ShownIssue:
    params = {
        name: gettext(value) if name in TRANSLATED_PARAMS and isinstance(value, str) else value
        for name, value in issue.params.items()
    }
    return ShownIssue(
        issue.file,
        issue.row,
        issue.column,
        issue.value,
        gettext(MESSAGES[issue.code]).format(**params),
    )
