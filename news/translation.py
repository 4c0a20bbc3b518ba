import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Article, ArticleVersionPhotos, Category, Photo


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("vi",)


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "byline", "source")
    required_languages = ("vi",)


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("caption_override",)


# After translation registration: HistoricalRecords() on a translated model
# breaks every save (see STACK.md).
# The folded search columns are derived from the texts: not worth a history.
# Each version also keeps the article's photos (Article.record_photos).
simple_history.register(
    Article,
    excluded_fields=["search_title", "search_text"],
    bases=[ArticleVersionPhotos],
)
