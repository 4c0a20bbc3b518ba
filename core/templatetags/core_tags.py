import json

from django import template
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.pagecache import render_hole

register = template.Library()


@register.simple_tag(takes_context=True)
def hole(context, name, argument=""):
    """A per-visitor part of a page (core.pagecache): filled in for each
    request, never stored with the cached page."""
    return mark_safe(render_hole(context["request"], name, argument))  # noqa: S308 - renderers return safe HTML


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code):
    """The current page in another language (the same article, category…)."""
    request = context.get("request")
    if request is None:
        return "/" if language_code == "vi" else f"/{language_code}/"
    return translate_url(request.get_full_path(), language_code)


@register.simple_tag
def responsive_photo(
    photo, sizes="(min-width: 62rem) 46rem, 100vw", lazy=True, css_class=""
):
    """<picture> with WebP renditions, a JPEG fallback, intrinsic size and alt."""
    fallback = photo.fallback
    source = (
        format_html(
            '<source type="image/webp" srcset="{}" sizes="{}">', photo.srcset, sizes
        )
        if photo.srcset
        else ""
    )
    return format_html(
        '<picture>{source}<img src="{src}" width="{width}" height="{height}" alt="{alt}"'
        '{loading} decoding="async"{css_class}></picture>',
        source=source,
        src=fallback["url"],
        width=fallback["width"],
        height=fallback["height"],
        alt=photo.alt,
        loading=mark_safe(' loading="lazy"') if lazy else "",
        css_class=format_html(' class="{}"', css_class) if css_class else "",
    )


# Inside <script>, "</script>" or "<!--" in a string would end or confuse the block.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data) -> str:
    """A <script type="application/ld+json"> block: data, not code, so the
    Content-Security-Policy's script-src does not apply to it."""
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text),  # noqa: S308 - JSON with <, > and & escaped above
    )
