from bemanna.keyfigures.management.commands._health import HealthImport


class Command(HealthImport):
    help = "Import scheduled hours (Personnummer or Anst.nr; Månad YYYY-MM; Timmar)."
    kind = "hours"
