"""An end reason the reader does not know is "other" (issue 14, item 2): the import keeps the
row, stores the reason other, and lists each unknown value with its rows (the Import page,
the command line, and the batch for the page's last-import list)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from bemanna.conftest import PASSWORD, TODAY, extract_csv
from bemanna.workforce import services
from bemanna.workforce.models import Employment, ImportBatch

URL = reverse("workforce:import")
HEADER = (
    "Anst.nr;Födelseår;Kön;Enhet;Befattning;Anställningsform;Sysselsättningsgrad;"
    "Startdatum;Slutdatum;Avgångsorsak\n"
)
ROWS = [
    "1;1970;K;A;SSK;Tillsvidare;100;2015-03-01;2024-05-31;Annat jobb",
    "2;1971;K;A;SSK;Tillsvidare;100;2015-03-01;2023-12-31;Egen begäran - annan arbetsgivare",
    "3;1972;M;B;SSK;Tillsvidare;100;2015-03-01;2025-01-31;Annat jobb",
    "4;1973;M;B;SSK;Tillsvidare;100;2015-03-01;2024-08-31;Egen begäran",
    "5;1974;K;A;SSK;Tillsvidare;100;2015-03-01;;",
]
# By hand: "Annat jobb" on rows 1 and 3, the other value on row 2; row 4's reason is known.
LISTED = [("Annat jobb", 2), ("Egen begäran - annan arbetsgivare", 1)]


def _data(rows=ROWS):
    return extract_csv(rows, header=HEADER)


def test_the_import_stores_other_and_keeps_the_list_with_the_batch(org):
    # One more "Annat jobb" that ended 2014, before the ten years kept: not stored, so not
    # counted among the rows listed.
    old = "6;1950;K;A;SSK;Tillsvidare;100;2000-01-01;2014-12-31;Annat jobb"
    report = services.import_employments(
        io.BytesIO(_data([*ROWS, old])), filename="hr.csv", today=TODAY
    )
    assert report.past_retention == 1
    assert list(report.unknown_reasons) == LISTED
    reasons = sorted(Employment.objects.values_list("person__birth_year", "end_reason"))
    assert reasons == [
        (1970, "other"),
        (1971, "other"),
        (1972, "other"),
        (1973, "own_request"),
        (1974, ""),
    ]
    batch = ImportBatch.objects.get(kind=ImportBatch.Kind.EMPLOYMENTS)
    assert batch.unknown_reasons == [list(row) for row in LISTED]
    assert services.last_unknown_reasons() == LISTED
    # A later extract whose reasons are all known (row 1 corrected): the last import lists none.
    fixed = [ROWS[0].replace("Annat jobb", "Egen begäran"), *ROWS[3:]]
    services.import_employments(io.BytesIO(_data(fixed)), filename="hr2.csv", today=TODAY)
    assert services.last_unknown_reasons() == []


def test_the_import_page_lists_the_unknown_reasons_with_their_rows(client, org, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    upload = SimpleUploadedFile("hr.csv", _data())
    assert client.post(URL, {"kind": "employments", "file": upload}).status_code == 302
    page = client.get(URL).content.decode()
    # The message after the import…
    assert (
        "End reasons Bemanna does not know, counted as other (value, rows): Annat jobb (2); "
        "Egen begäran - annan arbetsgivare (1)."
    ) in page
    # …and the last import's list, still there on the next visit.
    page = client.get(URL).content.decode()
    assert "counted as other (value, rows)" not in page  # the message was shown once
    section = page.split('id="unknown-reasons"')[1].split("</section>")[0]
    assert "End reasons counted as other in the last import" in section
    items = [item.split("</li>")[0].strip() for item in section.split("<li>")[1:]]
    assert items == ["Annat jobb (2)", "Egen begäran - annan arbetsgivare (1)"]


def test_the_import_command_prints_the_unknown_reasons(org, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_bytes(_data())
    out = io.StringIO()
    call_command("import_employments", str(path), "--language=en", stdout=out)
    said = out.getvalue()
    assert "Imported: 5 employments, 5 persons, 2 units" in said
    assert "Unknown end reason “Annat jobb” (2 rows): counted as other." in said
    assert (
        "Unknown end reason “Egen begäran - annan arbetsgivare” (1 row): counted as other."
    ) in said
    assert "“Egen begäran”" not in said  # a known reason is not listed
