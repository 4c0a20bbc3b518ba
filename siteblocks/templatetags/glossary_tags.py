from django import template

from siteblocks.glossary import abbreviate_items

register = template.Library()


@register.simple_tag
def with_abbreviations(items, language=None):
    """Body items with the first use of each known acronym in <abbr>."""
    return abbreviate_items(items, language)
