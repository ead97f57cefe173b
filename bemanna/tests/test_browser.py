"""The real thing: Debian's Chromium, driven by Playwright, against a live server."""

import datetime
import os
import re

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
# are still synchronous, so tell Django not to object. (The browser, page and demo_site
# fixtures are in conftest.py: one browser for every test module.)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import expect  # noqa: E402

from bemanna.accounts.tests.test_sso import provider, sso  # noqa: E402, F401  (fixtures)
from bemanna.analysis.tests.badfiles import BAD  # noqa: E402

pytestmark = pytest.mark.browser


def log_in(page, base, username):
    page.goto(f"{base}/konto/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("demo")
    # The first page after logging in may be the first to compute a role's figures on a
    # cold cache: on a loaded two-core machine that took longer than Playwright's 30 s.
    page.get_by_role("button", name="Logga in").click(timeout=90_000)


def test_hr_sees_the_whole_region_and_drills_down(page, demo_site):
    log_in(page, demo_site, "hr")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Region Demo")
    expect(page.locator("table#children")).to_contain_text("Hälso- och sjukvårdsförvaltningen")
    page.get_by_role("link", name="Hälso- och sjukvårdsförvaltningen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Hälso- och sjukvårdsförvaltningen"
    )
    expect(page.locator("nav.crumbs")).to_contain_text("Region Demo")
    expect(page.locator("figure.chart svg")).to_be_visible()


def test_the_manager_sees_only_the_own_clinic(page, demo_site):
    log_in(page, demo_site, "chef")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Medicinkliniken")
    expect(page.get_by_role("link", name="Import")).to_have_count(0)
    response = page.goto(f"{demo_site}/enhet/R/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Du har inte behörighet till den här sidan"
    )


def test_the_analyst_sees_the_region_but_no_person_rows(page, demo_site):
    log_in(page, demo_site, "analytiker")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Region Demo")
    expect(page.get_by_text("Anställningar (personnivå")).to_have_count(0)


def test_the_date_picker_reloads_the_figures(page, demo_site):
    log_in(page, demo_site, "hr")
    headcount = page.locator("[data-figure=headcount]")
    now = headcount.inner_text()
    page.get_by_label("Per datum").fill("2017-01-01")
    page.get_by_role("button", name="Visa").click()
    expect(page.locator("#as-of")).to_contain_text("2017-01-01")
    assert headcount.inner_text() != now


def test_hr_uploads_a_broken_file_and_sees_every_problem(page, demo_site, tmp_path):
    data, _name, _expected = BAD["end before start"]
    broken = tmp_path / "trasig.csv"
    broken.write_bytes(data.replace(b";A;", b";HS201001;"))
    log_in(page, demo_site, "hr")
    page.get_by_role("link", name="Import").click()
    page.get_by_label("Fil (CSV eller XLSX)").set_input_files(str(broken))
    page.get_by_role("button", name="Import").click()
    problems = page.locator("#problems")
    expect(problems).to_contain_text("Filen importerades inte: 1 problem")
    expect(problems).to_contain_text("Slutdatum är före startdatum 2015-03-01.")
    expect(problems.locator("tbody tr")).to_have_count(1)
    expect(problems.locator("tbody td").nth(1)).to_have_text("2")


def test_the_interface_switches_to_english(page, demo_site):
    log_in(page, demo_site, "hr")
    page.get_by_label("Språk").select_option("en")
    expect(page.get_by_role("heading", name="Units below")).to_be_visible()


def test_it_works_on_a_phone(browser, demo_site, tmp_path):
    screenshots = tmp_path
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="sv-SE", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    log_in(page, demo_site, "chef")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Medicinkliniken")
    width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(screenshots / "phone-chef.png"), full_page=True)
    context.close()
    assert width <= 390


def test_changing_a_lever_moves_the_gap_on_the_page(page, demo_site):
    log_in(page, demo_site, "analytiker")
    page.get_by_role("link", name="Prognos").click()
    page.get_by_role("link", name="Nuläge").click()
    gap = page.locator("[data-figure=gap]")
    expect(gap).to_be_visible()
    before = gap.inner_text()
    with page.expect_response("**/forhandsvisning/"):
        page.get_by_label("Senare pension (år)").fill("3")
        page.get_by_label("Senare pension (år)").dispatch_event("change")
    expect(page.get_by_text("Förhandsvisning av åtgärder som inte är sparade.")).to_be_visible()
    expect(page.locator("#waterfall")).to_contain_text("Senare pension")
    assert gap.inner_text() != before


