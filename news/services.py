from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from core.cache import content_changed
from core.html import sanitize_html
from core.text import nfc

from .models import (
    PHOTO_SNAPSHOT_FIELDS,
    REVISED_FIELDS,
    Article,
    ArticleRevision,
    ArticleTransition,
    Category,
    Photo,
    Rating,
)

Action = ArticleTransition.Action
Status = Article.Status


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


def version_photos(sender, instance, history_instance, **kwargs):
    """A new version of an article starts with the photos it has now; the
    admin's photo inline, saved after it, updates them (Photo.save)."""
    history_instance.photos = instance.photo_snapshot() if instance.pk else []


@transaction.atomic
def articles_publish(*, articles: QuerySet, user=None) -> int:
    """Publish the given articles. Those scheduled for later keep their time;
    the others appear now, at the top of the news, not at the date the draft
    was started."""
    now = timezone.now()
    count = 0
    for article in _locked(articles):
        if article.status != Article.Status.PUBLISHED:
            previous = article.status
            article.status = Article.Status.PUBLISHED
            if article.publish_at <= now:
                article.publish_at = now
            article.save()
            _record(
                article=article,
                user=user,
                action=Action.APPROVE if article.publish_at <= now else Action.SCHEDULE,
                from_status=previous,
            )
            count += 1
    return count


@transaction.atomic
def articles_unpublish(*, articles: QuerySet, user=None) -> int:
    count = 0
    for article in _locked(articles):
        if article.status == Article.Status.PUBLISHED:
            article.status = Article.Status.DRAFT
            article.save()
            _record(
                article=article,
                user=user,
                action=Action.UNPUBLISH,
                from_status=Status.PUBLISHED,
            )
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


# The newsroom workflow (docs/NEWSROOM.md). Every function checks the
# permission itself, so a crafted request cannot skip a step the page hides.


def article_can_edit(*, user, article: Article) -> bool:
    """Reporters edit their own articles; editors and approvers anyone's."""
    if not user.has_perm("news.change_article"):
        return False
    if user.has_perm("news.review_article") or user.has_perm("news.publish_article"):
        return True
    return article.created_by_id == user.pk


def article_can_review(*, user) -> bool:
    return user.has_perm("news.review_article") or user.has_perm("news.publish_article")


def article_can_publish(*, user) -> bool:
    return user.has_perm("news.publish_article")


def article_open_revision(*, article: Article) -> ArticleRevision | None:
    """The edit of a published article waiting for review or returned."""
    return (
        article.revisions.filter(
            state__in=[ArticleRevision.State.PENDING, ArticleRevision.State.RETURNED]
        )
        .select_related("created_by")
        .first()
    )


def article_edit_token(*, article: Article, revision: ArticleRevision | None) -> str:
    """What a form carries to prove it was opened on the latest text: the
    article's version and its open revision."""
    return f"{article.version}.{revision.pk if revision else 0}"


def article_content(*, article: Article) -> dict:
    return {name: getattr(article, name) for name in REVISED_FIELDS}


def article_apply_content(*, article: Article, content: dict) -> None:
    """Put a revision's texts on the article (in memory)."""
    for name in REVISED_FIELDS:
        if name in content:
            setattr(article, name, content[name])


def _clean_content(content: dict) -> dict:
    cleaned = {}
    for name in REVISED_FIELDS:
        if name not in content:
            continue
        value = content[name]
        if isinstance(value, str):
            value = nfc(value)
            if name.startswith("body_"):
                value = sanitize_html(value)
        cleaned[name] = value
    # An old version may name a category deleted since.
    if (
        "category_id" in cleaned
        and not Category.objects.filter(pk=cleaned["category_id"]).exists()
    ):
        del cleaned["category_id"]
    return cleaned


def _clean_photos(photos) -> list[dict] | None:
    """A version's photos that can still be placed: library photos deleted
    since are left out; None when the version kept none."""
    if not isinstance(photos, list):
        return None
    items = [item for item in photos if isinstance(item, dict)]
    library = Photo._meta.get_field("photo").related_model
    existing = set(
        library.objects.filter(
            pk__in=[item.get("photo") for item in items if _is_int(item.get("photo"))]
        ).values_list("pk", flat=True)
    )
    cleaned = []
    for item in items:
        if item.get("photo") not in existing:
            continue
        cleaned.append(
            {
                "photo": item["photo"],
                "caption_override_vi": nfc(str(item.get("caption_override_vi") or ""))[
                    :500
                ],
                "caption_override_en": nfc(str(item.get("caption_override_en") or ""))[
                    :500
                ],
                "after_paragraph": _small(item.get("after_paragraph")),
                "order": _small(item.get("order")),
            }
        )
    return cleaned


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _small(value) -> int:
    return min(max(value, 0), 32767) if _is_int(value) else 0


@transaction.atomic
def article_apply_photos(*, article: Article, photos: list[dict]) -> None:
    """Give the article the photos of a version: placements of the same
    library photo are kept (and the cover with them), the others removed,
    the missing ones placed again."""
    current = {}
    for placement in article.photos.order_by("pk"):
        current.setdefault(placement.photo_id, []).append(placement)
    for item in photos:
        kept = current.get(item["photo"])
        placement = kept.pop(0) if kept else Photo(photo_id=item["photo"])
        placement.article = article
        for name in PHOTO_SNAPSHOT_FIELDS:
            setattr(placement, name, item[name])
        placement.save()
    for leftover in current.values():
        for placement in leftover:
            placement.delete()
    article_ensure_cover(article=article)
    content_changed()


