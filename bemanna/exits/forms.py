from django import forms
from django.utils.translation import gettext_lazy as _

from bemanna.exits.models import ComeBack, ExitReason
from bemanna.freetext import FreeTextForm


class ExitAnswerForm(FreeTextForm, forms.Form):
    def __init__(self, *args, language: str = "sv", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        reasons = list(ExitReason.objects.filter(active=True))
        self.reasons = {r.code: r for r in reasons}
        choices = [(r.code, r.label(language)) for r in reasons]
        self.fields["main_reason"] = forms.ChoiceField(
            label=_("The main reason you are leaving"),
            choices=choices,
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose the main reason.")},
        )
        self.fields["other_reasons"] = forms.MultipleChoiceField(
            label=_("Other reasons that played a part (any number)"),
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.fields["come_back"] = forms.ChoiceField(
            label=_("Could you imagine coming back to work for us?"),
            choices=ComeBack.choices,
            widget=forms.RadioSelect,
            required=False,
        )
        self.fields["enps"] = forms.TypedChoiceField(
            label=_("How likely is it that you would recommend us as an employer? (0–10)"),
            choices=[(str(i), str(i)) for i in range(11)],
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            required=False,
        )
        self.fields["would_have_stayed"] = forms.CharField(
            label=_("What would have made you stay?"),
            help_text=_("Do not write names. Shown only pooled with many others."),
            widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
            max_length=2000,
            required=False,
        )

    def clean(self):
        data = super().clean()
        main = data.get("main_reason")
        if main:
            data["main_reason"] = self.reasons[main]
            data["other_reasons"] = [c for c in data.get("other_reasons", []) if c != main]
        return data
