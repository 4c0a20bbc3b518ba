"""What the admin's home page shows each member of the newsroom."""

from datetime import timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone

from .models import Article, ArticleRevision, ArticleTransition
from .services import article_can_review

Status = Article.Status
LIMIT = 8


def dashboard_for(user) -> dict | None:
    """The newsroom dashboard's lists, a fixed number of queries whatever
    the number of articles (None for those who may not see articles)."""
    if not user.has_perm("news.view_article"):
        return None
    now = timezone.now()
    articles = Article.objects.select_related("category").defer("body_vi", "body_en")
    if article_can_review(user=user):
        waiting = articles.filter(
            Q(status=Status.REVIEW)
            | Q(
                status=Status.PUBLISHED,
                revisions__state=ArticleRevision.State.PENDING,
            )
        )
    else:
        waiting = articles.filter(
            Q(status=Status.REVIEW, created_by=user)
            | Q(
                revisions__state=ArticleRevision.State.PENDING,
                revisions__created_by=user,
            )
        )
    return {
        "returned": returned_to(user),
        "drafts": list(
            articles.filter(status=Status.DRAFT, created_by=user).order_by(
                "-updated_at"
            )[:LIMIT]
        ),
        "waiting": list(waiting.distinct().order_by("-updated_at")[:LIMIT]),
        "scheduled": list(
            articles.filter(
                status=Status.PUBLISHED,
                publish_at__gt=now,
                publish_at__lte=now + timedelta(days=7),
            ).order_by("publish_at")[:LIMIT]
        ),
        "published": list(articles.published().order_by("-publish_at")[:LIMIT]),
    }


def returned_to(user) -> list[Article]:
    """The user's articles (or edits of published ones) returned for changes,
    each with ``return_steps``, the latest comment first."""
    returns = Prefetch(
        "transitions",
        queryset=ArticleTransition.objects.filter(
            action__in=[
                ArticleTransition.Action.RETURN,
                ArticleTransition.Action.EDIT_RETURN,
            ]
        )
        .select_related("user")
        .order_by("-created_at", "-pk"),
        to_attr="return_steps",
    )
    returned = (
        Article.objects.filter(
            Q(status=Status.RETURNED, created_by=user)
            | Q(
                revisions__state=ArticleRevision.State.RETURNED,
                revisions__created_by=user,
            )
        )
        .defer("body_vi", "body_en")
        .prefetch_related(returns)
    )
    return list(returned.distinct().order_by("-updated_at")[:LIMIT])
