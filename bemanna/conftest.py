"""Personas and a small organisation, like healthchecks' alice/bob/charlie."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model

from bemanna.accounts.models import Profile, Role
from bemanna.org.models import Level, Unit
from bemanna.workforce import services

PASSWORD = "correct horse battery staple"
TODAY = datetime.date(2026, 6, 30)


def make_user(username, role=None, **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if role is not None:
        Profile.objects.create(user=user, role=role)
    return user


@pytest.fixture
def org(db):
    """Region R › förvaltning F › two enheter A and B, and a second förvaltning G › C."""
    region = Unit.objects.create(code="R", name="Region Test", level=Level.REGION)
    f = Unit.objects.create(
        code="F", name="Förvaltning F", level=Level.ADMINISTRATION, parent=region
    )
    a = Unit.objects.create(code="A", name="Avdelning A", parent=f)
    b = Unit.objects.create(code="B", name="Avdelning B", parent=f)
    g = Unit.objects.create(
        code="G", name="Förvaltning G", level=Level.ADMINISTRATION, parent=region
    )
    c = Unit.objects.create(code="C", name="Avdelning C", parent=g)
    return {"R": region, "F": f, "A": a, "B": b, "G": g, "C": c}


@pytest.fixture
def hr_admin(db):
    return make_user("hr_admin", Role.HR_ADMIN, is_staff=True)


@pytest.fixture
def user_admin(db):
    return make_user("user_admin", Role.USER_ADMIN, is_staff=True)


@pytest.fixture
def superuser(db):
    """The break-glass account, made on the command line; no everyday persona is one."""
    return make_user("root", is_staff=True, is_superuser=True)


@pytest.fixture
def analyst(db):
    return make_user("analyst", Role.ANALYST)


@pytest.fixture
def manager(org):
    user = make_user("manager", Role.MANAGER)
    org["F"].manager = user
    org["F"].save()
    return user


@pytest.fixture
def other_manager(org):
    user = make_user("other_manager", Role.MANAGER)
    org["G"].manager = user
    org["G"].save()
    return user


@pytest.fixture
def council(db):
    return make_user("council", Role.COUNCIL)


@pytest.fixture
def occ_health(db):
    return make_user("occ_health", Role.OCCUPATIONAL_HEALTH)


@pytest.fixture
def no_role(db):
    return make_user("no_role")


EXTRACT_HEADER = (
    "Anst.nr;Födelseår;Kön;Enhet;AID;Befattning;Yrkesgrupp;Anställningsform;"
    "Sysselsättningsgrad;Startdatum;Slutdatum;Avgångsorsak\n"
)
EXTRACT_ROWS = [
    "1001;1970;K;A;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2015-03-01;;",
    "1002;1985;M;A;532101;Undersköterska;Undersköterskor;Tillsvidare;75,5;2018-01-01;;",
    "1003;1962;K;B;222101;Sjuksköterska;Sjuksköterskor;Visstid;50;2020-01-01;2020-12-31;"
    "Visstid upphör",
    "1003;1962;K;B;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;50;2021-01-01;;",
    "1004;1958;K;C;221101;Specialistläkare;Läkare;Tillsvidare;100;2000-01-01;2023-06-30;Pension",
    "1005;1995;M;C;532101;Undersköterska;Undersköterskor;Timavlönad;;2022-05-01;;",
]


def extract_csv(rows=None, header=EXTRACT_HEADER, encoding="utf-8") -> bytes:
    body = "\n".join(EXTRACT_ROWS if rows is None else rows) + "\n"
    return (header + body).encode(encoding)


@pytest.fixture
def staffed(org):
    """The org with the six employments above imported."""
    services.import_employments(io.BytesIO(extract_csv()), filename="hr.csv", today=TODAY)
    return org


def pytest_configure(config):
    # Production redirects to HTTPS; the test client and the live server speak plain HTTP.
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    # Every chart spec a test builds is checked against the Vega-Lite schema.
    from bemanna.analysis import charts

    charts.VALIDATE = True
    # The personas log in with a password alone; bemanna/accounts/tests turn the second
    # factor back on (OTP_REQUIRED is not configurable from the environment).
    settings.OTP_REQUIRED = False
    # Each demo build hashes its six accounts' passwords: PBKDF2's 1,000,000 rounds were
    # 40 % of a test that builds it (Django's advice for tests; production keeps PBKDF2).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _remember_over_time()


def _remember_over_time():
    """Region Demo is the same in every test that builds it (its seed), and so is what
    *Historik* shows of its ten years: `over_time` decides it in about ten seconds, a third
    of such a test, and a dozen tests build the demo on each database. Within one test
    process a decision over the same days, people and figures is decided once (`over_time`
    is a function of its arguments alone). Only large calls are remembered (the property
    tests' small histories are each new), and none while a test has replaced a function of
    the rule's modules (the mutation checks weaken it on purpose)."""
    import hashlib

    from bemanna.analysis.forecast import crossing, over_time, shown

    original = over_time.over_time
    decided: dict = {}

    def fingerprint():
        found = []
        for module in (over_time, crossing, shown):
            for name, value in vars(module).items():
                found.append((module.__name__, name, id(value)))
                if isinstance(value, type):  # not what Python adds (pickle's __slotnames__)
                    found += [
                        (value.__qualname__, n, id(v))
                        for n, v in vars(value).items()
                        if not n.startswith("__")
                    ]
        return tuple(found)

    def digest(people):
        rows = people.hash_rows(seed=1).to_numpy().tobytes()
        return hashlib.sha256(rows + repr(people.schema).encode()).hexdigest()

    def remembered(releases, figures, fixed=None):
        if sum(len(r.people) for r in releases) < 2000 or fingerprint() != unchanged:
            return original(releases, figures, fixed)
        key = (
            tuple(
                (r.day, tuple(sorted(r.parents.items(), key=repr)), digest(r.people), r.shown)
                for r in releases
            ),
            tuple(figures),
            tuple(sorted((fixed or {}).items())),
        )
        if key not in decided:
            decided[key] = original(releases, figures, fixed)
        return list(decided[key])

    over_time.over_time = remembered
    unchanged = fingerprint()


@pytest.fixture(autouse=True)
def _fresh_forecast_caches():
    # The caches are keyed on the data's version, which a rolled-back test can repeat.
    from bemanna.forecast import services, shown_past
    from bemanna.keyfigures import services as keyfigures
    from bemanna.workforce import frames

    services.clear_caches()
    keyfigures._computed.clear()
    shown_past.clear()
    frames.forget()  # the kept extracts' ids repeat in rolled-back tests too
    yield
    services.clear_caches()
    keyfigures._computed.clear()
    shown_past.clear()
    frames.forget()


@pytest.fixture(autouse=True)
def _language_of_a_fresh_process():
    # A request through the test client (LocaleMiddleware) or a command with --language
    # leaves its language active in the thread; the next test starts as a new process does.
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    # The guessing limit lives in the cache; each test starts with a clean slate.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _serialized_rollback(django_db_serialized_rollback):
    # Every test that commits (a live server, the restore drill, retention's VACUUM) leaves
    # the database as the migrations made it, seeded rows included; without it the flush
    # after such a test re-creates the content types, and the next test that restores the
    # migrations' rows fails on them.
    pass
