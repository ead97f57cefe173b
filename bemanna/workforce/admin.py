from django.contrib import admin

from bemanna.workforce.models import ImportBatch, Profession

# Person and Employment are deliberately not in the admin: person-level rows are shown only
# through the audited view (workforce:persons).


@admin.register(Profession)
class ProfessionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "skr_group")
    search_fields = ("code", "name", "skr_group")


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = (
        "created",
        "kind",
        "filename",
        "rows",
        "created_count",
        "updated_count",
        "created_by",
        "is_demo",
    )
    readonly_fields = [f.name for f in ImportBatch._meta.fields]

    def has_add_permission(self, request):
        return False
