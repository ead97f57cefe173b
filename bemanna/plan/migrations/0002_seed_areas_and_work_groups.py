"""The areas and work groups of the region's action plan (seed 001), as starting data.

They are data: the council renames, adds or retires them in the admin."""

from django.db import migrations

AREAS = ("Behålla", "Rekrytera", "Utveckla")
WORK_GROUPS = (
    "Rätt använd kompetens",
    "Löner och förmåner",
    "Chef och ledarskap",
    "Teknisk utveckling",
    "Tillfälliga resursförstärkningar och långsiktig bemanning",
    "Arbetsmiljö",
    "Utbildning",
    "Co-working och regionala arbetshubbar",
    "Andra befintliga grupper",
)


def seed(apps, schema_editor):
    Area = apps.get_model("plan", "Area")
    WorkGroup = apps.get_model("plan", "WorkGroup")
    for position, name in enumerate(AREAS):
        Area.objects.get_or_create(name=name, defaults={"position": position})
    for name in WORK_GROUPS:
        WorkGroup.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("plan", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
