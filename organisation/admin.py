from django.contrib import admin
from django.contrib.admin.widgets import AdminURLFieldWidget
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from .models import AboutPage, Level, Person, Position, Unit


def missing_english(*fields):
    """A list filter “Missing English”: rows where one of these translated
    fields has Vietnamese text but no English."""

    lacking = Q()
    for field in fields:
        lacking |= (
            Q(**{f"{field}_vi__isnull": False})
            & ~Q(**{f"{field}_vi": ""})
            & (Q(**{f"{field}_en": ""}) | Q(**{f"{field}_en__isnull": True}))
        )

    class MissingEnglishFilter(admin.SimpleListFilter):
        title = _("English version")
        parameter_name = "english"

        def lookups(self, request, model_admin):
            return [("missing", _("Missing English")), ("complete", _("Translated"))]

        def queryset(self, request, queryset):
            if self.value() == "missing":
                return queryset.filter(lacking)
            if self.value() == "complete":
                return queryset.exclude(lacking)
            return queryset

    return MissingEnglishFilter


def has_english(*fields):
    """A changelist column: ✓ when every filled translated field has English."""

    def column(obj):
        return all(
            getattr(obj, f"{field}_en", "") or not getattr(obj, f"{field}_vi", "")
            for field in fields
        )

    column.boolean = True
    column.short_description = _("English")
    return column


@admin.register(Level)
class LevelAdmin(TabbedTranslationAdmin):
    list_display = ("name", "code", "order")
    list_editable = ("order",)
    search_fields = ("name_vi", "name_en", "code")


class UnitPositionInline(TranslationTabularInline):
    model = Position
    extra = 1
    autocomplete_fields = ("person",)
    fields = ("person", "title", "order", "is_leader")


class PersonPositionInline(UnitPositionInline):
    autocomplete_fields = ("unit",)
    fields = ("unit", "title", "order", "is_leader")


@admin.register(Unit)
class UnitAdmin(TabbedTranslationAdmin):
    list_display = ("name", "kind", "parent", "order", "is_public", "english")
    list_editable = ("order",)
    list_filter = ("kind", "is_public", "level", missing_english("name", "functions"))
    search_fields = ("name_vi", "name_en", "aliases")
    list_select_related = ("level", "parent")
    ordering = ("order", "name_vi")
    autocomplete_fields = ("parent", "level")
    inlines = (UnitPositionInline,)
    fieldsets = (
        (None, {"fields": ("name", "kind", "level", "parent", "order", "is_public")}),
        (_("Functions and tasks"), {"fields": ("functions",)}),
        (_("Contacts"), {"fields": ("address", "phone", "email", "website")}),
        (_("Other names"), {"fields": ("aliases", "slug")}),
    )
    english = staticmethod(has_english("name", "functions"))
    formfield_overrides = {
        models.URLField: {"widget": AdminURLFieldWidget, "assume_scheme": "https"}
    }


@admin.register(Person)
class PersonAdmin(TabbedTranslationAdmin):
    list_display = ("name", "phone", "email", "has_portrait", "english")
    list_filter = (missing_english("alt_text"),)
    search_fields = ("name", "email", "phone")
    inlines = (PersonPositionInline,)
    fields = ("name", "image", "alt_text", "phone", "email")
    english = staticmethod(has_english("alt_text"))

    @admin.display(boolean=True, description=_("portrait"))
    def has_portrait(self, obj):
        return bool(obj.image)


@admin.register(Position)
class PositionAdmin(TabbedTranslationAdmin):
    list_display = ("person", "title", "unit", "order", "is_leader", "english")
    list_editable = ("order", "is_leader")
    list_filter = ("is_leader", "unit__kind", missing_english("title"))
    search_fields = ("person__name", "title_vi", "title_en", "unit__name_vi")
    list_select_related = ("person", "unit")
    ordering = ("unit__order", "order", "pk")
    autocomplete_fields = ("person", "unit")
    english = staticmethod(has_english("title"))


@admin.register(AboutPage)
class AboutPageAdmin(TabbedTranslationAdmin):
    list_display = ("title", "slug", "order", "is_published", "english")
    list_editable = ("order", "is_published")
    list_filter = ("is_published", missing_english("title", "summary", "body"))
    search_fields = ("title_vi", "title_en")
    fields = ("title", "slug", "summary", "body", "order", "is_published")
    english = staticmethod(has_english("title", "summary", "body"))
