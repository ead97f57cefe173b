"""On SQLite, the exit answers are stored in the order of their random keys (issue 12, 5b)."""

from django.db import migrations

from bemanna.answering.storage import without_rowid


class Migration(migrations.Migration):
    dependencies = [
        ("exits", "0005_kept_text_threshold"),
    ]

    operations = [
        migrations.RunPython(without_rowid("exits_exitanswer"), migrations.RunPython.noop),
    ]
