"""Indent the Django templates and keep their lines under 120 characters, without changing a page.

    python scripts/format_templates.py            # rewrite every template under bemanna/
    python scripts/format_templates.py --check    # list the files it would change; exit 1 if any
    python scripts/format_templates.py FILE ...   # only these files

A template is read as a stream of tokens (HTML tags, template tags, variables, words and the
whitespace between them), laid out with block elements and template blocks on lines of their
own, indented two spaces a level, and long lines wrapped. What the browser shows must not
change, so the formatter only ever

- turns a run of whitespace into a newline and indentation (or one space), never removes it;
- adds a newline where there was no whitespace only when every element that can end up next
  to it, over every branch of the {% if %}/{% for %} around it, is the edge of a block-level
  element (whitespace there is not rendered); and
- leaves alone the inside of <pre>, <textarea>, <script>, <style>, <svg>, HTML comments,
  {% comment %}, {% verbatim %} and {% filter %}.

A {% blocktranslate %} too long for a line is wrapped with `trimmed`, which joins its lines with
one space: its msgid, and so its translation, stays the same. A body with line breaks of its own
is left as it is. The only lines left over 120 characters hold one unbreakable piece, such as a
long {% translate "…" %}; `bemanna/tests/test_templates_style.py` allows exactly those.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

WIDTH = 120
INDENT = "  "
ROOT = Path(__file__).resolve().parent.parent

# Whitespace just inside (after the start tag, before the end tag) or just outside these
# elements is not rendered. The site's CSS makes none of them inline (header forms are, so
# `form` is not here).
BLOCK = {
    "html", "head", "body", "title", "meta", "link", "base", "div", "p", "ul", "ol", "li",
    "dl", "dt", "dd", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr",
    "td", "th", "fieldset", "legend", "h1", "h2", "h3", "h4", "h5", "h6", "section", "nav",
    "main", "header", "footer", "article", "aside", "figure", "figcaption", "details",
    "summary", "blockquote", "hr", "br", "address", "noscript", "option", "optgroup", "pre",
}  # fmt: skip
# Whitespace just inside these is not rendered either, though they are inline outside.
INSIDE_ONLY = {"select", "button", "form"}
# Elements whose children always go on lines of their own.
CONTAINERS = {
    "html", "head", "body", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr",
    "colgroup", "select", "optgroup", "nav", "header", "footer", "main", "section", "fieldset",
    "form", "details", "figure", "article", "aside",
}  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param"}  # fmt: skip
RAW_ELEMENTS = {"pre", "textarea", "script", "style", "svg"}
# End tags HTML lets an author leave out: a mismatch there is closed quietly.
OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot"}

# Template tags: blocks (open, the tags between their branches, end), tags that print nothing.
BLOCKS = {
    "if": ({"elif", "else"}, "endif"),
    "for": ({"empty"}, "endfor"),
    "with": (set(), "endwith"),
    "block": (set(), "endblock"),
    "ifchanged": ({"else"}, "endifchanged"),
    "spaceless": (set(), "endspaceless"),
    "autoescape": (set(), "endautoescape"),
    "localize": (set(), "endlocalize"),
    "localtime": (set(), "endlocaltime"),
    "timezone": (set(), "endtimezone"),
    "language": (set(), "endlanguage"),
}
RAW_TAGS = {"comment": "endcomment", "verbatim": "endverbatim", "filter": "endfilter"}
SILENT = {"load", "extends", "get_current_language", "get_available_languages",
          "get_language_info_list", "get_language_info", "get_current_language_bidi",
          "regroup", "resetcycle"}  # fmt: skip
# The blocks of base.html whose edges sit between whitespace or block elements (the title's
# text is trimmed by the browser). An extending template may put anything at their edges.
SAFE_BLOCKS = {"content", "title"}

TOKEN = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}")
TRIM = re.compile(r"\s*\n\s*")


@dataclass
class Tok:
    kind: str  # html, dj, var, word, raw, bt (a whole blocktranslate)
    text: str
    name: str = ""  # tag name
    role: str = ""  # html: open/close/void; dj: open/mid/end/silent/out
    pair: int = -1  # dj open: index of its end
    bounds: list[int] = field(default_factory=list)  # dj open: open, mids…, end
    ws_before: str = ""  # whitespace between the previous token and this one
    depth: int = 0
    nl: bool = False  # starts a line


class Unformattable(Exception):
    pass


def _dj_name(text: str) -> str:
    inner = text[2:-2].strip()
    return inner.split()[0] if inner else ""


def _scan_html_tag(src: str, i: int) -> int:
    """The index after the `>` closing the tag starting at i (quotes and template tags skipped)."""
    j, quote = i + 1, ""
    while j < len(src):
        if src.startswith(("{%", "{{", "{#"), j):
            m = TOKEN.match(src, j)
            if m:
                j = m.end()
                continue
        c = src[j]
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == ">":
            return j + 1
        j += 1
    raise Unformattable(f"unclosed HTML tag at {i}")


def _find_end(src: str, i: int, pattern: str) -> int:
    m = re.compile(pattern, re.I).search(src, i)
    if not m:
        raise Unformattable(f"no {pattern} after {i}")
    return m.end()


def lex(src: str) -> tuple[list[Tok], str]:
    """Tokens (each with the whitespace before it) and the whitespace at the end."""
    toks: list[Tok] = []
    ws = ""
    i = 0
    n = len(src)
    while i < n:
        c = src[i]
        if c in " \t\n\r":
            j = i
            while j < n and src[j] in " \t\n\r":
                j += 1
            ws, i = ws + src[i:j], j
            continue
        tok: Tok
        m = TOKEN.match(src, i) if c == "{" else None
        if m:
            text = m.group()
            if text.startswith("{{"):
                tok, i = Tok("var", text), m.end()
            elif text.startswith("{#"):
                tok, i = Tok("dj", text, "#", "silent"), m.end()
            else:
                name = _dj_name(text)
                if name in ("blocktranslate", "blocktrans"):
                    end = _find_end(src, m.end(), r"{%\s*endblocktrans(late)?\s*%}")
                    role = "silent" if re.search(r"\basvar\b", text) else "out"
                    tok, i = Tok("bt", src[i:end], name, role), end
                elif name in RAW_TAGS:
                    end = _find_end(src, m.end(), r"{%\s*" + RAW_TAGS[name] + r"\s*%}")
                    tok = Tok("raw", src[i:end], name, "silent" if name == "comment" else "out")
                    i = end
                else:
                    if name in BLOCKS:
                        role = "open"
                    elif any(name in mids for mids, _ in BLOCKS.values()):
                        role = "mid"
                    elif any(name == end for _, end in BLOCKS.values()):
                        role = "end"
                    elif name in SILENT or re.search(r"\sas\s+\w+\s*%}$", text):
                        role = "silent"
                    else:
                        role = "out"
                    tok, i = Tok("dj", text, name, role), m.end()
        elif src.startswith("<!--", i):
            end = _find_end(src, i, r"-->")
            tok, i = Tok("raw", src[i:end], "!--", "out"), end
        elif c == "<" and _starts_token(src, i):
            end = _scan_html_tag(src, i)
            text = src[i:end]
            name = re.match(r"</?\s*([a-zA-Z0-9!-]+)", text)
            tag = name.group(1).lower() if name else ""
            if text.startswith("</"):
                role = "close"
            elif tag in VOID or tag.startswith("!") or text.endswith("/>"):
                role = "void"
            else:
                role = "open"
            if role == "open" and tag in RAW_ELEMENTS:
                end = _find_end(src, end, r"</\s*" + tag + r"\s*>")
                tok = Tok("raw", src[i:end], tag, "out")
            else:
                tok = Tok("html", _tidy_tag(text), tag, role)
            i = end
        else:
            j = i + 1
            while j < n and src[j] not in " \t\n\r" and not _starts_token(src, j):
                j += 1
            tok, i = Tok("word", src[i:j]), j
        tok.ws_before, ws = ws, ""
        toks.append(tok)
    return toks, ws


def _starts_token(src: str, j: int) -> bool:
    """Does a template tag, a variable, a comment or an HTML tag start at j?"""
    if src[j] == "{":
        return TOKEN.match(src, j) is not None
    return src[j] == "<" and j + 1 < len(src) and (src[j + 1].isalpha() or src[j + 1] in "/!")


def _tidy_tag(text: str) -> str:
    """An HTML tag with each run of whitespace between its attributes made one space."""
    out, j, quote = [], 0, ""
    while j < len(text):
        if text.startswith(("{%", "{{", "{#"), j):  # a template tag first, even in quotes
            m = TOKEN.match(text, j)
            if m:
                out.append(m.group())
                j = m.end()
                continue
        c = text[j]
        if quote:
            quote = "" if c == quote else quote
            out.append(c)
        elif c in "\"'":
            quote = c
            out.append(c)
        elif c in " \t\n\r":
            while j + 1 < len(text) and text[j + 1] in " \t\n\r":
                j += 1
            out.append(" ")
        else:
            out.append(c)
        j += 1
    return "".join(out)


def _tag_pieces(text: str) -> list[str]:
    """An HTML tag cut at the spaces between its attributes."""
    pieces, cur, j, quote = [], "", 0, ""
    while j < len(text):
        if text.startswith(("{%", "{{", "{#"), j):  # a template tag first, even in quotes
            m = TOKEN.match(text, j)
            if m:
                cur += m.group()
                j = m.end()
                continue
        c = text[j]
        if quote:
            quote = "" if c == quote else quote
        elif c in "\"'":
            quote = c
        elif c == " ":
            pieces.append(cur)
            cur = ""
            j += 1
            continue
        cur += c
        j += 1
    pieces.append(cur)
    return [p for p in pieces if p]


def pair_blocks(toks: list[Tok]) -> None:
    stack: list[int] = []
    for i, t in enumerate(toks):
        if t.kind != "dj":
            continue
        if t.role == "open":
            t.bounds = [i]
            stack.append(i)
        elif t.role in ("mid", "end"):
            if not stack:
                raise Unformattable(f"{t.text} without its block")
            top = toks[stack[-1]]
            mids, end = BLOCKS[top.name]
            if t.role == "mid" and t.name in mids:
                top.bounds.append(i)
                t.pair = stack[-1]
            elif t.role == "end" and t.name == end:
                top.bounds.append(i)
                top.pair = i
                t.pair = stack.pop()
            else:
                raise Unformattable(f"{t.text} inside {top.text}")
    if stack:
        raise Unformattable(f"{toks[stack[-1]].text} is not closed")


_EDGES: dict[str, tuple[bool, bool] | None] = {}


def _include_edge_safe(text: str, step: int) -> bool:
    """Does an {% include "name" %} begin (step > 0) or end (step < 0) with whitespace or the
    edge of a block element, whatever it is given?"""
    m = re.match(r"""{%\s*include\s+(?:"([^"]+)"|'([^']+)')""", text)
    if not m:
        return False
    name = m.group(1) or m.group(2)
    if name not in _EDGES:
        _EDGES[name] = None  # an include of itself is not safe
        found = [p for p in ROOT.glob("bemanna/**/templates/" + name) if p.is_file()]
        edges = (False, False)
        if len(found) == 1:
            try:
                inner = Template(found[0].read_text(encoding="utf-8"))
                last = len(inner.toks) - 1
                edges = (
                    bool(inner.toks[0].ws_before) or inner._side_safe(0, +1),
                    bool(inner.tail) or inner._side_safe(last, -1),
                )
            except Unformattable:
                pass
        _EDGES[name] = edges
    edges = _EDGES[name]
    return edges is not None and edges[0 if step > 0 else 1]


