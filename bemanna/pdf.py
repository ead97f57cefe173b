"""HTML to PDF for every report: tagged (PDF/UA-1), with its title and language.

WeasyPrint writes the structure tree from the HTML (headings, paragraphs, tables, figures in
reading order), the document title from `<title>` and the language from `<html lang>`, so
a screen reader can read the report and `pdfinfo` says "Tagged: yes". The print rules below
keep a heading on the page of the chart or table it introduces.
"""

from __future__ import annotations

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
