"""`make bench`, pages part: every page of every role on Region Demo, under gunicorn.

The demo is built into a fresh SQLite database; `bemanna serve` runs it with production
settings (2 workers). Every GET route in the URL configuration is requested as each demo role
(routes with parameters get a sample object from the demo: `bemanna/routes.py`, which
the access matrix, the parameter fuzz and the axe walk read too); each page a role may see (200)
is fetched once to warm it and then `TIMES` times, one request at a time. Printed:
the number of pages, those over the goal, and the slowest ten by their 95th percentile.
Goal: under 500 ms at the 95th percentile; the lever preview and the PDF reports under 2 s.

Besides the GET pages, as each role that may: the PDF reports (the forecast's and the board
report's), and the lever preview as the forecast page's htmx posts it, its form read off the
page and one lever moved a little at each request (as someone trying levers does: a preview
of levers already tried is kept and would time the cache).

A route with parameters that has no sample is listed as not measured, and
`bemanna/tests/test_routes.py` fails for it, so a new page cannot slip past.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

from bemanna import routes

TIMES = 10
ROLES = tuple(routes.DEMO_ROLES)
GOAL_MS = 500
SLOW_GOAL_MS = 2000
# Pages the goal allows 2 s: the lever preview and the PDF reports.
SLOW = re.compile(r"(forhandsvisning|\.pdf$|format=pdf)")


def paths() -> tuple[list[tuple[str, str]], list[str]]:
    """(name, path) of every page to fetch, and the names of routes without a sample."""
    found, missing = routes.pages()
    return [(page.name, page.path) for page in found if page.name != "set_language"], missing


def _prepare(directory: Path) -> dict[str, object]:
    """In a child process: build the demo, list the pages and make a session per role."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bemanna.settings")
    import django

    django.setup()
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    call_command("migrate", verbosity=0)
    from bemanna.demo import build_demo

    build_demo(directory=directory / "demo", write_xlsx=False)
    found, missing = paths()
    found += _extras()
    sessions = {}
    for user in get_user_model().objects.filter(username__in=ROLES):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        # A backend the settings list (Django signs out a session of any other), and the
        # second factor given for the roles that need one: else every page redirects to the
        # login and nothing but the login page is measured.
        session[BACKEND_SESSION_KEY] = "bemanna.accounts.backends.RoleBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.create()
        sessions[user.username] = session.session_key
    return {"pages": found, "missing": missing, "sessions": sessions}


def _extras() -> list[tuple[str, str]]:
    """The PDF reports and the page whose lever form is posted to the preview (`PREVIEW`)."""
    from django.urls import reverse

    from bemanna.forecast.models import Scenario

    scenario = Scenario.objects.order_by("-is_main", "name").first()
    extras = [("keyfigures:report.pdf", reverse("keyfigures:report") + "?format=pdf")]
    if scenario is not None:
        extras += [
            ("forecast:export.pdf", reverse("forecast:export", args=[scenario.pk, "pdf"])),
            (PREVIEW, reverse("forecast:scenario", args=[scenario.pk])),
        ]
    return extras


PREVIEW = "forecast:preview"


class _LeverForm(HTMLParser):
    """The fields of the forecast page's lever form, as a browser would post them."""

    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.fields: dict[str, str] = {}
        self._inside = False
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        if tag == "form" and found.get("id") == "lever-form":
            self._inside, self.action = True, found.get("hx-post", "")
        elif not self._inside:
            return
        elif tag == "input" and found.get("name"):
            self.fields[found["name"]] = found.get("value") or ""
        elif tag == "select":
            self._select = found.get("name")
            self.fields.setdefault(self._select or "", "")
        elif tag == "option" and self._select and "selected" in found:
            self.fields[self._select] = found.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._inside = False
        elif tag == "select":
            self._select = None