def test_a_lever_out_of_range_says_so_next_to_the_field(page, demo_site):
    log_in(page, demo_site, "analytiker")
    page.get_by_role("link", name="Prognos").click()
    page.get_by_role("link", name="Nuläge").click()
    field = page.get_by_label("Senare pension (år)")
    with page.expect_response("**/forhandsvisning/") as reply:
        field.fill("12")
        field.dispatch_event("change")
    assert reply.value.status == 400
    expect(page.locator("#lever-error-retirement_shift")).not_to_be_empty()
    expect(page.locator("#results")).to_contain_text("Senare pension (år)")
    with page.expect_response("**/forhandsvisning/"):
        field.fill("2")
        field.dispatch_event("change")
    expect(page.locator("#lever-error-retirement_shift")).to_be_empty()


def test_the_forecast_downloads_as_pdf(page, demo_site):
    log_in(page, demo_site, "analytiker")
    page.goto(f"{demo_site}/kompetensforsorjning/prognos/")
    page.get_by_role("link", name="Handlingsplan 2035", exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(4) == b"%PDF"


def test_an_employee_answers_on_a_phone_and_is_counted_only_with_enough_answers(browser, demo_site):
    from bemanna.org.models import Unit
    from bemanna.pulse import services
    from bemanna.pulse.models import Pulse
    from bemanna.pulse.tests.helpers import codes_for

    pulse = Pulse.objects.create(name="Telefonpuls", min_answers=5)
    pulse.units.add(Unit.objects.get(code="HS201001"))
    wave = services.open_wave(pulse, datetime.date.today())
    codes = list(codes_for(wave).values())
    assert len(codes) >= 6
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="sv-SE", is_mobile=True, has_touch=True
    )
    page = phone.new_page()
    page.goto(f"{demo_site}/svar/kod/#{codes[0]}")  # the link as e-mailed
    page.wait_for_url("**/svar/")
    assert codes[0] not in page.url  # the code is gone from the address
    expect(page.get_by_role("heading", name="Så skyddas din anonymitet")).to_be_visible()
    page.get_by_role("group", name="Hur troligt").get_by_label("9", exact=True).check()
    page.get_by_role("group", name="Mitt arbete känns meningsfullt.").get_by_label("4").check()
    page.get_by_role("button", name="Skicka mitt svar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack, ditt svar är sparat")
    width = page.evaluate("document.documentElement.scrollWidth")
    phone.close()
    assert width <= 390

    manager = browser.new_context(locale="sv-SE").new_page()
    log_in(manager, demo_site, "chef")
    results = f"{demo_site}/puls/{pulse.pk}/?unit=HS201001"
    manager.goto(results)
    expect(manager.locator("#open-wave")).to_contain_text("För få svar hittills")
    for code in codes[1:5]:
        invitation = services.find_invitation(code, datetime.date.today())
        services.submit_answer(
            invitation.pk,
            score=10,
            items={},
            comment="",
            today=datetime.date.today(),
        )
    manager.goto(results)
    # Five answers: the response rate shows, the score waits until the window closes.
    expect(manager.locator("#open-wave")).to_contain_text("Svarsfrekvens hittills")
    expect(manager.locator("[data-figure=enps]")).to_have_count(0)
    services.close_wave(wave)
    manager.goto(results)
    # Five answers, all promoters: k but not the split threshold (10), so coarse, no interval.
    expect(manager.locator(".figures [data-figure=enps]")).to_have_text("≥ 50")
    manager.context.close()


def test_a_manager_records_the_team_dialogue(page, demo_site):
    log_in(page, demo_site, "chef")
    page.goto(f"{demo_site}/puls/")
    page.get_by_role("link", name="Ambassadörskap (eNPS + HME)").click()
    expect(page.get_by_role("heading", name="Dialog i arbetsgruppen")).to_be_visible()
    page.get_by_role("link", name="För in arbetsgruppens dialog").click()
    page.get_by_label("Antal deltagare").fill("8")
    page.get_by_label("Vad som diskuterades").fill("Helgpassen och introduktionen.")
    page.locator("#id_actions-0-text").fill("Ny fördelning av helgpass")
    page.locator("#id_actions-0-owner").fill("Enhetschef")
    page.locator("#id_actions-0-due").fill("2027-02-01")
    page.locator("#dialogue-form").get_by_role("button", name="Spara").click()
    expect(page.locator("#dialogue")).to_contain_text("8 deltagare")
    expect(page.get_by_role("cell", name="Ny fördelning av helgpass")).to_be_visible()


def test_hr_creates_a_pulse_from_the_regions_model(page, demo_site):
    log_in(page, demo_site, "hr")
    page.goto(f"{demo_site}/puls/ny/")
    page.get_by_label("Namn", exact=True).fill("Sjuksköterskor 60+")
    page.get_by_label("Sök enhet (namn eller kod)").fill("hälsocentral")
    page.get_by_label("Hälsocentral", exact=False).locator("visible=true").first.check()
    page.get_by_label("bara medarbetare som är minst så här gamla").fill("60")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("heading", name="Omgångar och inbjudningar")).to_be_visible()
    page.get_by_role("button", name="Öppna en omgång i dag").click()
    expect(page.locator(".messages")).to_contain_text("Omgången är öppen")


