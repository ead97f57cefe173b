"""`make bench`, pulse part: results for a whole region, and answers per second.

(a) 150 units × 24 closed waves, 1,000,000 stored answers (with HME): the results of every
    unit in every wave, as the heat map and the Excel export need them, with all disclosure
    control, against the raw SQL aggregate alone: counts, promoters, detractors and HME sums
    per wave and unit, the invitations, and the answers to each statement per wave and unit
    (an HME index is shown only where its statements are, so no result can be decided
    without them; the time without them is printed beside). Goal: ratio ≤ 3, on SQLite and
    on PostgreSQL.
    Then per statement (issue 15): every unit's nine HME statements with their distributions
    and the change since the wave before, and the region's key-driver analysis, for every
    wave (9,000,000 item answers), against the raw SQL count of answers per wave, unit,
    statement and value (and eNPS value). The drivers' resampling has no SQL counterpart: its
    share of the time is printed beside.
(b) Answers per second through the production server (gunicorn, 2 workers) on loopback,
    beside a trivial Django view doing the same database work on the same server (`reference`):
    each answer is what a phone does — open the link, load the form, post it — from a bounded
    number of concurrent clients, some of them posting twice. Then the database must hold
    exactly one answer per confirmed post. Goal: ≥ 200 answers/s, none lost or duplicated.

Each part runs in its own process with its own database (a file for SQLite; a database made
and dropped for PostgreSQL, on the server of BENCH_POSTGRES_URL).
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from contextlib import contextmanager
from pathlib import Path

UNITS = 150
WAVES = 24
# BENCH_PULSE_ANSWERS: a smaller region's answers, to profile (the figures quoted are at the
# default); BENCH_PULSE_KEEP=1 keeps the PostgreSQL database between runs, as the SQLite file
# is kept, since storing the answers takes far longer than the measurement.
ANSWERS = int(os.environ.get("BENCH_PULSE_ANSWERS", "1000000"))
KEEP = os.environ.get("BENCH_PULSE_KEEP", "") == "1"
LOAD_ANSWERS = 3000
CLIENTS = 12
ANSWER_GOAL = 300  # answers/s on SQLite with 2 workers (issue 19)
FIRST = datetime.date(2020, 1, 15)
SECRET = "bench-secret-key-not-for-production-0123456789abcdefghij"


def _django(database_url: str, debug: bool = True) -> None:
    os.environ.update(
        DATABASE_URL=database_url,
        BEMANNA_DEBUG="1" if debug else "0",
        BEMANNA_SECRET_KEY=SECRET,
        BEMANNA_PSEUDONYM_KEY="bench",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bemanna.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _region():
    """A region of 150 units: 1 region, 7 förvaltningar, 142 enheter."""
    from bemanna.org.models import Level, Unit

    region = Unit.objects.create(code="R", name="Region Bench", level=Level.REGION)
    parents = [
        Unit.objects.create(
            code=f"F{i}", name=f"Förvaltning {i}", level=Level.ADMINISTRATION, parent=region
        )
        for i in range(7)
    ]
    leaves = [
        Unit.objects.create(code=f"E{i:03d}", name=f"Enhet {i}", parent=parents[i % 7])
        for i in range(UNITS - 8)
    ]
    return region, leaves


def _fill(progress) -> None:  # type: ignore[no-untyped-def]
    import numpy as np
    from django.db import connection, transaction

    from bemanna import bulk
    from bemanna.pulse.models import Invitation, Pulse, Response, Wave, WaveStatus

    rng = np.random.default_rng(3)
    _region_unit, leaves = _region()
    pulse = Pulse.objects.create(name="Bench", first_opens=FIRST)
    per_wave = ANSWERS // WAVES
    leaf_ids = np.array([u.pk for u in leaves])
    weights = rng.gamma(2.0, 1.0, len(leaves))
    weights /= weights.sum()
    prep = Response._meta.pk.get_db_prep_value
    # Every answer's segment is sealed, the empty one too (a fresh nonce each).
    seal = Response._meta.get_field("segment").get_prep_value
    for w in range(WAVES):
        opens = FIRST + datetime.timedelta(days=91 * w)
        wave = Wave.objects.create(
            pulse=pulse,
            opens=opens,
            closes=opens + datetime.timedelta(days=13),
            status=WaveStatus.CLOSED,
        )
        units = rng.choice(leaf_ids, size=per_wave, p=weights)
        scores = np.clip(np.round(rng.normal(7.2, 2.2, per_wave)), 0, 10).astype(int)
        hme = np.clip(rng.normal(70, 15, (per_wave, 4)), 0, 100).round(2)
        ids = [uuid.uuid4() for _ in range(per_wave)]
        with transaction.atomic():
            bulk.insert_rows(
                Response,
                ("id", "wave_id", "unit_id", "enps", "comment", *HME, "segment"),
                (
                    (
                        prep(i, connection),
                        wave.pk,
                        int(u),
                        int(s),
                        "",
                        *map(float, h),
                        seal(""),
                    )
                    for i, u, s, h in zip(ids, units, scores, hme, strict=True)
                ),
            )
            items = _items(rng, scores, per_wave)
            _fill_items([prep(i, connection) for i in ids], items, connection)
            invited = np.concatenate([units, rng.choice(leaf_ids, size=per_wave // 2, p=weights)])
            bulk.insert_rows(
                Invitation,
                ("wave_id", "unit_id", "by_email", "sent", "reminded", "used"),
                ((wave.pk, int(u), True, True, False, i < per_wave) for i, u in enumerate(invited)),
            )
        progress(w + 1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _items(rng, scores, per_wave: int):  # type: ignore[no-untyped-def]
    """Each answer's nine HME statements (1–5), leaning with its eNPS and more for some
    statements than others, so the driver analysis has something to find."""
    import numpy as np

    lean = np.linspace(0.1, 0.5, len(ITEM_KEYS))
    centred = (scores[:, None] - 7.0) / 2.0
    values = np.round(rng.normal(3.6 + lean * centred, 0.8, (per_wave, len(ITEM_KEYS))))
    return np.clip(values, 1, 5).astype(int)


def _fill_items(response_ids: list, items, connection) -> None:  # type: ignore[no-untyped-def]
    from bemanna import bulk
    from bemanna.pulse.models import ItemAnswer

    prep = ItemAnswer._meta.pk.get_db_prep_value
    bulk.insert_rows(
        ItemAnswer,
        ("id", "response_id", "item", "value"),
        (
            (prep(uuid.uuid4(), connection), response, key, int(value))
            for response, row in zip(response_ids, items, strict=True)
            for key, value in zip(ITEM_KEYS, row, strict=True)
        ),
    )


ITEM_KEYS = tuple(
    f"hme_{group}_{i}" for group in ("motivation", "leadership", "governance") for i in (1, 2, 3)
)
HME = ("hme", "hme_motivation", "hme_leadership", "hme_governance")
RAW = """
SELECT wave_id, unit_id, COUNT(*),
       SUM(CASE WHEN enps >= 9 THEN 1 ELSE 0 END), SUM(CASE WHEN enps <= 6 THEN 1 ELSE 0 END),
       COUNT(hme), SUM(hme), COUNT(hme_motivation), SUM(hme_motivation),
       COUNT(hme_leadership), SUM(hme_leadership), COUNT(hme_governance), SUM(hme_governance)
