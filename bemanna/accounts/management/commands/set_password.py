"""`bemanna set_password USER`: Django's changepassword on the operator's word.

A password the user administrator set keeps its account from enrolling a first second factor
(accounts.signals); one set on the command line by whoever runs the server lifts that block,
as `create_admin` does. `bemanna changepassword` is this command too."""

from django.contrib.auth.management.commands import changepassword
from django.utils.translation import gettext_noop

from bemanna.accounts.middleware import setting_password_on_command_line
from bemanna.clifiles import BemannaCommand


class Command(changepassword.Command, BemannaCommand):
    help = gettext_noop(
        "Set a user's password on the operator's word (lets the account enrol its second factor)."
    )

    def handle(self, *args, **options):
        with setting_password_on_command_line():
            return super().handle(*args, **options)
