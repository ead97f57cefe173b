from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectConfig(AppConfig):
    """The project level as an app, only because Django finds management commands in apps:
    `demo` and `run_schedule` call every app, so they live above all of them."""

    name = "bemanna.project"
    verbose_name = _("Project")
    label = "project"
