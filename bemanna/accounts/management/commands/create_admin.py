"""`bemanna create_admin`: the first HR administrator (or user administrator) of a new
installation, asked for on the terminal or given as options (the password on standard input
for scripts, so it is in no shell history or process list)."""

from __future__ import annotations

import getpass
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bemanna.accounts.middleware import setting_password_on_command_line
from bemanna.accounts.models import SECOND_FACTOR_ROLES, Profile, Role
from bemanna.clifiles import BemannaCommand

# The roles this command gives: the two that start an installation, and the superuser (the
# break-glass account that grants occupational health; `bemanna createsuperuser` is this
# command with --role superuser). The others are added by the user administrator.
ROLES = {"hr": Role.HR_ADMIN, "behorighet": Role.USER_ADMIN, "superuser": None}


class Command(BemannaCommand):
    help = gettext_noop(
        "Create the first HR administrator (or, with --role behorighet, the user "
        "administrator): asks for user name, name, e-mail and password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", help=gettext_noop("User name (asked for when left out)."))
        parser.add_argument("--name", help=gettext_noop("First and last name."))
        parser.add_argument("--email", help=gettext_noop("E-mail address."))
        parser.add_argument(
            "--role",
            choices=sorted(ROLES),
            default="hr",
            help=gettext_noop(
                "hr: HR administrator (default); behorighet: user administrator; superuser: "
                "the break-glass account (as bemanna createsuperuser)."
            ),
        )
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help=gettext_noop("Read the password from standard input (for scripts)."),
        )

    def handle(self, *args, **options):
        role = ROLES[options["role"]]
        interactive = sys.stdin.isatty() and not options["password_stdin"]
        username = options["username"] or self._ask(_("User name"), interactive)
        name = options["name"] if options["name"] is not None else self._ask(_("Name"), interactive)
        email = (
            options["email"]
            if options["email"] is not None
            else self._ask(_("E-mail"), interactive)
        )
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(_("The user %(name)s already exists.") % {"name": username})
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise CommandError(
                    _("Not an e-mail address: %(email)s") % {"email": email}
                ) from None
        first, _space, last = (name or "").strip().partition(" ")
        user = User(username=username, first_name=first, last_name=last, email=email or "")
        password = self._password(user, interactive, options["password_stdin"])
        with transaction.atomic(), setting_password_on_command_line():
            user.set_password(password)
            # The admin is HR admin's (units, professions, targets) and user admin's (accounts).
            user.is_staff = True
            user.is_superuser = role is None
            user.save()
            if role is not None:
                Profile.objects.create(user=user, role=role)
        label = str(role.label) if role is not None else _("superuser")
        if label[1:2].islower():  # "som behörighetsadministratör", "som HR-administratör"
            label = label[:1].lower() + label[1:]
        self.stdout.write(_("Created %(user)s as %(role)s.") % {"user": username, "role": label})
        if role is None or role in SECOND_FACTOR_ROLES:
            self.stdout.write(
                _(
                    "Second factor: at the first login Bemanna shows a QR code; scan it with an "
                    "authenticator app (Microsoft Authenticator, Google Authenticator, FreeOTP) "
                    "and type the six-digit code. Every later login asks for the code."
                )
            )
        if role is None:
            self.stdout.write(
                _(
                    "Next: log in, grant occupational health under Administration › Users, "
                    "and keep the account sealed (break-glass) afterwards."
                )
            )
        elif role == Role.HR_ADMIN:
            self.stdout.write(
                _(
                    "Next: log in, import the unit tree and then the HR extract on the Import "
                    "page. Other accounts are added by a user administrator: bemanna "
                    "create_admin --role behorighet."
                )
            )
        else:
            self.stdout.write(
                _(
                    "Next: log in and add users and their roles under Administration › Users "
                    "(or map single sign-on groups under Administration › Role mappings)."
                )
            )

    def _ask(self, label: str, interactive: bool) -> str:
        if not interactive:
            raise CommandError(
                _("%(what)s is missing: give it as an option or run the command in a terminal.")
                % {"what": label}
            )
        while True:
            answer = input(f"{label}: ").strip()
            if answer:
                return answer

    def _password(self, user, interactive: bool, from_stdin: bool) -> str:
        """A password the validators accept: on the terminal asked for until one is; from
        standard input refused in one line."""
        if from_stdin:
            password = sys.stdin.readline().rstrip("\n")
            if not password:
                raise CommandError(_("No password on standard input."))
            refused = _refusal(password, user)
            if refused:
                raise CommandError(refused)
            return password
        if not interactive:
            raise CommandError(
                _("No password: use --password-stdin, or run the command in a terminal.")
            )
        while True:
            first = getpass.getpass(_("Password") + ": ")
            if not first or first != getpass.getpass(_("Password again") + ": "):
                self.stderr.write(_("The passwords were empty or differed; try again."))
                continue
            refused = _refusal(first, user)
            if not refused:
                return first
            self.stderr.write(refused)


def _refusal(password: str, user) -> str:
    """Why the password validators refuse the password, or "" when they accept it."""
    try:
        validate_password(password, user)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""