def _block_name(t: Tok) -> str:
    parts = t.text[2:-2].split()
    return parts[1] if len(parts) > 1 else ""


@dataclass
class Node:
    kind: str  # el, dj or root
    name: str
    start: int  # the index of its opening token (-1 for the root)
    end: int = -1  # the index of its closing token (-1: none)
    items: list[int | Node] = field(default_factory=list)
    mids: list[int] = field(default_factory=list)  # {% else %} and the like, also in items


def _first(item: int | Node) -> int:
    return item if isinstance(item, int) else item.start


class Template:
    def __init__(self, src: str) -> None:
        self.toks, self.tail = lex(src)
        if not self.toks:
            raise Unformattable("empty")
        pair_blocks(self.toks)
        toks = self.toks
        self.extends = any(t.kind == "dj" and t.name == "extends" for t in toks)
        self.document = bool(re.search(r"<html[\s>]", src, re.I))
        # An extending template prints only what is inside its blocks: gap i (before token
        # i) is outside them when no block is open after token i-1.
        self.outside = [self.extends]
        level = 0
        for t in toks:
            if t.kind == "dj" and t.name == "block":
                level += 1
            elif t.kind == "dj" and t.name == "endblock":
                level -= 1
            self.outside.append(self.extends and level == 0)
        self.breakable = [True] + [
            bool(toks[i].ws_before) or self.free(i) for i in range(1, len(toks))
        ]
        self.root = self._tree()

    # -- where whitespace cannot show --------------------------------------------------------

    def _gap_ws(self, a: int, b: int) -> str:
        """The whitespace between neighbouring tokens a and b (either may be off the ends)."""
        k = max(a, b)
        if k >= len(self.toks):
            return self.tail
        return self.toks[max(k, 0)].ws_before

    def _empty_possible(self, t: Tok) -> bool:
        other = {"if": "else", "ifchanged": "else", "for": "empty"}.get(t.name)
        return other is not None and not any(self.toks[b].name == other for b in t.bounds[1:-1])

    def _through(self, p: int, step: int) -> list[int]:
        """Where a walk from the block tag at p goes on, over every branch it can take."""
        toks = self.toks
        t = toks[p]
        opener = t if t.role == "open" else toks[t.pair]
        b = opener.bounds
        body_end = b[1]  # the tag ending the first branch (a loop's body)
        loop = opener.name == "for"
        hops: list[tuple[int, int]] = []
        if step > 0:
            if t.role == "open":
                hops += [(k, k + 1) for k in b[:-1]]
                if self._empty_possible(opener):
                    hops.append((b[-1], b[-1] + 1))
            else:
                hops.append((b[-1], b[-1] + 1))
                if loop and p == body_end:
                    hops.append((b[0], b[0] + 1))  # the next time round
        else:
            if t.role == "end":
                hops += [(k, k - 1) for k in b[1:]]
                if self._empty_possible(opener):
                    hops.append((b[0], b[0] - 1))
            else:
                hops.append((b[0], b[0] - 1))
                if loop and p == b[0]:
                    hops.append((body_end, body_end - 1))  # the time before
        # Whitespace met on the way is a safe neighbour: that path ends there.
        return [c for a, c in hops if not self._gap_ws(a, c)]

    def _side_safe(self, start: int, step: int) -> bool:
        """Is everything that can be printed next to this point (going `step`) whitespace
        or the edge of a block element?"""
        toks = self.toks
        todo, seen = [start], set()
        while todo:
            p = todo.pop()
            if p in seen:
                continue
            seen.add(p)
            if p < 0 or p >= len(toks):
                if self.document or self.extends:
                    continue
                return False
            t = toks[p]
            if t.kind == "html":
                if t.role == "void":
                    ok = t.name in BLOCK
                elif (t.role == "open") == (step < 0):  # the inside of the element
                    ok = t.name in BLOCK or t.name in INSIDE_ONLY
                else:
                    ok = t.name in BLOCK
                if not ok:
                    return False
            elif t.kind == "raw" and t.name == "pre":
                continue
            elif t.kind == "dj" and t.name == "include":
                if not _include_edge_safe(t.text, step):
                    return False
            elif t.kind == "dj" and t.name in ("block", "endblock"):
                opener = t if t.name == "block" else toks[t.pair]
                if _block_name(opener) not in SAFE_BLOCKS:
                    return False
            elif t.role == "silent":
                if not self._gap_ws(p, p + step):
                    todo.append(p + step)
            elif t.kind == "dj" and t.role in ("open", "mid", "end"):
                todo.extend(self._through(p, step))
            else:
                return False
        return True

    def free(self, i: int) -> bool:
        """May whitespace be added between token i-1 and token i?"""
        if self.outside[i]:
            return True
        return self._side_safe(i - 1, -1) or self._side_safe(i, +1)

    # -- the tree of elements and blocks -----------------------------------------------------

    def _tree(self) -> Node:
        toks = self.toks
        root = Node("root", "", -1)
        stack = [root]

        def close_optional(until: str | None) -> None:
            while (
                stack[-1].kind == "el"
                and stack[-1].name != until
                and stack[-1].name in OPTIONAL_END
            ):
                stack.pop()

        for i, t in enumerate(toks):
            if t.kind == "html" and t.role == "open":
                node = Node("el", t.name, i)
                stack[-1].items.append(node)
                stack.append(node)
            elif t.kind == "html" and t.role == "close":
                # An element opened in one branch and closed in another (or never opened)
                # leaves the tree as a plain token: the layout is only less tidy there.
                close_optional(t.name)
                names = [n.name for n in stack[len(stack) - self._open_els(stack) :]]
                if t.name in names:
                    while stack[-1].name != t.name:
                        stack.pop()
                    stack.pop().end = i
                else:
                    stack[-1].items.append(i)
            elif t.kind == "dj" and t.role == "open":
                node = Node("dj", t.name, i)
                stack[-1].items.append(node)
                stack.append(node)
            elif t.kind == "dj" and t.role in ("mid", "end"):
                while stack[-1].kind != "dj" or stack[-1].start != t.pair:
                    stack.pop()
                if t.role == "mid":
                    stack[-1].items.append(i)
                    stack[-1].mids.append(i)
                else:
                    stack.pop().end = i
            else:
                stack[-1].items.append(i)
        return root

    @staticmethod
    def _open_els(stack: list[Node]) -> int:
        """How many elements are open above the innermost template block."""
        count = 0
        for node in reversed(stack):
            if node.kind != "el":
                break
            count += 1
        return count

    # -- layout ------------------------------------------------------------------------------

    def _is_block(self, item: int | Node) -> bool:
        if isinstance(item, int):
            t = self.toks[item]
            if t.kind == "html":  # an element in the tree is a Node: this one crosses branches
                return t.name in BLOCK and t.name != "br"
            if t.kind == "dj" and t.name == "include":  # a partial made of blocks
                return _include_edge_safe(t.text, +1) and _include_edge_safe(t.text, -1)
            return t.kind == "raw" and t.name in ("pre", "script", "style")
        if item.kind == "el" and (item.name in BLOCK or item.name in CONTAINERS):
            return True
        return any(self._is_block(c) for c in item.items if not isinstance(c, int) or True)

    def _last(self, node: Node) -> int:
        if node.end >= 0:
            return node.end
        last = node.items[-1] if node.items else node.start
        return last if isinstance(last, int) else self._last(last)

    def _fits(self, node: Node, depth: int) -> bool:
        toks = self.toks
        width = len(INDENT) * depth
        for k in range(node.start, self._last(node) + 1):
            t = toks[k]
            if k > node.start:
                if "\n" in t.ws_before:
                    return False
                width += 1 if t.ws_before else 0
            if "\n" in t.text:
                return False
            width += len(t.text)
        return width <= WIDTH

    def _newline(self, i: int) -> None:
        if 0 < i < len(self.toks) and self.breakable[i]:
            self.toks[i].nl = True

    def _layout(self, node: Node, depth: int) -> None:
        toks = self.toks
        if node.kind == "root":
            self._sequence(node.items, depth, broken=True)
            return
        toks[node.start].depth = depth
        if node.end >= 0:
            toks[node.end].depth = depth
        if node.kind == "el":
            blockish = node.name in BLOCK or node.name in CONTAINERS or node.name in INSIDE_ONLY
            broken = (
                node.name in CONTAINERS
                or any(self._is_block(c) for c in node.items)
                or (blockish and not self._fits(node, depth))
            )
            inner = depth + 1 if blockish else depth
        else:
            broken = any(self._is_block(c) for c in node.items)
            inner = depth + 1 if broken else depth
        for m in node.mids:
            toks[m].depth = depth
        if broken:
            self._newline(node.start + 1)
            if node.end >= 0:
                self._newline(node.end)
            for m in node.mids:
                self._newline(m)
                self._newline(m + 1)
        # The items of each branch, between the {% else %}s.
        branch: list[int | Node] = []
        for item in [*node.items, None]:
            if item is None or (isinstance(item, int) and item in node.mids):
                self._sequence(branch, inner, broken)
                branch = []
            else:
                branch.append(item)

    def _sequence(self, items: list[int | Node], depth: int, broken: bool) -> None:
        prev: int | Node | None = None
        for item in items:
            if prev is not None and broken and (self._is_block(prev) or self._is_block(item)):
                self._newline(_first(item))
            if isinstance(item, int):
                self.toks[item].depth = depth
            else:
                self._layout(item, depth)
            prev = item

    # -- writing it out ----------------------------------------------------------------------

    def _text(self, t: Tok) -> str:
        if t.kind == "bt" and (
            len(INDENT) * t.depth + len(t.text) > WIDTH
            or ("\n" in t.text and "trimmed" in t.text.split("%}", 1)[0].split())
        ):
            return _wrap_blocktranslate(t.text, t.depth)
        if t.kind == "raw" and t.name == "style":
            return _wrap_css(t.text)
        return t.text

    def _atoms(self) -> list[Atom]:
        """The pieces a line is made of; an HTML tag is cut between its attributes."""
        atoms = []
        for i, t in enumerate(self.toks):
            brk = self.breakable[i]
            first = Atom(self._text(t), brk, t.nl and brk, t.depth, " " if t.ws_before else "")
            first.tok = t
            if t.kind == "html":
                pieces = _tag_pieces(t.text)
                first.text = pieces[0]
                atoms.append(first)
                atoms += [Atom(p, True, False, t.depth + 2, " ") for p in pieces[1:]]
            else:
                atoms.append(first)
        return atoms

    def render(self) -> str:
        for t in self.toks:
            t.nl = "\n" in t.ws_before
        self._layout(self.root, 0)
        atoms = self._atoms()
        # The width up to the next place a line may break (a chunk must stay whole).
        chunk = [0] * (len(atoms) + 1)
        for k in range(len(atoms) - 1, -1, -1):
            a = atoms[k]
            chunk[k] = len(a.text.split("\n", 1)[0])
            nxt = atoms[k + 1] if k + 1 < len(atoms) else None
            if nxt is not None and not nxt.brk and "\n" not in a.text:
                chunk[k] += len(nxt.gap) + chunk[k + 1]
        out: list[str] = []
        col = 0
        fresh = True  # nothing on the line yet but its indentation
        for k, a in enumerate(atoms):
            if k == 0:
                if self.toks[0].ws_before and not (self.document or self.extends):
                    out.append("\n")
                brk = True
            else:
                brk = a.nl or (a.brk and not fresh and col + len(a.gap) + chunk[k] > WIDTH)
            if brk:
                if k:
                    out.append("\n")
                out.append(INDENT * a.depth)
                col = len(INDENT) * a.depth
            else:
                out.append(a.gap)
                col += len(a.gap)
            if a.tok and a.tok.kind == "bt" and "\n" not in a.text and col + len(a.text) > WIDTH:
                a.text = _wrap_blocktranslate(a.tok.text, a.depth)  # too long where it stands
            out.append(a.text)
            col = len(a.text.rsplit("\n", 1)[-1]) if "\n" in a.text else col + len(a.text)
            fresh = False
        if self.tail or self.document or self.extends:
            out.append("\n")
        return "".join(out)


