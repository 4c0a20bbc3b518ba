import datetime
import json
import re
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.models import Comment, Document, DocumentRelation

from .factories import (
    CommentFactory,
    DocumentFactory,
    DraftFactory,
    attach,
    doc_type,
    province,
)

pytestmark = pytest.mark.django_db
LIST = "/van-ban/"


def test_list_and_english_urls(client):
    assert reverse("documents:document-list") == LIST
    DocumentFactory(excerpt_vi="Quy chế tiếp công dân")
    assert "Quy chế tiếp công dân" in client.get(LIST).content.decode()
    english = client.get("/en/documents/")
    assert english.status_code == 200
    # No English excerpt: the Vietnamese one is shown.
    assert "Quy chế tiếp công dân" in english.content.decode()


def test_hidden_and_scheduled_documents_are_not_listed(client):
    DocumentFactory(excerpt_vi="Ẩn đi", is_public=False)
    future = DocumentFactory(
        excerpt_vi="Sắp đăng",
        published_at=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC),
    )
    page = client.get(LIST).content.decode()
    assert "Ẩn đi" not in page and "Sắp đăng" not in page
    assert client.get(future.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=ke+hoach+phong+chong+bao", {"plan"}),
        ("q=1234%2FQD-UBND", {"decision"}),
        ("q=1234/QĐ-UBND", {"decision"}),
        ("type=ke-hoach", {"plan"}),
        ("status=replaced", {"decision"}),
        ("year=2025", {"decision"}),
        ("field=y-te", set()),
        ("type=khong-co&year=abc&status=zzz", {"plan", "decision", "council"}),
    ],
)
def test_filters_and_search(client, query, expected):
    docs = {
        "plan": DocumentFactory(
            number="15/KH-UBND",
            document_type=doc_type("ke-hoach"),
            excerpt_vi="Kế hoạch phòng chống bão, lũ năm 2026",
        ),
        "decision": DocumentFactory(
            number="1234/QĐ-UBND",
            issued_on=datetime.date(2025, 6, 2),
            status="replaced",
            excerpt_vi="Quy chế cổng thông tin",
        ),
        "council": DocumentFactory(
            number="10/2025/NQ-HĐND", excerpt_vi="Nghị quyết", issuer=province()
        ),
    }
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    shown = {
        key
        for key, doc in docs.items()
        if doc.get_absolute_url() in response.content.decode()
    }
    assert shown == expected


def test_issuer_filter(client):
    DocumentFactory(excerpt_vi="Của thị xã")
    other = DocumentFactory(excerpt_vi="Của tỉnh", issuer=province())
    page = client.get(f"{LIST}?issuer={other.issuer_id}").content.decode()
    assert "Của tỉnh" in page and "Của thị xã" not in page
    assert client.get(f"{LIST}?issuer=999999").status_code == 200


def test_bad_page_is_404_not_500(client):
    DocumentFactory()
    assert client.get(f"{LIST}?page=99").status_code == 404
    assert client.get(f"{LIST}?page=abc").status_code == 404


def test_pagination_keeps_the_filters(client):
    DocumentFactory.create_batch(25, excerpt_vi="Kế hoạch bão")
    page = client.get(f"{LIST}?q=bao").content.decode()
    assert "q=bao&amp;page=2" in page


@pytest.mark.parametrize("count", [1, 60])
def test_list_query_count_is_constant(client, count, django_assert_max_num_queries):
    for index in range(count):
        attach_ = DocumentFactory(excerpt_vi=f"Văn bản {index}")
        if index < 3:
            attach(attach_)
    with django_assert_max_num_queries(10):
        assert client.get(LIST).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"{LIST}?q=van+ban&type=quyet-dinh").status_code == 200


def test_list_query_count_with_a_thousand_documents(client):
    docs = []
    for index in range(1000):
        document = DocumentFactory.build(
            number=f"{index + 1}/QĐ-UBND", excerpt_vi=f"Văn bản số {index}"
        )
        document.set_derived_fields()
        docs.append(document)
    Document.objects.bulk_create(docs, batch_size=500)
    client.get("/")  # fills the menu and footer fragments
    with CaptureQueriesContext(connection) as many:
        assert client.get(f"{LIST}?page=3&q=van+ban").status_code == 200
    Document.objects.exclude(pk=docs[0].pk).delete()
    client.get("/")
    with CaptureQueriesContext(connection) as one:
        assert client.get(f"{LIST}?q=van+ban").status_code == 200
    assert len(many) == len(one) <= 10


