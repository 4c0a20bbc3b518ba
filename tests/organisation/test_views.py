import re

import pytest
from django.urls import reverse
from django.utils import translation

from organisation.models import Unit
from tests.helpers import count_queries
from tests.limits import COLD_PAGE_QUERIES
from tests.organisation.factories import (
    AboutPageFactory,
    PositionFactory,
    UnitFactory,
    committee,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    """The committee with a chairman, an office with its head, a ward."""
    town = committee()
    town.phone, town.email, town.address = "0239 3000 100", "ubnd@x.example", "Số 1"
    town.functions_vi, town.functions_en = "<p>Quản lý nhà nước</p>", ""
    town.save()
    chairman = PositionFactory(
        unit=town,
        title="Chủ tịch UBND thị xã",
        title_vi="Chủ tịch UBND thị xã",
        title_en="Chairman",
        person__name="Nguyễn Hồng Sơn",
        person__phone="0239 3000 111",
        person__email="chutich@honglinh.example",
    )
    office = UnitFactory(
        name="Phòng Nội vụ",
        name_vi="Phòng Nội vụ",
        name_en="Office of Home Affairs",
        functions_vi="<p>Tham mưu tổ chức bộ máy</p>",
        functions_en="<p>Advises on organisation</p>",
    )
    head = PositionFactory(unit=office, person__name="Hoàng Văn Minh")
    ward = UnitFactory(
        name="UBND phường Bắc Hồng",
        name_vi="UBND phường Bắc Hồng",
        name_en="",
        kind=Unit.Kind.WARD,
    )
    return {
        "town": town,
        "chairman": chairman,
        "office": office,
        "head": head,
        "ward": ward,
    }


def many_units(count):
    for _ in range(count):
        PositionFactory(unit=UnitFactory())


def url(name, language="vi", **kwargs):
    with translation.override(language):
        return reverse(f"organisation:{name}", kwargs=kwargs or None)


def test_addresses_in_vietnamese_and_english():
    assert url("about-index") == "/gioi-thieu/"
    assert url("about-index", "en") == "/en/about/"
    assert url("organisation-chart") == "/gioi-thieu/co-cau-to-chuc/"
    assert url("organisation-chart", "en") == "/en/about/organisation/"
    assert url("unit-detail", slug="phong-noi-vu") == "/gioi-thieu/don-vi/phong-noi-vu/"
    assert url("person-vcard", pk=3) == "/gioi-thieu/can-bo/3.vcf"


def test_organisation_chart_is_a_nested_list_with_headings(client, registry):
    html = client.get(url("organisation-chart")).content.decode()
    chart = html[html.index('class="org-chart"') :]
    # The committee is the root; its office and ward are nested in groups.
    assert re.search(
        r"<h2 class=\"org-name\"><a [^>]*>UBND thị xã Hồng Lĩnh</a></h2>", chart
    )
    assert re.search(r"<h3 class=\"org-name\"><a [^>]*>Phòng Nội vụ</a></h3>", chart)
    assert chart.index("UBND thị xã Hồng Lĩnh") < chart.index("Phòng Nội vụ")
    assert "Phòng, ban chuyên môn" in chart and "Phường" in chart
    assert "Chủ tịch UBND thị xã:</span> Nguyễn Hồng Sơn" in chart
    assert chart.count("<ul") >= 3


def test_organisation_chart_in_english_marks_untranslated_names(client, registry):
    response = client.get(url("organisation-chart", "en"))
    html = response.content.decode()
    assert response["Content-Language"] == "en"
    assert "Office of Home Affairs" in html
    assert "Organisation chart" in html
    # The ward has no English name: shown in Vietnamese, marked as such.
    assert re.search(
        r'<div class="org-box" lang="vi">\s*<h3[^>]*><a [^>]*>UBND phường Bắc Hồng',
        html,
    )


def test_outside_bodies_are_not_in_the_chart(client, registry):
    html = client.get(url("organisation-chart")).content.decode()
    assert "UBND tỉnh Hà Tĩnh" not in html
    assert client.get(url("unit-detail", slug="ubnd-tinh-ha-tinh")).status_code == 404


def test_leaders_page_has_tel_mailto_and_vcard_links(client, registry):
    html = client.get(url("leaders")).content.decode()
    assert 'href="tel:+842393000111"' in html
    assert 'href="mailto:chutich@honglinh.example"' in html
    vcard = registry["chairman"].person.get_vcard_url()
    assert f'href="{vcard}" download' in html
    assert 'href="tel:+842393000100"' in html  # the committee's own number


def test_vcard_download(client, registry):
    person = registry["chairman"].person
    response = client.get(person.get_vcard_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert (
        response["Content-Disposition"] == 'attachment; filename="nguyen-hong-son.vcf"'
    )
    text = response.content.decode("utf-8")
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "FN:Nguyễn Hồng Sơn\r\n" in text
    assert "TITLE:Chủ tịch UBND thị xã\r\n" in text
    assert "TEL;TYPE=WORK,VOICE:+842393000111\r\n" in text
    english = client.get(url("person-vcard", "en", pk=person.pk)).content.decode()
    assert "TITLE:Chairman\r\n" in english
    assert "ORG:People's Committee of Hong Linh town\r\n" in english


def test_vcard_of_someone_not_public_is_404(client, registry):
    hidden = PositionFactory(unit=UnitFactory(is_public=False)).person
    assert client.get(hidden.get_vcard_url()).status_code == 404
    assert client.get(url("person-vcard", pk=999999)).status_code == 404
    assert client.get("/gioi-thieu/can-bo/abc.vcf").status_code == 404


def test_unit_detail(client, registry):
    office = registry["office"]
    html = client.get(office.get_absolute_url()).content.decode()
    assert "<h1>Phòng Nội vụ</h1>" in html
    assert "Hoàng Văn Minh" in html and "Tham mưu tổ chức bộ máy" in html
    assert "UBND thị xã Hồng Lĩnh" in html  # its parent
    town = client.get(registry["town"].get_absolute_url()).content.decode()
    assert "Đơn vị trực thuộc" in town and "Phòng Nội vụ" in town


def test_functions_page_in_english_says_what_lacks_english(client, registry):
    html = client.get(url("functions", "en")).content.decode()
    assert "Advises on organisation" in html
    assert "No English version yet: shown in Vietnamese." in html
    assert '<div class="about-body" lang="vi"><p>Quản lý nhà nước</p>' in html


def test_about_pages(client):
    page = AboutPageFactory(title="Địa lý", title_vi="Địa lý", title_en="Geography")
    draft = AboutPageFactory(is_published=False)
    untranslated = AboutPageFactory(
        title="Dân số", title_vi="Dân số", title_en="", body_en=""
    )
    index = client.get(url("about-index")).content.decode()
    assert page.get_absolute_url() in index and draft.get_absolute_url() not in index
    assert client.get(page.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    with translation.override("en"):
        english_url = untranslated.get_absolute_url()
        geography = page.get_absolute_url()
    html = client.get(english_url).content.decode()
    assert '<article class="about-main about-page" lang="vi">' in html
    assert "This page has no English version yet" in html
    html = client.get(geography).content.decode()
    assert "<h1>Geography</h1>" in html and "This page has no English" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/gioi-thieu/khong-co/",
        "/gioi-thieu/don-vi/khong-co/",
        "/gioi-thieu/don-vi/%C4%91/",
        "/en/about/unit/../",
        "/gioi-thieu/can-bo/99999999999999999999999.vcf",
    ],
)
def test_garbage_addresses_are_404_not_500(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("about-index", {}),
        ("organisation-chart", {}),
        ("functions", {}),
        ("leaders", {}),
        ("unit-detail", {"slug": "ubnd-thi-xa-hong-linh"}),
        ("about-page", {"slug": "lich-su"}),
    ],
)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_pages_run_a_constant_number_of_queries(
    client, registry, name, kwargs, language
):
    AboutPageFactory(title="Lịch sử", title_vi="Lịch sử")
    page = url(name, language, **kwargs)
    one = count_queries(client, page)
    many_units(15)
    for _ in range(10):
        PositionFactory(unit=registry["town"])
    AboutPageFactory.create_batch(5)
    assert count_queries(client, page) == one <= COLD_PAGE_QUERIES
    assert count_queries(client, page, warm=True) == 0


def test_saving_a_person_changes_the_cached_chart(client, registry):
    page = url("organisation-chart")
    assert "Nguyễn Hồng Sơn" in client.get(page).content.decode()
    person = registry["chairman"].person
    person.name = "Nguyễn Văn Mới"
    person.save()
    assert "Nguyễn Văn Mới" in client.get(page).content.decode()
