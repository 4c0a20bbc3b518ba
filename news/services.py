from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from core.cache import content_changed

from .models import Article, Photo, Rating


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


def photo_public_articles(photo_ids: list[int]):
    """(library photo pk, published article) pairs, for the photo library."""
    placements = (
        Photo.objects.filter(
            photo_id__in=photo_ids, article__in=Article.objects.published()
        )
        .select_related("article")
        .only("photo_id", "article__slug", "article__title_vi", "article__title_en")
        .order_by("-article__publish_at", "article_id")
    )
    return [(placement.photo_id, placement.article) for placement in placements]


def library_photo_saved(sender, instance, **kwargs):
    """A library photo's caption or alt text changed: the articles using it are
    found by the new words (their folded search text is stored)."""
    for article in Article.objects.filter(photos__photo=instance).distinct():
        article.refresh_search_fields()


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


def article_rate(*, article: Article, visitor: str, stars: int) -> None:
    """Record a visitor's stars; a second vote replaces the first. Counts are
    aggregated from the rows, so concurrent votes are neither lost nor doubled."""
    for _attempt in range(3):
        try:
            with transaction.atomic():
                changed = Rating.objects.filter(
                    article=article, visitor=visitor
                ).update(stars=stars, updated_at=timezone.now())
                if not changed:
                    Rating.objects.create(article=article, visitor=visitor, stars=stars)
            return
        except IntegrityError:
            # The same visitor's concurrent first vote won the insert: update it.
            continue
    raise RuntimeError("Could not record the rating")
