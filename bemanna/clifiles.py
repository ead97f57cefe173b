"""The command line's checks of the files it is given: one line saying what is wrong with a
path (missing, a folder, unreadable, the wrong kind), never a Python traceback."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from django.core.management.base import CommandError


def input_file(path: Path | str, *, kinds: tuple[str, ...] = ()) -> Path:
    """A file that exists, is a file, can be read, and (given `kinds`) has one of those
    suffixes; otherwise CommandError with one line."""
    path = Path(path)
    try:
        is_folder = stat.S_ISDIR(path.stat().st_mode)
    except FileNotFoundError:
        raise CommandError(f"Filen finns inte: {path}") from None
    except OSError as error:  # e.g. a folder on the way that may not be entered
        raise CommandError(f"Filen kan inte läsas ({error.strerror}): {path}") from None
    if is_folder:
        raise CommandError(f"Det är en mapp, inte en fil: {path}")
    if kinds and path.suffix.lower() not in kinds:
        raise CommandError(
            f"Fel slags fil ({path.suffix or 'utan ändelse'}): använd {_or(kinds)}: {path}"
        )
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except OSError as error:
        raise CommandError(f"Filen kan inte läsas ({error.strerror}): {path}") from None
    return path


def output_file(path: Path | str, *, kinds: tuple[str, ...] = ()) -> Path:
    """A file that can be written: its folder exists and is writable, it is not a folder,
    and (given `kinds`) it has one of those suffixes."""
    path = Path(path)
    if kinds and path.suffix.lower() not in kinds:
        raise CommandError(
            f"Fel slags fil ({path.suffix or 'utan ändelse'}): skriv {_or(kinds)}: {path}"
        )
    if path.is_dir():
        raise CommandError(f"Det är en mapp, inte en fil: {path}")
    folder = path.parent
    if not folder.is_dir():
        raise CommandError(f"Mappen finns inte: {folder}")
    if not os.access(folder, os.W_OK):
        raise CommandError(f"Mappen är skrivskyddad: {folder}")
    return path


def _or(kinds: tuple[str, ...]) -> str:
    return " eller ".join(kinds)
