from modeltranslation.translator import TranslationOptions, register

from .models import Abbreviation, Link, SiteSettings, Song, TownMap


@register(Link)
class LinkTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("vi",)


@register(TownMap)
class TownMapTranslationOptions(TranslationOptions):
    fields = ("title", "alt_text", "description")
    required_languages = ("vi",)


@register(Song)
class SongTranslationOptions(TranslationOptions):
    fields = ("title", "lyrics")
    required_languages = ("vi",)


@register(Abbreviation)
class AbbreviationTranslationOptions(TranslationOptions):
    fields = ("expansion",)
    required_languages = ("vi",)


@register(SiteSettings)
class SiteSettingsTranslationOptions(TranslationOptions):
    fields = ("managing_body", "responsible_person", "address", "licence")
