from django.core.management.base import BaseCommand

from news.most_read import flush_views


class Command(BaseCommand):
    help = (
        "Move the article views counted in the cache to the database. Pages do "
        "this once a minute by themselves; run it from cron or before a cache "
        "restart."
    )

    def handle(self, *args, **options):
        added = flush_views()
        self.stdout.write(f"{added} article views moved to the database.")
