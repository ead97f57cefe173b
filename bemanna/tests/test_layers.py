"""The floors of the building: which room may import which (CONTRIBUTING.md draws the map).

Every module's imports are read with `ast`, lazy imports inside functions included, so a cycle
cannot hide in a function body. Tests are left out: they may reach anywhere.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

PACKAGE = Path(__file__).resolve().parent.parent  # bemanna/

# The Django apps, lowest floor first. An app imports only apps on lower floors; two apps on
# one floor do not import each other. A new app gets a floor here (a test below insists).
FLOORS: tuple[tuple[str, ...], ...] = (
    ("audit", "accessibility"),  # the audit log; the accessibility statement
    ("org",),  # the unit tree
    ("accounts",),  # roles, and access: who may see which units
    ("workforce",),  # people and employments, the imports, the unit page
    ("pulse",),  # eNPS pulse surveys
    ("forecast", "plan"),  # forecast and scenarios; proposals and the action plan
    ("exits", "keyfigures"),  # exit survey; key figures and the board report
    ("followup",),  # from results to action: the manager's start page, themes, nudges
)
# Below every app: shared helpers any app may import; they import no app.
GROUND = (
    "analysis",
    "answering",
    "charts",
    "bulk",
    "generation",
    "checks",
    "errors",
    "mail",
    "middleware",
    "formats",
    "report",
    "freetext",
    "logs",
    "clifiles",
    "pdf",
)
# Above every app: orchestration that calls many apps; no app imports it.
PROJECT = (
    "demo",
    "schedule",
    "project",
    "privacy",
    "bench",
    "routes",
    "cli",
    "serving",
    "migrating",
    "urls",
    "wsgi",
    "settings",
    "conftest",
)
# Instruments, not building: the benchmarks time engine internals and the test setup clears an
# app's cache, so they alone may read private names.
INSTRUMENTS = ("bench", "conftest")

# Known offenders as (module, what it imports), each to be removed when its fix is merged; the
# list is meant to be empty.
ALLOWED: set[tuple[str, str]] = set()

FLOOR = {app: number for number, apps in enumerate(FLOORS) for app in apps}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # what it imports, dotted (a module, or a module plus a name)
    line: int

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.target}"


def room(dotted: str) -> str | None:
    """The room of bemanna.<room>.…; None outside the package."""
    parts = dotted.split(".")
    return parts[1] if parts[0] == "bemanna" and len(parts) > 1 else None


def is_private(name: str) -> bool:
    # Django documents Model._meta as public API despite its name.
    return name.startswith("_") and not name.startswith("__") and name != "_meta"


def modules(under: Path = PACKAGE) -> dict[str, Path]:
    """Every module under a directory, tests left out, by dotted name."""
    found = {}
    for path in sorted(under.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        if "tests" in relative.parts:
            continue
        parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        found[".".join(parts)] = path
    return found


def imports_of(module: str, path: Path) -> list[Import]:
    """What a module imports: each `import a.b` as a.b, each `from a import b` as a.b (b may
    be a module or a name in a), relative imports made absolute; and each attribute that
    starts with _ read off an imported bemanna module (`services._helper`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[Import] = []
    bound: dict[str, str] = {}  # local name -> the bemanna module it names
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(module, alias.name, node.lineno))
                local = alias.asname or alias.name.split(".")[0]
                bound[local] = alias.name if alias.asname else local
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0]
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                found.append(Import(module, f"{base}.{alias.name}", node.lineno))
                bound[alias.asname or alias.name] = f"{base}.{alias.name}"
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in bound
            and is_private(node.attr)
        ):
            found.append(Import(module, f"{bound[node.value.id]}.{node.attr}", node.lineno))
    return found


def cross_room_imports() -> list[Import]:
    """Every import from one room of bemanna into another."""
    return [
        found
        for module, path in modules().items()
        for found in imports_of(module, path)
        if room(found.target) not in (None, room(module))
    ]


def test_every_app_and_top_level_module_has_a_place():
    apps = {name.split(".")[1] for name in settings.INSTALLED_APPS if name.startswith("bemanna.")}
    assert apps - set(PROJECT) == set(FLOOR), "give each app in INSTALLED_APPS a floor"
    rooms = {room(module) for module in modules()} - {"__init__", None}
    assert rooms <= set(FLOOR) | set(GROUND) | set(PROJECT), (
        f"place {sorted(rooms - set(FLOOR) - set(GROUND) - set(PROJECT))} in FLOORS, "
        "GROUND or PROJECT"
    )


def allowed(found: Import) -> bool:
    return any(
        found.module == module and (found.target + ".").startswith(target + ".")
        for module, target in ALLOWED
    )


def test_no_module_reaches_into_another_rooms_views_or_private_names():
    wrong = [
        str(found)
        for found in cross_room_imports()
        if room(found.module) not in INSTRUMENTS
        and (
            "views" in found.target.split(".")[2:]
            or any(is_private(part) for part in found.target.split(".")[2:])
        )
        and not allowed(found)
    ]
    assert wrong == [], "import the other app's public module instead:\n" + "\n".join(wrong)


def test_apps_import_only_apps_on_lower_floors():
    wrong = [
        str(found)
        for found in cross_room_imports()
        if room(found.module) in FLOOR
        and not (
            room(found.target) in FLOOR and FLOOR[room(found.target)] < FLOOR[room(found.module)]
        )
        and room(found.target) not in GROUND
    ]
    assert wrong == [], "an import runs up (or across) the floors:\n" + "\n".join(wrong)


def test_the_ground_floor_imports_no_app():
    wrong = [
        str(found)
        for found in cross_room_imports()
        if room(found.module) in GROUND and room(found.target) not in GROUND
    ]
    assert wrong == [], "\n".join(wrong)


def test_the_engine_imports_neither_django_nor_the_apps():
    """Every module of bemanna/analysis, found by walking the package, not by a list."""
    wrong = [
        str(found)
        for module, path in modules(PACKAGE / "analysis").items()
        for found in imports_of(module, path)
        if found.target.split(".")[0] == "django"
        or (room(found.target) is not None and room(found.target) != "analysis")
    ]
    assert wrong == [], "\n".join(wrong)


def test_it_imports_the_whole_engine_without_django():
    """What the static check cannot see: a third-party import that pulls Django in."""
    engine = sorted(modules(PACKAGE / "analysis"))
    assert len(engine) > 10  # the walk found the package
    code = (
        "import importlib, sys\n"
        f"for name in {engine!r}:\n"
        "    importlib.import_module(name)\n"
        "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) "
        "else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr or "django was imported by bemanna.analysis"
