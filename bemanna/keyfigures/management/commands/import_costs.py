from django.utils.translation import gettext_noop

from bemanna.keyfigures.management.commands._health import HealthImport


class Command(HealthImport):
    help = gettext_noop(
        "Import personnel costs per unit and month (Enhet; Månad; Yrkesgrupp; Egen personal; "
        "Inhyrd personal; Bemanningspool)."
    )
    kind = "costs"
