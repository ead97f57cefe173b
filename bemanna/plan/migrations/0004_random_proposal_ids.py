"""Proposals get random ids, and anonymous ones lose their "submitted" event.

An anonymous proposal's event kept the second it came and its place among all events; with a
server log of the request that points to the sender. Proposals already kept keep their ids.
"""

from django.db import migrations, models

import bemanna.plan.models


def forget_anonymous_times(apps, schema_editor):
    Event = apps.get_model("plan", "Event")
    Event.objects.filter(
        what="submitted", actor_name="anonym", proposal__submitted_by__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plan", "0003_field_names"),
    ]

    operations = [
        migrations.AlterField(
            model_name="proposal",
            name="id",
            field=models.BigIntegerField(
                default=bemanna.plan.models.new_proposal_id,
                editable=False,
                primary_key=True,
                serialize=False,
            ),
        ),
        migrations.RunPython(forget_anonymous_times, migrations.RunPython.noop),
    ]
