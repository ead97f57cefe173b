from django import forms
from django.utils.translation import gettext_lazy as _

from bemanna.analysis.enps import ENPS_ITEM, ENPS_ITEM_EN, HME_ITEMS, HME_ITEMS_EN

# The nine HME statements, keyed for storage; their text is shown in the answer's language.
HME_KEYS = {
    f"hme_{group}_{i}": text
    for group, items in HME_ITEMS.items()
    for i, text in enumerate(items, start=1)
}
HME_ENGLISH = {
    swedish: english
    for group in HME_ITEMS
    for swedish, english in zip(HME_ITEMS[group], HME_ITEMS_EN[group], strict=True)
}


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class AnswerForm(forms.Form):
    def __init__(self, *args, include_hme: bool, include_comment: bool, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        english = language == "en"
        self.fields["enps"] = forms.TypedChoiceField(
            label=ENPS_ITEM_EN if english else ENPS_ITEM,
            choices=[(str(i), str(i)) for i in range(11)],
            coerce=int,
            widget=forms.RadioSelect,
            help_text=_("0 = not at all likely, 10 = very likely"),
        )
        if include_hme:
            scale = [(str(i), str(i)) for i in range(1, 6)]
            for key, text in HME_KEYS.items():
                self.fields[key] = forms.TypedChoiceField(
                    label=HME_ENGLISH[text] if english else text,
                    choices=scale,
                    coerce=int,
                    required=False,
                    empty_value=None,
                    widget=forms.RadioSelect,
                    help_text=_("1 = do not agree at all, 5 = agree completely"),
                )
        if include_comment:
            self.fields["comment"] = forms.CharField(
                label=_("Why? (optional)"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("Do not write names or anything that shows who you are."),
            )

    def items(self) -> dict[str, int]:
        """HME answers keyed hme_<index>_<n> (the statement's text is in HME_KEYS)."""
        return {k: v for k, v in self.cleaned_data.items() if k in HME_KEYS and v is not None}
