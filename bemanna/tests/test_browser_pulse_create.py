"""A Chromium walk of HR creating a pulse (issue 15): a branch found by search, the invite
count, a question added without saving, the preview, then saved and a wave opened."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import expect  # noqa: E402

from bemanna.tests.test_browser import log_in  # noqa: E402

pytestmark = pytest.mark.browser


def _invited_today(code: str) -> int:
    """Monthly-paid staff employed today anywhere under the unit: counted here from the rows,
    not with the pulse's own population()."""
    from django.utils import timezone

    from bemanna.org.models import Unit
    from bemanna.workforce.models import Employment

    today = timezone.localdate()
    path = Unit.objects.get(code=code).path
    rows = Employment.objects.filter(start__lte=today, unit__path__startswith=path).exclude(
        end__lt=today
    )
    return rows.exclude(form="hourly").values("person").distinct().count()


def test_hr_creates_a_pulse_for_a_branch_found_by_search(page, demo_site):
    from bemanna.org.models import Unit

    clinic = Unit.objects.get(code="HS201")
    below = clinic.children.order_by("path").first()
    expected = _invited_today("HS201")
    assert below is not None and expected >= 1
    log_in(page, demo_site, "hr")
    page.goto(f"{demo_site}/puls/ny/")
    expect(page.get_by_text("cron")).to_have_count(0)
    page.get_by_label("Namn", exact=True).fill("Medicinklinikens puls")
    search = page.get_by_label("Sök enhet (namn eller kod)")
    search.fill("medicinklin")
    expect(page.locator("#unit-search-status")).to_contain_text("Enheter som matchar")
    other = next(  # neither in the clinic's branch nor above it
        u
        for u in Unit.objects.order_by("path")
        if not u.path.startswith(clinic.path) and not clinic.path.startswith(u.path)
    )
    expect(page.get_by_label(f"{other.name} ({other.code})", exact=True)).to_be_hidden()
    # The clinic's box, ticked from the keyboard: the whole branch comes with it.
    box = page.get_by_label(f"{clinic.name} ({clinic.code})", exact=True)
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    child = page.get_by_label(f"{below.name} ({below.code})", exact=True)
    expect(child).to_be_checked()
    expect(child).to_be_disabled()
    word = "person" if expected == 1 else "personer"
    expect(page.locator("#invited")).to_contain_text(f"{expected} {word} skulle bjudas in")
    # A question added without saving.
    page.get_by_role("button", name="Lägg till en fråga").click()
    expect(page.get_by_role("group", name="Extra fråga 2")).to_be_visible()
    page.locator("#id_questions-1-text").fill("Har du det du behöver för att göra ett bra jobb?")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Förhandsgranska svarssidan (öppnas i en ny flik)").click()
    preview = opened.value
    expect(preview.locator("#preview-banner")).to_contain_text("Förhandsvisning")
    expect(preview.get_by_role("heading", level=1)).to_have_text("Medicinklinikens puls")
    expect(preview.get_by_text("Har du det du behöver för att göra ett bra jobb?")).to_be_visible()
    expect(preview.get_by_role("button", name="Skicka mitt svar")).to_be_disabled()
    preview.close()
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("heading", name="Omgångar och inbjudningar")).to_be_visible()
    expect(page.get_by_text("run_schedule")).to_have_count(0)
    page.get_by_role("button", name="Öppna en omgång i dag").click()
    expect(page.locator("#waves tbody tr").first.locator("td").nth(2)).to_have_text(str(expected))
