"""The reader's words inside a message are translated with it (issue 18: a binary file "ser
ut som UTF-16 or binary")."""

import io

from bemanna.analysis.extract import read_extract
from bemanna.workforce import issues


def test_the_guess_in_an_encoding_message_goes_through_gettext(monkeypatch):
    result = read_extract(io.BytesIO(b"\xff\xfe\x00x"), filename="bin.csv", pseudonym_key=b"k")
    (issue,) = result.issues
    assert issue.code == "encoding"
    monkeypatch.setattr(issues, "gettext", lambda text: f"<{text}>")
    # Both the message and the guess inside it were looked up in the catalogue.
    assert issues.show(issue).message.startswith("<The file is not text")
    assert "<UTF-16 or binary>" in issues.show(issue).message
