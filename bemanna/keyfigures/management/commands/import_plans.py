from django.utils.translation import gettext_noop

from bemanna.keyfigures.management.commands._health import HealthImport


class Command(HealthImport):
    help = gettext_noop(
        "Import individual competence plans (Personnummer or Anst.nr; Kompetensplan ja/nej)."
    )
    kind = "plans"
