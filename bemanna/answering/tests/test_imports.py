"""The answer path is shared through `bemanna.answering`, not through another app's views or
private names (issue 13, scope 1); the answering package imports no survey app."""

import ast
from pathlib import Path

import bemanna

ROOT = Path(bemanna.__file__).parent


def _imports(path: Path):
    """(module, names) for every `from bemanna… import …` and `import bemanna…` in a file."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bemanna"):
            yield node.module, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("bemanna"):
                    yield alias.name, []


def _app(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _code_files():
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).parts
        if "tests" in relative or "migrations" in relative or len(relative) < 2:
            continue
        yield relative[0], path


SURVEYS = {"answering", "pulse", "exits"}


def test_no_app_imports_another_apps_views():
    found = [
        f"{path.relative_to(ROOT)}: {module}"
        for app, path in _code_files()
        for module, _names in _imports(path)
        if _app(module) not in ("", app) and module.endswith(".views")
    ]
    assert found == []


def test_no_private_name_crosses_between_the_survey_apps():
    found = []
    for app, path in _code_files():
        for module, names in _imports(path):
            other = _app(module)
            if other in ("", app) or not {app, other} & SURVEYS:
                continue
            private = [n for n in names if n.startswith("_")]
            if private or module.split(".")[-1].startswith("_"):
                found.append(f"{path.relative_to(ROOT)}: {module} {private}")
    assert found == []


def test_the_answering_package_imports_no_survey_app():
    found = [
        f"{path.name}: {module}"
        for app, path in _code_files()
        if app == "answering"
        for module, _names in _imports(path)
        if _app(module) not in ("", "answering")
    ]
    assert found == []
