from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Abbreviation


@admin.register(Abbreviation)
class AbbreviationAdmin(TranslationAdmin):
    list_display = ("acronym", "expansion_vi", "expansion_en")
    search_fields = ("acronym", "expansion_vi", "expansion_en")
