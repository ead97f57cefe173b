from bemanna.keyfigures.management.commands._health import HealthImport


class Command(HealthImport):
    help = "Import individual competence plans (Personnummer or Anst.nr; Kompetensplan ja/nej)."
    kind = "plans"
