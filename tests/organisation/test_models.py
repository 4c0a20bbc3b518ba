import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image

from core.text import phone_uri
from organisation.models import AboutPage, Person, Unit
from organisation.vcard import escape, fold, person_vcard, split_name
from tests.organisation.factories import (
    AboutPageFactory,
    PersonFactory,
    PositionFactory,
    UnitFactory,
    committee,
)

pytestmark = pytest.mark.django_db


def test_migrations_gave_existing_units_a_slug_kind_and_public_flag():
    """The seeded issuers: the town committee is public, the province is not."""
    town = committee()
    assert (town.slug, town.kind, town.is_public) == (
        "ubnd-thi-xa-hong-linh",
        Unit.Kind.COMMITTEE,
        True,
    )
    province = Unit.objects.get(key="ubnd tỉnh hà tĩnh")
    assert (province.kind, province.is_public) == (Unit.Kind.EXTERNAL, False)
    assert list(Unit.objects.public()) == [town]


def test_unit_slug_keeps_vietnamese_words_and_is_unique():
    first = UnitFactory(name="Phòng Tư pháp", name_vi="Phòng Tư pháp")
    second = UnitFactory(name="Phòng  Tư pháp ", name_vi="Phòng tư pháp (2)")
    assert first.slug == "phong-tu-phap"
    assert second.slug != first.slug
    first.name_vi = "Phòng Tư pháp thị xã"
    first.save()
    first.refresh_from_db()
    assert first.slug == "phong-tu-phap"  # links keep working


def test_unit_functions_are_sanitised_in_both_languages():
    unit = UnitFactory(
        functions_vi='<p onclick="x()">Tham mưu</p><script>alert(1)</script>',
        functions_en='<p><a href="javascript:alert(1)">Advise</a></p>',
    )
    unit.refresh_from_db()
    assert "script" not in unit.functions_vi and "onclick" not in unit.functions_vi
    assert "Tham mưu" in unit.functions_vi
    assert "javascript" not in unit.functions_en


def test_a_unit_cannot_be_placed_under_itself_or_its_own_child():
    parent = UnitFactory()
    child = UnitFactory(parent=parent)
    parent.parent = parent
    with pytest.raises(ValidationError) as error:
        parent.clean()
    assert "parent" in error.value.message_dict
    parent.parent = child
    with pytest.raises(ValidationError):
        parent.clean()
    parent.parent = committee()
    parent.clean()


def test_phone_uri_is_international():
    assert phone_uri("0239 3836 135") == "tel:+842393836135"
    assert phone_uri("(+84) 239.3836.135") == "tel:+842393836135"
    assert phone_uri("") == ""
    assert phone_uri("không có") == ""


def test_people_are_public_only_with_a_position_in_a_public_unit():
    public = PositionFactory().person
    hidden = PositionFactory(
        unit=UnitFactory(is_public=False, kind=Unit.Kind.EXTERNAL)
    ).person
    lone = PersonFactory()
    assert set(Person.objects.public()) == {public}
    assert hidden not in Person.objects.public() and lone not in Person.objects.public()


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), "#884422").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_portrait_needs_alternative_text(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    person = PersonFactory.build(
        image=SimpleUploadedFile("chan-dung.png", png_bytes(), "image/png")
    )
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "alt_text_vi" in error.value.message_dict
    person.alt_text_vi = "Ông Nguyễn Văn A mặc áo sơ mi trắng"
    person.full_clean()
    person.save()
    assert person.renditions["webp"], "renditions are made at upload"
    assert person.alt == "Ông Nguyễn Văn A mặc áo sơ mi trắng"


def test_a_text_file_renamed_png_is_refused_as_a_portrait():
    person = PersonFactory.build(
        image=SimpleUploadedFile("chan-dung.png", b"not an image", "image/png"),
        alt_text_vi="Chân dung",
    )
    form_field = Person._meta.get_field("image").formfield()
    with pytest.raises(ValidationError):
        form_field.clean(person.image)


def test_about_page_slug_avoids_the_addresses_of_the_about_views():
    page = AboutPageFactory(title="Lãnh đạo", title_vi="Lãnh đạo")
    assert page.slug == "lanh-dao-2"
    page = AboutPageFactory(title="Lịch sử", title_vi="Lịch sử")
    assert page.slug == "lich-su"
    with transaction.atomic(), pytest.raises(IntegrityError):
        AboutPage.objects.filter(pk=page.pk).update(slug="don-vi")


def test_about_page_is_shown_in_english_only_when_translated(settings):
    from django.utils import translation

    full = AboutPageFactory()
    half = AboutPageFactory(body_en="")
    none = AboutPageFactory(title_en="", body_en="")
    with translation.override("en"):
        assert full.text_language == "en"
        assert half.text_language == "vi"
        assert none.text_language == "vi"
    with translation.override("vi"):
        assert none.text_language == "vi"


def test_vcard_escapes_and_folds_as_rfc_2426_says():
    assert escape("Phòng A, B; C\\D\nE") == "Phòng A\\, B\\; C\\\\D\\nE"
    line = "NOTE:" + "Ủy ban nhân dân thị xã Hồng Lĩnh " * 5
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part[1:] if i else part for i, part in enumerate(parts)) == line
    assert split_name("Nguyễn Văn An") == ("Nguyễn", "An", "Văn")
    assert split_name("An") == ("", "An", "")


def test_vcard_content():
    text = person_vcard(
        name="Trần Thị Minh Hà",
        positions=[
            ("Phó Chủ tịch UBND thị xã", "UBND thị xã Hồng Lĩnh"),
            ("Trưởng ban", "Ban Chỉ đạo; thị xã"),
        ],
        phone_uri="tel:+842393000112",
        email="pct@honglinh.example",
        url="https://honglinh.example/gioi-thieu/",
    )
    lines = text.split("\r\n")
    assert text.endswith("END:VCARD\r\n")
    assert lines[:4] == [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:Trần;Hà;Thị Minh;;",
        "FN:Trần Thị Minh Hà",
    ]
    assert "TITLE:Phó Chủ tịch UBND thị xã" in lines
    assert "ORG:UBND thị xã Hồng Lĩnh" in lines
    assert "TEL;TYPE=WORK,VOICE:+842393000112" in lines
    assert "EMAIL;TYPE=INTERNET,WORK:pct@honglinh.example" in lines
    assert "Ban Chỉ đạo\\; thị xã" in text.replace("\r\n ", "")


def test_one_person_may_hold_two_titles_in_one_unit_without_english():
    first = PositionFactory(title_vi="Trưởng phòng", title_en="")
    PositionFactory(
        person=first.person, unit=first.unit, title_vi="Kiêm Tổ trưởng", title_en=""
    )
    assert first.unit.positions.count() == 2


def test_two_about_pages_on_a_reserved_address_get_their_own():
    """“Lãnh đạo” is the leaders page's address: two town pages of that title
    get lanh-dao-2 and lanh-dao-2-2, not the same one twice."""
    from tests.organisation.factories import AboutPageFactory

    first = AboutPageFactory(title_vi="Lãnh đạo", slug="")
    second = AboutPageFactory(title_vi="Lãnh đạo", slug="")
    assert first.slug == "lanh-dao-2"
    assert second.slug not in {"lanh-dao", "lanh-dao-2"}
