"""The answer path as written for speed (issue 19): the invitation, its wave, pulse and
questions read in one hand-written statement; the answer stored by a compare-and-set written
once per process; the thank-you page rendered once per language. Each must give what the
ORM and the template engine give, and an answer must still be stored exactly once."""

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from bemanna.conftest import TODAY
from bemanna.pulse import services
from bemanna.pulse.models import (
    Invitation,
    ItemAnswer,
    Pulse,
    Question,
    QuestionKind,
    Response,
    Wave,
)
from bemanna.pulse.tests.helpers import codes_for, open_link


@pytest.fixture
def today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def _pulse(staffed, name: str = "Snabb") -> Pulse:
    pulse = Pulse.objects.create(name=name, window_days=14, profession_groups=["Sjuksköterskor"])
    pulse.units.add(staffed["R"])
    # Positions out of creation order: the page must ask them by position.
    Question.objects.create(pulse=pulse, position=2, text="Andra", kind=QuestionKind.AGREE)
    Question.objects.create(
        pulse=pulse, position=1, text="Första", kind=QuestionKind.CHOICE, choices="Ja\nNej"
    )
    return pulse


def _fields(instance, skip=()) -> dict:
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.attname not in skip
    }


def test_the_invitation_its_wave_pulse_and_questions_come_in_one_query_as_the_orm_reads_them(
    staffed, django_assert_num_queries
):
    pulse = _pulse(staffed)
    wave = services.open_wave(pulse, TODAY)
    invitation_id, code = next(iter(codes_for(wave).items()))
    # One query for all of them, one for its claim (whether it has been used: a tag made
    # from its id with the code key, `Claim`).
    with django_assert_num_queries(2):
        found = services.find_invitation(code, TODAY)
        questions = list(found.wave.pulse.questions.all())
        texts = [q.text for q in questions]
        labels = [q.pulse.name for q in questions]
    assert texts == ["Första", "Andra"] and labels == ["Snabb", "Snabb"]
    # Every value as the ORM converts it (dates, booleans, JSON), model by model.
    assert _fields(found) == _fields(Invitation.objects.get(pk=invitation_id))
    assert found.used is False and found.wave.opens == TODAY
    assert _fields(found.wave, skip=("tree",)) == _fields(Wave.objects.get(pk=wave.pk), ("tree",))
    assert _fields(found.wave.pulse) == _fields(Pulse.objects.get(pk=pulse.pk))
    assert found.wave.pulse.profession_groups == ["Sjuksköterskor"]
    assert [_fields(q) for q in questions] == [
        _fields(q) for q in Question.objects.filter(pulse=pulse).order_by("position")
    ]
    # The unit tree kept at opening is not read, but still there when asked for.
    assert found.wave.tree == Wave.objects.get(pk=wave.pk).tree


def test_a_pulse_without_questions_has_none(staffed, django_assert_num_queries):
    pulse = Pulse.objects.create(name="Utan frågor")
    pulse.units.add(staffed["R"])
    code = next(iter(codes_for(services.open_wave(pulse, TODAY)).values()))
    with django_assert_num_queries(2):  # the invitation with the rest, and its claim
        assert list(services.find_invitation(code, TODAY).wave.pulse.questions.all()) == []


def test_an_answer_with_statements_and_questions_is_stored_whole(client, staffed, today):
    pulse = _pulse(staffed)
    wave = services.open_wave(pulse, TODAY)
    invitation_id, code = next(iter(codes_for(wave).items()))
    first, second = Question.objects.filter(pulse=pulse).order_by("position")
    open_link(client, code)
    form = {
        "enps": "3",
        "hme_leadership_2": "2",
        "hme_governance_1": "5",
        first.key: "1",
        second.key: "4",
        "comment": "  Kort  ",
    }
    page = client.post(reverse("pulse:answer"), form)
    assert 'id="answer-saved"' in page.content.decode()
    stored = Response.objects.get()
    invitation = Invitation.objects.get(pk=invitation_id)
    assert services.is_used(invitation) and not invitation.used  # its claim, not its row
    assert (stored.wave_id, stored.unit_id, stored.segment) == (
        wave.pk,
        invitation.counted_unit_id,  # the region: no unit of six people holds five
        invitation.segment,
    )
    assert invitation.counted_unit == staffed["R"] != invitation.unit
    assert (stored.enps, stored.comment) == (3, "Kort")
    # Leadership 2 → 25, governance 5 → 100; the index is their mean; no motivation answered.
    assert (stored.hme, stored.hme_leadership, stored.hme_governance) == (62.5, 25.0, 100.0)
    assert stored.hme_motivation is None
    items = dict(ItemAnswer.objects.filter(response=stored).values_list("item", "value"))
    assert items == {"hme_leadership_2": 2, "hme_governance_1": 5, first.key: 1, second.key: 4}
    assert len({str(pk) for pk in ItemAnswer.objects.values_list("id", flat=True)}) == 4


