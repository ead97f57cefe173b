"""Seed the cost table with published averages, each row saying where it comes from."""

from decimal import Decimal

from django.db import migrations

SCB = (
    "SCB, Lönestrukturstatistik, landstingskommunal sektor: genomsnittlig månadslön efter "
    "yrke 2019, {what}"
)
PO = "PO 52,28 % = SKR:s PO-pålägg för regioner 2023 (31,42 + 0,13 + 20,73)"
HIRED = (
    "inhyrd 1,6 × egen: ett antagande, ingen nationell siffra finns; ersätt med regionens "
    "avtalspriser"
)
ROWS = (
    ("", 38_300, SCB.format(what="samtliga yrken")),
    ("Läkare", 65_700, SCB.format(what="SSYK 2211–2213 och 2219 vägda med antal")),
    ("Sjuksköterskor", 34_800, SCB.format(what="SSYK 2221")),
    ("Specialistsjuksköterskor", 38_700, SCB.format(what="SSYK 2223–2225 vägda med antal")),
    ("Barnmorskor", 40_400, SCB.format(what="SSYK 2222")),
    ("Chefer", 51_100, SCB.format(what="SSYK 1512")),
)


def seed(apps, schema_editor):
    GroupCost = apps.get_model("forecast", "GroupCost")
    for group, salary, source in ROWS:
        GroupCost.objects.get_or_create(
            group=group,
            defaults={
                "monthly_salary": salary,
                "social_fees": Decimal("52.28"),
                "hired_factor": Decimal("1.60"),
                "source": f"{source}; {PO}; {HIRED}",
                "is_default": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("forecast", "0003_group_cost")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
