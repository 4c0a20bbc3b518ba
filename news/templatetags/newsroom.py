from django import template
from django.template.loader import select_template

from news.dashboard import dashboard_for

register = template.Library()

# Part of the dashboard another app may provide (the most read articles of
# the last 7 days); without it the place stays empty.
MOST_READ_TEMPLATE = "admin/dashboard/most_read.html"


@register.inclusion_tag("admin/news/includes/dashboard.html", takes_context=True)
def newsroom_dashboard(context):
    return {"request": context["request"], "lists": dashboard_for(context["user"])}


@register.simple_tag(takes_context=True)
def newsroom_most_read(context):
    """Renders MOST_READ_TEMPLATE if an app provides it, else nothing."""
    try:
        most_read = select_template([MOST_READ_TEMPLATE])
    except template.TemplateDoesNotExist:
        return ""
    return most_read.render(context.flatten(), context.get("request"))
