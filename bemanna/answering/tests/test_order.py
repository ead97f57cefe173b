"""Stored answers and invitations keep no order that links them to people (issue 12, 5b–c).

Answers go in in a known order, each with a tracer (a comment, a number, a text); after the
window closes they are read back by key, by an unordered SELECT and by the database's own
row order (rowid on SQLite, ctid on PostgreSQL). For a random order of 60 rows the rank
correlation with the arrival order exceeds 0.8 in absolute value with a probability below
1e-9; an order that follows arrival gives 1.
"""

import datetime

import pytest
from django.db import connection, transaction
from django.utils import timezone

from bemanna.exits import services as exit_survey
from bemanna.exits.models import ExitAnswer, ExitClaim, ExitInvitation, ExitReason
from bemanna.pulse import services
from bemanna.pulse.models import Invitation, Pulse, Question, QuestionKind, Response, WaveTally
from bemanna.pulse.tests.helpers import add_staff, codes_for
from bemanna.workforce.models import Employment

N = 60
BOUND = 0.8
OPENS = datetime.date(2026, 3, 2)


def spearman(order: list[int]) -> float:
    """Rank correlation of the arrival indices 0..n-1 with the positions they were read at."""
    n = len(order)
    assert sorted(order) == list(range(n))
    squares = sum((position - index) ** 2 for position, index in enumerate(order))
    return 1 - 6 * squares / (n * (n * n - 1))


def _read(sql: str) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


def _physical(table: str, column: str) -> list:
    """The rows in storage order, as anyone with a database account can read it: by ctid on
    PostgreSQL, by rowid on SQLite, or a plain scan of a WITHOUT ROWID table (its B-tree, in
    key order)."""
    if connection.vendor == "postgresql":
        return _read(f"SELECT {column} FROM {table} ORDER BY ctid")  # noqa: S608
    if _without_rowid(table):
        return _read(f"SELECT {column} FROM {table}")  # noqa: S608
    return _read(f"SELECT {column} FROM {table} ORDER BY rowid")  # noqa: S608


def _without_rowid(table: str) -> bool:
    sql = _read(f"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{table}'")  # noqa: S608
    return "WITHOUT ROWID" in sql[0].upper()


