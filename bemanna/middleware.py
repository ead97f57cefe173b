from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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


def client_address(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind BEMANNA_PROXY_COUNT trusted reverse
    proxies the address the outermost trusted proxy saw (each proxy appends the address it
    received from to X-Forwarded-For, so only the last N entries are trustworthy; anything
    to their left may be typed by the client)."""
    count = settings.PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
