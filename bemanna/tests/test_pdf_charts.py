"""Every chart in a PDF report is readable and has its text alternative (issue 16).

The reports are the forecast report, the board report (with the pulse's eNPS trend) and the
lägesbild; the pulse itself has no PDF report (its workbook and page have their own tests).
Their HTML is laid out by WeasyPrint as `bemanna.pdf.render` lays it out, and each chart's
picture is measured in the layout: a picture drawn narrower than it was made shrinks its
12 px text below 12 px. The text alternatives are read from the PDF with pdftotext.
"""

import re

import pytest
from django.urls import reverse

from bemanna import pdf
from bemanna.tests import pdf as pdf_text
from bemanna.tests.test_pdf_tagged import demo  # noqa: F401  (a fixture)

# The reports' layout, whatever the database: the SQLite suite runs it (marker
# `one_database`); the browser tests download the PDFs from PostgreSQL.
pytestmark = pytest.mark.one_database


def _reports(client, monkeypatch):
    """(name, HTML, PDF) of each report with charts."""
    from bemanna.forecast.models import Scenario

    written = []
    render = pdf.render

    def keep(html: str) -> bytes:
        content = render(html)
        written.append((html, content))
        return content

    monkeypatch.setattr(pdf, "render", keep)
    client.login(username="analytiker", password="demo")
    scenario = Scenario.objects.order_by("pk").first()
    asked = {
        "forecast": lambda: client.get(reverse("forecast:export", args=[scenario.pk, "pdf"])),
        "board": lambda: client.get(reverse("keyfigures:report"), {"format": "pdf"}),
        "lagesbild": lambda: (
            client.login(username="rad", password="demo"),
            client.get(reverse("plan:lagesbild"), {"format": "pdf"}),
        )[1],
    }
    for name, ask in asked.items():
        response = ask()
        assert response.status_code == 200, name
        assert written, f"{name}: not written by bemanna.pdf.render"
        html, content = written.pop()
        yield name, html, content


def _pictures(html: str):
    """(drawn width, made width, first text) of each chart's picture in the PDF's layout."""
    import weasyprint
    from weasyprint.formatting_structure import boxes

    document = weasyprint.HTML(string=html).render(
        stylesheets=[weasyprint.CSS(string=pdf.PRINT_CSS)]
    )
    found = []

    def walk(box):
        if isinstance(box, boxes.ReplacedBox) and type(box.replacement).__name__ == "SVGImage":
            made, _height, _ratio = box.replacement.get_intrinsic_size(1, 16)
            if made and made > 60:  # a chart, not an icon
                found.append((box.width, made))
        for child in getattr(box, "children", []):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return found


def test_no_chart_in_a_pdf_is_shrunk_below_its_12_px_text(client, demo, monkeypatch):  # noqa: F811
    """Every chart's picture is drawn at the width it was made (its text at 12 px or more):
    the forecast's small multiples, three side by side, were 787 px in a 680 px column."""
    seen = {}
    for name, html, _content in _reports(client, monkeypatch):
        pictures = _pictures(html)
        seen[name] = len(pictures)
        shrunk = [(drawn, made) for drawn, made in pictures if drawn < made - 0.5]
        assert not shrunk, (name, shrunk)
    assert seen["forecast"] >= 4 and seen["board"] >= 5 and seen["lagesbild"] >= 1, seen


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ").replace("\u202f", " ")).strip()


def _alternatives(html: str):
    """(chart title, sentences, table rows) of each chart in the HTML: its caption, the
    elements its figure points to (aria-describedby) and the tables in its figure."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    found = []
    for svg in soup.select("svg.marks"):
        title = svg.select_one(".role-title-text text")
        figure = svg.find_parent("figure")
        assert figure is not None, f"a chart outside a figure: {title}"
        described = [
            soup.find(id=ref)
            for holder in [figure, *figure.select("[role=img]")]
            for ref in (holder.get("aria-describedby") or "").split()
        ]
        assert None not in described, f"{title}: aria-describedby names no element"
        # A sentence: the caption, or a paragraph the figure points to; a table: in the
        # figure, or pointed to (the board report gathers its charts' data at its end).
        holders = [e for e in described if e.name != "table" and not e.select("table")]
        sentences = [_flat(e.get_text()) for e in [*figure.select("figcaption"), *holders]]
        tables = [*figure.select("table"), *(t for e in described for t in e.select("table"))]
        tables += [e for e in described if e.name == "table"]
        rows = [
            [_flat(cell.get_text(" ")) for cell in row.select("td, th")]
            for table in tables
            for row in table.select("tbody tr")[:2]
        ]
        found.append((_flat(title.get_text()) if title else "", [s for s in sentences if s], rows))
    return found


def test_every_chart_in_a_pdf_has_its_text_alternative_beside_it(client, demo, monkeypatch):  # noqa: F811
    """Each chart's title (drawn in the picture), and on the same page or the next the
    sentence that says what it shows; its data as a table, where it has one, in the PDF too
    (beside it, or in the board report's section of the charts' data). Read from the PDF, as
    a screen reader or a search would."""
    counted = {}
    for name, html, content in _reports(client, monkeypatch):
        pages = int(pdf_text.info(content)["Pages"])
        texts = [_flat(pdf_text.text(content, page)) for page in range(1, pages + 1)]

        def on(words: str, texts=texts) -> set[int]:
            return {number for number, text in enumerate(texts) if words in text}

        charts = _alternatives(html)
        counted[name] = len(charts)
        for title, sentences, rows in charts:
            assert title and sentences, (name, title, sentences)
            where = on(title)
            assert where, f"{name}: the chart {title!r} is not in the PDF's text"
            for sentence in sentences:
                beside = {page + step for page in on(sentence) for step in (-1, 0, 1)}
                assert where & beside, f"{name}: {title!r} without {sentence[:80]!r} beside it"
            for row in rows:
                cells = [cell for cell in row if cell]
                assert any(all(cell in text for cell in cells) for text in texts), (
                    f"{name}: {title!r} without its data row {cells}"
                )
    assert counted["forecast"] >= 4 and counted["board"] >= 5 and counted["lagesbild"] >= 1, counted
