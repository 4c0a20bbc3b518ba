from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from portal.cache import content_changed

from .models import Article


@transaction.atomic
def article_ensure_cover(*, article: Article) -> None:
    """Use the first photo as cover when the editor chose none (or removed it)."""
    if article.cover_id and article.photos.filter(pk=article.cover_id).exists():
        return
    first = article.photos.order_by("after_paragraph", "order", "pk").first()
    if article.cover_id != (first.pk if first else None):
        article.cover = first
        Article.objects.filter(pk=article.pk).update(cover=first)
        content_changed()


@transaction.atomic
def articles_publish(*, articles: QuerySet) -> int:
    """Publish the given articles. Those scheduled for later keep their time;
    the others appear now, at the top of the news, not at the date the draft
    was started."""
    now = timezone.now()
    count = 0
    for article in _locked(articles):
        if article.status != Article.Status.PUBLISHED:
            article.status = Article.Status.PUBLISHED
            if article.publish_at <= now:
                article.publish_at = now
            article.save()
            count += 1
    return count


@transaction.atomic
def articles_unpublish(*, articles: QuerySet) -> int:
    count = 0
    for article in _locked(articles):
        if article.status == Article.Status.PUBLISHED:
            article.status = Article.Status.DRAFT
            article.save()
            count += 1
    return count


def _locked(articles: QuerySet):
    # The admin's queryset carries aggregates, which FOR UPDATE refuses.
    pks = list(articles.values_list("pk", flat=True))
    return Article.objects.filter(pk__in=pks).select_for_update()
