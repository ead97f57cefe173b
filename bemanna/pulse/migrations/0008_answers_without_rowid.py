"""On SQLite, the answer tables are stored in the order of their random keys (issue 12, 5b)."""

from django.db import migrations

from bemanna.answering.storage import without_rowid


class Migration(migrations.Migration):
    dependencies = [
        ("pulse", "0007_dialogue_agreed_open_questions"),
    ]

    operations = [
        migrations.RunPython(without_rowid("pulse_response"), migrations.RunPython.noop),
        migrations.RunPython(without_rowid("pulse_itemanswer"), migrations.RunPython.noop),
    ]
