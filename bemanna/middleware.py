import functools
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from whitenoise.middleware import WhiteNoiseMiddleware


class SwedishFirstLocaleMiddleware(LocaleMiddleware):
    """Swedish unless the user chose another language (the language cookie).

    A region's staff often run browsers set to English; the browser's Accept-Language must not
    override the region's language, so it is not consulted.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class StaticFiles(WhiteNoiseMiddleware):
    """WhiteNoise, which serves the static files from the source folders (the finders,
    WHITENOISE_USE_FINDERS) until `bemanna collectstatic` has filled STATIC_ROOT: a root not
    yet made is skipped, not warned about ("No directory at: …/static/") at every start."""

    def add_files(self, root, prefix=None):
        if root == self.static_root and not Path(root).is_dir():
            return
        super().add_files(root, prefix)


# The pages where someone answers a survey or sends a proposal that may be anonymous.
ANONYMOUS_PAGES = ("pulse:code", "pulse:answer", "exits:code", "exits:answer", "plan:propose")


class Session(SessionMiddleware):
    """Django's sessions, not saved on the pages where one answers anonymously
    (`ANONYMOUS_PAGES`). The session of someone signed in is saved on every request (the idle
    timeout, BEMANNA_SESSION_IDLE_MINUTES) in its own transaction: written the moment after
    an answer or an anonymous proposal (or just before it, on the page's first view), the
    session row's transaction sat next to the answer's and named its sender to anyone who
    could read the database (an insider's twenty-first round). Those pages neither read nor
    need the session; the idle timer moves on with the next other page."""

    def process_response(self, request, response):
        if request.path in _anonymous_paths():
            patch_vary_headers(response, ("Cookie",))  # as Django's would
            return response
        return super().process_response(request, response)


@functools.cache
def _anonymous_paths() -> frozenset[str]:
    return frozenset(reverse(name) for name in ANONYMOUS_PAGES)
