"""Single sign-on over OpenID Connect (mozilla-django-oidc: authorization code with PKCE).

The identity provider (Entra ID, Inera's IdP) says who the user is; Bemanna's role mapping
table says what they may do: each group (or app role) value in the token that matches a
`RoleMapping` gives its role and, for managers, a unit. A login with no matching mapping is
refused. The user is created on first login and updated on every login (name, e-mail, role,
managed units), and each change is in the audit log. An account is the provider's issuer and
subject (`SingleSignOnIdentity`), not its user name: a first login under a user name that is
already an account here is refused and logged, so nobody at the provider can take over a local
account by taking its name.
"""

from __future__ import annotations

import logging
import time
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from bemanna.accounts.models import Profile, Role, RoleMapping, SingleSignOnIdentity
from bemanna.audit.models import AuditEntry, log_action
from bemanna.org.models import Unit

logger = logging.getLogger(__name__)

# When the groups give several roles, the first of these wins (one role per user).
ROLE_PRECEDENCE = (
    Role.USER_ADMIN,
    Role.HR_ADMIN,
    Role.OCCUPATIONAL_HEALTH,
    Role.COUNCIL,
    Role.ANALYST,
    Role.MANAGER,
)
SESSION_FLAG = "bemanna_sso"
# Why the callback refused a login (set on the request for the page that says so).
REFUSED_USERNAME_TAKEN = "username_taken"
REFUSED_GROUPS_LEFT_OUT = "groups_left_out"


def groups_left_out(claims: dict) -> bool:
    """Whether the provider left the groups claim out and points elsewhere for it: Entra ID
    does so for a user in more than 200 groups (its "groups overage": `_claim_names`, or
    `hasgroups`), where the mapping would find no role."""
    name = settings.OIDC_GROUPS_CLAIM
    if not name or claims.get(name):
        return False
    pointed = claims.get("_claim_names")
    return (isinstance(pointed, dict) and name in pointed) or bool(claims.get("hasgroups"))


# The endpoints a provider lists in its discovery document, by the setting each fills.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}
RETRY_AFTER_FAILURE = 60  # seconds before a failed discovery is tried again
_discovered: dict[str, dict] = {}
_failed_at: dict[str, float] = {}


class DiscoveryError(Exception):
    """The provider's discovery document could not be read or does not fit the issuer."""


def provider_configuration(issuer: str) -> dict:
    """`<issuer>/.well-known/openid-configuration`, read at first use and kept for the life
    of the process (a restart reads it again). A failure is retried after a minute."""
    if issuer in _discovered:
        return _discovered[issuer]
    if time.monotonic() - _failed_at.get(issuer, -RETRY_AFTER_FAILURE) < RETRY_AFTER_FAILURE:
        raise DiscoveryError(f"discovery at {issuer} failed less than a minute ago")
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
        if not isinstance(document, dict):
            raise ValueError("not a JSON object")
    except (requests.RequestException, ValueError) as error:
        _failed_at[issuer] = time.monotonic()
        logger.error("OIDC discovery failed at %s: %s", url, error)
        raise DiscoveryError(f"{url}: {error}") from None
    # The document must be the issuer's own (OpenID Connect Discovery 1.0, section 4.3).
    if str(document.get("issuer", "")).rstrip("/") != issuer.rstrip("/"):
        _failed_at[issuer] = time.monotonic()
        logger.error("OIDC discovery at %s names another issuer: %s", url, document.get("issuer"))
        raise DiscoveryError(f"{url} names the issuer {document.get('issuer')!r}")
    _discovered[issuer] = document
    return document


def oidc_setting(name: str) -> str:
    """An endpoint: the BEMANNA_OIDC_* variable when set, else the provider's discovery
    document for BEMANNA_OIDC_ISSUER ("" when neither gives one)."""
    value = getattr(settings, name, "")
    if value or name not in DISCOVERED or not settings.OIDC_OP_ISSUER:
        return value
    return str(provider_configuration(settings.OIDC_OP_ISSUER).get(DISCOVERED[name]) or "")


def discovered_settings(attr: str, *args):
    """mozilla-django-oidc's `get_settings`, with the endpoints from discovery. A provider
    that cannot be reached gives "" (the login then fails and says so), never an error on
    a page of a user who is already logged in."""
    if attr in DISCOVERED:
        try:
            value = oidc_setting(attr)
        except DiscoveryError:
            value = ""
        if value:
            return value
        if args:
            return args[0]
        return ""
    return OIDCAuthenticationBackend.get_settings(attr, *args)


def claim_values(claims: dict, name: str) -> list[str]:
    """A claim as a list of strings: absent → [], a string → [it] (or comma-separated)."""
    if not name:
        return []
    value = claims.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [str(value)]


def mapped_access(claims: dict) -> tuple[Role | None, list[Unit]]:
    """The role and managed units that the claims give through the mapping table."""
    groups = claim_values(claims, settings.OIDC_GROUPS_CLAIM)
    mappings = list(RoleMapping.objects.filter(group__in=groups).select_related("unit"))
    roles = {Role(m.role) for m in mappings}
    role = next((r for r in ROLE_PRECEDENCE if r in roles), None)
    units: dict[int, Unit] = {}
    if role == Role.MANAGER:
        for m in mappings:
            if m.role == Role.MANAGER and m.unit is not None:
                units[m.unit.pk] = m.unit
        codes = claim_values(claims, settings.OIDC_UNITS_CLAIM)
        for unit in Unit.objects.filter(code__in=codes):
            units[unit.pk] = unit
    return role, list(units.values())


