"""Units are in the site search: by name (without diacritics), by the names
and titles of their people, by their functions; outside bodies are not."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from organisation.models import Unit
from tests.organisation.factories import PositionFactory, UnitFactory

pytestmark = pytest.mark.django_db


def found(client, query, language="vi"):
    with override(language):
        url = reverse("search")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return [hit.object for hit in response.context["search"].hits]


def test_a_unit_is_found_by_its_name_without_diacritics(client):
    unit = UnitFactory(
        name="Phòng Tư pháp",
        name_vi="Phòng Tư pháp",
        name_en="Office of Justice",
        functions_vi="<p>Tham mưu về công tác hộ tịch</p>",
    )
    assert found(client, "phong tu phap") == [unit]
    assert found(client, "PHÒNG TƯ PHÁP") == [unit]
    assert found(client, "ho tich") == [unit]
    assert found(client, "office of justice", "en") == [unit]
    html = client.get("/tim-kiem/", {"q": "tu phap"}).content.decode()
    assert unit.get_absolute_url() in html
    assert "Cơ quan, đơn vị" in html


def test_the_committee_is_found_by_its_other_names(client):
    assert found(client, "uy ban nhan dan thi xa hong linh") == [
        Unit.objects.get(slug="ubnd-thi-xa-hong-linh")
    ]


def test_a_unit_is_found_by_the_name_of_its_people_after_a_change(client):
    position = PositionFactory(person__name="Hoàng Văn Minh")
    assert found(client, "hoang van minh") == [position.unit]
    person = position.person
    person.name = "Hoàng Văn Mạnh"
    person.save()
    assert found(client, "hoang van manh") == [position.unit]
    assert found(client, "hoang van minh") == []
    position.delete()
    assert found(client, "hoang van manh") == []


def test_outside_bodies_are_not_found(client):
    UnitFactory(
        name="Sở Tư pháp tỉnh",
        name_vi="Sở Tư pháp tỉnh",
        is_public=False,
        kind=Unit.Kind.EXTERNAL,
    )
    assert found(client, "so tu phap") == []
    assert found(client, "ubnd tinh ha tinh") == []
