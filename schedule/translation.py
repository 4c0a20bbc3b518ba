from modeltranslation.translator import TranslationOptions, register

from .models import Item


@register(Item)
class ItemTranslationOptions(TranslationOptions):
    fields = ("content", "chair_text", "attendees", "place")
    required_languages = {"vi": ("content",)}
