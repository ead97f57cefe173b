"""Build Region Demo in the database, through the real importer.

The demo calls every app, so it lives above them at project level (one module per area
beside this one); no app imports it.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field, replace
from pathlib import Path

import polars as pl
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from bemanna import generation
from bemanna.accounts.models import SECOND_FACTOR_ROLES, Profile, Role, RoleMapping
from bemanna.analysis import demo
from bemanna.audit.models import AuditEntry, log_action
from bemanna.demo.exits import add_exit_demo
from bemanna.demo.forecast import add_forecast_demo, add_survey_scenario
from bemanna.demo.keyfigures import add_keyfigure_demo
from bemanna.demo.plan import add_plan_demo
from bemanna.demo.pulse import add_pulse_demo, add_targeted_demo, demo_codes
from bemanna.exits import services as exit_survey
from bemanna.followup.models import CommentTheme
from bemanna.keyfigures.services import import_health_file
from bemanna.org.models import Level, Unit
from bemanna.privacy import retention
from bemanna.pulse.services import answer_url
from bemanna.workforce import services
from bemanna.workforce.models import Employment, ImportBatch
from bemanna.workforce.retention import employment_cutoff

DEMO_PASSWORD = "demo"
# The demo's accounts with a second factor share this published TOTP key (RFC 6238's test key,
# base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ): add it to an authenticator app, or let
# `bemanna demo_code` print the current code. Never a key for a real account.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"
# user name, role, the unit code they manage (the chef runs Medicinkliniken)
DEMO_USERS = (
    ("hr", Role.HR_ADMIN, None),
    ("analytiker", Role.ANALYST, None),
    ("chef", Role.MANAGER, "HS201"),
    ("rad", Role.COUNCIL, None),
    ("fhv", Role.OCCUPATIONAL_HEALTH, None),
    ("behorighet", Role.USER_ADMIN, None),
)


# Single sign-on: the groups of the local provider's demo users (scripts/oidc_provider.py,
# `make oidc-demo`) and the role each gives, as the user administrator would map them.
DEMO_ROLE_MAPPINGS = (
    ("bemanna-hr", Role.HR_ADMIN, None),
    ("bemanna-analytiker", Role.ANALYST, None),
    ("bemanna-chef-HS201", Role.MANAGER, "HS201"),
    ("bemanna-rad", Role.COUNCIL, None),
)


# Names and contact details of the demo's people (made up, under a reserved domain that
# bemanna/mail.py never mails: the demo e-mails nobody).
DEMO_CONTACTS = {
    "chef": ("Karin", "Lund", "karin.lund@regiondemo.invalid"),
    "rad": ("Per", "Andersson", "per.andersson@regiondemo.invalid"),
    "hr": ("Eva", "Berg", "eva.berg@regiondemo.invalid"),
    "analytiker": ("Ali", "Hassan", "ali.hassan@regiondemo.invalid"),
    "fhv": ("Maria", "Nilsson", "maria.nilsson@regiondemo.invalid"),
    "behorighet": ("Sven", "Holm", "sven.holm@regiondemo.invalid"),
}


class DemoRefused(Exception):
    pass


@dataclass
class DemoResult:
    built: bool
    employments: int = 0
    units: int = 0
    directory: Path | None = None
    answer_links: list[str] = field(default_factory=list)  # to try the open pulse wave


def holds_real_data() -> bool:
    """True when the database has data that did not come from `bemanna demo`."""
    if ImportBatch.objects.filter(is_demo=False).exists():
        return True
    has_demo = ImportBatch.objects.filter(is_demo=True).exists()
    return not has_demo and (Unit.objects.exists() or Employment.objects.exists())


def build_demo(
    *,
    employees: int = 4500,
    seed: int = 1,
    today: datetime.date | None = None,
    directory: Path | None = None,
    progress=None,
    write_xlsx: bool = True,
    pulses: bool = True,
) -> DemoResult:
    if holds_real_data():
        raise DemoRefused(
            _(
                "The database holds imported data that is not demo data; bemanna demo will not "
                "touch it. Use an empty database (DATABASE_URL) for the demo."
            )
        )
    if ImportBatch.objects.filter(is_demo=True).exists():
        # A demo built before the second factor and single sign-on gets its accounts and
        # role mappings brought up to date; nothing else changes.
        with transaction.atomic():
            _create_users()
            _add_role_mappings()
        return DemoResult(built=False)
    region = within_retention(
        demo.build_region(employees=employees, seed=seed, today=today),
        today or datetime.date.today(),
    )
    directory = directory or settings.DATA_DIR / "demo"
    directory.mkdir(parents=True, exist_ok=True)
    manager_units = {code: name for name, _role, code in DEMO_USERS if code}
    units = region.units.with_columns(
        pl.col("Enhetskod")
        .replace_strict(manager_units, default=None, return_dtype=pl.String)
        .alias("Chef")
    )
    units.write_csv(directory / "enheter.csv", separator=";")
    demo.write_extract(region.employments, str(directory / "anstallningar.csv"))
    if write_xlsx:
        demo.write_xlsx(region.employments, str(directory / "anstallningar.xlsx"))
    with transaction.atomic():
        _create_users()
        unit_report = services.import_units(
            io.BytesIO((directory / "enheter.csv").read_bytes()),
            filename="enheter.csv",
            is_demo=True,
        )
        report = services.import_employments(
            io.BytesIO((directory / "anstallningar.csv").read_bytes()),
            filename="anstallningar.csv",
            is_demo=True,
            progress=progress or _quiet,
            today=today,
        )
        _add_managers()
        # The file says who manages what, as the database now does: imported again (a
        # reorganisation tried on the demo), its Chef column keeps every manager.
        managers = dict(
            Unit.objects.filter(manager__isnull=False).values_list("code", "manager__username")
        )
        units.with_columns(
            pl.col("Enhetskod")
            .replace_strict(managers, default=None, return_dtype=pl.String)
            .alias("Chef")
        ).write_csv(directory / "enheter.csv", separator=";")
        _add_role_mappings()
        add_forecast_demo(today or datetime.date.today())
        links: list[str] = []
        if pulses:
            pulse = add_pulse_demo(today or datetime.date.today())
            links = [answer_url(code) for code in demo_codes(pulse, "HS201", count=3)]
            add_targeted_demo(today or datetime.date.today())
            add_survey_scenario()
        add_exit_demo(today or datetime.date.today())
        add_plan_demo(today or datetime.date.today())
        CommentTheme.seed_defaults()
        _add_health_demo(region, today or datetime.date.today(), directory)
        # What the first `bemanna run_schedule` would delete at once (expired exit-survey
        # invitations, comments past retention) is gone before anyone opens the demo, as a
        # region's data would be after its first night: that run then deletes nothing.
        exit_survey.close_expired(today or datetime.date.today())
        retention.apply(today or datetime.date.today())
        log_action(
            None, AuditEntry.Action.DEMO_BUILT, scope="Region Demo", employees=employees, seed=seed
        )
        generation.bump()  # some of the demo is written in bulk, without a signal
    return DemoResult(True, report.employments, unit_report.units, directory, links)


def within_retention(region: demo.DemoRegion, today: datetime.date) -> demo.DemoRegion:
    """The demo's extract without the employments that ended before the retention cutoff:
    a real import leaves them out, so the demo's files, its database and its first
    `run_schedule` agree (issue 18: that run deleted 148–290 of the demo's rows)."""
    cutoff = employment_cutoff(today).isoformat()
    ended = pl.col("Slutdatum")
    kept = ended.is_null() | (ended == "") | (ended >= cutoff)
    return replace(region, employments=region.employments.filter(kept))


def _quiet(step: str, done: int, total: int) -> None:
    pass


def _add_role_mappings() -> None:
    for group, role, code in DEMO_ROLE_MAPPINGS:
        unit = Unit.objects.filter(code=code).first() if code else None
        if code is None or unit is not None:
            RoleMapping.objects.get_or_create(group=group, role=role, unit=unit)


def _create_users() -> None:
    User = get_user_model()
    for username, role, _unit in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.first_name, user.last_name, user.email = DEMO_CONTACTS.get(username, ("", "", ""))
        # No everyday role is a superuser; the admin is HR admin's and user admin's.
        staff = role in (Role.HR_ADMIN, Role.USER_ADMIN)
        if created or user.is_superuser or user.is_staff != staff:
            user.is_staff, user.is_superuser = staff, False
            user.save()
        Profile.objects.update_or_create(user=user, defaults={"role": role})
        if role in SECOND_FACTOR_ROLES:
            TOTPDevice.objects.get_or_create(
                user=user, name="Demo", defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
            )


FIRST_NAMES = ("Anna", "Johan", "Lena", "Mikael", "Sara", "Erik", "Fatima", "Karl", "Ida", "Omar")
LAST_NAMES = ("Johansson", "Karlsson", "Lindberg", "Ek", "Holm", "Sandberg", "Yilmaz", "Strand")


def _add_managers() -> None:
    """A manager with name, phone and e-mail for every förvaltning and verksamhet that has
    none, so occupational health has someone to call for every unit (the nearest manager up
    the tree). They cannot log in (no password); `chef` is the demo's manager who can."""
    User = get_user_model()
    units = Unit.objects.filter(
        level__in=(Level.ADMINISTRATION, Level.OPERATION), manager__isnull=True
    ).order_by("path")
    for number, unit in enumerate(units):
        first = FIRST_NAMES[number % len(FIRST_NAMES)]
        last = LAST_NAMES[(number // len(FIRST_NAMES)) % len(LAST_NAMES)]
        user = User.objects.create(
            username=f"chef-{unit.code.lower()}",
            first_name=first,
            last_name=last,
            email=f"{first}.{last}.{unit.code}@regiondemo.invalid".lower(),
        )
        user.set_unusable_password()
        user.save()
        Profile.objects.create(user=user, role=Role.MANAGER, phone=f"010-{100000 + number:06d}")
        unit.manager = user
        unit.save(update_fields=["manager"])
    chef = User.objects.filter(username="chef").first()
    if chef is not None:
        Profile.objects.filter(user=chef).update(phone="010-100 20 01")


def _add_health_demo(region, today: datetime.date, directory: Path) -> None:
    """Ten years of scheduled hours, sick leave and personnel costs, today's competence plans,
    written as files and imported; the region's targets; a year of occupational health's
    calls."""
    hours, spells = demo.build_health_data(region.employments, today)
    for kind, frame, name in (
        ("hours", hours, "timmar.csv"),
        ("sick_leave", spells, "sjukfranvaro.csv"),
        ("costs", demo.build_costs(region.employments, today), "personalkostnader.csv"),
        ("plans", demo.build_plans(region.employments, today), "kompetensplaner.csv"),
    ):
        frame.write_csv(directory / name, separator=";")
        with (directory / name).open("rb") as handle:
            import_health_file(kind, handle, filename=name, is_demo=True, today=today)
    add_keyfigure_demo(today)