FROM pulse_response GROUP BY wave_id, unit_id
"""
RAW_INVITED = "SELECT wave_id, unit_id, COUNT(*) FROM pulse_invitation GROUP BY wave_id, unit_id"
RAW_ITEMS = """
SELECT r.wave_id, r.unit_id, i.item, COUNT(*)
FROM pulse_itemanswer i JOIN pulse_response r ON r.id = i.response_id
GROUP BY r.wave_id, r.unit_id, i.item
"""
RAW_STATEMENTS = """
SELECT r.wave_id, r.unit_id, i.item, i.value, COUNT(*)
FROM pulse_itemanswer i JOIN pulse_response r ON r.id = i.response_id
GROUP BY r.wave_id, r.unit_id, i.item, i.value
"""
RAW_ENPS = """
SELECT wave_id, unit_id, enps, COUNT(*) FROM pulse_response GROUP BY wave_id, unit_id, enps
"""


def measure_aggregate(database_url: str) -> dict[str, float]:
    _django(database_url)
    from django.core.cache import cache
    from django.db import connection

    from bemanna.org.models import Unit
    from bemanna.pulse.models import ItemAnswer, Response, Wave
    from bemanna.pulse.results import wave_reports
    from bemanna.pulse.statements import StatementReport, driver_analysis

    stored = Response.objects.count()
    if stored and stored != ANSWERS // WAVES * WAVES:
        raise SystemExit(f"{database_url} holds {stored:,} answers, not {ANSWERS:,}: remove it")
    if not stored:
        _fill(lambda done: print(f"  wave {done}/{WAVES} stored", file=sys.stderr, flush=True))
    assert ItemAnswer.objects.count() == ANSWERS // WAVES * WAVES * len(ITEM_KEYS)

    def raw_answers() -> None:
        with connection.cursor() as cursor:
            cursor.execute(RAW)
            cursor.fetchall()
            cursor.execute(RAW_INVITED)
            cursor.fetchall()

    def raw() -> None:
        raw_answers()
        with connection.cursor() as cursor:
            cursor.execute(RAW_ITEMS)
            cursor.fetchall()

    def ours() -> int:
        units = list(Unit.objects.all())
        waves = list(Wave.objects.select_related("pulse").order_by("opens"))
        reports = wave_reports(waves)
        return sum(
            reports[wave.pk].result(unit).score is not None for wave in waves for unit in units
        )

    def raw_statements() -> None:
        with connection.cursor() as cursor:
            cursor.execute(RAW_STATEMENTS)
            cursor.fetchall()
            cursor.execute(RAW_ENPS)
            cursor.fetchall()

    driver_seconds = [0.0]

    def statements() -> int:
        units = list(Unit.objects.all())
        region = next(unit for unit in units if unit.parent_id is None)
        waves = list(Wave.objects.select_related("pulse").order_by("opens"))
        reports = wave_reports(waves)
        shown, before = 0, None
        driver_seconds[0] = 0.0
        for wave in waves:
            report = StatementReport(reports[wave.pk])
            for unit in units:
                shown += sum(s.shown for s in report.statements(unit, before))
                report.enps_distribution(unit)
            start = time.perf_counter()
            found = driver_analysis(reports[wave.pk], region)
            driver_seconds[0] += time.perf_counter() - start
            assert found.drivers is not None, found.reason
            before = report
        return shown

    def cold(function):  # type: ignore[no-untyped-def]
        """Timed with Bemanna's cache emptied first: the work, not a kept result (a closed
        wave's results are kept per generation; the pages bench times those)."""
        cache.clear()
        return _timed(function)

    raw()  # warm the database's caches for both alike
    raw_seconds = min(_timed(raw) for _ in range(3))
    raw_answer_seconds = min(_timed(raw_answers) for _ in range(3))
    our_seconds = min(cold(ours) for _ in range(3))
    raw_statements()
    raw_statement_seconds = min(_timed(raw_statements) for _ in range(3))
    timings = []
    for _ in range(2):
        timings.append((cold(statements), driver_seconds[0]))
    statement_seconds, drivers = min(timings)
    return {
        "raw": raw_seconds,
        "raw_answers": raw_answer_seconds,
        "ours": our_seconds,
        "answers": Response.objects.count(),
        "raw_statements": raw_statement_seconds,
        "statements": statement_seconds,
        "drivers": drivers,
    }


