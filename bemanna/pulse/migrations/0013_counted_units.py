"""Each invitation says the unit its answer is stored under (`Invitation.counted_unit`: the
nearest at or above its own with at least the wave's k invited), and the answers and closed
invitations already stored under a smaller unit move there: a stored answer of a team of
one or two named its sender to anyone who could read the database beside the HR tables."""

from collections import Counter

import django.db.models.deletion
from django.db import migrations, models


def count_in_units(apps, schema_editor):
    from bemanna.analysis.disclosure import counting_units
    from bemanna.answering.storage import rewrite_in_key_order, shuffled

    Wave = apps.get_model("pulse", "Wave")
    Unit = apps.get_model("org", "Unit")
    Invitation = apps.get_model("pulse", "Invitation")
    Response = apps.get_model("pulse", "Response")
    today = {pk: parent for pk, parent in Unit.objects.values_list("pk", "parent_id")}
    for wave in Wave.objects.select_related("pulse"):
        parents = (
            {row[0]: row[1] for row in wave.tree} if wave.tree is not None else dict(today)
        )
        k = wave.min_answers or wave.pulse.min_answers
        invited = Counter(wave.invitations.values_list("unit_id", flat=True))
        counted = counting_units(parents, invited, k)
        for unit, at in counted.items():
            Invitation.objects.filter(wave=wave, unit_id=unit).update(counted_unit_id=at)
        moved = {unit: at for unit, at in counted.items() if at != unit}
        if not moved:
            continue
        # The wave's answers, every row again in random order (an open wave's too): rows
        # updated in place would lie (and, on PostgreSQL, carry a transaction) of their own,
        # and say which came from a small unit (an insider's twenty-third round).
        for unit, at in moved.items():
            Response.objects.filter(wave=wave, unit_id=unit).update(unit_id=at)
        rewrite_in_key_order(Response.objects.filter(wave=wave))
        if wave.status != "closed":
            continue
        rows = [
            (counted.get(unit, unit), used)
            for unit, used in wave.invitations.values_list("unit_id", "used")
        ]
        wave.invitations.all().delete()
        Invitation.objects.bulk_create(
            Invitation(wave=wave, unit_id=unit, counted_unit_id=unit, used=used)
            for unit, used in shuffled(rows)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0001_initial"),
        ("pulse", "0012_sealed_segments"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="counted_unit",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="org.unit",
            ),
        ),
        migrations.RunPython(count_in_units, migrations.RunPython.noop),
    ]
