"""Issue 18, the new user's finding 1: a user added in Administration › Användare with the
role the form showed first ("Chef") got no role at all. The inline's unchanged default was
taken for "nothing entered" and not saved; the page still said the user was added."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from bemanna.accounts.models import Profile, Role
from bemanna.conftest import PASSWORD
from bemanna.workforce.services import import_units

NEW_PASSWORD = "a new long passphrase 9281"


def add_user(client, username, role):
    return client.post(
        reverse("admin:auth_user_add"),
        {
            "username": username,
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "0",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-role": role,
            "profile-0-phone": "",
        },
    )


def grantable_by_user_admin():
    return [role for role in Role if role != Role.OCCUPATIONAL_HEALTH]


@pytest.mark.parametrize("role", grantable_by_user_admin())
def test_it_saves_every_role_the_user_administrator_chooses(client, user_admin, role):
    client.login(username="user_admin", password=PASSWORD)
    answer = add_user(client, "bo", role)
    assert answer.status_code == 302, answer.content.decode()[:3000]
    assert Profile.objects.get(user__username="bo").role == role


@pytest.mark.parametrize("role", [Role.MANAGER, Role.OCCUPATIONAL_HEALTH])
def test_it_saves_the_role_a_superuser_chooses(client, superuser, role):
    client.login(username="root", password=PASSWORD)
    assert add_user(client, "bo", role).status_code == 302
    assert Profile.objects.get(user__username="bo").role == role


def test_the_add_form_offers_no_role_before_one_is_chosen(client, user_admin):
    client.login(username="user_admin", password=PASSWORD)
    page = client.get(reverse("admin:auth_user_add")).content.decode()
    assert 'value="manager" selected' not in page
    assert '<option value="" selected>' in page


def test_a_new_user_without_a_role_is_refused_not_added_silently(client, user_admin):
    client.login(username="user_admin", password=PASSWORD)
    answer = add_user(client, "bo", "")
    assert answer.status_code == 200
    assert not get_user_model().objects.filter(username="bo").exists()


def test_the_added_manager_sees_the_units_the_tree_names_them_for(client, user_admin, db):
    client.login(username="user_admin", password=PASSWORD)
    assert add_user(client, "bo", Role.MANAGER).status_code == 302
    tree = (
        "Enhetskod;Enhetsnamn;Överordnad;Nivå;Chef\n"
        "RX;Region X;;region;\n"
        "FX;Förvaltning X;RX;förvaltning;bo\n"
        "AX;Avdelning A;FX;enhet;\n"
    )
    import_units(io.BytesIO(tree.encode()), filename="enheter.csv")
    client.logout()
    client.login(username="bo", password=NEW_PASSWORD)
    answer = client.get(reverse("workforce:home"))
    assert answer.status_code == 302
    assert answer["Location"] == reverse("workforce:unit", args=["FX"])
    assert client.get(answer["Location"]).status_code == 200
