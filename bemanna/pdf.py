"""HTML to PDF for every report: tagged (PDF/UA-1), with its title and language.

WeasyPrint writes the structure tree from the HTML (headings, paragraphs, tables, figures in
reading order), the document title from `<title>` and the language from `<html lang>`, so
a screen reader can read the report and `pdfinfo` says "Tagged: yes". The print rules below
keep a heading on the page of the chart or table it introduces.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib.metadata import version

from django.core.cache import cache

# A document rendered once is kept this long (`kept`); it is found by its content alone.
KEPT = 24 * 3600

PRINT_CSS = """
h1, h2, h3, h4, h5, h6, caption, figcaption { break-after: avoid; }
h1 + *, h2 + *, h3 + *, h4 + * { break-before: avoid; }
figure, tr { break-inside: avoid; }
thead { display: table-header-group; }
"""


def render(html: str) -> bytes:
    """A tagged PDF/UA-1 document of `html` (which must have a title and a language)."""
    import weasyprint

    document = weasyprint.HTML(string=html)
    return bytes(
        document.write_pdf(
            pdf_variant="pdf/ua-1",
            stylesheets=[weasyprint.CSS(string=PRINT_CSS)],
        )
    )


def kept(unstamped: str, stamped: Callable[[], str]) -> bytes:
    """The PDF of `stamped()`: a report's HTML with its time of creation, rendered once for
    `unstamped` (the same HTML without that time) and kept in the cache every server process
    shares. WeasyPrint takes seconds for a report of a few pages (3–5 s for Region Demo's
    board report: nearly all its request, issue 19), so a report asked for again, whose
    every figure, sentence and chart is the same, is the document made the first time, with
    the time it was made. Any change to what the report shows changes `unstamped`, and
    another document is made; the renderer's version and print rules are in the key too
    (read without importing WeasyPrint, which a document found does not need)."""
    content = "\0".join((version("weasyprint"), PRINT_CSS, unstamped)).encode()
    key = f"bemanna:pdf:{hashlib.sha256(content).hexdigest()}"
    document = cache.get(key)
    if document is None:
        document = render(stamped())
        cache.set(key, document, timeout=KEPT)
    return bytes(document)
