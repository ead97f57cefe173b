"""`bemanna set_password USER`: Django's changepassword on the operator's word.

A password the user administrator set keeps its account from enrolling a first second factor
(accounts.signals); one set on the command line by whoever runs the server lifts that block,
as `create_admin` does. `bemanna changepassword` is this command too."""

import argparse

from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import changepassword
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext, gettext_noop

from bemanna.accounts.middleware import setting_password_on_command_line
from bemanna.clifiles import BemannaCommand


class Command(changepassword.Command, BemannaCommand):
    help = gettext_noop(
        "Set a user's password on the operator's word (lets the account enrol its second factor)."
    )

    MAX_TRIES = 3

    def add_arguments(self, parser):
        """Django's, but Bemanna's help: a user is named (there is no "current user" to
        default to), and there is one database."""
        parser.add_argument(
            "username", nargs="?", help=gettext_noop("The user name of the account.")
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        with setting_password_on_command_line():
            return self._set(options["username"], options["database"])

    def _set(self, username: str | None, database: str) -> str:
        """Django's changepassword, speaking the user's language (Django's is English only)."""
        users = get_user_model()._default_manager.using(database)
        if not username:
            raise CommandError(gettext("Name the user: bemanna set_password USER"))
        user = users.filter(**{get_user_model().USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(gettext("The user does not exist: %(user)s") % {"user": username})
        self.stdout.write(gettext("New password for %(user)s") % {"user": user})
        for _try in range(self.MAX_TRIES):
            first = self._get_pass(gettext("Password: "))
            if first != self._get_pass(gettext("Password (again): ")):
                self.stdout.write(gettext("The passwords differ; try again."))
                continue
            try:
                validate_password(first, user)
            except ValidationError as error:
                self.stderr.write("\n".join(error.messages))
                continue
            user.set_password(first)
            user.save()
            return gettext("Password changed for %(user)s.") % {"user": user}
        raise CommandError(
            gettext("No password set for %(user)s after %(count)s tries.")
            % {"user": user, "count": self.MAX_TRIES}
        )
