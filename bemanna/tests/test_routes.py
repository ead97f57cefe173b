"""The one walk of the URL configuration that the bench, the access matrix, the parameter
fuzz and the axe walk share: a new page needs a sample and an expectation, or this fails."""

import pytest

from bemanna import routes


def test_every_route_with_parameters_has_a_sample():
    named = {route.name for route in routes.routes() if route.parameters}
    assert "pulse:results" in named  # the walk finds namespaced routes
    assert named - set(routes.SAMPLES) == set(), "add the route to bemanna/routes.SAMPLES"
    assert set(routes.SAMPLES) - named == set(), "SAMPLES names a route that no longer exists"


def test_the_admin_is_left_out_and_plain_pages_are_in():
    names = {route.name for route in routes.routes()}
    assert {"workforce:import", "healthz", "set_language"} <= names
    assert not any(name.startswith("admin:") for name in names)


def test_roles_and_parameters_come_with_each_route():
    found = {route.name: route for route in routes.routes()}
    # HR admin and the analysts see the whole region's export; the council as an analyst.
    assert found["pulse:export"].roles == ("analyst", "hr_admin", "council")
    assert found["keyfigures:worklist"].roles == ("occ_health",)
    assert found["accounts:logout"].roles == ()
    assert "s" in found["forecast:compare"].query


@pytest.mark.django_db
def test_a_route_without_its_objects_is_reported_missing():
    found, missing = routes.pages()
    assert "pulse:results" in missing and "forecast:export" in missing
    assert {page.name for page in found} >= {"workforce:import", "pulse:list"}
    assert not any(page.route.parameters for page in found)


@pytest.mark.django_db
def test_samples_are_the_first_objects_and_the_managers_leaf_unit(org, manager):
    # (The access matrix walks the pages of every sample: test_access_matrix.py.)
    found, missing = routes.pages({"workforce:unit", "workforce:persons"})
    assert missing == []
    # The manager runs förvaltning F; its leaves are A and B: the first by code.
    assert [page.path for page in found] == ["/enhet/A/", "/enhet/A/anstallningar/"]
