import functools

from django import forms
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from bemanna.analysis import surveys
from bemanna.analysis.enps import ENPS_ITEM, ENPS_ITEM_EN, HME_ITEMS, HME_ITEMS_EN, HME_KEYS
from bemanna.freetext import FreeTextForm
from bemanna.org import thresholds
from bemanna.org.models import Unit
from bemanna.pulse.models import (
    TARGETING,
    Action,
    Dialogue,
    Pulse,
    Question,
    QuestionKind,
    QuestionRole,
)
from bemanna.pulse.targeted import REPLIES
from bemanna.workforce.models import Profession

HME_ENGLISH = {
    swedish: english
    for group in HME_ITEMS
    for swedish, english in zip(HME_ITEMS[group], HME_ITEMS_EN[group], strict=True)
}


# The willing question's choices that a number goes with: "ja" and "kanske".
WILLING_WITH_A_NUMBER = tuple(i for i, reply in enumerate(REPLIES) if reply != surveys.NO)


class AnswerForm(FreeTextForm, forms.Form):
    def __init__(
        self,
        *args,
        include_hme: bool,
        include_comment: bool,
        language: str,
        questions=(),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        # The fields every pulse asks are made once per process and language and shared by
        # every form (nothing changes a field once made): making them anew for each answer
        # was a tenth of the time of an answer post (issue 19).
        self.fields.update(_fixed_fields(language == "en", include_hme))
        for question in self.questions:
            self.fields[question.key] = _question_field(question, language)
        if include_comment:
            self.fields["comment"] = _comment_field()

    def rows(self) -> list[dict]:
        """Each field, with its radio buttons written out here as one piece of HTML: rendering
        sixty radio buttons through widget templates made the page several times slower, and
        format_html for each of them still cost a third of the page."""
        rows = []
        for field in self:
            scale = None
            if isinstance(field.field.widget, forms.RadioSelect):
                chosen = "" if field.value() is None else str(field.value())
                auto_id, name = escape(field.auto_id), escape(field.html_name)
                scale = mark_safe(  # noqa: S308 (every part escaped here)
                    "".join(
                        f'<label class="choice" for="{auto_id}_{index}"><input type="radio" '
                        f'name="{name}" value="{escape(value)}" id="{auto_id}_{index}"'
                        f"{' checked' if str(value) == chosen else ''}><span>{escape(label)}"
                        "</span></label>"
                        for index, (value, label) in enumerate(field.field.choices)
                    )
                )
            rows.append({"field": field, "scale": scale})
        return rows

    def clean(self):
        cleaned = super().clean()
        # A targeted survey's number ("if yes or maybe: what rate?") counts only beside a
        # ja or kanske (`targeted.answers`); the results pages' mean of the same question
        # counted a number given with a nej too, and the two means' difference narrowed
        # those few's numbers (an insider's twenty-fourth round, by code reading).
        roles = {q.role: q for q in self.questions if q.role}
        willing, number = roles.get(QuestionRole.WILLING), roles.get(QuestionRole.NUMBER)
        if (
            willing
            and number
            and cleaned.get(number.key) is not None
            and cleaned.get(willing.key) not in WILLING_WITH_A_NUMBER
        ):
            self.add_error(number.key, _("Give a number only if you answered yes or maybe above."))
        return cleaned

    def items(self) -> dict[str, int]:
        """HME answers keyed hme_<group>_<n> (the text is in HME_KEYS), extra ones q<id>."""
        keys = set(HME_KEYS) | {q.key for q in self.questions}
        return {k: v for k, v in self.cleaned_data.items() if k in keys and v is not None}


@functools.cache
def _fixed_fields(english: bool, include_hme: bool) -> dict[str, forms.Field]:
    """eNPS and, when asked, the nine HME statements, in the answer page's language."""
    fields: dict[str, forms.Field] = {
        "enps": forms.TypedChoiceField(
            label=ENPS_ITEM_EN if english else ENPS_ITEM,
            choices=[(str(i), str(i)) for i in range(11)],
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose an answer.")},
            help_text=_("0 = not at all likely, 10 = very likely"),
        )
    }
    if include_hme:
        scale = [(str(i), str(i)) for i in range(1, 6)]
        for key, text in HME_KEYS.items():
            fields[key] = forms.TypedChoiceField(
                label=HME_ENGLISH[text] if english else text,
                choices=scale,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                help_text=_("1 = do not agree at all, 5 = agree completely"),
            )
    return fields


@functools.cache
def _comment_field() -> forms.Field:
    return forms.CharField(
        label=_("Why? (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Do not write names or anything that shows who you are."),
    )


def _question_field(question: Question, language: str) -> forms.Field:
    label = question.label(language)
    if question.kind == QuestionKind.NUMBER:
        return forms.IntegerField(
            label=label,
            required=False,
            min_value=question.low,
            max_value=question.high,
            help_text=_("A whole number from %(low)s to %(high)s.")
            % {"low": question.low, "high": question.high},
        )
    if question.kind == QuestionKind.CHOICE:
        choices = [(str(i), text) for i, text in enumerate(question.choice_list(language))]
    else:
        choices = [(str(i), str(i)) for i in range(1, 6)]
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        help_text=_("1 = do not agree at all, 5 = agree completely")
        if question.kind == QuestionKind.AGREE
        else "",
    )


