import datetime
import logging
import re
import smtplib

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from questions.models import (
    CODE_ALPHABET,
    Question,
    QuestionEmail,
    add_working_days,
    new_tracking_code,
    normalize_code,
)
from questions.services import (
    question_email_queue,
    question_emails_send,
    question_personal_data_purge,
    question_save,
    question_submit,
)
from tests.questions.factories import (
    PDF_BYTES,
    QuestionFactory,
    published,
    topic,
    town,
)

pytestmark = pytest.mark.django_db


def test_codes_are_random_and_unambiguous():
    """HL-XXXX-XXXX-XXXX from an alphabet without 0/O/1/I/L, never repeated."""
    codes = {new_tracking_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in list(codes)[:50]:
        assert re.fullmatch(r"HL-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
        assert not set(code[3:].replace("-", "")) - set(CODE_ALPHABET)
    assert not set("01OIL") & set(CODE_ALPHABET)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("HL-ABCD-EFGH-JK23", "HL-ABCD-EFGH-JK23"),
        (" hl abcd efgh jk23 ", "HL-ABCD-EFGH-JK23"),
        ("ABCDEFGHJK23", "HL-ABCD-EFGH-JK23"),
        ("HL-ABCD-EFGH-JK2", None),  # too short
        ("HL-ABCD-EFGH-JK230", None),  # too long
        ("HL-ABCD-EFGH-JK20", None),  # 0 is not in the alphabet
        ("", None),
        ("x" * 5000, None),
        ("HL-ÀBCD-EFGH-JK23", None),
    ],
)
def test_normalize_code(typed, expected):
    assert normalize_code(typed) == expected


def test_find_by_code_only_with_the_exact_code():
    question = QuestionFactory()
    other = new_tracking_code()
    assert Question.objects.find_by_code(question.code) == question
    assert Question.objects.find_by_code(question.code.lower()) == question
    assert Question.objects.find_by_code(other) is None
    assert Question.objects.find_by_code("HL-invalid") is None
    # The code itself is not stored anywhere in the row.
    stored = Question.objects.filter(pk=question.pk).values()[0]
    assert question.code not in " ".join(str(v) for v in stored.values())


@pytest.mark.parametrize(
    "start, days, due",
    [
        (datetime.date(2026, 12, 3), 1, datetime.date(2026, 12, 4)),  # Thu -> Fri
        (datetime.date(2026, 12, 4), 1, datetime.date(2026, 12, 7)),  # Fri -> Mon
        (datetime.date(2026, 12, 5), 1, datetime.date(2026, 12, 7)),  # Sat -> Mon
        (datetime.date(2026, 12, 3), 10, datetime.date(2026, 12, 17)),
        (datetime.date(2026, 12, 3), 0, datetime.date(2026, 12, 3)),
        (datetime.date(2026, 12, 3), -3, datetime.date(2026, 12, 3)),
    ],
)
def test_working_days_skip_weekends(start, days, due):
    assert add_working_days(start, days) == due


def test_submission_sets_due_date_from_setting(settings):
    settings.QUESTIONS_ANSWER_WORKING_DAYS = 5
    question, code = question_submit(
        name=" Trần  Thị Hoa ",
        phone="0912 345 678",
        email="",
        address="",
        topic=topic(),
        title="Hỏi về đất",
        content="Nội dung câu hỏi về đất đai ở phường.",
    )
    assert question.status == Question.Status.RECEIVED
    assert question.name == "Trần Thị Hoa"
    assert question.due_date == add_working_days(timezone.localdate(), 5)
    assert Question.objects.find_by_code(code) == question


def test_status_flow_received_assigned_answered_published():
    question = QuestionFactory()
    assert question.status == "received"
    question.unit = town()
    question.save()
    assert question.status == "assigned" and question.assigned_at
    question.answer_vi = "<p>Trả lời.</p>"
    question.save()
    assert question.status == "answered" and question.answered_at
    assert not Question.objects.published().exists()
    question.is_public = True
    question.save()
    assert question.status == "published" and question.published_at
    assert list(Question.objects.published()) == [question]
    question.is_public = False
    question.save()
    assert question.status == "answered" and question.published_at is None


def test_public_without_answer_is_not_published():
    """Ticking "publish" before answering publishes nothing."""
    question = QuestionFactory(is_public=True)
    assert question.status == "received"
    assert not Question.objects.published().exists()


def test_answer_is_sanitised():
    question = QuestionFactory(
        answer_vi='<p onclick="x()">Trả lời</p><script>alert(1)</script>'
    )
    question.refresh_from_db()
    assert "script" not in question.answer_vi
    assert "onclick" not in question.answer_vi


