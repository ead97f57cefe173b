"""Used exit invitations still open become claims under a keyed tag (the invitation marked
used in the answer's transaction named the leaver to anyone who could query the database)."""

from django.db import migrations, models


def to_claims(apps, schema_editor):
    from bemanna.answering.codes import claim_tag

    ExitInvitation = apps.get_model("exits", "ExitInvitation")
    ExitClaim = apps.get_model("exits", "ExitClaim")
    used = ExitInvitation.objects.filter(used=True)
    ExitClaim.objects.bulk_create(
        ExitClaim(tag=claim_tag("exit", pk), year=year)
        for pk, year in used.values_list("pk", "year")
    )
    used.update(used=False)


class Migration(migrations.Migration):

    dependencies = [
        ('exits', '0007_block_thresholds'),
    ]

    operations = [
        migrations.CreateModel(
            name='ExitClaim',
            fields=[
                ('tag', models.CharField(max_length=64, primary_key=True, serialize=False)),
                ('year', models.PositiveSmallIntegerField(db_index=True)),
            ],
        ),
        migrations.RunPython(to_claims, migrations.RunPython.noop),
    ]
