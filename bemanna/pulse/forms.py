from django import forms
from django.utils.translation import gettext_lazy as _

from bemanna.analysis.enps import ENPS_ITEM, HME_ITEMS

# The nine HME statements, keyed for storage; their text is shown in the answer's language.
HME_KEYS = {
    f"hme_{group}_{i}": text
    for group, items in HME_ITEMS.items()
    for i, text in enumerate(items, start=1)
}
HME_ENGLISH = {
    "Mitt arbete känns meningsfullt.": "My work feels meaningful.",
    "Jag lär nytt och utvecklas i mitt dagliga arbete.": "I learn new things and develop in my daily work.",
    "Jag ser fram emot att gå till arbetet.": "I look forward to going to work.",
    "Min närmaste chef visar uppskattning för mina arbetsinsatser.": "My immediate manager shows appreciation for my work.",
    "Min närmaste chef visar förtroende för mig som medarbetare.": "My immediate manager shows confidence in me as an employee.",
    "Min närmaste chef ger mig förutsättningar att ta ansvar i mitt arbete.": "My immediate manager gives me the means to take responsibility in my work.",
    "Jag är insatt i min arbetsplats mål.": "I am familiar with my workplace's goals.",
    "Min arbetsplats mål följs upp och utvärderas på ett bra sätt.": "My workplace's goals are followed up and evaluated well.",
    "Jag vet vad som förväntas av mig i mitt arbete.": "I know what is expected of me at work.",
}
ENPS_ENGLISH = (
    "How likely is it that you would recommend your employer to a friend or acquaintance?"
)


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
            label=ENPS_ENGLISH if english else ENPS_ITEM,
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
