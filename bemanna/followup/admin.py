from django.contrib import admin

from bemanna.accessibility.changelist import LabelledListEditable
from bemanna.followup.models import CommentTheme


@admin.register(CommentTheme)
class CommentThemeAdmin(LabelledListEditable, admin.ModelAdmin):
    list_display = ("name", "keywords", "position", "active")
    list_editable = ("position", "active")
