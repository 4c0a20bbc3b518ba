from modeltranslation.translator import TranslationOptions, register

from .models import Abbreviation


@register(Abbreviation)
class AbbreviationTranslationOptions(TranslationOptions):
    fields = ("expansion",)
    required_languages = ("vi",)
