from modeltranslation.translator import TranslationOptions, register

from .models import Document, DocumentField, DocumentType, Draft


@register(DocumentType)
class DocumentTypeTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("vi",)


@register(DocumentField)
class DocumentFieldTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("vi",)


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("excerpt", "body")
    required_languages = ("vi",)


@register(Draft)
class DraftTranslationOptions(TranslationOptions):
    fields = ("title", "excerpt", "body", "report")
    required_languages = ("vi",)
