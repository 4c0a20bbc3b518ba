import datetime
import re

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from core.images import admin_thumbnail

from .models import Album, Photo


def taken_on_lookup(term: str) -> dict | None:
    """{"taken_on": date} for "06/12/2019", {"taken_on__year": 2019} for
    "2019"; None for anything else (searched as words)."""
    if re.fullmatch(r"(19|20)\d\d", term):
        return {"taken_on__year": int(term)}
    try:
        return {"taken_on": datetime.datetime.strptime(term, "%d/%m/%Y").date()}
    except ValueError:
        return None


class AlbumPhotoInline(TranslationStackedInline):
    model = Photo
    extra = 1
    fields = (
        "thumbnail",
        "image",
        "caption",
        "alt_text",
        "is_decorative",
        ("place", "taken_on"),
        "credit",
        "order",
    )
    readonly_fields = ("thumbnail",)

    @admin.display(description=_("preview"))
    def thumbnail(self, photo):
        return admin_thumbnail(photo if photo.pk else None)


@admin.register(Album)
class AlbumAdmin(TabbedTranslationAdmin):
    list_display = ("title", "date", "is_published", "photo_count")
    list_filter = ("is_published", "date")
    search_fields = ("title_vi", "title_en", "slug")
    date_hierarchy = "date"
    inlines = (AlbumPhotoInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_total=Count("photos"))

    @admin.display(description=_("photos"), ordering="photo_total")
    def photo_count(self, album):
        return album.photo_total


@admin.register(Photo)
class PhotoAdmin(TabbedTranslationAdmin):
    list_display = (
        "thumbnail",
        "__str__",
        "album",
        "place",
        "taken_on",
        "credit",
        "use_count",
    )
    list_display_links = ("thumbnail", "__str__")
    list_filter = ("album", "taken_on", "is_decorative")
    list_select_related = ("album",)
    search_fields = ("search_text",)
    search_help_text = _(
        "Caption, alternative text, place or photographer, with or without "
        "diacritics; or the date taken (dd/mm/yyyy) or its year."
    )
    date_hierarchy = "taken_on"
    autocomplete_fields = ("album",)
    fieldsets = (
        (None, {"fields": ("thumbnail", "image", "caption", "alt_text")}),
        (None, {"fields": ("is_decorative",)}),
        (
            _("Where, when, who"),
            {"fields": ("place", "taken_on", "credit", "album", "order")},
        ),
    )
    readonly_fields = ("thumbnail",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(use_total=Count("article_uses"))

    def get_search_results(self, request, queryset, search_term):
        """Every word, folded like the stored text: “hoi truong” finds
        “Hội trường”, “Đức” finds “Duc”; a date (06/12/2019) or a year finds
        the photos taken then. Also used by the autocomplete of the article
        form."""
        term = search_term.strip()
        if not term:
            return queryset, False
        taken = taken_on_lookup(term)
        if taken:
            return queryset.filter(**taken), False
        return queryset.search(term), False

    @admin.display(description=_("preview"))
    def thumbnail(self, photo):
        return admin_thumbnail(photo if photo.pk else None, width=96)

    @admin.display(description=_("used in articles"), ordering="use_total")
    def use_count(self, photo):
        return photo.use_total
