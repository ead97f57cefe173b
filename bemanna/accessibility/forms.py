from django import forms
from django.utils.translation import gettext_lazy as _

from bemanna.accessibility.models import FaultReport


class FaultReportForm(forms.ModelForm):
    class Meta:
        model = FaultReport
        fields = ["page", "description", "contact"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"page": _("The address or the name of the page, if it is about one page.")}
        error_messages = {
            "description": {"required": _("Describe what does not work.")},
        }


class NamedEmptyChoice:
    """A form mixin: a list's empty choice says what to do ("Choose …"), not "---------"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_empty_choices(self)


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