class RoleMappingBackend(OIDCAuthenticationBackend):
    """Creates or updates the user from the token's claims and the role mapping table."""

    get_settings = staticmethod(discovered_settings)

    # Permissions come from RoleBackend (the role), never from per-user grants.
    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False

    def _verify_jws(self, payload, key):
        # The library leaves out the audience and issuer; a token for another client of the
        # same provider must not log anyone in here.
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("The identity provider signed with another algorithm.")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER or None,
                options={"verify_iss": bool(settings.OIDC_OP_ISSUER)},
            )
        except jwt.PyJWTError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from None

    def get_userinfo(self, access_token, id_token, payload):
        # Entra puts groups in the ID token, others in the userinfo answer: take both.
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            claims.update(super().get_userinfo(access_token, id_token, payload))
        return claims

    def verify_claims(self, claims):
        if not claims.get(settings.OIDC_USERNAME_CLAIM):
            logger.warning("SSO login refused: no %s claim", settings.OIDC_USERNAME_CLAIM)
            return False
        role, _units = mapped_access(claims)
        if role is None:
            username = str(claims.get(settings.OIDC_USERNAME_CLAIM))[:150]
            if groups_left_out(claims):
                logger.warning(
                    "SSO login refused: the provider left the %s claim out (too many groups); "
                    "send app roles instead (BEMANNA_OIDC_GROUPS_CLAIM=roles)",
                    settings.OIDC_GROUPS_CLAIM,
                )
                log_action(
                    None,
                    AuditEntry.Action.LOGIN_FAILED,
                    scope=username,
                    reason="sso_groups_left_out",
                )
                if getattr(self, "request", None) is not None:
                    self.request.bemanna_sso_refusal = REFUSED_GROUPS_LEFT_OUT
                return False
            log_action(None, AuditEntry.Action.LOGIN_FAILED, scope=username, reason="sso_no_role")
            return False
        return True

    def get_or_create_user(self, access_token, id_token, payload):
        """The account is found by the ID token's issuer and subject, never by the user name:
        a name can be reused or renamed at the provider. A first login whose user name is
        already an account here is refused, not joined to that account."""
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            raise SuspiciousOperation("Claims verification failed")
        issuer = str(payload.get("iss") or settings.OIDC_OP_ISSUER)[:500]
        subject = str(payload.get("sub") or "")[:255]
        username = str(claims.get(settings.OIDC_USERNAME_CLAIM, ""))[:150]
        if not subject or str(claims.get("sub", subject)) != subject:
            log_action(None, AuditEntry.Action.LOGIN_FAILED, scope=username, reason="sso_no_sub")
            return None
        groups = claim_values(claims, settings.OIDC_GROUPS_CLAIM)
        identity = (
            SingleSignOnIdentity.objects.filter(issuer=issuer, subject=subject)
            .select_related("user")
            .first()
        )
        if identity is not None:
            identity.groups = groups
            identity.save()
            return self.update_user(identity.user, claims)
        if self.UserModel.objects.filter(username=username).exists():
            log_action(
                None,
                AuditEntry.Action.LOGIN_FAILED,
                scope=username,
                reason="sso_username_taken",
                issuer=issuer,
                subject=subject,
            )
            if self.request is not None:
                self.request.bemanna_sso_refusal = REFUSED_USERNAME_TAKEN
            return None
        with transaction.atomic():
            user = self.create_user(claims)
            SingleSignOnIdentity.objects.create(
                user=user, issuer=issuer, subject=subject, groups=groups
            )
        return user

    def filter_users_by_claims(self, claims):
        # Not used: get_or_create_user matches on issuer and subject.
        return self.UserModel.objects.none()

    def create_user(self, claims):
        username = str(claims[settings.OIDC_USERNAME_CLAIM])[:150]
        with transaction.atomic():
            user = self.UserModel.objects.create_user(username)  # no usable password
            return self.update_user(user, claims)

    @transaction.atomic
    def update_user(self, user, claims):
        role, units = mapped_access(claims)
        user.email = str(claims.get("email", "") or user.email)[:254]
        user.first_name = str(claims.get("given_name", "") or user.first_name)[:150]
        user.last_name = str(claims.get("family_name", "") or user.last_name)[:150]
        # SSO never makes anyone a superuser; the admin is for HR admin and user admin.
        user.is_superuser = False
        user.is_staff = role in (Role.HR_ADMIN, Role.USER_ADMIN)
        # An account that signs in through the region's sign-on has no password of ours: a
        # password set earlier (by a user administrator, say) must not open it afterwards.
        user.set_unusable_password()
        user.save()
        Profile.objects.update_or_create(user=user, defaults={"role": role})
        managed = set(Unit.objects.filter(manager=user).values_list("pk", flat=True))
        wanted = {unit.pk for unit in units}
        if managed != wanted:
            Unit.objects.filter(pk__in=managed - wanted).update(manager=None)
            Unit.objects.filter(pk__in=wanted - managed).update(manager=user)
            log_action(
                user,
                AuditEntry.Action.USER_CHANGED,
                scope=user.username,
                managed_units=sorted(
                    Unit.objects.filter(pk__in=wanted).values_list("code", flat=True)
                ),
                source="sso",
            )
        return user


def provider_logout_url(request) -> str:
    """Where logging out sends the browser: the provider's end-session page (RP-initiated
    logout), which returns to our login page; without one, our login page."""
    login_url = request.build_absolute_uri(reverse(settings.LOGIN_URL))
    endpoint = discovered_settings("OIDC_OP_LOGOUT_ENDPOINT")
    if not endpoint or not request.session.get(SESSION_FLAG):
        return login_url
    params = {"post_logout_redirect_uri": login_url, "client_id": settings.OIDC_RP_CLIENT_ID}
    id_token = request.session.get("oidc_id_token")
    if id_token:
        params["id_token_hint"] = id_token
    return f"{endpoint}?{urlencode(params)}"
