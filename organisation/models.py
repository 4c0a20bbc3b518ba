"""The registry of bodies and units: the town's own People's Committee, its
offices and wards, and the outside bodies that issue decisions and documents
(the province, ministries). Commendations, documents and questions point here,
so there is one list to keep, not one per section. The same registry draws the
organisation chart and the contacts of the about pages (Nghị định 42/2022)."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from core.html import EDITOR_EXTENSIONS, sanitize_html
from core.images import PhotoField, RenditionsMixin, upload_extension
from core.models import NamedEntry
from core.text import (
    clean_text,
    fold_for_search,
    html_to_text,
    nfc,
    normalise_translations,
    phone_uri,
    unique_slug,
)

# What the rich-text editors offer; core.html.sanitize_html enforces it on save.
TEXT_EDITOR_EXTENSIONS = {
    name: EDITOR_EXTENSIONS[name]
    for name in (
        "Bold",
        "Italic",
        "Heading",
        "BulletList",
        "OrderedList",
        "ListItem",
        "Blockquote",
        "HardBreak",
        "Link",
        "Table",
        "TableRow",
        "TableHeader",
        "TableCell",
        "History",
    )  # fmt: skip
}

# Addresses under /gioi-thieu/ that the views use: a town page cannot take them.
RESERVED_SLUGS = {
    "co-cau-to-chuc",
    "organisation",
    "chuc-nang-nhiem-vu",
    "functions",
    "lanh-dao",
    "leaders",
    "don-vi",
    "unit",
    "can-bo",
    "person",
}


def text_language(obj, field: str) -> str:
    """The language ``obj``'s texts are shown in: the page's, or Vietnamese
    where ``field`` has no translation (the page marks it with lang="vi")."""
    language = get_language() or "vi"
    return language if getattr(obj, f"{field}_{language}", "") else "vi"


class Level(models.Model):
    """Level of a body (Nhà nước, Bộ/ngành, Tỉnh, Huyện/Thị xã, Xã/phường…)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")

    def __str__(self):
        return self.name


class UnitQuerySet(models.QuerySet):
    def public(self):
        """Units shown on the about pages (the town's own bodies)."""
        return self.filter(is_public=True)

    def for_chart(self):
        """Public units in chart order, each with its leaders (two queries)."""
        return (
            self.public()
            .order_by("order", "name_vi", "pk")
            .defer("functions_vi", "functions_en", "aliases")
            .prefetch_related(
                Prefetch(
                    "positions",
                    queryset=Position.objects.filter(is_leader=True).select_related(
                        "person"
                    ),
                    to_attr="leader_positions",
                )
            )
        )

    def for_sitemap(self):
        return self.public().only("pk", "slug", "updated_at").order_by("order", "pk")