def _fresh_heap(table: str) -> None:
    """On PostgreSQL, `table` in a new, empty file (TRUNCATE, undone with the test): rows
    earlier tests wrote and rolled back leave free space that later rows may fill in any
    order, and the precondition below would then fail for the wrong reason."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {table} CASCADE")


def _open_window_order(order: list[int]) -> None:
    """While a window is open, PostgreSQL keeps the arrival order (in a fresh heap,
    `_fresh_heap`) until the close rewrites it; SQLite's answer tables, stored by their
    random keys, never have it."""
    if connection.vendor == "postgresql":
        assert spearman(order) > 0.99
    else:
        assert abs(spearman(order)) < BOUND


@pytest.mark.one_database  # a SQLite storage property: the SQLite suite runs it
def test_on_sqlite_the_answer_tables_have_no_rowid(db):
    for table in ("pulse_response", "pulse_itemanswer", "exits_exitanswer"):
        assert _without_rowid(table), table


def _transactions(table: str) -> int:
    """How many transactions the rows were written by (PostgreSQL's xmin), 1 on SQLite."""
    if connection.vendor != "postgresql":
        return 1
    return _read(f"SELECT COUNT(DISTINCT xmin::text) FROM {table}")[0]  # noqa: S608


@pytest.fixture
def wave(org):
    add_staff(org["A"], N)
    pulse = Pulse.objects.create(name="Ordning", min_answers=3, min_answers_text=3)
    pulse.units.add(org["R"])
    Question.objects.create(pulse=pulse, text="Tal", kind=QuestionKind.NUMBER, high=100)
    return services.open_wave(pulse, OPENS)


def test_a_closed_waves_answers_keep_no_arrival_order(wave):
    question = wave.pulse.questions.get()
    _fresh_heap("pulse_response")
    for index, invitation in enumerate(codes_for(wave)):
        services.submit_answer(
            invitation,
            score=index % 11,
            items={question.key: index},
            comment=f"{index:02d}",
            today=OPENS,
        )
    _open_window_order([int(c) for c in _physical("pulse_response", "comment")])
    services.close_wave(wave)
    orders = {
        "by key": [
            int(c) for c in Response.objects.order_by("pk").values_list("comment", flat=True)
        ],
        "unordered": [int(c) for c in _read("SELECT comment FROM pulse_response")],
        "stored": [int(c) for c in _physical("pulse_response", "comment")],
        "items unordered": _read("SELECT value FROM pulse_itemanswer"),
        "items stored": _physical("pulse_itemanswer", "value"),
    }
    for name, order in orders.items():
        assert abs(spearman(order)) < BOUND, name
    assert _transactions("pulse_response") == _transactions("pulse_itemanswer") == 1
    assert Response.objects.filter(wave=wave).count() == N  # nothing lost, nothing twice


def _invitation_rows() -> dict:
    """Every invitation row as a copy of the database has it; on PostgreSQL with the
    transactions that wrote and locked it (xmin, xmax)."""
    columns = "id, person_id, unit_id, by_email, sent, reminded, used, segment"
    if connection.vendor == "postgresql":
        columns += ", xmin::text, xmax::text"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM pulse_invitation")  # noqa: S608
        return {row[0]: row for row in cursor.fetchall()}


def _linked(before: dict, after: dict) -> dict[int, set]:
    """The insider with two copies of the database taken while the window is open: the
    invitations changed between them, and on PostgreSQL the answers written by the same
    transaction as an invitation row (person → the transactions that tie them)."""
    changed = {pk: row[1] for pk, row in after.items() if before.get(pk) != row}
    links: dict[int, set] = {person: {"changed"} for person in changed.values()}
    if connection.vendor == "postgresql":
        answers = set(_read("SELECT xmin::text FROM pulse_response"))
        for row in after.values():
            for transaction in row[-2:]:
                if transaction in answers:
                    links.setdefault(row[1], set()).add(transaction)
    return links


@pytest.mark.parametrize("rule", [True, False])
def test_an_open_windows_answers_name_no_invitation(wave, client, monkeypatch, rule):
    """Two copies of the database around the answers, and PostgreSQL's transaction ids,
    tie no answer to an invitation (so to a person) while the window is open: answering
    reads the invitation and writes a claim under a keyed tag, not the invitation's row.
    rule=False: the invitation marked used in the answer's transaction, as before."""
    from django.urls import reverse

    from bemanna.pulse.tests.helpers import open_link

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: OPENS)
    if not rule:
        name = "_store_in_one_transaction"
        store = getattr(services, name)

        def marking(invitation_id, today, answer, answers):
            with transaction.atomic():
                Invitation.objects.filter(pk=invitation_id).update(used=True)
                return store(invitation_id, today, answer, answers)

        monkeypatch.setattr(services, name, marking)
    codes = list(codes_for(wave).values())[:12]
    before = _invitation_rows()
    for index, code in enumerate(codes):
        open_link(client, code)
        page = client.post(reverse("pulse:answer"), {"enps": str(index % 11)})
        assert 'id="answer-saved"' in page.content.decode()
    after = _invitation_rows()
    assert Response.objects.filter(wave=wave).count() == len(codes)
    assert services.invitation_counts(wave)["answered"] == len(codes) + (0 if rule else 12)
    links = _linked(before, after)
    if rule:
        assert links == {} and before == after
    else:
        assert len(links) == len(codes)


class _Watched:
    """A cursor whose statements are kept as a server log with parameters keeps them, and,
    on PostgreSQL, as a monitoring role sees them in `pg_stat_activity` from another
    connection (the last statement of an idle connection stays there)."""

    def __init__(self, cursor, seen: list, activity: list) -> None:
        self.cursor, self.seen, self.activity = cursor, seen, activity

    def _watch(self, sql, params) -> None:
        self.seen.append((sql, [str(p) for p in params]))
        if connection.vendor == "postgresql":
            import psycopg

            pid = connection.connection.info.backend_pid
            settings = connection.settings_dict
            with psycopg.connect(
                host=settings["HOST"],
                port=settings["PORT"] or 5432,
                user=settings["USER"],
                password=settings["PASSWORD"] or None,
                dbname=settings["NAME"],
            ) as other:
                row = other.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
                self.activity.append(row.fetchone()[0])

    def execute(self, sql, params=()):
        result = self.cursor.execute(sql, params)
        self._watch(sql, params)
        return result

    def executemany(self, sql, rows):
        result = self.cursor.executemany(sql, rows)
        for params in rows:
            self._watch(sql, params)
        return result

    def __getattr__(self, name):
        return getattr(self.cursor, name)