def test_detail_shows_every_field_files_relations_both_ways_and_json_ld(client):
    old = DocumentFactory(number="500/QĐ-UBND", status="replaced", excerpt_vi="Cũ")
    new = DocumentFactory(
        number="900/QĐ-UBND", excerpt_vi="Mới", body_vi="<p>Điều 1</p>"
    )
    DocumentRelation.objects.create(source=new, target=old, kind="replaces")
    attach(new, name="Quyết định 900 tiếp công dân.pdf")
    page = client.get(new.get_absolute_url()).content.decode()
    for text in (
        "900/QĐ-UBND",
        "Nguyễn Hồng Sơn",
        "Chủ tịch UBND thị xã",
        "12/01/2026",
        "Cải cách hành chính",
        "Quyết định 900 tiếp công dân.pdf",
        "Điều 1",
        old.get_absolute_url(),
    ):
        assert text in page, text
    old_page = client.get(old.get_absolute_url()).content.decode()
    assert new.get_absolute_url() in old_page
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == "900/QĐ-UBND"
    assert (
        client.get(reverse("documents:document-print", args=[new.pk])).status_code
        == 200
    )


def test_detail_query_count(client, django_assert_max_num_queries):
    document = DocumentFactory()
    for _ in range(5):
        attach(document)
        DocumentRelation.objects.create(
            source=DocumentFactory(), target=document, kind="amends"
        )
    with django_assert_max_num_queries(10):
        assert client.get(document.get_absolute_url()).status_code == 200


def test_pdf_download_is_inline_with_the_vietnamese_name(client):
    attachment = attach(DocumentFactory(), name="Quyết định số 1234 về tiếp dân.pdf")
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline; ")
    assert (
        "filename*=UTF-8''" + quote("Quyết định số 1234 về tiếp dân.pdf") in disposition
    )
    assert 'filename="quyet-dinh-so-1234-ve-tiep-dan.pdf"' in disposition
    assert "sandbox" not in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_other_files_are_attachments(client):
    from documents.files import OLE2_MAGIC

    attachment = attach(
        DocumentFactory(), name="Công văn.doc", content=OLE2_MAGIC + b"\0" * 64
    )
    response = client.get(attachment.get_absolute_url())
    response.close()
    assert response["Content-Disposition"].startswith("attachment; ")
    assert response["Content-Type"] == "application/msword"
    assert response["Content-Security-Policy"].endswith("; sandbox")


def test_files_of_hidden_documents_are_not_served(client):
    attachment = attach(DocumentFactory(is_public=False))
    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert client.get("/van-ban/tep/999999/").status_code == 404


def test_menu_has_the_documents_entry(client):
    page = client.get("/").content.decode()
    assert 'href="/van-ban/"' in page


def test_feeds_sitemap_and_site_search(client):
    document = DocumentFactory(excerpt_vi="Kế hoạch phòng chống bão")
    rss = client.get("/van-ban/rss.xml")
    assert rss.status_code == 200 and document.number in rss.content.decode()
    per_type = client.get("/van-ban/loai/quyet-dinh/atom.xml")
    assert per_type.status_code == 200 and document.number in per_type.content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert document.get_absolute_url() in sitemap
    assert f"/en/documents/{document.pk}/" in sitemap
    search = client.get("/tim-kiem/?q=phong+chong+bao").content.decode()
    assert document.get_absolute_url() in search


# Consultation ----------------------------------------------------------------

GOOD = {
    "name": "Phạm Thị Hoa",
    "email": "hoa@example.org",
    "phone": "",
    "body": "Đề nghị bố trí thêm chỗ để xe cho người đi chợ.",
    "consent": "on",
    "website": "",
}


def test_draft_list_has_open_and_closed_sections(client):
    DraftFactory(title_vi="Đang mở")
    today = datetime.date.today()
    DraftFactory(
        title_vi="Đã xong",
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today - datetime.timedelta(days=1),
    )
    page = client.get(reverse("documents:draft-list")).content.decode()
    assert "Đang lấy ý kiến" in page and "Đã kết thúc" in page
    assert page.index("Đang mở") < page.index("Đã xong")


def test_a_comment_is_recorded_for_moderation(client):
    draft = DraftFactory()
    response = client.post(draft.get_absolute_url(), GOOD)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.consent_at is not None
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "kiểm duyệt" in page  # the thank-you message
    assert GOOD["body"] not in page  # not yet approved


