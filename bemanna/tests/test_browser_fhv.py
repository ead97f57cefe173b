"""A Chromium walk of occupational health's early-intervention list (issue 15): filter by
förvaltning and day, record a call that did not reach the manager (it moves to the retry
list), call again and reach them (it leaves both lists)."""

import datetime
import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import expect  # noqa: E402

from bemanna.tests.test_browser import log_in  # noqa: E402

pytestmark = pytest.mark.browser


def _administration(unit):
    from bemanna.org.models import Level

    return next(u for u in unit.ancestors() if u.level == Level.ADMINISTRATION)


def test_occupational_health_filters_calls_and_retries(browser, demo_site):
    from django.utils import timezone

    from bemanna.keyfigures.models import EarlyContact, SickLeaveSpell
    from bemanna.workforce.models import Employment

    # Two running spells on day 9 of today's calendar, in two different förvaltningar.
    today = timezone.localdate()
    running = Employment.objects.filter(end__isnull=True).exclude(form="hourly")
    first = running.order_by("pk").first()
    home = _administration(first.unit)
    second = next(e for e in running.order_by("pk") if _administration(e.unit) != home)
    for employment in (first, second):
        SickLeaveSpell.objects.create(
            person=employment.person, start=today - datetime.timedelta(days=8), extent=100
        )
    page = browser.new_context(locale="sv-SE").new_page()
    log_in(page, demo_site, "fhv")
    page.get_by_role("link", name="Tidiga insatser").click()
    worklist = page.locator("#worklist")
    expect(worklist).to_contain_text(str(first.person))
    expect(worklist).to_contain_text(str(second.person))
    page.get_by_label("Förvaltning").select_option(home.code)
    page.locator("#id_day").select_option("9")
    page.get_by_role("button", name="Visa").click()
    expect(worklist).to_contain_text(str(first.person))
    expect(worklist).not_to_contain_text(str(second.person))
    # The call: the manager did not answer ("reached" is not ticked in advance).
    worklist.get_by_role("link", name="Registrera samtalet").first.click()
    expect(page.get_by_label("Chefen nådd")).not_to_be_checked()
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".messages")).to_contain_text("Chefen nåddes inte")
    expect(worklist).not_to_contain_text(str(first.person))
    retry = page.locator("#retry")
    expect(retry).to_contain_text(str(first.person))
    # Called again and reached: off both lists, in the recent calls.
    retry.get_by_role("link", name="Registrera samtalet").first.click()
    page.get_by_label("Chefen nådd").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".messages")).to_contain_text("chefen nåddes")
    expect(retry).not_to_contain_text(str(first.person))
    expect(page.locator("#recent")).to_contain_text("ja")
    contact = EarlyContact.objects.get(spell__person=first.person)
    assert contact.manager_reached
    # The other förvaltning's spell is still to call.
    page.get_by_label("Förvaltning").select_option(_administration(second.unit).code)
    page.get_by_role("button", name="Visa").click()
    expect(worklist).to_contain_text(str(second.person))
    page.context.close()
