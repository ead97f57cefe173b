import pytest

from bemanna.org.models import Unit


def test_it_keeps_paths_right_when_a_subtree_moves(org):
    leaf = Unit.objects.create(code="A1", name="A1", parent=org["A"])
    org["F"].move_to(org["G"])
    leaf.refresh_from_db()
    assert leaf.path == f"{org['G'].path}{org['F'].pk}/{org['A'].pk}/{leaf.pk}/"
    assert leaf.depth == 4
    assert {u.code for u in Unit.objects.subtree(org["G"])} == {"G", "F", "A", "B", "C", "A1"}


def test_it_refuses_to_move_a_unit_into_its_own_subtree(org):
    with pytest.raises(ValueError):
        org["F"].move_to(org["A"])
    org["F"].refresh_from_db()
    assert org["F"].parent == org["R"]
