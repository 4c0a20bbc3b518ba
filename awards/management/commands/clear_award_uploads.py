from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import ngettext

from awards.services import import_uploads_clear


class Command(BaseCommand):
    help = (
        "Delete the admin's import previews too old to be confirmed (older than "
        "an hour). The admin also does it on each new import; run this from cron."
    )

    def handle(self, *args, **options):
        translation.activate("vi")
        count = import_uploads_clear()
        self.stdout.write(
            ngettext(
                "%(count)d expired import preview deleted.",
                "%(count)d expired import previews deleted.",
                count,
            )
            % {"count": count}
        )
