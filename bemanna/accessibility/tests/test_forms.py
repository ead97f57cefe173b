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


def test_the_forecasts_inputs_take_a_decimal_comma():
    from bemanna.forecast.forms import InputsForm

    with translation.override("sv"):
        shown = InputsForm(
            groups=["Sjuksköterskor"], inputs={"sick_leave": {"Sjuksköterskor": 5.5}}
        )
        html = str(shown["sick_leave_0"])
        # A number field would show the browser's own decimal mark (5.5 in an English one).
        assert 'value="5,5"' in html and 'inputmode="decimal"' in html, html
        assert 'type="number"' not in html
        typed = InputsForm({"sick_leave_0": "6,25", "weights_0": "vård"}, groups=["Sjuksköterskor"])
        assert typed.is_valid(), typed.errors
        assert typed.inputs()["sick_leave"] == {"Sjuksköterskor": 6.25}


def test_a_target_is_typed_and_shown_with_a_decimal_comma(db):
    from bemanna.keyfigures.admin import TargetForm
    from bemanna.keyfigures.models import Figure, Target

    with translation.override("sv"):
        html = str(TargetForm(instance=Target(figure=Figure.HIRED_SHARE, value=2.5))["value"])
        assert 'value="2,5"' in html and 'type="number"' not in html, html
        typed = TargetForm({"figure": Figure.HIRED_SHARE, "value": "0,2"})
        assert typed.is_valid(), typed.errors
        assert typed.cleaned_data["value"] == 0.2
