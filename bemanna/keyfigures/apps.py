from functools import partial

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KeyFiguresConfig(AppConfig):
    name = "bemanna.keyfigures"
    verbose_name = _("Key figures")

    def ready(self):
        # The Import page belongs to the workforce app below; the key figures add their files
        # to it here rather than have it import them.
        from django.db.models.signals import post_delete, post_save
        from django.utils import timezone

        from bemanna import generation
        from bemanna.forecast import frames
        from bemanna.keyfigures.benchmarks import import_benchmarks
        from bemanna.keyfigures.services import costs_for_forecast, import_health_file
        from bemanna.workforce import importers

        for kind, label, columns in (
            (
                "sick_leave",
                _("Sick-leave spells"),
                _(
                    "One row per spell: Personnummer or Anst.nr; Från; Till (empty while "
                    "open); Omfattning (1–100)."
                ),
            ),
            (
                "hours",
                _("Scheduled hours"),
                _("One row per person and month: Personnummer or Anst.nr; Månad; Timmar."),
            ),
            (
                "costs",
                _("Personnel costs"),
                _(
                    "One row per unit and month: Enhet; Månad; optional Yrkesgrupp; Egen "
                    "personal, Inhyrd personal and/or Bemanningspool."
                ),
            ),
            (
                "plans",
                _("Competence plans"),
                _("One row per person: Personnummer or Anst.nr; Kompetensplan (ja or nej)."),
            ),
        ):
            importers.register(kind, label, partial(import_health_file, kind), columns)
        importers.register(
            "kolada",
            _("Kolada: other regions' key figures"),
            import_benchmarks,
            _(
                "Kolada's download as it is: kpi; municipality_id; municipality; period; "
                "gender; value."
            ),
        )
        # The forecast values its gap with the imported costs; it sits below, so it is handed
        # the reader rather than import it.
        # As the key figures see them (`published_costs`): a late row about a month already
        # shown moves no price either; with each row's branch of its year's tree, on which
        # both decide which group's kronor may be known (`kpi.cost_parts`).
        frames.register_costs(
            lambda: (
                costs_for_forecast(timezone.localdate())
                .select("unit", "month", "profession_group", "own_cost", "hired_cost", "branch")
                .iter_rows()
            )
        )
        # What the key figures and the board report are computed from: a change to any of it
        # starts a new generation of the cached results (`bemanna.generation`). Imports of
        # every kind write an ImportBatch; bulk changes without one bump it themselves. (A
        # PublishedYear is written by the computation itself, keeping the tree it used.)
        from bemanna.forecast.models import (
            EducationPipeline,
            GroupCost,
            PopulationProjection,
            Scenario,
        )
        from bemanna.keyfigures.models import Benchmark, Target
        from bemanna.org.models import Unit
        from bemanna.pulse.models import Pulse, Wave
        from bemanna.workforce.models import GroupMapping, ImportBatch, Profession

        # A pulse's thresholds decide what its waves show wherever they are kept (the action
        # plan's eNPS series): raised, nothing computed under the old ones may be served.
        models = (ImportBatch, Unit, Profession, GroupMapping, Target, Benchmark, Wave, Pulse)
        for model in models:
            for signal in (post_save, post_delete):
                signal.connect(
                    generation.bump, sender=model, dispatch_uid=f"generation-{model.__name__}"
                )
        # The first board report after an import is computed before anyone asks for it.
        from bemanna.keyfigures import board

        generation.register_warmer("board", board.warm)
        # Then each manager's own page, from the key figures the board's warming computed.
        from bemanna.keyfigures.views import warm_managers

        generation.register_warmer("manager-keyfigures", warm_managers)
        for model in (Scenario, PopulationProjection, GroupCost, EducationPipeline):
            for signal in (post_save, post_delete):
                signal.connect(
                    generation.bump_forecast,
                    sender=model,
                    dispatch_uid=f"generation-{model.__name__}",
                )
