"""The page bench covers every page: a route with parameters needs a sample to be timed."""

from bemanna.bench import pages


def test_every_route_with_parameters_has_a_sample():
    named = {name for name, _route, parameters in pages.routes() if parameters}
    assert "pulse:results" in named  # the walk finds namespaced routes
    assert named - set(pages.SAMPLES) == set(), "add the route to bemanna/bench/pages.SAMPLES"
    assert set(pages.SAMPLES) - named == set(), "SAMPLES names a route that no longer exists"


def test_the_admin_is_left_out_and_plain_pages_are_in():
    names = {name for name, _route, _parameters in pages.routes()}
    assert "workforce:overview" in names or "workforce:import" in names
    assert not any(name.startswith("admin:") for name in names)


def test_percentile_interpolates():
    assert pages._percentile([1.0, 2.0, 3.0, 4.0, 5.0], 0.95) == 4.8
    assert pages._percentile([7.0], 0.95) == 7.0
