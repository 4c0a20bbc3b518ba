from django.core.management.base import BaseCommand

from siteblocks.visits import flush_visits


class Command(BaseCommand):
    help = (
        "Move the visits counted in the cache to the database. Pages do this "
        "once a minute by themselves; run it from cron or before a cache restart."
    )

    def handle(self, *args, **options):
        moved = flush_visits()
        self.stdout.write(f"{moved} visits moved to the database.")