def _moved(fields: dict[str, str], step: int) -> dict[str, str]:
    """The form with its first numeric lever moved by `step` per cent (at least 0.1)."""
    moved = dict(fields)
    for name, value in fields.items():
        if name in ("csrfmiddlewaretoken", "unit", "group"):
            continue
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            continue
        new = number * (1 + step / 100) if number else step / 10
        moved[name] = f"{new:.2f}".replace(".", ",")
        break
    return moved


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def measure(directory: Path) -> dict[str, object]:
    from bemanna.bench.pulse import SECRET, _free_port, _server

    database = f"sqlite:///{directory}/pages.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "BEMANNA_DEBUG": "0",
        "BEMANNA_SECRET_KEY": SECRET,
        "BEMANNA_PSEUDONYM_KEY": "bench",
        "BEMANNA_DATA_DIR": str(directory),
        "BEMANNA_ALLOWED_HOSTS": "127.0.0.1",
        "BEMANNA_SSL_REDIRECT": "0",
    }
    output = subprocess.run(
        [sys.executable, "-m", "bemanna.bench.pages", "--prepare", str(directory)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    prepared = json.loads(output.strip().splitlines()[-1])
    port = _free_port()
    timings: list[tuple[float, str, str, int]] = []
    errors: list[str] = []
    with _server(database, port, directory):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

        def fetch(method: str, path: str, headers: dict, body: str | None = None):
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response, response.read()

        for role, key in prepared["sessions"].items():
            headers = {"Cookie": f"sessionid={key}; django_language=sv"}
            for name, path in prepared["pages"]:
                response, content = fetch("GET", path, headers)
                if response.status >= 500:
                    errors.append(f"{role} {path}: {response.status}")
                if response.status != 200:
                    continue
                if name == PREVIEW:
                    timing = _time_preview(fetch, headers, response, content, role, errors)
                    if timing is not None:
                        timings.append(timing)
                    continue
                seconds = []
                for _ in range(TIMES):
                    start = time.perf_counter()
                    reply, _content = fetch("GET", path, headers)
                    seconds.append(time.perf_counter() - start)
                timings.append((_percentile(seconds, 0.95) * 1000, role, path, reply.status))
    return {"timings": timings, "missing": prepared["missing"], "errors": errors}


def _time_preview(fetch, headers: dict, page, content: bytes, role: str, errors: list[str]):  # type: ignore[no-untyped-def]
    """The lever preview posted TIMES times from the page just fetched, a lever moved each
    time; (p95 ms, role, path, status), or None when the role has no lever form."""
    form = _LeverForm()
    form.feed(content.decode())
    if not form.action:
        return None
    cookies = [headers["Cookie"]]
    for header, value in page.getheaders():
        if header.lower() == "set-cookie" and value.startswith("csrftoken="):
            cookies.append(value.split(";", 1)[0])
    posting = {
        "Cookie": "; ".join(cookies),
        "Content-Type": "application/x-www-form-urlencoded",
        "HX-Request": "true",
        "X-CSRFToken": form.fields.get("csrfmiddlewaretoken", ""),
    }
    seconds, status = [], 0
    for step in range(1, TIMES + 2):
        body = urllib.parse.urlencode(_moved(form.fields, step))
        start = time.perf_counter()
        reply, _content = fetch("POST", form.action, posting, body)
        if step > 1:  # the first is the warm-up, as for the pages
            seconds.append(time.perf_counter() - start)
        status = reply.status
        if status != 200:
            errors.append(f"{role} POST {form.action}: {status}")
            return None
    return (_percentile(seconds, 0.95) * 1000, role, f"POST {form.action}", status)


def run(directory: Path) -> None:
    print(
        f"Pages of every role on Region Demo under `bemanna serve` (production settings, "
        f"2 workers), each fetched {TIMES} times after a warm-up (goal: 95th percentile under "
        f"{GOAL_MS} ms; the lever preview and PDF reports under {SLOW_GOAL_MS} ms)"
    )
    with tempfile.TemporaryDirectory(dir=directory) as tmp:
        figure = measure(Path(tmp))
    timings = figure["timings"]
    assert isinstance(timings, list)

    def goal(path: str) -> int:
        return SLOW_GOAL_MS if SLOW.search(path) else GOAL_MS

    over = [t for t in timings if t[0] > goal(t[2])]
    print(
        f"{len(timings)} page × role pairs measured; {len(over)} over their goal; "
        f"routes without a sample: {', '.join(figure['missing']) or 'none'}"  # type: ignore[arg-type]
    )
    header = f"{'p95 ms':>8} {'goal':>6} {'ratio':>6}  role        page"
    print(header)
    print("-" * 72)
    for ms, role, path, _status in sorted(timings, reverse=True)[:10]:
        print(f"{ms:8.0f} {goal(path):6d} {ms / goal(path):5.2f}×  {role:<11} {path}")
    for error in figure["errors"]:  # type: ignore[union-attr]
        print(f"  server error: {error}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--prepare":
        print(json.dumps(_prepare(Path(sys.argv[2]))))
    else:
        run(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.gettempdir()))
