"""What happens to a question: submission, the answer's email, the purge."""

import datetime
import html
import logging
import re

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.text import clean_text, nfc

from .models import (
    Question,
    QuestionEmail,
    Topic,
    add_working_days,
    code_digest,
    new_tracking_code,
)

logger = logging.getLogger(__name__)


def question_submit(
    *,
    name: str,
    phone: str,
    email: str,
    address: str,
    topic: Topic,
    title: str,
    content: str,
    attachment=None,
    attachment_kind: str = "",
) -> tuple[Question, str]:
    """Store a citizen's question; return it with its tracking code (shown
    once: only its digest is kept)."""
    now = timezone.now()
    for _attempt in range(5):
        code = new_tracking_code()
        question = Question(
            code_digest=code_digest(code),
            name=clean_text(name),
            phone=clean_text(phone),
            email=email.strip(),
            address=clean_text(address),
            consent_at=now,
            topic=topic,
            title_vi=clean_text(title),
            content_vi=nfc(content).strip(),
            received_at=now,
            due_date=add_working_days(
                timezone.localdate(now), settings.QUESTIONS_ANSWER_WORKING_DAYS
            ),
            attachment_kind=attachment_kind if attachment else "",
        )
        if attachment:
            question.attachment = attachment
        question.set_derived_fields()
        try:
            with transaction.atomic():
                # Not save(): a question nobody may see yet must not start a
                # new content version (that would empty the page cache of the
                # whole site at each submission). bulk_create sends no signal.
                Question.objects.bulk_create([question])
        except IntegrityError:  # the same code twice: about 1 in 2^59
            continue
        return question, code
    raise RuntimeError("No free tracking code after 5 attempts")


def question_save(
    *, question: Question, user=None, lookup_url: str = ""
) -> QuestionEmail | None:
    """Save a question edited by staff; on its first answer, write the email
    to the citizen into the outbox (same transaction) and try it once the
    transaction is committed. Returns the queued email, if any."""
    first_answer = question.has_answer() and question.answered_at is None
    if first_answer and user is not None:
        question.answered_by = user
    with transaction.atomic():
        question.save()
        if not (first_answer and question.email):
            return None
        email = question_email_queue(question=question, lookup_url=lookup_url)
    return email


def question_email_queue(*, question: Question, lookup_url: str = "") -> QuestionEmail:
    with translation.override("vi"):
        context = {
            "question": question,
            "answer_text": answer_as_text(question.answer_vi or question.answer_en),
            "lookup_url": lookup_url or reverse("questions:lookup"),
        }
        # One line: a line break in a header would be refused at sending.
        subject = " ".join(
            render_to_string("questions/email/answered_subject.txt", context).split()
        )
        body = render_to_string("questions/email/answered_body.txt", context)
    return QuestionEmail.objects.create(
        question=question, to=question.email, subject=subject[:200], body=body
    )


_BLOCK_END = re.compile(r"</(p|li|h[2-4]|blockquote)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


def answer_as_text(answer: str) -> str:
    """The sanitised answer as plain text for an email: a line per
    paragraph or list item, entities decoded."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", answer or ""))
    lines = (html.unescape(line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def backoff(attempts: int) -> datetime.timedelta:
    """2, 4, 8… minutes after each failure, at most 12 hours."""
    return datetime.timedelta(minutes=min(2**attempts, 12 * 60))


def question_emails_send(*, now=None, limit: int = 100) -> dict:
    """Send the outbox's emails that are due; a failure is logged and the
    email stays pending with a later attempt, until the last attempt."""
    now = now or timezone.now()
    counts = {"sent": 0, "failed": 0, "retry": 0}
    due = list(
        QuestionEmail.objects.filter(
            status=QuestionEmail.Status.PENDING, next_attempt_at__lte=now
        ).order_by("next_attempt_at", "pk")[:limit]
    )
    for email in due:
        counts[question_email_attempt(email=email, now=now)] += 1
    return counts


def question_email_attempt(*, email: QuestionEmail, now=None) -> str:
    """Try to send one email: "sent", "retry" (logged, tried again later)
    or "failed" (logged, the last attempt)."""
    now = now or timezone.now()
    email.attempts += 1
    try:
        send_mail(
            email.subject,
            email.body,
            settings.DEFAULT_FROM_EMAIL,
            [email.to],
            fail_silently=False,
        )
    except Exception as exc:  # noqa: BLE001 - any failure: log, retry later
        logger.warning(
            "Email %s (question %s) not sent, attempt %s: %s",
            email.pk,
            email.question_id,
            email.attempts,
            exc,
        )
        email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if email.attempts >= settings.QUESTIONS_EMAIL_MAX_ATTEMPTS:
            email.status = QuestionEmail.Status.FAILED
            logger.error(
                "Email %s given up after %s attempts", email.pk, email.attempts
            )
            outcome = "failed"
        else:
            email.next_attempt_at = now + backoff(email.attempts)
            outcome = "retry"
    else:
        email.status = QuestionEmail.Status.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        outcome = "sent"
    email.save(
        update_fields=["attempts", "status", "sent_at", "last_error", "next_attempt_at"]
    )
    return outcome


def question_personal_data_purge(*, now=None) -> int:
    """Remove the contact details and attachments of questions received more
    than QUESTIONS_RETENTION_DAYS ago, and the emails sent to them; the
    question and a published answer stay. Returns how many were purged."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.QUESTIONS_RETENTION_DAYS)
    old = Question.objects.filter(
        received_at__lt=cutoff, personal_data_purged_at__isnull=True
    )
    purged = 0
    for question in old.iterator():
        if question.attachment:
            question.attachment.delete(save=False)
        with transaction.atomic():
            Question.objects.filter(pk=question.pk).update(
                name="",
                phone="",
                email="",
                address="",
                attachment="",
                attachment_kind="",
                personal_data_purged_at=now,
            )
            question.emails.all().delete()
        purged += 1
    return purged
