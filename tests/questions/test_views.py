import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from core.cache import content_version
from questions.models import Question
from questions.views import SESSION_CODE_KEY
from tests.helpers import count_queries
from tests.limits import COLD_PAGE_QUERIES
from tests.questions.factories import (
    PDF_BYTES,
    QuestionFactory,
    jpeg_bytes,
    published,
    topic,
)

pytestmark = pytest.mark.django_db
ASK = "/hoi-dap/gui-cau-hoi/"
LOOKUP = "/hoi-dap/tra-cuu/"


def form_data(**overrides):
    data = {
        "name": "Trần Thị Hoa",
        "phone": "0912 345 678",
        "email": "hoa.tran@example.com",
        "address": "Phường Nam Hồng",
        "topic": str(topic().pk),
        "title": "Hỏi về cấp giấy phép xây dựng",
        "content": "Xin hỏi nhà ở riêng lẻ hai tầng có phải xin giấy phép xây dựng?",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_urls_are_vietnamese_and_english():
    assert reverse("questions:question-list") == "/hoi-dap/"
    assert reverse("questions:ask") == ASK
    assert reverse("questions:lookup") == LOOKUP
    with translation.override("en"):
        assert reverse("questions:ask") == "/en/questions/ask/"


def test_a_citizen_asks_and_gets_a_code_once(client):
    version = content_version()
    response = client.get(ASK)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert reverse("questions:privacy") in response.content.decode()
    response = client.post(ASK, form_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("questions:thanks")
    # The code is not in the redirect's URL (nor, so, in access logs).
    assert "HL-" not in response["Location"]
    question = Question.objects.get()
    assert question.status == "received" and question.due_date
    # Nothing public changed: the page cache is kept.
    assert content_version() == version
    assert question.title_vi == "Hỏi về cấp giấy phép xây dựng"
    assert question.name == "Trần Thị Hoa" and question.consent_at
    page = client.get(response["Location"])
    code = page.context["code"]
    assert code in page.content.decode()
    assert Question.objects.find_by_code(code) == question
    # Shown once: a reload sends the citizen to the lookup page.
    again = client.get(reverse("questions:thanks"))
    assert again.status_code == 302 and code not in again.content.decode()


def test_the_form_pages_are_never_stored_by_the_page_cache(client):
    response = client.get(ASK)
    assert (
        "no-store" in response["Cache-Control"]
        or "private" in response["Cache-Control"]
    )
    assert "public" not in response["Cache-Control"]
    assert "public" not in client.get(LOOKUP)["Cache-Control"]


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"name": ""}, "name", "bắt buộc"),
        ({"phone": "", "email": ""}, None, "số điện thoại hoặc địa chỉ email"),
        ({"phone": "gọi tôi nhé"}, "phone", "chữ số"),
        ({"email": "khong-phai-email"}, "email", "email"),
        ({"topic": "999999"}, "topic", "lĩnh vực"),
        ({"topic": "abc"}, "topic", "lĩnh vực"),
        ({"title": "x" * 201}, "title", "200"),
        ({"content": "ngắn"}, "content", "20"),
        ({"content": "x" * 5001}, "content", "5000"),
        (
            {"content": "Nội dung có ký tự lạ \x00\x07 ở giữa câu hỏi này."},
            "content",
            "ký tự",
        ),
        ({"consent": None}, "consent", "đồng ý"),
    ],
)
def test_refused_input_keeps_what_was_typed(client, overrides, field, message):
    data = form_data(**overrides)
    response = client.post(ASK, data)
    assert response.status_code == 400
    assert not Question.objects.exists()
    form = response.context["form"]
    errors = form.errors.get(field or "__all__")
    assert errors and message in " ".join(errors), errors
    html = response.content.decode()
    assert "Câu hỏi chưa được gửi" in html
    # Errors and help are tied to their fields for screen readers.
    for ids in re.findall(r'aria-describedby="([^"]+)"', html):
        for element_id in ids.split():
            assert f'id="{element_id}"' in html, element_id
    if field:
        assert f'href="#id_{field}"' in html  # the summary links to the field
    # Everything typed comes back.
    if data.get("title") and len(data["title"]) <= 200:
        assert data["title"] in html
    assert "Trần Thị Hoa" in html or field == "name"


