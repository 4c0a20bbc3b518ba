"""The commendation registry (Luật Thi đua, khen thưởng 2022; Nghị định 98/2023).

A Decision (quyết định khen thưởng) honours recipients, one Award row each. The
same person or collective across decisions is one Recipient, recognised by a
diacritic-insensitive key of kind, name and unit (see RecipientKey).
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.models import NamedEntry
from core.text import (
    clean_text,
    fold_for_search,
    nfc,
    normalise_translations,
    search_key,
)
from organisation.models import Level, Unit

PDF_MAGIC = b"%PDF-"
SCAN_MAX_BYTES = getattr(settings, "AWARDS_SCAN_MAX_BYTES", 10 * 1024 * 1024)


class RecipientKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")
    HOUSEHOLD = "household", _("Household")


class AwardForm(NamedEntry):
    """A form of commendation (Giấy khen, Bằng khen, Huân chương…) or an
    emulation title (Lao động tiên tiến, Chiến sĩ thi đua cơ sở…)."""

    class Kind(models.TextChoices):
        FORM = "form", _("Form of commendation")
        TITLE = "title", _("Emulation title")

    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.FORM
    )
    has_classes = models.BooleanField(
        _("has classes"),
        default=False,
        help_text=_("Awarded in classes: Nhất, Nhì, Ba (e.g. Huân chương Lao động)."),
    )
    allowed_levels = models.ManyToManyField(
        Level,
        blank=True,
        related_name="award_forms",
        verbose_name=_("levels that may award it"),
        help_text=_(
            "Recording it from another level shows a warning. Empty: any level."
        ),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("award form or title")
        verbose_name_plural = _("award forms and titles")


def validate_pdf(file):
    if file.size > SCAN_MAX_BYTES:
        raise ValidationError(
            _("The scan is too large: at most %(size)d MB."),
            code="too_large",
            params={"size": SCAN_MAX_BYTES // (1024 * 1024)},
        )
    file.seek(0)
    header = file.read(1024)
    file.seek(0)
    if PDF_MAGIC not in header:
        raise ValidationError(_("The scan must be a PDF file."), code="not_pdf")


def scan_upload_to(instance, filename):
    return f"decisions/{instance.date:%Y}/{secrets.token_hex(8)}.pdf"


class DecisionQuerySet(models.QuerySet):
    def public(self):
        """What the public may see: issued decisions (never drafts or revoked)."""
        return self.filter(status=Decision.Status.ISSUED)

    def with_counts(self):
        kinds = RecipientKind
        return self.annotate(
            collective_count=Count("awards", filter=Q(awards__kind=kinds.COLLECTIVE)),
            individual_count=Count("awards", filter=Q(awards__kind=kinds.INDIVIDUAL)),
            household_count=Count("awards", filter=Q(awards__kind=kinds.HOUSEHOLD)),
        )

    def for_sitemap(self):
        return self.public().only("pk", "updated_at").order_by("-pk")

    def for_listing(self):
        """Public decisions, newest first, with issuer, counts and award forms."""
        return (
            self.public()
            .select_related("issuer__level")
            .with_counts()
            .prefetch_related(
                models.Prefetch("forms", queryset=AwardForm.objects.distinct())
            )
            .order_by("-date", "-pk")
        )


class Decision(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")
        REVOKED = "revoked", _("Revoked")

    number = models.CharField(
        _("number and symbol"), max_length=60, help_text=_("e.g. “163/QĐ-UBND”.")
    )
    number_key = models.CharField(max_length=60, editable=False, db_index=True)
    date = models.DateField(_("date"))
    year = models.PositiveSmallIntegerField(
        _("award year"),
        blank=True,
        validators=[MinValueValidator(1945), MaxValueValidator(2200)],
        help_text=_(
            "The year the commendation is for; the year of the date if left empty."
        ),
    )
    issuer = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("issuing body"),
    )
    signer_name = models.CharField(_("signed by"), max_length=120, blank=True)
    signer_title = models.CharField(
        _("signer's title"),
        max_length=160,
        blank=True,
        help_text=_("e.g. “Chủ tịch UBND thị xã”."),
    )
    excerpt = models.TextField(
        _("excerpt"), blank=True, help_text=_("Trích yếu: “Về việc khen thưởng…”.")
    )
    achievement = models.TextField(
        _("achievement"),
        blank=True,
        help_text=_(
            "Shared by all recipients unless a row says otherwise: "
            "“Đã có thành tích xuất sắc…”."
        ),
    )
    period_start = models.PositiveSmallIntegerField(
        _("period from (year)"), null=True, blank=True
    )
    period_end = models.PositiveSmallIntegerField(
        _("period to (year)"), null=True, blank=True
    )
    scan = models.FileField(
        _("scan (PDF)"),
        upload_to=scan_upload_to,
        blank=True,
        validators=[validate_pdf],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    revoked_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revokes",
        verbose_name=_("revoked by"),
    )
    article = models.ForeignKey(
        "news.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("news article"),
        help_text=_("The article that reports this commendation."),
    )
    forms = models.ManyToManyField(
        AwardForm,
        through="Award",
        through_fields=("decision", "form"),
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # “Trần Thị Hoa – Giấy khen; …”: who is honoured with what, kept by
    # Award.save() and delete() and the import (refresh_recipients), so that
    # site search finds a person and shows that person and award.
    recipients_text = models.TextField(editable=False, blank=True, default="")
    # Folded text for site search (core.sections.Search), set in save().
    search_title = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number_key", "date"], name="decision_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="decision_period_in_order",
                violation_error_message=_("The period must not end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(revoked_by__isnull=True) | Q(status="revoked"),
                name="decision_revoked_by_only_if_revoked",
                violation_error_message=_(
                    "Only a revoked decision has a revoking decision."
                ),
            ),
        ]

    def __str__(self):
        return _("Decision %(number)s of %(date)s") % {
            "number": self.number,
            "date": self.date.strftime("%d/%m/%Y") if self.date else "",
        }

    def clean(self):
        super().clean()
        if self.revoked_by_id and self.revoked_by_id == self.pk:
            raise ValidationError({"revoked_by": _("A decision cannot revoke itself.")})

    def save(self, *args, **kwargs):
        self.set_derived_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("awards:decision-detail", kwargs={"pk": self.pk})

    @property
    def is_public(self):
        return self.status == self.Status.ISSUED

    def set_derived_fields(self):
        """Compose the texts and set the number key, year and search columns:
        what save() does before writing, for paths that bulk_create."""
        self.number = nfc(self.number or "").strip()
        self.number_key = search_key(self.number)
        self.signer_name = nfc(self.signer_name)
        normalise_translations(self, "signer_title", "excerpt", "achievement")
        if not self.year and self.date:
            self.year = self.date.year
        self.search_title, self.search_text = self.search_fields()

    def search_fields(self):
        """(folded number and excerpts, folded achievements, signer and
        recipients)."""
        return (
            fold_for_search(self.number, self.excerpt_vi, self.excerpt_en),
            fold_for_search(
                self.achievement_vi,
                self.achievement_en,
                self.signer_name,
                self.signer_title_vi,
                self.signer_title_en,
                self.recipients_text,
            ),
        )

    # The search snippet reads translated fields (core.sections.Search): the
    # names are the same in both languages.
    @property
    def recipients_text_vi(self):
        return self.recipients_text

    recipients_text_en = recipients_text_vi

    @classmethod
    def refresh_recipients(cls, pks, *, batch_size=900):
        """Recompute the recipients text and search columns of these
        decisions from their rows: three queries a batch of decisions."""
        pks = sorted(set(pks))
        for start in range(0, len(pks), batch_size):
            batch = pks[start : start + batch_size]
            decisions = cls.objects.in_bulk(batch)
            names = {}
            rows = Award.objects.filter(decision_id__in=batch).select_related("form")
            with translation.override("vi"):
                for award in rows.order_by("decision_id", "order", "pk"):
                    names.setdefault(award.decision_id, []).append(
                        f"{award.name} – {award.award_name}"
                    )
            for decision in decisions.values():
                decision.recipients_text = "; ".join(names.get(decision.pk, []))
                decision.search_title, decision.search_text = decision.search_fields()
            cls.objects.bulk_update(
                decisions.values(),
                ["recipients_text", "search_title", "search_text"],
                batch_size=batch_size,
            )

    def recipients_display(self):
        """“12 collectives, 20 individuals”, from the with_counts() annotations."""
        parts = [
            ngettext("%(count)d collective", "%(count)d collectives", count)
            % {"count": count}
            for count in [self.collective_count]
            if count
        ]
        parts += [
            ngettext("%(count)d household", "%(count)d households", count)
            % {"count": count}
            for count in [self.household_count]
            if count
        ]
        parts += [
            ngettext("%(count)d individual", "%(count)d individuals", count)
            % {"count": count}
            for count in [self.individual_count]
            if count
        ]
        return ", ".join(parts)

    def summary(self):
        """One sentence for lists, from for_listing(): “Decision no. 163/QĐ-UBND
        of 05/12/2019 by … awarding Giấy khen to 12 collectives, 20 individuals,
        for: …”."""
        forms = list(dict.fromkeys(form.name for form in self.forms.all()))
        values = {
            "number": self.number,
            "date": date_format(self.date, "SHORT_DATE_FORMAT"),
            "by": self.signer_title or self.issuer.name,
            "forms": ", ".join(forms),
            "recipients": self.recipients_display(),
            "achievement": self.achievement.rstrip(". "),
        }
        if self.achievement:
            return (
                gettext(
                    "Decision no. %(number)s of %(date)s by %(by)s awarding %(forms)s "
                    "to %(recipients)s, for: %(achievement)s."
                )
                % values
            )
        return (
            gettext(
                "Decision no. %(number)s of %(date)s by %(by)s awarding %(forms)s "
                "to %(recipients)s."
            )
            % values
        )


class Recipient(models.Model):
    """A person, collective or household, the same one across decisions."""

    kind = models.CharField(_("kind"), max_length=12, choices=RecipientKind.choices)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=255, blank=True)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    match_key = models.CharField(max_length=470, unique=True, editable=False)

    class Meta:
        ordering = ["name_key", "pk"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")

    def __str__(self):
        return f"{self.name} ({self.unit})" if self.unit else self.name

    def save(self, *args, **kwargs):
        self.set_derived_fields()
        super().save(*args, **kwargs)
        RecipientKey.objects.get_or_create(
            key=self.match_key, defaults={"recipient": self}
        )

    def get_absolute_url(self):
        return reverse("awards:recipient-detail", kwargs={"pk": self.pk})

    def set_derived_fields(self):
        """Clean the name and unit and set the keys, as save() does (a
        bulk_create must also add the RecipientKey of ``match_key``)."""
        self.name = clean_text(self.name)
        self.unit = clean_text(self.unit)
        self.name_key = search_key(self.name)
        self.match_key = Recipient.key_for(self.kind, self.name, self.unit)

    @staticmethod
    def key_for(kind, name, unit):
        return f"{kind}|{search_key(name)}|{search_key(unit)}"

    @classmethod
    def resolve(cls, *, kind: str, name: str, unit: str) -> "Recipient":
        """The recipient so named, also under a name merged into another one."""
        known = (
            RecipientKey.objects.filter(key=cls.key_for(kind, name, unit))
            .select_related("recipient")
            .first()
        )
        if known:
            return known.recipient
        recipient = cls(kind=kind, name=name, unit=unit)
        recipient.save()
        return recipient


class RecipientKey(models.Model):
    """Every match key that names a recipient: its own, and those of the
    recipients merged into it, so a later import still finds it."""

    key = models.CharField(max_length=470, unique=True)
    recipient = models.ForeignKey(
        Recipient, on_delete=models.CASCADE, related_name="keys"
    )

    def __str__(self):
        return self.key


class Award(models.Model):
    """One row of a decision: who is honoured, with what, and why."""

    Kind = RecipientKind

    class Class(models.TextChoices):
        FIRST = "1", _("First class")
        SECOND = "2", _("Second class")
        THIRD = "3", _("Third class")

    decision = models.ForeignKey(
        Decision,
        on_delete=models.CASCADE,
        related_name="awards",
        verbose_name=_("decision"),
    )
    order = models.PositiveIntegerField(_("no."), default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("Full name of the person, or name of the collective."),
    )
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("Individuals only.")
    )
    unit = models.CharField(_("unit"), max_length=255, blank=True)
    recipient = models.ForeignKey(
        Recipient,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("recipient"),
        editable=False,
    )
    form = models.ForeignKey(
        AwardForm,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("form or title"),
    )
    award_class = models.CharField(
        _("class"), max_length=1, choices=Class.choices, blank=True
    )
    achievement = models.TextField(
        _("achievement"),
        blank=True,
        help_text=_("Only if it differs from the decision's achievement."),
    )
    posthumous = models.BooleanField(_("posthumous"), default=False)
    bonus_coefficient = models.DecimalField(
        _("bonus (× base salary)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    bonus_amount = models.PositiveBigIntegerField(
        _("bonus amount (VND)"),
        null=True,
        blank=True,
        help_text=_("At the base salary in force on the decision date."),
    )

    class Meta:
        ordering = ["decision", "order", "pk"]
        verbose_name = _("recipient row")
        verbose_name_plural = _("recipients")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "recipient", "form"], name="award_unique_row"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["individual", "collective", "household"]),
                name="award_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.award_name}"

    def clean(self):
        super().clean()
        if self.award_class and self.form_id and not self.form.has_classes:
            raise ValidationError(
                {"award_class": _("This form is not awarded in classes.")}
            )
        if self.kind != self.Kind.INDIVIDUAL and self.posthumous:
            raise ValidationError(
                {"posthumous": _("Only individuals are honoured posthumously.")}
            )

    def save(self, *args, **kwargs):
        self.set_derived_fields()
        # A merge points the row at another recipient: keep it unless the
        # name, unit or kind as printed is edited.
        loaded = getattr(self, "_identity", None)
        if not self.recipient_id or (loaded and loaded != self._current_identity()):
            self.recipient = Recipient.resolve(
                kind=self.kind, name=self.name, unit=self.unit
            )
        super().save(*args, **kwargs)
        self._identity = self._current_identity()
        Decision.refresh_recipients([self.decision_id])

    def delete(self, *args, **kwargs):
        decision_id = self.decision_id
        result = super().delete(*args, **kwargs)
        Decision.refresh_recipients([decision_id])
        return result

    def set_derived_fields(self):
        """Store names and texts clean, as save() does; a bulk_create must
        also set the recipient (see awards.services.awards_import)."""
        self.name = clean_text(self.name)
        self.position = clean_text(self.position)
        self.unit = clean_text(self.unit)
        normalise_translations(self, "achievement")

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if {"kind", "name", "unit"} <= instance.__dict__.keys():
            instance._identity = instance._current_identity()
        return instance

    def _current_identity(self):
        return (self.kind, search_key(self.name), search_key(self.unit))

    @property
    def award_name(self):
        if self.award_class:
            return _("%(form)s, %(class)s") % {
                "form": self.form.name,
                "class": self.get_award_class_display().lower(),
            }
        return self.form.name

    @property
    def effective_achievement(self):
        return self.achievement or self.decision.achievement

    @property
    def is_collective(self):
        return self.kind != self.Kind.INDIVIDUAL


# How long an admin's import preview may wait for its confirmation.
IMPORT_UPLOAD_MAX_AGE = datetime.timedelta(
    seconds=getattr(settings, "AWARDS_IMPORT_UPLOAD_MAX_AGE", 60 * 60)
)


def new_upload_token():
    return secrets.token_urlsafe(32)


class ImportUploadQuerySet(models.QuerySet):
    def stale(self):
        """Uploads too old to confirm: the preview has expired."""
        return self.filter(created_at__lt=timezone.now() - IMPORT_UPLOAD_MAX_AGE)

    def usable(self, *, token: str, owner):
        """The upload behind this token, if fresh and uploaded by ``owner``."""
        return self.filter(
            token=token,
            owner=owner,
            created_at__gte=timezone.now() - IMPORT_UPLOAD_MAX_AGE,
        )


class ImportUpload(models.Model):
    """An import file checked by the admin's preview, waiting for the editor
    to confirm it: its validated rows, under an unguessable token, for its
    owner only, once, within IMPORT_UPLOAD_MAX_AGE."""

    token = models.CharField(
        max_length=64, unique=True, default=new_upload_token, editable=False
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(max_length=255, blank=True)
    # awards.services.ParsedImport.as_json()
    parsed = models.JSONField()
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    objects = ImportUploadQuerySet.as_manager()

    class Meta:
        verbose_name = _("import awaiting confirmation")
        verbose_name_plural = _("imports awaiting confirmation")

    def __str__(self):
        return self.file_name or self.token[:8]