@dataclass
class Atom:
    text: str
    brk: bool  # may a line break before it
    nl: bool  # does one
    depth: int
    gap: str  # what goes before it on the same line
    tok: Tok | None = None


def _wrap_css(text: str) -> str:
    """A style sheet's long lines cut after each closing brace."""
    lines = []
    for line in text.split("\n"):
        if len(line) > WIDTH and "'" not in line and '"' not in line:
            pad = line[: len(line) - len(line.lstrip())]
            line = re.sub(r"\} +(?=\S)", "}\n" + pad, line)
        lines.append(line)
    return "\n".join(lines)


def _wrap(pieces: list[str], first_col: int, indent: str, sep: str) -> str:
    """Pieces joined by sep, a new line (at indent) where the next would pass WIDTH."""
    lines = [pieces[0]]
    col = first_col + len(pieces[0])
    for piece in pieces[1:]:
        if col + len(sep) + len(piece) > WIDTH:
            lines.append(indent + piece)
            col = len(indent) + len(piece)
        else:
            lines[-1] += sep + piece
            col += len(sep) + len(piece)
    return "\n".join(lines)


BT = re.compile(
    r"({%\s*(blocktrans(?:late)?)\b(.*?)%})(.*)({%\s*endblocktrans(?:late)?\s*%})\Z", re.S
)
PLURAL = re.compile(r"{%\s*plural\s*%}")


