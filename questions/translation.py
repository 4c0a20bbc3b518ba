from modeltranslation.translator import TranslationOptions, register

from .models import Question, Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("vi",)


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    # The citizen writes in Vietnamese; staff may add English for publication.
    fields = ("title", "content", "answer")
    required_languages = ("vi",)
