from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Commendations")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from portal.cache import content_changed

        from .models import Award, AwardForm, Decision, IssuingBody, Recipient

        # Public pages (the menu, an article's commendations) are cached under
        # the content version: any change to the registry starts a new one.
        for model in (Award, AwardForm, Decision, IssuingBody, Recipient):
            post_save.connect(
                content_changed,
                sender=model,
                dispatch_uid=f"content-{model.__name__}-saved",
            )
            post_delete.connect(
                content_changed,
                sender=model,
                dispatch_uid=f"content-{model.__name__}-deleted",
            )
