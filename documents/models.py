"""Official documents (văn bản) and drafts put to public consultation
(Nghị định 42/2022/NĐ-CP, Art. 4 and 8).

A Document is issued by an organisation.Unit (the registry commendation
decisions use too) and carries one or more DocumentFile attachments, checked
by their bytes (documents.files). A Draft is open for comments between two
dates; its Comments are moderated and their contact details never shown.
"""

import datetime
import re
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from core.html import EDITOR_EXTENSIONS, sanitize_html
from core.models import NamedEntry
from core.text import (
    clean_text,
    fold_for_search,
    html_to_text,
    nfc,
    normalise_translations,
    search_key,
    unique_slug,
)

from .files import FileKind, check_upload


def rich_text(verbose_name, **kwargs):
    return ProseEditorField(
        verbose_name,
        blank=True,
        extensions=EDITOR_EXTENSIONS,
        sanitize=sanitize_html,
        **kwargs,
    )


# “1234/QĐ-UBND”, “15/KH-UBND”, “42/2022/NĐ-CP”, “05a/TB-VP.UBND”, “88/TTr-UBND”:
# a number (with an optional letter), an optional year, and the symbol: parts
# of letters and digits joined by “-” or “.”, starting with a capital.
NUMBER_RE = re.compile(
    r"^(?P<number>\d{1,6}[a-z]?)/(?:(?P<year>\d{4})/)?"
    r"(?P<symbol>[A-ZĐ][A-ZĐa-zđ0-9]*(?:[-.][A-ZĐa-zđ0-9]+)*)$"
)
_NUMBER_SPACES = re.compile(r"\s*([/.-])\s*")


def normalise_number(value: str) -> str:
    """“1234 / QĐ - UBND” -> “1234/QĐ-UBND” (the case is kept: “TTr”)."""
    return _NUMBER_SPACES.sub(r"\1", clean_text(value))


def validate_number(value: str) -> None:
    if not NUMBER_RE.match(normalise_number(value)):
        raise ValidationError(
            _(
                "“%(value)s” is not a document number and symbol: write it as "
                "printed on the document, e.g. “1234/QĐ-UBND” or “42/2022/NĐ-CP”."
            ),
            code="bad_number",
            params={"value": value},
        )


class SluggedEntry(NamedEntry):
    """A registry entry with a slug for URLs, made from its Vietnamese name."""

    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Part of the address; made from the name if left empty."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            name = getattr(self, "name_vi", None) or self.name
            self.slug = unique_slug(
                type(self), name, instance_pk=self.pk, max_length=100
            )
        super().save(*args, **kwargs)


