from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bemanna import freetext
from bemanna.analysis import personnummer


class LookupForm(forms.Form):
    """The request's case reference (diarienummer, required and audit-logged), the person who
    asked: their personnummer (never stored) and, if the HR system names people by it, their
    employee number."""

    case_reference = forms.CharField(
        label=_("Case reference (diarienummer) of the request"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Required: it is recorded in the audit log and on the extract."),
    )

    personnummer = forms.CharField(
        label=_("Personnummer"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("12 or 10 digits, with or without a dash. It is not stored."),
    )
    employee_number = forms.CharField(
        label=_("Employee number (Anst.nr), if the HR extract names people by it"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_personnummer(self):
        value = self.cleaned_data["personnummer"]
        try:
            personnummer.parse(value, reference_year=timezone.localdate().year)
        except personnummer.PersonnummerError as error:
            reasons = {
                "format": _("Write 12 or 10 digits, for example 19811218-9876."),
                "date": _("The date in the number does not exist."),
                "checksum": _("The check digit is wrong; check the number."),
            }
            raise forms.ValidationError(reasons[error.code]) from None
        return value

    def clean_case_reference(self):
        value = " ".join(self.cleaned_data["case_reference"].split())
        if not value:
            raise forms.ValidationError(_("Give the request's case reference."))
        if "personnummer" in freetext.redact(value).found:
            raise forms.ValidationError(
                _("The case reference must not hold a personnummer: it goes into the log.")
            )
        return value


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Legal ground and reference (e.g. the request's registration number)"),
        max_length=200,
    )
    confirm = forms.BooleanField(
        label=_(
            "I have checked that no law (e.g. archiving rules) requires Bemanna to keep this "
            "data, and that the HR system will not send the person again."
        )
    )
