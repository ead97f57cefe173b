from django.utils.translation import gettext_noop

from bemanna.keyfigures.management.commands._health import HealthImport


class Command(HealthImport):
    help = gettext_noop("Import scheduled hours (Personnummer or Anst.nr; Månad YYYY-MM; Timmar).")
    kind = "hours"
