import pytest


@pytest.fixture(autouse=True)
def _registry_out_of_the_way(db):
    """These tests pin how articles and decisions are found and ranked; the
    town's People's Committee, seeded by the migrations and in the search as
    a unit, would match "Hồng Lĩnh" and "dân" too (units are searched in
    tests/organisation/test_search.py)."""
    from organisation.models import Unit

    Unit.objects.update(is_public=False)
