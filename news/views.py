from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

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
        return (
            super().get_queryset().select_related("category").prefetch_related("photos")
        )

    def get_context_data(self, **kwargs):
        article = self.object
        photos = article.photos.all()
        return super().get_context_data(
            body_items=article.body_with_photos(photos),
            first_photo_pk=photos[0].pk if photos else None,
            current_category=article.category,
            related_articles=Article.objects.for_listing()
            .filter(category_id=article.category_id)
            .exclude(pk=article.pk)[: self.related_count],
            **kwargs,
        )


class CategoryDetailView(ListView):
    """A category and its published articles, newest first, paginated."""

    template_name = "news/category_detail.html"
    paginate_by = 12

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return Article.objects.for_listing().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category, current_category=self.category, **kwargs
        )
