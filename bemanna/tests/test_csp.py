"""The Content-Security-Policy: scripts only from our own static files, none inline."""

import re
from pathlib import Path

from django.urls import reverse

TEMPLATES = sorted(Path(__file__).resolve().parents[1].rglob("templates/**/*.html"))


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def test_every_page_sends_a_policy_without_inline_script(client):
    response = client.get(reverse("accounts:login"))
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]  # no identity provider configured here


def test_no_template_has_inline_script_or_event_handlers():
    assert len(TEMPLATES) > 20
    offenders = []
    for template in TEMPLATES:
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{template.name}: {tag}")
        for handler in re.findall(r"\son[a-z]+\s*=", text):
            offenders.append(f"{template.name}: {handler.strip()}")
        if "javascript:" in text:
            offenders.append(f"{template.name}: javascript: URL")
    assert offenders == []


def test_the_identity_providers_origin_may_receive_the_logout(settings):
    # form-action also governs where a form post may redirect (logout to the provider).
    import importlib
    import os

    from bemanna import settings as module

    os.environ["BEMANNA_OIDC_CLIENT_ID"] = "bemanna"
    os.environ["BEMANNA_OIDC_AUTHORIZATION_ENDPOINT"] = "https://idp.region.example/authorize"
    os.environ["BEMANNA_OIDC_END_SESSION_ENDPOINT"] = "https://logout.region.example/end"
    try:
        reloaded = importlib.reload(module)
        form_action = reloaded.CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"]
        assert form_action == [
            "'self'",
            "https://idp.region.example",
            "https://logout.region.example",
        ]
        assert reloaded.OIDC_ENABLED
    finally:
        del os.environ["BEMANNA_OIDC_CLIENT_ID"]
        del os.environ["BEMANNA_OIDC_AUTHORIZATION_ENDPOINT"]
        del os.environ["BEMANNA_OIDC_END_SESSION_ENDPOINT"]
        importlib.reload(module)
