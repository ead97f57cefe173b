import base64
import datetime
import threading
import time

import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils import translation

from bemanna.answering.codes import hash_code
from bemanna.conftest import PASSWORD, TODAY
from bemanna.pulse import results, services
from bemanna.pulse.models import Invitation, InvitationCode, ItemAnswer, Pulse, Response, Wave
from bemanna.pulse.tests.helpers import add_staff, answer, codes_for, open_link

OPENS = TODAY


@pytest.fixture
def pulse(staffed):
    item = Pulse.objects.create(name="Ambassadörskap", window_days=14)
    item.units.add(staffed["R"])
    return item


@pytest.fixture
def wave(pulse):
    item = services.open_wave(pulse, OPENS)
    return item, codes_for(item)


@pytest.fixture
def today(monkeypatch):
    """Freeze 'today' inside the answer window."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: OPENS)
    return OPENS


def test_a_wave_invites_each_monthly_paid_person_once_and_keeps_only_hashes(wave):
    item, codes = wave
    invitations = list(item.invitations.all())
    assert len(invitations) == 3  # 1001, 1002 and 1003 are active; 1005 is hourly paid
    assert len(set(codes.values())) == 3
    stored = set(InvitationCode.objects.values_list("code_hash", flat=True))
    assert len(stored) == 3 and not stored & set(codes.values())
    assert all(len(h) == 64 for h in stored)


def test_a_wave_keeps_no_codes_until_they_go_out(pulse):
    item = services.open_wave(pulse, OPENS)
    assert item.invitations.count() == 3
    assert not InvitationCode.objects.exists()


def test_the_link_carries_the_code_where_no_server_sees_it(client, wave, today):
    _wave, codes = wave
    code = next(iter(codes.values()))
    link = services.answer_url(code)
    # After '#': browsers never send it, so no request line (and no log) holds the code.
    assert link.endswith(f"{reverse('pulse:code')}#{code}")
    page = client.get(reverse("pulse:code"))
    assert 'id="code-form"' in page.content.decode() and "answer-link.js" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    response = open_link(client, code)
    assert response.status_code == 302
    assert response["Location"] == reverse("pulse:answer")
    assert code not in response["Location"]
    page = client.get(reverse("pulse:answer"))
    assert "Hur troligt är det att du skulle rekommendera" in page.content.decode()
    assert "no-store" in page["Cache-Control"]


def test_the_answer_cookie_is_a_token_not_the_code_for_the_answer_page_only(client, wave, today):
    _wave, codes = wave
    invitation_id, code = next(iter(codes.items()))
    cookie = open_link(client, code).cookies["bemanna_svar"]
    # Not the code (whoever sees the cookie cannot type it elsewhere), nor its stored hash
    # (which would lead to the invitation and its person), nor the time it was opened:
    # the hash and the time sealed with a key only the server has.
    value = cookie.value
    assert code not in value and code.lower() not in value.lower()
    assert hash_code(code) not in value and ":" not in value
    assert str(int(time.time()))[:6] not in value
    raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    assert hash_code(code).encode() not in raw
    # Opening the same link again seals it anew: two cookies of one code do not match.
    again = open_link(client, code).cookies["bemanna_svar"].value
    assert again != value
    # A cookie altered in any byte is refused like a made-up code.
    flipped = bytearray(raw)
    flipped[20] ^= 1
    forged = base64.urlsafe_b64encode(bytes(flipped)).decode().rstrip("=")
    client.cookies["bemanna_svar"] = forged
    assert client.get(reverse("pulse:answer"))["Location"] == reverse("pulse:code")
    open_link(client, code)
    assert cookie["path"] == reverse("pulse:answer")
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["max-age"] == 4 * 3600
    # A made-up cookie is a guess: it opens nothing and counts towards the limit.
    client.cookies["bemanna_svar"] = "A" * 12
    assert client.get(reverse("pulse:answer"))["Location"] == reverse("pulse:code")
    for _ in range(9):
        client.cookies["bemanna_svar"] = "A" * 12
        client.get(reverse("pulse:answer"))
    assert open_link(client, code).status_code == 429


def test_an_answer_is_stored_once_with_nothing_that_points_back(client, wave, today):
    item, codes = wave
    code = next(iter(codes.values()))
    open_link(client, code)
    response = client.post(
        reverse("pulse:answer"),
        {"enps": "9", "hme_motivation_1": "5", "hme_motivation_2": "4", "comment": "Bra kollegor"},
    )
    assert "Tack, ditt svar är sparat" in response.content.decode()
    stored = Response.objects.get()
    assert (stored.enps, stored.comment, stored.wave_id) == (9, "Bra kollegor", item.pk)
    assert {f.name for f in Response._meta.get_fields()} == {
        "id",
        "wave",
        "unit",
        "enps",
        "comment",
        "items",
        "hme",
        "hme_motivation",
        "hme_leadership",
        "hme_governance",
        # A targeted survey's profession group or age band; empty for this pulse.
        "segment",
    }
    assert stored.segment == ""
    # Only the motivation items were answered: (100 + 75) / 2, and no other sub-index.
    assert (stored.hme, stored.hme_motivation, stored.hme_leadership) == (87.5, 87.5, None)
    assert sorted(ItemAnswer.objects.values_list("value", flat=True)) == [4, 5]
    # Used, as a claim only the code key matches to it: the invitation's row is unchanged.
    assert not Invitation.objects.filter(used=True).exists()
    assert [services.is_used(i) for i in Invitation.objects.all()].count(True) == 1
    # The cookie that held the invitation is gone: back to the form is back to the code page.
    assert client.get(reverse("pulse:answer")).status_code == 302
    # The same code again: a clear page, and still one answer.
    again = open_link(client, code)
    assert again.status_code == 410
    assert "redan använts" in again.content.decode()
    assert Response.objects.count() == 1


def test_an_answer_without_the_score_is_refused_with_a_message(client, wave, today):
    _item, codes = wave
    open_link(client, next(iter(codes.values())))
    response = client.post(reverse("pulse:answer"), {"enps": "11"})
    assert response.status_code == 200
    page = response.content.decode()
    # The error summary, which takes the focus, links to the question.
    assert 'class="errors error-summary"' in page and 'href="#id_enps_0"' in page
    assert Response.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_submissions_give_exactly_one_answer(staffed, today):
    pulse = Pulse.objects.create(name="Parallell")
    pulse.units.add(staffed["R"])
    wave = services.open_wave(pulse, OPENS)
    invitation_id = next(iter(codes_for(wave)))
    outcomes = []
    barrier = threading.Barrier(10)

    def post():
        try:
            barrier.wait()
            for _ in range(5):
                try:
                    services.submit_answer(
                        invitation_id, score=8, items={}, comment="", today=OPENS
                    )
                    outcomes.append("saved")
                except services.AnswerRefused as refused:
                    outcomes.append(refused.reason)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(set(outcomes)) == ["saved", "used"]
    assert outcomes.count("saved") == 1 and len(outcomes) == 50
    assert Response.objects.filter(wave=wave).count() == 1
    assert connection.vendor in ("sqlite", "postgresql")


def test_a_closed_window_gets_a_clear_page(client, wave, monkeypatch):
    from django.utils import timezone

    _item, codes = wave
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: OPENS + datetime.timedelta(30))
    response = open_link(client, next(iter(codes.values())))
    assert response.status_code == 410
    assert "inte öppen" in response.content.decode()


def test_guessing_codes_is_stopped(client, wave, today):
    for attempt in range(10):
        assert open_link(client, f"WRONG{attempt:07d}").status_code == 404
    _item, codes = wave
    response = open_link(client, next(iter(codes.values())))
    assert response.status_code == 429


def test_results_hide_groups_under_the_threshold(client, wave, analyst):
    item, _codes = wave
    answer(item, [10, 9, 3])  # three answers: under k = 5 everywhere
    services.close_wave(item)
    client.login(username="analyst", password=PASSWORD)
    page = client.get(reverse("pulse:results", args=[item.pulse.pk]), {"unit": "R"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "för få svar för att visa" in text
    assert 'data-figure="enps">–<' in text.replace(" ", "")


def test_results_show_a_group_under_the_split_threshold_rounded(staffed, analyst, client):
    add_staff(staffed["A"], 5)
    pulse = Pulse.objects.create(name="Större")
    pulse.units.add(staffed["R"])
    wave = services.open_wave(pulse, OPENS)
    answer(wave, [10, 10, 9, 8, 2, 5, 10])
    # While the window is open only the response rate's tenth shows: a moving score, or a
    # count that moves with each answer, gives answers away.
    during = results.results(wave, [staffed["R"]])[staffed["R"].pk]
    assert during.score is None and during.answered is None
    # Bands of whole tens, wide enough to hold k answers, a narrower last one joined to the
    # one before it (written out here from that rule).
    width = 10
    while width * during.invited < 100 * pulse.min_answers:
        width += 10
    lows = list(range(0, 100, width))
    if len(lows) > 1 and 100 - lows[-1] < width:
        lows.pop()
    edges = [*lows, 100]
    rate = 100 * 7 / during.invited
    band = next(
        f"{a}–{b}\xa0%" for a, b in zip(edges, edges[1:], strict=False) if a <= rate < b or b == 100
    )
    assert during.rate_band == band
    services.close_wave(wave)
    found = results.results(wave, [staffed["R"], staffed["A"], staffed["B"]])
    region = found[staffed["R"].pk].score
    # 7 answers: k (5) but not k_text (10). 100·(4 − 2)/7 = 28.6 is shown as 30, n as a band,
    # no interval (its width would give the split back).
    assert (region.value, region.text, region.n_text) == (30, "30", "5–9")
    assert region.n is None and region.low is None and found[staffed["R"].pk].answered is None
    # Opened with k_text = 7 (a wave keeps the thresholds it opened with):
    Wave.objects.filter(pk=wave.pk).update(min_answers_text=7)
    wave = Wave.objects.select_related("pulse").get(pk=wave.pk)
    region = results.results(wave, [staffed["R"]])[staffed["R"].pk].score
    assert region.exact and region.n == 7 and region.value == 29
    assert region.low < region.value < region.high
    # A (6 or 7 answers) and B (1 or 0) cannot both be shown: B would be R minus A.
    assert found[staffed["B"].pk].score is None
    assert found[staffed["A"].pk].score is None or found[staffed["R"].pk].score.n_text == (
        found[staffed["A"].pk].score.n_text
    )


def test_a_manager_sees_results_for_the_own_subtree_only(client, wave, manager, other_manager):
    item, _codes = wave
    client.login(username="manager", password=PASSWORD)
    assert (
        client.get(reverse("pulse:results", args=[item.pulse.pk]), {"unit": "F"}).status_code == 200
    )
    assert (
        client.get(reverse("pulse:results", args=[item.pulse.pk]), {"unit": "G"}).status_code == 403
    )


def test_anonymity_settings_cannot_be_loosened_once_answers_exist(wave, settings):
    from django.core.exceptions import ValidationError

    settings.MIN_GROUP = 3  # the installation's floor allows it: the answers do not
    item, _codes = wave
    answer(item, [7])
    pulse = item.pulse
    pulse.min_answers = 3
    with translation.override("en"), pytest.raises(ValidationError, match="cannot be loosened"):
        pulse.full_clean()
    pulse.min_answers, pulse.min_answers_text = 8, 12
    pulse.full_clean()  # tightening is fine


def test_who_is_invited_is_fixed_once_answers_exist(wave):
    """An insider's eighth round, by code reading: a pulse of the 60+ keeps each unit's
    number invited back (a count of its 60+), but cleared afterwards its past waves would
    show it. Once a pulse has answers, who is invited cannot change."""
    from django.core.exceptions import ValidationError

    from bemanna.pulse.forms import PulseForm

    item, _codes = wave
    pulse = item.pulse
    pulse.min_age = 60
    pulse.save()  # no answers yet: may change
    answer(item, [7])
    for name, value in (("min_age", None), ("part_time_only", True), ("profession_groups", ["X"])):
        changed = Pulse.objects.get(pk=pulse.pk)
        setattr(changed, name, value)
        with translation.override("en"):
            with pytest.raises(ValidationError) as refused:
                changed.full_clean()
            assert "Who is invited cannot change" in str(refused.value.message_dict[name])
    Pulse.objects.get(pk=pulse.pk).full_clean()  # unchanged is fine
    form = PulseForm(instance=pulse)
    assert all(form.fields[name].disabled for name in ("min_age", "part_time_only"))


def test_the_demo_pulse_has_two_years_of_closed_waves_and_one_open(db, tmp_path):
    from django.core.management import call_command

    call_command(
        "demo",
        employees=300,
        seed=4,
        today=datetime.date(2026, 6, 30),
        directory=tmp_path,
        no_xlsx=True,
        verbosity=0,
    )
    from bemanna.pulse.models import Action, Dialogue

    pulse = Pulse.objects.get(purpose="")
    waves = list(pulse.waves.order_by("opens"))
    assert [w.status for w in waves] == ["closed"] * 8 + ["open"]
    assert waves[-1].opens == datetime.date(2026, 6, 28)
    # Closed waves keep no codes and no persons; the open one only the demo's try-out links.
    closed = Invitation.objects.filter(wave__status="closed")
    assert not closed.exclude(person=None).exists()
    assert not InvitationCode.objects.filter(invitation__wave__status="closed").exists()
    assert Dialogue.objects.filter(wave=waves[-2]).count() > 5
    assert Action.objects.exclude(status="planned").exists()
    assert Response.objects.exclude(comment="").exists()
    answered = Response.objects.filter(wave=waves[-2]).count()
    invited = waves[-2].invitations.count()
    assert 0.5 < answered / invited < 0.85
    from bemanna.org.models import Unit

    region = Unit.objects.get(code="R")
    assert results.results(waves[-2], [region])[region.pk].score.n == answered


def test_the_heat_map_shows_hidden_cells_as_hidden(client, wave, analyst):
    item, _codes = wave
    answer(item, [10, 9, 3])
    services.close_wave(item)
    client.login(username="analyst", password=PASSWORD)
    page = client.get(reverse("pulse:results", args=[item.pulse.pk]), {"unit": "R"})
    text = page.content.decode()
    assert "Värmekarta" in text
    heat = text[text.index("Värmekarta") : text.index("Underliggande enheter")]
    # Two units below the region (F and G) in one wave: both cells hidden, saying why.
    assert heat.count("&lt;5</text>") == 2


def test_a_form_kept_open_after_answering_elsewhere_says_so(client, wave, today):
    _item, codes = wave
    code = next(iter(codes.values()))
    open_link(client, code)
    kept = client.cookies["bemanna_svar"].value
    client.post(reverse("pulse:answer"), {"enps": "8"})
    client.cookies["bemanna_svar"] = kept  # a second tab still holds the invitation
    page = client.get(reverse("pulse:answer"))
    assert page.status_code == 410 and "redan använts" in page.content.decode()
    assert Response.objects.count() == 1