def _timed(function) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


# --- (b) answers per second ----------------------------------------------------------------


def _prepare_wave(database_url: str) -> dict[str, list]:
    _django(database_url)
    from bemanna.org.models import Unit
    from bemanna.pulse import services
    from bemanna.pulse.models import InvitationCode, Pulse
    from bemanna.workforce.models import Employment, Person, Profession

    if not Unit.objects.exists():
        _region()
    leaves = list(Unit.objects.filter(code__startswith="E"))
    profession = Profession.objects.create(code="222101", name="Sjuksköterska", skr_group="Ssk")
    people = Person.objects.bulk_create(
        Person(pseudonym=f"bench-{i}", birth_year=1980, sex="K") for i in range(LOAD_ANSWERS)
    )
    people = list(Person.objects.order_by("pk"))
    Employment.objects.bulk_create(
        Employment(
            key=f"bench-{p.pk}",
            person=p,
            unit=leaves[i % len(leaves)],
            profession=profession,
            form="permanent",
            rate=100,
            start=datetime.date(2015, 1, 1),
        )
        for i, p in enumerate(people)
    )
    pulse = Pulse.objects.create(name="Last")
    pulse.units.add(Unit.objects.get(code="R"))
    today = datetime.date.today()
    wave = services.open_wave(pulse, today)
    codes = services.issue_codes(list(wave.invitations.all()), InvitationCode.Kind.EMAIL)
    # The reference view's own wave: as many invitations, claimed by id.
    reference = Pulse.objects.create(name="Referens")
    reference.units.add(Unit.objects.get(code="R"))
    ids = list(services.open_wave(reference, today).invitations.values_list("pk", flat=True))
    return {"codes": list(codes.values()), "reference": ids}