def test_an_anonymous_proposal_becomes_an_evaluated_action_in_the_lagesbild(browser, demo_site):
    staff = browser.new_context(locale="sv-SE").new_page()
    staff.goto(f"{demo_site}/forslag/")
    staff.get_by_label("Rubrik").fill("Cykelpool för hemsjukvården")
    staff.get_by_label("Beskrivning").fill("Elcyklar i stället för bil på korta besök.")
    staff.get_by_label("Område").select_option(label="Utveckla")
    staff.get_by_role("button", name="Skicka").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Tack, förslaget är skickat")
    staff.context.close()

    page = browser.new_context(locale="sv-SE", accept_downloads=True).new_page()
    log_in(page, demo_site, "rad")
    page.goto(f"{demo_site}/plan/")
    page.get_by_role("link", name="Cykelpool för hemsjukvården").click()
    page.get_by_label("Förväntad effekt").fill("4")
    page.get_by_label("Säkerhet i effekten").fill("4")
    page.get_by_label("Kostnad").fill("2")
    page.get_by_label("Tid till effekt").fill("1")
    page.get_by_role("button", name="Spara bedömningen").click()
    expect(page.locator("#priority")).to_have_text("58")  # 100 · 16/25 · 9/10
    page.get_by_role("button", name="Bereds").click()
    page.get_by_label("Beslutat av").fill("Kompetensförsörjningsrådet")
    page.get_by_label("Diarienummer").fill("RS/12/2026 § 3")
    page.get_by_role("button", name="Beslutad").click()
    expect(page.locator("#status")).to_have_text("Beslutad")
    page.get_by_role("button", name="Skapa åtgärden").click()
    expect(page.get_by_role("heading", name="Cykelpool för hemsjukvården")).to_be_visible()
    page.locator("input[name=name]").fill("Bilresor per månad")
    page.locator("input[name=baseline]").fill("400")
    page.locator("input[name=target]").fill("250")
    page.locator("input[name=measure_on]").fill("2027-06-30")
    page.locator("form:has(input[name=form][value=figure]) button").click()
    page.locator("select[name=figure]").select_option(label="Bilresor per månad")
    page.locator("input[name=value]").fill("330")
    page.locator("form:has(input[name=form][value=value]) button").click()
    expect(page.locator("figure.chart svg")).to_be_visible()
    page.get_by_role("link", name="Förslag", exact=True).click()
    for step in ("Pågår", "Genomförd", "Utvärderad"):
        page.get_by_role("button", name=step).click()
    expect(page.locator("#status")).to_have_text("Utvärderad")
    page.goto(f"{demo_site}/plan/lagesbild/")
    expect(page.get_by_role("heading", name="Cykelpool för hemsjukvården")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
    page.context.close()


def test_key_figures_with_targets_and_the_board_report_as_pdf(page, demo_site):
    log_in(page, demo_site, "analytiker")
    page.get_by_role("link", name="Nyckeltal").click()
    expect(page.locator("#sick-leave")).to_contain_text("Total sjukfrånvaro (1)")
    expect(page.locator("#costs")).to_contain_text("Inhyrd personal, andel")
    expect(page.locator("figure.chart svg").first).to_be_visible()
    expect(page.locator("#early")).to_contain_text("Nådde dag 8")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.startswith("lagesrapport-")
    with open(download.value.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"


def test_occupational_health_works_the_list_and_nobody_else_sees_it(browser, demo_site):
    from django.utils import timezone

    from bemanna.keyfigures.models import SickLeaveSpell
    from bemanna.workforce.models import Employment

    # The demo is dated 2026-06-30; a spell on day 9 of today's calendar for the list.
    today = timezone.localdate()
    running = Employment.objects.filter(end__isnull=True).order_by("pk").first()
    SickLeaveSpell.objects.create(
        person=running.person, start=today - datetime.timedelta(days=8), extent=100
    )
    page = browser.new_context(locale="sv-SE").new_page()
    log_in(page, demo_site, "fhv")
    page.get_by_role("link", name="Tidiga insatser").click()
    links = page.locator("#worklist").get_by_role("link", name="Registrera samtalet")
    before = links.count()
    assert before >= 1
    expect(page.locator("#worklist")).to_contain_text(str(running.person))
    links.first.click()
    page.get_by_label("Rehabiliteringsmöte bokat").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.locator("#recent")).to_contain_text("ja")
    assert links.count() == before - 1
    page.context.close()
    hr = browser.new_context(locale="sv-SE").new_page()
    log_in(hr, demo_site, "hr")
    expect(hr.get_by_role("link", name="Tidiga insatser")).to_have_count(0)
    response = hr.goto(f"{demo_site}/foretagshalsa/")
    assert response is not None and response.status == 403
    hr.context.close()


def test_surveys_feed_a_scenario_and_exit_reasons_show_pooled(page, demo_site):
    log_in(page, demo_site, "analytiker")
    page.get_by_role("link", name="Avgångsenkät").click()
    expect(page.locator("#reasons")).to_contain_text("Huvudorsak")
    expect(page.locator("#groups")).to_be_visible()
    page.get_by_role("link", name="Puls", exact=True).click()
    page.get_by_role("link", name=re.compile("Ökad sysselsättningsgrad")).click()
    expect(page.locator("#survey-levers")).to_contain_text("Hela regionen")
    page.goto(f"{demo_site}/kompetensforsorjning/prognos/")
    page.get_by_role("link", name="Handlingsplan 2035", exact=True).click()
    fed = [page.locator(f"#lever-form [name={n}]") for n in ("part_time_share", "retirement_shift")]
    before = [field.input_value() for field in fed]
    page.get_by_role("button", name="Använd enkätresultat").click()
    expect(page.locator("#survey-sources")).to_contain_text("Ökad sysselsättningsgrad")
    expect(page.locator("#survey-sources")).to_contain_text("Senare pension")
    # The levers the surveys feed now hold their answers (the gap itself may round the same:
    # more full-time and a smaller retirement shift pull it opposite ways, and the forecast
    # draws the same random numbers with and without them).
    after = [field.input_value() for field in fed]
    assert all(a != b for a, b in zip(after, before, strict=True)), (before, after)
    with page.expect_download() as download:
        page.get_by_role("link", name="HTML").click()
    with open(download.value.path(), encoding="utf-8") as handle:
        assert "Ökad sysselsättningsgrad" in handle.read()


# --- From results to action (issue 15) ---------------------------------------------------


def test_a_manager_goes_from_the_start_page_to_an_action_in_the_plan(page, demo_site):
    log_in(page, demo_site, "chef")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Att göra · Medicinkliniken")
    menu = page.get_by_role("navigation", name="Huvudmeny")
    expect(menu.get_by_role("link", name="Start")).to_be_visible()
    expect(menu.get_by_role("link", name="Träffsäkerhet")).to_have_count(0)
    expect(page.locator("#actions .overdue").first).to_be_visible()
    weakest = page.locator("#weakest li").first
    statement = weakest.get_attribute("data-key")
    text = weakest.locator(".statement").inner_text()

    page.get_by_role("link", name="Alla påståenden, och vad som driver eNPS").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Per påstående")
    expect(page.locator(f"#statements tr[data-key={statement}]")).to_contain_text(text)

    page.go_back()
    page.locator("#weakest-dialogue").click()  # the dialogue guide, one click from Start
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
    page.locator("#dialogue-form").get_by_role("button", name="Spara").click()
    expect(page.locator(".messages")).to_contain_text("Dialogen är sparad")

    # From the start page alone: the action is listed there, and the plan is one click on.
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Start").click()
    expect(page.locator("#actions")).to_contain_text("Återkoppling på varje APT")
    page.locator("#plan-link").click()
    expect(page.locator("#team-actions")).to_contain_text("Återkoppling på varje APT")


def test_the_analyst_reads_statements_drivers_and_themes(page, demo_site):
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


def test_hr_logs_in_with_the_demo_second_factor_and_no_script_is_refused(page, demo_site, settings):
    from bemanna.accounts.tests.test_login import totp
    from bemanna.demo import DEMO_TOTP_KEY

    settings.OTP_REQUIRED = True
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    log_in(page, demo_site, "hr")
    page.wait_for_url("**/konto/tvafaktor/?next=*")
    page.locator("#id_code").fill(totp(bytes.fromhex(DEMO_TOTP_KEY)))
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Region Demo")
    # The language menu submits itself from a static script (no inline handler).
    page.locator("#language").select_option("en")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    assert refused == []


@pytest.mark.usefixtures("sso")
def test_single_sign_on_in_a_real_browser(page, live_server):
    """The flow in Chromium, which also enforces the Content-Security-Policy (form-action
    governs the logout's redirect to the provider)."""
    from django.contrib.auth import get_user_model

    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/konto/login/")
    page.locator("a[href^='/konto/sso/']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Local identity provider (not Bemanna)"
    )
    page.get_by_label("Username").fill("anna")
    page.get_by_label("Password").fill("anna-pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    assert page.url.startswith(live_server.url)
    assert get_user_model().objects.get(username="anna").profile.role == "hr_admin"
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{live_server.url}/konto/login/")
    page.locator("a[href^='/konto/sso/']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Local identity provider (not Bemanna)"
    )
    assert refused == []
