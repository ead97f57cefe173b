"""A PDF's text for tests, through poppler's pdftotext (`make test` installs poppler-utils):
a missing tool fails the test, never skips it nor reads the PDF as empty."""

import shutil
import subprocess

import pytest


def text(content: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: install poppler-utils (make test does).")
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
