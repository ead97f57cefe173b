from django import forms
from django.utils.translation import gettext_lazy as _

from bemanna.accessibility.forms import SwedishForm
from bemanna.freetext import FreeTextForm
from bemanna.plan.models import (
    EffectFigure,
    EffectValue,
    PlanAction,
    Proposal,
    StatusNote,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProposalForm(SwedishForm, FreeTextForm, forms.ModelForm):
    """A proposal from anyone; `anonymous` keeps nothing that points to the sender."""

    free_text_fields = ("title",)

    anonymous = forms.BooleanField(
        label=_("Send anonymously"),
        required=False,
        help_text=_("Nothing is kept that shows who sent it."),
    )
    # A field people do not see; robots fill it in.
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Proposal
        fields = ["title", "description", "area", "suggested_group", "origin"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."))
        return ""


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["effect", "certainty", "cost", "time_to_effect"]
        help_texts = {
            "effect": _("1 = small, 5 = large"),
            "certainty": _("1 = uncertain, 5 = can be ensured"),
            "cost": _("1 = low, 5 = high"),
            "time_to_effect": _("1 = within months, 5 = years"),
        }


class DecisionForm(forms.Form):
    decided_by = forms.CharField(label=_("Decided by"), max_length=200, required=False)
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=DATE)
    reference = forms.CharField(
        label=_("Reference"),
        max_length=100,
        required=False,
        help_text=_("For example RS/719/2021 § 81"),
    )


class ActionForm(SwedishForm, forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = ["work_group", "owner", "unit", "budget_msek", "start", "end"]
        widgets = {"start": DATE, "end": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = self.fields["unit"].queryset.order_by("path")
        self.fields["owner"].queryset = self.fields["owner"].queryset.order_by(
            "first_name", "last_name", "username"
        )
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.username


class NoteForm(SwedishForm, FreeTextForm, forms.ModelForm):
    class Meta:
        model = StatusNote
        fields = ["written_on", "kind", "text"]
        widgets = {"written_on": DATE, "text": forms.Textarea(attrs={"rows": 3})}


class FigureForm(SwedishForm, forms.ModelForm):
    class Meta:
        model = EffectFigure
        fields = ["name", "source", "measure", "baseline", "target", "measure_on"]
        widgets = {"measure_on": DATE}


class ValueForm(SwedishForm, forms.ModelForm):
    class Meta:
        model = EffectValue
        fields = ["figure", "measured_on", "value"]
        widgets = {"measured_on": DATE}

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["figure"].queryset = EffectFigure.objects.filter(action=action, source="manual")
