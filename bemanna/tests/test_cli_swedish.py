"""Every Bemanna command's own messages are Swedish by default (issue 18): backup, restore,
set_password, demo_code, the demo's refusal; register_extract's are in privacy's tests and
run_schedule's in the retention tests."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation


@pytest.mark.one_database  # an SQLite file copy; pg_dump's side is the restore drill's
def test_backup_says_what_it_wrote_in_swedish(db, tmp_path):
    out = io.StringIO()
    target = tmp_path / "b.sqlite3"
    with translation.override("sv"):
        call_command("backup", str(target), stdout=out)
    size = f"{target.stat().st_size:,}".replace(",", "\xa0")
    assert out.getvalue() == f"Säkerhetskopierat (sqlite) till {target}: {size} byte.\n"


def test_set_password_names_a_missing_user_in_swedish(db):
    with translation.override("sv"), pytest.raises(CommandError) as error:
        call_command("set_password", "nobody")
    assert str(error.value) == "Användaren finns inte: nobody"


def test_set_password_asks_and_says_so_in_swedish(db, monkeypatch, django_user_model):
    user = django_user_model.objects.create_user("alva")
    asked = []

    def answer(prompt):
        asked.append(prompt)
        return "Ett-långt-lösenord-2026"

    monkeypatch.setattr("getpass.getpass", answer)
    out = io.StringIO()
    with translation.override("sv"):
        call_command("set_password", "alva", stdout=out)
    assert asked == ["Lösenord: ", "Lösenord (igen): "]
    assert out.getvalue().splitlines() == [
        "Nytt lösenord för alva",
        "Lösenordet är ändrat för alva.",
    ]
    user.refresh_from_db()
    assert user.check_password("Ett-långt-lösenord-2026")


def test_demo_code_without_the_demo_says_so_in_swedish(db):
    out = io.StringIO()
    with translation.override("sv"):
        call_command("demo_code", stdout=out)
    assert out.getvalue() == (
        "Inget konto har demons nyckel för andra faktorn (kör `bemanna demo`).\n"
    )
