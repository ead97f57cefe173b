"""Bemanna's production settings with the bench's reference view added (`reference.py`)."""

from bemanna.settings import *  # noqa: F403

ROOT_URLCONF = "bemanna.bench.reference"
