from django.contrib import admin
from django.core.files.storage import default_storage
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Abbreviation, Link, SiteSettings, SiteStatistics, Song, TownMap
from .visits import visit_figures

# Addresses typed without a scheme are read as https (Django 6's default).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Link)
class LinkAdmin(TabbedTranslationAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ("name", "url", "order", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("name_vi", "name_en", "url")


@admin.register(TownMap)
class TownMapAdmin(TabbedTranslationAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ("title", "order", "preview")
    list_editable = ("order",)
    readonly_fields = ("preview",)

    @admin.display(description=_("preview"))
    def preview(self, town_map):
        webp = town_map.renditions.get("webp") if town_map.pk else None
        if not webp:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="160">', default_storage.url(webp[0]["name"])
        )


@admin.register(Song)
class SongAdmin(TabbedTranslationAdmin):
    list_display = ("title", "composer", "performer", "order", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("title_vi", "title_en", "composer", "performer")


@admin.register(SiteStatistics)
class SiteStatisticsAdmin(admin.ModelAdmin):
    fields = ("starting_total", "counted_total", "shown_now", "updated_at")
    readonly_fields = ("counted_total", "shown_now", "updated_at")

    @admin.display(description=_("total shown on the site"))
    def shown_now(self, statistics):
        return visit_figures()["total"]

    def has_add_permission(self, request):
        return not SiteStatistics.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Abbreviation)
class AbbreviationAdmin(TabbedTranslationAdmin):
    list_display = ("acronym", "expansion_vi", "expansion_en")
    search_fields = ("acronym", "expansion_vi", "expansion_en")


@admin.register(SiteSettings)
class SiteSettingsAdmin(TabbedTranslationAdmin):
    fields = (
        "managing_body",
        "responsible_person",
        "address",
        ("phone", "email"),
        "licence",
        "updated_at",
    )
    readonly_fields = ("updated_at",)

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
