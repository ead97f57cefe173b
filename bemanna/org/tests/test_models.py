import pytest

from bemanna.org.models import Level, Unit


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


@pytest.mark.django_db
def test_the_region_is_the_trees_one_root():
    """A tree file that leaves a ward's parent empty makes it a second root: no region then
    (what only the region shows is shown for none), where the first root by code was the
    ward."""
    region = Unit.objects.create(code="R", name="Region", level=Level.REGION)
    clinic = Unit.objects.create(code="C", name="Klinik", parent=region)
    ward = Unit.objects.create(code="AVD", name="Avdelning", parent=clinic)  # before R
    assert Unit.objects.region() == region
    ward.move_to(None)
    assert Unit.objects.region() is None
    assert Unit.objects.filter(parent__isnull=True).order_by("code").first() == ward
