"""The statement says no more than the browser tests proved."""

from django.urls import reverse
from django.utils.html import escape

from bemanna.accessibility import checks
from bemanna.accessibility.models import FaultReport


def test_a_claim_the_run_did_not_prove_is_refused():
    proved = checks.Measured(pages=30, page_states=200, checks={"axe": True, "reflow": False})
    assert checks.Measured(pages=30, page_states=200, checks={"axe": True}).claims_no_more_than(
        proved
    )
    assert not checks.Measured(
        pages=30, page_states=200, checks={"reflow": True}
    ).claims_no_more_than(proved)
    assert not checks.Measured(pages=31, page_states=200, checks={}).claims_no_more_than(proved)


def test_the_statement_lists_what_the_tests_proved_and_the_rest_as_gaps(client, db):
    measured = checks.load()
    page = client.get(reverse("accessibility:statement")).content.decode()
    met = [name for name, ok in measured.checks.items() if ok and name in checks.CHECKS]
    for name in checks.CHECKS:
        text = escape(str(checks.CHECKS[name][1]))
        table, gaps = page.split('id="gaps"')
        assert (text in table) == (name in met), name
    assert "delvis förenlig" in page  # known gaps: never "fully compliant"


def test_a_fault_report_reaches_hr(client, db):
    empty = client.post(reverse("accessibility:statement"), {"description": ""})
    assert "error-summary" in empty.content.decode() and FaultReport.objects.count() == 0
    sent = client.post(
        reverse("accessibility:statement"),
        {"page": "/puls/", "description": "Diagrammet saknar text.", "contact": ""},
    )
    assert sent.status_code == 302
    assert FaultReport.objects.get().description == "Diagrammet saknar text."
