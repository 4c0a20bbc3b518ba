from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from awards.services import MAX_FILE_BYTES, AwardsImportError, awards_import
from core.progress import write_progress


class Command(BaseCommand):
    help = (
        "Import commendations from an .xlsx file (one row per recipient). "
        "Nothing is written if any row is wrong; re-importing adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx file.")
        status = parser.add_mutually_exclusive_group()
        status.add_argument(
            "--publish",
            action="store_true",
            help="Record new decisions as issued (public) at once.",
        )
        status.add_argument(
            "--draft",
            action="store_true",
            help="Record new decisions as drafts, not public (the default).",
        )

    def handle(self, *args, file, publish, draft, **options):
        draft = not publish
        translation.activate("vi")
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("File not found: %(file)s") % {"file": file})
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(
                _("The file is too large: at most %(size)s MB.")
                % {"size": MAX_FILE_BYTES // (1024 * 1024)}
            )
        try:
            with path.open("rb") as handle:
                report = awards_import(file=handle, draft=draft, progress=self.progress)
        except AwardsImportError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                _("Nothing was imported: %(count)s errors in the file.")
                % {"count": len(exc.errors)}
            ) from None
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(str(warning)))
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Imported %(rows)s rows: %(new_decisions)s new decisions "
                    "(%(old_decisions)s already recorded), %(new_awards)s new "
                    "recipients (%(old_awards)s already recorded)."
                )
                % {
                    "rows": report.rows,
                    "new_decisions": report.decisions_created,
                    "old_decisions": report.decisions_existing,
                    "new_awards": report.awards_created,
                    "old_awards": report.awards_existing,
                }
            )
        )

    def progress(self, done, total):
        write_progress(self.stdout, done, total)
