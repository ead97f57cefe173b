from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.audit.models import AuditEntry
from bemanna.conftest import PASSWORD


def table(response, table_id):
    soup = BeautifulSoup(response.content, "html.parser")
    rows = soup.select(f"table#{table_id} tr")
    header = [cell.get_text(strip=True) for cell in rows[0].find_all("th")]
    return [
        dict(zip(header, [c.get_text(strip=True) for c in row.find_all("td")], strict=True))
        for row in rows[1:]
    ]


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_it_requires_login(client, staffed):
    response = client.get(reverse("workforce:unit", args=["R"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_shows_the_tree_with_headcount_and_fte_as_of_a_date(client, staffed, hr_admin):
    login(client, hr_admin)
    response = client.get(reverse("workforce:unit", args=["F"]), {"date": "2026-06-30"})
    assert response.status_code == 200
    children = table(response, "children")
    assert [(row["Enhet"], row["Anställda"], row["Årsarbetare"]) for row in children] == [
        ("Avdelning A", "2", "1,8"),
        ("Avdelning B", "1", "0,5"),
    ]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("[data-figure=headcount]").get_text() == "3"


def test_an_earlier_date_shows_earlier_staff(client, staffed, analyst):
    login(client, analyst)
    response = client.get(reverse("workforce:unit", args=["C"]), {"date": "2020-01-01"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("[data-figure=headcount]").get_text() == "1"


def test_it_speaks_english_when_asked(client, staffed, analyst):
    login(client, analyst)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("workforce:unit", args=["F"]))
    assert "Units below" in response.content.decode()


def test_a_manager_sees_the_own_subtree(client, staffed, manager):
    login(client, manager)
    home = client.get(reverse("workforce:home"))
    assert home["Location"] == reverse("workforce:unit", args=["F"])
    assert client.get(reverse("workforce:unit", args=["A"])).status_code == 200


def test_a_manager_is_refused_outside_the_own_subtree(client, staffed, manager):
    login(client, manager)
    for code in ("R", "G", "C"):
        response = client.get(reverse("workforce:unit", args=[code]))
        assert response.status_code == 403
        assert b"Traceback" not in response.content


def test_the_breadcrumb_stops_at_the_managers_own_top(client, staffed, manager):
    login(client, manager)
    response = client.get(reverse("workforce:unit", args=["A"]))
    crumbs = BeautifulSoup(response.content, "html.parser").select("nav.crumbs a")
    assert [a.get_text() for a in crumbs] == ["Förvaltning F"]


def test_it_ignores_a_bad_date_with_a_message(client, staffed, analyst):
    login(client, analyst)
    response = client.get(reverse("workforce:unit", args=["F"]), {"date": "2026-02-31"})
    assert response.status_code == 200
    assert "Fyll i ett giltigt datum" in response.content.decode()


def test_person_level_rows_are_for_hr_admin_and_audit_logged(client, staffed, hr_admin):
    login(client, hr_admin)
    response = client.get(reverse("workforce:persons", args=["F"]), {"date": "2026-06-30"})
    assert response.status_code == 200
    assert len(table(response, "persons")) == 3
    entry = AuditEntry.objects.get(action=AuditEntry.Action.VIEW_PERSONS)
    assert (entry.actor, entry.scope, entry.detail["rows"]) == (hr_admin, "F", 3)


def test_analysts_and_managers_cannot_open_person_level_rows(client, staffed, analyst, manager):
    for user in (analyst, manager):
        login(client, user)
        assert client.get(reverse("workforce:persons", args=["F"])).status_code == 403
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.VIEW_PERSONS).exists()


def test_views_only_allow_get(client, staffed, analyst):
    login(client, analyst)
    assert client.post(reverse("workforce:unit", args=["F"])).status_code == 405


def test_it_is_swedish_even_for_an_english_browser(client, staffed, analyst):
    login(client, analyst)
    response = client.get(reverse("workforce:unit", args=["F"]), HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert "Underliggande enheter" in response.content.decode()


def test_a_server_error_shows_a_friendly_page_without_a_trace(
    client, staffed, analyst, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr("bemanna.workforce.views.stock.unit_summary", broken)
    login(client, analyst)
    client.raise_request_exception = False
    response = client.get(reverse("workforce:unit", args=["F"]))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Något gick fel" in page
    assert "engine exploded" not in page and "Traceback" not in page


def test_a_manager_sees_the_own_staffs_details(client, staffed, manager):
    login(client, manager)
    response = client.get(reverse("workforce:unit", args=["F"]), {"date": "2026-06-30"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("[data-figure=fte]").get_text() == "2,3"  # 1.0 + 0.755 + 0.5
    assert soup.select_one("table#ages") and soup.select_one("table#mix")


def _numbers(response) -> dict:
    """Every figure the unit page shows, by where it stands."""
    soup = BeautifulSoup(response.content, "html.parser")
    values = soup.select(".figure .value")
    shown = {f"figure {i}": d.get_text(strip=True) for i, d in enumerate(values)}
    for table_id in ("children", "ages", "mix"):
        if soup.select_one(f"table#{table_id}"):
            shown[table_id] = table(response, table_id)
    return shown


def test_analyst_and_council_see_headcounts_only_on_any_day(client, staffed, analyst, council):
    """Unit C's specialist doctor (1004: a woman born 1958, 100 %) left on 30 June 2023. On
    a page counting FTE, ages and groups on any day, 30 June minus 1 July would be her rate,
    age band, sex and profession; the roles without person-level rows see one fewer."""
    for user in (analyst, council):
        login(client, user)
        days = [
            client.get(reverse("workforce:unit", args=[code]), {"date": day})
            for code in ("C", "G")
            for day in ("2023-06-30", "2023-07-01")
        ]
        c_before, c_after, g_before, g_after = (_numbers(r) for r in days)
        assert c_before == {"figure 0": "1"} and c_after == {"figure 0": "0"}  # 1005: hourly
        assert [list(row) for row in g_before["children"]] == [["Enhet", "Nivå", "Anställda"]]
        assert [row["Anställda"] for row in g_before["children"]] == ["1"]
        assert [row["Anställda"] for row in g_after["children"]] == ["0"]
        assert set(g_before) == {"figure 0", "children"}
        page = days[0].content.decode()
        assert "Årsarbetare" not in page.split('id="headcount-only"')[0]
        assert "Historik" in page and "?unit=C" in page
        # The same for the page's partial (a date changed in place).
        partial = client.get(
            reverse("workforce:unit", args=["C"]), {"date": "2023-06-30"}, HTTP_HX_REQUEST="true"
        )
        assert _numbers(partial) == {"figure 0": "1"}
