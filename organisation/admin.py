from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Level, Unit


@admin.register(Level)
class LevelAdmin(TabbedTranslationAdmin):
    list_display = ("name", "code", "order")
    list_editable = ("order",)


@admin.register(Unit)
class UnitAdmin(TabbedTranslationAdmin):
    list_display = ("name", "level")
    list_filter = ("level",)
    search_fields = ("name_vi", "name_en", "aliases")
    list_select_related = ("level",)