def test_honeypot_refuses_without_storing(client):
    response = client.post(ASK, form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not Question.objects.exists()
    assert "cần để trống" in " ".join(response.context["form"].non_field_errors())
    assert "Hỏi về cấp giấy phép xây dựng" in response.content.decode()


def test_forged_csrf_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post(ASK, form_data())
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.content.decode()
    assert not Question.objects.exists()
    response = client.post(LOOKUP, {"code": "HL-AAAA-BBBB-CCCC"})
    assert response.status_code == 403


def test_a_flood_is_refused_and_earlier_questions_kept(client, settings):
    settings.QUESTIONS_SUBMISSIONS_PER_HOUR = 3
    for number in range(3):
        response = client.post(ASK, form_data(title=f"Câu hỏi số {number + 1}"))
        assert response.status_code == 302
    response = client.post(ASK, form_data(title="Câu hỏi thứ tư"))
    assert response.status_code == 429
    assert "quá nhiều câu hỏi" in response.content.decode()
    assert "Câu hỏi thứ tư" in response.content.decode()
    assert Question.objects.count() == 3
    # Another address is not affected.
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert other.post(ASK, form_data()).status_code == 302


def test_attachments_checked_by_their_bytes(client, settings):
    ok = client.post(
        ASK,
        form_data(attachment=SimpleUploadedFile("anh.jpg", jpeg_bytes())),
    )
    assert ok.status_code == 302
    pdf = client.post(
        ASK, form_data(attachment=SimpleUploadedFile("don.pdf", PDF_BYTES))
    )
    assert pdf.status_code == 302
    kinds = sorted(Question.objects.values_list("attachment_kind", flat=True))
    assert kinds == ["image", "pdf"]
    stored = Question.objects.get(attachment_kind="pdf").attachment
    # Stored out of MEDIA_ROOT, with no public URL.
    assert str(settings.QUESTIONS_PRIVATE_ROOT) in stored.path
    assert str(settings.MEDIA_ROOT) not in stored.path


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("virus.exe", b"MZ\x90\x00 not a document", "PDF"),
        ("fake.pdf", b"<html><script>alert(1)</script></html>", "mã"),
        ("empty.pdf", b"", "rỗng"),
        ("big.pdf", b"%PDF-1.4" + b"0" * 2048, "vượt quá"),
    ],
)
def test_bad_attachments_are_refused_in_vietnamese(
    client, settings, name, content, message
):
    settings.QUESTIONS_ATTACHMENT_MAX_BYTES = 1024
    response = client.post(ASK, form_data(attachment=SimpleUploadedFile(name, content)))
    assert response.status_code == 400
    assert not Question.objects.exists()
    html = response.content.decode()
    assert message in " ".join(response.context["form"].errors["attachment"])
    # The citizen is told to choose the file again; the text is kept.
    assert "chọn lại tệp" in html
    assert "Hỏi về cấp giấy phép xây dựng" in html


def test_lookup_shows_status_and_answer(client):
    question = QuestionFactory()
    response = client.post(LOOKUP, {"code": question.code})
    assert response.status_code == 200
    html = response.content.decode()
    assert question.title_vi in html
    assert "Đã tiếp nhận" in html
    assert "bao.nguyen@example.com" not in html
    question.answer_vi = "<p>Câu trả lời riêng cho ông.</p>"
    question.save()
    html = client.post(LOOKUP, {"code": question.code.lower()}).content.decode()
    assert "Câu trả lời riêng cho ông." in html
    assert "Đã trả lời riêng (không công khai)" in html


def test_lookup_with_a_wrong_code_reveals_nothing(client):
    question = QuestionFactory()
    wrong = question.code[:-1] + ("A" if question.code[-1] != "A" else "B")
    answers = []
    for code in (wrong, "HL-XXXX", "'; DROP TABLE questions_question; --", "x" * 150):
        response = client.post(LOOKUP, {"code": code})
        assert response.status_code == 404
        html = response.content.decode()
        assert question.title_vi not in html
        assert "Không có câu hỏi nào ứng với mã này" in html
        answers.append(html.count("<p>"))
    assert len(set(answers)) == 1  # the same page whatever the guess
    assert (
        "Không có câu hỏi nào ứng với mã này"
        in client.post(LOOKUP, {"code": wrong}).content.decode()
    )


def test_lookups_are_rate_limited(client, settings):
    settings.QUESTIONS_LOOKUPS_PER_10_MINUTES = 3
    question = QuestionFactory()
    for _ in range(3):
        client.post(LOOKUP, {"code": "HL-AAAA-BBBB-CCCC"})
    response = client.post(LOOKUP, {"code": question.code})
    assert response.status_code == 429
    assert question.title_vi not in response.content.decode()
    assert "quá nhiều lượt tra cứu" in response.content.decode()


def test_wrong_methods_and_garbage_never_500(client):
    assert client.put(ASK).status_code == 405
    assert client.post(ASK, {"topic": "\x00"}).status_code == 400
    assert client.get("/hoi-dap/?page=abc").status_code == 404
    assert client.get("/hoi-dap/?topic=%00").status_code == 200
    assert client.get("/hoi-dap/?q=" + "a" * 500).status_code == 200
    assert client.get("/hoi-dap/999999/").status_code == 404


