from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduleConfig(AppConfig):
    name = "schedule"
    verbose_name = _("Work schedule")

    def ready(self):
        from core import pagecache, sections

        from . import views
        from .models import Item

        # "Today" is marked per response, so a stored week page stays right
        # after midnight.
        pagecache.register_hole("schedule-today", views.today_marker)
        pagecache.register_hole("schedule-today-label", views.today_label)
        sections.register(
            Item,
            public=Item.objects.published,
            sitemap=sections.Sitemap(pages=("schedule:week-current",)),
        )
