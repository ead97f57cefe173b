from django.utils.translation import gettext_noop

from bemanna.keyfigures.management.commands._health import HealthImport


class Command(HealthImport):
    help = gettext_noop(
        "Import sick-leave spells (Personnummer or Anst.nr; Från; Till; Omfattning)."
    )
    kind = "sick_leave"
