"""A forecast from an extract without end reasons says, in every export as on its page, that
the retirement/other split comes from a national hazard."""

import io
import zipfile

from django.core.management import call_command
from django.utils import translation

NO_REASONS = (
    "The HR extract has no end reasons for the last five years: who left is known, why is "
    "not. Retirements are estimated as the share of each age's exits that a national "
    "retirement hazard expects; the rest count as other leavers."
)
# No Avgångsorsak column at all (it is optional): forty nurses, every fourth of them, born in
# 1958–1961, ending in 2022–2025.
HEADER = "Anst.nr;Födelseår;Kön;Enhet;AID;Befattning;Yrkesgrupp;Anställningsform;"
HEADER += "Sysselsättningsgrad;Startdatum;Slutdatum\n"


def _extract(path):
    rows = []
    for n in range(40):
        leaves = n % 4 == 0
        born = 1958 + n % 4 if leaves else 1970 + n % 20
        end = f"{2022 + n % 16 // 4}-06-30" if leaves else ""
        rows.append(
            f"{2000 + n};{born};K;A;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;"
            f"2010-01-01;{end}"
        )
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")


def test_an_extract_without_end_reasons_is_noted_in_the_command_and_every_export(tmp_path):
    extract = tmp_path / "anstallningar.csv"
    _extract(extract)
    with translation.override("sv"):
        note = translation.gettext(NO_REASONS)
    for fmt in ("xlsx", "html"):
        out = io.StringIO()
        target = tmp_path / f"r.{fmt}"
        call_command(
            "forecast",
            "--extract",
            str(extract),
            "--base-date",
            "2025-12-31",
            "--draws",
            "50",
            "--out",
            str(target),
            "--language",
            "sv",
            stdout=out,
        )
        assert note in " ".join(out.getvalue().split())
        if fmt == "xlsx":
            book = zipfile.ZipFile(target)
            strings = book.read("xl/sharedStrings.xml").decode()
            assert note.replace("'", "&apos;") in strings or note in strings
        else:
            text = " ".join(target.read_text(encoding="utf-8").split())
            assert note.replace("'", "&#x27;") in text
