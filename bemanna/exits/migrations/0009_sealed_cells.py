"""An exit answer's unit and profession group are sealed (`answering.sealed`): most cells of
unit, group and year held one leaver, whom the HR tables named to anyone who could read
the database."""

from django.db import migrations, models

import bemanna.answering.sealed
from bemanna.answering.sealed import seal_columns
from bemanna.answering.storage import without_rowid

COLUMNS = {"unit": 16, "group": 256}


class Migration(migrations.Migration):
    dependencies = [
        ("exits", "0008_exit_claims"),
    ]

    operations = [
        migrations.AddField(
            model_name="exitanswer", name="unit_sealed", field=models.TextField(default="")
        ),
        migrations.RunSQL(
            "UPDATE exits_exitanswer SET unit_sealed = CAST(unit_id AS TEXT)",
            migrations.RunSQL.noop,
        ),
        migrations.RemoveField(model_name="exitanswer", name="unit"),
        migrations.RenameField(model_name="exitanswer", old_name="unit_sealed", new_name="unit"),
        migrations.AlterField(
            model_name="exitanswer", name="group", field=models.TextField(blank=True)
        ),
        migrations.RunPython(
            seal_columns("exits_exitanswer", COLUMNS),
            seal_columns("exits_exitanswer", COLUMNS, reverse=True),
        ),
        migrations.AlterField(
            model_name="exitanswer",
            name="unit",
            field=bemanna.answering.sealed.SealedIntegerField(),
        ),
        migrations.AlterField(
            model_name="exitanswer",
            name="group",
            field=bemanna.answering.sealed.SealedCharField(blank=True),
        ),
        migrations.RunPython(without_rowid("exits_exitanswer"), migrations.RunPython.noop),
    ]
