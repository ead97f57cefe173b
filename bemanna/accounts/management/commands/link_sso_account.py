"""`bemanna link_sso_account USERNAME --subject SUB [--issuer ISS]`: join an existing account
to a single sign-on identity (the ID token's issuer and subject).

Single sign-on matches an account on issuer and subject, never on the user name. An account
made by single sign-on before that rule has no identity stored, so its owner's next login is
refused as "user name taken". The operator joins the two here, once, after checking that the
refused login was the account's owner: joining on the user name alone would let whoever has
that name at the provider now (a reused or renamed name) into the account.

Without --subject the command lists the refused logins recorded for the user name (when, the
issuer and the subject), to check and copy from.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bemanna.accounts.models import SingleSignOnIdentity
from bemanna.audit.models import AuditEntry, log_action
from bemanna.clifiles import BemannaCommand


class Command(BemannaCommand):
    help = gettext_noop(
        "Join an existing account to a single sign-on identity (issuer and subject), so its "
        "owner can log in with single sign-on. Without --subject: list the refused logins."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help=gettext_noop("The account's user name in Bemanna."))
        parser.add_argument(
            "--subject",
            help=gettext_noop("The ID token's subject (sub), as the refused login recorded it."),
        )
        parser.add_argument(
            "--issuer",
            help=gettext_noop("The ID token's issuer (iss); default: BEMANNA_OIDC_ISSUER."),
        )

    def handle(self, *args, **options):
        username = options["username"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("No account has the user name %(name)s.") % {"name": username})
        if not options["subject"]:
            self._list_refusals(username)
            raise CommandError(
                _(
                    "Give --subject: check with the account's owner that the login above was "
                    "theirs, then copy its subject (and issuer, if it is not %(issuer)s)."
                )
                % {"issuer": settings.OIDC_OP_ISSUER or "–"}
            )
        issuer = (options["issuer"] or settings.OIDC_OP_ISSUER or "").strip()
        subject = options["subject"].strip()
        if not issuer:
            raise CommandError(_("No issuer: give --issuer or set BEMANNA_OIDC_ISSUER."))
        if len(issuer) > 500 or len(subject) > 255 or not subject:
            raise CommandError(_("The issuer or the subject is empty or too long."))
        if user.is_superuser:
            raise CommandError(
                _(
                    "%(name)s is a superuser: single sign-on would take that away at the first "
                    "login. Keep the break-glass account local."
                )
                % {"name": username}
            )
        taken = SingleSignOnIdentity.objects.filter(issuer=issuer, subject=subject).first()
        if taken is not None:
            raise CommandError(
                _("That identity is already joined to the account %(name)s.")
                % {"name": taken.user.username}
            )
        own = SingleSignOnIdentity.objects.filter(user=user).first()
        if own is not None:
            raise CommandError(
                _("%(name)s is already joined to the subject %(subject)s from %(issuer)s.")
                % {"name": username, "subject": own.subject, "issuer": own.issuer}
            )
        try:
            with transaction.atomic():
                SingleSignOnIdentity.objects.create(user=user, issuer=issuer, subject=subject)
                log_action(
                    None,
                    AuditEntry.Action.USER_CHANGED,
                    scope=username,
                    sso_linked=True,
                    issuer=issuer,
                    subject=subject,
                )
        except IntegrityError:  # joined by a login or another command in the meantime
            raise CommandError(_("That identity or account was joined just now.")) from None
        self.stdout.write(
            _(
                "%(name)s is joined to the subject %(subject)s from %(issuer)s; the next "
                "single sign-on login opens it."
            )
            % {"name": username, "subject": subject, "issuer": issuer}
        )

    def _list_refusals(self, username: str) -> None:
        refusals = AuditEntry.objects.filter(
            action=AuditEntry.Action.LOGIN_FAILED,
            scope=username,
            detail__reason="sso_username_taken",
        ).order_by("-created")[:10]
        if not refusals:
            self.stdout.write(
                _("No refused single sign-on login is recorded for %(name)s.") % {"name": username}
            )
            return
        self.stdout.write(_("Refused single sign-on logins for %(name)s:") % {"name": username})
        for entry in refusals:
            when = timezone.localtime(entry.created).strftime("%Y-%m-%d %H:%M")
            issuer, subject = entry.detail.get("issuer", ""), entry.detail.get("subject", "")
            self.stdout.write(f"  {when}  --issuer {issuer} --subject {subject}")
