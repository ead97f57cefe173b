from django.contrib import admin

from bemanna.org.models import Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "manager")
    list_filter = ("level",)
    search_fields = ("code", "name")
    raw_id_fields = ("parent", "manager")

    def has_delete_permission(self, request, obj=None):
        # A unit is never deleted: exit answers keep theirs sealed (no foreign key protects
        # it), and the trees kept for waves, blocks and years name it. A unit gone from the
        # tree file is left without people, not removed.
        return False

    def save_model(self, request, obj, form, change):
        # Moving a unit re-hangs its whole subtree; Unit.move_to keeps the paths right.
        if change and "parent" in form.changed_data:
            new_parent = obj.parent
            obj.parent_id = form.initial.get("parent")
            super().save_model(request, obj, form, change)
            obj.move_to(new_parent)
        else:
            super().save_model(request, obj, form, change)
