from pathlib import Path

from django.core.management.base import CommandError
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_noop

from bemanna.audit.models import AuditEntry, log_action
from bemanna.clifiles import BemannaCommand
from bemanna.project import backup


class Command(BemannaCommand):
    help = gettext_noop(
        "Back up the database with its own tools: pg_dump (custom format) on PostgreSQL, the "
        "online backup API on SQLite. Safe while the site runs. The file holds everything, "
        "health data included: store it encrypted, apart from the keys."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", type=Path, help=gettext_noop("The backup file to write (must not exist).")
        )

    def handle(self, *args, file, **options):
        try:
            kind = backup.backup(file)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        log_action(None, AuditEntry.Action.BACKUP, scope="backup", kind=kind)
        size = number_format(file.stat().st_size, 0, use_l10n=True, force_grouping=True)
        self.stdout.write(
            gettext("Backed up (%(kind)s) to %(file)s: %(size)s bytes.")
            % {"kind": kind, "file": file, "size": size}
        )