def test_a_refused_post_stores_nothing(staffed):
    pulse = _pulse(staffed)
    wave = services.open_wave(pulse, TODAY)
    invitation_id = next(iter(codes_for(wave)))
    Wave.objects.filter(pk=wave.pk).update(status="closed")
    with pytest.raises(services.AnswerRefused) as refused:
        services.submit_answer(
            invitation_id, score=5, items={"hme_motivation_1": 3}, comment="", today=TODAY
        )
    assert refused.value.reason == "closed"
    assert not Response.objects.exists() and not ItemAnswer.objects.exists()
    assert not services.is_used(Invitation.objects.get(pk=invitation_id))


@pytest.mark.django_db(transaction=True)
def test_simultaneous_posts_with_statements_store_one_answer_and_its_items_once(staffed):
    pulse = Pulse.objects.create(name="Parallell med påståenden")
    pulse.units.add(staffed["R"])
    wave = services.open_wave(pulse, TODAY)
    invitation_id = next(iter(codes_for(wave)))
    items = {"hme_motivation_1": 4, "hme_motivation_2": 5, "hme_leadership_1": 3}
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def post() -> None:
        try:
            barrier.wait()
            for _ in range(3):
                try:
                    services.submit_answer(
                        invitation_id, score=10, items=items, comment="", today=TODAY
                    )
                    outcomes.append("saved")
                except services.AnswerRefused as refused:
                    outcomes.append(refused.reason)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("saved") == 1 and outcomes.count("used") == 23
    stored = Response.objects.get(wave=wave)
    assert ItemAnswer.objects.count() == 3
    assert dict(ItemAnswer.objects.values_list("item", "value")) == items
    assert set(ItemAnswer.objects.values_list("response_id", flat=True)) == {stored.pk}


def _answered(staffed, language: str | None = None) -> tuple[Client, str]:
    """A phone that answered: its client (checking CSRF as a browser's server does) and the
    thank-you page."""
    phone = Client(enforce_csrf_checks=True)
    if language:
        phone.cookies["django_language"] = language
    page = phone.get(reverse("pulse:code")).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    return phone, token


def test_the_thank_you_page_differs_between_phones_only_in_their_own_csrf_token(staffed, today):
    pulse = Pulse.objects.create(name="Tack")
    pulse.units.add(staffed["R"])
    codes = list(codes_for(services.open_wave(pulse, TODAY)).values())
    pages, tokens, phones = [], [], []
    for code in codes[:2]:
        phone, token = _answered(staffed)
        phone.post(reverse("pulse:code"), {"code": code, "csrfmiddlewaretoken": token})
        form = phone.get(reverse("pulse:answer")).content.decode()
        token = form.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        page = phone.post(reverse("pulse:answer"), {"enps": "8", "csrfmiddlewaretoken": token})
        text = page.content.decode()
        assert page.status_code == 200 and 'id="answer-saved"' in text
        assert "no-store" in page["Cache-Control"]
        mine = text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        assert len(mine) == 64 and mine in text.split('"X-CSRFToken": "', 1)[1][:70]
        pages.append(text.replace(mine, "TOKEN"))
        tokens.append(mine)
        phones.append(phone)
    assert pages[0] == pages[1] and tokens[0] != tokens[1]
    assert "bemannacsrfslot" not in pages[0]
    assert "<title>Tack · Bemanna</title>" in pages[0]
    # Each phone's token is its own: the language form on the page can be sent.
    for phone, token in zip(phones, tokens, strict=True):
        changed = phone.post(
            reverse("set_language"),
            {"language": "en", "next": "/", "csrfmiddlewaretoken": token},
        )
        assert changed.status_code == 302
    assert Response.objects.count() == 2


def test_the_thank_you_page_in_english_for_a_phone_that_chose_it(staffed, today):
    pulse = Pulse.objects.create(name="Thanks")
    pulse.units.add(staffed["R"])
    codes = list(codes_for(services.open_wave(pulse, TODAY)).values())
    texts = []
    for code, language in zip(codes, ("sv", "en"), strict=False):
        phone, token = _answered(staffed, language)
        phone.post(reverse("pulse:code"), {"code": code, "csrfmiddlewaretoken": token})
        form = phone.get(reverse("pulse:answer")).content.decode()
        token = form.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        page = phone.post(reverse("pulse:answer"), {"enps": "8", "csrfmiddlewaretoken": token})
        texts.append(page.content.decode())
    assert "Tack, ditt svar är sparat" in texts[0] and 'lang="sv"' in texts[0]
    assert "Thank you, your answer is saved" in texts[1] and 'lang="en"' in texts[1]