def _record(*, article, user, action, from_status="", to_status=None, **kwargs):
    return ArticleTransition.objects.create(
        article=article,
        user=user if user and user.is_authenticated else None,
        action=action,
        from_status=from_status or "",
        to_status=article.status if to_status is None else to_status,
        **kwargs,
    )


def _refuse_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@transaction.atomic
def article_save_revision(
    *, article: Article, user, content: dict, note: str = ""
) -> ArticleRevision:
    """Keep an edit of a published article aside for review: the published
    version does not change. A later edit replaces the open one (whose
    text the editor started from)."""
    _refuse_unless(article_can_edit(user=user, article=article))
    open_revision = article_open_revision(article=article)
    cleaned = _clean_content(content)
    # Photos come from a restored version; a later edit of its texts keeps them.
    photos = _clean_photos(
        content["photos"]
        if "photos" in content
        else open_revision and open_revision.content.get("photos")
    )
    if photos is not None:
        cleaned["photos"] = photos
    article.revisions.filter(
        state__in=[ArticleRevision.State.PENDING, ArticleRevision.State.RETURNED]
    ).update(state=ArticleRevision.State.SUPERSEDED)
    revision = ArticleRevision.objects.create(
        article=article, content=cleaned, created_by=user, note=note
    )
    _record(
        article=article,
        user=user,
        action=Action.EDIT_SUBMIT,
        from_status=article.status,
        revision=revision,
        comment=note,
    )
    return revision


@transaction.atomic
def article_submit(*, article: Article, user, note: str = "") -> None:
    """A draft (or a returned article) goes to the editors for review."""
    _refuse_unless(article_can_edit(user=user, article=article))
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.status not in (Status.DRAFT, Status.RETURNED):
        raise PermissionDenied
    previous, article.status = article.status, Status.REVIEW
    article.save()
    _record(
        article=article,
        user=user,
        action=Action.SUBMIT,
        from_status=previous,
        comment=note,
    )


@transaction.atomic
def article_return(*, article: Article, user, comment: str) -> None:
    """Send an article (or the pending edit of a published one) back to its
    author with a comment."""
    _refuse_unless(article_can_review(user=user))
    article = Article.objects.select_for_update().get(pk=article.pk)
    revision = article_open_revision(article=article)
    if article.status == Status.PUBLISHED and revision:
        revision.state = ArticleRevision.State.RETURNED
        revision.save(update_fields=["state"])
        _record(
            article=article,
            user=user,
            action=Action.EDIT_RETURN,
            from_status=article.status,
            revision=revision,
            comment=comment,
        )
        return
    if article.status not in (Status.REVIEW, Status.DRAFT):
        raise PermissionDenied
    previous, article.status = article.status, Status.RETURNED
    article.save()
    _record(
        article=article,
        user=user,
        action=Action.RETURN,
        from_status=previous,
        comment=comment,
    )


@transaction.atomic
def article_approve(
    *,
    article: Article,
    user,
    publish_at: datetime | None = None,
    comment: str = "",
) -> None:
    """Publish an article now or at ``publish_at``; for a published article
    with a pending edit, put the edit live."""
    _refuse_unless(article_can_publish(user=user))
    article = Article.objects.select_for_update().get(pk=article.pk)
    revision = article_open_revision(article=article)
    now = timezone.now()
    if article.status == Status.PUBLISHED:
        if not revision:
            raise PermissionDenied
        # The category named in the edit may have been deleted since.
        article_apply_content(article=article, content=_clean_content(revision.content))
        if publish_at and publish_at > now:
            article.publish_at = publish_at
        article.save()
        photos = _clean_photos(revision.content.get("photos"))
        if photos is not None:
            article_apply_photos(article=article, photos=photos)
        revision.state = ArticleRevision.State.APPROVED
        revision.save(update_fields=["state"])
        _record(
            article=article,
            user=user,
            action=Action.EDIT_APPROVE,
            from_status=Status.PUBLISHED,
            revision=revision,
            comment=comment,
        )
        return
    previous, article.status = article.status, Status.PUBLISHED
    article.publish_at = publish_at if publish_at and publish_at > now else now
    article.save()
    _record(
        article=article,
        user=user,
        action=Action.SCHEDULE if article.publish_at > now else Action.APPROVE,
        from_status=previous,
        comment=comment,
    )


@transaction.atomic
def article_unpublish(*, article: Article, user, comment: str = "") -> None:
    _refuse_unless(article_can_publish(user=user))
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.status != Status.PUBLISHED:
        raise PermissionDenied
    article.status = Status.DRAFT
    article.save()
    _record(
        article=article,
        user=user,
        action=Action.UNPUBLISH,
        from_status=Status.PUBLISHED,
        comment=comment,
    )


@transaction.atomic
def article_restore(*, article: Article, user, content: dict) -> ArticleRevision | None:
    """Bring back an older version's texts as a new draft: for a published
    article a pending edit (the public version stays until approved), for
    any other a new draft version of the article itself."""
    _refuse_unless(article_can_edit(user=user, article=article))
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.status == Status.PUBLISHED:
        revision = article_save_revision(
            article=article, user=user, content=content, note=""
        )
        ArticleTransition.objects.filter(revision=revision).update(
            action=Action.RESTORE
        )
        return revision
    previous = article.status
    article_apply_content(article=article, content=_clean_content(content))
    article.status = Status.DRAFT
    article.save()
    photos = _clean_photos(content.get("photos"))
    if photos is not None:
        article_apply_photos(article=article, photos=photos)
    _record(article=article, user=user, action=Action.RESTORE, from_status=previous)
    return None
