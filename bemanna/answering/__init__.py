"""Answering a survey anonymously: the one path every survey (the pulse, the exit survey, any
later kind) takes from an invitation code to a stored answer.

* `codes`: single-use codes and their keyed hashes;
* `web`: the code page, the hand-over to the answer page in a cookie, the guessing limit and
  the no-store headers;
* `storage`: answers and invitations rewritten so that no order in the database follows
  the order people answered in, or the order they were invited in.

The survey apps import this package; it imports none of them.
"""


class Refused(Exception):
    """Why a code or an invitation cannot be used: 'unknown', 'used' or 'closed'."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
