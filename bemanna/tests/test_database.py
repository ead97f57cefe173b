import os

from django.db import connection


def test_it_runs_on_the_database_it_was_given(db):
    # make test runs the suite twice; this proves the second run really is on PostgreSQL.
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else ("sqlite")
    )
    assert connection.vendor == expected