class DocumentType(SluggedEntry):
    """Nghị quyết, Quyết định, Kế hoạch…: managed by editors, seeded by 0001."""

    code = models.CharField(
        _("abbreviation"),
        max_length=10,
        blank=True,
        help_text=_("As in the symbol of its numbers: “QĐ”, “KH”, “NQ”."),
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("document type")
        verbose_name_plural = _("document types")

    def get_absolute_url(self):
        return f"{reverse('documents:document-list')}?type={self.slug}"


class DocumentField(SluggedEntry):
    """A field (lĩnh vực): land, education, health…"""

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")


class Status(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    NOT_YET = "not_yet", _("Not yet in force")
    EXPIRED = "expired", _("No longer in force")
    REPLACED = "replaced", _("Replaced")
    AMENDED = "amended", _("Amended")


class DocumentQuerySet(models.QuerySet):
    def public(self):
        """What visitors may see: documents marked public whose publication
        time has come."""
        return self.filter(is_public=True, published_at__lte=timezone.now())

    def for_listing(self):
        """Public documents, newest first, with what a list line shows."""
        return (
            self.public()
            .select_related("document_type", "issuer", "field")
            .order_by("-issued_on", "-pk")
        )

    def for_sitemap(self):
        return self.public().only("pk", "updated_at").order_by("-pk")

    def next_change_at(self):
        """When the next scheduled document becomes public, if any."""
        return (
            self.filter(is_public=True, published_at__gt=timezone.now())
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )

    def search(self, text: str):
        """Documents whose number, excerpt, signer or full text contain every
        syllable of ``text``, ignoring case and diacritics."""
        words = fold_for_search(text).split()
        queryset = self
        for word in words[:20]:
            queryset = queryset.filter(
                Q(search_title__contains=f" {word} ")
                | Q(search_text__contains=f" {word} ")
            )
        # The document whose number was typed comes before those citing it.
        exact = search_key(normalise_number(text))
        return queryset.order_by(
            Case(When(number_key=exact, then=0), default=1),
            "-issued_on",
            "-pk",
        )


class Document(models.Model):
    Status = Status

    document_type = models.ForeignKey(
        DocumentType,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("document type"),
    )
    number = models.CharField(
        _("number and symbol"),
        max_length=60,
        validators=[validate_number],
        help_text=_("Số ký hiệu, as printed: “1234/QĐ-UBND”."),
    )
    number_key = models.CharField(max_length=60, editable=False, db_index=True)
    issuer = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("issuing body"),
    )
    signer_name = models.CharField(_("signed by"), max_length=120, blank=True)
    signer_title = models.CharField(
        _("signer's title"),
        max_length=160,
        blank=True,
        help_text=_("e.g. “Chủ tịch UBND thị xã”."),
    )
    field = models.ForeignKey(
        DocumentField,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("field"),
    )
    issued_on = models.DateField(_("date issued"))
    year = models.PositiveSmallIntegerField(_("year"), editable=False, db_index=True)
    effective_on = models.DateField(_("date in force"), null=True, blank=True)
    expires_on = models.DateField(_("no longer in force from"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.IN_FORCE
    )
    excerpt = models.TextField(
        _("excerpt"),
        max_length=2000,
        help_text=_("Trích yếu: “Về việc ban hành Kế hoạch…”."),
    )
    body = rich_text(
        _("full text"),
        help_text=_("Optional: the text of the document, for reading and search."),
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown on the portal.")
    )
    published_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        help_text=_("A later time publishes the document then."),
    )
    related = models.ManyToManyField(
        "self",
        through="DocumentRelation",
        through_fields=("source", "target"),
        symmetrical=False,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Folded text for search (core.sections.Search), set in save().
    search_title = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["issued_on"], name="document_issued_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number_key", "year"], name="document_unique_number"
            ),
        ]

    def __str__(self):
        return (
            f"{self.number} – {self.issued_on:%d/%m/%Y}"
            if self.issued_on
            else (self.number)
        )

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.expires_on
            and self.effective_on
            and self.expires_on < self.effective_on
        ):
            errors["expires_on"] = _(
                "A document cannot stop being in force before it comes into force."
            )
        if self.number and self.issued_on and self.issuer_id:
            duplicate = (
                Document.objects.filter(
                    issuer_id=self.issuer_id,
                    number_key=search_key(normalise_number(self.number)),
                    year=self.issued_on.year,
                )
                .exclude(pk=self.pk)
                .first()
            )
            if duplicate:
                errors["number"] = _(
                    "This issuing body already has document %(number)s in "
                    "%(year)d (issued %(date)s)."
                ) % {
                    "number": duplicate.number,
                    "year": duplicate.year,
                    "date": duplicate.issued_on.strftime("%d/%m/%Y"),
                }
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.set_derived_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:document-detail", kwargs={"pk": self.pk})

    @property
    def is_visible(self):
        return self.is_public and self.published_at <= timezone.now()

    @property
    def dates_out_of_order(self):
        return bool(
            self.effective_on and self.issued_on and self.effective_on < self.issued_on
        )

    def set_derived_fields(self):
        """What save() does before writing; paths that bulk_create call it."""
        self.number = normalise_number(self.number or "")
        self.number_key = search_key(self.number)
        self.signer_name = clean_text(self.signer_name)
        self.signer_title = clean_text(self.signer_title)
        if self.issued_on:
            self.year = self.issued_on.year
        for language in ("vi", "en"):
            excerpt = f"excerpt_{language}"
            setattr(self, excerpt, nfc(getattr(self, excerpt, "") or "").strip())
            body = f"body_{language}"
            setattr(self, body, sanitize_html(nfc(getattr(self, body, "") or "")))
        self.search_title = fold_for_search(
            self.number, self.excerpt_vi, self.excerpt_en
        )
        self.search_text = fold_for_search(
            self.signer_name,
            self.signer_title,
            html_to_text(self.body_vi),
            html_to_text(self.body_en),
        )

    def legal_force(self):
        """schema.org legislationLegalForce."""
        if self.status == Status.IN_FORCE:
            return "InForce"
        if self.status == Status.AMENDED:
            return "PartiallyInForce"
        return "NotInForce"


