from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from bemanna.workforce import importers
from bemanna.workforce.models import GroupMapping

# Text that would run as a formula if a workbook read it back.
FORMULA = ("=", "+", "-", "@")


class ImportForm(forms.Form):
    # A callable: the key figures register their kinds when the apps are ready.
    kind = forms.ChoiceField(label=_("What the file contains"), choices=importers.choices)
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("CSV with ; or , (UTF-8 or Windows-1252), or an Excel workbook (.xlsx)."),
    )
    dry_run = forms.BooleanField(label=_("Only check the file, write nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.MAX_UPLOAD_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                _(
                    "The file is %(size)s MB; uploads may be at most %(limit)s MB. "
                    "Import larger files with the command `bemanna import`."
                ),
                params={"size": upload.size >> 20, "limit": limit},
                code="too_large",
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."), code="empty")
        return upload


class AsOfForm(forms.Form):
    date = forms.DateField(
        label=_("As of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class GroupMappingForm(forms.ModelForm):
    """HR's row for one AID or BSK code."""

    class Meta:
        model = GroupMapping
        fields = ["code", "group", "note"]
        help_texts = {
            "code": _("The AID or BSK code as the extract writes it."),
            "group": _("SKR's profession group, as the forecast and the key figures name it."),
            "note": _("Why, or where the mapping comes from (optional)."),
        }
        widgets = {"group": forms.TextInput(attrs={"list": "known-groups"})}

    def _text(self, name: str) -> str:
        value = self.cleaned_data[name].strip()
        if value.startswith(FORMULA):
            raise forms.ValidationError(
                _("Text starting with =, +, -, @ would run as a formula in a spreadsheet."),
                code="formula",
            )
        return value

    def clean_code(self):
        return self._text("code")

    def clean_group(self):
        value = self._text("group")
        if not value:
            raise forms.ValidationError(_("A value is required."), code="required")
        return value

    def clean_note(self):
        return self._text("note")
