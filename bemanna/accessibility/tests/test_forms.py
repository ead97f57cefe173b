"""Forms as Swedes use them: decimal comma both ways, and lists that say what to choose."""

import datetime
from decimal import Decimal

from django.utils import translation

from bemanna.plan.forms import ActionForm, ProposalForm


def test_a_decimal_is_shown_and_read_with_a_comma(db):
    with translation.override("sv"):
        shown = ActionForm(initial={"budget_msek": 5.7}).as_p()
        assert 'value="5,7"' in shown and "5.7" not in shown
        form = ActionForm(
            data={
                "budget_msek": "5,70",
                "start": "2026-01-01",
                "end": "2026-12-31",
            }
        )
        form.is_valid()
        assert "budget_msek" not in form.errors
        assert form.cleaned_data["budget_msek"] == Decimal("5.70")
        assert form.cleaned_data["start"] == datetime.date(2026, 1, 1)


def test_lists_say_what_to_choose(db):
    with translation.override("sv"):
        html = ProposalForm().as_p()
    assert "---------" not in html and "Välj …" in html
