"""The kinds of file the Import page accepts, in the order its menu lists them.

The workforce app registers the HR extract and the unit tree here; an app above it registers
its own kinds from its `AppConfig.ready()` (the key figures register sick leave, hours, costs
and plans), so the page offers them without the workforce app importing anything above it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext_lazy as _

from bemanna.workforce import services


@dataclass(frozen=True)
class Importer:
    kind: str
    label: str  # a lazy translation
    # run(source, *, filename, actor, dry_run) -> services.ImportReport; raises ImportRefused
    run: Callable[..., services.ImportReport]
    columns: str = ""  # the file's columns in one line (a lazy translation), for the page


_REGISTRY: dict[str, Importer] = {}


def register(kind: str, label, run: Callable[..., services.ImportReport], columns="") -> None:
    """Offer a kind of file on the Import page; registering a kind again replaces it."""
    _REGISTRY[kind] = Importer(kind, label, run, columns)


def described() -> list[Importer]:
    """Every kind, in menu order, with its columns (the page's list of what to send)."""
    return list(_REGISTRY.values())


def choices() -> list[tuple[str, str]]:
    return [(importer.kind, importer.label) for importer in _REGISTRY.values()]


def label(kind: str) -> str:
    """The kind's name as the Import page's menu gives it, in the active language."""
    importer = _REGISTRY.get(kind)
    return str(importer.label) if importer else kind


def run(kind: str, source: IO[bytes], **options) -> services.ImportReport:
    return _REGISTRY[kind].run(source, **options)


register(
    "employments",
    _("HR extract: employments"),
    services.import_employments,
    _(
        "One row per employment: Personnummer, or Anst.nr with Födelseår and Kön; Enhet; AID "
        "or Befattning; Anställningsform; Sysselsättningsgrad; Startdatum; optional "
        "Yrkesgrupp, Slutdatum, Avgångsorsak, E-post."
    ),
)
register(
    "units",
    _("Unit tree"),
    services.import_units,
    _(
        "One row per unit: Enhetskod; Enhetsnamn; Överordnad (empty for the region); Nivå; "
        "optional Chef (a user name)."
    ),
)
