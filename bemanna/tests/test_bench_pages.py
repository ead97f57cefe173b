"""The page bench's own arithmetic (its pages come from bemanna/routes.py: test_routes.py)."""

from bemanna.bench import pages
from bemanna.forecast.tests.test_views import demo  # noqa: F401


def test_percentile_interpolates():
    assert pages._percentile([1.0, 2.0, 3.0, 4.0, 5.0], 0.95) == 4.8
    assert pages._percentile([7.0], 0.95) == 7.0


def test_the_lever_preview_is_posted_as_the_page_posts_it_with_a_lever_moved(client, demo):  # noqa: F811
    from django.urls import reverse

    from bemanna.forecast.models import Scenario

    assert client.login(username="analytiker", password="demo")
    scenario = Scenario.objects.order_by("-is_main", "name").first()
    page = client.get(reverse("forecast:scenario", args=[scenario.pk]))
    form = pages._LeverForm()
    form.feed(page.content.decode())
    assert form.action == reverse("forecast:preview", args=[scenario.pk])
    assert form.fields["csrfmiddlewaretoken"] and form.fields["unit"]
    sent = []
    for step in (1, 2, 3):
        moved = pages._moved(form.fields, step)
        changed = {k for k in moved if moved[k] != form.fields[k]}
        assert len(changed) == 1
        sent.append(moved[changed.pop()])
        reply = client.post(form.action, moved, HTTP_HX_REQUEST="true")
        assert (
            reply.status_code == 200
            and b"Preview" in reply.content
            or b"rhandsvisning" in reply.content
        )
    assert len(set(sent)) == 3  # a new preview each time, never one already kept


def test_the_pdf_reports_have_the_slow_goal():
    assert pages.SLOW.search("/prognos/3/export.pdf")
    assert pages.SLOW.search("/nyckeltal/rapport/?format=pdf")
    assert pages.SLOW.search("POST /prognos/3/forhandsvisning/")
    assert not pages.SLOW.search("/nyckeltal/rapport/?format=html")
