from functools import partial

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KeyFiguresConfig(AppConfig):
    name = "bemanna.keyfigures"
    verbose_name = _("Key figures")

    def ready(self):
        # The Import page belongs to the workforce app below; the key figures add their files
        # to it here rather than have it import them.
        from bemanna.forecast import frames
        from bemanna.keyfigures.benchmarks import import_benchmarks
        from bemanna.keyfigures.models import PersonnelCost
        from bemanna.keyfigures.services import import_health_file
        from bemanna.workforce import importers

        for kind, label in (
            ("sick_leave", _("Sick-leave spells")),
            ("hours", _("Scheduled hours")),
            ("costs", _("Personnel costs")),
            ("plans", _("Competence plans")),
        ):
            importers.register(kind, label, partial(import_health_file, kind))
        importers.register("kolada", _("Kolada: other regions' key figures"), import_benchmarks)
        # The forecast values its gap with the imported costs; it sits below, so it is handed
        # the reader rather than import it.
        frames.register_costs(
            lambda: PersonnelCost.objects.values_list(
                "unit_id", "month", "profession_group", "own_cost", "hired_cost"
            )
        )
