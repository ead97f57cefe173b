"""Templates are indented and readable: `scripts/format_templates.py` has nothing to change, and
no line passes 120 characters but where unbreakable pieces make it (template tags, variables
and quoted attribute values over 40 characters, such as a URL), and none passes 160 whatever
it holds: a long sentence is a `{% blocktranslate trimmed %}` over several lines."""

import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WIDTH = 120
MOST = 160  # the longest line, unbreakable pieces and all
# A template tag, a variable or a quoted attribute value: none can be cut across lines.
PIECE = re.compile(r"{%.*?%}|{{.*?}}|\"[^\"]*\"|'[^']*'")

spec = importlib.util.spec_from_file_location(
    "format_templates", ROOT / "scripts" / "format_templates.py"
)
formatter = importlib.util.module_from_spec(spec)
sys.modules["format_templates"] = formatter  # its dataclasses look their module up
spec.loader.exec_module(formatter)

TEMPLATES = formatter.templates([])


def _without_long_pieces(line: str) -> str:
    return PIECE.sub(lambda m: m.group() if len(m.group()) <= 40 else "…", line)


def test_it_finds_the_templates():
    assert len(TEMPLATES) > 50
    assert ROOT / "bemanna/templates/base.html" in TEMPLATES


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_formatter_has_nothing_to_change(path):
    src = path.read_text(encoding="utf-8")
    assert formatter.format_source(src) == src, (
        f"run: python scripts/format_templates.py {path.relative_to(ROOT)}"
    )


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_line_is_longer_than_120_characters(path):
    long = [
        f"{number}: {line.strip()[:60]}…"
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
        if len(line) > WIDTH and len(_without_long_pieces(line)) > WIDTH
    ]
    assert not long, "\n".join(long)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_line_is_longer_than_160_characters_even_with_unbreakable_pieces(path):
    long = [
        f"{number}: {len(line)} characters: {line.strip()[:60]}…"
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
        if len(line) > MOST
    ]
    assert not long, "\n".join(long)


def test_the_line_rule_allows_only_unbreakable_pieces():
    sentence = '{% translate "' + "word " * 30 + '" %}'
    assert len(_without_long_pieces("    " + sentence)) <= WIDTH
    assert len(_without_long_pieces("<p>" + "word " * 30 + "</p>")) > WIDTH
    assert len(_without_long_pieces("{{ a }} " * 20)) > WIDTH


def test_it_keeps_what_a_page_shows():
    src = (
        '<div><p>{% translate "Hi" %}<b>x</b>{{ y }}</p>{% if a %}<span>1</span>{% endif %}'
        "<pre>  keep\n   me</pre></div>"
    )
    out = formatter.format_source(src)
    # Words and inline elements stay glued; only block edges got line breaks.
    assert '{% translate "Hi" %}<b>x</b>{{ y }}' in out
    assert "{% if a %}<span>1</span>{% endif %}" in out
    assert "<pre>  keep\n   me</pre>" in out
    assert out.startswith("<div>\n  <p>")


def test_a_long_blocktranslate_is_wrapped_with_its_msgid_unchanged():
    body = " ".join(["word"] * 40) + " {{ n }} end."
    src = f"<p>{{% blocktranslate with n=x %}}{body}{{% endblocktranslate %}}</p>\n"
    out = formatter.format_source(src)
    assert "{% blocktranslate trimmed with n=x %}" in out
    inner = out.split("%}", 1)[1].rsplit("{% endblocktranslate", 1)[0]
    # Django's `trimmed`: lines stripped and joined by one space.
    assert " ".join(line.strip() for line in inner.split("\n") if line.strip()) == body
    assert max(len(line) for line in out.split("\n")) <= WIDTH


def test_a_blocktranslate_with_line_breaks_of_its_own_is_left_alone():
    body = "first line\nsecond " + "word " * 30
    src = f"<p>{{% blocktranslate %}}{body}{{% endblocktranslate %}}</p>\n"
    assert f"{{% blocktranslate %}}{body}{{% endblocktranslate %}}" in formatter.format_source(src)
