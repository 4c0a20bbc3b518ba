"""Template tags of article pages (Open Graph and schema.org NewsArticle) and
the staff dashboard's most read articles."""

from django import template
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.timezone import localtime
from django.utils.translation import get_language

from core.templatetags.core_tags import json_ld
from news.models import Article

register = template.Library()

OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}


def photo_image(photo, request):
    """The largest rendition of a photo: {"url", "width", "height", "type"}
    with an absolute URL, WebP first, the JPEG fallback otherwise."""
    if photo is None:
        return None
    webp = photo.renditions.get("webp") or []
    if webp:
        largest = max(webp, key=lambda rendition: rendition["width"])
        url, width, height, kind = (
            default_storage.url(largest["name"]),
            largest["width"],
            largest["height"],
            "image/webp",
        )
    else:
        fallback = photo.fallback
        url, width, height, kind = (
            fallback["url"],
            fallback["width"],
            fallback["height"],
            "image/jpeg",
        )
    return {
        "url": request.build_absolute_uri(url),
        "width": width,
        "height": height,
        "type": kind,
        "alt": photo.alt,
    }


def jpeg_image(photo, request):
    jpeg = photo.renditions.get("jpeg") if photo else None
    if not jpeg:
        return None
    return {
        "url": request.build_absolute_uri(default_storage.url(jpeg["name"])),
        "width": jpeg["width"],
        "height": jpeg["height"],
        "type": "image/jpeg",
        "alt": photo.alt,
    }


def article_cover(article):
    """The cover photo, or the first photo. The photos are fetched in one query
    and kept on the article, so that the body, rendered next from
    ``article.photos.all()``, does not fetch them again."""
    photos = article.placed_photos()
    by_pk = {photo.pk: photo for photo in photos}
    return by_pk.get(article.cover_id) or (photos[0] if photos else None)


@register.inclusion_tag("news/includes/article_meta.html", takes_context=True)
def article_meta(context, article):
    """Open Graph properties and a schema.org NewsArticle for an article page."""
    request = context["request"]
    language = get_language() or settings.LANGUAGE_CODE
    url = request.build_absolute_uri(article.get_absolute_url())
    cover = article_cover(article)
    image = photo_image(cover, request)
    jpeg = jpeg_image(cover, request)
    description = article.summary or article.title
    site_name = str(settings.SITE_NAME)
    author = (
        {"@type": "Person", "name": article.byline}
        if article.byline
        else {"@type": "Organization", "name": site_name}
    )
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": description,
        "datePublished": localtime(article.publish_at).isoformat(),
        "dateModified": localtime(article.updated_at).isoformat(),
        "author": author,
        "publisher": {
            "@type": "Organization",
            "name": site_name,
            "url": request.build_absolute_uri("/"),
        },
        "inLanguage": article.text_language,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "articleSection": article.category.name,
    }
    images = [found["url"] for found in (image, jpeg) if found]
    if images:
        data["image"] = list(dict.fromkeys(images))
    return {
        "article": article,
        "url": url,
        "description": description,
        "site_name": site_name,
        "og_locale": OG_LOCALES.get(language, "vi_VN"),
        "og_locale_alternates": [
            locale for code, locale in OG_LOCALES.items() if code != language
        ],
        # WebP first (largest), JPEG second for readers that do not take WebP.
        "images": [found for found in (image, jpeg) if found],
        "json_ld": json_ld(data),
    }


@register.inclusion_tag("news/includes/most_read_dashboard.html")
def most_read_articles(days=7, limit=10):
    """The staff dashboard's "most read in the last ``days`` days": a table
    of articles with their views, counted up to the last flush (at most a
    minute old). Two queries; for staff pages, which are never cached."""
    days = max(1, min(int(days), 366))
    return {
        "articles": list(Article.objects.most_read(days)[: int(limit)]),
        "days": days,
    }
