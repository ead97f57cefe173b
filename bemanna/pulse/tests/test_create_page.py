"""The pulse creation page for HR: the unit tree, the count of who would be invited before
saving, the answer page's preview and extra questions added without saving."""

import pytest
from django.urls import reverse

from bemanna.conftest import PASSWORD
from bemanna.pulse.models import Invitation, InvitationCode, Pulse, Wave
from bemanna.pulse.tests.helpers import add_staff
from bemanna.pulse.tests.test_views import _form


@pytest.fixture
def people(org):
    """A: 4 nurses (and 2 hourly, never asked); B: 2 doctors; C: 3 nurses."""
    add_staff(org["A"], 4)
    add_staff(org["A"], 2, form="hourly")
    add_staff(org["B"], 2, group="Läkare")
    add_staff(org["C"], 3, born=1960)
    return org


@pytest.fixture
def hr(client, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    return client


def _count(client, **changes):
    response = client.post(reverse("pulse:invite_count"), _form(**changes))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"units": ["F"]}, "6 personer skulle bjudas in"),  # A's 4 monthly-paid + B's 2
        ({"units": ["A", "C"]}, "7 personer skulle bjudas in"),
        ({"units": ["R"], "profession_groups": ["Läkare"]}, "2 personer skulle bjudas in"),
        ({"units": ["R"], "min_age": "60"}, "3 personer skulle bjudas in"),  # C's, born 1960
        ({"units": ["B"], "profession_groups": ["Läkare", "Sjuksköterskor"]}, "2 personer"),
    ],
)
def test_the_count_of_who_would_be_invited_follows_the_choices(hr, people, changes, expected):
    changes["units"] = [people[code].pk for code in changes["units"]]
    assert expected in _count(hr, **changes)


def test_a_count_under_the_threshold_says_no_result_could_show(hr, people):
    page = _count(hr, units=[people["B"].pk])
    assert "2 personer skulle bjudas in" in page
    assert "färre än 5" in page


def test_no_unit_chosen_asks_for_one_and_counts_nothing(hr, people):
    page = _count(hr)
    assert "Välj minst en enhet" in page and 'id="invited"' not in page


def test_each_counted_choice_is_audit_logged_once_a_minute(hr, hr_admin, people):
    """The review's L3: the count is of current staff, and counts of narrowed choices told
    apart give a small group's size, so each choice counted is in the audit log; the page
    asks again at every change (the name too), so the same choice once a minute at most."""
    from django.core.cache import cache

    from bemanna.audit.models import AuditEntry

    def logged():
        return AuditEntry.objects.filter(action=AuditEntry.Action.INVITE_COUNTED)

    f = [people["F"].pk]
    _count(hr, units=f)
    _count(hr, units=f, name="Hösten 2026")  # typing the name: the same choice
    _count(hr, units=f, description="Om arbetsmiljön")
    assert logged().count() == 1
    entry = logged().get()
    assert entry.actor == hr_admin and entry.scope == "F"
    assert entry.detail == {
        "units": ["F"],
        "profession_groups": [],
        "part_time_only": False,
        "min_age": None,
        "count": 6,
    }
    _count(hr, units=f, min_age="60")  # another choice: another entry, with its count
    assert logged().count() == 2
    assert logged().get(detail__min_age=60).detail["count"] == 0  # F: all born in 1980
    _count(hr, units=[])  # no unit, no count
    assert logged().count() == 2
    cache.clear()  # a minute later
    _count(hr, units=f)
    assert logged().count() == 3


def test_the_count_preview_and_rows_are_for_hr_only(client, analyst, manager, people):
    for user in ("analyst", "manager"):
        client.login(username=user, password=PASSWORD)
        assert client.post(reverse("pulse:invite_count"), _form()).status_code == 403
        assert client.post(reverse("pulse:preview"), _form()).status_code == 403
        url = reverse("pulse:add_question") + "?questions-TOTAL_FORMS=2"
        assert client.get(url).status_code == 403


def test_the_preview_shows_the_answer_page_and_saves_nothing(hr, people):
    data = _form(
        name="Vårens puls",
        units=[people["F"].pk],
        **{
            "questions-0-text": "Vilket schema passar dig bäst?",
            "questions-0-kind": "choice",
            "questions-0-choices": "Dag\nKväll\nNatt",
            "questions-1-text": "En fråga med fel",  # a choice without choices: left out
            "questions-1-kind": "choice",
        },
    )
    response = hr.post(reverse("pulse:preview"), data)
    page = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "Förhandsvisning" in page and "<h1>Vårens puls</h1>" in page
    assert "Vilket schema passar dig bäst?" in page and "Kväll" in page
    assert "En fråga med fel" not in page
    assert page.count('type="radio"') == 11 + 9 * 5 + 3  # eNPS, nine HME, the choice
    assert 'type="submit"' not in page.split('class="answer"')[1]
    assert not Pulse.objects.exists() and not Wave.objects.exists()
    assert not Invitation.objects.exists() and not InvitationCode.objects.exists()


def test_the_preview_without_hme_or_comment_asks_only_the_enps_item(hr, people):
    data = _form(units=[people["F"].pk])
    del data["include_hme"], data["include_comment"]
    page = hr.post(reverse("pulse:preview"), data).content.decode()
    assert page.count('type="radio"') == 11 and "<textarea" not in page


def test_a_question_added_without_saving_is_the_next_in_the_formset(hr, people):
    response = hr.get(reverse("pulse:add_question") + "?questions-TOTAL_FORMS=2")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="questions-2-text"' in page and "Extra fråga 3" in page
    assert 'name="questions-TOTAL_FORMS" value="3"' in page and 'hx-swap-oob="true"' in page
    # The added row saves with the rest of the form.
    data = _form(units=[people["F"].pk], **{"questions-TOTAL_FORMS": "3"})
    data.update({"questions-2-text": "Har du rätt utrustning?", "questions-2-kind": "agree"})
    data.update({"questions-2-low": "0", "questions-2-high": "100"})
    assert hr.post(reverse("pulse:new"), data).status_code == 302
    assert [q.text for q in Pulse.objects.get().questions.all()] == ["Har du rätt utrustning?"]


@pytest.mark.parametrize("total", ["", "x", "-1", "50"])
def test_a_bad_question_number_is_refused_with_a_reason(hr, total):
    response = hr.get(reverse("pulse:add_question") + f"?questions-TOTAL_FORMS={total}")
    assert response.status_code == 400 and response.content


def test_the_units_are_a_tree_with_a_search_box_and_no_cron(hr, people):
    page = hr.get(reverse("pulse:new")).content.decode()
    assert 'id="unit-search"' in page and "<details" in page
    # F's box is inside R's item, and A's inside F's.
    tree = page.split('id="unit-tree-list"')[1]
    assert tree.index("Region Test (R)") < tree.index("Förvaltning F (F)") < tree.index("(A)")
    assert "2 enheter under Förvaltning F" in page
    assert "cron" not in page and "run_schedule" not in page
