"""Running it: /healthz for monitoring, structured logs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bemanna import cli

ROOT = Path(__file__).resolve().parent.parent.parent
PROBE = (
    "import django; django.setup()\n"
    "from django.test import Client\n"
    "r = Client().get('/healthz')\n"
    "print(r.status_code, r.content.decode())\n"
)


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        env=dict(
            os.environ, PYTHONPATH=str(ROOT), DJANGO_SETTINGS_MODULE="bemanna.settings", **env
        ),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )


def test_healthz_answers_without_login_and_holds_no_data(client, db):
    response = client.get("/healthz", secure=False)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert client.post("/healthz").status_code in (403, 405)


def test_healthz_says_503_when_the_database_is_down():
    # A real connection attempt to a port nothing listens on.
    out = _python(PROBE, DATABASE_URL="postgresql://postgres@127.0.0.1:9/none").stdout
    status, body = out.split(" ", 1)
    assert status == "503" and json.loads(body)["status"] == "unavailable"


def test_healthz_is_not_redirected_to_https_in_production(tmp_path):
    database = f"sqlite:///{tmp_path / 'h.sqlite3'}"
    out = _python(PROBE, BEMANNA_DEBUG="0", BEMANNA_SSL_REDIRECT="1", DATABASE_URL=database).stdout
    assert out.startswith("200 ")


def test_logs_are_one_json_object_a_line_when_asked():
    code = (
        "import django, logging; django.setup()\n"
        "logging.getLogger('bemanna.test').warning('Import klar: %s rader', 12)\n"
    )
    err = _python(code, BEMANNA_LOG_FORMAT="json").stderr.strip().splitlines()
    entry = json.loads(err[-1])
    assert entry["level"] == "WARNING" and entry["message"] == "Import klar: 12 rader"
    assert entry["logger"] == "bemanna.test" and entry["time"].endswith("+00:00")


def test_gunicorn_writes_its_access_log_as_json_too(monkeypatch):
    monkeypatch.setenv("BEMANNA_DEBUG", "0")
    monkeypatch.setenv("BEMANNA_LOG_FORMAT", "json")
    argv = cli._production_server(["serve", "127.0.0.1:8000"])
    line = argv[argv.index("--access-logformat") + 1]
    sample = line % {"t": "[x]", "h": "h", "m": "GET", "U": "/", "s": 200, "B": 5, "D": 7}
    assert json.loads(sample)["status"] == 200


def test_a_refused_request_is_one_log_line_without_a_traceback():
    """In development (`make run`) and production alike: a request for a host not allowed
    (400) and a page a role may not use (403, logged as Django's handler logs it) are one
    line each on the console; an error (500) keeps its traceback."""
    code = (
        "import django, logging; django.setup()\n"
        "from django.core.exceptions import PermissionDenied\n"
        "from django.http import HttpResponse\n"
        "from django.test import Client, RequestFactory\n"
        "from django.utils.log import log_response\n"
        "assert Client().get('/', HTTP_HOST='evil.example').status_code == 400\n"
        "request = RequestFactory().get('/kompetensforsorjning/historik/')\n"
        "try:\n"
        "    raise PermissionDenied\n"
        "except PermissionDenied as error:\n"
        "    log_response('Forbidden (Permission denied): %s', request.path,\n"
        "                 response=HttpResponse(status=403), request=request, exception=error)\n"
        "try:\n"
        "    1 / 0\n"
        "except ZeroDivisionError:\n"
        "    logging.getLogger('django.request').exception('Internal Server Error: /x')\n"
    )
    for debug in ("1", "0"):
        err = _python(code, BEMANNA_DEBUG=debug, PYTHONWARNINGS="ignore").stderr
        refused, _sep, failed = err.partition("Internal Server Error")
        lines = [line for line in refused.splitlines() if line.strip()]
        assert len(lines) == 2, err
        assert "evil.example" in lines[0] and "Permission denied" in lines[1]
        assert "Traceback" not in refused
        assert "ZeroDivisionError" in failed
