"""The browser tests' shared fixtures: one Chromium for every module (Playwright's sync API
allows one instance a thread), a page per test, and Region Demo on a live server."""

import datetime
import os
import shutil

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
# are still synchronous, so tell Django not to object.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import sync_playwright  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def demo_site(transactional_db, live_server, tmp_path_factory):
    directory = tmp_path_factory.mktemp("demo")
    call_command(
        "demo",
        employees=400,
        seed=2,
        today=datetime.date(2026, 6, 30),
        directory=directory,
        no_xlsx=True,
        no_prepare=True,  # the pages compute what they show when asked (30 s a test less)
        verbosity=0,
    )
    yield live_server.url
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()
