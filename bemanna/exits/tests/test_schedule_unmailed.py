"""`bemanna run_schedule` says why an exit-survey invitation was not e-mailed (issue 18): a
line per reason with its count, not "3 invited, 1 e-mailed" left to guess."""

import datetime
import importlib.util
import io
from pathlib import Path

import pytest
from django.core.mail.backends import locmem
from django.core.management import CommandError, call_command
from django.utils import translation

from bemanna.mail import DemoGuard
from bemanna.pulse.tests.helpers import add_staff
from bemanna.workforce.models import Employment

TODAY = datetime.date(2026, 6, 1)
ROOT = Path(__file__).resolve().parents[3]


class GuardedOutbox(DemoGuard, locmem.EmailBackend):
    """The test outbox behind the demo guard every configured backend has."""


def _leavers(unit):
    with_mail = add_staff(unit, 2)
    without = add_staff(unit, 2, email=False)
    demo = with_mail[1]
    demo.email = "ada.demo@regiondemo.invalid"
    demo.save(update_fields=["email"])
    Employment.objects.filter(person__in=[*with_mail, *without]).update(
        end=TODAY + datetime.timedelta(days=10), end_reason="own_request"
    )


def _run(**kwargs) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("run_schedule", f"--today={TODAY.isoformat()}", stdout=out, **kwargs)
    return out.getvalue()


def test_each_reason_not_mailed_is_a_line_with_its_count(staffed, settings, mailoutbox):
    settings.EMAIL_BACKEND = f"{__name__}.GuardedOutbox"
    _leavers(staffed["A"])
    said = _run()
    assert "exit survey: 4 leaver(s) invited, 1 e-mailed" in said
    assert (
        "exit survey: 2 invitations not e-mailed: the leavers have no e-mail address in the "
        "HR extract." in said
    )
    assert (
        "exit survey: 1 invitation not e-mailed: a made-up address of Region Demo, which is "
        "never mailed." in said
    )
    assert sum("Varför slutar du" in m.subject for m in mailoutbox) == 1
    # The next run invites no one again, and has nothing more to explain.
    again = _run()
    assert "not e-mailed" not in again


def test_without_a_mail_server_the_exit_survey_says_so(staffed, settings):
    settings.EMAIL_BACKEND = "bemanna.mail.RefusingBackend"
    _leavers(staffed["A"])
    out = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError):
        call_command("run_schedule", f"--today={TODAY.isoformat()}", stdout=out)
    said = out.getvalue()
    assert (
        "exit survey: 1 invitation not e-mailed: no mail server is configured "
        "(BEMANNA_EMAIL_HOST); it goes out on the first run after one is." in said
    )
    assert "4 leaver(s) invited, 0 e-mailed" in said


def test_the_lines_are_swedish():
    spec = importlib.util.spec_from_file_location("sv", ROOT / "scripts" / "translations_sv.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from bemanna import schedule

    for reason in ("no_address", "no_server", "failed", "demo"):
        with translation.override("en"):
            msgid = schedule._unmailed_line(reason, 1)
        for swedish in module.PLURALS[msgid]:
            assert swedish.startswith("%(today)s: avgångsenkät: %(count)d inbjud"), reason
            assert "mejlades inte" in swedish, reason
