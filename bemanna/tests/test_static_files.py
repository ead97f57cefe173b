"""`bemanna serve` before `collectstatic` (issue 18): the static files are served from the
source folders, with no "No directory at: …/static/" warning at every start."""

import warnings

from django.test import RequestFactory, override_settings

from bemanna.middleware import StaticFiles


def test_no_warning_and_the_files_are_served_without_collectstatic(tmp_path):
    with (
        override_settings(STATIC_ROOT=tmp_path / "not-collected", DEBUG=False),
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always")
        middleware = StaticFiles(lambda request: None)
        response = middleware(RequestFactory().get("/static/bemanna/site.css"))
    assert not [w for w in caught if "No directory at" in str(w.message)]
    assert response is not None and response.status_code == 200


def test_a_collected_root_is_still_served(tmp_path):
    root = tmp_path / "static"
    (root / "x").mkdir(parents=True)
    (root / "x" / "only-here.txt").write_text("collected")
    with override_settings(STATIC_ROOT=root, DEBUG=False):
        middleware = StaticFiles(lambda request: None)
        response = middleware(RequestFactory().get("/static/x/only-here.txt"))
    assert response is not None and response.status_code == 200
