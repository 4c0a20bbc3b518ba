"""Citizens' questions and feedback (hỏi đáp, phản ánh, kiến nghị).

Nghị định 42/2022/NĐ-CP, Art. 8: a citizen asks without an account, receives a
tracking code and follows the processing online. The code itself is never
stored: only its SHA-256, so a copy of the database does not let anyone read
another citizen's answer. Contact details are personal data (Nghị định
13/2023/NĐ-CP): never on a public page, removed after QUESTIONS_RETENTION_DAYS
by ``manage.py purge_question_personal_data``.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from core.html import sanitize_html
from core.text import fold_for_search, html_to_text, nfc, normalise_translations

ANSWER_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False},
}

# No 0/O, 1/I/L: a code read over the phone or copied by hand stays right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4
CODE_PREFIX = "HL"


def new_tracking_code() -> str:
    """HL-XXXX-XXXX-XXXX: 12 symbols of 31, about 59 bits from ``secrets``."""
    groups = [
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
        for _ in range(CODE_GROUPS)
    ]
    return "-".join([CODE_PREFIX, *groups])


def normalize_code(value: str) -> str | None:
    """The canonical form of a code as typed ("hl 7k2m-…", no hyphens…), or
    None when it cannot be one."""
    symbols = "".join(c for c in (value or "").upper() if c.isalnum())[:40]
    if symbols.startswith(CODE_PREFIX):
        symbols = symbols[len(CODE_PREFIX) :]
    length = CODE_GROUPS * CODE_GROUP_LENGTH
    if len(symbols) != length or any(c not in CODE_ALPHABET for c in symbols):
        return None
    groups = [symbols[i : i + CODE_GROUP_LENGTH] for i in range(0, length, 4)]
    return "-".join([CODE_PREFIX, *groups])


def code_digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """``days`` working days after ``start``, Saturdays and Sundays skipped
    (public holidays are not known to the portal: staff move the date)."""
    current = start
    remaining = max(days, 0)
    while remaining:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def private_storage():
    """Attachments are personal data: kept outside MEDIA_ROOT, never served
    by the web server; staff download them through the admin."""
    return FileSystemStorage(location=settings.QUESTIONS_PRIVATE_ROOT, base_url=None)


def attachment_upload_to(instance, filename):
    extension = "pdf" if filename.lower().endswith(".pdf") else "bin"
    if instance.attachment_kind == Question.AttachmentKind.IMAGE:
        extension = "img"
    return f"questions/{timezone.now():%Y/%m}/{secrets.token_hex(12)}.{extension}"


class TopicQuerySet(models.QuerySet):
    def with_published_counts(self):
        """Topics that have published answers, with how many (one query)."""
        published = models.Q(
            questions__status="published",
            questions__published_at__lte=timezone.now(),
        )
        return self.annotate(
            published_count=models.Count("questions", filter=published)
        ).filter(published_count__gt=0)


class Topic(models.Model):
    """A field the question is about (Đất đai, Xây dựng, Môi trường…)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class QuestionQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: answered questions the agency publishes."""
        return self.filter(
            status=Question.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def for_listing(self):
        return (
            self.published()
            .select_related("topic", "unit")
            .defer("search_title", "search_text", *Question.PERSONAL_FIELDS)
            .order_by("-published_at", "-pk")
        )

    def for_sitemap(self):
        return self.published().only("pk", "updated_at").order_by("-pk")

    def open(self):
        """Not answered yet."""
        return self.filter(
            status__in=(Question.Status.RECEIVED, Question.Status.ASSIGNED)
        )

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def find_by_code(self, code: str):
        """The question with this tracking code, or None. Looked up by the
        code's digest (the code is not stored), then compared in constant time."""
        canonical = normalize_code(code)
        digest = code_digest(canonical or "HL-invalid")
        question = self.filter(code_digest=digest).select_related("unit").first()
        if (
            canonical is None
            or question is None
            or not secrets.compare_digest(question.code_digest, digest)
        ):
            return None
        return question


