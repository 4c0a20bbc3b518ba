from django.conf import settings
from django.core.management.base import BaseCommand

from questions.services import question_personal_data_purge


class Command(BaseCommand):
    help = (
        "Delete the contact details, attachments and emails of questions received "
        "more than QUESTIONS_RETENTION_DAYS days ago (Decree 13/2023/ND-CP). Run daily."
    )

    def handle(self, *args, **options):
        count = question_personal_data_purge()
        self.stdout.write(
            f"Personal data removed from {count} question(s) older than "
            f"{settings.QUESTIONS_RETENTION_DAYS} days."
        )
