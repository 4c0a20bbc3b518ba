"""The footer's legal details are set in the admin (siteblocks.SiteSettings),
and the link list names the provincial public service portal too."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from siteblocks.models import SiteSettings

pytestmark = pytest.mark.django_db


def footer(path="/"):
    html = Client().get(path).content.decode()
    return html[html.index('<footer class="site-footer">') :]


def test_a_fresh_site_names_its_managing_body():
    assert (
        "Cơ quan chủ quản: Ủy ban nhân dân thị xã Hồng Lĩnh, tỉnh Hà Tĩnh" in footer()
    )
    assert "Managing body: People&#x27;s Committee of Hong Linh town" in footer("/en/")


def test_staff_set_the_legal_details_and_every_page_shows_them(staff_client):
    url = reverse("admin:siteblocks_sitesettings_change", args=[1])
    data = {
        "managing_body_vi": "UBND thị xã Hồng Lĩnh",
        "managing_body_en": "Hong Linh Town People's Committee",
        "responsible_person_vi": "Ông Nguyễn Văn A, Chánh Văn phòng",
        "responsible_person_en": "",
        "address_vi": "Số 1 Quang Trung, Bắc Hồng",
        "address_en": "",
        "phone": "0239 3 836 000",
        "email": "vanphong@honglinh.example.vn",
        "licence_vi": "Giấy phép số 12/GP-STTTT ngày 05/12/2019",
        "licence_en": "",
    }
    footer()  # cached before the change
    response = staff_client.post(url, data)
    assert response.status_code == 302
    html = footer()
    assert "Cơ quan chủ quản: UBND thị xã Hồng Lĩnh" in html
    assert "Người chịu trách nhiệm: Ông Nguyễn Văn A, Chánh Văn phòng" in html
    assert "Địa chỉ: Số 1 Quang Trung, Bắc Hồng" in html
    assert 'href="tel:02393836000"' in html
    assert 'href="mailto:vanphong@honglinh.example.vn"' in html
    assert "Giấy phép số 12/GP-STTTT ngày 05/12/2019" in html
    english = footer("/en/")
    assert "Managing body: Hong Linh Town People&#x27;s Committee" in english
    # Not translated: the Vietnamese is shown.
    assert "Ông Nguyễn Văn A, Chánh Văn phòng" in english


def test_a_bad_email_is_refused_in_vietnamese_and_kept(staff_client):
    url = reverse("admin:siteblocks_sitesettings_change", args=[1])
    response = staff_client.post(
        url, {"managing_body_vi": "UBND", "email": "khong-phai-email"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nhập địa chỉ email." in html
    assert 'value="khong-phai-email"' in html


def test_there_is_one_row_that_cannot_be_added_twice_or_deleted(staff_client):
    assert SiteSettings.objects.count() == 1
    add = staff_client.get(reverse("admin:siteblocks_sitesettings_add"))
    assert add.status_code == 403
    delete = staff_client.get(reverse("admin:siteblocks_sitesettings_delete", args=[1]))
    assert delete.status_code == 403


def test_the_footer_costs_no_query_once_cached():
    Client().get("/")
    with CaptureQueriesContext(connection) as queries:
        Client().get(reverse("glossary"))
    assert not [q for q in queries if "siteblocks_sitesettings" in q["sql"]]


def test_the_demo_lists_the_provincial_and_national_public_service_portals():
    call_command("load_demo", stdout=io.StringIO())
    html = footer()
    assert "Cổng Dịch vụ công tỉnh Hà Tĩnh" in html
    assert 'href="https://dichvucong.hatinh.gov.vn/"' in html
    assert "Cổng Dịch vụ công quốc gia" in html
    assert "Người chịu trách nhiệm:" in html
