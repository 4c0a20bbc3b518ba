import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.cache import content_changed
from core.images import PhotoField, RenditionsMixin, upload_extension
from core.text import fold_for_search, normalise_translations, unique_slug


class AlbumQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True)

    def for_listing(self):
        """Published albums, newest event first, with their number of photos
        and the primary key of their first photo (``cover_id``)."""
        first_photo = Photo.objects.filter(album=OuterRef("pk")).order_by("order", "pk")
        return (
            self.public()
            .annotate(
                photo_total=Count("photos"),
                cover_id=Subquery(first_photo.values("pk")[:1]),
            )
            .order_by("-date", "-pk")
        )

    def for_sitemap(self):
        return self.public().only("pk", "slug", "updated_at").order_by("-date", "-pk")


class Album(models.Model):
    """The photos of one event (a conference, a festival, a visit)."""

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Web address; made from the Vietnamese title if left empty."),
    )
    date = models.DateField(_("event date"), default=timezone.localdate, db_index=True)
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(
        _("shown to the public"),
        default=True,
        help_text=_("Untick to keep the album in the library without showing it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AlbumQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("album")
        verbose_name_plural = _("albums")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        normalise_translations(self, "title", "description")
        if not self.slug:
            self.slug = unique_slug(
                Album, self.title_vi or self.title, instance_pk=self.pk
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("photos:album-detail", kwargs={"slug": self.slug})

    @property
    def text_language(self):
        """The page's language, or Vietnamese where no translation exists."""
        language = get_language() or "vi"
        return language if getattr(self, f"title_{language}", "") else "vi"


def library_upload_to(instance, filename):
    return (
        f"photos/{timezone.now():%Y/%m}/{secrets.token_hex(8)}"
        f"{upload_extension(filename)}"
    )


class PhotoQuerySet(models.QuerySet):
    def search(self, term: str):
        """Photos whose caption, alt text, place or credit hold every word of
        ``term``, with or without diacritics."""
        queryset = self
        for word in fold_for_search(term).split():
            queryset = queryset.filter(search_text__contains=f" {word} ")
        return queryset


class Photo(RenditionsMixin, models.Model):
    """A photo of the library: uploaded once, used by any number of articles."""

    image = PhotoField(
        _("image"),
        upload_to=library_upload_to,
        width_field="width",
        height_field="height",
        help_text=_(
            "JPEG, PNG or WebP. Location data (GPS) is removed from the stored file."
        ),
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
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("Where it was taken, e.g. “Hội trường UBND thị xã”."),
    )
    taken_on = models.DateField(_("date taken"), null=True, blank=True, db_index=True)
    credit = models.CharField(
        _("photographer / credit"),
        max_length=160,
        blank=True,
        help_text=_("Photographer, e.g. “Ảnh: Minh Đức”."),
    )
    album = models.ForeignKey(
        Album,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name=_("album"),
    )
    order = models.PositiveSmallIntegerField(_("order in the album"), default=0)
    renditions = models.JSONField(default=dict, editable=False)
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    # Folded caption, alt text, place and credit: the admin's search.
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("library photo")
        verbose_name_plural = _("library photos")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_decorative=True) | ~Q(alt_text_vi=""),
                name="library_photo_alt_text_or_decorative",
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
        normalise_translations(self, "caption", "alt_text", "place", "credit")
        self.search_text = fold_for_search(
            *self.search_texts(), self.place_vi, self.place_en, self.credit_vi
        )
        super().save(*args, **kwargs)
        if self.refresh_renditions_if_changed():
            content_changed()

    @cached_property
    def alt(self):
        return "" if self.is_decorative else self.alt_text

    @property
    def text_language(self):
        """The language the caption is shown in: the page's, or Vietnamese
        where it has no translation (so the page can mark it)."""
        language = get_language() or "vi"
        return language if getattr(self, f"caption_{language}", "") else "vi"

    def search_texts(self):
        """What the site search finds an article by: captions, and the alt
        texts unless the photo is decorative (readers never see those)."""
        texts = [self.caption_vi, self.caption_en]
        if not self.is_decorative:
            texts += [self.alt_text_vi, self.alt_text_en]
        return texts
