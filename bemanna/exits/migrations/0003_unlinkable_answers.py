"""Exit answers that cannot be linked to leavers outside the pages (issue 12, class 5).

Code hashes become keyed (an HMAC over the SHA-256 stored so far, so links already sent keep
working); invitations whose window has closed (they have let go of their employment) are
deleted, since their unit, group, end date and `used` flag point to the leaver; and the
answers are rewritten in random-key order, so their stored order no longer follows arrival.
"""

from django.db import migrations

from bemanna.answering.codes import rekey
from bemanna.answering.storage import rewrite_in_key_order


def forward(apps, schema_editor):
    ExitInvitation = apps.get_model("exits", "ExitInvitation")
    ExitAnswer = apps.get_model("exits", "ExitAnswer")
    for invitation in ExitInvitation.objects.exclude(code_hash=None).iterator():
        invitation.code_hash = rekey(invitation.code_hash)
        invitation.save(update_fields=["code_hash"])
    ExitInvitation.objects.filter(employment=None).delete()
    rewrite_in_key_order(ExitAnswer.objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("exits", "0002_reasons"),
    ]

    operations = [
        # Forward only: keyed hashes cannot be turned back, nor an order that is gone.
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
