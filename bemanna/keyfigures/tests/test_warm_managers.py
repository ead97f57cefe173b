"""After an import the managers' *Nyckeltal* page is prepared as the board report is
(issue 19): the first view reads what the warming kept, in any server process."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from bemanna import generation
from bemanna.accounts import access
from bemanna.forecast.tests.test_views import demo, login  # noqa: F401
from bemanna.keyfigures import services, summary
from bemanna.keyfigures import views as keyfigure_views
from bemanna.workforce import frames


def test_a_managers_first_view_after_the_warming_computes_nothing(client, demo, monkeypatch):  # noqa: F811
    chef = get_user_model().objects.get(username="chef")
    assert access.top_units(chef)
    generation.start_new("data")
    assert generation.warm() == []
    # Another server process: none of the warming's memory, and nothing may be computed.
    services._computed.clear()
    frames.forget()

    def computed(*args, **kwargs):
        raise AssertionError("computed at first view")

    monkeypatch.setattr(summary, "summary", computed)
    monkeypatch.setattr(keyfigure_views.rendering.charts, "to_svg", computed)
    login(client, "chef")
    for language in ("sv", "en"):
        client.cookies["django_language"] = language
        page = client.get(reverse("keyfigures:page"))
        assert page.status_code == 200
        assert page.context["unit"] == access.top_units(chef)[0]


def test_the_warming_is_bounded(demo, monkeypatch):  # noqa: F811
    warmed = []
    monkeypatch.setattr(keyfigure_views, "MANAGERS_WARMED", 0)
    monkeypatch.setattr(keyfigure_views, "cached_summary", lambda *a, **k: warmed.append(a))
    keyfigure_views.warm_managers()
    assert warmed == []
