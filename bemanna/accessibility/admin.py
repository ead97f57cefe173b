from django.contrib import admin

from bemanna.accessibility.models import FaultReport


@admin.register(FaultReport)
class FaultReportAdmin(admin.ModelAdmin):
    list_display = ["received", "page", "description", "handled"]
    list_filter = ["handled"]
    readonly_fields = ["received"]
