import datetime
import smtplib

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from questions.models import Question, QuestionEmail
from tests.questions.factories import PDF_BYTES, QuestionFactory, town

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:questions_question_changelist"


def change_data(question, **overrides):
    data = {
        "topic": question.topic_id,
        "title_vi": question.title_vi,
        "title_en": "",
        "content_vi": question.content_vi,
        "content_en": "",
        "unit": "",
        "due_date": question.due_date.strftime("%d/%m/%Y") if question.due_date else "",
        "answer_vi": "",
        "answer_en": "",
        "emails-TOTAL_FORMS": "0",
        "emails-INITIAL_FORMS": "0",
        "emails-MIN_NUM_FORMS": "0",
        "emails-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_queue_filters_by_status_unit_topic_and_overdue(staff_client):
    today = timezone.localdate()
    late = QuestionFactory(
        title_vi="Câu hỏi quá hạn", due_date=today - datetime.timedelta(days=2)
    )
    QuestionFactory(title_vi="Câu hỏi còn hạn", due_date=today + datetime.timedelta(5))
    QuestionFactory(title_vi="Câu hỏi đã giao", unit=town())
    url = reverse(CHANGELIST)
    response = staff_client.get(url + "?overdue=yes")
    assert [q.pk for q in response.context["cl"].result_list] == [late.pk]
    assert "quá hạn" in response.content.decode()
    assert 'class="overdue"' in response.content.decode()
    response = staff_client.get(url + "?overdue=no")
    assert late.pk not in [q.pk for q in response.context["cl"].result_list]
    response = staff_client.get(url + "?status__exact=assigned")
    assert [q.title_vi for q in response.context["cl"].result_list] == [
        "Câu hỏi đã giao"
    ]
    response = staff_client.get(url + f"?unit__id__exact={town().pk}")
    assert len(response.context["cl"].result_list) == 1
    response = staff_client.get(url + "?topic__id__exact=999")
    assert response.status_code == 200


def changelist_queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    return len(captured)


def test_changelist_queries_do_not_grow(staff_client):
    QuestionFactory(unit=town())
    small = changelist_queries(staff_client)
    for _ in range(20):
        QuestionFactory(unit=town())
    assert changelist_queries(staff_client) == small


def test_staff_assign_then_answer_and_the_citizen_gets_an_email(staff_client):
    question = QuestionFactory()
    url = reverse("admin:questions_question_change", args=[question.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    assert question.email in page.content.decode()  # staff see the contact
    response = staff_client.post(url, change_data(question, unit=town().pk))
    assert response.status_code == 302, response.context["adminform"].form.errors
    question.refresh_from_db()
    assert question.status == "assigned"
    assert not mail.outbox
    response = staff_client.post(
        url,
        change_data(
            question,
            unit=town().pk,
            answer_vi="<p>Trả lời: ông nộp hồ sơ tại Bộ phận một cửa.</p>",
            is_public="on",
        ),
    )
    response = staff_client.get(response["Location"])
    question.refresh_from_db()
    assert question.status == "published"
    assert question.answered_by.username == "bientap"
    assert len(mail.outbox) == 1
    assert "Bộ phận một cửa" in mail.outbox[0].body
    assert "http://testserver/hoi-dap/tra-cuu/" in mail.outbox[0].body
    messages = [str(m) for m in response.context["messages"]]
    assert any("đã được gửi qua email" in m for m in messages), messages
    assert QuestionEmail.objects.get().status == "sent"


def test_a_failed_email_is_not_shown_as_success(staff_client, monkeypatch):
    def broken(*args, **kwargs):
        raise smtplib.SMTPConnectError(421, "try later")

    monkeypatch.setattr("questions.services.send_mail", broken)
    question = QuestionFactory()
    url = reverse("admin:questions_question_change", args=[question.pk])
    response = staff_client.post(
        url, change_data(question, answer_vi="<p>Trả lời.</p>")
    )
    response = staff_client.get(response["Location"])
    messages = [str(m) for m in response.context["messages"]]
    assert any("Chưa gửi được email" in m for m in messages), messages
    assert not any("đã được gửi qua email" in m for m in messages)
    email = QuestionEmail.objects.get()
    assert email.status == "pending" and email.attempts == 1
    assert email.next_attempt_at > timezone.now()


def test_attachment_download_is_for_staff_only(staff_client):
    question = QuestionFactory(
        attachment=SimpleUploadedFile("don.pdf", PDF_BYTES), attachment_kind="pdf"
    )
    url = reverse("admin:questions_question_attachment", args=[question.pk])
    response = staff_client.get(url)
    assert response.status_code == 200
    assert response.content == PDF_BYTES
    assert "attachment" in response["Content-Disposition"]
    assert Client().get(url).status_code == 302  # to the admin login
    assert (
        Question.objects.get().attachment.name
        not in staff_client.get(
            reverse("admin:questions_question_change", args=[question.pk])
        ).content.decode()
    )


def test_an_attachment_lost_from_disk_is_not_found_not_a_crash(staff_client):
    question = QuestionFactory(
        attachment=SimpleUploadedFile("don.pdf", PDF_BYTES), attachment_kind="pdf"
    )
    question.attachment.storage.delete(question.attachment.name)
    url = reverse("admin:questions_question_attachment", args=[question.pk])
    assert staff_client.get(url).status_code == 404


def test_admin_pages_are_vietnamese(staff_client):
    question = QuestionFactory(answer_vi="<p>Trả lời</p>")
    pages = [
        reverse(CHANGELIST),
        reverse("admin:questions_question_change", args=[question.pk]),
        reverse("admin:questions_topic_changelist"),
        reverse("admin:questions_questionemail_changelist"),
    ]
    for url in pages:
        html = staff_client.get(url).content.decode()
        for english in ("Overdue", "answer due", "assigned unit", "Citizen (personal"):
            assert english not in html, (url, english)
    html = staff_client.get(pages[1]).content.decode()
    assert "Người gửi (dữ liệu cá nhân" in html
    assert "hạn trả lời" in html.lower()


def test_retry_action(staff_client):
    email = QuestionEmail.objects.create(
        question=QuestionFactory(),
        to="a@example.com",
        subject="s",
        body="b",
        status="failed",
        attempts=10,
    )
    staff_client.post(
        reverse("admin:questions_questionemail_changelist"),
        {"action": "retry_now", "_selected_action": [email.pk]},
    )
    email.refresh_from_db()
    assert email.status == "pending"


def test_deleting_a_question_deletes_its_attachment(staff_client):
    question = QuestionFactory(
        attachment=SimpleUploadedFile("don.pdf", PDF_BYTES), attachment_kind="pdf"
    )
    storage, name = question.attachment.storage, question.attachment.name
    assert storage.exists(name)
    response = staff_client.post(
        reverse("admin:questions_question_delete", args=[question.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Question.objects.exists()
    assert not storage.exists(name)


@pytest.mark.parametrize("query", ["abc", "12", "#12", "đất", "\x00"])
def test_queue_search_never_fails(staff_client, query):
    QuestionFactory(title_vi="Hỏi về đất đai")
    response = staff_client.get(reverse(CHANGELIST), {"q": query})
    assert response.status_code == 200


def test_staff_find_a_question_by_its_tracking_code(staff_client):
    wanted = QuestionFactory(title_vi="Câu hỏi cần tìm")
    QuestionFactory(title_vi="Câu hỏi khác")
    response = staff_client.get(reverse(CHANGELIST), {"q": wanted.code.lower()})
    assert [q.pk for q in response.context["cl"].result_list] == [wanted.pk]
    response = staff_client.get(reverse(CHANGELIST), {"q": "HL-AAAA-BBBB-CCCC"})
    assert list(response.context["cl"].result_list) == []
