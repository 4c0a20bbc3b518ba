from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import (
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from core.html import EDITOR_EXTENSIONS, sanitize_html, split_blocks
from core.text import (
    fold_for_search,
    html_to_text,
    nfc,
    normalise_translations,
    unique_slug,
)
from photos.models import library_upload_to

# What the body editor offers; core.html.sanitize_html enforces it on save.


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
            .select_related("category", "cover__photo")
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

    def most_read(self, days: int = 7):
        """Published articles read in the last ``days`` days (today included),
        most read first, each with ``recent_views``: one query over the daily
        counts of those days."""
        since = timezone.localdate() - timedelta(days=days - 1)
        return (
            self.for_listing()
            .filter(daily_views__day__gte=since)
            .annotate(recent_views=Sum("daily_views__views"))
            .order_by("-recent_views", "-publish_at", "-pk")
        )

    def with_view_total(self):
        """Each article with ``view_total``, its views of all time."""
        return self.annotate(
            view_total=Coalesce(
                Subquery(
                    ArticleViews.objects.filter(article=OuterRef("pk"))
                    .values("article")
                    .annotate(total=Sum("views"))
                    .values("total")
                ),
                0,
            )
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
        RETURNED = "returned", _("Returned for changes")
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
        _("body"), blank=True, extensions=EDITOR_EXTENSIONS, sanitize=sanitize_html
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
    # Optimistic locking: every save adds one; a form saved from an older
    # version is refused (news.admin.ArticleAdminForm).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Folded text for the site search (core.sections.Search), set in save().
    search_title = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish and unpublish articles")),
            ("review_article", _("Can edit any article and return it with comments")),
        ]
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
        if self.pk and not self._state.adding:
            self.version = (self.version or 0) + 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:article-detail", kwargs={"slug": self.slug})

    def search_fields(self):
        """(folded titles, folded summaries, bodies and the captions and alt
        texts of its photos), both languages."""
        photos = self.photos.select_related("photo").order_by("pk") if self.pk else []
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

    def placed_photos(self):
        """The article's photos with their library photos, fetched in one
        query and kept on the article (the cover and the body share them)."""
        prefetch_related_objects(
            [self],
            Prefetch("photos", queryset=Photo.objects.select_related("photo")),
        )
        return list(self.photos.all())

    def photo_snapshot(self) -> list[dict]:
        """The article's photos as a version keeps them: which library photo,
        the captions for this article, the place and the order."""
        return [
            {"photo": row.pop("photo_id"), **row}
            for row in self.photos.order_by("after_paragraph", "order", "pk").values(
                "photo_id", *PHOTO_SNAPSHOT_FIELDS
            )
        ]

    def record_photos(self) -> None:
        """Keep the current photos on the latest saved version (the photos
        are saved after the article in the admin, by the inline)."""
        history = type(self).history
        latest = (
            history.filter(id=self.pk)
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        history.model.objects.filter(history_id__in=Subquery(latest)).update(
            photos=self.photo_snapshot()
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


PHOTO_SNAPSHOT_FIELDS = (
    "caption_override_vi",
    "caption_override_en",
    "after_paragraph",
    "order",
)


class ArticleVersionPhotos(models.Model):
    """What the article's history adds to simple-history's columns: the
    photos of each version (None for versions saved before they were kept)."""

    photos = models.JSONField(_("photos"), null=True, blank=True, default=None)

    class Meta:
        abstract = True


def photo_upload_to(instance, filename):
    """Named by migrations 0001-0006; photos now live in the library."""
    return library_upload_to(instance, filename)


class Photo(models.Model):
    """A library photo placed in an article, where the editor chose, with an
    optional caption for this article only. Templates read it like a photo:
    caption, alt, credit and the renditions come from the library."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("article"),
    )
    photo = models.ForeignKey(
        "photos.Photo",
        on_delete=models.PROTECT,
        related_name="article_uses",
        verbose_name=_("library photo"),
        help_text=_(
            "Search the library by caption, place or photographer, or add a new "
            "photo with the + button: it is kept in the library for other articles."
        ),
    )
    caption_override = models.CharField(
        _("caption in this article"),
        max_length=500,
        blank=True,
        help_text=_("Leave empty to use the library caption."),
    )
    after_paragraph = models.PositiveSmallIntegerField(
        _("after paragraph"),
        default=0,
        help_text=_(
            "Place the photo after this paragraph of the body (0 = before the first)."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["after_paragraph", "order", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return str(self.caption or self.photo)

    def save(self, *args, **kwargs):
        normalise_translations(self, "caption_override")
        super().save(*args, **kwargs)
        self.article.refresh_search_fields()
        self.article.record_photos()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.article.refresh_search_fields()
        self.article.record_photos()
        return result

    @property
    def caption(self):
        return self.caption_override or self.photo.caption

    @property
    def alt(self):
        return self.photo.alt

    @property
    def credit(self):
        return self.photo.credit

    @property
    def image(self):
        return self.photo.image

    @property
    def renditions(self):
        return self.photo.renditions

    @property
    def srcset(self):
        return self.photo.srcset

    @property
    def fallback(self):
        return self.photo.fallback

    @property
    def largest_rendition_url(self):
        return self.photo.largest_rendition_url

    def search_texts(self):
        """This article's captions, then the library photo's texts."""
        return [
            self.caption_override_vi,
            self.caption_override_en,
            *self.photo.search_texts(),
        ]


# The texts a revision carries and a comparison shows, in both languages.
REVISED_FIELDS = tuple(
    f"{name}_{language}"
    for name in ("title", "summary", "body", "byline", "source")
    for language in ("vi", "en")
) + ("category_id", "is_featured")


class ArticleRevision(models.Model):
    """Edits to a published article by someone who may not publish it: kept
    aside, while the public keeps seeing the published version, until an
    approver approves them (like Wagtail's draft of a live page)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")
        SUPERSEDED = "superseded", _("Replaced by a later edit")

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("article"),
    )
    content = models.JSONField(_("content"), default=dict)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PENDING
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pending edit")
        verbose_name_plural = _("pending edits")

    def __str__(self):
        return self.content.get("title_vi") or str(self.article)


class ArticleTransition(models.Model):
    """One step of an article's review: who, when, from which status to
    which, and the note or comment given."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submitted for review")
        RETURN = "return", _("Returned with comments")
        APPROVE = "approve", _("Approved and published")
        SCHEDULE = "schedule", _("Approved, scheduled")
        UNPUBLISH = "unpublish", _("Unpublished")
        STATUS = "status", _("Status changed")
        EDIT_SUBMIT = "edit_submit", _("Edit of the published article submitted")
        EDIT_RETURN = "edit_return", _("Edit of the published article returned")
        EDIT_APPROVE = "edit_approve", _("Edit of the published article approved")
        RESTORE = "restore", _("Older version restored as a draft")

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("article"),
    )
    revision = models.ForeignKey(
        ArticleRevision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transitions",
        verbose_name=_("pending edit"),
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    from_status = models.CharField(
        _("from"), max_length=12, choices=Article.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("to"), max_length=12, choices=Article.Status.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")

    def __str__(self):
        return f"{self.get_action_display()}: {self.article_id}"


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


class ArticleViews(models.Model):
    """How many times an article was read on one day (Vietnam time), counted
    in the cache and added here in batches (news.most_read). Nothing about
    the readers is stored."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="daily_views",
        verbose_name=_("article"),
    )
    day = models.DateField(_("day"), db_index=True)
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("daily views")
        verbose_name_plural = _("daily views")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "day"], name="article_views_one_row_per_day"
            )
        ]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.views}"
