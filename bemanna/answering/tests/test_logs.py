"""No answer code reaches a log (issue 12, 5a): real answers through `bemanna serve`
(gunicorn, its access log on, Django's logging at DEBUG), then every log line is searched
for every code used, right or wrong. A marker put in a URL on purpose is found, so the
search would find a code that reached a request line."""

import http.client
import json
import re
import subprocess
import sys
import time
import urllib.parse

import pytest

from bemanna.tests.test_serve import free_port, production_env

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# Run in the server's own database: a pulse wave and an exit invitation, open today.
SETUP = """
import datetime, json
import django
django.setup()
from django.utils import timezone
from bemanna.answering.codes import hash_code, new_code
from bemanna.exits import services as exit_survey
from bemanna.exits.models import ExitInvitation
from bemanna.org.models import Level, Unit
from bemanna.pulse import services
from bemanna.pulse.models import InvitationCode, Pulse
from bemanna.pulse.tests.helpers import add_staff
today = timezone.localdate()
region = Unit.objects.create(code="R", name="Region", level=Level.REGION)
add_staff(region, 3)
add_staff(region, 1, email=False)
pulse = Pulse.objects.create(name="Logg")
pulse.units.add(region)
wave = services.open_wave(pulse, today)
mailed = list(wave.invitations.filter(by_email=True))
codes = list(services.issue_codes(mailed, InvitationCode.Kind.EMAIL).values())
codes += services.sheet_codes(wave, region)  # the slip of the one without an address
exit_code = new_code()
ExitInvitation.objects.create(
    unit=region, group="G", year=today.year, opens=today,
    closes=today + datetime.timedelta(days=30), code_hash=hash_code(exit_code), by_email=True,
)
# The links as the e-mails and the slips' QR codes carry them.
links = [services.answer_url(c) for c in codes]
exit_link = exit_survey.answer_url(exit_code)
print(json.dumps({"pulse": codes, "exit": exit_code, "links": links, "exit_link": exit_link}))
"""


class Browser:
    """What a browser sends: cookies (Secure ones too: the test speaks plain HTTP to
    loopback, as a TLS proxy would), and an Origin on posts."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode()
        self.location = response.getheader("Location", "")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, content

    def follow_link(self, link: str) -> int:
        """The link as a browser follows it: the part after '#' stays in the browser, and
        the page's script posts it with the code form."""
        parts = urllib.parse.urlsplit(link)
        status, page = self.request("GET", parts.path)
        assert status == 200 and "answer-link.js" in page
        token = TOKEN.search(page).group(1)
        form = {"csrfmiddlewaretoken": token, "code": parts.fragment}
        status, _ = self.request("POST", parts.path, form)
        if status == 302:  # a browser follows the redirect at once
            assert self.request("GET", self.location)[0] == 200
        return status

    def post_answer(self, path: str, answers: dict) -> tuple[int, str]:
        status, page = self.request("GET", path)
        assert status == 200, status
        token = TOKEN.search(page).group(1)
        return self.request("POST", path, {"csrfmiddlewaretoken": token, **answers})


def test_no_code_reaches_the_server_logs(tmp_path):
    env = production_env(
        tmp_path,
        BEMANNA_SECRET_KEY="x" * 50,
        BEMANNA_PSEUDONYM_KEY="y" * 40,
        BEMANNA_LOG_LEVEL="DEBUG",
        BEMANNA_BASE_URL="http://127.0.0.1:8000",
        DJANGO_SETTINGS_MODULE="bemanna.settings",
    )
    run = {"env": env, "check": True, "timeout": 180, "capture_output": True, "text": True}
    subprocess.run([sys.executable, "-m", "bemanna.cli", "migrate", "-v", "0"], **run)
    made = json.loads(subprocess.run([sys.executable, "-c", SETUP], **run).stdout.splitlines()[-1])
    port = free_port()
    access, errors = tmp_path / "access.log", tmp_path / "error.log"
    with access.open("w") as out, errors.open("w") as err:
        server = subprocess.Popen(
            [sys.executable, "-m", "bemanna.cli", "serve", f"127.0.0.1:{port}"],
            env=env,
            stdout=out,
            stderr=err,
        )
        try:
            _wait_for(server, port)
            _answer_everything(port, made)
        finally:
            server.terminate()
            server.wait(timeout=30)
    logs = access.read_text() + errors.read_text()
    # The logs were on and caught the requests, and a marker in a URL would be found.
    assert "POST /svar/kod/" in logs and "POST /avgang/svar/" in logs, logs[-2000:]
    assert "MARKER7Q9" in logs and "Gone: /svar/kod/" in logs
    wrong = ["WRONGCODE234", "WRONGCODE567"]
    for code in [*made["pulse"], made["exit"], *wrong]:
        assert code not in logs and code.lower() not in logs, code


def _wait_for(server, port: int) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/konto/login/")
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail("gunicorn did not start")
            time.sleep(0.2)


def _answer_everything(port: int, made: dict) -> None:
    # Every pulse code: the e-mailed link, the form, the answer.
    assert len(made["links"]) == 4  # three e-mailed, one printed slip
    for link in made["links"]:
        phone = Browser(port)
        assert phone.follow_link(link) == 302
        status, page = phone.post_answer("/svar/", {"enps": "9", "comment": "Bra"})
        assert status == 200 and 'id="answer-saved"' in page, status
        # The same link again: refused, and the refusal (410) is logged by Django too.
        assert Browser(port).follow_link(link) == 410
    # Wrong codes, typed: refused (404), and counted by the guessing limit.
    for wrong in ("WRONGCODE234", "WRONGCODE567"):
        assert Browser(port).follow_link(f"http://x/svar/kod/#{wrong}") == 404
    # The exit survey: its link, the form, the answer.
    leaver = Browser(port)
    assert leaver.follow_link(made["exit_link"]) == 302
    status, page = leaver.post_answer("/avgang/svar/", {"main_reason": "lon", "enps": "7"})
    assert status == 200 and "Tack" in page, status
    # A marker in a URL, on purpose: the search below must find it.
    assert Browser(port).request("GET", "/svar/kod/?MARKER7Q9")[0] == 200
    assert Browser(port).request("GET", "/static/bemanna/answer-link.js")[0] == 200