@pytest.mark.parametrize("bound", [True, False])
def test_no_statement_nor_monitor_pairs_an_invitation_with_its_answer(wave, monkeypatch, bound):
    """An insider's twentieth round: one statement held the invitation's id and the answer,
    with the values written into its text, and `pg_stat_activity` (any monitoring role) and a
    slow statement's log showed both. Now no statement holds both, and on PostgreSQL the
    values go apart from the text. The mutation (`bound=False`): Django's cursor, values in
    the text, which a monitor sees."""
    from contextlib import contextmanager

    from bemanna.answering import rows

    seen: list = []
    activity: list = []
    plain = rows.bound_cursor if bound else connection.cursor

    @contextmanager
    def watched():
        with plain() as cursor:
            yield _Watched(cursor, seen, activity)

    monkeypatch.setattr(rows, "bound_cursor", watched)
    invitation = next(iter(codes_for(wave)))
    question = wave.pulse.questions.get()
    services.submit_answer(
        invitation, score=3, items={question.key: 77}, comment="SPÅR-kommentar", today=OPENS
    )
    assert Response.objects.filter(comment="SPÅR-kommentar").count() == 1
    tag = services.claimed_tag(invitation)
    for sql, params in seen:
        holds_invitation = "pulse_invitation" in sql or tag in params
        assert not (holds_invitation and "SPÅR-kommentar" in params), sql
    if connection.vendor == "postgresql":
        shown = [text for text in activity if str(invitation) in text or "SPÅR" in text]
        if bound:
            assert shown == [] and all("$1" in text for text in activity)
        else:
            assert shown  # the values, written into the text


def test_a_closed_waves_invitations_keep_no_order_of_people(wave):
    invited = list(wave.invitations.order_by("person_id"))
    assert len(invited) == N
    # A tracer: each invitation's segment says which person (in staff-list order) it was for.
    for index, invitation in enumerate(invited):
        invitation.segment = f"{index:02d}"
        invitation.save(update_fields=["segment"])
    Invitation.objects.filter(pk__in=[i.pk for i in invited[:20]]).update(sent=True)
    Invitation.objects.filter(pk__in=[i.pk for i in invited[:7]]).update(reminded=True)
    for invitation in invited[:25]:  # the first 25 of the staff list answer
        services.submit_answer(invitation.pk, score=8, items={}, comment="", today=OPENS)
    before = [int(s) for s in wave.invitations.order_by("pk").values_list("segment", flat=True)]
    assert spearman(before) > 0.99  # the order of the staff list, until the window closes
    services.close_wave(wave)
    # The segment goes at close (nothing reads it, and with `used` it said who in a small
    # cell answered); what is left, `used`, follows no order of people: read in any order,
    # the 25 who answered are not the first 25 rows (about 10 of them are, shuffled; 25 in
    # the staff list's order).
    assert set(wave.invitations.values_list("segment", flat=True)) == {""}
    after = {
        "by id": wave.invitations.order_by("pk").values_list("used", flat=True),
        "unordered": _read("SELECT used FROM pulse_invitation"),
        "stored": _physical("pulse_invitation", "used"),
    }
    for name, order in after.items():
        flags = [bool(used) for used in order]
        assert sum(flags) == 25 and sum(flags[:25]) <= 20, name
    # Still there: how many were invited and answered; as the wave's counts only: the rest.
    assert wave.invitations.count() == N and wave.invitations.filter(used=True).count() == 25
    assert not wave.invitations.exclude(person=None).exists()
    flags = wave.invitations.filter(by_email=True) | wave.invitations.filter(sent=True)
    assert not (flags | wave.invitations.filter(reminded=True)).exists()
    tally = WaveTally.objects.get(wave=wave)
    assert (tally.by_email, tally.sent, tally.reminded) == (N, 20, 7)
    assert services.invitation_counts(wave) == {
        "invited": N,
        "by_email": N,
        "sent": 20,
        "reminded": 7,
        "answered": 25,
    }


def _exit_answer(invitation_id: int, *, enps=None, would_have_stayed: str = "") -> None:
    """A leaver's answer through the exit survey's own path (main reason: pay)."""
    exit_survey.submit(
        invitation_id,
        main_reason=ExitReason.objects.get(code="lon"),
        other_reasons=[],
        come_back="",
        enps=enps,
        would_have_stayed=would_have_stayed,
        today=OPENS,
    )


