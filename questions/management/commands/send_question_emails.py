from django.core.management.base import BaseCommand

from questions.services import question_emails_send


class Command(BaseCommand):
    help = (
        "Send the emails to citizens waiting in the outbox; a failed send is "
        "logged and retried later with a growing delay. Run it every few minutes "
        "(cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        counts = question_emails_send()
        self.stdout.write(
            f"Sent {counts['sent']}, to retry {counts['retry']}, "
            f"given up {counts['failed']}."
        )
