from modeltranslation.translator import TranslationOptions, register

from .models import AboutPage, Level, Person, Position, Unit


@register(Level)
class LevelTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("vi",)


@register(Unit)
class UnitTranslationOptions(TranslationOptions):
    fields = ("name", "functions")
    required_languages = ("vi",)


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("alt_text",)


@register(Position)
class PositionTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("vi",)


@register(AboutPage)
class AboutPageTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ("vi",)
