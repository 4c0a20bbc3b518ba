from modeltranslation.translator import TranslationOptions, register

from .models import Level, Unit


@register(Level)
class LevelTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("vi",)


@register(Unit)
class UnitTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("vi",)
