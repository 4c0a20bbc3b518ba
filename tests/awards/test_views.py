import datetime
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import Award, Decision
from news.demo import CONFERENCE_SLUG
from tests.awards.factories import AwardFactory, DecisionFactory
from tests.factories import ArticleFactory
from tests.limits import COLD_PAGE_QUERIES

pytestmark = pytest.mark.django_db
LIST = "awards:decision-list"


def queries(client, url, data=None):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(captured)


def decision_with(count, **kwargs):
    decision = DecisionFactory(**kwargs)
    for index in range(count):
        AwardFactory(
            decision=decision,
            kind="collective" if index % 3 == 0 else "individual",
            name=f"Người thứ {index}",
        )
    return decision


def test_honour_roll_summarises_issued_decisions_newest_first(client):
    decision = DecisionFactory(number="163/QĐ-UBND")
    for name in ("Ban CHQS phường Bắc Hồng", "Công an phường Nam Hồng"):
        AwardFactory(decision=decision, kind="collective", name=name, position="")
    AwardFactory(decision=decision, name="Trần Văn Hải")
    older = DecisionFactory(number="9/QĐ-UBND", date=datetime.date(2018, 1, 2))
    AwardFactory(decision=older)
    content = client.get(reverse(LIST)).content.decode()
    assert content.index("163/QĐ-UBND") < content.index("9/QĐ-UBND")
    assert "05/12/2019" in content
    english = client.get("/en/commendations/").content.decode()
    assert (
        "Decision no. 163/QĐ-UBND of 05/12/2019 by Chủ tịch UBND thị xã awarding "
        "Certificate of merit to 2 collectives, 1 individual, for: Đã có thành tích"
    ) in english


def test_drafts_and_revoked_decisions_are_hidden(client):
    draft = decision_with(1, number="1/NHAP", status=Decision.Status.DRAFT)
    revoked = decision_with(1, number="2/THUHOI", status=Decision.Status.REVOKED)
    hidden_person = draft.awards.get()
    content = client.get(reverse(LIST)).content.decode()
    assert "1/NHAP" not in content and "2/THUHOI" not in content
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(revoked.get_absolute_url()).status_code == 404
    assert (
        client.get(
            reverse("awards:recipient-detail", args=[hidden_person.recipient_id])
        ).status_code
        == 404
    )
    export = client.get(reverse("awards:export-csv")).content.decode("utf-8-sig")
    assert hidden_person.name not in export


def test_staff_may_preview_a_draft(staff_client):
    draft = decision_with(1, status=Decision.Status.DRAFT)
    assert staff_client.get(draft.get_absolute_url()).status_code == 200


def test_search_without_diacritics_and_filters(client):
    decision_with(0, number="5/QĐ-UBND")
    AwardFactory(decision=Decision.objects.get(), name="Nguyễn Văn An")
    other = DecisionFactory(number="6/QĐ-UBND", date=datetime.date(2020, 1, 10))
    AwardFactory(decision=other, name="Lê Thị Bình", kind="collective", position="")
    url = reverse(LIST)
    found = client.get(url, {"q": "nguyen van an"}).content.decode()
    assert "5/QĐ-UBND" in found and "6/QĐ-UBND" not in found
    by_year = client.get(url, {"year": "2020"}).content.decode()
    assert "6/QĐ-UBND" in by_year and "5/QĐ-UBND" not in by_year
    by_kind = client.get(url, {"kind": "collective"}).content.decode()
    assert "6/QĐ-UBND" in by_kind and "5/QĐ-UBND" not in by_kind
    by_form = client.get(url, {"form": "bang-khen"}).content.decode()
    assert "6/QĐ-UBND" not in by_form


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "99999999999999999999"},
        {"form": "khong-co"},
        {"kind": "<script>"},
        {"q": "x" * 500},
        {"q": "\x00"},
    ],
)
def test_bad_filter_values_never_break_the_page(client, params):
    DecisionFactory()
    assert client.get(reverse(LIST), params).status_code == 200


def test_bad_page_is_404(client):
    assert client.get(reverse(LIST), {"page": "999"}).status_code == 404
    assert client.get(reverse(LIST), {"page": "abc"}).status_code == 404


