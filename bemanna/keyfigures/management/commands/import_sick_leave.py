from bemanna.keyfigures.management.commands._health import HealthImport


class Command(HealthImport):
    help = "Import sick-leave spells (Personnummer or Anst.nr; Från; Till; Omfattning)."
    kind = "sick_leave"
