#!/usr/bin/env python3
"""A real OpenID Connect provider on loopback, to try and to test Bemanna's single sign-on.

It is django-oauth-toolkit's provider (authorization code with PKCE, RS256 ID tokens signed
with an RSA key made at start, userinfo, JWKS, RP-initiated logout) in a throwaway Django
project of its own: its own database in a temporary directory, its own cookies. Users are
given on the command line with their groups, which Bemanna's role mapping turns into roles:

    .venv/bin/python scripts/oidc_provider.py --port 8001 \\
        --user anna:demo:bemanna-hr --user bo:demo:bemanna-chef-HS201

`make oidc-demo` starts it with the demo's users; `make run-sso` runs Bemanna against it.
The test suite starts it on a free port (bemanna/accounts/tests/test_sso.py).
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
from pathlib import Path

LOGIN_TEMPLATE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Local identity provider</title></head><body>
<h1>Local identity provider (not Bemanna)</h1>
{% if form.errors %}<p role="alert">Wrong user name or password.</p>{% endif %}
<form method="post">{% csrf_token %}
<p><label for="id_username">Username</label> {{ form.username }}</p>
<p><label for="id_password">Password</label> {{ form.password }}</p>
<input type="hidden" name="next" value="{{ next }}">
<button type="submit">Sign in</button></form></body></html>"""

DEMO_USERS = (
    "anna:demo:bemanna-hr",
    "alva:demo:bemanna-analytiker",
    "bo:demo:bemanna-chef-HS201",
    "rut:demo:bemanna-rad",
)
# Where `make run` serves, by either name a browser may be given.
CLIENT_URLS = ("http://127.0.0.1:8000", "http://localhost:8000")

urlpatterns: list = []


def parse_user(text: str) -> tuple[str, str, list[str]]:
    parts = text.split(":")
    if len(parts) != 3 or not parts[0] or not parts[1]:
        raise argparse.ArgumentTypeError(f"--user needs NAME:PASSWORD:GROUP[,GROUP], got {text!r}")
    return parts[0], parts[1], [group for group in parts[2].split(",") if group]


def rsa_private_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def configure(port: int, directory: Path) -> None:
    from django.conf import settings

    issuer = f"http://127.0.0.1:{port}/o"
    settings.configure(
        DEBUG=False,
        SECRET_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        DATABASES={
            "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": directory / "idp.db"}
        },
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "oauth2_provider",
        ],
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
        ],
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                    ],
                    "loaders": [
                        (
                            "django.template.loaders.locmem.Loader",
                            {"registration/login.html": LOGIN_TEMPLATE},
                        ),
                        "django.template.loaders.app_directories.Loader",
                    ],
                },
            }
        ],
        # Bemanna runs on the same loopback host: cookies of their own names.
        SESSION_COOKIE_NAME="idp_session",
        CSRF_COOKIE_NAME="idp_csrftoken",
        LOGIN_URL="/login/",
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        USE_TZ=True,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"],
        OAUTH2_PROVIDER={
            "OIDC_ENABLED": True,
            "OIDC_ISS_ENDPOINT": issuer,
            "OIDC_RSA_PRIVATE_KEY": rsa_private_key(),
            "PKCE_REQUIRED": True,
            "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
            "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
            "SCOPES": {"openid": "OpenID Connect", "email": "E-mail", "profile": "Profile"},
            "OAUTH2_VALIDATOR_CLASS": f"{__name__}.Validator",
        },
        LOGGING={
            "version": 1,
            "disable_existing_loggers": False,
            "handlers": {"console": {"class": "logging.StreamHandler"}},
            "root": {"handlers": ["console"], "level": "WARNING"},
        },
    )


def make_validator():
    from oauth2_provider.oauth2_validators import OAuth2Validator

    class Validator(OAuth2Validator):
        """Every claim whatever the scope; the groups as Entra sends them."""

        oidc_claim_scope = None

        def get_additional_claims(self, request):
            user = request.user
            return {
                "preferred_username": user.username,
                "email": user.email,
                "given_name": user.first_name,
                "family_name": user.last_name,
                "groups": sorted(user.groups.values_list("name", flat=True)),
            }

    return Validator


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--client-id", default="bemanna")
    parser.add_argument("--client-secret", default="bemanna-demo-secret")
    parser.add_argument(
        "--client-url",
        action="append",
        help="Bemanna's address (its callback and the page after logout are under it); "
        "repeatable; default http://127.0.0.1:8000 and http://localhost:8000.",
    )
    parser.add_argument(
        "--user",
        action="append",
        type=parse_user,
        help="NAME:PASSWORD:GROUP[,GROUP] (repeatable); default the demo's users.",
    )
    args = parser.parse_args(argv)
    users = args.user or [parse_user(text) for text in DEMO_USERS]

    import django

    directory = Path(tempfile.mkdtemp(prefix="bemanna-idp-"))
    configure(args.port, directory)
    django.setup()
    globals()["Validator"] = make_validator()

    from django.contrib.auth import views as auth_views
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application
    from django.urls import include, path
    from oauth2_provider.models import Application

    urlpatterns[:] = [
        path("login/", auth_views.LoginView.as_view(), name="login"),
        path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    ]
    call_command("migrate", verbosity=0)
    for name, password, groups in users:
        user = User.objects.create_user(
            name, email=f"{name}@region.example", password=password, first_name=name.title()
        )
        for group in groups:
            user.groups.add(Group.objects.get_or_create(name=group)[0])
    clients = [url.rstrip("/") for url in args.client_url or CLIENT_URLS]
    Application.objects.create(
        name="Bemanna",
        client_id=args.client_id,
        client_secret=args.client_secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(f"{client}/konto/sso/svar/" for client in clients),
        post_logout_redirect_uris=" ".join(f"{client}/konto/login/" for client in clients),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    issuer = f"http://127.0.0.1:{args.port}/o"
    print(
        f"Local OpenID Connect provider at {issuer}/ (users: "
        + ", ".join(f"{n}/{p} {','.join(g)}" for n, p, g in users)
        + ")"
    )
    print("Run Bemanna against it with these variables (make run-sso sets them):")
    for key, value in environment(issuer, args.client_id, args.client_secret).items():
        print(f"  {key}={value}")
    sys.stdout.flush()
    run("127.0.0.1", args.port, get_wsgi_application(), ipv6=False, threading=True)
    return 0


def environment(issuer: str, client_id: str, client_secret: str) -> dict[str, str]:
    """Bemanna's BEMANNA_OIDC_* variables for this provider."""
    return {
        "BEMANNA_OIDC_CLIENT_ID": client_id,
        "BEMANNA_OIDC_CLIENT_SECRET": client_secret,
        "BEMANNA_OIDC_ISSUER": issuer,
        "BEMANNA_OIDC_AUTHORIZATION_ENDPOINT": f"{issuer}/authorize/",
        "BEMANNA_OIDC_TOKEN_ENDPOINT": f"{issuer}/token/",
        "BEMANNA_OIDC_USERINFO_ENDPOINT": f"{issuer}/userinfo/",
        "BEMANNA_OIDC_JWKS_ENDPOINT": f"{issuer}/.well-known/jwks.json",
        "BEMANNA_OIDC_END_SESSION_ENDPOINT": f"{issuer}/logout/",
    }


if __name__ == "__main__":
    sys.exit(main())
