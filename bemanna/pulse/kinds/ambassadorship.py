"""The ambassadorship pulse (eNPS, SKR's HME items): the pulse's own kind. Its questions are
set on the pulse's page, not from a template, and it feeds no lever."""

from django.utils.translation import gettext_lazy as _

from bemanna.pulse.kinds import SurveyKind, register

AMBASSADORSHIP = register(SurveyKind(code="", label=_("Ambassadorship (eNPS)")))
