from modeltranslation.translator import TranslationOptions, register

from .models import Award, AwardForm, Decision


@register(AwardForm)
class AwardFormTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("vi",)


@register(Decision)
class DecisionTranslationOptions(TranslationOptions):
    fields = ("signer_title", "excerpt", "achievement")


@register(Award)
class AwardTranslationOptions(TranslationOptions):
    fields = ("achievement",)
