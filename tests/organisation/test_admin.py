import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisation.models import AboutPage, Level, Person, Unit
from tests.organisation.factories import (
    AboutPageFactory,
    PersonFactory,
    PositionFactory,
    UnitFactory,
)
from tests.organisation.test_models import png_bytes

pytestmark = pytest.mark.django_db

MODELS = ["unit", "person", "position", "aboutpage", "level"]


@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_add_pages_render_in_vietnamese(staff_client, model):
    PositionFactory()
    AboutPageFactory()
    for view in ("changelist", "add"):
        response = staff_client.get(reverse(f"admin:organisation_{model}_{view}"))
        assert response.status_code == 200
        html = response.content.decode()
        for english in ("Missing English", "English version", "Functions and tasks"):
            assert english not in html


def test_missing_english_filter_lists_what_lacks_a_translation(staff_client):
    translated = AboutPageFactory(title_vi="Địa lý", title_en="Geography")
    untranslated = AboutPageFactory(title_vi="Dân số", title_en="", body_en="")
    half = AboutPageFactory(title_vi="Lịch sử", title_en="History", body_en="")
    url = reverse("admin:organisation_aboutpage_changelist")
    html = staff_client.get(url).content.decode()
    assert "Thiếu bản tiếng Anh" in html
    missing = staff_client.get(url, {"english": "missing"}).context["cl"].result_list
    assert set(missing) == {untranslated, half}
    complete = staff_client.get(url, {"english": "complete"}).context["cl"].result_list
    assert list(complete) == [translated]


def test_missing_english_filter_on_units_ignores_empty_fields(staff_client):
    named = UnitFactory(name_en="Office", functions_vi="", functions_en="")
    unnamed = UnitFactory(name_en="")
    url = reverse("admin:organisation_unit_changelist")
    missing = set(
        staff_client.get(url, {"english": "missing"}).context["cl"].result_list
    )
    assert unnamed in missing and named not in missing


def test_staff_add_a_unit_with_a_leader(staff_client):
    person = PersonFactory(name="Lê Văn Đức")
    parent = Unit.objects.get(key="ubnd thị xã hồng lĩnh")
    response = staff_client.post(
        reverse("admin:organisation_unit_add"),
        {
            "name_vi": "Phòng Tư pháp",
            "name_en": "Office of Justice",
            "kind": "office",
            "level": Level.objects.get(code="don-vi").pk,
            "parent": parent.pk,
            "order": 3,
            "is_public": "on",
            "functions_vi": "<p>Tham mưu về tư pháp</p><script>x</script>",
            "functions_en": "",
            "address": "",
            "phone": "0239 3000 107",
            "email": "tuphap@honglinh.example",
            "website": "",
            "aliases": "",
            "slug": "",
            "positions-TOTAL_FORMS": "1",
            "positions-INITIAL_FORMS": "0",
            "positions-0-person": person.pk,
            "positions-0-title_vi": "Trưởng phòng",
            "positions-0-title_en": "Head of Office",
            "positions-0-order": "1",
            "positions-0-is_leader": "on",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    unit = Unit.objects.get(slug="phong-tu-phap")
    assert unit.functions_vi == "<p>Tham mưu về tư pháp</p>"
    assert unit.positions.get().person == person


def test_a_unit_under_its_own_child_is_refused_in_vietnamese(staff_client):
    parent = UnitFactory()
    child = UnitFactory(parent=parent)
    url = reverse("admin:organisation_unit_change", args=[parent.pk])
    response = staff_client.post(
        url,
        {
            "name_vi": parent.name_vi,
            "name_en": parent.name_en,
            "kind": "office",
            "level": parent.level_id,
            "parent": child.pk,
            "order": 0,
            "functions_vi": "",
            "functions_en": "",
            "slug": parent.slug,
            "positions-TOTAL_FORMS": "0",
            "positions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Một đơn vị không thể trực thuộc chính nó." in response.content.decode()


def test_a_portrait_without_alt_text_is_refused_in_admin(
    staff_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    data = {
        "name": "Trần Thị B",
        "image": SimpleUploadedFile("a.png", png_bytes(), "image/png"),
        "alt_text_vi": "",
        "alt_text_en": "",
        "phone": "",
        "email": "",
        "positions-TOTAL_FORMS": "0",
        "positions-INITIAL_FORMS": "0",
    }
    response = staff_client.post(reverse("admin:organisation_person_add"), data)
    assert response.status_code == 200
    assert "Hãy mô tả ảnh chân dung" in response.content.decode()
    assert not Person.objects.filter(name="Trần Thị B").exists()


def test_autocomplete_finds_people_and_units(staff_client):
    PersonFactory(name="Nguyễn Thị Hoa")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Hoa",
            "app_label": "organisation",
            "model_name": "position",
            "field_name": "person",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Nguyễn Thị Hoa"]


@pytest.mark.parametrize("model", ["unit", "position", "aboutpage"])
def test_changelist_query_count_does_not_grow(staff_client, model):
    url = reverse(f"admin:organisation_{model}_changelist")
    PositionFactory()
    AboutPageFactory()
    staff_client.get(url)
    with CaptureQueriesContext(connection) as one:
        staff_client.get(url)
    PositionFactory.create_batch(15)
    AboutPageFactory.create_batch(15)
    with CaptureQueriesContext(connection) as many:
        staff_client.get(url)
    assert len(many) == len(one)
    assert AboutPage.objects.count() == 16
