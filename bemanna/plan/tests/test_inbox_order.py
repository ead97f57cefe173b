"""The council's inbox: new and unassessed proposals first; history in Swedish with full
names, never login names."""

import datetime

from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.conftest import PASSWORD
from bemanna.plan import services
from bemanna.plan.models import Area, Proposal


def _proposal(title, *, status="received", days=0, assessed=False, by=None):
    proposal = Proposal.objects.create(
        title=title,
        description="x",
        area=Area.objects.get_or_create(name="Behålla")[0],
        origin="staff",
        submitted_by=by,
        submitted_on=datetime.date(2026, 5, 1) + datetime.timedelta(days=days),
        status=status,
    )
    if assessed:
        proposal.effect = proposal.certainty = 5
        proposal.cost = proposal.time_to_effect = 1
        proposal.save()
    return proposal


def test_new_and_unassessed_proposals_come_first(client, council):
    _proposal("Bedömd och högt prioriterad", status="preparing", assessed=True, days=0)
    _proposal("Beslutad", status="decided", assessed=True, days=1)
    _proposal("Ny i går", days=5)
    _proposal("Ny i dag", days=6)
    _proposal("Under beredning, ej bedömd", status="preparing", days=2)
    client.login(username="council", password=PASSWORD)
    soup = BeautifulSoup(client.get(reverse("plan:inbox")).content, "html.parser")
    titles = [
        row.select_one("td a").get_text(strip=True) for row in soup.select("#proposals tbody tr")
    ]
    assert titles[:3] == ["Under beredning, ej bedömd", "Ny i går", "Ny i dag"]
    assert set(titles[3:]) == {"Bedömd och högt prioriterad", "Beslutad"}
    marks = [row.select_one(".new") is not None for row in soup.select("#proposals tbody tr")]
    assert marks == [True, True, True, False, False]


def test_the_history_names_people_and_says_it_in_swedish(client, council, no_role):
    council.first_name, council.last_name = "Rut", "Rådsson"
    council.save()
    no_role.first_name, no_role.last_name = "Sven", "Svensson"
    no_role.save()
    proposal = _proposal("Cykelpool", by=no_role)
    services.submit(proposal, no_role)
    services.move(proposal, "preparing", council)
    client.login(username="council", password=PASSWORD)
    page = client.get(reverse("plan:proposal", args=[proposal.pk])).content.decode()
    history = BeautifulSoup(page, "html.parser").select_one("#history").get_text(" ")
    assert "Sven Svensson" in history and "Rut Rådsson" in history
    assert "no_role" not in history and "council" not in history
    assert "Förslaget togs emot" in history and "Status ändrad till: Bereds" in history
    assert "submitted" not in history and "preparing" not in history