class Question(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ASSIGNED = "assigned", _("Assigned to a unit")
        ANSWERED = "answered", _("Answered privately")
        PUBLISHED = "published", _("Answered and published")

    class AttachmentKind(models.TextChoices):
        IMAGE = "image", _("Image")
        PDF = "pdf", _("PDF")

    PERSONAL_FIELDS = ("name", "phone", "email", "address", "attachment")

    code_digest = models.CharField(max_length=64, unique=True, editable=False)
    # The citizen (personal data, never public).
    name = models.CharField(_("full name"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    consent_at = models.DateTimeField(_("consent to data processing given"))
    # The question.
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("topic"),
    )
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"))
    attachment = models.FileField(
        _("attachment"),
        upload_to=attachment_upload_to,
        storage=private_storage,
        blank=True,
    )
    attachment_kind = models.CharField(
        _("attachment type"),
        max_length=10,
        choices=AttachmentKind.choices,
        blank=True,
    )
    # Processing.
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.RECEIVED,
        db_index=True,
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("assigned unit"),
    )
    received_at = models.DateTimeField(
        _("received"), default=timezone.now, db_index=True
    )
    due_date = models.DateField(
        _("answer due"),
        null=True,
        blank=True,
        help_text=_("Set from QUESTIONS_ANSWER_WORKING_DAYS working days on receipt."),
    )
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    answer = ProseEditorField(
        _("answer"),
        blank=True,
        extensions=ANSWER_EDITOR_EXTENSIONS,
        sanitize=sanitize_html,
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    is_public = models.BooleanField(
        _("publish question and answer"),
        default=False,
        help_text=_(
            "Shown on the public Questions page once answered. Contact details are "
            "never shown; remove any personal detail from the title and content first."
        ),
    )
    published_at = models.DateTimeField(
        _("publication time"), null=True, blank=True, db_index=True
    )
    personal_data_purged_at = models.DateTimeField(
        _("personal data deleted"), null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Folded text for site search (core.sections.Search), set in save().
    search_title = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return f"#{self.pk} {self.title_vi or self.title}"

    def save(self, *args, **kwargs):
        self.set_derived_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("questions:question-detail", kwargs={"pk": self.pk})

    def set_derived_fields(self):
        """Compose the texts, sanitise the answer, set the status and the
        search columns: what save() does before writing (for bulk_create)."""
        normalise_translations(self, "title", "content")
        normalise_translations(self, "answer", clean=lambda v: sanitize_html(nfc(v)))
        self.set_status()
        self.search_title, self.search_text = self.search_fields()

    @property
    def reference(self):
        return f"#{self.pk}"

    def has_answer(self):
        return bool(self.answer_vi or self.answer_en)

    def set_status(self):
        """The status follows from the row: published if answered and
        public, answered if it has an answer, assigned if it has a unit."""
        now = timezone.now()
        if self.unit_id and not self.assigned_at:
            self.assigned_at = now
        if self.has_answer():
            self.answered_at = self.answered_at or now
            if self.is_public:
                self.status = self.Status.PUBLISHED
                self.published_at = self.published_at or now
            else:
                self.status = self.Status.ANSWERED
                self.published_at = None
        else:
            self.answered_at = None
            self.published_at = None
            self.status = self.Status.ASSIGNED if self.unit_id else self.Status.RECEIVED

    def search_fields(self):
        return (
            fold_for_search(self.title_vi or "", self.title_en or ""),
            fold_for_search(
                self.content_vi or "",
                self.content_en or "",
                html_to_text(self.answer_vi or ""),
                html_to_text(self.answer_en or ""),
            ),
        )

    @property
    def is_overdue(self):
        return (
            self.status in (self.Status.RECEIVED, self.Status.ASSIGNED)
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )

    def steps(self):
        """The processing steps for the citizen's lookup page: (label, done)."""
        order = [
            self.Status.RECEIVED,
            self.Status.ASSIGNED,
            self.Status.ANSWERED,
        ]
        reached = {
            self.Status.RECEIVED: True,
            self.Status.ASSIGNED: bool(self.assigned_at),
            self.Status.ANSWERED: self.has_answer(),
        }
        labels = {
            self.Status.RECEIVED: _("Received"),
            self.Status.ASSIGNED: _("Assigned to a unit"),
            self.Status.ANSWERED: _("Answered"),
        }
        steps = [(labels[s], reached[s]) for s in order]
        steps.append(
            (_("Published"), True)
            if self.status == self.Status.PUBLISHED
            else (
                (_("Answered privately (not published)"), True)
                if self.status == self.Status.ANSWERED
                else (_("Published or answered privately"), False)
            )
        )
        return steps


class QuestionEmail(models.Model):
    """The outbox: an email to a citizen is written here first, in the same
    transaction as the answer, then sent; a failed send is retried with a
    growing delay by ``manage.py send_question_emails``, never lost."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, no more retries")

    question = models.ForeignKey(
        Question,
        on_delete=models.CASCADE,
        related_name="emails",
        verbose_name=_("question"),
    )
    to = models.EmailField(_("recipient address"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("email to a citizen")
        verbose_name_plural = _("emails to citizens")

    def __str__(self):
        return self.subject
