from bemanna.keyfigures.management.commands._health import HealthImport


class Command(HealthImport):
    help = (
        "Import personnel costs per unit and month (Enhet; Månad; Yrkesgrupp; Egen personal; "
        "Inhyrd personal; Bemanningspool)."
    )
    kind = "costs"
