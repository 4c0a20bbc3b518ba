import hashlib
import hmac
import secrets
from functools import lru_cache

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import InvalidPage, Paginator
from django.db import DatabaseError
from django.db.models import Avg, Count
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DetailView

from core import ratelimit
from core.cache import content_version
from core.http import is_same_origin
from core.pagecache import forget_pages

from .forms import RatingForm
from .models import Article, Category, Rating
from .services import article_rate

VISITOR_COOKIE = "visitor"
VOTE_LIMIT = 10  # votes per address per window
VOTE_WINDOW_SECONDS = 600


def visitor_hash(token: str) -> str:
    """What is stored for a visitor: a keyed hash of their anonymous cookie."""
    return hmac.new(
        settings.SECRET_KEY.encode(), token.encode(), hashlib.sha256
    ).hexdigest()


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
            super()
            .get_queryset()
            .select_related("category")
            .annotate(
                rating_count=Count("ratings"), rating_average=Avg("ratings__stars")
            )
        )

    def get_context_data(self, **kwargs):
        article = self.object
        # Callables: evaluated only if the template's cached fragment is cold.
        return super().get_context_data(
            body_items=lambda: article.body_with_photos(article.placed_photos()),
            related_articles=lambda: list(
                Article.objects.for_listing()
                .filter(category_id=article.category_id)
                .exclude(pk=article.pk)[: self.related_count]
            ),
            current_category=article.category,
            rating_summary=rating_summary_text(
                article.rating_count, article.rating_average
            ),
            **kwargs,
        )


def rating_choices(request, article_pk: str) -> str:
    """The stars of the rating form, with this visitor's own checked: a hole
    of the cached article page (core.pagecache). No query without a vote
    cookie."""
    token = request.COOKIES.get(VISITOR_COOKIE)
    try:
        own_stars = (
            Rating.objects.filter(
                article_id=int(article_pk), visitor=visitor_hash(token)
            )
            .values_list("stars", flat=True)
            .first()
            if token
            else None
        )
    except DatabaseError:
        own_stars = None  # the database is away: the cached page still shows

    return _rating_choices_html(get_language(), own_stars)


@lru_cache(maxsize=32)
def _rating_choices_html(language, own_stars):
    # Rendered once per language and number of stars: this runs on every
    # view of an article page, cached or not.
    return render_to_string(
        "news/includes/rating_choices.html", {"own_stars": own_stars}
    )


# The article page is cached whole for everyone, so its form carries no
# per-visitor CSRF token: the vote is checked to come from the portal's own
# page by its Origin (or Referer) instead, which another site cannot forge.
@csrf_exempt
@require_POST
def article_rate_view(request, slug):
    """Plain form POST (redirects back) or fetch() from site.js (JSON)."""
    article = get_object_or_404(Article.objects.published(), slug=slug)
    wants_json = "application/json" in request.headers.get("Accept", "")
    form = RatingForm(request.POST)
    if not is_same_origin(request):
        message, status = (
            _(
                "Your rating could not be checked. Please reload the page and try again."
            ),
            403,
        )
    elif not ratelimit.allow(
        request, scope="vote", limit=VOTE_LIMIT, window_seconds=VOTE_WINDOW_SECONDS
    ):
        message, status = (
            _("Too many ratings from your connection. Please try again later."),
            429,
        )
    elif not form.is_valid():
        message, status = form.errors["stars"][0], 400
    else:
        message, status = None, 200
    token = request.COOKIES.get(VISITOR_COOKIE) or secrets.token_urlsafe(24)
    if status == 200:
        article_rate(
            article=article,
            visitor=visitor_hash(token),
            stars=form.cleaned_data["stars"],
        )
        message = _("Thank you: your rating has been recorded.")
        # The rating summary is part of the cached page.
        forget_pages(request, article_paths(article))
    if wants_json:
        summary = article.ratings.aggregate(count=Count("pk"), average=Avg("stars"))
        response = JsonResponse(
            {
                "message": str(message),
                "count": summary["count"],
                "summary": rating_summary_text(summary["count"], summary["average"]),
            },
            status=status,
        )
    else:
        (messages.success if status == 200 else messages.error)(request, message)
        response = redirect(article.get_absolute_url() + "#rating")
    if status == 200:
        response.set_cookie(
            VISITOR_COOKIE,
            token,
            max_age=365 * 24 * 3600,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def article_paths(article) -> dict[str, str]:
    """{language: path} of an article's page."""
    paths = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths[language] = article.get_absolute_url()
    return paths


def rating_summary_text(count, average):
    if not count:
        return str(_("No ratings yet. Be the first to rate this article."))
    return ngettext(
        "%(count)s rating, average %(average)s",
        "%(count)s ratings, average %(average)s",
        count,
    ) % {"count": count, "average": floatformat(average, 1)}


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
            count_key=f"news:category-count:{category.pk}:"
            f"{getattr(self.request, 'content_version', None) or content_version()}",
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