class PulseForm(FreeTextForm, forms.ModelForm):
    """A pulse: who, what, when, and its anonymity. The region's model is the default."""

    profession_groups = forms.MultipleChoiceField(
        label=_("Profession groups"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every profession."),
    )

    class Meta:
        model = Pulse
        fields = [
            "name",
            "description",
            "units",
            "profession_groups",
            "part_time_only",
            "min_age",
            "include_hme",
            "include_comment",
            "languages",
            "schedule",
            "first_opens",
            "window_days",
            "reminder_after_days",
            "active",
            "min_answers",
            "min_answers_text",
        ]
        widgets = {
            "units": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 2}),
            "first_opens": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = self.fields["units"]
        units.queryset = Unit.objects.order_by("path")
        units.label_from_instance = lambda u: f"{u.name} ({u.code})"
        groups = (
            Profession.objects.exclude(skr_group="")
            .order_by("skr_group")
            .values_list("skr_group", flat=True)
            .distinct()
        )
        self.fields["profession_groups"].choices = [(g, g) for g in groups]
        self.fields["first_opens"].required = True
        # Never below the installation's thresholds (`Pulse.clean` says so on the server).
        self.fields["min_answers"].widget.attrs["min"] = thresholds.min_group()
        self.fields["min_answers_text"].widget.attrs["min"] = thresholds.min_group_text()
        if self.instance.pk and self.instance.has_answers():
            # Loosening is refused in Pulse.clean; say so before anyone tries.
            for name in ("min_answers", "min_answers_text"):
                self.fields[name].help_text = _("Answers exist: this can be raised, not lowered.")
            for name in TARGETING:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _(
                        "Answers exist: who is invited is fixed (a new pulse asks others)."
                    )

    def unit_tree(self) -> list[dict]:
        """The units' check boxes as a tree: each node's unit, its box and its children."""
        boxes = {str(box.data["value"]): box for box in self["units"]}
        units = list(self.fields["units"].queryset)
        nodes = {u.pk: {"unit": u, "box": boxes[str(u.pk)], "children": []} for u in units}
        roots = []
        for unit in units:
            parent = nodes.get(unit.parent_id)
            (parent["children"] if parent else roots).append(nodes[unit.pk])
        return roots

    def transient(self) -> tuple[Pulse, list[Unit]]:
        """What the form says so far, as an unsaved pulse and its units (invalid fields
        left at the defaults): for the invite count and the preview before saving."""
        self.is_valid()
        data = self.cleaned_data
        defaults = Pulse()
        pulse = Pulse(
            name=data.get("name") or "",
            profession_groups=data.get("profession_groups") or [],
            part_time_only=bool(data.get("part_time_only")),
            min_age=data.get("min_age"),
            include_hme=bool(data.get("include_hme")),
            include_comment=bool(data.get("include_comment")),
            languages=data.get("languages") or defaults.languages,
            window_days=data.get("window_days") or defaults.window_days,
            min_answers=data.get("min_answers") or defaults.min_answers,
            min_answers_text=data.get("min_answers_text") or defaults.min_answers_text,
        )
        return pulse, list(data.get("units") or [])


class QuestionForm(FreeTextForm, forms.ModelForm):
    free_text_fields = ("text", "text_en")


QuestionFormSet = forms.inlineformset_factory(
    Pulse,
    Question,
    form=QuestionForm,
    fields=["text", "text_en", "kind", "choices", "choices_en", "low", "high"],
    extra=1,  # the page adds rows without saving ("Add a question")
    can_delete=True,
    widgets={
        "choices": forms.Textarea(attrs={"rows": 3}),
        "choices_en": forms.Textarea(attrs={"rows": 3}),
    },
)


class DialogueForm(FreeTextForm, forms.ModelForm):
    class Meta:
        model = Dialogue
        fields = ["held_on", "participants", "discussed", "agreed", "open_questions"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "discussed": forms.Textarea(attrs={"rows": 5}),
            "agreed": forms.Textarea(attrs={"rows": 3}),
            "open_questions": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        wave = self.instance.wave
        if held_on < wave.opens:
            raise forms.ValidationError(_("The dialogue cannot be before the wave opened."))
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("The date is in the future."))
        return held_on


class ActionForm(FreeTextForm, forms.ModelForm):
    free_text_fields = ("text",)

    class Meta:
        model = Action
        fields = ["text", "owner", "due", "status"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def question_row(index: int) -> forms.Form:
    """An empty extra question numbered `index` in the formset, for "Add a question"."""
    form = QuestionFormSet(prefix="questions").empty_form
    form.prefix = f"questions-{index}"
    return form


def preview_questions(formset) -> list[Question]:
    """The extra questions written so far that are whole, unsaved, numbered for the page."""
    formset.is_valid()
    questions = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if form.errors or not data.get("text") or data.get("DELETE"):
            continue
        question = Question(
            **{name: data[name] for name in formset.form._meta.fields if name in data}
        )
        question.pk = len(questions) + 1  # only names its field on the preview; never saved
        questions.append(question)
    return questions


ActionFormSet = forms.inlineformset_factory(
    Dialogue, Action, form=ActionForm, extra=3, can_delete=True
)