def test_exit_answers_keep_no_arrival_order_and_closed_invitations_go(org):
    people = add_staff(org["A"], N)
    ends = {p.pk: OPENS + datetime.timedelta(days=1 + i % 10) for i, p in enumerate(people)}
    for employment in Employment.objects.filter(person__in=people):
        employment.end = ends[employment.person_id]
        employment.end_reason = "own_request"
        employment.save()
    assert exit_survey.invite_leavers(OPENS) == N
    invitations = list(ExitInvitation.objects.order_by("employment__end", "pk"))
    _fresh_heap("exits_exitanswer")
    for index, invitation in enumerate(invitations):
        _exit_answer(invitation.pk, would_have_stayed=f"{index:02d}")
    _open_window_order([int(t) for t in _physical("exits_exitanswer", "would_have_stayed")])
    assert exit_survey.close_expired(OPENS + datetime.timedelta(days=60)) == N
    assert not ExitInvitation.objects.exists()  # unit, end date and `used` would name the leaver
    orders = {
        "by key": ExitAnswer.objects.order_by("pk").values_list("would_have_stayed", flat=True),
        "unordered": _read("SELECT would_have_stayed FROM exits_exitanswer"),
        "stored": _physical("exits_exitanswer", "would_have_stayed"),
    }
    for name, order in orders.items():
        assert abs(spearman([int(t) for t in order])) < BOUND, name
    assert _transactions("exits_exitanswer") == 1
    assert ExitAnswer.objects.count() == N


@pytest.mark.parametrize("rule", [True, False])
def test_an_open_exit_invitations_answer_names_no_leaver(org, monkeypatch, rule):
    """An insider's twentieth round: while an exit invitation was open (30 days), one join of
    the answers and the invitations on PostgreSQL's `xmin` named every answer's leaver, and
    two copies of the database around an answer named it on either database. Answering now
    reads the invitation and claims its keyed tag; the invitation's row is not written. The
    mutation: the invitation marked used in the answer's transaction, as before."""
    people = add_staff(org["A"], 6)
    Employment.objects.filter(person__in=people).update(
        end=OPENS + datetime.timedelta(days=3), end_reason="own_request"
    )
    assert exit_survey.invite_leavers(OPENS) == 6
    if not rule:
        submit = exit_survey.submit

        def marking(invitation_id, **answer):
            with transaction.atomic():
                submit(invitation_id, **answer)
                ExitInvitation.objects.filter(pk=invitation_id).update(used=True)

        monkeypatch.setattr(exit_survey, "submit", marking)
    columns = "id, employment_id, unit_id, used, code_hash"
    if connection.vendor == "postgresql":
        columns += ", xmin::text, xmax::text"
    table = f"SELECT {columns} FROM exits_exitinvitation"  # noqa: S608

    def rows() -> set:
        with connection.cursor() as cursor:
            cursor.execute(table)
            return set(cursor.fetchall())

    before = rows()
    for invitation in ExitInvitation.objects.order_by("pk")[:3]:
        _exit_answer(invitation.pk, enps=7)
    after = rows()
    assert ExitAnswer.objects.count() == 3
    answers = (
        set(_read("SELECT xmin::text FROM exits_exitanswer"))
        if connection.vendor == "postgresql"
        else set()
    )
    joined = {row for row in after if answers & set(row[-2:])} if answers else set()
    if rule:
        assert after == before and not joined
    else:
        assert len(before - after) == 3


@pytest.mark.parametrize("rule", [True, False])
def test_exit_claims_go_by_year_not_with_their_invitation(org, monkeypatch, rule):
    """An insider's twenty-first round: deleted with its own invitation, the claim that went
    the night one leaver's window closed paired its tag (and so, by `xmin`, its answer) with
    that leaver. A year's claims go together once all its invitations have closed. The
    mutation: each with its invitation."""
    people = add_staff(org["A"], 3)
    for days, person in enumerate(people):
        Employment.objects.filter(person=person).update(
            end=OPENS + datetime.timedelta(days=1 + days), end_reason="own_request"
        )
    assert exit_survey.invite_leavers(OPENS) == 3
    for invitation in ExitInvitation.objects.all():
        _exit_answer(invitation.pk)
    if not rule:
        close = exit_survey.close_expired

        def one_by_one(today):
            gone = ExitInvitation.objects.filter(closes__lt=today).values_list("pk", flat=True)
            tags = [exit_survey.claimed_tag(pk) for pk in gone]
            ExitClaim.objects.filter(tag__in=tags).delete()
            return close(today)

        monkeypatch.setattr(exit_survey, "close_expired", one_by_one)
    claims = []
    for invitation in ExitInvitation.objects.order_by("closes"):
        exit_survey.close_expired(invitation.closes + datetime.timedelta(days=1))
        claims.append(ExitClaim.objects.count())
    if rule:  # by hand: all three until the last of the year has closed
        assert claims == [3, 3, 0]
    else:
        assert claims == [2, 1, 0]
