from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from bemanna import generation
from bemanna.audit.models import AuditEntry, log_action
from bemanna.clifiles import BemannaCommand
from bemanna.keyfigures.models import KeptCosts, KeptCostsYear, KeptHealth, KeptHealthYear
from bemanna.org.models import PublishedYear
from bemanna.workforce import frames
from bemanna.workforce.models import KeptExtract, KeptYear


class Command(BemannaCommand):
    help = gettext_noop(
        "Take back the rows kept for closed years from YEAR on, so that they are computed "
        "from the data as they are now. Only for an extract imported by mistake: every "
        "figure of those years that the mistake did not change but a late row did changes "
        "too, and the difference is those people's, as are the kept rows of anyone erased "
        "since. The data protection officer's call; audit-logged."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help=gettext_noop("The first year to reopen."))
        parser.add_argument(
            "--yes",
            action="store_true",
            help=gettext_noop("Do it (without it, the command only says what it would do)."),
        )

    def handle(self, *args, year, yes, **options):
        years = sorted(
            set(KeptYear.objects.filter(year__gte=year).values_list("year", flat=True))
            | set(KeptHealthYear.objects.filter(year__gte=year).values_list("year", flat=True))
            | set(KeptCostsYear.objects.filter(year__gte=year).values_list("year", flat=True))
            | set(_decided(year).values_list("year", flat=True))
        )
        if not years:
            raise CommandError(gettext("No closed year from %(year)s on is kept.") % {"year": year})
        listed = ", ".join(str(y) for y in years)
        if not yes:
            self.stdout.write(
                gettext("Would reopen %(years)s. Run again with --yes to do it.")
                % {"years": listed}
            )
            return
        with transaction.atomic():
            KeptYear.objects.filter(year__gte=year).delete()
            KeptHealthYear.objects.filter(year__gte=year).delete()
            KeptCostsYear.objects.filter(year__gte=year).delete()
            KeptExtract.objects.filter(years__isnull=True).delete()
            KeptHealth.objects.filter(years__isnull=True).delete()
            KeptCosts.objects.filter(years__isnull=True).delete()
            # Historik decides the years' 31 Decembers again, from the rows as they are.
            _decided(year).update(history=None)
            generation.bump()
        frames.forget()
        log_action(None, AuditEntry.Action.YEARS_REOPENED, scope=listed, first=year)
        self.stdout.write(gettext("Reopened %(years)s.") % {"years": listed})


def _decided(year: int):
    """The years from `year` on whose *Historik* decisions are kept (`PublishedYear.history`)."""
    return PublishedYear.objects.filter(year__gte=year, history__isnull=False)