def test_overdue_only_open_questions_past_due():
    today = timezone.localdate()
    late = QuestionFactory(due_date=today - datetime.timedelta(days=1))
    QuestionFactory(due_date=today)
    answered = QuestionFactory(
        due_date=today - datetime.timedelta(days=3), answer_vi="<p>Đã trả lời</p>"
    )
    assert list(Question.objects.overdue()) == [late]
    assert late.is_overdue and not answered.is_overdue


def test_first_answer_queues_one_email_and_sends_it():
    question = QuestionFactory()
    question.answer_vi = (
        "<p>Câu trả lời <strong>chi tiết</strong>.</p><ul><li>Hồ sơ &amp; đơn</li>"
        "<li>Bản sao</li></ul>"
    )
    email = question_save(question=question, lookup_url="https://x/hoi-dap/tra-cuu/")
    assert email.status == QuestionEmail.Status.PENDING
    assert question_emails_send() == {"sent": 1, "failed": 0, "retry": 0}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["bao.nguyen@example.com"]
    assert "Câu trả lời chi tiết.\nHồ sơ & đơn\nBản sao\n" in message.body
    assert "https://x/hoi-dap/tra-cuu/" in message.body
    assert "<strong>" not in message.body
    email.refresh_from_db()
    assert email.status == "sent" and email.sent_at
    # Editing the answer later does not send it again.
    question.answer_vi = "<p>Sửa lại.</p>"
    assert question_save(question=question) is None
    assert question_emails_send()["sent"] == 0


def test_no_email_without_address():
    question = QuestionFactory(email="")
    question.answer_vi = "<p>Trả lời.</p>"
    assert question_save(question=question) is None
    assert not QuestionEmail.objects.exists()


def test_failed_send_is_logged_kept_and_retried_with_backoff(
    monkeypatch, caplog, settings
):
    settings.QUESTIONS_EMAIL_MAX_ATTEMPTS = 3
    question = QuestionFactory()
    email = question_email_queue(question=question)

    def broken(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("mail server away")

    monkeypatch.setattr("questions.services.send_mail", broken)
    now = timezone.now()
    with caplog.at_level(logging.WARNING, logger="questions.services"):
        assert question_emails_send(now=now) == {"sent": 0, "failed": 0, "retry": 1}
    assert "mail server away" in caplog.text
    email.refresh_from_db()
    assert email.status == "pending" and email.attempts == 1
    assert "SMTPServerDisconnected" in email.last_error
    assert email.next_attempt_at == now + datetime.timedelta(minutes=2)
    # Not yet due: nothing is tried.
    assert question_emails_send(now=now)["retry"] == 0
    later = now + datetime.timedelta(minutes=3)
    assert question_emails_send(now=later)["retry"] == 1
    email.refresh_from_db()
    assert email.next_attempt_at == later + datetime.timedelta(minutes=4)
    # The server is back: the same email goes out.
    monkeypatch.undo()
    assert question_emails_send(now=later + datetime.timedelta(hours=1))["sent"] == 1
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == "sent" and email.attempts == 3


def test_email_given_up_after_the_last_attempt_stays_visible(monkeypatch, settings):
    settings.QUESTIONS_EMAIL_MAX_ATTEMPTS = 2
    email = question_email_queue(question=QuestionFactory())
    monkeypatch.setattr(
        "questions.services.send_mail",
        lambda *a, **k: (_ for _ in ()).throw(OSError("refused")),
    )
    question_emails_send(now=timezone.now())
    assert question_emails_send(now=timezone.now() + datetime.timedelta(days=1)) == {
        "sent": 0,
        "failed": 1,
        "retry": 0,
    }
    email.refresh_from_db()
    assert email.status == "failed" and email.attempts == 2


def test_send_command(capsys):
    question_email_queue(question=QuestionFactory())
    call_command("send_question_emails")
    assert "Sent 1" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_purge_removes_personal_data_after_retention(settings, tmp_path):
    settings.QUESTIONS_RETENTION_DAYS = 30
    old = published(
        received_at=timezone.now() - datetime.timedelta(days=31),
        attachment=SimpleUploadedFile("don.pdf", PDF_BYTES),
        attachment_kind="pdf",
    )
    storage, name = old.attachment.storage, old.attachment.name
    assert storage.exists(name)
    question_email_queue(question=old)
    recent = QuestionFactory(received_at=timezone.now() - datetime.timedelta(days=29))
    call_command("purge_question_personal_data", stdout=__import__("io").StringIO())
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.phone, old.email, old.address) == ("", "", "", "")
    assert old.personal_data_purged_at is not None
    assert not old.emails.exists()
    assert not old.attachment and not storage.exists(name)
    # The published answer stays public.
    assert list(Question.objects.published()) == [old]
    assert recent.name and recent.email and recent.personal_data_purged_at is None
    # Running again changes nothing.
    assert question_personal_data_purge() == 0
