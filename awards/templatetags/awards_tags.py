from django import template

from awards.models import Decision

register = template.Library()


@register.simple_tag
def article_decisions(article):
    """The public decisions an article reports (news does not import awards)."""
    return list(Decision.objects.for_listing().filter(article=article))
