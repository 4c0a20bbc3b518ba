"""Template tags for how pages are found: canonical URLs."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's absolute URL without a query string, except the page number
    of a paginated list (page 2 and later, with no filters)."""
    request = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    page_obj = context.get("page_obj")
    other_parameters = set(request.GET) - {"page"}
    if page_obj is not None and page_obj.number > 1 and not other_parameters:
        url += f"?page={page_obj.number}"
    return url