def test_public_list_and_detail_show_only_published_without_contacts(client):
    shown = published(phone="0999 111 222", address="Số 9 đường Lê Lợi")
    hidden = QuestionFactory(title_vi="Câu hỏi chưa trả lời")
    private = QuestionFactory(
        title_vi="Câu hỏi trả lời riêng", answer_vi="<p>Riêng tư</p>"
    )
    html = client.get("/hoi-dap/").content.decode()
    assert shown.title_vi in html
    assert hidden.title_vi not in html and private.title_vi not in html
    detail = client.get(shown.get_absolute_url())
    assert detail.status_code == 200
    page = detail.content.decode()
    assert "Ông liên hệ Bộ phận một cửa" in page
    for personal in (shown.name, shown.phone, shown.email, shown.address):
        assert personal not in page and personal not in html
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(private.get_absolute_url()).status_code == 404


def test_search_ignores_diacritics_and_filters_by_topic(client):
    land = published(title_vi="Thủ tục tách thửa đất ở")
    road = published(
        title_vi="Đường Nguyễn Du hư hỏng",
        content_vi="Mặt đường nhiều ổ gà sau mùa mưa.",
        topic=topic("giao-thong"),
    )
    html = client.get("/hoi-dap/?q=tach+thua+DAT").content.decode()
    assert land.title_vi in html and road.title_vi not in html
    html = client.get("/hoi-dap/?topic=giao-thong").content.decode()
    assert road.title_vi in html and land.title_vi not in html
    # Topic links with their number of published answers, only where there are some.
    html = client.get("/hoi-dap/").content.decode()
    assert 'href="?topic=giao-thong"' in html and "Giao thông (1)" in html
    assert 'href="?topic=moi-truong"' not in html
    html = client.get("/hoi-dap/?q=khong+co+gi").content.decode()
    assert "Không có câu trả lời công khai nào" in html


def test_in_site_search_sitemap_and_feed(client):
    question = published(title_vi="Lịch thu gom rác phường Đức Thuận")
    QuestionFactory(title_vi="Lịch thu gom rác chưa trả lời")
    html = client.get("/tim-kiem/?q=thu+gom+rac").content.decode()
    assert "phường Đức Thuận" in html
    assert question.get_absolute_url() in html
    assert "chưa trả lời" not in html
    sitemap = client.get("/sitemap.xml").content.decode()
    assert question.get_absolute_url() in sitemap
    assert "/hoi-dap/</loc>" in sitemap
    feed = client.get("/hoi-dap/rss.xml")
    assert feed.status_code == 200
    assert question.title_vi in feed.content.decode()
    assert question.email not in feed.content.decode()


def test_english_pages_fall_back_to_vietnamese(client):
    question = published(title_vi="Câu hỏi chỉ có tiếng Việt")
    html = client.get("/en/questions/").content.decode()
    assert question.title_vi in html
    assert client.get(f"/en/questions/{question.pk}/").status_code == 200
    assert client.get("/en/questions/ask/").status_code == 200


@pytest.mark.parametrize("count", [1, 25])
def test_list_and_detail_queries_are_constant(client, count):
    questions = [published() for _ in range(count)]
    assert count_queries(client, "/hoi-dap/") <= COLD_PAGE_QUERIES
    assert count_queries(client, questions[0].get_absolute_url()) <= COLD_PAGE_QUERIES
    assert count_queries(client, "/hoi-dap/?q=dat") <= COLD_PAGE_QUERIES


@pytest.mark.parametrize("count", [1, 25])
def test_form_and_lookup_queries_are_constant(client, count):
    questions = [QuestionFactory() for _ in range(count)]
    assert count_queries(client, ASK) <= COLD_PAGE_QUERIES
    with CaptureQueriesContext(connection) as queries:
        response = client.post(LOOKUP, {"code": questions[-1].code})
    assert response.status_code == 200
    assert len(queries) <= COLD_PAGE_QUERIES


def test_privacy_page(client):
    html = client.get(reverse("questions:privacy")).content.decode()
    assert "13/2023/NĐ-CP" in html
    assert "730 ngày" in html


def test_thanks_page_code_comes_only_from_the_session(client):
    session = client.session
    session[SESSION_CODE_KEY] = "HL-AAAA-BBBB-CCCC"
    session.save()
    assert (
        "HL-AAAA-BBBB-CCCC" in client.get(reverse("questions:thanks")).content.decode()
    )
