"""The statements' answers indexed by answer with what each said (the key drivers read a
wave's answers from the index alone), in place of the foreign key's own index."""

from django.db import migrations, models

import django.db.models.deletion

FOREIGN_KEY_INDEX = "pulse_itemanswer_response_id_6126ddc1"
BY_RESPONSE = models.Index(fields=["response", "item", "value"], name="pulse_item_by_response")


class Migration(migrations.Migration):
    dependencies = [
        ("pulse", "0008_answers_without_rowid"),
    ]

    # Not an AlterField: on SQLite Django would rebuild the table, without the WITHOUT ROWID
    # clause of 0008. The index is dropped and the new one made, on both databases alike.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="itemanswer",
                    name="response",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="items",
                        to="pulse.response",
                    ),
                ),
                migrations.AddIndex(model_name="itemanswer", index=BY_RESPONSE),
            ],
            database_operations=[
                migrations.AddIndex(model_name="itemanswer", index=BY_RESPONSE),
                migrations.RunSQL(
                    f"DROP INDEX IF EXISTS {FOREIGN_KEY_INDEX}",
                    f"CREATE INDEX {FOREIGN_KEY_INDEX} ON pulse_itemanswer (response_id)",
                ),
            ],
        ),
    ]
