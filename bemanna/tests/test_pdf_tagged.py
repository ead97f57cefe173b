"""Every PDF report is tagged (PDF/UA-1), with a title and a language: `pdfinfo` says so."""

import contextlib
import datetime
import re
import shutil
import subprocess
import zlib

import pytest
from django.core.management import call_command
from django.urls import reverse

PDFINFO = shutil.which("pdfinfo")


@pytest.fixture
def demo(db, tmp_path):
    call_command(
        "demo",
        employees=300,
        seed=3,
        today=datetime.date(2026, 6, 30),
        directory=tmp_path,
        no_xlsx=True,
        verbosity=0,
    )


def _info(content: bytes, tmp_path, name: str) -> dict[str, str]:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(content)
    out = subprocess.run([PDFINFO, str(path)], capture_output=True, text=True, check=True).stdout
    return dict(re.findall(r"^([^:]+):\s*(.*)$", out, flags=re.M))


def _plain(content: bytes) -> bytes:
    """The PDF with its compressed streams (object streams included) inflated."""
    parts = [content]
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", content, flags=re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(stream.group(1)))
    return b"\n".join(parts)


def _reports(client):
    from bemanna.forecast.models import Scenario
    from bemanna.org.models import Unit
    from bemanna.pulse.models import Wave, WaveStatus

    client.login(username="analytiker", password="demo")
    scenario = Scenario.objects.order_by("pk").first()
    yield "forecast", client.get(reverse("forecast:export", args=[scenario.pk, "pdf"]))
    yield "board", client.get(reverse("keyfigures:report"), {"format": "pdf"})
    client.login(username="rad", password="demo")
    yield "lagesbild", client.get(reverse("plan:lagesbild"), {"format": "pdf"})
    client.login(username="hr", password="demo")
    wave = Wave.objects.filter(status=WaveStatus.OPEN).order_by("pk").first()
    # A unit with someone invited on paper (no e-mail address) who has not answered yet.
    paper = wave.invitations.filter(by_email=False, used=False).order_by("pk").first()
    unit = Unit.objects.get(pk=paper.unit_id)
    yield "sheets", client.post(reverse("pulse:sheets", args=[wave.pk]), {"unit": unit.code})


@pytest.mark.one_database  # the layout; the browser tests fetch PDFs from PostgreSQL
def test_every_pdf_report_is_tagged_with_title_and_language(client, demo, tmp_path):
    if PDFINFO is None:
        pytest.fail("pdfinfo is missing: install poppler-utils (make test does).")
    seen = []
    for name, response in _reports(client):
        assert response.status_code == 200, name
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert content.startswith(b"%PDF"), name
        info = _info(content, tmp_path, name)
        assert info.get("Tagged") == "yes", (name, info)
        assert info.get("Title", "").strip(), (name, info)
        # PDF/UA-1 is declared in the metadata, and the language in the catalogue.
        plain = _plain(content)
        assert b"pdfuaid:part" in plain, name
        assert re.search(rb"/Lang\s*\((sv|en)", plain), (name, re.findall(rb"/Lang.{0,12}", plain))
        seen.append(name)
    assert seen == ["forecast", "board", "lagesbild", "sheets"]


def test_headings_stay_with_what_follows_them():
    from bemanna import pdf

    assert "h1, h2, h3, h4, h5, h6, caption, figcaption { break-after: avoid; }" in pdf.PRINT_CSS


def test_every_pdf_is_written_by_the_tagged_renderer():
    """A PDF written with WeasyPrint directly is untagged (the register extract was): only
    `bemanna.pdf.render`, which asks for PDF/UA-1, may call it."""
    from pathlib import Path

    import bemanna

    root = Path(bemanna.__file__).parent
    writers = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and re.search(r"weasyprint\.HTML|\.write_pdf\(", path.read_text(encoding="utf-8"))
    )
    assert writers == ["pdf.py"], writers


@pytest.mark.one_database  # the layout; the browser tests fetch PDFs from PostgreSQL
def test_the_board_reports_summary_is_its_first_page(client, demo):
    """The board reads one page, then the sections: nothing of the summary runs over onto
    page 2 (Region Demo's eight actions with notes did, leaving page 2 all but empty)."""
    from bemanna.tests import pdf as pdf_text

    client.login(username="analytiker", password="demo")
    content = client.get(reverse("keyfigures:report"), {"format": "pdf"}).content
    first, second = pdf_text.text(content, 1), pdf_text.text(content, 2)
    assert "Sammanfattning" in first and "Åtgärder som rört sig eller är försenade" in first
    assert "Sjukfrånvaro (SKR:s mått)" in second, second[:400]