def test_decision_page_lists_collectives_and_individuals_apart_and_links_the_article(
    client,
):
    article = ArticleFactory(title_vi="Tổng kết 10 năm quốc phòng toàn dân")
    decision = DecisionFactory(article=article)
    AwardFactory(decision=decision, kind="collective", name="Phòng Nội vụ", position="")
    AwardFactory(decision=decision, name="Trần Văn Hải", posthumous=True)
    content = client.get(decision.get_absolute_url()).content.decode()
    assert content.count("<table") == 2
    assert "<caption>" in content and 'scope="col"' in content
    assert content.index("Phòng Nội vụ") < content.index("Trần Văn Hải")
    assert article.get_absolute_url() in content
    article_page = client.get(article.get_absolute_url()).content.decode()
    assert decision.get_absolute_url() in article_page


def test_no_personal_identifiers_are_stored():
    names = {field.name for field in Award._meta.get_fields()}
    assert not names & {"birth_date", "date_of_birth", "id_number", "cccd", "cmnd"}


def test_recipient_page_shows_their_history(client):
    first = AwardFactory(name="Trần Văn Hải", decision=DecisionFactory(number="1/QĐ"))
    AwardFactory(name="Tran Van Hai", decision=DecisionFactory(number="2/QĐ"))
    AwardFactory(
        name="Trần Văn Hải",
        decision=DecisionFactory(number="3/NHAP", status=Decision.Status.DRAFT),
    )
    content = client.get(
        reverse("awards:recipient-detail", args=[first.recipient_id])
    ).content.decode()
    assert "1/QĐ" in content and "2/QĐ" in content and "3/NHAP" not in content


@pytest.mark.parametrize("url_name", ["list", "detail", "print", "recipient"])
def test_public_pages_run_a_constant_small_number_of_queries(client, url_name):
    def url(decision):
        return {
            "list": reverse(LIST),
            "detail": decision.get_absolute_url(),
            "print": reverse("awards:decision-print", args=[decision.pk]),
            "recipient": reverse(
                "awards:recipient-detail", args=[decision.awards.first().recipient_id]
            ),
        }[url_name]

    small = decision_with(1)
    one = queries(client, url(small))
    large = decision_with(200)
    decision_with(3, number="99/QĐ-UBND")
    assert queries(client, url(large)) == one <= COLD_PAGE_QUERIES


def test_search_page_query_count_is_constant(client):
    decision_with(2)
    one = queries(client, reverse(LIST), {"q": "nguoi", "kind": "individual"})
    decision_with(200)
    assert queries(client, reverse(LIST), {"q": "nguoi", "kind": "individual"}) == one
    assert one <= COLD_PAGE_QUERIES


def test_exports_download(client):
    AwardFactory(name="Nguyễn Thị Hoa")
    response = client.get(reverse("awards:export-xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
    csv = client.get(reverse("awards:export-csv"))
    assert csv.content.startswith("\ufeff".encode())
    assert "Nguyễn Thị Hoa" in csv.content.decode("utf-8-sig")


def test_certificate_is_for_staff_only(staff_client):
    award = AwardFactory(name="Nguyễn Thị Hoa")
    url = reverse("awards:certificate", args=[award.pk])
    assert Client().get(url).status_code == 302
    content = staff_client.get(url).content.decode()
    assert "Nguyễn Thị Hoa" in content and "GIẤY KHEN" in content
    assert "site-header" not in content


def test_print_list_has_no_site_chrome(client):
    decision = decision_with(2)
    content = client.get(
        reverse("awards:decision-print", args=[decision.pk])
    ).content.decode()
    assert "main-nav" not in content and "print.css" in content


def test_menu_links_the_honour_roll(client):
    assert reverse(LIST) in client.get("/").content.decode()


def test_demo_decision_is_linked_to_the_conference_article(client):
    call_command("load_demo", stdout=io.StringIO())
    counts = (Decision.objects.count(), Award.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Decision.objects.count(), Award.objects.count()) == counts
    decision = Decision.objects.public().get(number="1234/QĐ-UBND")
    assert decision.article.slug == CONFERENCE_SLUG
    assert decision.awards.filter(kind="collective").count() >= 3
    content = client.get(decision.article.get_absolute_url()).content.decode()
    assert decision.get_absolute_url() in content


def test_vietnamese_summary(client, vi_catalog):
    decision = DecisionFactory(number="163/QĐ-UBND")
    AwardFactory(decision=decision, kind="collective", name="Phòng Nội vụ", position="")
    content = client.get(reverse(LIST)).content.decode()
    assert (
        "Quyết định số 163/QĐ-UBND ngày 05/12/2019 của Chủ tịch UBND thị xã" in content
    )
    assert "cho 1 tập thể, vì: Đã có thành tích xuất sắc" in content
