from django.conf import settings
from django.core.cache import cache
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from portal.cache import content_version

from .models import Article, Category


class PublishedArticleMixin:
    """The public sees published articles; staff may also preview drafts and
    scheduled ones through the same URL."""

    def get_queryset(self):
        if self.request.user.is_staff:
            return Article.objects.all()
        return Article.objects.published()


class ArticleDetailView(PublishedArticleMixin, DetailView):
    model = Article
    related_count = 4

    def get_queryset(self):
        return super().get_queryset().select_related("category")

    def get_context_data(self, **kwargs):
        article = self.object
        # Callables: evaluated only if the template's cached fragment is cold.
        return super().get_context_data(
            body_items=lambda: article.body_with_photos(article.photos.all()),
            related_articles=lambda: list(
                Article.objects.for_listing()
                .filter(category_id=article.category_id)
                .exclude(pk=article.pk)[: self.related_count]
            ),
            current_category=article.category,
            **kwargs,
        )


class CachedCountPaginator(Paginator):
    """Counts once per content version; the page's rows stay a lazy slice."""

    def __init__(self, *args, count_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        return cache.get_or_set(
            self.count_key,
            lambda: Paginator.count.func(self),
            settings.PAGE_CACHE_SECONDS,
        )


class CategoryDetailView(DetailView):
    """A category and its published articles, newest first, paginated."""

    model = Category
    template_name = "news/category_detail.html"
    paginate_by = 12

    def get_context_data(self, **kwargs):
        category = self.object
        paginator = CachedCountPaginator(
            Article.objects.for_listing().filter(category=category),
            self.paginate_by,
            count_key=f"news:category-count:{category.pk}:{content_version()}",
        )
        number = self.request.GET.get("page") or 1
        try:
            page_obj = paginator.page(
                paginator.num_pages if number == "last" else number
            )
        except InvalidPage as exc:
            raise Http404(_("This page of the category does not exist.")) from exc
        return super().get_context_data(
            page_obj=page_obj, current_category=category, **kwargs
        )
