from modeltranslation.translator import TranslationOptions, register

from .models import Album, Photo


@register(Album)
class AlbumTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("vi",)


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("caption", "alt_text", "place", "credit")
