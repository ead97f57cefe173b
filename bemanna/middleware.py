from pathlib import Path

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
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
