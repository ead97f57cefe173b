from django.contrib import admin

from bemanna.accessibility.changelist import LabelledListEditable
from bemanna.exits.models import ExitReason, ExitSurveyConfig


@admin.register(ExitReason)
class ExitReasonAdmin(LabelledListEditable, admin.ModelAdmin):
    list_display = ["name", "name_en", "code", "position", "active"]
    list_editable = ["position", "active"]


@admin.register(ExitSurveyConfig)
class ExitSurveyConfigAdmin(admin.ModelAdmin):
    list_display = ["__str__", "min_answers", "pool_years", "window_days", "days_before"]

    def has_add_permission(self, request):
        return not ExitSurveyConfig.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
