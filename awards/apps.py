from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Commendations")

    def ready(self):
        from portal.cache import track_content

        from .models import Award, AwardForm, Decision, IssuingBody, Recipient

        # Public pages (an article's commendations, the honour roll) are cached
        # under the content version: any change to the registry starts a new one.
        track_content(Award, AwardForm, Decision, IssuingBody, Recipient)
