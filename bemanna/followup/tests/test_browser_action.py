"""From results to action in a real browser (Chromium through Playwright), as each role
would: the manager's start page, the statements, the dialogue guide and the plan."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from bemanna.tests.test_browser import browser, demo_site, log_in, page  # noqa: F401

pytestmark = pytest.mark.browser


def test_a_manager_goes_from_the_start_page_to_an_action_in_the_plan(page, demo_site):  # noqa: F811
    log_in(page, demo_site, "chef")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Att göra · Medicinkliniken")
    menu = page.get_by_role("navigation", name="Huvudmeny")
    expect(menu.get_by_role("link", name="Start")).to_be_visible()
    expect(menu.get_by_role("link", name="Träffsäkerhet")).to_have_count(0)
    expect(page.locator("#actions .overdue").first).to_be_visible()
    weakest = page.locator("#weakest li").first
    statement = weakest.get_attribute("data-key")
    text = weakest.inner_text().rsplit(" ", 1)[0]

    page.get_by_role("link", name="Alla påståenden, och vad som driver eNPS").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Per påstående")
    expect(page.locator(f"#statements tr[data-key={statement}]")).to_contain_text(text)

    page.goto(f"{demo_site}/start/")
    page.get_by_role("link", name="Håll dialogen").first.click()
    expect(page.locator("#guide-weakest li").first).to_contain_text(text)
    page.get_by_label("Hölls").fill(datetime.date.today().isoformat())
    page.get_by_label("Antal deltagare").fill("9")
    page.get_by_label("Vad som diskuterades").fill(f"Påståendet {text}")
    page.get_by_label("Vad gruppen kom överens om").fill("Återkoppling varje vecka.")
    page.locator("#id_actions-0-text").fill("Återkoppling på varje APT")
    page.locator("#id_actions-0-owner").fill("Enhetschef")
    page.locator("#id_actions-0-due").fill(
        (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    )
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".messages")).to_contain_text("Dialogen är sparad")

    page.goto(f"{demo_site}/plan/atgarder/")
    expect(page.locator("#team-actions")).to_contain_text("Återkoppling på varje APT")
    page.goto(f"{demo_site}/start/")
    expect(page.locator("#actions")).to_contain_text("Återkoppling på varje APT")


def test_the_analyst_reads_statements_drivers_and_themes(page, demo_site):  # noqa: F811
    log_in(page, demo_site, "analytiker")
    page.goto(f"{demo_site}/puls/")
    page.get_by_role("link", name="Ambassadörskap (eNPS + HME)").click()
    page.get_by_role("link", name="Varje påstående, och vad som driver eNPS").click()
    expect(page.locator("#statements tbody tr")).to_have_count(9)
    expect(page.locator("#enps-distribution td")).to_have_count(11)
    expect(page.locator("#drivers tbody tr")).to_have_count(9)
    expect(page.locator("#priorities, #strengths").first).to_be_visible()
    # An improvement is never red.
    for better in page.locator(".better").all():
        colour = better.evaluate("e => getComputedStyle(e).color")
        assert colour != "rgb(164, 22, 26)"
    page.go_back()
    page.get_by_role("link", name="Kommentarer efter tema, med sökning").click()
    counts = page.locator("#theme-counts li")
    expect(counts.first).to_be_visible()
    assert counts.count() >= 5
    page.get_by_label("Sök").fill("schema")
    page.get_by_role("button", name="Visa").click()
    for item in page.locator("#comments li").all()[:10]:
        assert re.search("schema", item.inner_text(), re.IGNORECASE)
