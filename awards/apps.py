from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Commendations")

    def ready(self):
        from core import sections
        from organisation.models import Unit

        from .models import Award, AwardForm, Decision, Recipient

        # Public pages (an article's commendations, the honour roll) are cached
        # under the content version: any change to the registry starts a new one.
        sections.register(
            Decision,
            public=Decision.objects.public,
            search=sections.Search(
                kind="decision",
                template="awards/includes/search_hit.html",
                snippet_fields=("excerpt", "achievement", "recipients_text"),
                date="date",
                related=("issuer",),
            ),
            sitemap=sections.Sitemap(
                items=Decision.objects.for_sitemap,
                lastmod="updated_at",
                pages=("awards:decision-list",),
            ),
            tracks=(Award, AwardForm, Unit, Recipient),
        )
