"""Bemanna's engine: pure Python, numpy and polars; it imports no Django.

An analyst can use it from a notebook without the web app::

    from bemanna.analysis.extract import read_extract
    result = read_extract("extract.csv", pseudonym_key=b"secret")
    result.frame            # one row per employment, personnummer already gone
"""