class DocumentRelation(models.Model):
    """``source`` replaces, amends or guides ``target``."""

    class Kind(models.TextChoices):
        REPLACES = "replaces", _("replaces")
        AMENDS = "amends", _("amends")
        GUIDES = "guides", _("guides the implementation of")

    source = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="relations_out",
        verbose_name=_("document"),
    )
    kind = models.CharField(_("relation"), max_length=10, choices=Kind.choices)
    target = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="relations_in",
        verbose_name=_("related document"),
    )

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("related document")
        verbose_name_plural = _("related documents")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="document_relation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")),
                name="document_relation_not_self",
                violation_error_message=_("A document cannot refer to itself."),
            ),
        ]

    def __str__(self):
        return f"{self.source.number} {self.get_kind_display()} {self.target.number}"

    def clean(self):
        super().clean()
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError({"target": _("A document cannot refer to itself.")})

    @property
    def reverse_label(self):
        return {
            self.Kind.REPLACES: _("Replaced by"),
            self.Kind.AMENDS: _("Amended by"),
            self.Kind.GUIDES: _("Implementation guided by"),
        }[self.kind]

    @property
    def label(self):
        return {
            self.Kind.REPLACES: _("Replaces"),
            self.Kind.AMENDS: _("Amends"),
            self.Kind.GUIDES: _("Guides the implementation of"),
        }[self.kind]


def file_upload_to(instance, filename):
    return f"documents/{timezone.now():%Y/%m}/{secrets.token_hex(12)}.{instance.kind}"


class DocumentFile(models.Model):
    """An attachment of a document or of a draft; the original file name is
    kept for the download, the stored name is random."""

    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
        verbose_name=_("document"),
    )
    draft = models.ForeignKey(
        "Draft",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
        verbose_name=_("draft"),
    )
    file = models.FileField(_("file"), upload_to=file_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255, editable=False)
    kind = models.CharField(
        _("format"), max_length=5, choices=FileKind.choices, editable=False
    )
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=True, draft__isnull=False)
                | Q(document__isnull=False, draft__isnull=True),
                name="document_file_one_owner",
            ),
        ]

    def __str__(self):
        return self.original_name

    def clean(self):
        super().clean()
        upload = self.file
        if upload and not getattr(upload, "_committed", True):
            try:
                self.original_name, self.kind, self.size = check_upload(upload)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error

    def save(self, *args, **kwargs):
        if self.file and not getattr(self.file, "_committed", True):
            self.original_name, self.kind, self.size = check_upload(self.file)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:file-download", kwargs={"pk": self.pk})

    @property
    def is_inline(self):
        return self.kind == FileKind.PDF


class DraftQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def open_on(self, day: datetime.date):
        return self.filter(opens_on__lte=day, closes_on__gte=day)

    def closed_on(self, day: datetime.date):
        return self.filter(closes_on__lt=day)

    def for_listing(self):
        return self.public().select_related("document_type", "issuer")


class Draft(models.Model):
    """A draft document put to public consultation (lấy ý kiến dự thảo)."""

    title = models.CharField(_("title"), max_length=300)
    document_type = models.ForeignKey(
        DocumentType,
        on_delete=models.PROTECT,
        related_name="drafts",
        verbose_name=_("document type"),
    )
    issuer = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        related_name="drafts",
        verbose_name=_("drafting body"),
    )
    field = models.ForeignKey(
        DocumentField,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="drafts",
        verbose_name=_("field"),
    )
    excerpt = models.TextField(_("summary"), max_length=2000)
    body = rich_text(_("full text"))
    opens_on = models.DateField(_("comments open on"))
    closes_on = models.DateField(_("comments close on"))
    is_public = models.BooleanField(_("public"), default=True)
    report = rich_text(
        _("report on the comments"),
        help_text=_(
            "Báo cáo tiếp thu, giải trình: what was taken on board and why; "
            "shown once the period has ended."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DraftQuerySet.as_manager()

    class Meta:
        ordering = ["-closes_on", "-pk"]
        verbose_name = _("draft for consultation")
        verbose_name_plural = _("drafts for consultation")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="draft_period_in_order",
                violation_error_message=_(
                    "The consultation must not close before it opens."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        normalise_translations(self, "title", clean=clean_text)
        normalise_translations(
            self, "body", "report", clean=lambda v: sanitize_html(nfc(v))
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:draft-detail", kwargs={"pk": self.pk})

    def is_open(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on

    def has_ended(self, day: datetime.date | None = None) -> bool:
        return (day or timezone.localdate()) > self.closes_on


class Comment(models.Model):
    """A citizen's comment on a draft. Contact details are for the drafting
    body only: the public page shows the name, the date and the text."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    draft = models.ForeignKey(
        Draft,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("draft"),
    )
    name = models.CharField(_("full name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    body = models.TextField(_("comment"), max_length=5000)
    consent_at = models.DateTimeField(_("consent given"), editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.name} – {self.draft}"

    def save(self, *args, **kwargs):
        self.name = clean_text(self.name)
        self.body = nfc(self.body).strip()
        if not self.consent_at:
            self.consent_at = timezone.now()
        super().save(*args, **kwargs)
