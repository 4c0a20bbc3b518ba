import secrets

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audio import CONTENT_TYPES, audio_kind, validate_audio_file
from core.images import PhotoField, RenditionsMixin
from core.text import nfc, normalise_translations


def _random_name(folder, filename):
    # Never the uploader's file name: it may be long, personal or hostile.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    safe_suffix = f".{suffix}" if suffix.isalnum() and len(suffix) <= 5 else ""
    return f"{folder}/{timezone.now():%Y/%m}/{secrets.token_hex(8)}{safe_suffix}"


def upload_map(instance, filename):
    return _random_name("maps", filename)


def upload_song(instance, filename):
    return _random_name("songs", filename)


class Link(models.Model):
    """A website in the "Liên kết website" block (province portal, ministries…)."""

    name = models.CharField(_("name"), max_length=160)
    url = models.URLField(_("address"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("shown"), default=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("website link")
        verbose_name_plural = _("website links")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_vi, self.name_en = nfc(self.name_vi), nfc(self.name_en)
        super().save(*args, **kwargs)


class TownMap(RenditionsMixin, models.Model):
    """A map of the town, with a text alternative for readers who cannot see it."""

    title = models.CharField(_("title"), max_length=200)
    image = PhotoField(
        _("map image"), upload_to=upload_map, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    renditions = models.JSONField(default=dict, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("A short description of the map image."),
    )
    description = models.TextField(
        _("text description"),
        help_text=_(
            "What the map shows, in words: wards and communes, main roads, landmarks. "
            "Read by screen readers and shown under the map."
        ),
    )
    online_map_url = models.URLField(
        _("online map"),
        max_length=500,
        blank=True,
        help_text=_("e.g. an OpenStreetMap link."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("town map")
        verbose_name_plural = _("town maps")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.refresh_renditions_if_changed()

    @property
    def alt(self):
        return self.alt_text


class Song(models.Model):
    """A song about the town, played with the browser's own audio player."""

    title = models.CharField(_("title"), max_length=200)
    composer = models.CharField(_("composer"), max_length=160, blank=True)
    performer = models.CharField(_("performer"), max_length=160, blank=True)
    audio = models.FileField(
        _("audio file"),
        upload_to=upload_song,
        validators=[validate_audio_file],
        help_text=_("MP3, OGG, M4A or WAV."),
    )
    audio_type = models.CharField(max_length=20, editable=False, default="audio/mpeg")
    lyrics = models.TextField(_("lyrics"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("shown"), default=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("song")
        verbose_name_plural = _("songs")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.audio:
            # Read from storage once the upload is committed: the type served
            # to browsers comes from the file's bytes, not its name.
            with self.audio.storage.open(self.audio.name, "rb") as stored:
                audio_type = CONTENT_TYPES.get(
                    audio_kind(stored.read(16)), "audio/mpeg"
                )
            if audio_type != self.audio_type:
                self.audio_type = audio_type
                Song.objects.filter(pk=self.pk).update(audio_type=audio_type)


class SiteStatistics(models.Model):
    """The visit counter: a starting total carried over from the old site, plus
    the visits counted here (flushed from the cache, see siteblocks.visits)."""

    starting_total = models.PositiveBigIntegerField(
        _("starting total"),
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Visits counted by the previous website, e.g. 790992."),
    )
    counted_total = models.PositiveBigIntegerField(
        _("visits counted here"), default=0, editable=False
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("visit statistics")
        verbose_name_plural = _("visit statistics")

    def __str__(self):
        return str(_("Visit statistics"))

    @classmethod
    def load(cls):
        # The row is created by a migration; get_or_create only if it was deleted.
        return cls.objects.filter(pk=1).first() or cls.objects.get_or_create(pk=1)[0]

    @property
    def total(self):
        return self.starting_total + self.counted_total


class SiteSettings(models.Model):
    """The legal details every page's footer must carry (Nghị định
    42/2022/NĐ-CP on government portals), set by staff in the admin."""

    managing_body = models.CharField(
        _("managing body"),
        max_length=255,
        blank=True,
        help_text=_("Cơ quan chủ quản, e.g. “Ủy ban nhân dân thị xã Hồng Lĩnh”."),
    )
    responsible_person = models.CharField(
        _("person responsible"),
        max_length=255,
        blank=True,
        help_text=_("Người chịu trách nhiệm: name and title."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("telephone"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    licence = models.CharField(
        _("licence"),
        max_length=255,
        blank=True,
        help_text=_("Giấy phép số …, issued by …, on …"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("footer legal details")
        verbose_name_plural = _("footer legal details")

    def __str__(self):
        return str(_("Footer legal details"))

    def save(self, *args, **kwargs):
        normalise_translations(
            self, "managing_body", "responsible_person", "address", "licence"
        )
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        return cls.objects.filter(pk=1).first() or cls.objects.get_or_create(pk=1)[0]


class Abbreviation(models.Model):
    """A glossary entry: on article pages the first use of the acronym is
    marked up with its expansion (siteblocks.glossary)."""

    acronym = models.CharField(
        _("acronym"),
        max_length=30,
        unique=True,
        help_text=_(
            "As written in articles, case-sensitive, e.g. “UBND”. Matched as a "
            "whole word only."
        ),
    )
    expansion = models.CharField(
        _("expansion"),
        max_length=255,
        help_text=_("What the acronym stands for, e.g. “Ủy ban nhân dân”."),
    )

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("abbreviation")
        verbose_name_plural = _("abbreviations")

    def __str__(self):
        return self.acronym

    def save(self, *args, **kwargs):
        self.acronym = nfc((self.acronym or "").strip())
        for language in ("vi", "en"):
            field = f"expansion_{language}"
            setattr(self, field, nfc((getattr(self, field) or "").strip()))
        super().save(*args, **kwargs)
