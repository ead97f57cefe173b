import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bemanna.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402  (settings are ready only after the line above)

if (settings.SECRET_KEY_IS_DEFAULT or not settings.PSEUDONYM_KEY_IS_OWN) and not settings.DEBUG:
    raise ImproperlyConfigured(
        "Refusing to serve: set BEMANNA_SECRET_KEY and BEMANNA_PSEUDONYM_KEY (see .env.example)."
    )
