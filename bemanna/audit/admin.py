from django.contrib import admin

from bemanna.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created", "actor_name", "action", "scope")
    list_filter = ("action",)
    readonly_fields = ("created", "actor", "actor_name", "action", "scope", "detail")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
