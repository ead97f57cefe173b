"""Printed pulse invitations: slips with a single-use code and a QR code, for staff without
e-mail. The slips carry no names; the manager hands one to each person."""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from bemanna import pdf as pdf_document
from bemanna.org.models import Unit
from bemanna.pulse.models import Wave
from bemanna.pulse.services import answer_url


def qr_svg(url: str) -> str:
    """The QR code of a URL as inline SVG (medium error correction survives a crumpled slip)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=3, border=2, xmldecl=False, svgns=True, nl=False
    )
    return buffer.getvalue().decode()


def sheets_html(wave: Wave, unit: Unit, codes: list[str]) -> str:
    slips = [
        {"code": code, "url": answer_url(code), "qr": mark_safe(qr_svg(answer_url(code)))}  # noqa: S308
        for code in codes
    ]
    with translation.override("sv"):
        return render_to_string(
            "pulse/sheets.html",
            {
                "wave": wave,
                "pulse": wave.pulse,
                "unit": unit,
                "slips": slips,
                "code_url": f"{settings.BASE_URL}{reverse('pulse:code')}",
                "english": "en" in wave.pulse.language_list(),
            },
        )


def sheets_pdf(wave: Wave, unit: Unit, codes: list[str]) -> bytes:
    return pdf_document.render(sheets_html(wave, unit, codes))