def test_approved_comments_show_without_contact_details(client):
    comment = CommentFactory(email="bimat@example.org", phone="0988777666")
    page = client.get(comment.draft.get_absolute_url()).content.decode()
    assert comment.body in page and comment.name in page
    assert "bimat@example.org" not in page and "0988777666" not in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": ""}, "nhập họ tên"),
        ({"consent": ""}, "đồng ý"),
        ({"email": "", "phone": ""}, "số điện thoại"),
        ({"email": "khong-phai-email"}, "thư điện tử"),
        ({"phone": "abc"}, "số điện thoại"),
        ({"body": "x" * 5001}, "quá dài"),
        ({"body": "ngắn"}, "quá ngắn"),
        ({"name": "A" * 101}, "quá dài"),
    ],
)
def test_bad_comments_are_refused_in_vietnamese_keeping_the_text(
    client, change, message
):
    draft = DraftFactory()
    data = {**GOOD, **change}
    response = client.post(draft.get_absolute_url(), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page.lower() or message in page
    assert not Comment.objects.exists()
    if data["body"] and len(data["body"]) < 100:
        assert data["body"] in page


def test_honeypot_refuses(client):
    draft = DraftFactory()
    response = client.post(draft.get_absolute_url(), {**GOOD, "website": "http://spam"})
    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert GOOD["body"] in response.content.decode()


def test_flood_is_refused_keeping_the_text(client):
    draft = DraftFactory()
    for _ in range(5):
        assert client.post(draft.get_absolute_url(), GOOD).status_code == 302
    response = client.post(draft.get_absolute_url(), GOOD)
    assert response.status_code == 429
    assert "Quá nhiều ý kiến" in response.content.decode()
    assert GOOD["body"] in response.content.decode()
    assert Comment.objects.count() == 5


def test_forged_csrf_is_refused_in_vietnamese():
    from django.test import Client

    draft = DraftFactory()
    response = Client(enforce_csrf_checks=True).post(draft.get_absolute_url(), GOOD)
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.content.decode()
    assert not Comment.objects.exists()


def test_closed_consultation_refuses_comments_and_shows_the_report(client):
    today = datetime.date.today()
    draft = DraftFactory(
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today - datetime.timedelta(days=1),
        report_vi="<p>Tiếp thu 3 ý kiến</p><script>x</script>",
    )
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Tiếp thu 3 ý kiến" in page and "<script>x" not in page
    assert 'name="body"' not in page
    response = client.post(draft.get_absolute_url(), GOOD)
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_hidden_draft_is_404(client):
    draft = DraftFactory(is_public=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/lay-y-kien/99999/").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "?year=99999999999999",
        "?issuer=abc",
        "?q=%3Cscript%3Ealert(1)%3C/script%3E",
        "?q=%00",
        "?page=-1",
        "?q=" + "a" * 1000,
        "?status=%00&type=%00&field=%00",
    ],
)
def test_garbage_in_the_list_is_never_a_500(client, query):
    DocumentFactory()
    response = client.get(LIST + query)
    assert response.status_code in (200, 404)
    assert b"<script>alert(1)" not in response.content


def test_garbage_comments_are_never_a_500(client):
    draft = DraftFactory()
    response = client.post(
        draft.get_absolute_url(),
        {**GOOD, "name": "A\x00B", "email": "x" * 400, "phone": "1" * 50},
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_files_of_drafts_follow_the_draft(client):
    from documents.models import DocumentFile

    from .factories import pdf_file

    shown = DocumentFile(draft=DraftFactory(), file=pdf_file("Dự thảo.pdf"))
    shown.save()
    hidden = DocumentFile(draft=DraftFactory(is_public=False), file=pdf_file())
    hidden.save()
    assert client.get(hidden.get_absolute_url()).status_code == 404
    response = client.get(shown.get_absolute_url())
    assert response.status_code == 200
    # Last: closing a response sends request_finished, which closes the
    # database connection of the test.
    response.close()


def test_a_type_filter_offers_that_types_feed(client):
    DocumentFactory()
    page = client.get(f"{LIST}?type=quyet-dinh").content.decode()
    assert 'href="/van-ban/loai/quyet-dinh/rss.xml"' in page


@pytest.mark.parametrize("count", [1, 30])
def test_draft_page_query_count_is_constant(client, count):
    draft = DraftFactory()
    CommentFactory.create_batch(count, draft=draft)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(draft.get_absolute_url())
    assert page.content.decode().count('class="comment"') == count
    assert len(queries) <= 10
