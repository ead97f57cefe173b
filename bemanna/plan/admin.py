from django.contrib import admin

from bemanna.plan.models import Area, WorkGroup


# Areas and work groups are data the council keeps up to date; proposals and actions are
# worked on their own pages, where every change is kept in the history.
@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]


@admin.register(WorkGroup)
class WorkGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "lead", "active"]
    list_filter = ["active"]
