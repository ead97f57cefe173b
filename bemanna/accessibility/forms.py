from django import forms
from django.utils.translation import gettext_lazy as _

from bemanna.accessibility.models import FaultReport
from bemanna.freetext import FreeTextForm


class FaultReportForm(FreeTextForm, forms.ModelForm):
    class Meta:
        model = FaultReport
        fields = ["page", "description", "contact"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"page": _("The address or the name of the page, if it is about one page.")}
        error_messages = {
            "description": {"required": _("Describe what does not work.")},
        }


class SwedishForm:
    """A form mixin: a list's empty choice says what to do ("Choose …", not "---------"),
    and a decimal number is shown and typed with a decimal comma (5,70, not 5.70)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_empty_choices(self)
        localize_decimals(self)


def localize_decimals(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if isinstance(field, forms.FloatField | forms.DecimalField):
            field.localize = True
            attrs = {k: v for k, v in field.widget.attrs.items() if k not in ("step", "min", "max")}
            field.widget = forms.TextInput(attrs={**attrs, "inputmode": "decimal"})
            field.widget.is_localized = True


def name_empty_choices(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if isinstance(field, forms.ModelMultipleChoiceField):
            continue
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label is not None:
                field.empty_label = CHOOSE
        elif isinstance(field, forms.ChoiceField) and not isinstance(
            field.widget, forms.RadioSelect
        ):
            choices = list(field.choices)
            if choices and choices[0][0] == "":
                field.choices = [("", CHOOSE), *choices[1:]]


CHOOSE = _("Choose …")
