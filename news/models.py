import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from core.cache import content_changed
from core.html import EDITOR_EXTENSIONS, sanitize_html, split_blocks
from core.images import PhotoField, RenditionsMixin
from core.text import fold_for_search, html_to_text, nfc, unique_slug

# What the body editor offers; core.html.sanitize_html enforces it on save.
BODY_EDITOR_EXTENSIONS = EDITOR_EXTENSIONS


class Category(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        unique=True,
        blank=True,
        help_text=_(
            "Web address of the category; filled from the Vietnamese name if left empty."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    show_in_menu = models.BooleanField(_("show in main menu"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        if not self.slug:
            self.slug = unique_slug(
                Category, self.name_vi or self.name, instance_pk=self.pk, max_length=140
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:category-detail", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and its publication time reached.
        Scheduled articles therefore appear on time without any job running."""
        return self.filter(
            status=Article.Status.PUBLISHED, publish_at__lte=timezone.now()
        )

    def for_listing(self):
        """Published articles with what a teaser shows (category, cover photo)."""
        return (
            self.published()
            .select_related("category", "cover")
            .defer("body_vi", "body_en")
            .order_by("-publish_at", "-pk")
        )

    def for_sitemap(self):
        return (
            self.published()
            .only("pk", "slug", "updated_at")
            .order_by("-publish_at", "-pk")
        )

    def next_publication_at(self):
        """When the next scheduled article appears (None if none is waiting)."""
        return (
            self.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )

    def latest_per_category(self, per_category: int):
        """The newest ``per_category`` articles of each category, in one query."""
        return (
            self.for_listing()
            .annotate(
                category_rank=Window(
                    RowNumber(),
                    partition_by=F("category_id"),
                    order_by=[F("publish_at").desc(), F("pk").desc()],
                )
            )
            .filter(category_rank__lte=per_category)
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("Awaiting review")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_(
            "Web address, made from the Vietnamese title when the article is first saved. "
            "It does not change when the title is edited, so links keep working."
        ),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown in lists.")
    )
    body = ProseEditorField(
        _("body"), blank=True, extensions=BODY_EDITOR_EXTENSIONS, sanitize=sanitize_html
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("category"),
    )
    cover = models.ForeignKey(
        "Photo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cover photo"),
        help_text=_(
            "Shown in lists. If empty, the first photo of the article is used."
        ),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        db_index=True,
        help_text=_(
            "Vietnam time (UTC+7). A published article with a time in the future "
            "appears automatically at that time."
        ),
    )
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown at the top of the home page.")
    )
    byline = models.CharField(
        _("author"),
        max_length=160,
        blank=True,
        help_text=_("As printed: e.g. “Nguyễn Văn A”."),
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Nguồn tin, e.g. “Văn phòng HĐND-UBND thị xã”."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Folded text for the site search (core.sections.Search), set in save().
    search_title = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Can publish and unpublish articles"))]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="article_public_idx")
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for language in ("vi", "en"):
            for name in ("title", "summary", "byline", "source"):
                field = f"{name}_{language}"
                setattr(self, field, nfc(getattr(self, field)))
            body_field = f"body_{language}"
            setattr(
                self, body_field, sanitize_html(nfc(getattr(self, body_field) or ""))
            )
        if not self.slug:
            self.slug = unique_slug(
                Article, self.title_vi or self.title, instance_pk=self.pk
            )
        self.search_title, self.search_text = self.search_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:article-detail", kwargs={"slug": self.slug})

    def search_fields(self):
        """(folded titles, folded summaries, bodies and the captions and alt
        texts of its photos), both languages."""
        photos = self.photos.order_by("pk") if self.pk else []
        return (
            fold_for_search(self.title_vi, self.title_en),
            fold_for_search(
                self.summary_vi,
                self.summary_en,
                html_to_text(self.body_vi),
                html_to_text(self.body_en),
                *(text for photo in photos for text in photo.search_texts()),
            ),
        )

    def refresh_search_fields(self):
        """Store the folded text again, and only it (a photo was added,
        edited or deleted); on PostgreSQL the trigger updates the vectors."""
        self.search_title, self.search_text = self.search_fields()
        Article.objects.filter(pk=self.pk).update(
            search_title=self.search_title, search_text=self.search_text
        )

    @property
    def text_language(self):
        """The language the article's texts are shown in: the page's, or
        Vietnamese where no translation exists (so the page can mark it)."""
        language = get_language() or "vi"
        return language if getattr(self, f"title_{language}", "") else "vi"

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()
        )

    def body_with_photos(self, photos):
        """The body as a list of ("html", block) and ("photo", photo) items, each
        photo placed after the paragraph its editor chose."""
        blocks = split_blocks(self.body or "")
        by_position = {}
        for photo in photos:
            by_position.setdefault(min(photo.after_paragraph, len(blocks)), []).append(
                photo
            )
        items = [("photo", photo) for photo in by_position.get(0, [])]
        for index, block in enumerate(blocks, start=1):
            items.append(("html", block))
            items.extend(("photo", photo) for photo in by_position.get(index, []))
        return items


def photo_upload_to(instance, filename):
    return f"photos/{timezone.now():%Y/%m}/{secrets.token_hex(8)}{_extension(filename)}"


def _extension(filename):
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f".{suffix}" if suffix in {"jpg", "jpeg", "png", "webp"} else ""


class Photo(RenditionsMixin, models.Model):
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("article"),
    )
    image = PhotoField(
        _("image"),
        upload_to=photo_upload_to,
        width_field="width",
        height_field="height",
        help_text=_("JPEG, PNG or WebP."),
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    caption = models.CharField(
        _("caption"),
        max_length=500,
        blank=True,
        help_text=_("Shown under the photo, e.g. “Toàn cảnh hội nghị”."),
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the photo shows, for readers who cannot see it. Required unless decorative."
        ),
    )
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Tick only if the photo adds no information."),
    )
    credit = models.CharField(
        _("credit"),
        max_length=160,
        blank=True,
        help_text=_("Photographer, e.g. “Ảnh: Minh Đức”."),
    )
    after_paragraph = models.PositiveSmallIntegerField(
        _("after paragraph"),
        default=0,
        help_text=_(
            "Place the photo after this paragraph of the body (0 = before the first)."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    renditions = models.JSONField(default=dict, editable=False)

    class Meta:
        ordering = ["after_paragraph", "order", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_decorative=True) | ~Q(alt_text_vi=""),
                name="photo_alt_text_or_decorative",
                violation_error_message=_(
                    "Describe the photo in alternative text, or mark it decorative."
                ),
            )
        ]

    def __str__(self):
        return (
            self.caption or self.alt_text or _("Photo %(number)s") % {"number": self.pk}
        )

    def clean(self):
        super().clean()
        if not self.is_decorative and not (self.alt_text_vi or "").strip():
            raise ValidationError(
                {
                    "alt_text_vi": _(
                        "Describe the photo in alternative text, or mark it decorative."
                    )
                }
            )

    def save(self, *args, **kwargs):
        for language in ("vi", "en"):
            for name in ("caption", "alt_text"):
                field = f"{name}_{language}"
                setattr(self, field, nfc(getattr(self, field)))
        self.credit = nfc(self.credit)
        super().save(*args, **kwargs)
        self.article.refresh_search_fields()
        if self.refresh_renditions_if_changed():
            content_changed()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.article.refresh_search_fields()
        return result

    @cached_property
    def alt(self):
        return "" if self.is_decorative else self.alt_text

    def search_texts(self):
        """What the site search finds the article by: captions, and the alt
        texts unless the photo is decorative (readers never see those)."""
        texts = [self.caption_vi, self.caption_en]
        if not self.is_decorative:
            texts += [self.alt_text_vi, self.alt_text_en]
        return texts


class Rating(models.Model):
    """One visitor's stars for one article. The visitor is a keyed hash of an
    anonymous cookie, never a name or an address."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="ratings"
    )
    visitor = models.CharField(max_length=64)
    stars = models.PositiveSmallIntegerField(
        _("stars"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "visitor"], name="one_rating_per_visitor"
            ),
            models.CheckConstraint(
                condition=Q(stars__gte=1, stars__lte=5), name="rating_stars_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.article_id}: {self.stars}"
