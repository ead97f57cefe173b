"""A PDF's text for tests, through poppler's pdftotext (`make test` installs poppler-utils):
a missing tool fails the test, never skips it nor reads the PDF as empty."""

import re
import shutil
import subprocess

import pytest


def text(content: bytes, page: int | None = None) -> str:
    """The PDF's text, or one page's."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: install poppler-utils (make test does).")
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", *pages, "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def info(content: bytes) -> dict[str, str]:
    """`pdfinfo`'s fields of a PDF (Tagged, Title, Pages, …)."""
    if shutil.which("pdfinfo") is None:
        pytest.fail("pdfinfo is missing: install poppler-utils (make test does).")
    out = subprocess.run(
        ["pdfinfo", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return dict(re.findall(r"^([^:]+):\s*(.*)$", out, flags=re.M))