def _count(database_url: str) -> dict[str, int]:
    _django(database_url)
    from bemanna.pulse.models import Claim, Response

    wave_filter = {"wave__pulse__name": "Last"}
    return {
        "responses": Response.objects.filter(**wave_filter).count(),
        "used": Claim.objects.filter(**wave_filter).count(),  # the wave is open
        "reference": Response.objects.filter(wave__pulse__name="Referens").count(),
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _server(database_url: str, port: int, directory: Path):  # type: ignore[no-untyped-def]
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "BEMANNA_DEBUG": "0",
        "BEMANNA_SECRET_KEY": SECRET,
        "BEMANNA_PSEUDONYM_KEY": "bench",
        "BEMANNA_SSL_REDIRECT": "0",
        "BEMANNA_ALLOWED_HOSTS": "127.0.0.1",
        "BEMANNA_DATA_DIR": str(directory),
        "BEMANNA_LOG_LEVEL": "ERROR",
        # With the reference view beside Bemanna's pages: the same settings otherwise.
        "DJANGO_SETTINGS_MODULE": "bemanna.bench.reference_settings",
    }
    # Exactly what `bemanna serve` runs in production (gunicorn, BEMANNA_WORKERS=2).
    log = (directory / "server.log").open("w")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "bemanna"), "serve", f"127.0.0.1:{port}"],
        env={**env, "BEMANNA_WORKERS": "2"},
        stdout=subprocess.DEVNULL,
        stderr=log,  # shown only if the server fails
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
        if process.returncode not in (0, -signal.SIGTERM):
            print((directory / "server.log").read_text(), file=sys.stderr)


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _Phone:
    """One client: a keep-alive connection; cookies are kept per answer, as on many phones."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, cookies: dict[str, str], body: str | None = None):  # type: ignore[no-untyped-def]
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookies[name] = rest.split(";", 1)[0]
        return response.status, content

    def open(self, code: str) -> tuple[dict[str, str], str]:
        """Open the link and load the form: the cookies and the filled-in form to post."""
        cookies: dict[str, str] = {}
        # The link's code page, then its script's post of the code found after '#'.
        status, page = self.request("GET", "/svar/kod/", cookies)
        token = TOKEN.search(page)
        assert status == 200 and token is not None, status
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), "code": code})
        status, _ = self.request("POST", "/svar/kod/", cookies, form)
        assert status == 302, status
        status, page = self.request("GET", "/svar/", cookies)
        assert status == 200, status
        token = TOKEN.search(page)
        assert token is not None
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token.group(1), "enps": "9", "hme_motivation_1": "4"}
        )
        return cookies, form

    def post(self, cookies: dict[str, str], form: str, twice: bool) -> int:
        """Post the answer; `twice`: a double tap, both posts in flight at the same time.
        Returns the posts confirmed with the thank-you page."""
        results: list[int] = []

        def send(phone: _Phone) -> None:
            status, page = phone.request("POST", "/svar/", dict(cookies), form)
            results.append(int(status == 200 and 'id="answer-saved"' in page))

        if twice:
            other = threading.Thread(target=send, args=(_Phone(self.port),))
            other.start()
            send(self)
            other.join()
        else:
            send(self)
        return sum(results)


def _in_parallel(port: int, items: list, job) -> tuple[float, list, list[str]]:  # type: ignore[no-untyped-def]
    """Run job(phone, item) for every item from CLIENTS concurrent clients."""
    lock = threading.Lock()
    queue = list(enumerate(items))
    results: list = [None] * len(items)
    errors: list[str] = []

    def work() -> None:
        phone = _Phone(port)
        while True:
            with lock:
                if not queue:
                    return
                index, item = queue.pop()
            try:
                results[index] = job(phone, index, item)
            except Exception as error:  # noqa: BLE001 (counted and reported)
                with lock:
                    errors.append(repr(error))
                phone = _Phone(port)

    start = time.perf_counter()
    threads = [threading.Thread(target=work) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, results, errors


def _reference_post(phone: _Phone, index: int, pk: int) -> int:
    status, page = phone.request("POST", "/bench/answer/", {}, f"invitation={pk}")
    return int(status == 200 and page == "saved")


def measure_load(database_url: str, directory: Path) -> dict[str, float]:
    prepared = _child("--prepare", database_url)
    codes = prepared["codes"]
    port = _free_port()
    with _server(database_url, port, directory):
        _Phone(port).request("GET", "/svar/kod/", {})  # both workers up and warm
        opening, opened, errors = _in_parallel(port, codes, lambda p, i, code: p.open(code))
        posting, confirmed, post_errors = _in_parallel(
            port,
            [o for o in opened if o is not None],
            lambda p, i, o: p.post(*o, twice=i % 10 == 0),
        )
        # The reference: the same database work from a trivial view, same server, same run.
        referencing, saved, reference_errors = _in_parallel(
            port, prepared["reference"], _reference_post
        )
    errors += post_errors + reference_errors
    counts = _child("--count", database_url)
    total = sum(c for c in confirmed if c)
    return {
        "posts_per_second": (len(confirmed) + len(confirmed[::10])) / posting,
        # Answers stored per second: the thing both do (a double tap stores nothing more).
        "answer_posts_per_second": len(confirmed) / posting,
        "reference_per_second": len(saved) / referencing,
        "reference_saved": sum(s for s in saved if s),
        "reference_stored": counts["reference"],
        "answers_per_second": total / (opening + posting),
        "confirmed": total,
        "stored": counts["responses"],
        "used": counts["used"],
        "errors": len(errors),
        "first_error": errors[0] if errors else "",
    }


# --- orchestration ---------------------------------------------------------------------------


@contextmanager
def _postgres_database(server_url: str, name: str, keep: bool = False):  # type: ignore[no-untyped-def]
    """A database made for the step and dropped after it; with `keep`, one kept between runs
    (made if missing, never dropped)."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not keep:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not keep or not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    parsed = urllib.parse.urlparse(server_url)
    try:
        yield urllib.parse.urlunparse(parsed._replace(path=f"/{name}"))
    finally:
        if not keep:
            with psycopg.connect(server_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _child(flag: str, database_url: str):  # type: ignore[no-untyped-def]
    """Run one step in a fresh process (its own Django, its own database) and read its JSON."""
    output = subprocess.run(
        [sys.executable, "-m", "bemanna.bench.pulse", flag, database_url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _run_aggregate(database_url: str) -> dict[str, float]:
    return dict(_child("--aggregate", database_url))


def run(directory: Path) -> None:
    postgres = os.environ.get("BENCH_POSTGRES_URL", "")
    print(
        f"Pulse results for the whole region: {UNITS} units × {WAVES} waves, "
        f"{ANSWERS:,} answers (goal: ratio ≤ 3 to the raw SQL aggregate)"
    )
    header = (
        f"{'database':<11} {'raw SQL s':>10} {'Bemanna s':>10} {'ratio':>6} "
        f"{'without statements s':>21}"
    )
    print(header)
    print("-" * len(header))
    # With the statements' answers; one file per size, kept (the answers take long to store).
    size = "" if ANSWERS == 1_000_000 else f"-{ANSWERS}"
    sqlite_file = directory / f"pulse-bench-items{size}.sqlite3"
    databases = [("SQLite", f"sqlite:///{sqlite_file}", None)]
    if postgres:
        databases.append(("PostgreSQL", None, postgres))
    figures = []
    for label, url, server in databases:
        if server:
            name = f"bemanna_bench_pulse{size.replace('-', '_')}"
            with _postgres_database(server, name, keep=KEEP) as pg_url:
                figure = _run_aggregate(pg_url)
        else:
            figure = _run_aggregate(str(url))
        figures.append((label, figure))
        print(
            f"{label:<11} {figure['raw']:10.2f} {figure['ours']:10.2f} "
            f"{figure['ours'] / figure['raw']:6.1f} {figure['raw_answers']:21.2f}"
        )
    print(
        "raw SQL s: the answers' sums and the invitations per wave and unit, and the answers to "
        "each statement (an HME index's rule needs them); without statements s: the first two."
    )
    if not postgres:
        print("(PostgreSQL skipped: set BENCH_POSTGRES_URL, as make bench does)")
    print()
    print(
        f"Per statement: every unit's nine statements, distributions and change, and the "
        f"region's drivers, {WAVES} waves, {ANSWERS * len(ITEM_KEYS):,} item answers "
        "(goal: ratio ≤ 3 to the raw SQL count per wave, unit, statement and value)"
    )
    header = f"{'database':<11} {'raw SQL s':>10} {'Bemanna s':>10} {'ratio':>6} {'drivers s':>10}"
    print(header)
    print("-" * len(header))
    for label, figure in figures:
        print(
            f"{label:<11} {figure['raw_statements']:10.2f} {figure['statements']:10.2f} "
            f"{figure['statements'] / figure['raw_statements']:6.1f} {figure['drivers']:10.2f}"
        )
    print(
        "drivers s: the key-driver analysis (200 resamples a wave), part of Bemanna s; on "
        "PostgreSQL its answers are read with the statements' in one pass (in Bemanna s, "
        "not here)."
    )
    print()
    run_answers(directory)


def run_answers(directory: Path) -> None:
    """(b): the answer path through the production server, beside the reference view."""
    postgres = os.environ.get("BENCH_POSTGRES_URL", "")
    databases: list[tuple[str, str | None]] = [("SQLite", None)]
    if postgres:
        databases.append(("PostgreSQL", postgres))
    print(
        f"Answers through `bemanna serve` (gunicorn, 2 workers) on loopback, {CLIENTS} clients, "
        f"{LOAD_ANSWERS:,} invitations, every tenth posted twice at once (goal: ≥ 200/s, "
        "none lost or duplicated)"
    )
    header = (
        f"{'database':<11} {'posts/s':>8} {'× goal':>7} {'whole flow/s':>13} {'confirmed':>10} "
        f"{'stored':>7} {'errors':>7}"
    )
    print(header)
    print("-" * len(header))
    references = []
    for label, server in databases:
        with tempfile.TemporaryDirectory() as tmp:
            if server:
                with _postgres_database(server, "bemanna_bench_load") as pg_url:
                    figure = measure_load(pg_url, Path(tmp))
            else:
                figure = measure_load(f"sqlite:///{tmp}/load.sqlite3", Path(tmp))
        verdict = (
            "exactly once"
            if figure["confirmed"] == figure["stored"] == figure["used"] == LOAD_ANSWERS
            else "MISMATCH"
        )
        print(
            f"{label:<11} {figure['posts_per_second']:8.0f} "
            f"{figure['posts_per_second'] / 200:7.2f} {figure['answers_per_second']:13.0f} "
            f"{figure['confirmed']:10.0f} {figure['stored']:7.0f} {figure['errors']:7.0f}  "
            f"{verdict}"
        )
        if figure["first_error"]:
            print(f"  first error: {figure['first_error']}")
        references.append((label, figure))
    print(
        "posts/s: answers sent (each tenth twice) once the form is loaded; whole flow/s: "
        "opening the link, loading the form and posting, per second."
    )
    print()
    print(
        "The answer post against a trivial Django view doing the same database work "
        "(compare-and-set, answer and item inserted), same server, same run "
        f"(goal: ratio ≥ 0.5, and ≥ {ANSWER_GOAL}/s on SQLite)"
    )
    header = (
        f"{'database':<11} {'answers/s':>10} {'reference/s':>12} {'ratio':>6} "
        f"{'× /s goal':>10} {'ref. stored':>12}"
    )
    print(header)
    print("-" * len(header))
    for label, figure in references:
        ours, reference = figure["answer_posts_per_second"], figure["reference_per_second"]
        print(
            f"{label:<11} {ours:10.0f} {reference:12.0f} {ours / reference:6.2f} "
            f"{ours / ANSWER_GOAL:10.2f} {figure['reference_stored']:12.0f}"
        )
    print("answers/s: answers stored per second of posting (a double tap counts once).")


def main() -> None:
    parser = argparse.ArgumentParser()
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--aggregate", metavar="DATABASE_URL")
    group.add_argument("--prepare", metavar="DATABASE_URL")
    group.add_argument("--count", metavar="DATABASE_URL")
    args = parser.parse_args()
    if args.aggregate:
        print(json.dumps(measure_aggregate(args.aggregate)))
    elif args.prepare:
        print(json.dumps(_prepare_wave(args.prepare)))
    else:
        print(json.dumps(_count(args.count)))


if __name__ == "__main__":
    main()
