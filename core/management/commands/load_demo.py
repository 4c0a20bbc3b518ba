from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = (
        "Load the demo content of every app that has a demo module, in the "
        "order of INSTALLED_APPS (idempotent: running it again changes nothing)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        for app_config in apps.get_app_configs():
            if not module_has_submodule(app_config.module, "demo"):
                continue
            summary = import_module(f"{app_config.name}.demo").load()
            self.stdout.write(
                self.style.SUCCESS(f"Demo {app_config.verbose_name}: {summary}.")
            )