def _words(body: str) -> list[str]:
    """A translation's text cut at its single spaces (never inside a {{ variable }})."""
    inside = set()
    for m in TOKEN.finditer(body):
        inside.update(range(m.start(), m.end()))
    words, start = [], 0
    for j, c in enumerate(body):
        if (
            c == " "
            and j not in inside
            and 0 < j < len(body) - 1
            and not body[j - 1].isspace()
            and not body[j + 1].isspace()
        ):
            words.append(body[start:j])
            start = j + 1
    words.append(body[start:])
    return words


def _wrap_blocktranslate(text: str, depth: int) -> str:
    """A long {% blocktranslate %} on lines of its own, with `trimmed` so its msgid keeps."""
    m = BT.match(text)
    if not m:
        return text
    opening, name, args, body, closing = m.groups()
    bodies = PLURAL.split(body)
    if "trimmed" in args.split():
        bodies = [TRIM.sub(" ", b.strip()) for b in bodies]
    elif any("\n" in b or b != b.strip() for b in bodies):
        return text  # the line breaks are part of the msgid: leave it
    else:
        args = " trimmed" + (args if args.startswith(" ") or not args else " " + args)
    words = [w for b in bodies for w in ([*_words(b)] + ["{% plural %}"])][:-1]
    pad = INDENT * depth
    inner = INDENT * (depth + 1)
    lines = [f"{{% {name}{args.rstrip()} %}}"]
    current: list[str] = []
    for w in [*words, None]:
        if w is None or w == "{% plural %}":
            lines += _fill(current, inner)
            if w:
                lines.append(pad + w)
            current = []
        else:
            current.append(w)
    lines.append(pad + closing.strip())
    return "\n".join(lines)


def _fill(words: list[str], indent: str) -> list[str]:
    if not words:
        return []
    return _wrap(words, len(indent), indent, " ").split("\n") and [
        indent + line.lstrip() if k == 0 else line
        for k, line in enumerate(_wrap(words, len(indent), indent, " ").split("\n"))
    ]


def format_source(src: str) -> str:
    """The template laid out; it is formatted again until it stops changing."""
    for _ in range(5):
        new = Template(src).render()
        if new == src:
            break
        src = new
    return src


def templates(paths: list[str]) -> list[Path]:
    if paths:
        return [Path(p).resolve() for p in paths]
    return sorted(p for p in (ROOT / "bemanna").glob("**/templates/**/*.html"))


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"]
    changed, failed = [], []
    for path in templates(paths):
        src = path.read_text(encoding="utf-8")
        try:
            new = format_source(src)
        except Unformattable as error:
            failed.append(f"{path}: not formatted: {error}")
            continue
        if new != src:
            changed.append(path)
            if not check:
                path.write_text(new, encoding="utf-8")
    for line in failed:
        print(line, file=sys.stderr)
    for path in changed:
        print(("would reformat " if check else "reformatted ") + str(path.relative_to(ROOT)))
    return 1 if (check and changed) or failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
