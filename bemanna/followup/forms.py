from django import forms
from django.utils.translation import gettext_lazy as _

from bemanna.analysis import themes
from bemanna.followup.models import CommentTheme


class CommentFilter(forms.Form):
    """Which comments to list: a theme, words to search for, and the order."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("theme", _("By theme")), ("text", _("Alphabetically"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = [*CommentTheme.table(), themes.OTHER]
        self.fields["theme"].choices = [("", _("Every theme"))] + [(n, n) for n in names]
