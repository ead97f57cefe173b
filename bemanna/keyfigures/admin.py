from django.contrib import admin

from bemanna.keyfigures.models import Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    """Targets per figure: for the region (no unit) and for any unit and what is below it."""

    list_display = ["figure", "unit", "value"]
    list_filter = ["figure"]
    autocomplete_fields = ["unit"]
