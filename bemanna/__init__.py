"""Bemanna: kompetensförsörjning for a Swedish healthcare region."""

__version__ = "0.1.0"
