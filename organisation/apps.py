from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("Organisation")

    def ready(self):
        from core import sections

        from .models import AboutPage, Level, Person, Position, Unit

        sections.register(
            Unit,
            public=Unit.objects.public,
            search=sections.Search(
                kind="unit",
                template="organisation/includes/search_hit.html",
                title="name",
                snippet_fields=("functions",),
                date="updated_at",
            ),
            sitemap=sections.Sitemap(
                items=Unit.objects.for_sitemap,
                lastmod="updated_at",
                pages=(
                    "organisation:about-index",
                    "organisation:organisation-chart",
                    "organisation:functions",
                    "organisation:leaders",
                ),
            ),
            tracks=(Level, Person, Position),
        )
        sections.register(
            AboutPage,
            public=AboutPage.objects.public,
            sitemap=sections.Sitemap(
                items=lambda: AboutPage.objects.public().only(
                    "pk", "slug", "updated_at"
                ),
                lastmod="updated_at",
            ),
        )
