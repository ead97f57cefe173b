"""Region Demo is rich enough to show the way from results to action."""

import datetime

from django.contrib.auth import get_user_model
from django.core.management import call_command

from bemanna.analysis import themes
from bemanna.followup.models import CommentTheme
from bemanna.keyfigures import early
from bemanna.org.models import Unit
from bemanna.plan.models import EffectValue, StatusNote
from bemanna.pulse import statements
from bemanna.pulse.models import Action, Dialogue, Purpose, Response, Wave, WaveStatus
from bemanna.pulse.results import WaveReport

TODAY = datetime.date(2026, 6, 30)


def test_the_demo_shows_themes_statements_contacts_and_an_overdue_action(db, tmp_path):
    call_command(
        "demo", employees=600, seed=3, today=TODAY, directory=tmp_path, no_xlsx=True, verbosity=0
    )
    comments = set(Response.objects.exclude(comment="").values_list("comment", flat=True))
    assert len(comments) >= 100
    table = CommentTheme.table()
    counts = themes.counts(comments, table)
    assert sum(1 for name, n in counts.items() if n and name != themes.OTHER) >= 6
    # Occupational health has a manager to call, with phone and e-mail, for every unit.
    for unit in Unit.objects.exclude(level="region"):
        manager, _above = early.nearest_manager(unit)
        assert manager is not None and manager.email and manager.profile.phone, unit.code
    # Not every action of two years overdue: the start page's overdue ones are the recent.
    late = Action.objects.filter(
        unit__path__startswith=Unit.objects.get(code="HS201").path,
        due__lt=TODAY - datetime.timedelta(days=90),
        status__in=["planned", "ongoing"],
    )
    assert not late.exists()
    # The guide of the clinic's dialogue now due shows last time's agreement and actions.
    ambassadorship = Wave.objects.filter(pulse__purpose=Purpose.AMBASSADORSHIP)
    last, before = ambassadorship.filter(status=WaveStatus.CLOSED).order_by("-opens")[:2]
    assert not Dialogue.objects.filter(wave=last, unit__code="HS201").exists()
    earlier = Dialogue.objects.get(wave=before, unit__code="HS201")
    assert earlier.open_questions and earlier.agreed and earlier.actions.count() == 2
    # A call that did not reach the manager waits on the "call again" list.
    assert early.worklist(TODAY, retry=True)
    clinic = Unit.objects.get(code="HS201")
    assert clinic.manager.get_full_name() and clinic.manager.email
    assert Action.objects.filter(
        unit__path__startswith=clinic.path, due__lt=TODAY, status__in=["planned", "ongoing"]
    ).exists()
    # The weakest statement is not the same in every unit that shows one.
    closed = Wave.objects.filter(status=WaveStatus.CLOSED).order_by("-opens").first()
    found = statements.StatementReport(WaveReport(closed))
    weakest = {
        ranked[0].key
        for unit in Unit.objects.all()
        if (ranked := statements.hme_ranked(found.statements(unit)))
    }
    assert len(weakest) >= 3
    # People by full name, never by login name: the plan's reports and measurements too.
    logins = set(get_user_model().objects.values_list("username", flat=True))
    signed = set(StatusNote.objects.values_list("author_name", flat=True))
    signed |= set(EffectValue.objects.values_list("author_name", flat=True))
    assert signed and not signed & logins
    # Every demo account has a name to be listed by (the plan's owner list lists them all).
    assert all(u.get_full_name() for u in get_user_model().objects.all())