class Unit(NamedEntry):
    """A body or unit: it issues decisions and documents; the town's own
    units are also shown, as a tree, on the about pages."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("People's Committee")
        OFFICE = "office", _("Office or department (phòng, ban)")
        AGENCY = "agency", _("Public service unit")
        WARD = "ward", _("Ward (phường)")
        COMMUNE = "commune", _("Commune (xã)")
        EXTERNAL = "external", _("Outside body")

    level = models.ForeignKey(
        Level, on_delete=models.PROTECT, related_name="bodies", verbose_name=_("level")
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=Kind.choices, default=Kind.OFFICE
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
        help_text=_("The unit above it in the organisation chart."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        unique=True,
        blank=True,
        help_text=_("Web address; filled from the Vietnamese name if left empty."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    functions = ProseEditorField(
        _("functions and tasks"),
        blank=True,
        extensions=TEXT_EDITOR_EXTENSIONS,
        sanitize=sanitize_html,
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, help_text=_("E.g. “0239 3836 135”.")
    )
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_public = models.BooleanField(
        _("shown on the about pages"),
        default=True,
        help_text=_(
            "Untick for outside bodies (the province, ministries) that only issue "
            "documents."
        ),
    )

    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    # Folded text for the site search (core.sections.Search), set in save().
    search_title = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["level__order", "name"]
        verbose_name = _("agency or unit")
        verbose_name_plural = _("agencies and units")

    def save(self, *args, **kwargs):
        normalise_translations(self, "functions", clean=lambda v: sanitize_html(nfc(v)))
        self.address = clean_text(self.address)
        self.phone = clean_text(self.phone)
        if not self.slug:
            self.slug = unique_slug(
                Unit,
                self.name_vi or self.name,
                instance_pk=self.pk,
                max_length=140,
            )
        self.search_title, self.search_text = self.search_fields()
        super().save(*args, **kwargs)

    def search_fields(self):
        """(folded names and other names, folded functions, address and the
        names and titles of the people in it), both languages."""
        positions = (
            self.positions.select_related("person").order_by("pk") if self.pk else []
        )
        return (
            fold_for_search(self.name_vi, self.name_en, self.aliases),
            fold_for_search(
                html_to_text(self.functions_vi),
                html_to_text(self.functions_en),
                self.address,
                *(
                    text
                    for position in positions
                    for text in (
                        position.person.name,
                        position.title_vi,
                        position.title_en,
                    )
                ),
            ),
        )

    def refresh_search_fields(self):
        """Store the folded text again, and only it (a position or a person
        changed); on PostgreSQL the trigger updates the vectors."""
        self.search_title, self.search_text = self.search_fields()
        Unit.objects.filter(pk=self.pk).update(
            search_title=self.search_title, search_text=self.search_text
        )

    def clean(self):
        super().clean()
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A unit cannot be placed under itself.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def get_absolute_url(self):
        return reverse("organisation:unit-detail", kwargs={"slug": self.slug})

    @property
    def text_language(self):
        return text_language(self, "name")

    @property
    def phone_uri(self):
        return phone_uri(self.phone)


def portrait_upload_to(instance, filename):
    return (
        f"portraits/{timezone.now():%Y/%m}/{secrets.token_hex(8)}"
        f"{upload_extension(filename)}"
    )


class PersonQuerySet(models.QuerySet):
    def public(self):
        """People holding a position in a unit shown on the about pages."""
        return self.filter(
            pk__in=Position.objects.filter(unit__is_public=True).values("person_id")
        )


class Person(RenditionsMixin, models.Model):
    """An official whose name, position and official contacts are public."""

    name = models.CharField(_("full name"), max_length=120)
    image = PhotoField(
        _("portrait"),
        upload_to=portrait_upload_to,
        width_field="width",
        height_field="height",
        blank=True,
        help_text=_("Optional. JPEG, PNG or WebP."),
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    renditions = models.JSONField(default=dict, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the portrait shows, for readers who cannot see it, e.g. "
            "“Ông Nguyễn Văn A, Chủ tịch UBND thị xã”. Required with a portrait."
        ),
    )
    phone = models.CharField(_("official phone"), max_length=40, blank=True)
    email = models.EmailField(_("official email"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.image and not (self.alt_text_vi or "").strip():
            raise ValidationError(
                {"alt_text_vi": _("Describe the portrait in alternative text.")}
            )

    def save(self, *args, **kwargs):
        self.name = clean_text(self.name)
        self.phone = clean_text(self.phone)
        for language in ("vi", "en"):
            field = f"alt_text_{language}"
            setattr(self, field, nfc(getattr(self, field)))
        super().save(*args, **kwargs)
        self.refresh_renditions_if_changed()
        for unit in Unit.objects.filter(positions__person=self).distinct():
            unit.refresh_search_fields()

    def get_vcard_url(self):
        return reverse("organisation:person-vcard", kwargs={"pk": self.pk})

    @cached_property
    def alt(self):
        return self.alt_text or self.name

    @property
    def phone_uri(self):
        return phone_uri(self.phone)


class Position(models.Model):
    """A person's post in a unit, e.g. Chủ tịch UBND thị xã."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="positions",
        verbose_name=_("person"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="positions",
        verbose_name=_("unit"),
    )
    title = models.CharField(
        _("title"), max_length=160, help_text=_("E.g. “Phó Chủ tịch UBND thị xã”.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_leader = models.BooleanField(
        _("leader"),
        default=False,
        help_text=_("Shown in the organisation chart and among the leaders."),
    )

    class Meta:
        ordering = ["unit", "order", "pk"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self):
        return f"{self.person} – {self.title}"

    def save(self, *args, **kwargs):
        normalise_translations(self, "title", clean=clean_text)
        super().save(*args, **kwargs)
        self.unit.refresh_search_fields()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.unit.refresh_search_fields()
        return result


class AboutPageQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True)

    def for_menu(self):
        return self.public().only(
            "pk", "slug", "order", "title_vi", "title_en", "summary_vi", "summary_en"
        )


class AboutPage(models.Model):
    """A page about the town: history, geography, population…"""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        unique=True,
        blank=True,
        help_text=_("Web address; filled from the Vietnamese title if left empty."),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One sentence shown in the list.")
    )
    body = ProseEditorField(
        _("body"), blank=True, extensions=TEXT_EDITOR_EXTENSIONS, sanitize=sanitize_html
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AboutPageQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("about page")
        verbose_name_plural = _("about pages")
        constraints = [
            models.CheckConstraint(
                condition=~Q(slug__in=sorted(RESERVED_SLUGS)),
                name="aboutpage_slug_not_reserved",
                violation_error_message=_(
                    "This web address is used by another about page."
                ),
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for language in ("vi", "en"):
            for name in ("title", "summary"):
                field = f"{name}_{language}"
                setattr(self, field, nfc(getattr(self, field)))
            field = f"body_{language}"
            setattr(self, field, sanitize_html(nfc(getattr(self, field) or "")))
        if not self.slug:
            slug = unique_slug(
                AboutPage, self.title_vi or self.title, instance_pk=self.pk
            )
            if slug in RESERVED_SLUGS:
                # "lanh-dao-2" may be taken too (a second page of that title).
                slug = unique_slug(AboutPage, f"{slug}-2", instance_pk=self.pk)
            self.slug = slug
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organisation:about-page", kwargs={"slug": self.slug})

    @property
    def text_language(self):
        """English only where title and body are both translated."""
        language = text_language(self, "title")
        if language != "vi" and self.body_vi and not self.body_en:
            return "vi"
        return language
